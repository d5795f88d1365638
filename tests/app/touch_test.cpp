// Touch through the real main loop, headless: a touch script is replayed as SDL finger events, and
// each newly drawn screen is written to a PNG. The pictures must show the browser, a result's
// detail, and the return to the cycle; and the touch map: the map view from the map slide, the own
// area's card from a tap where the map view places it, and the return to the cycle.
#include <catch2/catch.hpp>
#include <filesystem>
#include <set>

#include "app/content_source.h"
#include "render/canvas.h"
#include "render_support.h"
#include "slides/touch_views.h"
#include "test_support.h"

namespace {

std::vector<std::string> frames(const std::string& dir) {
  std::set<std::string> names;
  for (const auto& e : std::filesystem::directory_iterator(dir)) names.insert(e.path().filename().string());
  return {names.begin(), names.end()};
}

// "004-browser.png" -> "browser"
std::string view_of(const std::string& frame) { return frame.substr(4, frame.size() - 8); }

std::string centre(const kiosk::player::Box& b) {
  return std::to_string(static_cast<int>(b.x + b.w / 2)) + " " + std::to_string(static_cast<int>(b.y + b.h / 2));
}

// Where to tap, in order, to open `area_id`'s card from the map view at 1920x1080: its own target,
// or its group and then its button in the group's list.
std::vector<std::string> taps_to_card(const kiosk::model::Content& content, const std::string& area_id) {
  kiosk::testing::SoftwareTarget target(1920, 1080);
  kiosk::render::Canvas canvas(target.renderer(), target.fonts(), 1920, 1080);
  const kiosk::model::Area* own = nullptr;
  for (const auto& a : content.areas) {
    if (a.id == area_id) own = &a;
  }
  const kiosk::slides::SlideContext ctx{content, own, {}, kiosk::SystemClock().wall(), false, 0};
  const auto theme = kiosk::slides::Theme::for_screen(1920, 1080);
  const auto map = kiosk::slides::draw_map_view(canvas, theme, ctx, {});
  for (const auto& r : map.regions) {
    if (r.target == kiosk::player::Target::kArea && r.id == area_id) return {centre(r.box)};
  }
  for (const auto& g : map.regions) {
    if (g.target != kiosk::player::Target::kMapGroup) continue;
    kiosk::slides::ViewState state;
    state.group = g.id;
    for (const auto& r : kiosk::slides::draw_map_view(canvas, theme, ctx, state).regions) {
      if (r.target == kiosk::player::Target::kArea && r.id == area_id) return {centre(g.box), centre(r.box)};
    }
  }
  return {};
}

}  // namespace

TEST_CASE("touching the results slide opens the browser and a result and it returns to the cycle by itself", "[app][touch]") {
  kiosk::testing::TempDir dir;
  kiosk::testing::write_file(dir.file("kiosk.toml"),
                             "[cache]\ndatabase = \"" + dir.file("content.db") +
                                 "\"\n[slides]\nidle_return_seconds = 2\n"
                                 "[[slides.show]]\nkind = \"status\"\nseconds = 1\n[[slides.show]]\nkind = \"timeline\"\nseconds = 1\n"
                                 "[[slides.show]]\nkind = \"results\"\nseconds = 60\n");
  // Times are after the first frame: the results slide is up from 2 s.
  kiosk::testing::write_file(dir.file("touches.txt"),
                             "2300 down 1600 950\n2380 up 1600 950\n"  // anywhere on the results slide
                             "3300 down 900 190\n3380 up 900 190\n"    // the first result in the list
                             "4300 down 100 70\n4380 up 100 70\n");  // Back to the list; then 2 s untouched
  const auto run = kiosk::testing::run_command("env SDL_VIDEODRIVER=dummy " + std::string(KIOSK_BINARY) + " --config " +
                                               dir.file("kiosk.toml") + " --size 1920x1080 --simulated-time --run-for 9 --touch-script " +
                                               dir.file("touches.txt") + " --dump-frames " + dir.file("frames"));
  INFO(run.output);
  REQUIRE(run.exit_code == 0);
  const auto shots = frames(dir.file("frames"));
  std::vector<std::string> views;
  for (const auto& f : shots) {
    if (views.empty() || views.back() != view_of(f)) views.push_back(view_of(f));
  }
  std::string sequence;
  for (const auto& v : views) sequence += v + " ";
  INFO(sequence);
  // status, timeline, results, then the touches, then back to the results slide of the cycle.
  const auto at = [&](const std::string& v, std::size_t from) {
    return std::find(views.begin() + static_cast<long>(std::min(from, views.size())), views.end(), v) - views.begin();
  };
  const auto browser = static_cast<std::size_t>(at("browser", 0));
  const auto detail = static_cast<std::size_t>(at("detail", browser));
  const auto back = static_cast<std::size_t>(at("browser", detail));
  const auto cycle = static_cast<std::size_t>(at("results", back));
  CHECK(browser < views.size());
  CHECK(detail < views.size());
  CHECK(back < views.size());
  CHECK(cycle < views.size());
  CHECK(at("results", 0) < static_cast<long>(browser));
  // The pictures differ as the views do.
  const auto first_of = [&](const std::string& v) {
    for (const auto& f : shots) {
      if (view_of(f) == v) return kiosk::testing::read_file(dir.file("frames/" + f));
    }
    return std::string();
  };
  CHECK(first_of("browser") != first_of("results"));
  CHECK(first_of("detail") != first_of("browser"));
}

