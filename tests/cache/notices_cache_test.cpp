// Notices, events and the results' time windows in the cache (schema 6): stored and read back exactly
// by the writer and a reader; a cache of schema 5 reads as having none and is migrated keeping its
// content; a row of a notice the version does not hold is damage.
#include <catch2/catch.hpp>

#include "cache/cache.h"
#include "cache_files.h"
#include "test_support.h"
#include "time_zone.h"

using kiosk::cache::Cache;
using kiosk::model::Feed;
using kiosk::testing::current_content;
using kiosk::testing::unix_at;

namespace {

// The default feed as `version` with an info and an urgent notice (one for two areas, with a
// translation), two events (one without an end or place) and a result shown only for a while.
Feed scheduled_feed(std::uint64_t version) {
  Feed f = kiosk::testing::default_feed_as_version(version);
  auto& c = f.content;
  REQUIRE(c.areas.size() >= 2);
  kiosk::model::Notice heat;
  heat.id = "varme-blok-3";
  heat.level = kiosk::model::NoticeLevel::kUrgent;
  heat.title = "Varmen er afbrudt i blok 3";
  heat.text = "Fra kl. 9 til kl. 15.";
  heat.show_from = unix_at("2026-12-01T08:00:00Z");
  heat.show_until = unix_at("2026-12-01T14:00:00Z");
  heat.area_ids = {c.areas[1].id, c.areas[0].id};
  heat.translations = {{"ar", {{"title", "انقطاع التدفئة في المبنى 3"}}}};
  kiosk::model::Notice meeting;
  meeting.id = "beboermoede";
  meeting.title = "Beboermøde torsdag kl. 19";
  meeting.show_until = unix_at("2026-12-03T20:00:00Z");
  c.notices = {heat, meeting};
  kiosk::model::Event party;
  party.id = "julefest";
  party.title = "Julefest";
  party.starts = unix_at("2026-12-12T14:00:00Z");
  party.ends = unix_at("2026-12-12T18:00:00Z");
  party.place = "Beboerhuset";
  party.text = "Med æbleskiver.";
  party.area_ids = {c.areas[0].id};
  party.translations = {{"en", {{"title", "Christmas party"}, {"place", "The community house"}}}};
  kiosk::model::Event cafe;
  cafe.id = "cafe";
  cafe.title = "Café";
  cafe.starts = unix_at("2026-12-02T13:00:00Z");
  c.events = {party, cafe};
  c.results[0].show_from = unix_at("2026-12-01T00:00:00Z");
  c.results[1].show_until = unix_at("2027-01-01T00:00:00Z");
  return f;
}

Cache open(const std::string& path) { return kiosk::testing::open_cache(path); }

}  // namespace

TEST_CASE("notices, events and time windows round-trip through the cache exactly, for the writer and a reader", "[cache][notices]") {
  kiosk::testing::TempDir dir;
  const std::string path = dir.file("content.db");
  const Feed feed = scheduled_feed(7);
  Cache cache = open(path);
  REQUIRE(cache.apply(feed, 1'800'000'000).ok());
  const auto stored = current_content(cache);
  CHECK(stored.notices == feed.content.notices);
  CHECK(stored.events == feed.content.events);
  CHECK(stored == feed.content);
  auto reader = Cache::open_read_only(path);
  REQUIRE(reader.ok());
  CHECK(current_content(*reader) == feed.content);
  // the next version without them has none left over
  const Feed plain = kiosk::testing::default_feed_as_version(8);
  REQUIRE(cache.apply(plain, 1'800'000'100).ok());
  const auto after = current_content(cache);
  CHECK(after.notices.empty());
  CHECK(after.events.empty());
  CHECK(after == plain.content);
}

TEST_CASE("a cache of schema 5 reads as having no notices and is migrated to schema 6 keeping its content", "[cache][notices]") {
  kiosk::testing::TempDir dir;
  const std::string path = dir.file("content.db");
  const Feed old = kiosk::testing::default_feed_as_version(4);
  kiosk::testing::write_cache_of_schema(path, old, 1'800'000'000, {}, 5);
  {
    auto reader = Cache::open_read_only(path);
    REQUIRE(reader.ok());
    CHECK(*reader->schema_version() == 5);
    CHECK(current_content(*reader) == old.content);
  }
  Cache cache = open(path);
  CHECK(*cache.schema_version() == 6);
  CHECK(current_content(cache) == old.content);
  auto look = kiosk::cache::examine(path);
  REQUIRE(look.ok());
  CHECK(look->health == kiosk::cache::Health::kHealthy);
  const Feed next = scheduled_feed(5);
  REQUIRE(cache.apply(next, 1'800'000'100).ok());
  CHECK(current_content(cache) == next.content);
}

TEST_CASE("a notice changed on the disk is damage, not shown", "[cache][notices]") {
  kiosk::testing::TempDir dir;
  const std::string path = dir.file("content.db");
  {
    Cache cache = open(path);
    REQUIRE(cache.apply(scheduled_feed(7), 1'800'000'000).ok());
  }
  std::string sql, expected;
  SECTION("an area row of a notice the version does not hold") {
    sql = "UPDATE item_areas SET owner_id = 'no-such-notice' WHERE owner = 'notice'";
    expected = "the cache is damaged: item_areas names an unknown notice 'no-such-notice'";
  }
  SECTION("an end moved a year on: it no longer matches the digest") {
    sql = "UPDATE notices SET show_until = show_until + 31536000 WHERE id = 'beboermoede'";
    expected = "no longer matches the digest";
  }
  kiosk::testing::sql_on_file(path, sql);
  auto snap = open(path).read_current();
  REQUIRE_FALSE(snap.ok());
  CHECK_THAT(snap.error().message, Catch::Contains(expected));
}
