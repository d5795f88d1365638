// kiosk-sync sends the kiosk's report after its check: to nginx's WebDAV on 127.0.0.1 with basic
// auth, the display's report.json wrapped with the check's facts and its picture byte for byte; and
// a report server that is down, slow or refusing changes nothing about the check.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdlib>
#include <filesystem>

#include "cache/cache.h"
#include "content_gen.h"
#include "feed/minisign.h"
#include "nginx.h"
#include "publisher.h"
#include "report/send.h"
#include "test_support.h"

using namespace kiosk;
using Catch::Contains;
using json = nlohmann::json;

namespace {

constexpr const char* kPassword = "kiosk-secret-1";

// A display's report.json as the kiosk writes it (its fields are the display's business; kiosk-sync
// passes them on whole).
const std::string kDisplayReport = R"({"program": "0.1.0", "written": "2026-12-01T07:00:00Z",
  "content": {"version": 7, "built_in": false}, "screen": {"on": true, "why": "on by the schedule"},
  "render_check": {"ok": false, "problem": "the screen shows a single colour"}, "days": []})";

// A kiosk's state folder, its kiosk.toml, and the credentials folder systemd would give kiosk-sync.
struct Kiosk {
  testing::TempDir dir;
  testing::Publisher publisher;

  Kiosk() { publisher.publish(testing::numbered_feed(3, 2)); }

  // Serves the feed from nginx's document root, under /feed/.
  void serve_feed(const testing::Nginx& nginx) { publisher.write_to((nginx.root() / "feed").string()); }

  std::string config(const std::string& feed_url, const std::string& report_url) {
    const std::string path = dir.file("kiosk.toml");
    testing::write_file(path, "id = \"gellerup-1\"\narea = \"gellerup\"\n[cache]\ndatabase = \"" + dir.file("content.db") +
                                  "\"\n[sync]\nfeed_url = \"" + feed_url + "\"\npublic_keys = [\"" +
                                  feed::minisign::public_key_line(publisher.keys().public_key) + "\"]\nreport_url = \"" +
                                  report_url + "\"\n");
    return path;
  }
  void write_display_report() {
    testing::write_file(dir.file("report.json"), kDisplayReport);
    testing::write_file(dir.file("report.png"), std::string("\x89PNG\r\n\x1a\n", 8) + std::string(300, 'p'));
  }
  void give_password(const std::string& password) {
    std::filesystem::create_directories(dir.file("credentials"));
    testing::write_file(dir.file("credentials/report-password"), password + "\n");
  }
  // kiosk-sync as the timer runs it, with systemd's credentials folder when one was given.
  testing::CommandRun sync(const std::string& config_path) {
    const std::string credentials =
        std::filesystem::exists(dir.file("credentials")) ? "CREDENTIALS_DIRECTORY=" + dir.file("credentials") + " " : "";
    return testing::run_command(credentials + KIOSK_SYNC_BINARY + " --config " + config_path);
  }
  cache::SyncState state() {
    auto cache = cache::Cache::open_read_only(dir.file("content.db"));
    REQUIRE(cache.ok());
    auto s = cache->sync_state();
    REQUIRE(s.ok());
    return *s;
  }
};

testing::NginxOptions report_server() {
  return {.dav_location = "/reports/", .user = "gellerup-1", .password = kPassword, .server_config = ""};
}

std::vector<testing::NginxRequest> puts(const testing::Nginx& nginx) {
  std::vector<testing::NginxRequest> out;
  for (const auto& r : nginx.requests()) {
    if (r.method == "PUT") out.push_back(r);
  }
  return out;
}

}  // namespace