TEST_CASE("a touch script that is not there stops the kiosk with its path", "[app][touch]") {
  kiosk::testing::TempDir dir;
  kiosk::testing::write_file(dir.file("kiosk.toml"), "[cache]\ndatabase = \"" + dir.file("content.db") + "\"\n");
  const auto run = kiosk::testing::run_command("env SDL_VIDEODRIVER=dummy " + std::string(KIOSK_BINARY) + " --config " +
                                               dir.file("kiosk.toml") + " --size 640x360 --simulated-time --run-for 1 --touch-script " +
                                               dir.file("touches.txt"));
  INFO(run.output);
  CHECK(run.exit_code != 0);
  CHECK(run.output.find("touch script " + dir.file("touches.txt") + " does not exist") != std::string::npos);
}

TEST_CASE("a tap on the own area on the map shows its card and the card returns to the cycle by itself", "[app][touch][map]") {
  const kiosk::app::AssetPaths assets{kiosk::testing::source_path("assets")};
  auto content = kiosk::app::load_default_content(assets);
  REQUIRE(content.ok());
  const auto to_card = taps_to_card(content->content, "vollsmose");
  REQUIRE_FALSE(to_card.empty());

  kiosk::testing::TempDir dir;
  kiosk::testing::write_file(dir.file("kiosk.toml"),
                      "area = \"vollsmose\"\n[cache]\ndatabase = \"" + dir.file("content.db") +
                          "\"\n[slides]\nidle_return_seconds = 2\n"
                          "[[slides.show]]\nkind = \"status\"\nseconds = 1\n[[slides.show]]\nkind = \"map\"\nseconds = 60\n");
  // Times are after the first frame: the map slide is up from 1 s.
  std::string script = "1300 down 960 540\n1380 up 960 540\n";  // anywhere on the map slide
  int at = 2300;
  for (const auto& pos : to_card) {
    script += std::to_string(at) + " down " + pos + "\n" + std::to_string(at + 80) + " up " + pos + "\n";
    at += 1000;
  }
  kiosk::testing::write_file(dir.file("touches.txt"), script);  // then 2 s untouched
  const auto run = kiosk::testing::run_command("env SDL_VIDEODRIVER=dummy " + std::string(KIOSK_BINARY) + " --config " +
                                        dir.file("kiosk.toml") + " --size 1920x1080 --simulated-time --run-for 8 --touch-script " +
                                        dir.file("touches.txt") + " --dump-frames " + dir.file("frames"));
  INFO(script);
  INFO(run.output);
  REQUIRE(run.exit_code == 0);
  std::vector<std::string> views;
  for (const auto& f : frames(dir.file("frames"))) {
    if (views.empty() || views.back() != view_of(f)) views.push_back(view_of(f));
  }
  std::string sequence;
  for (const auto& v : views) sequence += v + " ";
  INFO(sequence);
  const auto find = [&](const std::string& v, std::size_t from) {
    return static_cast<std::size_t>(std::find(views.begin() + static_cast<long>(std::min(from, views.size())), views.end(), v) - views.begin());
  };
  const std::size_t slide = find("map", 0);
  const std::size_t map_view = find("areamap", slide);
  const std::size_t card = find("area-vollsmose", map_view);
  const std::size_t cycle = find("map", card);
  CHECK(slide < views.size());
  CHECK(map_view < views.size());
  CHECK(card < views.size());
  CHECK(cycle < views.size());
  // Nothing else opened on the way: the map, perhaps with the group open, then the card.
  for (std::size_t i = map_view; i < card && card < views.size(); ++i) CHECK(views[i] == "areamap");
}
