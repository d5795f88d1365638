// Reading the reports of a folder: what is read, what is refused and why, and the names a web
// server's listing gives.
#include <catch2/catch.hpp>

#include "fleet/reports_source.h"
#include "report_fixture.h"

namespace {

namespace fs = std::filesystem;
using kiosk::testing::healthy_report;
using kiosk::testing::TempDir;
using kiosk::testing::write_file;

}  // namespace

TEST_CASE("fleet: a folder's reports are read with their pictures, within their limits", "[fleet][source]") {
  TempDir dir;
  kiosk::testing::write_report(dir.path(), "gellerup-1", healthy_report("gellerup-1"));
  kiosk::testing::write_report(dir.path(), "no-picture", healthy_report("no-picture"), "");
  kiosk::testing::write_report(dir.path(), "not-a-png", healthy_report("not-a-png"), "<html>not a picture</html>");
  kiosk::testing::write_report(dir.path(), "huge-png", healthy_report("huge-png"),
                               kiosk::testing::kTinyPng + std::string(kiosk::fleet::kMaxPictureBytes, 'x'));
  write_file(dir.path() / "huge-json.json", std::string(kiosk::fleet::kMaxReportBytes + 1, ' '));
  write_file(dir.path() / "Capital.json", "{}");
  write_file(dir.path() / "notes.txt", "x");
  write_file(dir.path() / ".hidden.json", "{}");
  fs::create_directories(dir.path() / "folder.json");  // a folder is no report either... but its name is one

  auto files = kiosk::fleet::read_reports(dir.path().string(), {});
  REQUIRE(files.ok());
  std::vector<std::string> ids;
  for (const auto& f : *files) ids.push_back(f.id);
  CHECK(ids == std::vector<std::string>{"folder", "gellerup-1", "huge-json", "huge-png", "no-picture", "not-a-png"});
  const auto& folder = (*files)[0];
  CHECK_FALSE(folder.json);
  CHECK_THAT(folder.problem, Catch::Contains("folder.json is a folder, not a file"));
  CHECK((*files)[1].json);
  CHECK((*files)[1].picture == kiosk::testing::kTinyPng);
  CHECK((*files)[1].picture_problem.empty());
  CHECK_FALSE((*files)[2].json);
  CHECK((*files)[2].problem == (dir.path() / "huge-json.json").string() + " is larger than the 1 MB a report may be");
  CHECK_FALSE((*files)[3].picture);
  CHECK((*files)[3].picture_problem == (dir.path() / "huge-png.png").string() + " is larger than the 2 MB a picture may be");
  CHECK_FALSE((*files)[4].picture);
  CHECK((*files)[4].picture_problem.empty());  // no picture yet: not a problem
  CHECK_FALSE((*files)[5].picture);
  CHECK((*files)[5].picture_problem == (dir.path() / "not-a-png.png").string() + " is not a PNG picture");
}

TEST_CASE("fleet: an empty folder or one that does not exist is refused in words", "[fleet][source]") {
  TempDir dir;
  write_file(dir.path() / "README.txt", "x");
  auto empty = kiosk::fleet::read_reports(dir.path().string(), {});
  REQUIRE_FALSE(empty.ok());
  CHECK(empty.error().message == "no reports in " + dir.path().string() + " (no file named <kiosk id>.json)");
  auto missing = kiosk::fleet::read_reports(dir.file("nowhere"), {});
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().message == "the folder " + dir.file("nowhere") + " does not exist");
}

TEST_CASE("fleet: only names of kiosk ids are reports", "[fleet][source]") {
  CHECK(kiosk::fleet::report_id("gellerup-1.json") == "gellerup-1");
  CHECK(kiosk::fleet::report_id(std::string(64, 'a') + ".json") == std::string(64, 'a'));
  CHECK_FALSE(kiosk::fleet::report_id(std::string(65, 'a') + ".json"));
  CHECK_FALSE(kiosk::fleet::report_id("../etc.json"));
  CHECK_FALSE(kiosk::fleet::report_id("Gellerup.json"));
  CHECK_FALSE(kiosk::fleet::report_id(".json"));
  CHECK_FALSE(kiosk::fleet::report_id("gellerup-1.png"));
  CHECK_FALSE(kiosk::fleet::report_id("gellerup 1.json"));
}

TEST_CASE("fleet: the names in nginx's JSON listing and in an HTML index", "[fleet][source]") {
  const std::string json = R"([{"name":"gellerup-1.json","type":"file","mtime":"Tue, 01 Dec 2026 07:15:03 GMT","size":2210},
                               {"name":"old","type":"directory","mtime":"Tue, 01 Dec 2026 07:15:03 GMT"},
                               {"name":"gellerup-1.png","type":"file","mtime":"Tue, 01 Dec 2026 07:15:03 GMT","size":40210}])";
  CHECK(kiosk::fleet::names_in_listing(json) == std::vector<std::string>{"gellerup-1.json", "gellerup-1.png"});
  const std::string html = "<html><body><h1>Index of /reports/</h1><hr><pre><a href=\"../\">../</a>\n"
                           "<a href=\"vollsmose-2.json\">vollsmose-2.json</a> 01-Dec-2026 07:15 2210\n"
                           "<a HREF=\"%2E%2E%2Fsecret.json\">x</a>\n<a href=\"a%2Db.json\">a-b.json</a>\n"
                           "<a href=\"?C=N;O=D\">Name</a></pre></body></html>";
  CHECK(kiosk::fleet::names_in_listing(html) == std::vector<std::string>{"vollsmose-2.json", "a-b.json"});
  // A server's listing as long as a body may be, in one link: read, not a crash.
  const std::string huge(2 << 20, 'a');
  CHECK(kiosk::fleet::names_in_listing("<a href=\"" + huge + "\">x</a>") == std::vector<std::string>{huge});
}
