// The canvas in right-to-left languages: shaping, faces per script, visual order of runs, and the
// mirroring of everything a slide draws.
#include <catch2/catch.hpp>

#include <algorithm>

#include "render/canvas.h"
#include "render_support.h"

using namespace kiosk;
using render::Align;
using render::Direction;
using render::DrawnRun;
using render::DrawnText;
using render::Face;
using render::Rect;

namespace {

constexpr render::Color kRed{255, 0, 0, 255};
constexpr render::Color kBlack{0, 0, 0, 255};
constexpr const char* kMixed = "مرحبا بكم في Vollsmose منذ 2024";

bool is_red(SDL_Color c) { return c.r > 200 && c.g < 50 && c.b < 50; }

const DrawnRun& run_with(const DrawnText& drawn, std::string_view text) {
  const auto it = std::find_if(drawn.runs.begin(), drawn.runs.end(), [&](const DrawnRun& r) {
    return r.text.find(text) != std::string::npos;
  });
  REQUIRE(it != drawn.runs.end());
  return *it;
}

struct Drawing {
  testing::SoftwareTarget target{800, 300};
  render::Canvas canvas{target.renderer(), target.fonts(), 800, 300};
  std::vector<DrawnText> drawn;
  Drawing() {
    canvas.set_recorder(&drawn);
    canvas.clear(kBlack);
  }
};

}  // namespace

TEST_CASE("Arabic letters are shaped: joined they are narrower than apart", "[render][text]") {
  Drawing d;
  const int joined = d.canvas.text_width("سلام", 40, render::Weight::kRegular);
  int apart = 0;
  for (const char* letter : {"س", "ل", "ا", "م"}) apart += d.canvas.text_width(letter, 40, render::Weight::kRegular);
  CHECK(joined > 0);
  CHECK(joined < apart - 10);
  // Debian's SDL_ttf is built with HarfBuzz: setting a direction works.
  CHECK(TTF_SetFontDirection(d.target.fonts().get(40, render::Weight::kRegular, Face::kArabic), TTF_DIRECTION_RTL) == 0);
}

TEST_CASE("a right-to-left line puts the first Arabic word rightmost and keeps 2024 and Vollsmose whole", "[render][text]") {
  Drawing d;
  d.canvas.set_direction(Direction::kRightToLeft);
  d.canvas.set_language("ar");
  d.canvas.text(kMixed, {20, 20, 760, 80}, {.px = 40, .color = {255, 255, 255, 255}});
  d.target.keep_png("rtl-mixed-line");
  REQUIRE(d.drawn.size() == 1);
  const DrawnText& t = d.drawn[0];
  REQUIRE(t.runs.size() == 4);
  const DrawnRun& number = run_with(t, "2024");
  const DrawnRun& name = run_with(t, "Vollsmose");
  const DrawnRun& first_words = run_with(t, "مرحبا");
  CHECK(number.text == "2024");
  CHECK(number.direction == Direction::kLeftToRight);
  CHECK(name.text == "Vollsmose");
  CHECK(name.direction == Direction::kLeftToRight);
  CHECK(first_words.direction == Direction::kRightToLeft);
  // Left to right on the screen: the number, the name, the first words; the line ends at the right.
  CHECK(number.x < name.x);
  CHECK(name.x < first_words.x);
  CHECK(first_words.x + first_words.w == t.used.right());
  CHECK(t.used.right() == 780);
  CHECK(number.w == d.canvas.text_width("2024", 40, render::Weight::kRegular));
}

TEST_CASE("Arabic letters take the Arabic face and Latin ones Noto Sans in the same line", "[render][text]") {
  Drawing d;
  d.canvas.text("Vollsmose مرحبا", {20, 20, 760, 80}, {.px = 40});
  d.canvas.set_language("ur");
  d.canvas.text("Vollsmose مرحبا", {20, 120, 760, 80}, {.px = 40});
  REQUIRE(d.drawn.size() == 2);
  CHECK(run_with(d.drawn[0], "Vollsmose").face == Face::kSans);
  CHECK(run_with(d.drawn[0], "مرحبا").face == Face::kArabic);
  CHECK(run_with(d.drawn[1], "Vollsmose").face == Face::kSans);
  CHECK(run_with(d.drawn[1], "مرحبا").face == Face::kUrdu);
}

TEST_CASE("Arabic, Urdu and mixed lines render with their glyphs inside the line", "[render][text]") {
  Drawing d;
  d.canvas.set_direction(Direction::kRightToLeft);
  d.canvas.set_language("ar");
  const Rect arabic = d.canvas.text("مرحبا بكم في مركز الحي", {20, 10, 760, 80}, {.px = 40, .color = {255, 255, 255, 255}});
  d.canvas.set_language("ur");
  const Rect urdu = d.canvas.text("کمیونٹی سینٹر میں خوش آمدید", {20, 110, 760, 80}, {.px = 40, .color = {255, 255, 255, 255}});
  d.canvas.set_language("da");
  d.canvas.set_direction(Direction::kLeftToRight);
  const Rect mixed = d.canvas.text("Tåstrupgård-Parken: مرحبا 2024", {20, 210, 760, 80}, {.px = 40, .color = {255, 255, 255, 255}});
  d.target.keep_png("arabic-urdu-mixed");
  // Every line has lit pixels, and none outside the band of lines it was given.
  for (const Rect& r : {arabic, urdu, mixed}) {
    REQUIRE_FALSE(r.empty());
    int lit = 0;
    for (int x = 0; x < 800; x += 2) {
      for (int y = r.y; y < r.bottom(); y += 2) lit += d.target.pixel(x, y).r > 128;
    }
    CHECK(lit > 50);
  }
  CHECK(d.drawn[0].used.right() == 780);  // start of the line on the right
  CHECK(d.drawn[2].used.x == 20);
}

