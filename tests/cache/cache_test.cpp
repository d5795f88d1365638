#include <sqlite3.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>

#include "cache/cache.h"
#include "cache_files.h"
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
void raw_exec(const std::string& path, const std::string& sql) { kiosk::testing::sql_on_file(path, sql); }

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

TEST_CASE("versions go up to 2^63-1 and no further", "[cache]") {
  kiosk::testing::TempDir dir;
  Cache cache = open(dir.file("content.db"));
  REQUIRE(cache.apply(default_feed(5), 1).ok());
  const std::uint64_t top = 0x7FFF'FFFF'FFFF'FFFFull;
  auto beyond = cache.apply(default_feed(top + 1), 2);
  REQUIRE_FALSE(beyond.ok());
  CHECK_THAT(beyond.error().message, Catch::Contains("version: is larger than 9223372036854775807"));
  CHECK(cache.current_version()->value() == 5);
  REQUIRE(cache.apply(default_feed(top), 2).ok());
  CHECK(cache.current_version()->value() == top);
  CHECK_FALSE(cache.apply(default_feed(6), 3).ok());
}

TEST_CASE("a new epoch starts the version line afresh and an old epoch is refused", "[cache]") {
  kiosk::testing::TempDir dir;
  Cache cache = open(dir.file("content.db"));
  REQUIRE(cache.apply(default_feed(1), 1).ok());
  REQUIRE(cache.apply(default_feed(900), 2).ok());
  // The new line reuses number 1, which the cache still keeps as the previous version.
  Feed fresh = default_feed(1);
  fresh.content.results.front().title = "Den nye linje";
  REQUIRE(cache.apply(fresh, 3, {"{}", "sig", 2}).ok());
  auto snap = cache.read_current();
  REQUIRE(snap.ok());
  REQUIRE(snap->has_value());
  CHECK((*snap)->info.version == 1);
  CHECK((*snap)->info.epoch == 2);
  CHECK((*snap)->content == fresh.content);
  auto again = cache.apply(default_feed(1), 4, {"{}", "sig", 2});
  REQUIRE_FALSE(again.ok());
  CHECK_THAT(again.error().message, Catch::Contains("version 1 (epoch 2) is not newer than the cached version 1 (epoch 2)"));
  CHECK_FALSE(cache.apply(default_feed(901), 5, {"{}", "sig", 1}).ok());
  CHECK(cache.apply(default_feed(2), 6, {"{}", "sig", 2}).ok());
}

TEST_CASE("the signed bytes of the current version and the keys document are kept", "[cache]") {
  kiosk::testing::TempDir dir;
  Cache cache = open(dir.file("content.db"));
  CHECK_FALSE(cache.current_manifest()->has_value());
  CHECK_FALSE(cache.trust()->has_value());
  const std::string manifest = std::string("{\"format\": 1}\0binary", 20);
  REQUIRE(cache.apply(default_feed(3), 1, {manifest, "untrusted comment: x\nRW..", 4}).ok());
  auto kept = cache.current_manifest();
  REQUIRE(kept.ok());
  REQUIRE(kept->has_value());
  CHECK((*kept)->manifest == manifest);
  CHECK((*kept)->signature == "untrusted comment: x\nRW..");
  CHECK((*kept)->epoch == 4);
  const kiosk::cache::TrustRecord record{7, 3, "{\"serial\": 7}", "sig"};
  REQUIRE(cache.set_trust(record).ok());
  Cache again = open(dir.file("content.db"));
  CHECK(again.trust()->value() == record);
}

TEST_CASE("the current and the previous version are kept and older ones removed", "[cache]") {
  kiosk::testing::TempDir dir;
  const std::string path = dir.file("content.db");
  Cache cache = open(path);
  for (std::uint64_t v : {1, 2, 3, 4}) REQUIRE(cache.apply(default_feed(v), 0).ok());
  CHECK(count_rows(path, "versions") == 2);
  CHECK(count_rows(path, "areas") == static_cast<std::int64_t>(2 * default_feed(1).content.areas.size()));
  CHECK(cache.current_version()->value() == 4);
}

