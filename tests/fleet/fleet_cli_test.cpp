// kiosk-feed fleet through the real binary, on a folder of reports as the web server keeps them:
// the table's rows, the exit status a script mails on, and every kind of bad file, each named while
// the rest of the fleet is still shown.
#include <catch2/catch.hpp>

#include <regex>

#include "report_fixture.h"

namespace {

namespace fs = std::filesystem;
using namespace kiosk::testing;  // the report fixture, files and commands

const std::string kAt = " --now " + utc(kiosk::testing::kNow);

kiosk::testing::CommandRun fleet(const std::string& args) {
  return run_command("TZ=UTC " + std::string(KIOSK_FEED_BINARY) + " fleet " + args);
}

// The table's row of `id` (the line starting with it), or "".
std::string row_of(const std::string& output, const std::string& id) {
  std::smatch m;
  return std::regex_search(output, m, std::regex("(^|\n)(" + id + " [^\n]*)")) ? m[2].str() : "";
}

struct Reports {
  TempDir dir;
  fs::path path = dir.path() / "reports";
  Reports() { fs::create_directories(path); }
  void add(const std::string& id, const nlohmann::json& report) { write_report(path, id, report); }
};

}  // namespace

TEST_CASE("fleet CLI: a healthy fleet is a table and exit 0", "[fleet][cli]") {
  Reports r;
  r.add("gellerup-1", healthy_report("gellerup-1"));
  r.add("vollsmose-1", healthy_report("vollsmose-1", "vollsmose"));
  const auto run = fleet(r.path.string() + kAt);
  INFO(run.output);
  CHECK(run.exit_code == 0);
  CHECK_THAT(run.output, Catch::StartsWith("Published version: 42 (newest reported)\n"));
  CHECK(row_of(run.output, "gellerup-1") == "gellerup-1        gellerup      42 / 42    12-01 08:58  1 min    on      ok");
  CHECK(row_of(run.output, "vollsmose-1") == "vollsmose-1       vollsmose     42 / 42    12-01 08:58  1 min    on      ok");
  CHECK_THAT(run.output, Catch::EndsWith("\n2 kiosks, 0 need attention\n"));
}

TEST_CASE("fleet CLI: kiosks needing attention come first and make exit 1", "[fleet][cli]") {
  Reports r;
  auto current = healthy_report("aarhus-1", "gellerupparken-toveshoej");
  current["display"]["content"]["version"] = 43;
  r.add("aarhus-1", current);
  auto silent = healthy_report("zealand-1");
  silent["sent"] = utc(kiosk::testing::kNow - 3 * 3600);
  r.add("zealand-1", silent);
  TempDir feed_dir;
  auto feed = nlohmann::json::parse(kiosk::testing::default_feed_text());
  feed["version"] = 43;
  write_file(feed_dir.path() / "feed.json", feed.dump());
  const auto run = fleet(r.path.string() + kAt + " --feed " + feed_dir.path().string());
  INFO(run.output);
  CHECK(run.exit_code == 1);
  CHECK_THAT(run.output, Catch::StartsWith("Published version: 43\n"));
  CHECK(row_of(run.output, "zealand-1") == "zealand-1         gellerup      42 / 43    12-01 08:58  3 h      on      silent, stale");
  CHECK(row_of(run.output, "aarhus-1") == "aarhus-1          gelleruppar…  43 / 43    12-01 08:58  1 min    on      ok");
  CHECK(run.output.find("zealand-1 ") < run.output.find("aarhus-1 "));
  CHECK_THAT(run.output, Catch::Contains("zealand-1: silent: the last report was sent 3 h ago, 2026-12-01 06:00\n") &&
                             Catch::Contains("zealand-1: stale: shows version 42, published 43\n") &&
                             Catch::EndsWith("\n2 kiosks, 1 needs attention\n"));
}

TEST_CASE("fleet CLI: a bad command line is exit 2", "[fleet][cli]") {
  Reports r;
  r.add("gellerup-1", healthy_report("gellerup-1"));
  for (const std::string args : {"", "--now 2026-12-01", "--check-minutes 0", "--check-minutes 15x", "--colour red"}) {
    const auto run = fleet(args.empty() ? "" : r.path.string() + " " + args);
    INFO(args << "\n" << run.output);
    CHECK(run.exit_code == 2);
    CHECK_THAT(run.output, Catch::Contains("kiosk-feed fleet"));
  }
}

