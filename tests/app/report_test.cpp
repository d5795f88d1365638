// The display's report for staff (report.json and report.png beside the cache): the daily counts by
// local day, and through the real display loop on simulated time what it writes: the counts of a
// resident's touches, a picture of the frame, a black screen found by the render check, and the
// counts carried over a restart.
#include <SDL.h>
#include <SDL_image.h>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <filesystem>

#include "app/content_source.h"
#include "app/report.h"
#include "i18n/language.h"
#include "render/canvas.h"
#include "render_support.h"
#include "slides/touch_views.h"
#include "test_support.h"
#include "time_zone.h"

using kiosk::app::DayCounts;
using kiosk::app::UsageCounts;
using json = nlohmann::json;
using Catch::Contains;

namespace {

kiosk::WallTime at(const char* utc) { return kiosk::WallTime(std::chrono::seconds(kiosk::testing::unix_at(utc))); }

// The kiosk on simulated time with a playlist of status 1 s, timeline 1 s, results 60 s.
struct DisplayRun {
  kiosk::testing::TempDir dir;

  kiosk::testing::CommandRun run(int seconds, const std::string& touches = "", const std::string& more = "",
                                 const std::string& settings = "") {
    kiosk::testing::write_file(dir.file("kiosk.toml"),
                               settings + "[cache]\ndatabase = \"" + dir.file("content.db") +
                                   "\"\n[slides]\nidle_return_seconds = 2\n"
                                   "[[slides.show]]\nkind = \"status\"\nseconds = 1\n[[slides.show]]\nkind = \"timeline\"\nseconds = 1\n"
                                   "[[slides.show]]\nkind = \"results\"\nseconds = 60\n");
    kiosk::testing::write_file(dir.file("touches.txt"), touches);
    return kiosk::testing::run_command("env SDL_VIDEODRIVER=dummy " + std::string(KIOSK_BINARY) + " --config " +
                                       dir.file("kiosk.toml") + " --size 1920x1080 --simulated-time --run-for " +
                                       std::to_string(seconds) + " --touch-script " + dir.file("touches.txt") + " " + more);
  }
  json report() const { return json::parse(kiosk::testing::read_file(dir.file("report.json"))); }
  const json& today(const json& report) const {
    REQUIRE(report["days"].size() == 1);
    return report["days"][0];
  }
};

// Every pixel of the PNG at `path`, as 0xRRGGBB.
std::vector<std::uint32_t> pixels_of(const std::string& path, int* w, int* h) {
  SDL_Surface* raw = IMG_Load(path.c_str());
  REQUIRE(raw != nullptr);
  SDL_Surface* rgb = SDL_ConvertSurfaceFormat(raw, SDL_PIXELFORMAT_RGB888, 0);
  SDL_FreeSurface(raw);
  *w = rgb->w;
  *h = rgb->h;
  std::vector<std::uint32_t> out;
  for (int y = 0; y < rgb->h; ++y) {
    const auto* row = reinterpret_cast<const std::uint32_t*>(static_cast<const std::uint8_t*>(rgb->pixels) + y * rgb->pitch);
    for (int x = 0; x < rgb->w; ++x) out.push_back(row[x] & 0xFFFFFF);
  }
  SDL_FreeSurface(rgb);
  return out;
}

// The touches of a resident on the results slide (up from 2 s): the browser, a result, back, then
// 2 s untouched and the cycle again.
constexpr const char* kBrowsing =
    "2300 down 1600 950\n2380 up 1600 950\n"  // anywhere on the results slide
    "3300 down 900 190\n3380 up 900 190\n"    // the first result in the list
    "4300 down 100 70\n4380 up 100 70\n";    // back to the list

std::string centre(const kiosk::player::Box& b) {
  return std::to_string(static_cast<int>(b.x + b.w / 2)) + " " + std::to_string(static_cast<int>(b.y + b.h / 2));
}

// Where the browser at 1920x1080 with Danish and Arabic places its language button, and then, with
// the list open, the button of `code`.
std::pair<std::string, std::string> language_taps(const std::string& code) {
  const kiosk::app::AssetPaths assets{kiosk::testing::source_path("assets")};
  auto content = kiosk::app::load_default_content(assets);
  REQUIRE(content.ok());
  kiosk::testing::SoftwareTarget target(1920, 1080);
  kiosk::render::Canvas canvas(target.renderer(), target.fonts(), 1920, 1080);
  const kiosk::slides::SlideContext ctx{content->content, nullptr, {}, kiosk::SystemClock().wall(), false, 0};
  const auto theme = kiosk::slides::Theme::for_screen(1920, 1080);
  kiosk::slides::ViewState state;
  state.languages = {&kiosk::i18n::danish(), kiosk::i18n::find_language("ar")};
  std::pair<std::string, std::string> taps;
  for (const auto& r : kiosk::slides::draw_touch_view(kiosk::player::View::kBrowser, canvas, theme, ctx, state).regions) {
    if (r.target == kiosk::player::Target::kLanguages) taps.first = centre(r.box);
  }
  state.language_list = true;
  for (const auto& r : kiosk::slides::draw_touch_view(kiosk::player::View::kBrowser, canvas, theme, ctx, state).regions) {
    if (r.target == kiosk::player::Target::kLanguage && r.id == code) taps.second = centre(r.box);
  }
  REQUIRE_FALSE(taps.first.empty());
  REQUIRE_FALSE(taps.second.empty());
  return taps;
}

}  // namespace