TEST_CASE("after its check kiosk-sync sends the display's report and picture to the WebDAV folder", "[report]") {
  testing::Nginx nginx(report_server());
  Kiosk kiosk;
  kiosk.serve_feed(nginx);
  kiosk.write_display_report();
  kiosk.give_password(kPassword);
  const auto run = kiosk.sync(kiosk.config(nginx.url("/feed/feed.json"), nginx.url("/reports/")));
  INFO(run.output);
  CHECK(run.exit_code == 0);
  CHECK_THAT(run.output, Contains("report: sent gellerup-1.json and gellerup-1.png to " + nginx.url("/reports/")));

  // The picture first, then the JSON that describes it.
  const auto sent = puts(nginx);
  REQUIRE(sent.size() == 2);
  CHECK(sent[0].uri == "/reports/gellerup-1.png");
  CHECK(sent[1].uri == "/reports/gellerup-1.json");
  CHECK(testing::read_file(nginx.root() / "reports/gellerup-1.png") == testing::read_file(kiosk.dir.file("report.png")));

  const json report = json::parse(testing::read_file(nginx.root() / "reports/gellerup-1.json"));
  CHECK(report["format"] == 1);
  CHECK(report["kiosk"] == "gellerup-1");
  CHECK(report["area"] == "gellerup");
  CHECK(report["sync"]["outcome"] == "updated");
  CHECK(report["sync"]["content_version"] == 3);
  CHECK(report["sync"]["last_success"] == report["sync"]["checked"]);
  CHECK(report["display"] == json::parse(kDisplayReport));
  CHECK_FALSE(report["sent"].get<std::string>().empty());
}

TEST_CASE("without the password the report server refuses and the check still stands", "[report]") {
  testing::Nginx nginx(report_server());
  Kiosk kiosk;
  kiosk.serve_feed(nginx);
  kiosk.write_display_report();
  SECTION("no credential at all") {}
  SECTION("a wrong one") { kiosk.give_password("not-the-password"); }
  const auto run = kiosk.sync(kiosk.config(nginx.url("/feed/feed.json"), nginx.url("/reports/")));
  INFO(run.output);
  CHECK(run.exit_code == 0);
  CHECK_THAT(run.output, Contains("report not sent: PUT " + nginx.url("/reports/gellerup-1.png") + ": the server answered 401"));
  CHECK(kiosk.state().last_outcome == "updated");
  CHECK_FALSE(std::filesystem::exists(nginx.root() / "reports/gellerup-1.json"));
}

TEST_CASE("no report_url sends nothing", "[report]") {
  testing::Nginx nginx(report_server());
  Kiosk kiosk;
  kiosk.serve_feed(nginx);
  kiosk.write_display_report();
  kiosk.give_password(kPassword);
  const auto run = kiosk.sync(kiosk.config(nginx.url("/feed/feed.json"), ""));
  CHECK(run.exit_code == 0);
  CHECK(puts(nginx).empty());
  CHECK(run.output.find("report") == std::string::npos);
}

TEST_CASE("a report server that is down or refuses leaves the check's outcome, exit code and times as they were", "[report]") {
  testing::Nginx feed_server;
  Kiosk kiosk;
  kiosk.serve_feed(feed_server);
  kiosk.write_display_report();
  kiosk.give_password(kPassword);
  testing::HttpTestServer refusing;
  refusing.set_fallback([](const testing::HttpRequest&) { return testing::HttpResponse::status_only(403); });
  const std::string down = "http://127.0.0.1:" + std::to_string(testing::unused_local_port()) + "/reports/";
  const std::string feed_url = feed_server.url("/feed/feed.json");

  // The same two checks (updated, then up to date) with each report server.
  for (const auto& [report_url, words] : {std::pair{refusing.url("/reports/"), std::string("403 Forbidden")},
                                          std::pair{down, std::string("Failed to connect")}}) {
    INFO(report_url);
    std::filesystem::remove(kiosk.dir.file("content.db"));
    const auto first = kiosk.sync(kiosk.config(feed_url, report_url));
    INFO(first.output);
    CHECK(first.exit_code == 0);
    CHECK_THAT(first.output, Contains("report not sent: PUT ") && Contains(words));
    const auto after_first = kiosk.state();
    CHECK(after_first.last_outcome == "updated");
    CHECK(after_first.last_success == after_first.last_attempt);
    CHECK(after_first.last_error.empty());
    const auto second = kiosk.sync(kiosk.config(feed_url, report_url));
    CHECK(second.exit_code == 10);
    CHECK(kiosk.state().last_outcome == "up to date");
  }
  CHECK(refusing.request_count() == 2);  // one PUT a check: the picture was refused, the JSON not tried
}

