// Touch through the real main loop, headless: a touch script is replayed as SDL finger events, and
// each newly drawn screen is written to a PNG. The pictures must show the browser, a result's
// detail, and the return to the cycle.
#include <catch2/catch.hpp>
#include <filesystem>
#include <set>

#include "test_support.h"

namespace {

std::vector<std::string> frames(const std::string& dir) {
  std::set<std::string> names;
  for (const auto& e : std::filesystem::directory_iterator(dir)) names.insert(e.path().filename().string());
  return {names.begin(), names.end()};
}

// "004-browser.png" -> "browser"
std::string view_of(const std::string& frame) { return frame.substr(4, frame.size() - 8); }

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