TEST_CASE("the daily counts are kept by local day, the last 14 days", "[report]") {
  kiosk::testing::TimeZone zone("Europe/Copenhagen");
  UsageCounts counts;
  // 22:59 UTC on 30 November is 23:59 in Copenhagen; 23:00 UTC is already 1 December there.
  counts.count(UsageCounts::Event::kSlideShown, at("2026-11-30T22:59:00Z"));
  counts.count(UsageCounts::Event::kSlideShown, at("2026-11-30T23:00:00Z"));
  counts.count(UsageCounts::Event::kTouchSession, at("2026-11-30T23:00:00Z"));
  counts.count(UsageCounts::Event::kResultOpened, at("2026-12-01T10:00:00Z"));
  counts.language_chosen("ar", at("2026-12-01T10:00:00Z"));
  counts.language_chosen("ar", at("2026-12-01T11:00:00Z"));
  REQUIRE(counts.days().size() == 2);
  CHECK(counts.days()[0] == DayCounts{.date = "2026-11-30", .slides_shown = 1});
  CHECK(counts.days()[1] == DayCounts{.date = "2026-12-01",
                                      .slides_shown = 1,
                                      .touch_sessions = 1,
                                      .results_opened = 1,
                                      .languages_chosen = {{"ar", 2}}});

  // The clock set back to a day kept counts on that day.
  counts.count(UsageCounts::Event::kSlideShown, at("2026-11-30T12:00:00Z"));
  CHECK(counts.days()[0].slides_shown == 2);

  for (int d = 2; d <= 20; ++d) {
    const std::string day = "2026-12-" + std::string(d < 10 ? "0" : "") + std::to_string(d) + "T12:00:00Z";
    counts.count(UsageCounts::Event::kSlideShown, at(day.c_str()));
  }
  REQUIRE(counts.days().size() == UsageCounts::kDaysKept);
  CHECK(counts.days().front().date == "2026-12-07");
  CHECK(counts.days().back().date == "2026-12-20");
}

TEST_CASE("the counts are read back from the report the display wrote, and a damaged one is refused", "[report]") {
  kiosk::testing::TimeZone zone("Europe/Copenhagen");
  UsageCounts counts;
  counts.count(UsageCounts::Event::kTouchSession, at("2026-12-01T10:00:00Z"));
  counts.language_chosen("so", at("2026-12-01T10:00:00Z"));
  const std::string written = kiosk::app::display_report_json({}, counts);
  auto read = UsageCounts::from_report(written);
  REQUIRE(read.ok());
  CHECK(read->days() == counts.days());

  for (const char* bad : {"", "{\"days\": ", "[]", "{\"days\": 3}", "{\"days\": [{\"slides_shown\": 4}]}",
                          "{\"days\": [{\"date\": \"1 December\"}]}"}) {
    INFO(bad);
    CHECK_FALSE(UsageCounts::from_report(bad).ok());
  }
  // Counts that are not counts are left out, the rest kept.
  auto odd = UsageCounts::from_report(
      R"({"days": [{"date": "2026-12-01", "slides_shown": -5, "touch_sessions": "many", "results_opened": 2,
                    "languages_chosen": {"ar": 1, "../x": 3, "so": -1}}]})");
  REQUIRE(odd.ok());
  CHECK(odd->days()[0] == DayCounts{.date = "2026-12-01", .results_opened = 2, .languages_chosen = {{"ar", 1}}});
}

TEST_CASE("the report picture is 320 wide in the screen's shape", "[report]") {
  CHECK(kiosk::app::report_picture_size(1920, 1080).width == 320);
  CHECK(kiosk::app::report_picture_size(1920, 1080).height == 180);
  CHECK(kiosk::app::report_picture_size(800, 480).height == 192);
  CHECK(kiosk::app::report_picture_size(1080, 1920).height == 569);
}

