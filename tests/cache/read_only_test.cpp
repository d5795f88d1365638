// Cache::open_read_only, the way the display and `kiosk-sync --status` read the cache: the file's
// bytes stay as they were, whatever it holds, and nothing is created.
#include <catch2/catch.hpp>
#include <filesystem>

#include "cache/cache.h"
#include "cache_files.h"
#include "test_support.h"

using kiosk::cache::Cache;

namespace {

// A cache holding version 4 and a sync state, as a program of schema `schema` left it.
std::string cache_of_schema(const kiosk::testing::TempDir& dir, int schema) {
  kiosk::cache::SyncState state;
  state.last_attempt = 1'800'000'100;
  state.last_outcome = "up to date";
  state.stale_reason = "a reason";
  kiosk::testing::write_cache_of_schema(dir.file("content.db"), kiosk::testing::default_feed_as_version(4), 1'800'000'000, state, schema);
  return dir.file("content.db");
}

Cache open_read_only(const std::string& path) {
  auto c = Cache::open_read_only(path);
  if (!c) FAIL(c.error().message);
  return std::move(*c);
}

}  // namespace

TEST_CASE("a read-only open of an empty file reads a cache without content and leaves the file empty", "[cache][read-only]") {
  kiosk::testing::TempDir dir;
  const std::string path = dir.file("content.db");
  kiosk::testing::write_file(path, "");
  {
    Cache cache = open_read_only(path);
    auto snap = cache.read_current();
    REQUIRE(snap.ok());
    CHECK_FALSE(snap->has_value());
    CHECK_FALSE(cache.current_version()->has_value());
    CHECK(*cache.sync_state() == kiosk::cache::SyncState{});
    CHECK_FALSE(cache.trust()->has_value());
    CHECK_FALSE(cache.current_manifest()->has_value());
    CHECK(cache.referenced_assets()->empty());
    CHECK_FALSE(cache.set_sync_state({}).ok());  // a reader cannot write
  }
  CHECK(std::filesystem::file_size(path) == 0);
  CHECK(kiosk::testing::read_file(path + "-wal").empty());
}

TEST_CASE("a read-only open of a missing file fails naming it and creates nothing", "[cache][read-only]") {
  kiosk::testing::TempDir dir;
  auto c = Cache::open_read_only(dir.file("content.db"));
  REQUIRE_FALSE(c.ok());
  CHECK_THAT(c.error().message, Catch::StartsWith(dir.file("content.db") + ":"));
  CHECK_THAT(c.error().message, Catch::Contains("No such file or directory"));
  CHECK(std::filesystem::is_empty(dir.path()));
}

TEST_CASE("a read-only open reads a cache of an older schema as if migrated and leaves its bytes as they were", "[cache][read-only]") {
  const int schema = GENERATE(1, 2, 3, 4, 5);
  INFO("schema " << schema);
  kiosk::testing::TempDir dir;
  const std::string path = cache_of_schema(dir, schema);
  const std::string before = kiosk::testing::cache_bytes(path);
  {
    Cache cache = open_read_only(path);
    auto snap = cache.read_current();
    REQUIRE(snap.ok());
    REQUIRE(snap->has_value());
    CHECK((*snap)->info.version == 4);
    CHECK((*snap)->content == kiosk::testing::as_schema_kept(kiosk::testing::default_feed_as_version(4), schema).content);
    CHECK(cache.current_version()->value() == 4);
    CHECK(*cache.schema_version() == schema);
    auto state = cache.sync_state();
    REQUIRE(state.ok());
    CHECK(state->last_attempt == (schema >= 2 ? 1'800'000'100 : 0));
    CHECK(state->stale_reason == (schema >= 3 ? "a reason" : ""));
    CHECK(cache.referenced_assets().ok());
    CHECK(cache.trust().ok());
  }
  CHECK(kiosk::testing::cache_bytes(path) == before);
  // and examine() looks without migrating
  auto look = kiosk::cache::examine(path);
  REQUIRE(look.ok());
  CHECK(look->health == kiosk::cache::Health::kHealthy);
  CHECK(kiosk::testing::cache_bytes(path) == before);
}

TEST_CASE("a reader kept open sees the file migrated and written by kiosk-sync meanwhile", "[cache][read-only]") {
  kiosk::testing::TempDir dir;
  const std::string path = cache_of_schema(dir, 1);
  Cache reader = open_read_only(path);
  REQUIRE(reader.read_current().ok());
  CHECK_FALSE(reader.trust()->has_value());

  auto writer = Cache::open(path);  // migrates to the current schema
  REQUIRE(writer.ok());
  REQUIRE(writer->apply(kiosk::testing::default_feed_as_version(5), 1'800'000'200).ok());
  REQUIRE(writer->set_trust({3, 2, "{}", "sig"}).ok());

  auto snap = reader.read_current();
  REQUIRE(snap.ok());
  CHECK((*snap)->info.version == 5);
  auto trust = reader.trust();
  REQUIRE(trust.ok());
  REQUIRE(trust->has_value());
  CHECK((*trust)->serial == 3);
}

TEST_CASE("a read-only open refuses a cache from a newer program", "[cache][read-only]") {
  kiosk::testing::TempDir dir;
  const std::string path = cache_of_schema(dir, 3);
  kiosk::testing::sql_on_file(path, "PRAGMA user_version = 99");
  auto c = Cache::open_read_only(path);
  REQUIRE_FALSE(c.ok());
  CHECK_THAT(c.error().message, Catch::Contains("schema version 99, newer than this program's"));
}
