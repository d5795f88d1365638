// kiosk-feed publish: build, sign and upload in one step, to the destination written once in the
// source folder's publish.toml (docs/staff-guide.md, "Udgiv"):
//
//   to = "/srv/www/kiosk"                          a local folder (or a mounted share)
//   to = "staff@web.example.org:/var/www/kiosk"    rsync over ssh
//   to = "https://web.example.org/kiosk/"          HTTP PUT (WebDAV, nginx dav_methods PUT)
//   key = "/home/staff/kiosk-feed.key"             the secret key, as kiosk-feed build --key
//   user = "kiosk"                                 WebDAV basic auth
//   method = "rsync"                               only to make rsync copy to a local path
//   keep_old_objects_days = 7                      as kiosk-feed build --keep-old-objects
//
// The build goes into a folder beside the source folder, <SRC>.published (build refuses a published
// folder inside the source folder), exactly as `kiosk-feed build SRC <SRC>.published` would: it keeps
// the last published build, its version and the pictures earlier versions still need. The new version
// is above that folder's and above the destination's feed.json when that can be read.
//
// The upload sends what the destination lacks of objects/ first, then keys.json and its signature when
// the build has them, then feed.json.minisig and feed.json last; each file is replaced whole (a
// rename, nginx's temp file, rsync's temp file), so a kiosk sees the old pair, the new pair, or for a
// moment the new signature with the old manifest, which it fetches again. The new feed.json's
// modification time is at least a second after the old one's: a web server's ETag (nginx: time and
// size) then differs even when two versions of the same size are published within one second, so a
// kiosk's conditional request never takes the new manifest for the old. A failed upload stops
// before feed.json, so the destination keeps serving its old manifest, every object of which is still
// there: publish never deletes anything at the destination. When feed.json itself is refused, the old
// signature is put back.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "feed/minisign.h"
#include "platform/clock.h"
#include "platform/result.h"
#include "publish/build.h"

namespace kiosk::publish {

inline constexpr const char* kPublishFile = "publish.toml";

enum class UploadMethod { kFolder, kRsync, kWebDav };

// SRC/publish.toml, read.
struct PublishConfig {
  std::string to;  // as written
  UploadMethod method = UploadMethod::kFolder;
  std::string key;                  // the secret key file; a relative path is taken from SRC
  std::optional<std::string> user;  // WebDAV basic auth
  std::chrono::seconds keep_old_objects = kDefaultKeepOldObjects;
  std::string staging;  // the last published build: <SRC>.published
};

// Reads SRC/publish.toml. Each mistake is named with its line ("publish.toml:3: ..."); a missing
// file is named with an example of what to write.
Result<PublishConfig> read_publish_config(const std::string& source_dir);

// What the destination serves now.
struct Published {
  std::string manifest;   // feed.json
  std::string signature;  // feed.json.minisig; empty when there is none
  std::int64_t modified = 0;  // feed.json's modification time (unix seconds), 0 when unknown
};

struct ObjectsSent {
  std::size_t sent = 0;     // objects the destination lacked
  std::size_t present = 0;  // objects it had already
  std::uint64_t bytes = 0;  // of the objects sent
};

// Where a build is published. Every failure names the file, the destination and the words of the
// server, libcurl or rsync.
class Destination {
 public:
  virtual ~Destination() = default;
  // feed.json and its signature as the destination has them; nothing when it has no feed.json.
  virtual Result<std::optional<Published>> read_published() = 0;
  // Sends the files of the folder `objects_dir` that objects/ at the destination lacks.
  virtual Result<ObjectsSent> send_objects(const std::string& objects_dir) = 0;
  // Replaces the top-level file `name` whole with `bytes`, modified at `modified` (unix seconds).
  virtual Status put_file(const std::string& name, const std::string& bytes, std::int64_t modified) = 0;
};

// The WebDAV password: from --upload-password-file, $KIOSK_FEED_UPLOAD_PASSWORD, or, when nothing,
// libcurl reads ~/.netrc (or `netrc_file`) for the host and user.
struct UploadCredentials {
  std::optional<std::string> password;
  std::string netrc_file;  // empty: ~/.netrc
};

// The destination `config` names. WebDAV needs libcurl started (fetch::CurlLibrary). A password is
// refused over plain http to a host other than this machine.
Result<std::unique_ptr<Destination>> open_destination(const PublishConfig& config, const UploadCredentials& credentials);

struct UploadReport {
  ObjectsSent objects;
  std::size_t files = 0;  // top-level files put: the manifest, its signature, keys.json's
};

// Uploads the published folder `built_dir` in the order at the top of this file. `before` is what the
// destination served (its signature is put back when feed.json is refused).
Result<UploadReport> upload(Destination& destination, const std::string& built_dir, const std::optional<Published>& before);

struct PublishOptions {
  std::string source_dir;
  WallTime now;                          // issued
  std::optional<int> expires_days;       // overrides content.toml's [feed] expires_days
  std::function<void(std::size_t, std::size_t)> progress;  // pictures prepared: (done, total)
};

struct PublishReport {
  BuildReport build;
  UploadReport upload;
  std::optional<std::uint64_t> replaced;  // the version the destination served before, when readable
  std::string staging;                    // where the build was kept
  std::vector<std::string> notes;         // e.g. that the destination's feed.json could not be read
};

// Asked for the secret key once the feed is assembled (its warnings may be reason to stop first).
using KeyLoader = std::function<Result<feed::minisign::SecretKey>(const Assembled&)>;

// Builds SRC into config.staging with a version above what is published, signs it, and uploads it.
Result<PublishReport> publish(const PublishOptions& options, const PublishConfig& config, Destination& destination,
                              const KeyLoader& key);

}  // namespace kiosk::publish
