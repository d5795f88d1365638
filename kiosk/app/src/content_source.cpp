#include "app/content_source.h"

#include <unistd.h>

#include <filesystem>

#include "cache/cache.h"
#include "feed/feed_json.h"
#include "platform/files.h"
#include "platform/log.h"

namespace kiosk::app {

namespace fs = std::filesystem;

Result<LoadedContent> load_default_content(const AssetPaths& assets) {
  const std::string path = assets.default_feed();
  auto text = read_file(path, feed::kMaxManifestBytes, "default content");
  if (!text) return text.error();
  auto feed = feed::parse_feed(*text);
  if (!feed) return make_error("default content " + path + ": " + feed.error().message);
  LoadedContent loaded;
  loaded.content = std::move(feed->content);
  loaded.origin = {true, feed->version, 0, feed->expires};
  return loaded;
}

Result<LoadedContent> load_content(const config::Config& config, const AssetPaths& assets) {
  std::error_code ec;
  const bool exists = fs::exists(config.database, ec);
  if (ec) {
    // A folder the kiosk may not enter is not "no cache yet": say what stops it.
    log::error("the content cache " + config.database + " cannot be reached: " + ec.message() +
               " (the kiosk runs as the kiosk user, which kiosk-sync's files are for); showing the built-in default content");
    return load_default_content(assets);
  }
  if (!exists) {
    log::info("no content cache at " + config.database + " yet; showing the built-in default content");
    return load_default_content(assets);
  }
  auto cache = cache::Cache::open_read_only(config.database);
  if (!cache) {
    log::error(cache.error().message + "; showing the built-in default content");
    return load_default_content(assets);
  }
  auto snapshot = cache->read_current();
  if (!snapshot) {
    log::error(snapshot.error().message + "; showing the built-in default content");
    return load_default_content(assets);
  }
  if (!snapshot->has_value()) {
    log::info("the content cache " + config.database + " holds no content yet; showing the built-in default content");
    return load_default_content(assets);
  }
  auto& snap = **snapshot;
  LoadedContent loaded;
  loaded.content = std::move(snap.content);
  loaded.origin = {false, snap.info.version, snap.info.applied_at, snap.info.expires};
  if (auto state = cache->sync_state()) {
    loaded.origin.last_sync_unix = state->last_success;
    loaded.origin.marked_stale = state->marked_stale;
  }
  log::info("showing content version " + std::to_string(snap.info.version) + " from " + config.database);
  return loaded;
}

}  // namespace kiosk::app
