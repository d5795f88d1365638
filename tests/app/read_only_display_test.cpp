// The display never writes the cache: everything it reads (the content, the watch for kiosk-sync's
// commits, the staff panel, screenshots) leaves the file's bytes as they were, and a missing cache
// stays missing.
#include <catch2/catch.hpp>
#include <unistd.h>

#include <filesystem>

#include "app/content_source.h"
#include "app/content_watch.h"
#include "app/staff_facts.h"
#include "cache/cache.h"
#include "cache_files.h"
#include "test_support.h"

using namespace kiosk;

namespace {

config::Config config_with_database(const std::string& path) {
  config::Config c;
  c.database = path;
  return c;
}

model::Feed feed_version(std::uint64_t version) {
  auto f = kiosk::testing::default_feed_as_version(version);
  f.content.areas[7].name = "Vollsmose fra cachen";
  return f;
}

// Everything the display does with the cache, once.
app::LoadedContent read_as_the_display(const std::string& db) {
  const auto config = config_with_database(db);
  auto loaded = app::load_content(config, {kiosk::testing::source_path("assets")});
  REQUIRE(loaded.ok());
  app::ContentWatch watch(db);
  CHECK_FALSE(watch.changed());
  CHECK_FALSE(watch.changed());
  const auto facts = app::staff_facts(config, *loaded, 800, 480, SystemClock().steady(), SystemClock().wall(), false);
  CHECK_FALSE(facts.empty());
  return std::move(*loaded);
}

}  // namespace

TEST_CASE("the display leaves an empty cache file empty and shows its built-in content", "[app][read-only]") {
  kiosk::testing::TempDir dir;
  const std::string db = dir.file("content.db");
  kiosk::testing::write_file(db, "");
  const auto loaded = read_as_the_display(db);
  CHECK(loaded.origin.built_in);
  CHECK(kiosk::testing::cache_bytes(db) == kiosk::testing::cache_bytes(dir.file("none")));  // nothing in it or its log
}

TEST_CASE("the display creates no cache where there is none", "[app][read-only]") {
  kiosk::testing::TempDir dir;
  const auto loaded = read_as_the_display(dir.file("content.db"));
  CHECK(loaded.origin.built_in);
  CHECK(std::filesystem::is_empty(dir.path()));
}

TEST_CASE("the display shows a cache of this or an older schema without changing its bytes", "[app][read-only]") {
  const int schema = GENERATE(1, 2, 3, 4);
  INFO("schema " << schema);
  kiosk::testing::TempDir dir;
  const std::string db = dir.file("content.db");
  kiosk::testing::write_cache_of_schema(db, feed_version(6), 1'800'000'000, {}, schema);
  const std::string before = kiosk::testing::cache_bytes(db);
  const auto loaded = read_as_the_display(db);
  CHECK_FALSE(loaded.origin.built_in);
  CHECK(loaded.origin.version == 6);
  CHECK(loaded.content.areas[7].name == "Vollsmose fra cachen");
  CHECK(kiosk::testing::cache_bytes(db) == before);
}

TEST_CASE("kiosk --screenshot leaves an empty or older cache as it found it and creates none", "[app][read-only][cli]") {
  kiosk::testing::TempDir dir;
  const std::string db = dir.file("kiosk/content.db");
  std::filesystem::create_directories(dir.file("kiosk"));
  kiosk::testing::write_file(dir.file("kiosk.toml"), "[cache]\ndatabase = \"" + db + "\"\n");
  std::string before;
  bool exists = true;
  SECTION("an empty file") { kiosk::testing::write_file(db, ""); }
  SECTION("no file") { exists = false; }
  SECTION("a cache an older kiosk-sync wrote") { kiosk::testing::write_cache_of_schema(db, feed_version(6), 1'800'000'000, {}, 1); }
  if (exists) before = kiosk::testing::cache_bytes(db);

  const auto r = kiosk::testing::run_command("env " + std::string(KIOSK_BINARY) + " --config " + dir.file("kiosk.toml") +
                                             " --screenshot " + dir.file("shots") + " --size 800x480");
  INFO(r.output);
  CHECK(r.exit_code == 0);
  CHECK(std::filesystem::exists(dir.file("shots/01-status.png")));
  CHECK(std::filesystem::exists(db) == exists);
  if (exists) CHECK(kiosk::testing::cache_bytes(db) == before);
  if (!exists) CHECK(std::filesystem::is_empty(dir.file("kiosk")));
}

TEST_CASE("a cache the kiosk may not reach is named as such, not as missing", "[app][read-only][cli]") {
  if (::geteuid() != 0) {
    WARN("skipped: running the kiosk as another user (nobody) needs this test to run as root");
    return;
  }
  kiosk::testing::TempDir dir;
  const std::string db = dir.file("kiosk/content.db");
  std::filesystem::create_directories(dir.file("kiosk"));
  kiosk::testing::write_cache_of_schema(db, feed_version(6), 1'800'000'000, {}, 3);
  std::filesystem::permissions(dir.file("kiosk"), std::filesystem::perms::owner_all);  // 0700, root's
  std::filesystem::permissions(dir.path(), std::filesystem::perms::all);
  kiosk::testing::write_file(dir.file("kiosk.toml"), "[cache]\ndatabase = \"" + db + "\"\n");
  std::filesystem::permissions(dir.file("kiosk.toml"), std::filesystem::perms::all);
  const auto r = kiosk::testing::run_command("setpriv --reuid=65534 --regid=65534 --clear-groups " + std::string(KIOSK_BINARY) +
                                             " --config " + dir.file("kiosk.toml") + " --screenshot /tmp/kiosk-shots-nobody-" +
                                             std::to_string(::getpid()) + " --size 800x480");
  std::filesystem::remove_all("/tmp/kiosk-shots-nobody-" + std::to_string(::getpid()));
  INFO(r.output);
  CHECK(r.exit_code == 0);
  CHECK(r.output.find("cannot be reached: Permission denied") != std::string::npos);
  CHECK(r.output.find("no content cache") == std::string::npos);
}
