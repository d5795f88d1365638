// Display power through the real main loop, headless: a kiosk whose schedule has the screen off
// all week switches its (fake) backlight off and shows black, a touch wakes it, and it lays the
// slides out again for the output's size.
#include <catch2/catch.hpp>

#include <SDL.h>
#include <SDL_image.h>

#include <filesystem>
#include <set>

#include "test_support.h"

namespace {

// How many distinct colours a PNG has, up to 2: is the frame a single colour?
int colours(const std::string& path) {
  SDL_Surface* raw = IMG_Load(path.c_str());
  REQUIRE(raw != nullptr);
  SDL_Surface* s = SDL_ConvertSurfaceFormat(raw, SDL_PIXELFORMAT_RGBA32, 0);
  SDL_FreeSurface(raw);
  const auto* px = static_cast<const Uint32*>(s->pixels);
  std::set<Uint32> seen;
  for (int y = 0; y < s->h && seen.size() < 2; ++y) {
    for (int x = 0; x < s->w && seen.size() < 2; ++x) seen.insert(px[y * (s->pitch / 4) + x]);
  }
  const bool black = *seen.begin() == SDL_MapRGBA(s->format, 0, 0, 0, 255);
  SDL_FreeSurface(s);
  return seen.size() == 1 && black ? 1 : static_cast<int>(seen.size());
}

// A kiosk.toml in `dir` with the screen off all week through a fake backlight, whose bl_power file
// starts with `bl_power`; returns that file.
std::filesystem::path backlit_kiosk(const kiosk::testing::TempDir& dir, const std::string& bl_power) {
  const auto panel = dir.path() / "backlight" / "10-0045";
  std::filesystem::create_directories(panel);
  kiosk::testing::write_file(panel / "bl_power", bl_power);
  kiosk::testing::write_file(dir.file("kiosk.toml"), "[cache]\ndatabase = \"" + dir.file("content.db") +
                                                         "\"\n[power]\nevery_day = \"off\"\nbackend = \"backlight\"\n"
                                                         "backlight_dir = \"" + dir.file("backlight") + "\"\n");
  return panel / "bl_power";
}

}  // namespace

TEST_CASE("a screen scheduled off shows black with its backlight off and a touch wakes it", "[app][power]") {
  kiosk::testing::TempDir dir;
  const auto bl_power = backlit_kiosk(dir, "0\n");
  kiosk::testing::write_file(dir.file("touches.txt"), "1500 down 640 360\n1580 up 640 360\n");
  const auto run = kiosk::testing::run_command("env SDL_VIDEODRIVER=dummy " + std::string(KIOSK_BINARY) + " --config " +
                                               dir.file("kiosk.toml") + " --size 1280x720 --simulated-time --run-for 4 --touch-script " +
                                               dir.file("touches.txt") + " --dump-frames " + dir.file("frames"));
  INFO(run.output);
  REQUIRE(run.exit_code == 0);
  const auto off = run.output.find("display power: screen off (off by the schedule all week)");
  const auto woken = run.output.find("display power: woken by a touch");
  const auto on = run.output.find("display power: screen on (on for 5 minutes after a touch), laid out for 1280x720");
  CHECK(run.output.find("display power: backlight " + bl_power.string() + "; on monday off, tuesday off") !=
        std::string::npos);
  REQUIRE(off != std::string::npos);
  REQUIRE(woken != std::string::npos);
  REQUIRE(on != std::string::npos);
  CHECK(off < woken);
  CHECK(woken < on);
  CHECK(kiosk::testing::read_file(bl_power) == "0\n");  // woken

  std::set<std::string> frames;
  for (const auto& e : std::filesystem::directory_iterator(dir.file("frames"))) frames.insert(e.path().string());
  REQUIRE(frames.size() >= 2);
  CHECK(colours(*frames.begin()) == 1);   // the first frame: black
  CHECK(colours(*frames.rbegin()) == 2);  // after the touch: a slide
}

TEST_CASE("a kiosk stopped while its screen is off switches the backlight back on", "[app][power]") {
  kiosk::testing::TempDir dir;
  const auto bl_power = backlit_kiosk(dir, "");  // empty: whatever it holds after the run, the kiosk wrote
  const auto run = kiosk::testing::run_command("env SDL_VIDEODRIVER=dummy " + std::string(KIOSK_BINARY) + " --config " +
                                               dir.file("kiosk.toml") + " --size 640x360 --simulated-time --run-for 2");
  INFO(run.output);
  REQUIRE(run.exit_code == 0);
  CHECK(run.output.find("display power: screen off (off by the schedule all week)") != std::string::npos);
  CHECK(run.output.find("display power: screen on") == std::string::npos);
  CHECK(kiosk::testing::read_file(bl_power) == "0\n");
}
