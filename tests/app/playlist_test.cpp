// The cycle is the playlist of kiosk.toml, built from the slide registry: a kind added to the registry
// appears on the live display and in screenshots with no other change, and a kind the registry does
// not know stops the kiosk with the line that names it.
#include <SDL.h>
#include <SDL_image.h>
#include <stdlib.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>

#include "app/kiosk_app.h"
#include "slides/slide_kinds.h"
#include "test_support.h"

using namespace kiosk;

namespace {

// A colour no built-in slide uses.
constexpr render::Color kCardColour{0x12, 0xC4, 0x5A, 0xFF};

// The simplest slide there is: the frame, and a card in one colour.
class TestCard final : public slides::Slide {
 public:
  void draw(render::Canvas& canvas, const slides::Theme& theme, const slides::SlideContext& ctx) const override {
    const render::Rect content = slides::draw_frame(canvas, theme, ctx);
    canvas.fill(content, kCardColour);
  }
};

void register_test_card() {
  slides::SlideKinds::built_in().add({"proevekort", [] { return std::make_unique<TestCard>(); }});
}

bool shows_card(const std::string& png) {
  SDL_Surface* raw = IMG_Load(png.c_str());
  REQUIRE(raw != nullptr);
  SDL_Surface* rgba = SDL_ConvertSurfaceFormat(raw, SDL_PIXELFORMAT_RGBA32, 0);
  SDL_FreeSurface(raw);
  const auto* p = static_cast<const Uint8*>(rgba->pixels) + (rgba->h / 2) * rgba->pitch + (rgba->w / 2) * 4;
  // Within a few levels: the picture goes through the compositor's textures.
  const auto near = [](int a, int b) { return std::abs(a - b) <= 4; };
  const bool card = near(p[0], kCardColour.r) && near(p[1], kCardColour.g) && near(p[2], kCardColour.b);
  SDL_FreeSurface(rgba);
  return card;
}

std::string config_with(const testing::TempDir& dir, const std::string& slides) {
  const std::string path = dir.file("kiosk.toml");
  testing::write_file(path, "[cache]\ndatabase = \"" + dir.file("content.db") + "\"\n" + slides);
  return path;
}

}  // namespace

TEST_CASE("a slide kind added to the registry shows on the live display and in screenshots when the playlist names it", "[app][playlist]") {
  register_test_card();
  testing::TempDir dir;
  const std::string config = config_with(dir, "[[slides.show]]\nkind = \"status\"\nseconds = 1\n"
                                              "[[slides.show]]\nkind = \"proevekort\"\nseconds = 1\n");
  ::setenv("SDL_VIDEODRIVER", "dummy", 1);
  const int live = app::run_kiosk({"--config", config, "--size", "800x480", "--simulated-time", "--run-for", "5",
                                   "--dump-frames", dir.file("frames")});
  ::unsetenv("SDL_VIDEODRIVER");
  REQUIRE(live == 0);
  std::vector<std::string> names;
  for (const auto& e : std::filesystem::directory_iterator(dir.file("frames"))) names.push_back(e.path().filename().string());
  std::sort(names.begin(), names.end());
  std::string all;
  for (const auto& n : names) all += n + " ";
  INFO(all);
  // The cycle is exactly the playlist: status, the card, status, the card ... (a slide drawn again
  // in place, when the clock's minute turns, dumps a second frame of the same slide).
  std::vector<std::string> turns;
  for (const auto& name : names) {
    const std::string kind = name.substr(4, name.size() - 8);
    CHECK(shows_card(dir.file("frames/" + name)) == (kind == "proevekort"));
    if (turns.empty() || turns.back() != kind) turns.push_back(kind);
  }
  REQUIRE(turns.size() >= 3);
  for (std::size_t i = 0; i < turns.size(); ++i) CHECK(turns[i] == (i % 2 == 0 ? "status" : "proevekort"));

  REQUIRE(app::run_kiosk({"--config", config, "--screenshot", dir.file("shots"), "--size", "800x480"}) == 0);
  CHECK(std::filesystem::exists(dir.file("shots/01-status.png")));
  REQUIRE(std::filesystem::exists(dir.file("shots/02-proevekort.png")));
  CHECK(shows_card(dir.file("shots/02-proevekort.png")));
  CHECK_FALSE(std::filesystem::exists(dir.file("shots/03-results.png")));
}

TEST_CASE("a playlist that names a kind the kiosk does not know stops it with the line and the kinds there are", "[app][playlist]") {
  testing::TempDir dir;
  const std::string config = config_with(dir, "[[slides.show]]\nkind = \"status\"\n[[slides.show]]\nkind = \"kort\"\n");
  const auto r = testing::run_command(std::string(KIOSK_BINARY) + " --config " + config + " --screenshot " + dir.file("shots"));
  INFO(r.output);
  CHECK(r.exit_code == 1);
  CHECK(r.output.find(config + ":6: [[slides.show]] kind \"kort\" is not a slide kind; the kinds are status, map, timeline, results") !=
        std::string::npos);
  CHECK_FALSE(std::filesystem::exists(dir.file("shots")));
}
