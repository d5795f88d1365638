// The page kiosk-feed fleet --html writes, opened in headless Chromium as staff open it: every
// kiosk's row is in the DOM the browser built, with its area and problems in words, each picture an
// <img> with a data: URI, and a report's hostile text stays text (no element made of it).
#include <catch2/catch.hpp>

#include <regex>

#include "report_fixture.h"

namespace {

namespace fs = std::filesystem;
using namespace kiosk::testing;  // the report fixture, files and commands

constexpr const char* kChromium = "/usr/bin/chromium";  // Debian package chromium (.ci/packages.txt)

// The DOM Chromium made of `page`, serialized.
std::string dom_of(const fs::path& page) {
  if (!fs::exists(kChromium)) FAIL(std::string(kChromium) + " is missing: install the Debian package chromium (.ci/packages.txt)");
  const auto run = run_command(std::string(kChromium) + " --headless --no-sandbox --disable-gpu --disable-quic --dump-dom file://" +
                               page.string() + " 2>/dev/null");
  REQUIRE(run.exit_code == 0);
  return run.output;
}

// Each table row of the body: <tr ...>...</tr>.
std::vector<std::string> rows_of(const std::string& dom) {
  std::vector<std::string> rows;
  static const std::regex kRow(R"re(<tr class="[^"]*">[\s\S]*?</tr>)re");
  for (std::sregex_iterator it(dom.begin(), dom.end(), kRow), end; it != end; ++it) rows.push_back(it->str());
  return rows;
}

}  // namespace

TEST_CASE("fleet page: Chromium shows every kiosk's row, its problems in words and its picture inline", "[fleet][browser]") {
  TempDir dir;
  const fs::path reports = dir.path() / "reports";
  fs::create_directories(reports);
  write_report(reports, "gellerup-1", healthy_report("gellerup-1"));
  auto failing = healthy_report("vollsmose-2", "vollsmose");
  failing["sync"]["outcome"] = "failed: <script>alert(1)</script>";
  failing["sync"]["last_error"] = "<script>alert(3)</script>";
  failing["display"]["errors"] = nlohmann::json::array({{{"at", utc(kiosk::testing::kNow - 60)}, {"message", "<img src=x onerror=alert(2)>"}}});
  write_report(reports, "vollsmose-2", failing);
  auto silent = healthy_report("tingbjerg-3", "tingbjerg");
  silent["sent"] = utc(kiosk::testing::kNow - 7200);
  write_report(reports, "tingbjerg-3", silent, "");
  const fs::path page = dir.path() / "fleet.html";
  const auto run = run_command("TZ=UTC " + std::string(KIOSK_FEED_BINARY) + " fleet " + reports.string() + " --now " +
                               utc(kiosk::testing::kNow) + " --html " + page.string());
  INFO(run.output);
  REQUIRE(run.exit_code == 1);

  const std::string dom = dom_of(page);
  INFO(dom);
  CHECK_THAT(dom, Catch::Contains("<h1>Alle skærme</h1>") && Catch::Contains("3 skærme, 2 kræver opmærksomhed"));
  CHECK(dom.find("<script") == std::string::npos);  // the report's text did not become an element
  CHECK(dom.find("<img src=\"x\"") == std::string::npos);
  const auto rows = rows_of(dom);
  REQUIRE(rows.size() == 3);
  // Those needing attention first, marked by class (colour) and by words.
  CHECK_THAT(rows[0], Catch::Contains("class=\"attention\"") && Catch::Contains("<strong>tingbjerg-3</strong>") &&
                          Catch::Contains("Kræver opmærksomhed") && Catch::Contains("tingbjerg") &&
                          Catch::Contains("Tavs: sidste rapport kom for 2 t siden") && Catch::Contains("Intet billede"));
  CHECK_THAT(rows[1], Catch::Contains("class=\"attention\"") && Catch::Contains("<strong>vollsmose-2</strong>") &&
                          Catch::Contains("vollsmose") && Catch::Contains("Synkroniseringen fejler") &&
                          Catch::Contains("&lt;script&gt;alert(1)&lt;/script&gt;") && Catch::Contains("&lt;script&gt;alert(3)&lt;/script&gt;") &&
                          Catch::Contains("1 fejl det seneste døgn") && Catch::Contains("&lt;img src=x onerror=alert(2)&gt;"));
  CHECK_THAT(rows[2], Catch::Contains("class=\"ok\"") && Catch::Contains("<strong>gellerup-1</strong>") &&
                          Catch::Contains("I orden") && Catch::Contains("gellerup"));
  for (const std::size_t i : {1, 2}) {
    INFO(rows[i]);
    CHECK(std::regex_search(rows[i], std::regex(R"re(<img src="data:image/png;base64,[A-Za-z0-9+/=]+" alt="Skærmbillede fra [a-z0-9-]+">)re")));
  }
}
