// SRC/publish.toml: where kiosk-feed publish uploads, with which key.
#include <toml++/toml.h>

#include <cstdlib>
#include <filesystem>
#include <set>

#include "platform/files.h"
#include "platform/toml_depth.h"
#include "platform/toml_plain_error.h"
#include "publish/upload.h"

namespace kiosk::publish {
namespace {

namespace fs = std::filesystem;

constexpr std::size_t kMaxConfigBytes = 64 * 1024;
constexpr std::int64_t kMaxKeepDays = 365;
constexpr const char* kKeys = "to, method, key, user, keep_old_objects_days, staging";
constexpr const char* kExample =
    "write it with the destination and the key, e.g.\n"
    "  to = \"https://web.example.org/kiosk/\"   # or \"staff@web.example.org:/var/www/kiosk\", or \"/srv/www/kiosk\"\n"
    "  key = \"/home/staff/kiosk-feed.key\"\n"
    "  user = \"kiosk\"                          # for https:// only";

bool starts_with(const std::string& s, const char* prefix) { return s.rfind(prefix, 0) == 0; }

// How `to` is reached when publish.toml does not say: a URL by WebDAV, host:path (a colon before any
// slash, as rsync and scp read it) by rsync over ssh, anything else is a folder.
UploadMethod method_of(const std::string& to) {
  if (starts_with(to, "http://") || starts_with(to, "https://")) return UploadMethod::kWebDav;
  if (starts_with(to, "rsync://")) return UploadMethod::kRsync;
  const auto colon = to.find(':');
  return colon != std::string::npos && colon < to.find('/') ? UploadMethod::kRsync : UploadMethod::kFolder;
}

const char* method_name(UploadMethod method) {
  switch (method) {
    case UploadMethod::kFolder: return "folder";
    case UploadMethod::kRsync: return "rsync";
    case UploadMethod::kWebDav: return "webdav";
  }
  return "?";
}

// A path as staff write it: ~/ is their home, a relative path is taken from the source folder.
std::string local_path(const std::string& written, const fs::path& source_dir) {
  if (starts_with(written, "~/")) {
    const char* home = std::getenv("HOME");
    if (home && *home) return (fs::path(home) / written.substr(2)).lexically_normal().string();
  }
  return fs::absolute(source_dir / written).lexically_normal().string();
}

class Reader {
 public:
  Reader(const toml::table& root, std::string file) : root_(root), file_(std::move(file)) {}

  std::optional<std::string> text(const char* key) {
    const auto* node = root_.get(key);
    if (!node) return std::nullopt;
    const auto value = node->value_exact<std::string>();
    if (!value || value->empty()) {
      report(*node, std::string(key) + " must be text in quotes, not empty");
      return std::nullopt;
    }
    return value;
  }
  std::optional<std::int64_t> whole_number(const char* key, std::int64_t max) {
    const auto* node = root_.get(key);
    if (!node) return std::nullopt;
    const auto value = node->value_exact<std::int64_t>();
    if (!value || *value < 0 || *value > max) {
      report(*node, std::string(key) + " must be a whole number from 0 to " + std::to_string(max));
      return std::nullopt;
    }
    return value;
  }
  void report(const toml::node& at, const std::string& problem) { report(at.source().begin.line, problem); }
  void report(std::size_t line, const std::string& problem) {
    problems_ += (problems_.empty() ? "" : "\n") + file_ + ":" + std::to_string(line) + ": " + problem;
  }
  const std::string& problems() const { return problems_; }

 private:
  const toml::table& root_;
  std::string file_;
  std::string problems_;
};

}  // namespace

Result<PublishConfig> read_publish_config(const std::string& source_dir) {
  fs::path src = fs::absolute(source_dir).lexically_normal();
  if (!src.has_filename()) src = src.parent_path();  // "kiosk/": its staging is kiosk.published, not kiosk/.published
  const fs::path path = src / kPublishFile;
  const std::string name = kPublishFile;
  FileProblem problem;
  auto text = read_file(path, kMaxConfigBytes, "the publishing settings", &problem);
  if (!text) {
    if (problem.kind == FileProblem::Kind::kMissing) {
      return make_error(path.string() + " is missing: " + kExample);
    }
    return text.error();
  }
  if (const auto deep = find_too_deep_toml(*text)) return make_error(name + ":" + std::to_string(deep->line) + ": " + deep->message);
  toml::table root;
  try {
    root = toml::parse(*text, name);
  } catch (const toml::parse_error& e) {
    const auto at = e.source().begin;
    return make_error(name + ":" + std::to_string(at.line) + ": " + plain_toml_error(e.description(), *text, at.line, at.column));
  }
  Reader reader(root, name);
  for (auto&& [key, node] : root) {
    static const std::set<std::string_view> kKnown = {"to", "method", "key", "user", "keep_old_objects_days", "staging"};
    if (!kKnown.count(key.str())) {
      reader.report(key.source().begin.line, "unknown key '" + std::string(key.str()) + "'; the keys are " + kKeys);
    }
  }
  PublishConfig config;
  const auto to = reader.text("to");
  const auto key = reader.text("key");
  if (to) {
    config.to = *to;
    config.method = method_of(*to);
    if (config.method == UploadMethod::kFolder) config.to = local_path(*to, src);
  }
  if (const auto method = reader.text("method")) {
    const auto* at = root.get("method");
    if (*method != "folder" && *method != "rsync" && *method != "webdav") {
      reader.report(*at, "method must be \"folder\", \"rsync\" or \"webdav\" (or left out: to says which)");
    } else if (to && *method == "rsync" && config.method == UploadMethod::kFolder) {
      config.method = UploadMethod::kRsync;  // rsync copying to a local path (a mounted share)
    } else if (to && *method != method_name(config.method)) {
      reader.report(*at, "method = \"" + *method + "\" cannot reach to = \"" + *to +
                             "\"; webdav takes an https:// address, folder a path, rsync host:path or a path");
    }
  }
  if (key) config.key = local_path(*key, src);
  config.user = reader.text("user");
  if (config.user && to && config.method != UploadMethod::kWebDav) {
    reader.report(*root.get("user"), "user is for an https:// destination (WebDAV); rsync over ssh takes it in to = \"user@host:/path\"");
  }
  if (const auto days = reader.whole_number("keep_old_objects_days", kMaxKeepDays)) {
    config.keep_old_objects = std::chrono::hours(24 * *days);
  }
  const auto staging = reader.text("staging");
  config.staging = staging ? local_path(*staging, src) : src.string() + ".published";
  std::string missing;
  if (!root.get("to")) missing += "\n" + name + ": to is missing: where to publish; " + kExample;
  if (!root.get("key")) missing += "\n" + name + ": key is missing: the secret key file from kiosk-feed keygen";
  if (!reader.problems().empty() || !missing.empty()) {
    return make_error(reader.problems() + (reader.problems().empty() ? missing.substr(1) : missing));
  }
  return config;
}

}  // namespace kiosk::publish
