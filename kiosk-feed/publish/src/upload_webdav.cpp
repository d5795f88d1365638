// A WebDAV destination: HEAD finds the objects the server has, PUT sends the rest and then the
// signature and the manifest, through one fetch::WebDavClient (the connection is kept for the whole
// upload). nginx writes a PUT to a temporary file and renames it into place: a reader sees each
// file whole.
#include <ctime>
#include <filesystem>

#include "feed/feed_json.h"
#include "fetch/webdav.h"
#include "model/validate.h"
#include "platform/files.h"
#include "upload_destinations.h"

namespace kiosk::publish::detail {
namespace {

namespace fs = std::filesystem;

class WebDavDestination final : public Destination {
 public:
  explicit WebDavDestination(fetch::WebDavClient client) : client_(std::move(client)) {}

  Result<std::optional<Published>> read_published() override {
    auto manifest = client_.get("feed.json");
    if (!manifest) return manifest.error();
    if (manifest->status == 404) return std::optional<Published>();
    if (manifest->status != 200) return client_.refused("GET", "feed.json", manifest->status);
    auto signature = client_.get("feed.json.minisig");
    if (!signature) return signature.error();
    return std::optional<Published>(
        Published{manifest->body, signature->status == 200 ? signature->body : std::string(), manifest->modified});
  }

  Result<ObjectsSent> send_objects(const std::string& objects_dir) override {
    auto names = files_in(objects_dir);
    if (!names) return names.error();
    ObjectsSent sent;
    for (const auto& name : *names) {
      const std::string path = "objects/" + name;
      std::error_code ec;
      const auto size = fs::file_size(fs::path(objects_dir) / name, ec);
      if (ec) return make_error("cannot read " + (fs::path(objects_dir) / name).string() + ": " + ec.message());
      auto head = client_.head(path);
      if (!head) return head.error();
      // An object is named by its SHA-256 and written whole: one there of the same size is the same.
      if (head->status == 200 && head->length == static_cast<std::int64_t>(size)) {
        ++sent.present;
        continue;
      }
      if (head->status != 200 && head->status != 404) return client_.refused("HEAD", path, head->status);
      auto bytes = read_file(fs::path(objects_dir) / name, model::Limits::kMaxAssetBytes, "the built picture");
      if (!bytes) return bytes.error();
      if (auto s = put_file(path, *bytes, std::time(nullptr)); !s) return s.error();
      ++sent.sent;
      sent.bytes += bytes->size();
    }
    return sent;
  }

  Status put_file(const std::string& name, const std::string& bytes, std::int64_t modified) override {
    auto put = client_.put(name, bytes, modified);
    if (!put) return put.error();
    if (put->status != 200 && put->status != 201 && put->status != 204) return client_.refused("PUT", name, put->status);
    return {};
  }

 private:
  fetch::WebDavClient client_;
};

}  // namespace

Result<std::unique_ptr<Destination>> webdav_destination(const std::string& url, const std::optional<std::string>& user,
                                                        const UploadCredentials& credentials) {
  // Only manifests are read back, never a larger file.
  auto client = fetch::WebDavClient::open(
      url, {.user = user.value_or(""), .password = credentials.password, .netrc_file = credentials.netrc_file},
      {.user_agent = "kiosk-feed", .max_body_bytes = feed::kMaxManifestBytes});
  if (!client) return client.error();
  return std::unique_ptr<Destination>(std::make_unique<WebDavDestination>(std::move(*client)));
}

}  // namespace kiosk::publish::detail
