// The kiosk-sync program as systemd runs it: exit codes, --status, --import from a folder, and a
// kill -9 at any moment leaving the cache whole, old or new.
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <random>
#include <thread>

#include "cache/cache.h"
#include "content_gen.h"
#include "feed/minisign.h"
#include "publisher.h"
#include "test_support.h"

using namespace kiosk;

namespace {

using Run = testing::CommandRun;

Run run_sync(const std::string& args) { return testing::run_command(std::string(KIOSK_SYNC_BINARY) + " " + args); }

std::string write_config(const testing::TempDir& dir, const testing::Publisher& publisher) {
  const std::string path = dir.file("kiosk.toml");
  testing::write_file(path, "[cache]\ndatabase = \"" + dir.file("content.db") + "\"\n[sync]\nfeed_url = \"http://127.0.0.1:9/feed.json\"\n" +
                                "public_keys = [\"" + feed::minisign::public_key_line(publisher.keys().public_key) + "\"]\n");
  return path;
}

model::Feed numbered(std::uint64_t version, std::size_t results) { return testing::numbered_feed(version, results); }

}  // namespace

TEST_CASE("kiosk-sync imports a folder and then says it is up to date", "[sync][cli]") {
  testing::TempDir dir;
  testing::Publisher publisher;
  model::Feed feed = numbered(5, 10);
  feed.assets.push_back(publisher.add_object("a picture"));
  publisher.publish(feed);
  publisher.write_to(dir.file("usb"));
  const std::string config = write_config(dir, publisher);

  const Run first = run_sync("--config " + config + " --import " + dir.file("usb"));
  INFO(first.output);
  CHECK(first.exit_code == 0);
  CHECK_THAT(first.output, Catch::Contains("updated: applied version 5"));
  const Run again = run_sync("--config " + config + " --import " + dir.file("usb"));
  CHECK(again.exit_code == 10);
  CHECK_THAT(again.output, Catch::Contains("up to date: version 5 is the cached version"));

  const Run status = run_sync("--config " + config + " --status");
  CHECK(status.exit_code == 0);
  CHECK_THAT(status.output, Catch::Contains("content version:  5"));
  CHECK_THAT(status.output, Catch::Contains("last error:       -"));
  CHECK_THAT(status.output, Catch::Contains("last attempt:     "));
}

TEST_CASE("kiosk-sync refuses a tampered folder with exit code 30", "[sync][cli]") {
  testing::TempDir dir;
  testing::Publisher publisher;
  publisher.publish(numbered(5, 3));
  publisher.write_to(dir.file("usb"));
  testing::write_file(dir.file("usb/feed.json"), testing::read_file(dir.file("usb/feed.json")) + " ");
  const Run r = run_sync("--config " + write_config(dir, publisher) + " --import " + dir.file("usb"));
  CHECK(r.exit_code == 30);
  CHECK_THAT(r.output, Catch::Contains("rejected: signature"));
  const Run status = run_sync("--config " + write_config(dir, publisher) + " --status");
  CHECK_THAT(status.output, Catch::Contains("last error:       signature"));
}

TEST_CASE("kiosk-sync without trusted keys or with bad arguments exits 64", "[sync][cli]") {
  testing::TempDir dir;
  testing::write_file(dir.file("kiosk.toml"), "[cache]\ndatabase = \"" + dir.file("content.db") + "\"\n");
  CHECK(run_sync("--config " + dir.file("kiosk.toml")).exit_code == 64);
  CHECK_THAT(run_sync("--config " + dir.file("kiosk.toml")).output, Catch::Contains("no sync.public_keys"));
  CHECK(run_sync("--frobnicate").exit_code == 64);
  CHECK(run_sync("--help").exit_code == 0);
}

TEST_CASE("kill -9 during apply leaves the cache whole and either old or new", "[sync][cli][kill]") {
  testing::TempDir dir;
  testing::Publisher publisher;
  const std::string config = write_config(dir, publisher);
  constexpr std::size_t kResults = 2000;

  // Version 1 applied whole; then each round publishes the next version and kills the import.
  std::map<std::uint64_t, model::Feed> feeds;
  feeds[1] = numbered(1, kResults);
  publisher.publish(feeds[1]);
  publisher.write_to(dir.file("usb"));
  const auto start = std::chrono::steady_clock::now();
  REQUIRE(run_sync("--config " + config + " --import " + dir.file("usb")).exit_code == 0);
  const auto whole = std::chrono::steady_clock::now() - start;
  const auto window_us = std::max<long long>(2000, std::chrono::duration_cast<std::chrono::microseconds>(whole).count());

  std::mt19937 rng(2026);
  std::uniform_int_distribution<long long> when(0, window_us);
  std::uint64_t held = 1;
  int completed = 0, interrupted = 0;
  for (int round = 0; round < 50; ++round) {
    const std::uint64_t next = held + 1;
    if (!feeds.count(next)) feeds[next] = numbered(next, kResults);
    publisher.publish(feeds[next]);
    publisher.write_to(dir.file("usb"));

    std::vector<std::string> argv = {KIOSK_SYNC_PATH, "--config", config, "--import", dir.file("usb")};
    if (*KIOSK_EMULATOR) argv.insert(argv.begin(), KIOSK_EMULATOR);  // a cross build: the emulator takes the kill
    const pid_t pid = testing::spawn_quiet(argv);
    // The kill lands anywhere in the time a whole import takes: this is the fault, not a wait.
    std::this_thread::sleep_for(std::chrono::microseconds(when(rng)));
    ::kill(pid, SIGKILL);
    int status = 0;
    ::waitpid(pid, &status, 0);
    (WIFSIGNALED(status) ? interrupted : completed)++;

    auto cache = cache::Cache::open(dir.file("content.db"));
    REQUIRE(cache.ok());
    REQUIRE(*cache->quick_check() == "ok");
    auto snap = cache->read_current();
    REQUIRE(snap.ok());
    REQUIRE(snap->has_value());
    const std::uint64_t version = (*snap)->info.version;
    INFO("round " << round << " holds version " << version << " after version " << held);
    REQUIRE((version == held || version == next));
    CHECK((*snap)->content == feeds[version].content);
    held = version;
  }
  INFO("interrupted " << interrupted << ", completed " << completed);
  CHECK(interrupted >= 10);
}
