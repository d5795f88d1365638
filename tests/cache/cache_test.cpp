#include <sqlite3.h>

#include <catch2/catch.hpp>

#include "cache/cache.h"
#include "feed/feed_json.h"
#include "test_support.h"

using kiosk::cache::Cache;
using kiosk::model::Feed;

namespace {

Feed default_feed(std::uint64_t version) {
  auto f = kiosk::feed::parse_feed(kiosk::testing::default_feed_text());
  REQUIRE(f.ok());
  f->version = version;
  return *f;
}

Cache open(const std::string& path) {
  auto c = Cache::open(path);
  if (!c) FAIL(c.error().message);
  return std::move(*c);
}

// Runs SQL on a second, raw connection: for faults the program itself never produces.
void raw_exec(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
  char* err = nullptr;
  const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err);
  INFO((err ? err : ""));
  sqlite3_free(err);
  sqlite3_close(db);
  REQUIRE(rc == SQLITE_OK);
}

std::int64_t scalar(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
  sqlite3_stmt* s = nullptr;
  REQUIRE(sqlite3_prepare_v2(db, sql.c_str(), -1, &s, nullptr) == SQLITE_OK);
  REQUIRE(sqlite3_step(s) == SQLITE_ROW);
  const auto n = sqlite3_column_int64(s, 0);
  sqlite3_finalize(s);
  sqlite3_close(db);
  return n;
}

std::int64_t count_rows(const std::string& path, const std::string& table) { return scalar(path, "SELECT count(*) FROM " + table); }

}  // namespace

TEST_CASE("a new cache is migrated and in WAL mode and empty", "[cache]") {
  kiosk::testing::TempDir dir;
  Cache cache = open(dir.file("content.db"));
  CHECK(*cache.schema_version() == kiosk::cache::kSchemaVersion);
  auto snap = cache.read_current();
  REQUIRE(snap.ok());
  CHECK_FALSE(snap->has_value());
  CHECK_FALSE(cache.current_version()->has_value());
  CHECK(std::filesystem::exists(dir.file("content.db-wal")));
}

TEST_CASE("opening twice migrates once and keeps content", "[cache]") {
  kiosk::testing::TempDir dir;
  {
    Cache cache = open(dir.file("content.db"));
    REQUIRE(cache.apply(default_feed(3), 1000).ok());
  }
  Cache again = open(dir.file("content.db"));
  CHECK(*again.schema_version() == kiosk::cache::kSchemaVersion);
  CHECK(again.current_version()->value() == 3);
}

TEST_CASE("a cache from a newer program is refused untouched", "[cache]") {
  kiosk::testing::TempDir dir;
  { Cache cache = open(dir.file("content.db")); }
  raw_exec(dir.file("content.db"), "PRAGMA user_version = 99");
  auto c = Cache::open(dir.file("content.db"));
  REQUIRE_FALSE(c.ok());
  CHECK_THAT(c.error().message, Catch::Contains("schema version 99, newer than this program's"));
  CHECK_THAT(c.error().message, Catch::Contains(dir.file("content.db")));
}

TEST_CASE("a file that is not a database is an error naming the path", "[cache]") {
  kiosk::testing::TempDir dir;
  kiosk::testing::write_file(dir.file("content.db"), std::string(8192, 'x'));
  auto c = Cache::open(dir.file("content.db"));
  REQUIRE_FALSE(c.ok());
  CHECK_THAT(c.error().message, Catch::StartsWith(dir.file("content.db") + ":"));
  CHECK_THAT(c.error().message, Catch::Contains("not a database"));
}

