// The content cache: one SQLite file (WAL, synchronous=FULL, foreign keys on) that kiosk-sync writes
// and the kiosk reads. It holds the current content version and the one before it; a version is
// written in one transaction, so a reader, a crash or a power cut sees the old or the new version,
// never a mix.
//
// Not thread-safe: one Cache per thread. Several processes may open the same file.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "model/content.h"
#include "platform/result.h"

struct sqlite3;

namespace kiosk::cache {

// The schema this program reads and writes (PRAGMA user_version). Opening migrates older files.
inline constexpr int kSchemaVersion = 1;

struct VersionInfo {
  std::uint64_t version = 0;
  std::int64_t issued = 0;      // unix seconds, from the feed
  std::int64_t expires = 0;     // unix seconds, from the feed
  std::int64_t applied_at = 0;  // unix seconds, when this cache committed it
  std::string source;
};

// One content version as read in one read transaction.
struct Snapshot {
  VersionInfo info;
  model::Content content;
  std::vector<model::AssetRef> assets;
};

class Cache {
 public:
  // Opens (creating if needed) and migrates the database at `path`. Errors name the path and carry
  // SQLite's message; a file from a newer program (higher user_version) is refused, not touched.
  static Result<Cache> open(const std::string& path);

  Cache(Cache&&) noexcept;
  Cache& operator=(Cache&&) noexcept;
  ~Cache();

  // Stores `feed` as the new current version in one transaction, keeping the previous current
  // version and deleting older ones. The feed is validated first. Refused when its version is not
  // newer than the current one. On any error nothing changes and the error names the step and
  // carries SQLite's message.
  Status apply(const model::Feed& feed, std::int64_t now_unix);

  // The current version, read in one read transaction; nullopt when no version was ever applied.
  // Content that no longer passes validation (a damaged file) is an error, never shown.
  Result<std::optional<Snapshot>> read_current();

  // Cheap: the current version number, or nullopt.
  Result<std::optional<std::uint64_t>> current_version();

  // The file's PRAGMA user_version.
  Result<int> schema_version();

 private:
  struct Db;
  explicit Cache(std::unique_ptr<Db> db);
  std::unique_ptr<Db> db_;
};

}  // namespace kiosk::cache
