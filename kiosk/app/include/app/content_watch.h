// Notices that kiosk-sync committed something to the cache, cheaply: SQLite's data_version on a
// connection the kiosk keeps open changes when another connection commits (a file's mtime would
// not: WAL writes leave the main file alone). Before the database exists, it looks for the file.
// When kiosk-sync moves a damaged cache aside and builds a fresh one, the file at the path is a new
// one: the watch notices the new inode, reopens, and reports a change.
#pragma once

#include <sys/types.h>

#include <optional>
#include <string>
#include <utility>

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
  std::pair<dev_t, ino_t> file_{};  // the file the open connection reads
  bool first_ = true;
};

}  // namespace kiosk::app
