// Judging the fleet from reports written as kiosks write them: each flag appears exactly when it
// should, at its boundary, and the rows come those needing attention first.
#include <catch2/catch.hpp>

#include "fleet/judge.h"
#include "fleet/output.h"
#include "report_fixture.h"

namespace {

using kiosk::fleet::Flag;
using kiosk::fleet::Fleet;
using kiosk::fleet::JudgeOptions;
using kiosk::fleet::ReportFile;
using kiosk::testing::healthy_report;
using kiosk::testing::kNow;
using kiosk::testing::utc;
using Json = nlohmann::json;

ReportFile file_of(const std::string& id, const Json& report) {
  return {.id = id, .where = "/reports/" + id + ".json", .json = report.dump(), .problem = "", .picture = kiosk::testing::kTinyPng,
          .picture_problem = ""};
}

JudgeOptions at_now() { return {.now = kNow}; }

Fleet judge_one(const Json& report, JudgeOptions options = at_now()) {
  return kiosk::fleet::judge_fleet({file_of("gellerup-1", report)}, options);
}

std::vector<Flag> flags_of(const Json& report, JudgeOptions options = at_now()) {
  const auto fleet = judge_one(report, options);
  REQUIRE(fleet.rows.size() == 1);
  std::vector<Flag> flags;
  for (const auto& p : fleet.rows[0].problems) flags.push_back(p.flag);
  return flags;
}

}  // namespace

TEST_CASE("fleet: a healthy report has no problem", "[fleet][judge]") {
  const auto fleet = judge_one(healthy_report("gellerup-1"));
  REQUIRE(fleet.rows.size() == 1);
  const auto& row = fleet.rows[0];
  CHECK(row.problems.empty());
  CHECK(row.id == "gellerup-1");
  CHECK(row.area == "gellerup");
  CHECK(row.shown_version == 42u);
  CHECK(row.screen == kiosk::fleet::Screen::kOn);
  CHECK(row.last_sync == kNow - 62);
  CHECK(row.picture == kiosk::testing::kTinyPng);
  CHECK(row.days.size() == 2);
  CHECK(fleet.published_version == 42u);
  CHECK(fleet.published_from_reports);
  CHECK(fleet.needing_attention() == 0);
}

TEST_CASE("fleet: silent after 2 check intervals and 1 minute, not before", "[fleet][judge]") {
  auto report = healthy_report("gellerup-1");
  report["sent"] = utc(kNow - 31 * 60);
  report["display"]["written"] = utc(kNow - 31 * 60);
  CHECK(flags_of(report).empty());
  report["sent"] = utc(kNow - 31 * 60 - 1);
  CHECK(flags_of(report) == std::vector{Flag::kSilent});
  // With kiosk-sync every 5 minutes: 11 minutes.
  report["display"]["written"] = utc(kNow - 12 * 60);
  report["sent"] = utc(kNow - 11 * 60);
  CHECK(flags_of(report, {.now = kNow, .check_interval = std::chrono::minutes(5)}).empty());
  report["sent"] = utc(kNow - 11 * 60 - 1);
  CHECK(flags_of(report, {.now = kNow, .check_interval = std::chrono::minutes(5)}) == std::vector{Flag::kSilent});
  report.erase("sent");
  CHECK(flags_of(report) == std::vector{Flag::kSilent});
}

TEST_CASE("fleet: the display is stopped when it never wrote or wrote 15 minutes before the report", "[fleet][judge]") {
  auto report = healthy_report("gellerup-1");
  report["display"]["written"] = utc(kNow - 60 - 15 * 60);
  CHECK(flags_of(report).empty());
  report["display"]["written"] = utc(kNow - 60 - 15 * 60 - 1);
  CHECK(flags_of(report) == std::vector{Flag::kDisplayStopped});
  report["display"] = nullptr;
  const auto fleet = judge_one(report);
  CHECK(fleet.rows[0].problems.size() == 1);
  CHECK(fleet.rows[0].has(Flag::kDisplayStopped));
  CHECK(fleet.rows[0].screen == kiosk::fleet::Screen::kUnknown);
  CHECK_FALSE(fleet.rows[0].shown_version);
}

