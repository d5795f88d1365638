#include "app/content_watch.h"

#include <sys/stat.h>


#include "platform/log.h"

namespace kiosk::app {

namespace {

std::optional<std::pair<dev_t, ino_t>> identity(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return std::nullopt;
  return std::pair(st.st_dev, st.st_ino);
}

}  // namespace

bool ContentWatch::changed() {
  const bool first = first_;
  first_ = false;
  if (cache_ && identity(database_) != file_) {
    // Moved aside (damaged) or replaced: the open connection reads a file nobody writes any more.
    log::info("the cache " + database_ + " was replaced; reopening it");
    cache_.reset();
    seen_.reset();
    if (const auto now = identity(database_)) {
      if (auto opened = cache::Cache::open_read_only(database_)) {
        cache_.emplace(std::move(*opened));
        file_ = *now;
        if (auto v = cache_->data_version()) seen_ = *v;
      }
    }
    return true;
  }
  if (!cache_) {
    const auto id = identity(database_);
    if (!id) return false;
    auto opened = cache::Cache::open_read_only(database_);
    if (!opened) return false;
    cache_.emplace(std::move(*opened));
    file_ = *id;
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