TEST_CASE("a display report too large to be the display's is not sent and the check stands", "[report]") {
  testing::Nginx nginx(report_server());
  Kiosk kiosk;
  kiosk.serve_feed(nginx);
  kiosk.write_display_report();
  testing::write_file(kiosk.dir.file("report.json"), std::string(2 << 20, ' '));
  kiosk.give_password(kPassword);
  const auto run = kiosk.sync(kiosk.config(nginx.url("/feed/feed.json"), nginx.url("/reports/")));
  INFO(run.output);
  CHECK(run.exit_code == 0);
  CHECK_THAT(run.output, Contains("report not sent: the display's report " + kiosk.dir.file("report.json") + " is 2 MiB, larger than the 1 MiB it may be"));
  CHECK(puts(nginx).empty());
  CHECK(kiosk.state().last_outcome == "updated");
}

TEST_CASE("a slow report server is given up after the time limit", "[report]") {
  testing::HttpTestServer hanging;
  hanging.set_fallback([](const testing::HttpRequest&) {
    testing::HttpResponse r;
    r.fault = testing::Fault::kHang;
    return r;
  });
  Kiosk kiosk;
  kiosk.write_display_report();
  config::Config config;
  config.database = kiosk.dir.file("content.db");
  config.area = "gellerup";
  const auto sent = report::send({.url = hanging.url("/reports/"), .kiosk_id = "gellerup-1", .user = "", .password = {},
                                  .connect_timeout = std::chrono::seconds(1), .time_limit = std::chrono::seconds(2)},
                                 config, {}, 1'800'000'000);
  REQUIRE_FALSE(sent.ok());
  CHECK_THAT(sent.error().message, Contains("PUT " + hanging.url("/reports/gellerup-1.png")) && Contains("imed out"));
}

TEST_CASE("the report says when the display wrote no report or a damaged one", "[report]") {
  const report::CheckFacts facts{.checked = 1'800'000'000, .outcome = "network failure", .last_success = 1'799'990'000,
                                 .last_error = "GET http://x/feed.json: timed out", .content_version = 4};
  const json none = json::parse(report::report_json("k-1", "gellerup", 1'800'000'005, facts, std::nullopt));
  CHECK(none["display"].is_null());
  CHECK_FALSE(none.contains("display_problem"));
  CHECK(none["sync"]["outcome"] == "network failure");
  CHECK(none["sync"]["last_error"] == "GET http://x/feed.json: timed out");
  CHECK(none["sync"]["checked"] == "2027-01-15T08:00:00Z");
  CHECK(none["sent"] == "2027-01-15T08:00:05Z");

  const json damaged = json::parse(report::report_json("k-1", "gellerup", 1'800'000'005, facts, std::string("{\"program\": ")));
  CHECK(damaged["display"].is_null());
  CHECK_THAT(damaged["display_problem"].get<std::string>(), Contains("damaged"));
}

TEST_CASE("the report password is systemd's credential for kiosk-sync, its first line", "[report]") {
  testing::TempDir dir;
  const char* saved = std::getenv("CREDENTIALS_DIRECTORY");
  const std::string restore = saved ? saved : "";
  ::unsetenv("CREDENTIALS_DIRECTORY");
  CHECK_FALSE(report::report_password().has_value());
  ::setenv("CREDENTIALS_DIRECTORY", dir.path().c_str(), 1);
  CHECK_FALSE(report::report_password().has_value());  // no file
  testing::write_file(dir.file("report-password"), "\n");
  CHECK_FALSE(report::report_password().has_value());  // empty
  testing::write_file(dir.file("report-password"), "s3cret\r\nignored\n");
  CHECK(report::report_password() == std::optional<std::string>("s3cret"));
  if (saved) {
    ::setenv("CREDENTIALS_DIRECTORY", restore.c_str(), 1);
  } else {
    ::unsetenv("CREDENTIALS_DIRECTORY");
  }
}