TEST_CASE("fleet: stale when the version on screen is below the published one or the display says so", "[fleet][judge]") {
  auto report = healthy_report("gellerup-1");
  CHECK(flags_of(report, {.now = kNow, .published_version = 42}).empty());
  CHECK(flags_of(report, {.now = kNow, .published_version = 43}) == std::vector{Flag::kStale});
  report["display"]["content"]["built_in"] = true;  // the program's own content is version 0
  report["display"]["content"]["version"] = 0;
  CHECK(flags_of(report) == std::vector{Flag::kStale});
  report = healthy_report("gellerup-1");
  report["display"]["content"]["stale"] = true;
  report["display"]["content"]["stale_reason"] = "expired 2026-11-30";
  const auto fleet = judge_one(report);
  REQUIRE(fleet.rows[0].problems.size() == 1);
  CHECK(fleet.rows[0].problems[0].flag == Flag::kStale);
  CHECK(fleet.rows[0].problems[0].detail == "expired 2026-11-30");
}

TEST_CASE("fleet: the published version is the feed's, else the newest any report has", "[fleet][judge]") {
  auto newer = healthy_report("vollsmose-1");
  newer["sync"]["content_version"] = 43;
  const std::vector files = {file_of("gellerup-1", healthy_report("gellerup-1")), file_of("vollsmose-1", newer)};
  const auto reported = kiosk::fleet::judge_fleet(files, at_now());
  CHECK(reported.published_version == 43u);
  CHECK(reported.published_from_reports);
  CHECK(reported.needing_attention() == 2);  // both show 42
  const auto from_feed = kiosk::fleet::judge_fleet(files, {.now = kNow, .published_version = 42});
  CHECK(from_feed.published_version == 42u);
  CHECK_FALSE(from_feed.published_from_reports);
  CHECK(from_feed.needing_attention() == 0);
}

TEST_CASE("fleet: a black screen only while the screen is on, with the render check's words", "[fleet][judge]") {
  auto report = healthy_report("gellerup-1");
  report["display"]["render_check"]["ok"] = false;
  report["display"]["render_check"]["problem"] = "a single colour for 10 s";
  auto fleet = judge_one(report);
  REQUIRE(fleet.rows[0].problems.size() == 1);
  CHECK(fleet.rows[0].problems[0].flag == Flag::kBlackScreen);
  CHECK(fleet.rows[0].problems[0].detail == "a single colour for 10 s");
  CHECK(fleet.rows[0].screen == kiosk::fleet::Screen::kBlack);
  report["display"]["screen"]["on"] = false;  // off by the schedule: black is what it should be
  fleet = judge_one(report);
  CHECK(fleet.rows[0].problems.empty());
  CHECK(fleet.rows[0].screen == kiosk::fleet::Screen::kOff);
}

TEST_CASE("fleet: sync failing unless updated or up to date, with the outcome and the last success", "[fleet][judge]") {
  auto report = healthy_report("gellerup-1");
  report["sync"]["outcome"] = "updated";
  CHECK(flags_of(report).empty());
  report["sync"]["outcome"] = "failed: the server answered 500";
  report["sync"]["last_success"] = utc(kNow - 7200);
  report["sync"]["last_error"] = "GET https://feed.example.dk/kiosk/feed.json: 500";
  const auto fleet = judge_one(report);
  REQUIRE(fleet.rows[0].problems.size() == 1);
  CHECK(fleet.rows[0].problems[0].flag == Flag::kSyncFailing);
  CHECK(fleet.rows[0].problems[0].detail == "failed: the server answered 500");
  CHECK(fleet.rows[0].problems[0].since == kNow - 7200);
  CHECK(fleet.rows[0].problems[0].last_error == "GET https://feed.example.dk/kiosk/feed.json: 500");
  CHECK(kiosk::fleet::describe(fleet.rows[0].problems[0], fleet) ==
        "sync failing: \"failed: the server answered 500\" (GET https://feed.example.dk/kiosk/feed.json: 500); the last successful "
        "check was 2026-12-01 07:00");
}

