// A folder destination: the published folder is copied into it file by file, each written under a
// temporary name, flushed to the disk and renamed into place, so a web server serving the folder
// sees each file whole.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>

#include "feed/feed_json.h"
#include "model/validate.h"
#include "platform/files.h"
#include "upload_destinations.h"

namespace kiosk::publish::detail {
namespace {

namespace fs = std::filesystem;

class FolderDestination final : public Destination {
 public:
  explicit FolderDestination(fs::path folder) : folder_(std::move(folder)) {}

  Result<std::optional<Published>> read_published() override {
    if (auto s = exists(); !s) return s.error();
    FileProblem problem;
    auto manifest = read_file(folder_ / "feed.json", feed::kMaxManifestBytes, "the published feed", &problem);
    if (!manifest) {
      if (problem.kind == FileProblem::Kind::kMissing) return std::optional<Published>();
      return manifest.error();
    }
    auto signature = read_file(folder_ / "feed.json.minisig", feed::kMaxManifestBytes, "the published signature", &problem);
    struct stat st {};
    const std::int64_t modified = ::stat((folder_ / "feed.json").c_str(), &st) == 0 ? st.st_mtime : 0;
    return std::optional<Published>(Published{*manifest, signature ? *signature : std::string(), modified});
  }

  Result<ObjectsSent> send_objects(const std::string& objects_dir) override {
    if (auto s = exists(); !s) return s.error();
    auto names = files_in(objects_dir);
    if (!names) return names.error();
    const fs::path target = folder_ / "objects";
    std::error_code ec;
    fs::create_directories(target, ec);
    if (ec) return make_error("cannot create " + target.string() + ": " + ec.message());
    ObjectsSent sent;
    for (const auto& name : *names) {
      const auto source = fs::path(objects_dir) / name;
      // An object is named by its SHA-256 and written whole: one there of the same size is the same.
      std::error_code there_ec, here_ec;
      const auto there = fs::file_size(target / name, there_ec);
      if (!there_ec && there == fs::file_size(source, here_ec) && !here_ec) {
        ++sent.present;
        continue;
      }
      auto bytes = read_file(source, model::Limits::kMaxAssetBytes, "the built picture");
      if (!bytes) return bytes.error();
      if (auto s = replace_file(target / name, *bytes); !s) return s.error();
      ++sent.sent;
      sent.bytes += bytes->size();
    }
    return sent;
  }

  Status put_file(const std::string& name, const std::string& bytes, std::int64_t modified) override {
    if (auto s = exists(); !s) return s;
    return replace_file(folder_ / name, bytes, modified);
  }

 private:
  // The folder is not made: a share that is not mounted would be written to the mount point instead.
  Status exists() const {
    std::error_code ec;
    if (fs::is_directory(folder_, ec)) return {};
    return make_error("the destination folder " + folder_.string() + " does not exist (is the share mounted?); make it first");
  }

  fs::path folder_;
};

}  // namespace

std::unique_ptr<Destination> folder_destination(const std::string& folder) { return std::make_unique<FolderDestination>(folder); }

Result<std::vector<std::string>> files_in(const std::string& dir) {
  std::vector<std::string> names;
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    if (it->is_regular_file(ec)) names.push_back(it->path().filename().string());
  }
  if (ec) return make_error("cannot list " + dir + ": " + ec.message());
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace kiosk::publish::detail
