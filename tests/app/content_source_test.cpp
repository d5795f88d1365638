#include <catch2/catch.hpp>

#include "app/content_source.h"
#include "app/content_watch.h"
#include "cache/cache.h"
#include "feed/feed_json.h"
#include "test_support.h"

using namespace kiosk;

namespace {

app::AssetPaths source_assets() { return {kiosk::testing::source_path("assets")}; }

config::Config config_with_database(const std::string& path) {
  config::Config c;
  c.database = path;
  return c;
}

}  // namespace

TEST_CASE("without a cache the built-in default content is shown", "[app]") {
  kiosk::testing::TempDir dir;
  auto loaded = app::load_content(config_with_database(dir.file("none.db")), source_assets());
  REQUIRE(loaded.ok());
  CHECK(loaded->origin.built_in);
  CHECK(loaded->content.areas.size() == 33);
  CHECK_FALSE(std::filesystem::exists(dir.file("none.db")));  // the display does not create it
}

TEST_CASE("the cache's current version is shown when there is one", "[app]") {
  kiosk::testing::TempDir dir;
  auto feed = feed::parse_feed(kiosk::testing::default_feed_text());
  REQUIRE(feed.ok());
  feed->version = 77;
  feed->content.areas[7].name = "Vollsmose fra cachen";
  {
    auto cache = cache::Cache::open(dir.file("content.db"));
    REQUIRE(cache.ok());
    REQUIRE(cache->apply(*feed, 1'790'000'000).ok());
  }
  auto loaded = app::load_content(config_with_database(dir.file("content.db")), source_assets());
  REQUIRE(loaded.ok());
  CHECK_FALSE(loaded->origin.built_in);
  CHECK(loaded->origin.version == 77);
  CHECK(loaded->origin.updated_unix == 1'790'000'000);
  CHECK(loaded->content.areas[7].name == "Vollsmose fra cachen");
}

TEST_CASE("a damaged cache falls back to the default content", "[app]") {
  kiosk::testing::TempDir dir;
  kiosk::testing::write_file(dir.file("content.db"), std::string(4096, '\x7f'));
  auto loaded = app::load_content(config_with_database(dir.file("content.db")), source_assets());
  REQUIRE(loaded.ok());
  CHECK(loaded->origin.built_in);
}

TEST_CASE("an empty cache falls back to the default content", "[app]") {
  kiosk::testing::TempDir dir;
  { REQUIRE(cache::Cache::open(dir.file("content.db")).ok()); }
  auto loaded = app::load_content(config_with_database(dir.file("content.db")), source_assets());
  REQUIRE(loaded.ok());
  CHECK(loaded->origin.built_in);
}

TEST_CASE("missing default content is an error naming the file", "[app]") {
  kiosk::testing::TempDir dir;
  auto loaded = app::load_default_content({dir.path().string()});
  REQUIRE_FALSE(loaded.ok());
  CHECK(loaded.error().message == "default content " + dir.file("content/default-feed.json") + " does not exist");
}

TEST_CASE("broken default content is an error naming the file and the problem", "[app]") {
  kiosk::testing::TempDir dir;
  std::filesystem::create_directories(dir.path() / "content");
  kiosk::testing::write_file(dir.path() / "content" / "default-feed.json", "{\"format\": 1}");
  auto loaded = app::load_default_content({dir.path().string()});
  REQUIRE_FALSE(loaded.ok());
  CHECK_THAT(loaded.error().message, Catch::Contains("default-feed.json"));
  CHECK_THAT(loaded.error().message, Catch::Contains("version: is missing"));
}

TEST_CASE("the assets directory comes from the config when set", "[app]") {
  config::Config c;
  c.assets_dir = "/opt/kiosk/assets";
  CHECK(app::find_assets(c).dir == "/opt/kiosk/assets");
  CHECK(app::find_assets(c).font_bold() == "/opt/kiosk/assets/fonts/NotoSans-Bold.ttf");
  c.assets_dir.clear();
  CHECK(std::filesystem::exists(app::find_assets(c).default_feed()));
}

TEST_CASE("the content watch notices kiosk-sync's commits and the cache appearing", "[app]") {
  kiosk::testing::TempDir dir;
  const std::string db = dir.file("content.db");
  app::ContentWatch watch(db);
  CHECK_FALSE(watch.changed());  // the first call only takes note
  CHECK_FALSE(watch.changed());  // no cache yet
  auto feed = feed::parse_feed(kiosk::testing::default_feed_text());
  REQUIRE(feed.ok());
  auto writer = cache::Cache::open(db);
  REQUIRE(writer.ok());
  CHECK(watch.changed());  // the cache appeared
  CHECK_FALSE(watch.changed());
  feed->version = 2;
  REQUIRE(writer->apply(*feed, 0).ok());
  CHECK(watch.changed());
  CHECK_FALSE(watch.changed());
}

TEST_CASE("the content watch follows a damaged cache moved aside and a fresh one built in its place", "[app]") {
  kiosk::testing::TempDir dir;
  const std::string db = dir.file("content.db");
  auto feed = feed::parse_feed(kiosk::testing::default_feed_text());
  REQUIRE(feed.ok());
  {
    auto writer = cache::Cache::open(db);
    REQUIRE(writer.ok());
    REQUIRE(writer->apply(*feed, 0).ok());
  }
  app::ContentWatch watch(db);
  CHECK_FALSE(watch.changed());
  REQUIRE(cache::quarantine(db, 1'800'000'000).ok());  // what kiosk-sync does with a damaged cache
  auto fresh = cache::Cache::open(db);
  REQUIRE(fresh.ok());
  CHECK(watch.changed());  // a new file at the path
  CHECK_FALSE(watch.changed());
  feed->version = 9;
  REQUIRE(fresh->apply(*feed, 0).ok());
  CHECK(watch.changed());  // and the commits to the new file are seen
}
