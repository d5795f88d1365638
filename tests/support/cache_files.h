// Cache files as an older program left them, for the tests of the cache's readers (the display,
// `kiosk-sync --status`). Header-only; the test links SQLite and kiosk_cache.
#pragma once

#include <sqlite3.h>

#include <catch2/catch.hpp>
#include <string>

#include "cache/cache.h"
#include "feed/feed_json.h"
#include "test_support.h"
#include "untranslated.h"

namespace kiosk::testing {

// The built-in default feed as version `version`.
inline model::Feed default_feed_as_version(std::uint64_t version) {
  auto f = feed::parse_feed(default_feed_text());
  REQUIRE(f.ok());
  f->version = version;
  return *f;
}

// The cache at `path`, opened as kiosk-sync opens it; fails the test when it cannot be.
inline cache::Cache open_cache(const std::string& path) {
  auto c = cache::Cache::open(path);
  if (!c) FAIL(c.error().message);
  return std::move(*c);
}

// The content of the cache's current version; fails the test when there is none or it is refused.
inline model::Content current_content(cache::Cache& cache) {
  auto snap = cache.read_current();
  if (!snap) FAIL(snap.error().message);
  REQUIRE(snap->has_value());
  return (*snap)->content;
}

// Runs SQL on a raw connection of its own: for what the program itself never does.
inline void sql_on_file(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
  char* err = nullptr;
  const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err);
  INFO((err ? err : ""));
  sqlite3_free(err);
  sqlite3_close(db);
  REQUIRE(rc == SQLITE_OK);
}

// What a reader of the cache at `path` finds, as bytes: the file and its write-ahead log, where a
// write stays until a checkpoint copies it into the file.
inline std::string cache_bytes(const std::string& path) { return read_file(path) + "\n-wal:\n" + read_file(path + "-wal"); }

// `feed` as a program of schema `schema` could have stored it: before schema 5 no text had a
// translation, before schema 4 no position was approximate (format 1 had neither field yet).
inline model::Feed as_schema_kept(model::Feed feed, int schema) {
  if (schema < 6) {
    feed.content.notices.clear();
    feed.content.events.clear();
    for (auto& r : feed.content.results) r.show_from = r.show_until = std::nullopt;
  }
  if (schema < 5) feed = without_translations(std::move(feed));
  if (schema < 4) {
    for (auto& area : feed.content.areas) {
      if (area.position) area.position->approximate = false;
    }
  }
  return feed;
}

// A closed cache at `path` holding `feed` (applied at `applied_unix`; as_schema_kept) and `state`,
// taken back to what schema `schema` had: 6 is today's, 5 had no notices, events or time windows on
// results, 4 had no translations, 3 no approximate positions either, 2 no
// digests, signed bytes, stale reason or keys document either, 1 no sync state either.
inline void write_cache_of_schema(const std::string& path, const model::Feed& feed, std::int64_t applied_unix,
                                  const cache::SyncState& state, int schema) {
  {
    auto cache = cache::Cache::open(path);
    REQUIRE(cache.ok());
    REQUIRE(cache->apply(as_schema_kept(feed, schema), applied_unix).ok());
    REQUIRE(cache->set_sync_state(state).ok());
  }
  if (schema < 6) {
    sql_on_file(path,
                "DROP TABLE item_areas; DROP TABLE notices; DROP TABLE events; ALTER TABLE results DROP COLUMN show_from; "
                "ALTER TABLE results DROP COLUMN show_until; ALTER TABLE sync_state DROP COLUMN last_full_check; "
                "PRAGMA user_version = 5;");
  }
  if (schema < 5) sql_on_file(path, "DROP TABLE translations; PRAGMA user_version = 4;");
  if (schema < 4) sql_on_file(path, "ALTER TABLE areas DROP COLUMN approximate; PRAGMA user_version = 3;");
  if (schema < 3) {
    sql_on_file(path,
                "DROP TABLE trust; ALTER TABLE versions DROP COLUMN epoch; ALTER TABLE versions DROP COLUMN content_sha256; "
                "ALTER TABLE versions DROP COLUMN manifest; ALTER TABLE versions DROP COLUMN signature; "
                "ALTER TABLE sync_state DROP COLUMN stale_reason; ALTER TABLE sync_state DROP COLUMN validators_url; "
                "PRAGMA user_version = 2;");
  }
  if (schema < 2) sql_on_file(path, "DROP TABLE sync_state; PRAGMA user_version = 1;");
}

}  // namespace kiosk::testing