TEST_CASE("the display reports a resident's touches, its content and a picture of the screen", "[report][app]") {
  DisplayRun kiosk;
  const auto run = kiosk.run(9, kBrowsing);
  INFO(run.output);
  REQUIRE(run.exit_code == 0);
  const json report = kiosk.report();
  INFO(report.dump(2));
  CHECK(report["content"]["built_in"] == true);
  CHECK(report["screen"]["on"] == true);
  CHECK(report["screen"]["size"] == "1920x1080");
  CHECK(report["render_check"]["ok"] == true);
  CHECK(report["render_check"]["problem"] == "");
  CHECK(report["errors"].empty());
  CHECK(report["uptime_seconds"] == 9);
  const json& day = kiosk.today(report);
  CHECK(day["touch_sessions"] == 1);
  CHECK(day["results_opened"] == 1);
  CHECK(day["slides_shown"] >= 2);  // timeline and results after the first; results again after the touch
  CHECK(day["languages_chosen"].empty());

  int w = 0, h = 0;
  const auto pixels = pixels_of(kiosk.dir.file("report.png"), &w, &h);
  CHECK(w == 320);
  CHECK(h == 180);
  CHECK(report["picture"]["width"] == 320);
  CHECK(report["picture"]["height"] == 180);
  CHECK(std::set<std::uint32_t>(pixels.begin(), pixels.end()).size() > 10);  // a slide, not one colour

  SECTION("the counts go on after a restart") {
    const auto slides_before = day["slides_shown"].get<int>();
    REQUIRE(kiosk.run(3).exit_code == 0);
    const json again = kiosk.today(kiosk.report());
    CHECK(again["touch_sessions"] == 1);
    CHECK(again["slides_shown"].get<int>() > slides_before);
  }
  SECTION("a damaged report is said and the counts start afresh") {
    kiosk::testing::write_file(kiosk.dir.file("report.json"), "{\"days\": [");
    const auto restarted = kiosk.run(3);
    CHECK_THAT(restarted.output, Contains("report: " + kiosk.dir.file("report.json") + " is damaged"));
    CHECK(kiosk.today(kiosk.report())["touch_sessions"] == 0);
  }
}

TEST_CASE("a language a resident picks from the touch screen's list is counted", "[report][app]") {
  const auto [list, arabic] = language_taps("ar");
  DisplayRun kiosk;
  // The results slide (from 2 s) opens the browser; its language button opens the list; Arabic.
  const std::string touches = "2300 down 1600 950\n2380 up 1600 950\n3300 down " + list + "\n3380 up " + list +
                              "\n4300 down " + arabic + "\n4380 up " + arabic + "\n";
  const auto run = kiosk.run(8, touches, "", "languages = [\"da\", \"ar\"]\n");
  INFO(run.output);
  REQUIRE(run.exit_code == 0);
  const json day = kiosk.today(kiosk.report());
  INFO(day.dump());
  CHECK(day["languages_chosen"] == json{{"ar", 1}});
  CHECK(day["touch_sessions"] == 1);
}

TEST_CASE("a black screen found by the render check is in the report with its black picture", "[report][app]") {
  DisplayRun kiosk;
  // The first render check is at 5 s; with no watchdog the second failure stops the kiosk.
  const auto run = kiosk.run(7, "", "--fault black-frames");
  INFO(run.output);
  const json report = kiosk.report();
  CHECK(report["screen"]["on"] == true);
  CHECK(report["render_check"]["ok"] == false);
  CHECK(report["render_check"]["problem"] == "the screen shows a single colour");
  CHECK(report["render_check"]["failed_in_a_row"] >= 1);
  CHECK_FALSE(report["render_check"]["last_failure"].get<std::string>().empty());
  REQUIRE_FALSE(report["errors"].empty());
  CHECK_THAT(report["errors"].back()["message"].get<std::string>(), Contains("render check: the screen shows a single colour"));
  int w = 0, h = 0;
  const auto pixels = pixels_of(kiosk.dir.file("report.png"), &w, &h);
  CHECK(std::set<std::uint32_t>(pixels.begin(), pixels.end()) == std::set<std::uint32_t>{0});
}

TEST_CASE("a report that cannot be written is said once and the display goes on", "[report][app]") {
  DisplayRun kiosk;
  // Bad luck as a full disk or a damaged file system gives it: report.json cannot be replaced.
  std::filesystem::create_directories(kiosk.dir.file("report.json/in-the-way"));
  const auto run = kiosk.run(900);
  INFO(run.output);
  CHECK(run.exit_code == 0);
  const std::string said = "report: cannot rename into place " + kiosk.dir.file("report.json");
  const auto first = run.output.find(said);
  CHECK(first != std::string::npos);
  CHECK(run.output.find(said, first + 1) == std::string::npos);  // not every 5 minutes
  CHECK(std::filesystem::is_directory(kiosk.dir.file("report.json/in-the-way")));
  CHECK(std::filesystem::exists(kiosk.dir.file("report.png")));  // the picture still went
}

TEST_CASE("without its state folder the display writes no report and says so once", "[report][app]") {
  kiosk::testing::TempDir dir;
  kiosk::testing::write_file(dir.file("kiosk.toml"), "[cache]\ndatabase = \"" + dir.file("gone/content.db") + "\"\n");
  const auto run = kiosk::testing::run_command("env SDL_VIDEODRIVER=dummy " + std::string(KIOSK_BINARY) + " --config " +
                                               dir.file("kiosk.toml") + " --size 640x360 --simulated-time --run-for 900");
  INFO(run.output);
  CHECK(run.exit_code == 0);
  const std::string said = "report: no state folder " + dir.file("gone");
  const auto first = run.output.find(said);
  CHECK(first != std::string::npos);
  CHECK(run.output.find(said, first + 1) == std::string::npos);
  CHECK_FALSE(std::filesystem::exists(dir.file("gone")));
}
