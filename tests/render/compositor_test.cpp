#include <catch2/catch.hpp>

#include "render/compositor.h"
#include "render_support.h"

using namespace kiosk;
using namespace std::chrono_literals;
using render::Compositor;

namespace {

constexpr render::Color kRed{255, 0, 0, 255};
constexpr render::Color kBlue{0, 0, 255, 255};
constexpr render::Color kGreen{0, 255, 0, 255};

// Equal up to the rounding of a 16-bit slide picture (the software renderer keeps slides as RGB565).
bool is(SDL_Color c, render::Color want) {
  const auto near = [](int a, int b) { return std::abs(a - b) <= 8; };
  return near(c.r, want.r) && near(c.g, want.g) && near(c.b, want.b);
}

std::unique_ptr<Compositor> make(testing::SoftwareTarget& t, int w, int h, int rotation) {
  auto c = Compositor::create(t.renderer(), t.fonts(), w, h, rotation);
  REQUIRE(c.ok());
  return std::move(*c);
}

}  // namespace

TEST_CASE("a rotated screen lays slides out in the turned size", "[render][compositor]") {
  testing::SoftwareTarget target(480, 800);
  auto c = make(target, 480, 800, 90);
  CHECK(c->width() == 800);
  CHECK(c->height() == 480);
  CHECK_FALSE(Compositor::create(target.renderer(), target.fonts(), 480, 800, 45).ok());
}

TEST_CASE("rotation turns the picture clockwise", "[render][compositor]") {
  const FakeClock clock;
  for (int rotation : {0, 90, 180, 270}) {
    INFO(rotation);
    const bool turned = rotation % 180 != 0;
    testing::SoftwareTarget target(turned ? 400 : 600, turned ? 600 : 400);
    auto c = make(target, turned ? 400 : 600, turned ? 600 : 400, rotation);
    // A slide that is blue with a red band along its top edge (logical 600x400).
    REQUIRE(c->show(
                 [](render::Canvas& canvas) {
                   canvas.clear(kBlue);
                   canvas.fill({0, 0, canvas.width(), 40}, kRed);
                 },
                 Compositor::Change::kCut, clock.steady())
                .ok());
    // A green overlay square in the logical top-left corner.
    c->compose(clock.steady(), {{{0, 0, 20, 20}, kGreen}});
    SDL_RenderPresent(target.renderer());
    const int W = target.surface()->w, H = target.surface()->h;
    // Where the logical top edge and top-left corner land after turning clockwise.
    switch (rotation) {
      case 0:
        CHECK(is(target.pixel(W / 2, 5), kRed));
        CHECK(is(target.pixel(5, 5), kGreen));
        CHECK(is(target.pixel(W / 2, H - 5), kBlue));
        break;
      case 90:
        CHECK(is(target.pixel(W - 5, H / 2), kRed));
        CHECK(is(target.pixel(W - 5, 5), kGreen));
        CHECK(is(target.pixel(5, H / 2), kBlue));
        break;
      case 180:
        CHECK(is(target.pixel(W / 2, H - 5), kRed));
        CHECK(is(target.pixel(W - 5, H - 5), kGreen));
        CHECK(is(target.pixel(W / 2, 5), kBlue));
        break;
      case 270:
        CHECK(is(target.pixel(5, H / 2), kRed));
        CHECK(is(target.pixel(5, H - 5), kGreen));
        CHECK(is(target.pixel(W - 5, H / 2), kBlue));
        break;
    }
  }
}

TEST_CASE("a transition slides the new slide in over 400 ms", "[render][compositor]") {
  FakeClock clock;
  testing::SoftwareTarget target(400, 200);
  auto c = make(target, 400, 200, 0);
  const auto fill = [](render::Color col) { return [col](render::Canvas& canvas) { canvas.clear(col); }; };
  REQUIRE(c->show(fill(kRed), Compositor::Change::kCut, clock.steady()).ok());
  CHECK_FALSE(c->moving(clock.steady()));
  REQUIRE(c->show(fill(kBlue), Compositor::Change::kTransition, clock.steady()).ok());
  CHECK(c->moving(clock.steady()));
  CHECK(c->transition_end() == clock.steady() + 400ms);

  clock.advance(200ms);  // half way: the eased offset is exactly half the width
  c->compose(clock.steady(), {});
  CHECK(is(target.pixel(100, 100), kRed));
  CHECK(is(target.pixel(300, 100), kBlue));

  clock.advance(50ms);  // past half way the new slide has moved further in
  c->compose(clock.steady(), {});
  CHECK(is(target.pixel(190, 100), kBlue));

  clock.advance(150ms);
  CHECK_FALSE(c->moving(clock.steady()));
  c->compose(clock.steady(), {});
  CHECK(is(target.pixel(5, 100), kBlue));
}