TEST_CASE("fleet CLI: each bad file is named and the rest of the fleet still shown", "[fleet][cli]") {
  Reports r;
  r.add("gellerup-1", healthy_report("gellerup-1"));
  write_file(r.path / "damaged.json", healthy_report("damaged").dump().substr(0, 80));
  r.add("wrong-id", healthy_report("someone-else"));
  auto format2 = healthy_report("format-2");
  format2["format"] = 2;
  r.add("format-2", format2);
  write_file(r.path / "too-large.json", std::string((1 << 20) + 1, ' '));
  write_report(r.path, "bad-png", healthy_report("bad-png"), "GIF89a not a png");
  write_report(r.path, "no-png", healthy_report("no-png"), "");
  write_file(r.path / "Upper.json", healthy_report("upper").dump());
  write_file(r.path / "index.html", "<html></html>");
  const auto run = fleet(r.path.string() + kAt);
  INFO(run.output);
  CHECK(run.exit_code == 1);
  const std::string dir = r.path.string() + "/";
  CHECK_THAT(run.output, Catch::Contains("kiosk-feed fleet: " + dir + "damaged.json: not JSON: damaged or cut short (80 bytes)\n") &&
                             Catch::Contains("kiosk-feed fleet: " + dir + "format-2.json: format 2, where this kiosk-feed reads format 1") &&
                             Catch::Contains("kiosk-feed fleet: " + dir + "too-large.json is larger than the 1 MB a report may be\n") &&
                             Catch::Contains("kiosk-feed fleet: " + dir + "bad-png.png is not a PNG picture (shown without its picture)\n") &&
                             Catch::Contains("wrong-id: wrong id: the report names itself \"someone-else\"; shown by its file's name\n"));
  CHECK_THAT(row_of(run.output, "damaged"), Catch::EndsWith("bad report"));
  CHECK_THAT(row_of(run.output, "format-2"), Catch::EndsWith("bad report"));
  CHECK_THAT(row_of(run.output, "too-large"), Catch::EndsWith("bad report"));
  CHECK_THAT(row_of(run.output, "wrong-id"), Catch::EndsWith("wrong id"));
  CHECK_THAT(row_of(run.output, "gellerup-1"), Catch::EndsWith("ok"));
  CHECK_THAT(row_of(run.output, "bad-png"), Catch::EndsWith("ok"));  // a picture refused: the kiosk itself is fine
  CHECK_THAT(row_of(run.output, "no-png"), Catch::EndsWith("ok"));
  CHECK(run.output.find("no-png.png") == std::string::npos);  // no picture yet is no problem
  CHECK(run.output.find("Upper") == std::string::npos);
  CHECK(run.output.find("index") == std::string::npos);
  CHECK_THAT(run.output, Catch::EndsWith("\n7 kiosks, 4 need attention\n"));
}

TEST_CASE("fleet CLI: a source with no reports, or none at all, is exit 1 with the reason", "[fleet][cli]") {
  Reports r;
  auto empty = fleet(r.path.string() + kAt);
  CHECK(empty.exit_code == 1);
  CHECK(empty.output == "kiosk-feed fleet: no reports in " + r.path.string() + " (no file named <kiosk id>.json)\n");
  auto missing = fleet(r.dir.file("nowhere") + kAt);
  CHECK(missing.exit_code == 1);
  CHECK(missing.output == "kiosk-feed fleet: the folder " + r.dir.file("nowhere") + " does not exist\n");
  r.add("gellerup-1", healthy_report("gellerup-1"));
  auto no_feed = fleet(r.path.string() + kAt + " --feed " + r.dir.file("no-feed.json"));
  CHECK(no_feed.exit_code == 1);
  CHECK_THAT(no_feed.output, Catch::Contains("the published feed " + r.dir.file("no-feed.json") + " does not exist"));
}

TEST_CASE("fleet CLI: --html and --csv write the page and the counts", "[fleet][cli]") {
  Reports r;
  r.add("gellerup-1", healthy_report("gellerup-1"));
  const auto run = fleet(r.path.string() + kAt + " --html " + r.dir.file("fleet.html") + " --csv " + r.dir.file("counts.csv"));
  INFO(run.output);
  CHECK(run.exit_code == 0);
  CHECK_THAT(read_file(r.dir.file("fleet.html")), Catch::Contains("<h1>Alle skærme</h1>") && Catch::Contains("gellerup-1"));
  CHECK_THAT(read_file(r.dir.file("counts.csv")), Catch::StartsWith("date,kiosk,area,") &&
                                                       Catch::EndsWith("\r\n2026-12-01,gellerup-1,gellerup,412,3,5,0,0,0,1,0,0,0\r\n"));
  const auto unwritable = fleet(r.path.string() + kAt + " --html " + r.dir.file("no/such/fleet.html"));
  CHECK(unwritable.exit_code == 1);
  CHECK_THAT(unwritable.output, Catch::Contains("kiosk-feed fleet: cannot write " + r.dir.file("no/such/")) &&
                                    Catch::Contains("No such file or directory"));
}
