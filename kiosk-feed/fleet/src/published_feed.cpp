// The published version, from the feed itself: what the kiosks should all be showing.
#include <filesystem>

#include "feed/feed_json.h"
#include "fetch/webdav.h"
#include "fleet/reports_source.h"
#include "platform/files.h"

namespace kiosk::fleet {
namespace {

namespace fs = std::filesystem;

constexpr const char* kFeedFile = "feed.json";

Result<std::string> fetch_feed(const std::string& url) {
  // "https://host/kiosk/" or "https://host/kiosk/feed.json"
  const bool file = url.ends_with(".json");
  const std::string folder = file ? url.substr(0, url.rfind('/') + 1) : url;
  const std::string name = file ? url.substr(url.rfind('/') + 1) : kFeedFile;
  auto client = fetch::WebDavClient::open(folder, {}, {.request_timeout = std::chrono::seconds(60), .user_agent = "kiosk-feed",
                                                       .max_body_bytes = feed::kMaxManifestBytes});
  if (!client) return client.error();
  auto answer = client->get(name);
  if (!answer) return answer.error();
  if (answer->status != 200) return client->refused("GET", name, answer->status);
  return std::move(answer->body);
}

}  // namespace

Result<std::uint64_t> read_published_version(const std::string& feed) {
  std::string where = feed;
  Result<std::string> text = make_error("");
  if (is_url(feed)) {
    text = fetch_feed(feed);
  } else {
    std::error_code ec;
    where = fs::is_directory(feed, ec) ? (fs::path(feed) / kFeedFile).string() : feed;
    text = read_file(where, feed::kMaxManifestBytes, "the published feed");
  }
  if (!text) return text.error();
  auto parsed = feed::parse_feed(*text);
  if (!parsed) return make_error(where + ": not a published feed: " + parsed.error().message);
  return parsed->version;
}

}  // namespace kiosk::fleet
