// kiosk-feed fleet reading the reports from a real nginx on 127.0.0.1, set up as docs/fleet.md says
// for staff: the folder listed as JSON (autoindex_format json) behind basic auth, or as nginx's
// HTML index; and the refusals a server can answer, each in words.
#include <catch2/catch.hpp>

#include "nginx.h"
#include "report_fixture.h"

namespace {

namespace fs = std::filesystem;
using kiosk::testing::healthy_report;
using kiosk::testing::run_command;
using kiosk::testing::TempDir;
using kiosk::testing::utc;
using kiosk::testing::write_file;
using kiosk::testing::write_report;

constexpr const char* kPassword = "vinter-2026";

// nginx with the reports folder /reports/ (JSON listing, basic auth for user "staff"), the same files
// listed as HTML at /open/, and folders answering 403 and 500.
struct ReportServer {
  TempDir dir;
  kiosk::testing::Nginx nginx{{.dav_location = "", .user = std::nullopt, .password = "", .server_config = config(dir)}};

  static std::string config(const TempDir& dir) {
    write_file(dir.path() / "htpasswd", std::string("staff:{PLAIN}") + kPassword + "\n");
    write_file(dir.path() / "password", std::string(kPassword) + "\n");
    return "    location /reports/ { autoindex on; autoindex_format json; auth_basic \"reports\"; auth_basic_user_file " +
           dir.file("htpasswd") + "; }\n"
           "    location /open/ { alias " + (dir.path() / "www-reports").string() + "/; autoindex on; }\n"
           "    location /forbidden/ { return 403; }\n"
           "    location /broken/ { return 500; }\n";
  }

  ReportServer() {
    const fs::path reports = nginx.root() / "reports";
    fs::create_directories(reports);
    write_report(reports, "gellerup-1", healthy_report("gellerup-1"));
    auto black = healthy_report("vollsmose-2", "vollsmose");
    black["display"]["render_check"]["ok"] = false;
    black["display"]["render_check"]["problem"] = "a single colour";
    write_report(reports, "vollsmose-2", black);
    write_file(reports / "not-a-report.txt", "x");
    fs::create_directory_symlink(reports, dir.path() / "www-reports");
  }

  kiosk::testing::CommandRun fleet(const std::string& args, const std::string& env = "") const {
    return run_command("TZ=UTC HOME=" + dir.path().string() + " " + env + " " + std::string(KIOSK_FEED_BINARY) + " fleet " + args +
                       " --now " + utc(kiosk::testing::kNow));
  }
};

void check_fleet_shown(const kiosk::testing::CommandRun& run) {
  INFO(run.output);
  CHECK(run.exit_code == 1);  // vollsmose-2's screen is black
  CHECK_THAT(run.output, Catch::Contains("\nvollsmose-2       vollsmose     42 / 42    12-01 08:58  1 min    black   black screen\n") &&
                             Catch::Contains("\ngellerup-1        gellerup      42 / 42    12-01 08:58  1 min    on      ok\n") &&
                             Catch::Contains("vollsmose-2: black screen: the render check failed: a single colour\n") &&
                             Catch::EndsWith("\n2 kiosks, 1 needs attention\n"));
}

}  // namespace

TEST_CASE("fleet URL: the JSON listing behind basic auth, with the password from a file, the environment or .netrc", "[fleet][url]") {
  ReportServer server;
  const std::string url = server.nginx.url("/reports/");
  check_fleet_shown(server.fleet(url + " --user staff --password-file " + server.dir.file("password")));
  check_fleet_shown(server.fleet(url + " --user staff", std::string("KIOSK_FEED_FLEET_PASSWORD=") + kPassword));
  write_file(server.dir.path() / ".netrc", std::string("machine 127.0.0.1 login staff password ") + kPassword + "\n");
  fs::permissions(server.dir.path() / ".netrc", fs::perms::owner_read | fs::perms::owner_write);
  check_fleet_shown(server.fleet(url + " --user staff"));
  // The reports and pictures were fetched, nothing else.
  std::vector<std::string> uris;
  for (const auto& r : server.nginx.requests()) {
    if (r.status == 200) uris.push_back(r.uri);
  }
  CHECK(std::count(uris.begin(), uris.end(), "/reports/vollsmose-2.png") == 3);
  CHECK(std::count(uris.begin(), uris.end(), "/reports/not-a-report.txt") == 0);
}

