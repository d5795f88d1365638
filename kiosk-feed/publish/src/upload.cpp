// kiosk-feed publish: the build into the staging folder, the version above what is published, and
// the upload's order (publish/upload.h).
#include "publish/upload.h"

#include <algorithm>
#include <ctime>
#include <filesystem>

#include "feed/feed_json.h"
#include "platform/files.h"
#include "upload_destinations.h"

namespace kiosk::publish {
namespace {

namespace fs = std::filesystem;

// keys.json and its signature (docs/keys.md), when the build carries them: before the manifest, which
// may be signed by a key only they make trusted.
constexpr const char* kKeysFiles[] = {"keys.json", "keys.json.minisig"};

// A failure before feed.json was sent: the message, and what it leaves.
Error before_manifest(const Error& e) {
  return make_error(e.message + "\nfeed.json was not sent: the destination serves what it did before");
}

}  // namespace

Result<std::unique_ptr<Destination>> open_destination(const PublishConfig& config, const UploadCredentials& credentials) {
  switch (config.method) {
    case UploadMethod::kFolder: return detail::folder_destination(config.to);
    case UploadMethod::kRsync: return detail::rsync_destination(config.to);
    case UploadMethod::kWebDav: return detail::webdav_destination(config.to, config.user, credentials);
  }
  return make_error("unknown upload method");
}

Result<UploadReport> upload(Destination& destination, const std::string& built_dir, const std::optional<Published>& before) {
  const fs::path built = built_dir;
  UploadReport report;
  // After the old feed.json's time, so the new one's ETag differs (see the top of upload.h).
  const std::int64_t modified = std::max<std::int64_t>(std::time(nullptr), before ? before->modified + 1 : 0);
  auto objects = destination.send_objects((built / "objects").string());
  if (!objects) return before_manifest(objects.error());
  report.objects = *objects;
  const auto send = [&](const std::string& name) -> Status {
    auto bytes = read_file(built / name, feed::kMaxManifestBytes, "the built " + name);
    if (!bytes) return bytes.error();
    if (auto s = destination.put_file(name, *bytes, modified); !s) return s;
    ++report.files;
    return {};
  };
  for (const char* name : kKeysFiles) {
    std::error_code ec;
    if (!fs::exists(built / name, ec)) continue;
    if (auto s = send(name); !s) return before_manifest(s.error());
  }
  if (auto s = send("feed.json.minisig"); !s) return before_manifest(s.error());
  if (auto s = send("feed.json"); !s) {
    std::string message = s.error().message;
    if (before && !before->signature.empty()) {
      const auto restored = destination.put_file("feed.json.minisig", before->signature, modified);
      message += restored ? "\nThe old feed.json.minisig was put back: the destination serves what it did before"
                          : "\nThe old feed.json.minisig could not be put back (" + restored.error().message +
                                "): kiosks refuse the old feed.json with the new signature until a publish succeeds";
    }
    return make_error(message);
  }
  return report;
}

Result<PublishReport> publish(const PublishOptions& options, const PublishConfig& config, Destination& destination,
                              const KeyLoader& key) {
  PublishReport report;
  report.staging = config.staging;
  // What is published, before anything is built: an unreachable destination stops here.
  auto before = destination.read_published();
  if (!before) return before.error();
  if (*before) {
    auto served = feed::parse_feed((*before)->manifest);
    if (served) {
      report.replaced = served->version;
    } else {
      report.notes.push_back("the destination's feed.json cannot be read, so the version follows " + config.staging +
                             " alone (" + served.error().message.substr(0, served.error().message.find('\n')) + ")");
    }
  }
  auto staged = published_version(config.staging);
  if (!staged) return staged.error();

  BuildOptions build;
  build.source_dir = options.source_dir;
  build.out_dir = config.staging;
  build.now = options.now;
  build.expires_days = options.expires_days;
  build.keep_old_objects = config.keep_old_objects;
  build.progress = options.progress;
  build.version = std::max(staged->value_or(0), report.replaced.value_or(0)) + 1;
  auto assembled = assemble_feed(build);
  if (!assembled) return assembled.error();
  auto secret = key(*assembled);
  if (!secret) return secret.error();
  auto built = write_feed(*assembled, config.staging, *secret, config.keep_old_objects);
  if (!built) return built.error();
  report.build = *built;

  auto sent = upload(destination, config.staging, *before);
  if (!sent) return sent.error();
  report.upload = *sent;
  return report;
}

}  // namespace kiosk::publish