TEST_CASE("fleet: the display's errors of the last 24 hours are counted", "[fleet][judge]") {
  auto report = healthy_report("gellerup-1");
  report["display"]["errors"] = Json::array({{{"at", utc(kNow - 24 * 3600)}, {"message", "yesterday's"}}});
  CHECK(flags_of(report).empty());
  report["display"]["errors"].push_back({{"at", utc(kNow - 24 * 3600 + 1)}, {"message", "picture 3 cannot be decoded"}});
  report["display"]["errors"].push_back({{"at", utc(kNow - 60)}, {"message", "font cache full"}});
  const auto fleet = judge_one(report);
  REQUIRE(fleet.rows[0].problems.size() == 1);
  CHECK(fleet.rows[0].problems[0].flag == Flag::kErrors);
  CHECK(fleet.rows[0].problems[0].count == 2);
  CHECK(fleet.rows[0].problems[0].detail == "font cache full");
  CHECK(kiosk::fleet::short_words(fleet.rows[0].problems[0]) == "2 errors");
}

TEST_CASE("fleet: a report naming another kiosk is shown by its file's name and flagged", "[fleet][judge]") {
  const auto fleet = judge_one(healthy_report("vollsmose-9"));
  REQUIRE(fleet.rows.size() == 1);
  CHECK(fleet.rows[0].id == "gellerup-1");
  REQUIRE(fleet.rows[0].problems.size() == 1);
  CHECK(fleet.rows[0].problems[0].flag == Flag::kWrongId);
  CHECK(fleet.rows[0].problems[0].detail == "vollsmose-9");
}

TEST_CASE("fleet: a report that cannot be read is a row of its own, the rest of the fleet judged", "[fleet][judge]") {
  auto format2 = healthy_report("format-2");
  format2["format"] = 2;
  auto wrong_type = healthy_report("wrong-type");
  wrong_type["display"]["errors"][0] = {{"at", 5}, {"message", "x"}};
  ReportFile too_large{.id = "too-large", .where = "/reports/too-large.json", .json = std::nullopt,
                       .problem = "/reports/too-large.json is larger than the 1 MB a report may be"};
  ReportFile truncated = file_of("truncated", healthy_report("truncated"));
  truncated.json = truncated.json->substr(0, 100);
  const auto fleet = kiosk::fleet::judge_fleet(
      {file_of("format-2", format2), file_of("gellerup-1", healthy_report("gellerup-1")), too_large, truncated,
       file_of("wrong-type", wrong_type)},
      at_now());
  REQUIRE(fleet.rows.size() == 5);
  CHECK(fleet.needing_attention() == 4);
  CHECK(fleet.rows.back().id == "gellerup-1");
  CHECK(fleet.rows.back().problems.empty());
  for (std::size_t i = 0; i < 4; ++i) {
    INFO(fleet.rows[i].id);
    REQUIRE(fleet.rows[i].problems.size() == 1);
    CHECK(fleet.rows[i].problems[0].flag == Flag::kBadReport);
  }
  REQUIRE(fleet.messages.size() == 4);
  CHECK_THAT(fleet.messages[0], Catch::Contains("/reports/format-2.json: format 2, where this kiosk-feed reads format 1"));
  CHECK(fleet.messages[1] == "/reports/too-large.json is larger than the 1 MB a report may be");
  CHECK_THAT(fleet.messages[2], Catch::Contains("/reports/truncated.json: not JSON: damaged or cut short"));
  CHECK(fleet.messages[3] == "/reports/wrong-type.json: display.errors[0].at is not a text");
}

TEST_CASE("fleet: the rows needing attention come first, each group by id", "[fleet][judge]") {
  auto silent = healthy_report("a-silent");
  silent["sent"] = utc(kNow - 3600);
  auto black = healthy_report("z-black");
  black["display"]["render_check"]["ok"] = false;
  const auto fleet = kiosk::fleet::judge_fleet({file_of("a-fine", healthy_report("a-fine")), file_of("a-silent", silent),
                                                file_of("m-fine", healthy_report("m-fine")), file_of("z-black", black)},
                                               at_now());
  std::vector<std::string> ids;
  for (const auto& r : fleet.rows) ids.push_back(r.id);
  CHECK(ids == std::vector<std::string>{"a-silent", "z-black", "a-fine", "m-fine"});
}
