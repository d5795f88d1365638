// An rsync destination: `rsync` run as a child process (posix_spawnp, no shell), over ssh for
// host:path, or copying to a local path when publish.toml says method = "rsync". rsync writes each
// file under a temporary name and renames it into place, so a web server sees each file whole.
#include <fcntl.h>
#include <sys/stat.h>
#include <spawn.h>
#include <stdlib.h>
#include <sys/wait.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "feed/feed_json.h"
#include "platform/files.h"
#include "upload_destinations.h"

extern char** environ;

namespace kiosk::publish::detail {
namespace {

namespace fs = std::filesystem;

constexpr const char* kTimeout = "--timeout=60";  // seconds without I/O before rsync gives up
constexpr int kPartialTransfer = 23;             // rsync: some files were not there (or not readable)
constexpr std::size_t kMaxOutputBytes = 1 << 20;

struct Run {
  int exit_code = 0;
  std::string out;
  std::string err;
};

// The last lines of what rsync said, for a message.
std::string last_words(const std::string& err) {
  std::string text = err;
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  if (text.size() > 600) text = "..." + text.substr(text.size() - 600);
  return text.empty() ? "(rsync said nothing)" : text;
}

class RsyncDestination final : public Destination {
 public:
  explicit RsyncDestination(std::string to) : to_(std::move(to)) {
    char pattern[] = "/tmp/kiosk-feed-rsync-XXXXXX";
    if (::mkdtemp(pattern)) scratch_ = pattern;
  }
  ~RsyncDestination() override {
    std::error_code ec;
    if (!scratch_.empty()) fs::remove_all(scratch_, ec);
  }

  Result<std::optional<Published>> read_published() override {
    const fs::path in = scratch_ / "published";
    std::error_code ec;
    fs::create_directories(in, ec);
    auto run = rsync({"-t", remote("feed.json"), remote("feed.json.minisig"), in.string() + "/"});
    if (!run) return run.error();
    FileProblem problem;
    auto manifest = read_file(in / "feed.json", feed::kMaxManifestBytes, "the published feed", &problem);
    if (run->exit_code != 0 && !(run->exit_code == kPartialTransfer && problem.kind == FileProblem::Kind::kMissing)) {
      return failure("cannot read " + remote("feed.json"), *run);
    }
    if (!manifest) {
      if (problem.kind == FileProblem::Kind::kMissing) return std::optional<Published>();
      return manifest.error();
    }
    auto signature = read_file(in / "feed.json.minisig", feed::kMaxManifestBytes, "the published signature");
    struct stat st {};  // -t kept the destination's time
    const std::int64_t modified = ::stat((in / "feed.json").c_str(), &st) == 0 ? st.st_mtime : 0;
    return std::optional<Published>(Published{*manifest, signature ? *signature : std::string(), modified});
  }

  Result<ObjectsSent> send_objects(const std::string& objects_dir) override {
    auto names = files_in(objects_dir);
    if (!names) return names.error();
    // --ignore-existing: an object is named by its SHA-256 and renamed into place whole, so one
    // there is the same. --out-format lists each file sent.
    auto run = rsync({"-rt", "--ignore-existing", "--mkpath", "--chmod=D755,F644", "--out-format=%n",
                      objects_dir + "/", remote("objects/")});
    if (!run) return run.error();
    if (run->exit_code != 0) return failure("cannot send the pictures to " + remote("objects/"), *run);
    ObjectsSent sent;
    std::istringstream lines(run->out);
    for (std::string name; std::getline(lines, name);) {
      std::error_code ec;
      const auto size = fs::file_size(fs::path(objects_dir) / name, ec);
      if (ec) continue;  // a folder line, should there be one
      ++sent.sent;
      sent.bytes += size;
    }
    sent.present = names->size() - std::min(sent.sent, names->size());
    return sent;
  }

  Status put_file(const std::string& name, const std::string& bytes, std::int64_t modified) override {
    const fs::path out = scratch_ / "out";
    std::error_code ec;
    fs::create_directories(out, ec);
    {
      std::ofstream file(out / name, std::ios::binary | std::ios::trunc);
      file << bytes;
      if (!file.flush()) return make_error("cannot write " + (out / name).string() + " to send it");
    }
    const timespec times[2] = {{static_cast<time_t>(modified), 0}, {static_cast<time_t>(modified), 0}};
    ::utimensat(AT_FDCWD, (out / name).c_str(), times, 0);  // -t gives it to the destination's copy
    // --ignore-times: a new feed.json may have the old one's size and second.
    auto run = rsync({"-t", "--ignore-times", "--mkpath", "--chmod=F644", (out / name).string(), remote(name)});
    if (!run) return run.error();
    if (run->exit_code != 0) return failure("cannot send " + name + " to " + remote(name), *run);
    return {};
  }

 private:
  std::string remote(const std::string& name) const { return to_ + (!to_.empty() && to_.back() == '/' ? "" : "/") + name; }

  static Error failure(const std::string& what, const Run& run) {
    return make_error(what + ": rsync exited with " + std::to_string(run.exit_code) + ": " + last_words(run.err));
  }

  // rsync with `args`, its output collected in files in the scratch folder.
  Result<Run> rsync(std::vector<std::string> args) {
    if (scratch_.empty()) return make_error("cannot make a temporary folder in /tmp for rsync");
    args.insert(args.begin(), {"rsync", kTimeout});
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    const fs::path out = scratch_ / "rsync.out";
    const fs::path err = scratch_ / "rsync.err";
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    posix_spawn_file_actions_addopen(&actions, 2, err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    pid_t pid = 0;
    const int spawned = posix_spawnp(&pid, "rsync", &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (spawned != 0) {
      return make_error(std::string("cannot run rsync (Debian package rsync): ") + std::strerror(spawned));
    }
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    Run run;
    run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    auto text = read_file(out, kMaxOutputBytes, "rsync's output");
    run.out = text ? *text : "";
    text = read_file(err, kMaxOutputBytes, "rsync's errors");
    run.err = text ? *text : "";
    return run;
  }

  std::string to_;
  fs::path scratch_;
};

}  // namespace

std::unique_ptr<Destination> rsync_destination(const std::string& to) { return std::make_unique<RsyncDestination>(to); }

}  // namespace kiosk::publish::detail