TEST_CASE("apply then read returns exactly the feed's content", "[cache]") {
  kiosk::testing::TempDir dir;
  Cache cache = open(dir.file("content.db"));
  Feed feed = default_feed(42);
  feed.assets = {{std::string(64, 'b'), 1234, "image/png"}};
  feed.content.results[0].image = std::string(64, 'b');
  feed.content.results[0].link = "https://example.org/r.pdf";
  REQUIRE(cache.apply(feed, 1'800'000'000).ok());
  auto snap = cache.read_current();
  REQUIRE(snap.ok());
  REQUIRE(snap->has_value());
  const auto& s = **snap;
  CHECK(s.info.version == 42);
  CHECK(s.info.issued == feed.issued);
  CHECK(s.info.expires == feed.expires);
  CHECK(s.info.applied_at == 1'800'000'000);
  CHECK(s.info.source == feed.source);
  CHECK(s.content == feed.content);
  CHECK(s.assets == feed.assets);
}

TEST_CASE("versions above 2^63 survive the signed SQL column", "[cache]") {
  kiosk::testing::TempDir dir;
  Cache cache = open(dir.file("content.db"));
  REQUIRE(cache.apply(default_feed(5), 1).ok());
  const std::uint64_t huge = 0xF000'0000'0000'0001ull;
  REQUIRE(cache.apply(default_feed(huge), 2).ok());
  CHECK(cache.current_version()->value() == huge);
  CHECK_FALSE(cache.apply(default_feed(6), 3).ok());  // lower, although negative as a signed number
}

TEST_CASE("the current and the previous version are kept and older ones removed", "[cache]") {
  kiosk::testing::TempDir dir;
  const std::string path = dir.file("content.db");
  Cache cache = open(path);
  for (std::uint64_t v : {1, 2, 3, 4}) REQUIRE(cache.apply(default_feed(v), 0).ok());
  CHECK(count_rows(path, "versions") == 2);
  CHECK(count_rows(path, "areas") == 2 * 15);
  CHECK(cache.current_version()->value() == 4);
}

TEST_CASE("a version not newer than the cached one is refused", "[cache]") {
  kiosk::testing::TempDir dir;
  Cache cache = open(dir.file("content.db"));
  REQUIRE(cache.apply(default_feed(10), 0).ok());
  auto same = cache.apply(default_feed(10), 0);
  REQUIRE_FALSE(same.ok());
  CHECK_THAT(same.error().message, Catch::Contains("version 10 is not newer than the cached version 10"));
  CHECK_FALSE(cache.apply(default_feed(9), 0).ok());
  CHECK(cache.current_version()->value() == 10);
}

TEST_CASE("an invalid feed is refused before anything is written", "[cache]") {
  kiosk::testing::TempDir dir;
  const std::string path = dir.file("content.db");
  Cache cache = open(path);
  REQUIRE(cache.apply(default_feed(1), 0).ok());
  Feed bad = default_feed(2);
  bad.content.areas.push_back(bad.content.areas[0]);
  auto s = cache.apply(bad, 0);
  REQUIRE_FALSE(s.ok());
  CHECK_THAT(s.error().message, Catch::Contains("duplicate id"));
  CHECK(cache.current_version()->value() == 1);
  CHECK(count_rows(path, "versions") == 1);
}

TEST_CASE("an apply that fails midway leaves the previous version whole", "[cache]") {
  kiosk::testing::TempDir dir;
  const std::string path = dir.file("content.db");
  Cache cache = open(path);
  Feed old_feed = default_feed(1);
  REQUIRE(cache.apply(old_feed, 0).ok());
  // A fault inside SQLite after areas, counts, criteria and milestones of version 2 were written.
  raw_exec(path, "CREATE TRIGGER fail_results BEFORE INSERT ON results WHEN NEW.version = 2 "
                 "BEGIN SELECT RAISE(ABORT, 'injected fault'); END;");
  Feed new_feed = default_feed(2);
  new_feed.content.areas[7].name = "Vollsmose (ny)";
  auto s = cache.apply(new_feed, 0);
  REQUIRE_FALSE(s.ok());
  CHECK_THAT(s.error().message, Catch::Contains("writing table results: injected fault"));
  CHECK_THAT(s.error().message, Catch::StartsWith(path));

  auto snap = cache.read_current();
  REQUIRE(snap.ok());
  REQUIRE(snap->has_value());
  CHECK((*snap)->info.version == 1);
  CHECK((*snap)->content == old_feed.content);
  CHECK(count_rows(path, "areas") == 15);
  CHECK(count_rows(path, "versions") == 1);

  raw_exec(path, "DROP TRIGGER fail_results");
  REQUIRE(cache.apply(new_feed, 0).ok());
  CHECK((*cache.read_current())->content == new_feed.content);
}

TEST_CASE("a reader sees the committed version while a writer is mid-transaction", "[cache]") {
  kiosk::testing::TempDir dir;
  const std::string path = dir.file("content.db");
  Cache cache = open(path);
  REQUIRE(cache.apply(default_feed(1), 0).ok());

  sqlite3* writer = nullptr;
  REQUIRE(sqlite3_open(path.c_str(), &writer) == SQLITE_OK);
  REQUIRE(sqlite3_exec(writer, "BEGIN IMMEDIATE; UPDATE areas SET name = 'half-written' WHERE id = 'vollsmose';",
                       nullptr, nullptr, nullptr) == SQLITE_OK);
  auto snap = cache.read_current();
  sqlite3_exec(writer, "ROLLBACK", nullptr, nullptr, nullptr);
  sqlite3_close(writer);

  REQUIRE(snap.ok());
  for (const auto& a : (*snap)->content.areas) CHECK(a.name != "half-written");
}

TEST_CASE("content damaged on disk is reported and not shown", "[cache]") {
  kiosk::testing::TempDir dir;
  const std::string path = dir.file("content.db");
  Cache cache = open(path);
  REQUIRE(cache.apply(default_feed(1), 0).ok());
  SECTION("unknown word") {
    raw_exec(path, "UPDATE milestones SET track = 'sideways' WHERE ord = 0");
    auto snap = cache.read_current();
    REQUIRE_FALSE(snap.ok());
    CHECK_THAT(snap.error().message, Catch::Contains("damaged: unknown track 'sideways'"));
  }
  SECTION("text that breaks the model's rules") {
    raw_exec(path, "UPDATE areas SET name = '' WHERE id = 'vollsmose'");
    auto snap = cache.read_current();
    REQUIRE_FALSE(snap.ok());
    CHECK_THAT(snap.error().message, Catch::Contains("must not be empty"));
  }
}

TEST_CASE("a cache of schema 1 is migrated to the sync state of schema 2 keeping its content", "[cache]") {
  kiosk::testing::TempDir dir;
  const std::string path = dir.file("content.db");
  {
    Cache cache = open(path);
    REQUIRE(cache.apply(default_feed(4), 0).ok());
  }
  raw_exec(path, "DROP TABLE sync_state; PRAGMA user_version = 1;");
  Cache cache = open(path);
  CHECK(*cache.schema_version() == 2);
  CHECK(cache.current_version()->value() == 4);
  auto state = cache.sync_state();
  REQUIRE(state.ok());
  CHECK(*state == kiosk::cache::SyncState{});
}

TEST_CASE("sync state is stored and read back", "[cache]") {
  kiosk::testing::TempDir dir;
  Cache cache = open(dir.file("content.db"));
  const kiosk::cache::SyncState st{100, 90, "timeout", "network failure", "\"abc\"", "Tue, 01 Dec 2026 00:00:00 GMT", 80, true};
  REQUIRE(cache.set_sync_state(st).ok());
  Cache again = open(dir.file("content.db"));
  CHECK(*again.sync_state() == st);
}

TEST_CASE("the assets of the kept versions are listed for the object store", "[cache]") {
  kiosk::testing::TempDir dir;
  Cache cache = open(dir.file("content.db"));
  const std::string a(64, 'a'), b(64, 'b'), c(64, 'c');
  Feed f1 = default_feed(1);
  f1.assets = {{a, 10, "image/png"}};
  Feed f2 = default_feed(2);
  f2.assets = {{b, 10, "image/png"}};
  Feed f3 = default_feed(3);
  f3.assets = {{b, 10, "image/png"}, {c, 10, "image/jpeg"}};
  for (const Feed& f : {f1, f2, f3}) REQUIRE(cache.apply(f, 0).ok());
  CHECK(*cache.referenced_assets() == std::vector<std::string>{b, c});  // a left with version 1
}

TEST_CASE("data_version tells a reader that another connection committed", "[cache]") {
  kiosk::testing::TempDir dir;
  const std::string path = dir.file("content.db");
  Cache writer = open(path);
  Cache reader = open(path);
  const auto before = *reader.data_version();
  CHECK(*reader.data_version() == before);
  REQUIRE(writer.apply(default_feed(1), 0).ok());
  CHECK(*reader.data_version() != before);
}

TEST_CASE("a full disk rolls the apply back and the next apply succeeds once there is room", "[cache]") {
  kiosk::testing::TempDir dir;
  const std::string path = dir.file("content.db");
  {
    Cache cache = open(path);
    REQUIRE(cache.apply(default_feed(1), 0).ok());
  }
  const auto pages = scalar(path, "PRAGMA page_count");
  REQUIRE(pages > 10);
  {
    // As many pages as the file has now: the next version cannot be written.
    auto full = Cache::open(path, {static_cast<int>(pages)});
    REQUIRE(full.ok());
    Feed big = default_feed(2);
    for (int i = 0; i < 50; ++i) {
      auto r = big.content.results[0];
      r.id = "fylde-" + std::to_string(i);
      r.body = std::string(7000, 'x');
      big.content.results.push_back(r);
    }
    auto s = full->apply(big, 0);
    REQUIRE_FALSE(s.ok());
    CHECK_THAT(s.error().message, Catch::Contains("full"));
    CHECK(full->current_version()->value() == 1);
    CHECK(*full->quick_check() == "ok");
  }
  Cache roomy = open(path);
  CHECK(roomy.current_version()->value() == 1);
  REQUIRE(roomy.apply(default_feed(2), 0).ok());
  CHECK(roomy.current_version()->value() == 2);
}