TEST_CASE("a redraw replaces the picture without motion", "[render][compositor]") {
  FakeClock clock;
  testing::SoftwareTarget target(200, 100);
  auto c = make(target, 200, 100, 0);
  REQUIRE(c->show([](render::Canvas& canvas) { canvas.clear(kRed); }, Compositor::Change::kCut, clock.steady()).ok());
  REQUIRE(c->show([](render::Canvas& canvas) { canvas.clear(kGreen); }, Compositor::Change::kRedraw, clock.steady()).ok());
  CHECK_FALSE(c->moving(clock.steady()));
  c->compose(clock.steady(), {});
  CHECK(is(target.pixel(100, 50), kGreen));
}

TEST_CASE("touch points map between the turned output and the upright picture", "[render][compositor]") {
  for (int rotation : {0, 90, 180, 270}) {
    INFO(rotation);
    const bool turned = rotation % 180 != 0;
    testing::SoftwareTarget target(turned ? 400 : 600, turned ? 600 : 400);
    auto c = make(target, turned ? 400 : 600, turned ? 600 : 400, rotation);
    for (const render::Point p : {render::Point{0, 0}, render::Point{100, 30}, render::Point{599, 399}}) {
      const render::Point back = c->to_logical(c->to_output(p));
      CHECK(back.x == p.x);
      CHECK(back.y == p.y);
    }
  }
  // Turned clockwise, the upright top-left corner is at the output's top-right.
  testing::SoftwareTarget target(400, 600);
  auto c = make(target, 400, 600, 90);
  CHECK(c->to_output(render::Point{0, 0}).x == 400);
  CHECK(c->to_output(render::Point{0, 0}).y == 0);
}

TEST_CASE("a slide prepared ahead comes on screen without being drawn again and the picture stays until then", "[render][compositor]") {
  FakeClock clock;
  testing::SoftwareTarget target(400, 200);
  auto c = make(target, 400, 200, 0);
  REQUIRE(c->show([](render::Canvas& canvas) { canvas.clear(kRed); }, Compositor::Change::kCut, clock.steady()).ok());
  int drawn = 0;
  REQUIRE(c->prepare([&](render::Canvas& canvas) { ++drawn; canvas.clear(kBlue); }, "timeline 0").ok());
  CHECK(c->prepared() == "timeline 0");
  // Preparing changes nothing on screen.
  c->compose(clock.steady(), {});
  CHECK(is(target.pixel(200, 100), kRed));
  CHECK_FALSE(c->moving(clock.steady()));

  clock.advance(1s);
  REQUIRE(c->show_prepared(Compositor::Change::kTransition, clock.steady()).ok());
  CHECK(c->prepared().empty());
  CHECK(c->moving(clock.steady()));
  CHECK(c->transition_end() == clock.steady() + 400ms);
  clock.advance(400ms);
  c->compose(clock.steady(), {});
  CHECK(is(target.pixel(5, 100), kBlue));
  CHECK(drawn == 1);
  // Nothing is prepared now; and a slide shown the ordinary way drops what was prepared.
  CHECK_FALSE(c->show_prepared(Compositor::Change::kCut, clock.steady()).ok());
  REQUIRE(c->prepare([](render::Canvas& canvas) { canvas.clear(kGreen); }, "status 1").ok());
  REQUIRE(c->show([](render::Canvas& canvas) { canvas.clear(kRed); }, Compositor::Change::kRedraw, clock.steady()).ok());
  CHECK(c->prepared().empty());
}