TEST_CASE("a right-to-left canvas mirrors rectangles and alignment", "[render][text]") {
  Drawing d;
  d.canvas.set_direction(Direction::kRightToLeft);
  const Rect r{10, 20, 50, 30};
  CHECK(d.canvas.on_screen(r).x == 800 - 10 - 50);
  CHECK(d.canvas.on_screen(d.canvas.on_screen(r)).x == r.x);
  d.canvas.fill(r, kRed);
  CHECK(is_red(d.target.pixel(800 - 10 - 25, 35)));
  CHECK_FALSE(is_red(d.target.pixel(35, 35)));
  // kLeft is the start of the line: the box's right edge. kRight the end: its left edge.
  d.canvas.text("Hej", {10, 100, 300, 60}, {.px = 40, .align = Align::kLeft});
  d.canvas.text("Hej", {10, 200, 300, 60}, {.px = 40, .align = Align::kRight});
  REQUIRE(d.drawn.size() == 2);
  CHECK(d.drawn[0].used.right() == 800 - 10);
  CHECK(d.drawn[1].used.x == 800 - 10 - 300);
  // Circles, lines and polygons move too.
  d.canvas.fill_circle({100, 270}, 10, kRed);
  CHECK(is_red(d.target.pixel(700, 270)));
  CHECK_FALSE(is_red(d.target.pixel(100, 270)));
  d.canvas.line({150, 280}, {250, 280}, 6, kRed);
  CHECK(is_red(d.target.pixel(600, 280)));
  CHECK_FALSE(is_red(d.target.pixel(200, 280)));
  d.canvas.fill_polygons({{{300, 240}, {340, 240}, {340, 260}, {300, 260}}}, kRed);
  CHECK(is_red(d.target.pixel(480, 250)));
  CHECK_FALSE(is_red(d.target.pixel(320, 250)));
}

TEST_CASE("a QR code moves with the mirroring but is not flipped", "[render][text]") {
  const Rect box{40, 20, 200, 200};
  Drawing rtl, ltr;
  rtl.canvas.set_direction(Direction::kRightToLeft);
  const Rect drawn = rtl.canvas.qr_code("https://example.org/rapport", box);
  REQUIRE_FALSE(drawn.empty());
  // The same code drawn left to right where the mirrored one landed: pixel for pixel the same.
  const Rect screen = rtl.canvas.on_screen(drawn);
  REQUIRE(ltr.canvas.qr_code("https://example.org/rapport", screen).x == screen.x);
  int differing = 0;
  for (int y = screen.y; y < screen.bottom(); y += 2) {
    for (int x = screen.x; x < screen.right(); x += 2) differing += rtl.target.pixel(x, y).r != ltr.target.pixel(x, y).r;
  }
  CHECK(differing == 0);
  CHECK(rtl.target.pixel(box.x + box.w / 2, box.y + box.h / 2).r == 0);  // nothing where it would stand unmirrored
}

TEST_CASE("KeepLeftToRight draws unmirrored while it lives, then mirroring resumes", "[render][text]") {
  Drawing d;
  d.canvas.set_direction(Direction::kRightToLeft);
  {
    render::Canvas::KeepLeftToRight keep(d.canvas);
    CHECK(d.canvas.on_screen(Rect{10, 20, 50, 30}).x == 10);
    d.canvas.fill({10, 20, 50, 30}, kRed);
    d.canvas.text("2018", {10, 100, 300, 60}, {.px = 40});
  }
  CHECK(is_red(d.target.pixel(35, 35)));
  CHECK_FALSE(is_red(d.target.pixel(765, 35)));
  REQUIRE(d.drawn.size() == 1);
  CHECK(d.drawn[0].used.x == 10);
  CHECK(d.canvas.on_screen(Rect{10, 20, 50, 30}).x == 740);
}

TEST_CASE("a left-to-right canvas draws Danish as before", "[render][text]") {
  Drawing d;
  CHECK(d.canvas.on_screen(Rect{10, 20, 50, 30}).x == 10);
  d.canvas.text("Tåstrupgård-Parken", {10, 100, 600, 60}, {.px = 40});
  REQUIRE(d.drawn.size() == 1);
  CHECK(d.drawn[0].used.x == 10);
  REQUIRE(d.drawn[0].runs.size() == 1);
  CHECK(d.drawn[0].runs[0].face == Face::kSans);
  CHECK(d.drawn[0].runs[0].w == d.drawn[0].used.w);
}

TEST_CASE("a width measured once is the width for that language's face only", "[render][text]") {
  // Widths are kept between layouts; Urdu's face is not Arabic's, so one may not answer for the other.
  const std::string urdu = "قومی جائزے کے نتائج";
  Drawing fresh_ur;
  fresh_ur.canvas.set_language("ur");
  const int urdu_width = fresh_ur.canvas.text_width(urdu, 48, render::Weight::kRegular);
  Drawing d;
  d.canvas.set_language("ar");
  const int arabic_width = d.canvas.text_width(urdu, 48, render::Weight::kRegular);
  REQUIRE(arabic_width != urdu_width);
  d.canvas.set_language("ur");
  CHECK(d.canvas.text_width(urdu, 48, render::Weight::kRegular) == urdu_width);
  d.canvas.set_language("ar");
  CHECK(d.canvas.text_width(urdu, 48, render::Weight::kRegular) == arabic_width);
  CHECK(d.canvas.text_width(urdu, 48, render::Weight::kBold) != arabic_width);
}
