// The cycle through the real main loop, headless, on simulated time: each round in the next
// configured language, and the footer's pause control holding the slide. Each newly drawn screen is
// written to a PNG; where the pause control's outline lies tells the language's direction.
#include <SDL.h>
#include <SDL_image.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <set>

#include "slides/slide.h"
#include "slides/theme.h"
#include "test_support.h"

namespace {

constexpr kiosk::render::Color kAccent = kiosk::slides::Palette{}.accent;

std::vector<std::string> frames(const std::string& dir) {
  std::set<std::string> names;
  for (const auto& e : std::filesystem::directory_iterator(dir)) names.insert(e.path().filename().string());
  return {names.begin(), names.end()};
}

// "004-status.png" -> "status"
std::string view_of(const std::string& frame) { return frame.substr(4, frame.size() - 8); }

bool accent_at(const std::string& png, int x, int y) {
  SDL_Surface* raw = IMG_Load(png.c_str());
  REQUIRE(raw != nullptr);
  SDL_Surface* rgba = SDL_ConvertSurfaceFormat(raw, SDL_PIXELFORMAT_RGBA32, 0);
  SDL_FreeSurface(raw);
  const auto* p = static_cast<const Uint8*>(rgba->pixels) + y * rgba->pitch + x * 4;
  const auto near = [](int a, int b) { return std::abs(a - b) <= 4; };
  const bool accent = near(p[0], kAccent.r) && near(p[1], kAccent.g) && near(p[2], kAccent.b);
  SDL_FreeSurface(rgba);
  return accent;
}

// Where the pause control's top outline lies on a 1920x1080 screen: left to right, or mirrored.
struct PauseOutline {
  int x_left_to_right, x_right_to_left, y;
};

PauseOutline pause_outline() {
  const auto theme = kiosk::slides::Theme::for_screen(1920, 1080);
  const auto box = kiosk::slides::pause_button_box(theme);
  const int x = box.x + box.w / 2;
  return {x, 1920 - 1 - x, box.y + theme.gap / 4 + 1};
}

std::string run_kiosk(const kiosk::testing::TempDir& dir, const std::string& settings, const std::string& touches, int seconds) {
  kiosk::testing::write_file(dir.file("kiosk.toml"), settings + "[cache]\ndatabase = \"" + dir.file("content.db") +
                                                         "\"\n[slides]\nidle_return_seconds = 30\n"
                                                         "[[slides.show]]\nkind = \"status\"\nseconds = 1\n"
                                                         "[[slides.show]]\nkind = \"timeline\"\nseconds = 1\n");
  kiosk::testing::write_file(dir.file("touches.txt"), touches);
  const auto run = kiosk::testing::run_command("env SDL_VIDEODRIVER=dummy " + std::string(KIOSK_BINARY) + " --config " +
                                               dir.file("kiosk.toml") + " --size 1920x1080 --simulated-time --run-for " +
                                               std::to_string(seconds) + " --touch-script " + dir.file("touches.txt") +
                                               " --dump-frames " + dir.file("frames"));
  INFO(run.output);
  REQUIRE(run.exit_code == 0);
  return run.output;
}

}  // namespace

TEST_CASE("each round of the cycle is drawn in the next configured language", "[app][languages]") {
  kiosk::testing::TempDir dir;
  run_kiosk(dir, "languages = [\"da\", \"ar\"]\n", "", 6);
  const PauseOutline pause = pause_outline();
  // The first frame of each status slide: round 0 Danish, round 1 Arabic (mirrored), round 2 Danish.
  std::vector<bool> mirrored;
  std::string last;
  for (const auto& f : frames(dir.file("frames"))) {
    if (view_of(f) == "status" && last != "status") {
      const std::string png = dir.file("frames/" + f);
      const bool right = accent_at(png, pause.x_left_to_right, pause.y);
      const bool left = accent_at(png, pause.x_right_to_left, pause.y);
      INFO(f);
      CHECK(right != left);
      mirrored.push_back(left);
    }
    last = view_of(f);
  }
  REQUIRE(mirrored.size() >= 3);
  CHECK_FALSE(mirrored[0]);
  CHECK(mirrored[1]);
  CHECK_FALSE(mirrored[2]);
}

TEST_CASE("a tap on the footer's pause control holds the cycle on its slide", "[app][pause]") {
  kiosk::testing::TempDir dir;
  const PauseOutline pause = pause_outline();
  const std::string at = std::to_string(pause.x_left_to_right) + " " + std::to_string(pause.y + 10);
  // After the first frame: the status slide is up until 1 s, the timeline until 2 s.
  run_kiosk(dir, "", "1300 down " + at + "\n1380 up " + at + "\n", 6);
  std::vector<std::string> views;
  for (const auto& f : frames(dir.file("frames"))) {
    if (views.empty() || views.back() != view_of(f)) views.push_back(view_of(f));
  }
  std::string sequence;
  for (const auto& v : views) sequence += v + " ";
  INFO(sequence);
  // status, then the timeline which the tap holds for the rest of the run (the idle time is 30 s).
  REQUIRE(views.size() >= 2);
  CHECK(views.size() == 2);
  CHECK(views.back() == "timeline");
}
