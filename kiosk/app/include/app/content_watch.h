// Notices that kiosk-sync committed something to the cache, cheaply: SQLite's data_version on a
// connection the kiosk keeps open changes when another connection commits (a file's mtime would
// not: WAL writes leave the main file alone). Before the database exists, it looks for the file.
#pragma once

#include <optional>
#include <string>

#include "cache/cache.h"

namespace kiosk::app {

class ContentWatch {
 public:
  explicit ContentWatch(std::string database) : database_(std::move(database)) {}

  // True when the cache changed since the last call (or appeared). The first call only takes note.
  bool changed();

 private:
  std::string database_;
  std::optional<cache::Cache> cache_;
  std::optional<std::int64_t> seen_;
  bool first_ = true;
};

}  // namespace kiosk::app
