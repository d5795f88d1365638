#include "app/content_watch.h"

#include <filesystem>

#include "platform/log.h"

namespace kiosk::app {

bool ContentWatch::changed() {
  const bool first = first_;
  first_ = false;
  if (!cache_) {
    std::error_code ec;
    if (!std::filesystem::exists(database_, ec)) return false;
    auto opened = cache::Cache::open(database_);
    if (!opened) return false;
    cache_.emplace(std::move(*opened));
    // A cache that appears while running is news; one that was there at start is not.
    if (!first) {
      seen_ = cache_->data_version().ok() ? std::optional<std::int64_t>(*cache_->data_version()) : std::nullopt;
      return true;
    }
  }
  auto version = cache_->data_version();
  if (!version) {
    log::warning("watching the cache: " + version.error().message);
    return false;
  }
  const bool news = seen_ && *seen_ != *version;
  seen_ = *version;
  return news;
}

}  // namespace kiosk::app