TEST_CASE("fleet URL: nginx's HTML index is read too", "[fleet][url]") {
  ReportServer server;
  check_fleet_shown(server.fleet(server.nginx.url("/open/") + " --html " + server.dir.file("fleet.html")));
  CHECK_THAT(kiosk::testing::read_file(server.dir.file("fleet.html")), Catch::Contains("<img src=\"data:image/png;base64,"));
}

TEST_CASE("fleet URL: a server's refusal is exit 1 in words", "[fleet][url]") {
  ReportServer server;
  const auto wrong = server.fleet(server.nginx.url("/reports/") + " --user staff", "KIOSK_FEED_FLEET_PASSWORD=wrong");
  CHECK(wrong.exit_code == 1);
  CHECK(wrong.output == "kiosk-feed fleet: GET " + server.nginx.url("/reports/") +
                            ": the server answered 401 Unauthorized: the user name or password is wrong (user staff)\n");
  const auto none = server.fleet(server.nginx.url("/reports/"));
  CHECK(none.exit_code == 1);
  CHECK_THAT(none.output, Catch::Contains("401 Unauthorized") && Catch::Contains("(no user given)"));
  const auto forbidden = server.fleet(server.nginx.url("/forbidden/"));
  CHECK(forbidden.exit_code == 1);
  CHECK(forbidden.output == "kiosk-feed fleet: GET " + server.nginx.url("/forbidden/") +
                                ": the server answered 403 Forbidden: the server refuses it to this user (nginx lists a folder with autoindex on;)\n");
  const auto missing = server.fleet(server.nginx.url("/nothing-here/"));
  CHECK(missing.exit_code == 1);
  CHECK(missing.output == "kiosk-feed fleet: GET " + server.nginx.url("/nothing-here/") + ": the server answered 404 Not Found\n");
  const auto broken = server.fleet(server.nginx.url("/broken/"));
  CHECK(broken.exit_code == 1);
  CHECK(broken.output == "kiosk-feed fleet: GET " + server.nginx.url("/broken/") + ": the server answered 500\n");
  const auto nobody = server.fleet("http://127.0.0.1:1/reports/");
  CHECK(nobody.exit_code == 1);
  CHECK_THAT(nobody.output, Catch::StartsWith("kiosk-feed fleet: GET http://127.0.0.1:1/reports/: "));
}

TEST_CASE("fleet URL: the published version from the feed on the web server", "[fleet][url]") {
  ReportServer server;
  auto feed = nlohmann::json::parse(kiosk::testing::default_feed_text());
  feed["version"] = 44;
  fs::create_directories(server.nginx.root() / "kiosk");
  write_file(server.nginx.root() / "kiosk" / "feed.json", feed.dump());
  const auto run = server.fleet(server.nginx.url("/open/") + " --feed " + server.nginx.url("/kiosk/"));
  INFO(run.output);
  CHECK(run.exit_code == 1);
  CHECK_THAT(run.output, Catch::StartsWith("Published version: 44\n") && Catch::EndsWith("\n2 kiosks, 2 need attention\n"));
  const auto by_file = server.fleet(server.nginx.url("/open/") + " --feed " + server.nginx.url("/kiosk/feed.json"));
  CHECK_THAT(by_file.output, Catch::StartsWith("Published version: 44\n"));
  const auto gone = server.fleet(server.nginx.url("/open/") + " --feed " + server.nginx.url("/gone/feed.json"));
  CHECK(gone.exit_code == 1);
  CHECK(gone.output == "kiosk-feed fleet: GET " + server.nginx.url("/gone/feed.json") + ": the server answered 404 Not Found\n");
}
