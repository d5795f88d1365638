// `kiosk-sync --status` reads the cache without writing it: as an ordinary user, on a missing, empty
// or closed cache. The parts about permissions run the program as the user nobody, which needs this
// test to run as root.
#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>

#include "cache/cache.h"
#include "cache_files.h"
#include "feed/minisign.h"
#include "platform/clock.h"
#include "publisher.h"
#include "content_gen.h"
#include "test_support.h"

using namespace kiosk;

namespace {

using Run = testing::CommandRun;

std::string write_config(const testing::TempDir& dir, const testing::Publisher& publisher) {
  const std::string path = dir.file("kiosk.toml");
  testing::write_file(path, "[cache]\ndatabase = \"" + dir.file("kiosk/content.db") +
                                "\"\n[sync]\nfeed_url = \"http://127.0.0.1:9/feed.json\"\npublic_keys = [\"" +
                                feed::minisign::public_key_line(publisher.keys().public_key) + "\"]\n");
  return path;
}

Run status(const std::string& config) { return testing::run_command(std::string(KIOSK_SYNC_BINARY) + " --config " + config + " --status"); }

// As the user nobody, with no groups: what a person logged in without sudo gets.
Run status_as_nobody(const std::string& config) {
  return testing::run_command("setpriv --reuid=65534 --regid=65534 --clear-groups " + std::string(KIOSK_SYNC_BINARY) +
                              " --config " + config + " --status");
}

// A folder `kiosk` with the cache kiosk-sync made from version 5, closed (no -wal, no -shm).
std::string synced(const testing::TempDir& dir, const std::string& config, testing::Publisher& publisher) {
  publisher.publish(testing::numbered_feed(5, 3));
  publisher.write_to(dir.file("usb"));
  std::filesystem::create_directories(dir.file("kiosk"));
  const Run r = testing::run_command(std::string(KIOSK_SYNC_BINARY) + " --config " + config + " --import " + dir.file("usb"));
  INFO(r.output);
  REQUIRE(r.exit_code == 0);
  return dir.file("kiosk/content.db");
}

}  // namespace

TEST_CASE("kiosk-sync --status without a cache says where none is yet and makes none", "[sync][cli][status]") {
  testing::TempDir dir;
  testing::Publisher publisher;
  const std::string config = write_config(dir, publisher);
  std::filesystem::create_directories(dir.file("kiosk"));
  const Run r = status(config);
  INFO(r.output);
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.output, Catch::Contains("none yet at " + dir.file("kiosk/content.db")));
  CHECK(std::filesystem::is_empty(dir.file("kiosk")));
}

TEST_CASE("kiosk-sync --status leaves an empty cache file empty", "[sync][cli][status]") {
  testing::TempDir dir;
  testing::Publisher publisher;
  const std::string config = write_config(dir, publisher);
  std::filesystem::create_directories(dir.file("kiosk"));
  testing::write_file(dir.file("kiosk/content.db"), "");
  const Run r = status(config);
  INFO(r.output);
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.output, Catch::Contains("content version:  none"));
  CHECK(testing::cache_bytes(dir.file("kiosk/content.db")) == testing::cache_bytes(dir.file("none")));  // nothing in it or its log
}