TEST_CASE("a version not newer than the cached one is refused", "[cache]") {
  kiosk::testing::TempDir dir;
  Cache cache = open(dir.file("content.db"));
  REQUIRE(cache.apply(default_feed(10), 0).ok());
  auto same = cache.apply(default_feed(10), 0);
  REQUIRE_FALSE(same.ok());
  CHECK_THAT(same.error().message, Catch::Contains("version 10 (epoch 0) is not newer than the cached version 10 (epoch 0)"));
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
  CHECK(count_rows(path, "areas") == static_cast<std::int64_t>(old_feed.content.areas.size()));
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

TEST_CASE("a cache of schema 1 is migrated to the sync state of schema 2 and 3 keeping its content", "[cache]") {
  kiosk::testing::TempDir dir;
  const std::string path = dir.file("content.db");
  const Feed kept = kiosk::testing::as_schema_kept(default_feed(4), 1);
  {
    Cache cache = open(path);
    REQUIRE(cache.apply(kept, 0).ok());
  }
  // Back to what schema 1 had: no sync state, no digests, no trust, no approximate positions.
  raw_exec(path,
           "DROP TABLE sync_state; DROP TABLE trust; ALTER TABLE versions DROP COLUMN epoch; "
           "ALTER TABLE versions DROP COLUMN content_sha256; ALTER TABLE versions DROP COLUMN manifest; "
           "ALTER TABLE versions DROP COLUMN signature; ALTER TABLE areas DROP COLUMN approximate; DROP TABLE translations; "
           "DROP TABLE item_areas; DROP TABLE notices; DROP TABLE events; ALTER TABLE results DROP COLUMN show_from; "
           "ALTER TABLE results DROP COLUMN show_until; PRAGMA user_version = 1;");
  Cache cache = open(path);
  CHECK(*cache.schema_version() == kiosk::cache::kSchemaVersion);
  auto snap = cache.read_current();
  REQUIRE(snap.ok());
  CHECK((*snap)->content == kept.content);
  CHECK(cache.current_version()->value() == 4);
  auto state = cache.sync_state();
  REQUIRE(state.ok());
  CHECK(*state == kiosk::cache::SyncState{});
}

TEST_CASE("a cache of schema 3 is migrated to schema 4: its positions stay, exact, and new ones keep approximate", "[cache]") {
  kiosk::testing::TempDir dir;
  const std::string path = dir.file("content.db");
  kiosk::testing::write_cache_of_schema(path, default_feed(4), 1'800'000'000, {}, 3);
  REQUIRE(scalar(path, "PRAGMA user_version") == 3);
  Cache cache = open(path);
  CHECK(*cache.schema_version() == kiosk::cache::kSchemaVersion);
  auto snap = cache.read_current();
  REQUIRE(snap.ok());
  const auto& areas = (*snap)->content.areas;
  REQUIRE(areas.size() == default_feed(4).content.areas.size());
  for (std::size_t i = 0; i < areas.size(); ++i) {
    INFO(areas[i].id);
    REQUIRE(areas[i].position.has_value());
    CHECK(areas[i].position->lat == default_feed(4).content.areas[i].position->lat);
    CHECK_FALSE(areas[i].position->approximate);
  }
  // the content digest taken under schema 3 still matches, so the migrated cache is healthy
  auto look = kiosk::cache::examine(path);
  REQUIRE(look.ok());
  CHECK(look->health == kiosk::cache::Health::kHealthy);
  // a version applied after the migration stores approximate positions
  Feed next = default_feed(5);
  next.content.areas[0].position->approximate = true;
  next.content.areas[1].position->approximate = false;
  REQUIRE(cache.apply(next, 1'800'000'100).ok());
  auto again = open(path).read_current();
  REQUIRE(again.ok());
  CHECK((*again)->content == next.content);
  CHECK((*again)->content.areas[0].position->approximate);
  CHECK_FALSE((*again)->content.areas[1].position->approximate);
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

namespace {

// Changes the first occurrence of `from` in the file's bytes to `to` (same length): what a failing
// SD card does to a page, under SQLite's nose.
void rot_bytes(const std::string& path, const std::string& from, const std::string& to) {
  REQUIRE(from.size() == to.size());
  std::string bytes = kiosk::testing::read_file(path);
  const auto at = bytes.find(from);
  REQUIRE(at != std::string::npos);
  bytes.replace(at, from.size(), to);
  kiosk::testing::write_file(path, bytes);
}

// A cache with the default content, closed and checkpointed, so every page is in the main file.
std::string closed_cache(const kiosk::testing::TempDir& dir) {
  const std::string path = dir.file("content.db");
  {
    Cache cache = open(path);
    REQUIRE(cache.apply(default_feed(7), 0).ok());
  }
  raw_exec(path, "PRAGMA wal_checkpoint(TRUNCATE)");
  return path;
}

}  // namespace

TEST_CASE("bytes changed on the disk inside a valid page are found by the content digest", "[cache][damage]") {
  kiosk::testing::TempDir dir;
  const std::string path = closed_cache(dir);
  rot_bytes(path, "Landsbyggefonden", "Landsbyggefondex");
  Cache cache = open(path);
  CHECK(*cache.integrity_check() == "ok");  // SQLite cannot see it
  auto snap = cache.read_current();
  REQUIRE_FALSE(snap.ok());
  CHECK_THAT(snap.error().message, Catch::Contains("the cache is damaged") && Catch::Contains("no longer matches the digest"));
  auto look = kiosk::cache::examine(path);
  REQUIRE(look.ok());
  CHECK(look->health == kiosk::cache::Health::kDamaged);
}

TEST_CASE("examine tells a damaged cache from a healthy or absent one", "[cache][damage]") {
  kiosk::testing::TempDir dir;
  using kiosk::cache::Health;
  CHECK(kiosk::cache::examine(dir.file("none.db"))->health == Health::kAbsent);
  const std::string path = closed_cache(dir);
  CHECK(kiosk::cache::examine(path)->health == Health::kHealthy);
  std::string bytes = kiosk::testing::read_file(path);
  SECTION("a text file") { kiosk::testing::write_file(path, "this is not a database\n"); }
  SECTION("truncated") { kiosk::testing::write_file(path, bytes.substr(0, bytes.size() / 3)); }
  SECTION("garbage in the middle") {
    for (std::size_t i = bytes.size() / 3; i < bytes.size() / 3 + 8192; ++i) bytes[i] = static_cast<char>(i * 7);
    kiosk::testing::write_file(path, bytes);
  }
  auto look = kiosk::cache::examine(path);
  REQUIRE(look.ok());
  CHECK(look->health == Health::kDamaged);
  CHECK_FALSE(look->detail.empty());
}

TEST_CASE("a damaged cache is moved aside and only the newest copies are kept", "[cache][damage]") {
  kiosk::testing::TempDir dir;
  const std::string path = dir.file("content.db");
  for (int i = 0; i < 4; ++i) {
    kiosk::testing::write_file(path, "damaged " + std::to_string(i));
    kiosk::testing::write_file(path + "-wal", "log " + std::to_string(i));
    auto aside = kiosk::cache::quarantine(path, 1'800'000'000 + i * 60);
    REQUIRE(aside.ok());
    CHECK(kiosk::testing::read_file(*aside) == "damaged " + std::to_string(i));
    CHECK(kiosk::testing::read_file(*aside + "-wal") == "log " + std::to_string(i));
    CHECK_FALSE(std::filesystem::exists(path));
  }
  std::vector<std::string> names;
  for (const auto& e : std::filesystem::directory_iterator(dir.path())) names.push_back(e.path().filename().string());
  std::sort(names.begin(), names.end());
  CHECK(names == std::vector<std::string>{"content.db.damaged-20270115T080200Z", "content.db.damaged-20270115T080200Z-wal",
                                          "content.db.damaged-20270115T080300Z", "content.db.damaged-20270115T080300Z-wal"});
}
