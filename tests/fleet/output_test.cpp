// The table, the HTML page and the CSV made from a judged fleet: widths, order, quoting, and a
// report's text never turning into markup or terminal control.
#include <catch2/catch.hpp>

#include <sstream>

#include "fleet/output.h"
#include "report_fixture.h"

namespace {

using kiosk::fleet::ReportFile;
using kiosk::testing::healthy_report;
using kiosk::testing::kNow;
using Json = nlohmann::json;

ReportFile file_of(const std::string& id, const Json& report) {
  return {.id = id, .where = id + ".json", .json = report.dump(), .problem = "", .picture = kiosk::testing::kTinyPng, .picture_problem = ""};
}

std::vector<std::string> lines_of(const std::string& text, char end = '\n') {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line, end);) lines.push_back(line);
  return lines;
}

std::size_t code_points(const std::string& s) {
  return static_cast<std::size_t>(std::count_if(s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

}  // namespace

TEST_CASE("fleet: the table has a row per kiosk within 100 characters, and the count", "[fleet][output]") {
  const std::string long_id(64, 'k');
  auto black = healthy_report(long_id, "tåstrupgård-og-nærmeste-omegn-med-et-langt-navn");
  black["display"]["render_check"]["ok"] = false;
  black["display"]["render_check"]["problem"] = "single colour\x1b[2J";
  black["sync"]["outcome"] = "failed";
  const auto fleet = kiosk::fleet::judge_fleet({file_of("gellerup-1", healthy_report("gellerup-1")), file_of(long_id, black)},
                                               {.now = kNow, .published_version = 42});
  const std::string table = kiosk::fleet::format_table(fleet);
  INFO(table);
  CHECK(table.find('\x1b') == std::string::npos);  // no terminal control from a report
  const auto lines = lines_of(table);
  REQUIRE(lines.size() >= 6);
  for (std::size_t i = 2; i < 5; ++i) CHECK(code_points(lines[i]) <= 100);  // the table; the sentences below run on
  CHECK(lines[0] == "Published version: 42");
  CHECK(lines[2].rfind("kiosk", 0) == 0);
  CHECK(lines[3].rfind("kkkkkkkkkkkkkkk…  tåstrupgård…  42 / 42    12-01 08:58  1 min    black   black screen, sync failing", 0) == 0);
  CHECK(lines[4] == "gellerup-1        gellerup      42 / 42    12-01 08:58  1 min    on      ok");
  CHECK_THAT(table, Catch::Contains(": black screen: the render check failed: single colour?[2J\n") &&
                        Catch::Contains(": sync failing: \"failed\"; the last successful check was 2026-12-01 08:58\n"));
  CHECK(lines.back() == "2 kiosks, 1 needs attention");
}

TEST_CASE("fleet: the table says when the published version is the newest reported", "[fleet][output]") {
  const auto fleet = kiosk::fleet::judge_fleet({file_of("gellerup-1", healthy_report("gellerup-1"))}, {.now = kNow});
  const std::string table = kiosk::fleet::format_table(fleet);
  CHECK(lines_of(table)[0] == "Published version: 42 (newest reported)");
  CHECK(lines_of(table).back() == "1 kiosk, 0 need attention");
}

TEST_CASE("fleet: the CSV has a row per kiosk per day by date then kiosk, quoted as RFC 4180 says", "[fleet][output]") {
  auto odd_area = healthy_report("aarhus-2", "a \"quoted\", area");
  odd_area["display"]["days"] = Json::array({{{"date", "2026-12-01"}, {"slides_shown", 10}, {"touch_sessions", 1}, {"results_opened", 0},
                                              {"languages_chosen", {{"fa", 4}, {"xx", 9}}}}});
  const auto fleet = kiosk::fleet::judge_fleet(
      {file_of("gellerup-1", healthy_report("gellerup-1")), file_of("aarhus-2", odd_area)}, {.now = kNow});
  const auto lines = lines_of(kiosk::fleet::counts_csv(fleet), '\n');
  REQUIRE(lines.size() == 4);
  CHECK(lines[0] ==
        "date,kiosk,area,slides_shown,touch_sessions,results_opened,chosen_da,chosen_en,chosen_ar,chosen_so,chosen_tr,chosen_ur,chosen_fa\r");
  CHECK(lines[1] == "2026-11-30,gellerup-1,gellerup,1200,7,9,3,0,2,0,0,0,0\r");
  CHECK(lines[2] == "2026-12-01,aarhus-2,\"a \"\"quoted\"\", area\",10,1,0,0,0,0,0,0,0,4\r");
  CHECK(lines[3] == "2026-12-01,gellerup-1,gellerup,412,3,5,0,0,0,1,0,0,0\r");
}

TEST_CASE("fleet: the page escapes every text from a report", "[fleet][output]") {
  auto hostile = healthy_report("<script>alert(1)</script>", "<b>area</b>");
  hostile["display"]["errors"] = Json::array({{{"at", kiosk::testing::utc(kNow - 60)}, {"message", "<script>alert(2)</script>"}}});
  hostile["sync"]["outcome"] = "\"><img src=x onerror=alert(3)>";
  const auto fleet = kiosk::fleet::judge_fleet({file_of("vollsmose-1", hostile)}, {.now = kNow});
  const std::string page = kiosk::fleet::html_page(fleet, "/srv/<reports>");
  CHECK(page.find("<script") == std::string::npos);
  CHECK(page.find("<img src=x") == std::string::npos);
  CHECK(page.find("<b>") == std::string::npos);
  CHECK_THAT(page, Catch::Contains("&quot;&lt;script&gt;alert(1)&lt;/script&gt;&quot;") &&
                       Catch::Contains("&lt;script&gt;alert(2)&lt;/script&gt;") && Catch::Contains("&lt;b&gt;area&lt;/b&gt;") &&
                       Catch::Contains("/srv/&lt;reports&gt;"));
  CHECK_THAT(page, Catch::Contains("<img src=\"data:image/png;base64,iVBORw0KGgo") && Catch::Contains("Kræver opmærksomhed"));
  CHECK(kiosk::fleet::html_escaped("a&b<'\">") == "a&amp;b&lt;&#39;&quot;&gt;");
}

TEST_CASE("fleet: the page says the render check's findings in Danish and the area beside the kiosk", "[fleet][output]") {
  auto black = healthy_report("gellerup-1", "gellerup");
  black["display"]["render_check"]["ok"] = false;
  black["display"]["render_check"]["problem"] = "the screen shows a single colour";
  auto frozen = healthy_report("gellerup-2", "gellerup");
  frozen["display"]["render_check"]["ok"] = false;
  frozen["display"]["render_check"]["problem"] = "the screen has not changed for too long";
  const auto fleet = kiosk::fleet::judge_fleet({file_of("gellerup-1", black), file_of("gellerup-2", frozen)}, {.now = kNow});
  const std::string page = kiosk::fleet::html_page(fleet, "/srv/reports");
  CHECK_THAT(page, Catch::Contains("billedet fejler: hele billedet har én farve.") &&
                       Catch::Contains("billedet fejler: billedet har ikke ændret sig i for lang tid.") &&
                       Catch::Contains("<strong>gellerup-1</strong><br>gellerup<br>"));
  CHECK(page.find("single colour") == std::string::npos);
}
