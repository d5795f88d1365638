// kiosk-feed fleet reading the reports from a real nginx on 127.0.0.1, set up as docs/fleet.md says
// for staff: the folder listed as JSON (autoindex_format json) behind basic auth, or as nginx's
// HTML index; and the refusals a server can answer, each in words.
#include <catch2/catch.hpp>

#include <regex>

#include "fetch/curl_client.h"
#include "fetch/webdav.h"
#include "nginx.h"
#include "report_fixture.h"

namespace {

namespace fs = std::filesystem;
using namespace kiosk::testing;  // the report fixture, files and commands

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

// The ```nginx blocks of docs/fleet.md's section on the report server, in order.
std::vector<std::string> documented_nginx_config() {
  const std::string doc = kiosk::testing::read_file(kiosk::testing::source_path("docs/fleet.md"));
  const auto section = doc.find("### The report server (nginx)");
  REQUIRE(section != std::string::npos);
  std::vector<std::string> blocks;
  static const std::regex kBlock("```nginx\n([\\s\\S]*?)```");
  const std::string rest = doc.substr(section);
  for (std::sregex_iterator it(rest.begin(), rest.end(), kBlock), end; it != end; ++it) blocks.push_back((*it)[1]);
  return blocks;
}

// A PUT of `name` into `url` as `user`: the status the server answered.
long put_as(const std::string& url, const std::string& user, const std::string& password, const std::string& name) {
  auto client = kiosk::fetch::WebDavClient::open(url, {.user = user, .password = password, .netrc_file = ""});
  REQUIRE(client.ok());
  auto answer = client->put(name, name == "gellerup-1.png" ? kiosk::testing::kTinyPng : healthy_report("gellerup-1").dump());
  REQUIRE(answer.ok());
  return answer->status;
}

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

TEST_CASE("fleet URL: the server setup docs/fleet.md gives lets a kiosk write only its own report and staff read all", "[fleet][url]") {
  const auto blocks = documented_nginx_config();
  REQUIRE(blocks.size() == 2);
  TempDir dir;
  write_file(dir.path() / "htpasswd", "gellerup-1:{PLAIN}k1\nvollsmose-2:{PLAIN}k2\nstaff:{PLAIN}s3\n");
  std::string location = blocks[1];
  const std::string documented_file = "/etc/nginx/kiosk-reports.htpasswd";
  REQUIRE(location.find(documented_file) != std::string::npos);
  location.replace(location.find(documented_file), documented_file.size(), dir.file("htpasswd"));
  kiosk::testing::Nginx nginx({.dav_location = "", .user = std::nullopt, .password = "", .server_config = location, .http_config = blocks[0]});
  const kiosk::fetch::CurlLibrary curl;
  const std::string url = nginx.url("/kiosk/");
  CHECK(put_as(url, "gellerup-1", "k1", "gellerup-1.json") == 201);
  CHECK(put_as(url, "gellerup-1", "k1", "gellerup-1.png") == 201);
  CHECK(put_as(url, "gellerup-1", "k1", "gellerup-1.json") == 204);  // the next report replaces it
  CHECK(put_as(url, "vollsmose-2", "k2", "vollsmose-2.json") == 201);
  CHECK(put_as(url, "gellerup-1", "k1", "vollsmose-2.json") == 403);  // not another kiosk's
  CHECK(put_as(url, "gellerup-1", "k1", "gellerup-1.txt") == 403);
  CHECK(put_as(url, "gellerup-1", "wrong", "gellerup-1.json") == 401);
  CHECK(put_as(url, "", "", "gellerup-1.json") == 401);
  CHECK(put_as(url, "staff", "s3", "staff.json") == 403);  // staff read, they do not write
  auto kiosk_reading = kiosk::fetch::WebDavClient::open(url, {.user = "gellerup-1", .password = "k1", .netrc_file = ""});
  REQUIRE(kiosk_reading.ok());
  CHECK(kiosk_reading->get("vollsmose-2.json")->status == 403);  // a kiosk reads no other's report

  write_file(dir.path() / "password", "s3\n");
  const auto run = run_command("TZ=UTC " + std::string(KIOSK_FEED_BINARY) + " fleet " + url + " --user staff --password-file " +
                               dir.file("password") + " --now " + utc(kiosk::testing::kNow));
  INFO(run.output);
  CHECK(run.exit_code == 1);  // vollsmose-2's report names gellerup-1
  CHECK_THAT(run.output, Catch::Contains("\ngellerup-1        gellerup      42 / 42    12-01 08:58  1 min    on      ok\n") &&
                             Catch::Contains("\nvollsmose-2       gellerup      42 / 42    12-01 08:58  1 min    on      wrong id\n"));
}
