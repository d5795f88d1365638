// The kiosk binary as a person runs it: exit codes and what it prints.
#include <sys/wait.h>

#include <catch2/catch.hpp>

#include <chrono>
#include <thread>

#include "cache/cache.h"
#include "feed/feed_json.h"
#include "test_support.h"

namespace {

using Run = kiosk::testing::CommandRun;

// Runs the kiosk with `args` under `env` (extra VAR=value words), capturing stdout and stderr.
Run run_kiosk(const std::string& args, const std::string& env = "") {
  return kiosk::testing::run_command("env " + env + " " + KIOSK_BINARY + " " + args);
}

// No config from /etc and no cache: these tests must not depend on the machine they run on.
std::string isolated(const kiosk::testing::TempDir& dir) {
  kiosk::testing::write_file(dir.file("kiosk.toml"), "[cache]\ndatabase = \"" + dir.file("content.db") + "\"\n");
  return "--config " + dir.file("kiosk.toml");
}

}  // namespace

TEST_CASE("the kiosk prints help and version and exits 0", "[app][cli]") {
  const Run help = run_kiosk("--help");
  CHECK(help.exit_code == 0);
  CHECK_THAT(help.output, Catch::Contains("--screenshot DIR"));
  const Run version = run_kiosk("--version");
  CHECK(version.exit_code == 0);
  CHECK_THAT(version.output, Catch::StartsWith("kiosk "));
}

TEST_CASE("a bad argument exits 2 naming it", "[app][cli]") {
  const Run r = run_kiosk("--rotate-everything");
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.output, Catch::Contains("unknown argument '--rotate-everything'"));
}

TEST_CASE("without a display the kiosk exits 3 with one line suggesting --screenshot", "[app][cli]") {
  kiosk::testing::TempDir dir;
  // An X display that does not exist: the same answer on every machine, with or without a screen.
  const Run r = run_kiosk(isolated(dir), "-u WAYLAND_DISPLAY SDL_VIDEODRIVER=x11 DISPLAY=:65000");
  CHECK(r.exit_code == 3);
  CHECK_THAT(r.output, Catch::Contains("no display available"));
  CHECK_THAT(r.output, Catch::Contains("kiosk --screenshot DIR"));
  CHECK(std::count(r.output.begin(), r.output.end(), '\n') == 1);
}

TEST_CASE("the kiosk writes screenshots and exits 0", "[app][cli]") {
  kiosk::testing::TempDir dir;
  const Run r = run_kiosk(isolated(dir) + " --screenshot " + dir.file("shots") + " --size 1280x720");
  INFO(r.output);
  CHECK(r.exit_code == 0);
  CHECK(std::filesystem::exists(dir.file("shots/01-status.png")));
  CHECK(std::filesystem::exists(dir.file("shots/02-map.png")));
  CHECK(std::filesystem::exists(dir.file("shots/03-timeline.png")));
  CHECK(std::filesystem::exists(dir.file("shots/04-results.png")));
}

TEST_CASE("a bad config stops the kiosk naming file and line", "[app][cli]") {
  kiosk::testing::TempDir dir;
  kiosk::testing::write_file(dir.file("kiosk.toml"), "area = \"vollsmose\"\n[screen]\nwidht = 800\n");
  const Run r = run_kiosk("--config " + dir.file("kiosk.toml") + " --screenshot " + dir.file("shots"));
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.output, Catch::Contains(dir.file("kiosk.toml") + ":3:"));
  CHECK_THAT(r.output, Catch::Contains("screen.widht"));
}

TEST_CASE("a missing config file given with --config is named", "[app][cli]") {
  const Run r = run_kiosk("--config /nonexistent/kiosk.toml --screenshot /tmp");
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.output, Catch::Contains("/nonexistent/kiosk.toml"));
}

TEST_CASE("the running kiosk shows a new version from the cache without restarting", "[app][cli]") {
  kiosk::testing::TempDir dir;
  const std::string db = dir.file("content.db");
  auto feed = kiosk::feed::parse_feed(kiosk::testing::default_feed_text());
  REQUIRE(feed.ok());
  feed->version = 1;
  {
    auto cache = kiosk::cache::Cache::open(db);
    REQUIRE(cache.ok());
    REQUIRE(cache->apply(*feed, 1'700'000'000).ok());
  }
  kiosk::testing::write_file(dir.file("kiosk.toml"), "[cache]\ndatabase = \"" + db + "\"\n");
  const std::string log = dir.file("kiosk.log");
  const std::string cmd = "env SDL_VIDEODRIVER=dummy " + std::string(KIOSK_BINARY) + " --config " + dir.file("kiosk.toml") +
                          " --size 800x480 --run-for 7 >" + log + " 2>&1 &";
  REQUIRE(std::system(cmd.c_str()) == 0);
  // Wait (bounded) until the kiosk shows version 1, then commit version 2 as kiosk-sync would.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while (kiosk::testing::read_file(log).find("first frame presented") == std::string::npos &&
         std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  REQUIRE_THAT(kiosk::testing::read_file(log), Catch::Contains("showing content version 1"));
  feed->version = 2;
  {
    auto cache = kiosk::cache::Cache::open(db);
    REQUIRE(cache.ok());
    REQUIRE(cache->apply(*feed, 1'700'000'100).ok());
  }
  // The kiosk stops by itself after --run-for; its watch looks every 2 s.
  const auto stop = std::chrono::steady_clock::now() + std::chrono::seconds(15);
  while (kiosk::testing::read_file(log).find("stopping after --run-for") == std::string::npos &&
         std::chrono::steady_clock::now() < stop) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  const std::string out = kiosk::testing::read_file(log);
  INFO(out);
  CHECK_THAT(out, Catch::Contains("showing content version 2"));
  CHECK_THAT(out, Catch::Contains("stopping after --run-for"));
}
