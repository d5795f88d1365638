#include "publisher.h"


#include <filesystem>

#include "feed/feed_json.h"
#include "feed/hash.h"
#include "test_support.h"

namespace kiosk::testing {

using feed::sha256_hex;

Publisher::Publisher() : keys_(feed::minisign::generate_key_pair()) {}

model::AssetRef Publisher::add_object(const std::string& bytes, const std::string& media_type) {
  const std::string sha = sha256_hex(bytes);
  objects_[sha] = bytes;
  return {sha, bytes.size(), media_type};
}

void Publisher::publish(const model::Feed& feed) { publish_text(feed::to_json(feed)); }

void Publisher::publish_text(const std::string& manifest, const feed::minisign::SecretKey& signer) {
  manifest_ = manifest;
  signature_ = feed::minisign::sign(manifest_, signer, "kiosk feed");
}

void Publisher::serve(HttpTestServer& server) {
  server.route("/feed/feed.json", [this](const HttpRequest& req) {
    return HttpResponse::file(req, manifest_, "\"" + sha256_hex(manifest_).substr(0, 16) + "\"");
  });
  server.route("/feed/feed.json.minisig", [this](const HttpRequest&) { return HttpResponse::ok(signature_, "text/plain"); });
  server.set_fallback([this](const HttpRequest& req) {
    const std::string prefix = "/feed/objects/";
    if (req.path.rfind(prefix, 0) == 0) {
      const auto it = objects_.find(req.path.substr(prefix.size()));
      if (it != objects_.end()) return HttpResponse::ok(it->second);
    }
    return HttpResponse::status_only(404);
  });
}

void Publisher::write_to(const std::string& dir) const {
  std::filesystem::create_directories(dir + "/objects");
  write_file(dir + "/feed.json", manifest_);
  write_file(dir + "/feed.json.minisig", signature_);
  for (const auto& [sha, bytes] : objects_) write_file(dir + "/objects/" + sha, bytes);
}

}  // namespace kiosk::testing
