// kiosk-sync as systemd and staff run it, when bad luck strikes: two runs at once, a run killed or
// stopped half-way, a disk that fills up while pictures arrive. Real processes, a real HTTP server on
// 127.0.0.1, real files (and a real small tmpfs for the full disk, where the tests run as root).
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <thread>

#include "cache/cache.h"
#include "content_gen.h"
#include "feed/minisign.h"
#include "http_test_server.h"
#include "platform/file_lock.h"
#include "publisher.h"
#include "test_support.h"

using namespace kiosk;
using namespace std::chrono_literals;
using testing::HttpRequest;
using testing::HttpResponse;

namespace {

namespace fs = std::filesystem;

std::string write_config(const std::string& path, const std::string& database, const std::string& feed_url,
                         const testing::Publisher& publisher) {
  testing::write_file(path, "[cache]\ndatabase = \"" + database + "\"\n[sync]\nfeed_url = \"" + feed_url + "\"\n" +
                                "public_keys = [\"" + feed::minisign::public_key_line(publisher.keys().public_key) + "\"]\n");
  return path;
}

std::vector<std::string> sync_argv(const std::string& config) {
  std::vector<std::string> argv = {KIOSK_SYNC_PATH, "--config", config};
  if (*KIOSK_EMULATOR) argv.insert(argv.begin(), KIOSK_EMULATOR);
  return argv;
}

testing::CommandRun run_sync(const std::string& args) { return testing::run_command(std::string(KIOSK_SYNC_BINARY) + " " + args); }

int wait_exit(pid_t pid) {
  int status = 0;
  ::waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

// A version with `pictures` pictures of its own.
model::Feed feed_with_pictures(testing::Publisher& publisher, std::uint64_t version, int pictures, std::size_t bytes = 3000) {
  model::Feed f = testing::numbered_feed(version, 20);
  for (int i = 0; i < pictures; ++i) {
    std::string data(bytes, static_cast<char>('a' + i % 26));
    data += " picture " + std::to_string(i) + " of version " + std::to_string(version);
    const auto ref = publisher.add_object(data);
    f.assets.push_back(ref);
    f.content.results[static_cast<std::size_t>(i % 20)].image = ref.sha256;
  }
  return f;
}

// One kiosk's cache and configuration, and a server publishing `version` of a small feed.
struct OneKiosk {
  explicit OneKiosk(std::uint64_t version) {
    publisher.serve(server);
    publisher.publish(testing::numbered_feed(version, 5));
  }
  testing::TempDir dir;
  testing::Publisher publisher;
  testing::HttpTestServer server;
  std::string db = dir.file("content.db");
  std::string config = write_config(dir.file("kiosk.toml"), db, publisher.feed_url(server), publisher);
};

// A real small disk is a tmpfs mounted in a mount namespace of its own: root only.
bool can_mount_small_disk() {
  if (::geteuid() == 0 && std::system("unshare -m true 2>/dev/null") == 0) return true;
  WARN("needs root and mount namespaces for a real small tmpfs; not run here");
  return false;
}

// Waits (bounded) until the server has been asked for a path containing `part`.
bool server_saw(const testing::HttpTestServer& server, const std::string& part) {
  for (int i = 0; i < 1000; ++i) {
    for (const auto& r : server.requests()) {
      if (r.path.find(part) != std::string::npos) return true;
    }
    std::this_thread::sleep_for(10ms);
  }
  return false;
}

}  // namespace

TEST_CASE("two kiosk-sync runs at once take turns and leave every picture of the current version", "[sync][cli][race]") {
  testing::TempDir dir;
  testing::Publisher publisher;
  testing::HttpTestServer server;
  publisher.serve(server);
  const std::string db = dir.file("content.db");
  const std::string config = write_config(dir.file("kiosk.toml"), db, publisher.feed_url(server), publisher);
  std::map<std::uint64_t, model::Feed> feeds;
  int busy = 0;
  for (std::uint64_t round = 1; round <= 10; ++round) {
    // Two versions in a row, each run started as the other is under way: a timer run and a hand run.
    feeds[2 * round - 1] = feed_with_pictures(publisher, 2 * round - 1, 21);
    publisher.publish(feeds[2 * round - 1]);
    const pid_t first = testing::spawn_quiet(sync_argv(config));
    feeds[2 * round] = feed_with_pictures(publisher, 2 * round, 21);
    publisher.publish(feeds[2 * round]);
    const pid_t second = testing::spawn_quiet(sync_argv(config));
    const int a = wait_exit(first), b = wait_exit(second);
    INFO("round " << round << ": exit codes " << a << " and " << b);
    CHECK((a == 0 || a == 10 || a == 30));  // 30: the first run found the second version already applied (a rollback)
    CHECK((b == 0 || b == 10));
    busy += (a == 50) + (b == 50);

    auto cache = cache::Cache::open(db);
    REQUIRE(cache.ok());
    auto snap = cache->read_current();
    REQUIRE(snap.ok());
    REQUIRE(snap->has_value());
    const auto version = (*snap)->info.version;
    CHECK(version == 2 * round);
    for (const auto& asset : feeds[version].assets) {
      INFO("picture " << asset.sha256);
      CHECK(testing::read_file(fs::path(dir.file("objects")) / asset.sha256) == publisher.objects()[asset.sha256]);
    }
    for (const auto& e : fs::directory_iterator(dir.file("objects"))) CHECK(e.path().filename().string().rfind(".partial-", 0) != 0);
  }
  CHECK(busy == 0);
}

TEST_CASE("a run gives up with exit 50 while another holds the cache longer than it waits", "[sync][cli]") {
  const OneKiosk kiosk(1);
  const std::string& db = kiosk.db;
  const std::string& config = kiosk.config;
  auto held = FileLock::acquire(db + ".lock", {});
  REQUIRE(held.ok());
  REQUIRE(held->has_value());
  const auto r = run_sync("--config " + config + " --lock-wait 0");
  INFO(r.output);
  CHECK(r.exit_code == 50);
  CHECK_THAT(r.output, Catch::Contains("busy: another kiosk-sync run is using " + db));
  CHECK(kiosk.server.request_count() == 0);
  held->reset();
  CHECK(run_sync("--config " + config).exit_code == 0);
}

TEST_CASE("a run killed or stopped half-way shows as interrupted in --status", "[sync][cli][kill]") {
  testing::TempDir dir;
  testing::Publisher publisher;
  testing::HttpTestServer server;
  publisher.serve(server);
  const auto feed = feed_with_pictures(publisher, 1, 3);
  publisher.publish(feed);
  HttpResponse hang;
  hang.fault = testing::Fault::kHang;
  server.route("/feed/objects/" + feed.assets[1].sha256, hang);
  const std::string db = dir.file("content.db");
  const std::string config = write_config(dir.file("kiosk.toml"), db, publisher.feed_url(server), publisher);

  const pid_t pid = testing::spawn_quiet(sync_argv(config));
  REQUIRE(server_saw(server, feed.assets[1].sha256));
  SECTION("kill -9") {
    ::kill(pid, SIGKILL);
    CHECK(wait_exit(pid) == -1);
    const auto status = run_sync("--config " + config + " --status");
    INFO(status.output);
    CHECK_THAT(status.output, Catch::Contains("(interrupted: that run did not finish"));
    // The next run starts afresh; a kill -9 leaves a partial download, which it clears away.
    server.remove_route("/feed/objects/" + feed.assets[1].sha256);
    CHECK(run_sync("--config " + config).exit_code == 0);
  }
  SECTION("systemctl stop (SIGTERM)") {
    const auto sent = std::chrono::steady_clock::now();
    ::kill(pid, SIGTERM);
    CHECK(wait_exit(pid) == 75);
    CHECK(std::chrono::steady_clock::now() - sent < 5s);
    const auto status = run_sync("--config " + config + " --status");
    INFO(status.output);
    CHECK_THAT(status.output, Catch::Contains("(interrupted)"));
    CHECK_THAT(status.output, Catch::Contains("last error:       stopped by a signal"));
  }
  for (const auto& e : fs::directory_iterator(dir.file("objects"))) CHECK(e.path().filename().string().rfind(".partial-", 0) != 0);
}

TEST_CASE("a disk that fills up while pictures arrive is a local failure that cleans up and is recorded", "[sync][cli][disk]") {
  if (!can_mount_small_disk()) return;
  testing::TempDir dir;
  testing::Publisher publisher;
  testing::HttpTestServer server;
  publisher.serve(server);
  publisher.publish(feed_with_pictures(publisher, 1, 8, 512 * 1024));  // 4 MiB of pictures for a 3 MiB disk
  const std::string disk = dir.file("disk");
  fs::create_directories(disk);
  const std::string config = write_config(dir.file("kiosk.toml"), disk + "/content.db", publisher.feed_url(server), publisher);
  const std::string script = "mount -t tmpfs -o size=3m tmpfs " + disk + " && " + std::string(KIOSK_SYNC_BINARY) +
                             " --config " + config + "; echo \"exit=$?\"; " + KIOSK_SYNC_BINARY + " --config " + config +
                             " --status; echo files:; ls -A " + disk + "/objects; df -k " + disk;
  const auto r = testing::run_command("unshare -m sh -c '" + script + "'");
  INFO(r.output);
  CHECK_THAT(r.output, Catch::Contains("exit=40"));
  CHECK_THAT(r.output, Catch::Contains("local failure: disk: "));
  CHECK_THAT(r.output, Catch::Contains("No space left on device"));
  CHECK_THAT(r.output, Catch::Contains("last attempt:     ") && Catch::Contains("(local failure)"));
  CHECK_THAT(r.output, Catch::Contains("files:\nFilesystem"));  // nothing left in objects/: no partial files
}

TEST_CASE("the status of a damaged cache says so and what the next run does with it", "[sync][cli]") {
  const OneKiosk kiosk(3);
  const std::string& db = kiosk.db;
  const std::string& config = kiosk.config;
  testing::write_file(db, "this is a text file, not a cache\n");
  const auto status = run_sync("--config " + config + " --status");
  INFO(status.output);
  CHECK(status.exit_code == 40);
  CHECK_THAT(status.output, Catch::Contains("the cache is damaged (file is not a database)"));
  CHECK_THAT(status.output, Catch::Contains("next sync:        moves it aside"));
  const auto sync = run_sync("--config " + config);
  INFO(sync.output);
  CHECK(sync.exit_code == 0);
  CHECK_THAT(sync.output, Catch::Contains("is damaged (file is not a database); moved it aside to " + db + ".damaged-"));
  CHECK_THAT(run_sync("--config " + config + " --status").output, Catch::Contains("content version:  3"));
}

namespace {

testing::CommandRun feed_tool(const std::string& args) { return testing::run_command(std::string(KIOSK_FEED_BINARY) + " " + args); }

// The key line of a .pub file (its second line).
std::string key_line(const std::string& pub_file) {
  const std::string text = testing::read_file(pub_file);
  const auto nl = text.find('\n');
  return text.substr(nl + 1, text.find('\n', nl + 1) - nl - 1);
}

}  // namespace

TEST_CASE("staff recover every kiosk from a leaked feed key with the root key and the stock tools", "[sync][cli][keys]") {
  testing::TempDir dir;
  const std::string src = dir.file("indhold"), out = dir.file("www") + "/feed", keys = dir.file("keys");
  REQUIRE(feed_tool("init " + src).exit_code == 0);
  for (const char* name : {"root", "feed-2026", "feed-2027"}) {
    REQUIRE(feed_tool("keygen --unprotected --dir " + keys + " --name " + name).exit_code == 0);
  }
  const auto publish = [&](const std::string& key, const std::string& extra) {
    const auto r = feed_tool("build " + src + " " + out + " --key " + keys + "/" + key + ".key " + extra);
    INFO(r.output);
    REQUIRE(r.exit_code == 0);
  };
  publish("feed-2026", "");
  auto trusted = feed_tool("trust " + out + " --root-key " + keys + "/root.key --feed-key " + keys + "/feed-2026.pub");
  INFO(trusted.output);
  REQUIRE(trusted.exit_code == 0);

  testing::HttpTestServer server;
  server.set_fallback([&](const HttpRequest& req) {
    const fs::path file = dir.path() / "www" / req.path.substr(1);
    std::error_code ec;
    return fs::is_regular_file(file, ec) ? HttpResponse::ok(testing::read_file(file)) : HttpResponse::status_only(404);
  });
  const std::string config = dir.file("kiosk.toml");
  testing::write_file(config, "[cache]\ndatabase = \"" + dir.file("kiosk/content.db") + "\"\n[sync]\nfeed_url = \"" +
                                  server.url("/feed/feed.json") + "\"\npublic_keys = [\"" + key_line(keys + "/feed-2026.pub") +
                                  "\"]\nroot_keys = [\"" + key_line(keys + "/root.pub") + "\"]\n");
  fs::create_directories(dir.file("kiosk"));
  // One kiosk-sync run that must apply a version; its output.
  const auto applied = [&] {
    auto r = run_sync("--config " + config);
    INFO(r.output);
    CHECK(r.exit_code == 0);
    return r.output;
  };
  applied();

  // The feed key leaks; a feed at the top of the version range reaches every kiosk.
  publish("feed-2026", "--version 9223372036854775807");
  applied();
  CHECK_THAT(run_sync("--config " + config + " --status").output, Catch::Contains("content version:  9223372036854775807"));

  // From the office: a new feed key, trusted alone in a new epoch, and versions from 1 again.
  auto moved = feed_tool("trust " + out + " --root-key " + keys + "/root.key --feed-key " + keys + "/feed-2027.pub --new-epoch");
  INFO(moved.output);
  REQUIRE(moved.exit_code == 0);
  publish("feed-2027", "--version 1");
  CHECK_THAT(applied(), Catch::Contains("keys.json serial 2 accepted") && Catch::Contains("applied version 1 (epoch 2)"));
  CHECK_THAT(run_sync("--config " + config + " --status").output, Catch::Contains("content version:  1,"));
  publish("feed-2027", "");
  CHECK(run_sync("--config " + config).exit_code == 0);
  CHECK_THAT(run_sync("--config " + config + " --status").output, Catch::Contains("content version:  2,"));
}

TEST_CASE("a disk filled by something else still gets the run's outcome recorded, from the room kept for it", "[sync][cli][disk]") {
  if (!can_mount_small_disk()) return;
  testing::TempDir dir;
  testing::Publisher publisher;
  testing::HttpTestServer server;
  publisher.serve(server);
  publisher.publish(feed_with_pictures(publisher, 1, 2));
  publisher.write_to(dir.file("usb"));
  publisher.publish(feed_with_pictures(publisher, 2, 2));
  const std::string disk = dir.file("disk");
  fs::create_directories(disk);
  const std::string config = write_config(dir.file("kiosk.toml"), disk + "/content.db", publisher.feed_url(server), publisher);
  const std::string sync = std::string(KIOSK_SYNC_BINARY) + " --config " + config;
  // Version 1 from a stick; then a log file of something else fills the disk to the last byte.
  const std::string script = "mount -t tmpfs -o size=3m tmpfs " + disk + " && " + sync + " --import " + dir.file("usb") +
                             " >/dev/null 2>&1; ls " + disk + "; dd if=/dev/zero of=" + disk +
                             "/filler bs=4k 2>/dev/null; " + sync + "; echo \"exit=$?\"; " + sync + " --status; ls " + disk;
  const auto r = testing::run_command("unshare -m sh -c '" + script + "'");
  INFO(r.output);
  CHECK_THAT(r.output, Catch::Contains("content.db.reserve"));  // kept after the first run
  CHECK_THAT(r.output, Catch::Contains("exit=40"));
  CHECK_THAT(r.output, Catch::Contains("(local failure)"));
  CHECK_THAT(r.output, Catch::Contains("last error:       ") && Catch::Contains("full"));
  CHECK_THAT(r.output, Catch::Contains("content version:  1"));
}
