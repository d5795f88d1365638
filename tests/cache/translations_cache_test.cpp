// Translations in the cache (schema 5): stored a row per text and read back exactly; a cache of
// schema 4 is migrated keeping its content and its digest, and read by a reader as having none.
#include <catch2/catch.hpp>

#include "cache/cache.h"
#include "cache_files.h"
#include "test_support.h"
#include "untranslated.h"

using kiosk::cache::Cache;
using kiosk::model::Feed;
using kiosk::testing::current_content;

namespace {

// The result translated_feed() translates: the default feed's first with a chart.
std::string charted_result_id() {
  for (const auto& r : kiosk::testing::default_feed_as_version(1).content.results) {
    if (r.series) return r.id;
  }
  return {};
}

// The default feed as `version` with a translation on each kind of object that takes one (replacing
// those the default content has there).
Feed translated_feed(std::uint64_t version) {
  Feed f = kiosk::testing::default_feed_as_version(version);
  auto& c = f.content;
  c.areas[0].note = "Tal fra kommunen";
  c.areas[0].translations = {{"en", {{"note", "Figures from the municipality"}}}};
  c.criteria[0].translations = {{"ar", {{"title", "التوظيف"}}}, {"so", {{"title", "Shaqo"}}}};
  c.milestones[0].translations = {{"tr", {{"title", "Değerlendirme başlıyor"}}}};
  for (auto& r : c.results) {
    if (r.id != charted_result_id()) continue;
    r.translations = {{"ar", {{"title", "تقرير"}, {"summary", "ملخص"}}}, {"fa", {{"title", "گزارش"}}}};
    r.series->unit = "områder";
    r.series->translations = {{"ur", {{"unit", "علاقے"}}}};
  }
  return f;
}

Cache open(const std::string& path) { return kiosk::testing::open_cache(path); }

}  // namespace

TEST_CASE("translations round-trip through the cache exactly, for the writer and a reader", "[cache][translations]") {
  kiosk::testing::TempDir dir;
  const std::string path = dir.file("content.db");
  const Feed feed = translated_feed(7);
  Cache cache = open(path);
  REQUIRE(cache.apply(feed, 1'800'000'000).ok());
  CHECK(current_content(cache) == feed.content);
  auto reader = Cache::open_read_only(path);
  REQUIRE(reader.ok());
  CHECK(current_content(*reader) == feed.content);
  // and the next version, without them, has none left over
  const Feed plain = kiosk::testing::without_translations(kiosk::testing::default_feed_as_version(8));
  REQUIRE(cache.apply(plain, 1'800'000'100).ok());
  CHECK(current_content(cache) == plain.content);
}

TEST_CASE("a cache of schema 4 on a real file is migrated to the current schema keeping its content, and then takes translations", "[cache][translations]") {
  kiosk::testing::TempDir dir;
  const std::string path = dir.file("content.db");
  const Feed old = kiosk::testing::without_translations(kiosk::testing::default_feed_as_version(4));  // schema 4 had none
  kiosk::testing::write_cache_of_schema(path, old, 1'800'000'000, {}, 4);
  {
    auto reader = Cache::open_read_only(path);  // an old file read as it is: no translations
    REQUIRE(reader.ok());
    CHECK(*reader->schema_version() == 4);
    CHECK(current_content(*reader) == old.content);
  }
  Cache cache = open(path);
  CHECK(*cache.schema_version() == kiosk::cache::kSchemaVersion);
  CHECK(current_content(cache) == old.content);
  // the content digest taken under schema 4 still matches: the migrated cache is healthy
  auto look = kiosk::cache::examine(path);
  REQUIRE(look.ok());
  CHECK(look->health == kiosk::cache::Health::kHealthy);
  const Feed next = translated_feed(5);
  REQUIRE(cache.apply(next, 1'800'000'100).ok());
  CHECK(open(path).read_current().value()->content == next.content);
}

TEST_CASE("a translation row of an object the version does not hold is damage, not shown", "[cache][translations]") {
  kiosk::testing::TempDir dir;
  const std::string path = dir.file("content.db");
  {
    Cache cache = open(path);
    REQUIRE(cache.apply(translated_feed(7), 1'800'000'000).ok());
  }
  // One result's rows: the default content translates every result, and (version, owner, owner_id,
  // language, field) is the table's key.
  kiosk::testing::sql_on_file(path, "UPDATE translations SET owner_id = 'no-such-result' WHERE owner = 'result' AND owner_id = '" +
                                        charted_result_id() + "'");
  auto snap = open(path).read_current();
  REQUIRE_FALSE(snap.ok());
  CHECK_THAT(snap.error().message, Catch::Contains("the cache is damaged: translations names an unknown result 'no-such-result'"));
}