TEST_CASE("kiosk-sync --status as an ordinary user reads what it may and says to use sudo where it may not", "[sync][cli][status]") {
  if (::geteuid() != 0) {
    WARN("skipped: running kiosk-sync as another user (nobody) needs this test to run as root");
    return;
  }
  testing::TempDir dir;
  testing::Publisher publisher;
  const std::string config = write_config(dir, publisher);
  const std::string db = synced(dir, config, publisher);
  ::chmod(dir.path().c_str(), 0755);
  ::chmod(dir.file("kiosk").c_str(), 0755);
  ::chmod(db.c_str(), 0644);
  const std::string before = testing::cache_bytes(db);

  SECTION("while the kiosk has the cache open, a readable cache is read") {
    auto display = cache::Cache::open_read_only(db);  // as the kiosk does: its -shm index is there
    REQUIRE(display.ok());
    const Run r = status_as_nobody(config);
    INFO(r.output);
    CHECK(r.exit_code == 0);
    CHECK_THAT(r.output, Catch::Contains("content version:  5"));
  }
  SECTION("with nothing holding it open, the -shm index it would need is named") {
    const Run r = status_as_nobody(config);
    INFO(r.output);
    CHECK(r.exit_code == 40);
    CHECK_THAT(r.output, Catch::Contains(db + "-shm"));
    CHECK_THAT(r.output, Catch::Contains("Run as the kiosk user or with sudo"));
  }
  SECTION("a folder closed to others, as systemd makes /var/lib/kiosk") {
    ::chmod(dir.file("kiosk").c_str(), 0750);
    const Run r = status_as_nobody(config);
    INFO(r.output);
    CHECK(r.exit_code == 40);
    CHECK_THAT(r.output, Catch::Contains("the folder " + dir.file("kiosk") + " is closed to this user"));
    CHECK_THAT(r.output, Catch::Contains("Run as the kiosk user or with sudo"));
    CHECK_THAT(r.output, !Catch::Contains("unable to open database file"));
  }
  SECTION("a file only its owner may read") {
    ::chmod(db.c_str(), 0600);
    const Run r = status_as_nobody(config);
    INFO(r.output);
    CHECK(r.exit_code == 40);
    CHECK_THAT(r.output, Catch::Contains(db + " is not readable by this user"));
    CHECK_THAT(r.output, Catch::Contains("Run as the kiosk user or with sudo"));
  }
  CHECK(testing::cache_bytes(db) == before);
}

TEST_CASE("kiosk-sync --status lists the notices on this kiosk's screen now and those to come", "[sync][cli][status][notices]") {
  testing::TempDir dir;
  testing::Publisher publisher;
  const std::string config = write_config(dir, publisher);
  testing::write_file(config, "area = \"vollsmose\"\n" + testing::read_file(config));
  auto feed = testing::default_feed_as_version(6);
  const std::int64_t now = std::chrono::duration_cast<std::chrono::seconds>(SystemClock().wall().time_since_epoch()).count();
  const auto notice = [](const char* id, model::NoticeLevel level, std::optional<std::int64_t> from, std::int64_t until,
                         std::vector<std::string> areas) {
    model::Notice n;
    n.id = id;
    n.level = level;
    n.title = std::string("Besked ") + id;
    n.show_from = from;
    n.show_until = until;
    n.area_ids = std::move(areas);
    return n;
  };
  feed.content.notices = {notice("varme", model::NoticeLevel::kUrgent, std::nullopt, now + 3600, {"vollsmose"}),
                          notice("moede", model::NoticeLevel::kInfo, now + 86400, now + 2 * 86400, {}),
                          notice("andet", model::NoticeLevel::kInfo, std::nullopt, now + 3600, {"mjoelnerparken"}),
                          notice("slut", model::NoticeLevel::kInfo, now - 7200, now - 3600, {})};
  std::filesystem::create_directories(dir.file("kiosk"));
  {
    auto cache = testing::open_cache(dir.file("kiosk/content.db"));
    REQUIRE(cache.apply(feed, now).ok());
  }
  const Run r = status(config);
  INFO(r.output);
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.output, Catch::Contains("notice:           showing (urgent) until " + feed::format_timestamp(now + 3600) + ": Besked varme"));
  CHECK_THAT(r.output, Catch::Contains("notice:           coming (info) from " + feed::format_timestamp(now + 86400) + " until " +
                                       feed::format_timestamp(now + 2 * 86400) + ": Besked moede"));
  CHECK(r.output.find("Besked andet") == std::string::npos);  // another area's
  CHECK(r.output.find("Besked slut") == std::string::npos);   // over
}
