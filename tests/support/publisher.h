// A published feed folder for the sync tests, as staff would publish it: feed.json signed with a
// key (feed.json.minisig) and objects/<sha256>. Served by an HttpTestServer or written to a folder.
#pragma once

#include <map>
#include <string>

#include "feed/minisign.h"
#include "http_test_server.h"
#include "model/content.h"

namespace kiosk::testing {

class Publisher {
 public:
  Publisher();  // with a fresh key pair

  const feed::minisign::KeyPair& keys() const { return keys_; }

  // Adds a picture to the store and returns its reference for the feed's `assets`.
  model::AssetRef add_object(const std::string& bytes, const std::string& media_type = "image/png");

  // Signs and publishes `feed` (its manifest text as to_json writes it). The ETag is derived from
  // the manifest, so an unchanged manifest answers 304 to a conditional GET.
  void publish(const model::Feed& feed);
  // Publishes raw manifest text (for broken feeds), signed by `signer`.
  void publish_text(const std::string& manifest, const feed::minisign::SecretKey& signer);
  void publish_text(const std::string& manifest) { publish_text(manifest, keys_.secret_key); }

  const std::string& manifest() const { return manifest_; }
  std::string& signature() { return signature_; }
  std::map<std::string, std::string>& objects() { return objects_; }

  // Routes /feed/feed.json, /feed/feed.json.minisig and /feed/objects/* on `server` to this folder
  // (what they serve follows later publish() calls).
  void serve(HttpTestServer& server);
  std::string feed_url(const HttpTestServer& server) const { return server.url("/feed/feed.json"); }
  // Writes the folder to `dir` (for kiosk-sync --import).
  void write_to(const std::string& dir) const;

 private:
  feed::minisign::KeyPair keys_;
  std::string manifest_;
  std::string signature_;
  std::map<std::string, std::string> objects_;
};

}  // namespace kiosk::testing
