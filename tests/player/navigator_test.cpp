#include <catch2/catch.hpp>

#include "platform/clock.h"
#include "player/navigator.h"

using namespace std::chrono_literals;
using namespace kiosk::player;
using kiosk::FakeClock;

namespace {

// A 1920x1080 picture with the regions a view would report.
struct Screen {
  FakeClock clock;
  Navigator nav{NavigatorSettings{}};

  void regions_for_view() {
    std::vector<HitRegion> r = {{{0, 0, 120, 120}, Target::kStaffCorner, ""}};
    if (nav.view() == View::kCycle) {
      r.push_back({{1500, 900, 400, 100}, Target::kOpenBrowser, ""});
    } else if (nav.view() == View::kBrowser) {
      r.push_back({{0, 130, 200, 80}, Target::kBack, ""});
      r.push_back({{1700, 130, 200, 80}, Target::kPageUp, ""});
      r.push_back({{1700, 900, 200, 80}, Target::kPageDown, ""});
      r.push_back({{400, 130, 300, 80}, Target::kFilterArea, ""});
      r.push_back({{720, 130, 300, 80}, Target::kFilterAll, ""});
      for (int i = 0; i < 5; ++i) r.push_back({{300, 250.0f + i * 150, 1200, 140}, Target::kResult, "r" + std::to_string(i)});
      nav.set_scroll_extent(10000, 750);
    } else {
      r.push_back({{0, 130, 200, 80}, Target::kBack, ""});
      nav.set_scroll_extent(2000, 750);
    }
    nav.set_hit_regions(r);
  }
  void down(float x, float y, std::int64_t finger = 1) { nav.touch({TouchPhase::kDown, finger, {x, y}, clock.steady()}); }
  void move(float x, float y, std::int64_t finger = 1) { nav.touch({TouchPhase::kMove, finger, {x, y}, clock.steady()}); }
  void up(float x, float y, std::int64_t finger = 1) { nav.touch({TouchPhase::kUp, finger, {x, y}, clock.steady()}); }
  void tap(float x, float y) {
    regions_for_view();
    down(x, y);
    clock.advance(80ms);
    up(x, y);
    nav.update(clock.steady());
    regions_for_view();
  }
  // A vertical drag in 10 steps of `step_ms`.
  void drag(float x, float y0, float y1, int step_ms) {
    regions_for_view();
    down(x, y0);
    for (int i = 1; i <= 10; ++i) {
      clock.advance(std::chrono::milliseconds(step_ms));
      move(x, y0 + (y1 - y0) * static_cast<float>(i) / 10);
    }
    up(x, y1);
  }
};

}  // namespace

TEST_CASE("tapping the results slide opens the browser and Back returns to the cycle", "[player][touch]") {
  Screen s;
  s.tap(1600, 950);
  CHECK(s.nav.view() == View::kBrowser);
  s.tap(100, 170);
  CHECK(s.nav.view() == View::kCycle);
  CHECK(s.nav.take_returned_to_cycle());
  CHECK_FALSE(s.nav.take_returned_to_cycle());
}

TEST_CASE("tapping a result opens its detail and Back returns to the list", "[player][touch]") {
  Screen s;
  s.tap(1600, 950);
  s.tap(800, 250 + 2 * 150 + 50);
  CHECK(s.nav.view() == View::kDetail);
  CHECK(s.nav.selected() == "r2");
  s.tap(100, 170);
  CHECK(s.nav.view() == View::kBrowser);
}

TEST_CASE("a finger that wanders a little still taps, further it drags and does not tap", "[player][touch]") {
  Screen s;
  s.tap(1600, 950);
  s.regions_for_view();
  s.down(800, 400);
  s.move(810, 410);  // within the slop
  s.up(810, 410);
  CHECK(s.nav.view() == View::kDetail);

  Screen t;
  t.tap(1600, 950);
  t.drag(800, 700, 400, 10);
  CHECK(t.nav.view() == View::kBrowser);
  CHECK(t.nav.scroll() == Approx(300));
}

TEST_CASE("the pressed target shows while the finger is down and goes when it drags", "[player][touch]") {
  Screen s;
  s.tap(1600, 950);
  s.regions_for_view();
  s.down(1800, 940);
  REQUIRE(s.nav.pressed());
  CHECK(*s.nav.pressed() == Target::kPageDown);
  s.move(1800, 700);
  CHECK_FALSE(s.nav.pressed());
}

TEST_CASE("a fling keeps the list moving and it slows to a stop", "[player][touch]") {
  Screen s;
  s.tap(1600, 950);
  s.drag(800, 900, 300, 10);  // 600 px in 100 ms
  const float released = s.nav.scroll();
  CHECK(released == Approx(600));
  CHECK(s.nav.moving());
  s.clock.advance(100ms);
  CHECK(s.nav.update(s.clock.steady()));
  const float later = s.nav.scroll();
  CHECK(later > released);
  s.clock.advance(100ms);
  s.nav.update(s.clock.steady());
  CHECK(s.nav.scroll() - later < later - released);  // slowing down
  for (int i = 0; i < 600 && s.nav.moving(); ++i) {
    s.clock.advance(16ms);
    s.nav.update(s.clock.steady());
  }
  CHECK_FALSE(s.nav.moving());
  CHECK(s.nav.scroll() <= 10000);
}

TEST_CASE("a drag that pauses before release does not fling", "[player][touch]") {
  Screen s;
  s.tap(1600, 950);
  s.regions_for_view();
  s.down(800, 900);
  for (int i = 1; i <= 10; ++i) {
    s.clock.advance(10ms);
    s.move(800, 900 - 60.0f * i);
  }
  s.clock.advance(300ms);
  s.up(800, 300);
  CHECK_FALSE(s.nav.moving());
}

TEST_CASE("page buttons move by a screenful and stop at the ends", "[player][touch]") {
  Screen s;
  s.tap(1600, 950);
  s.tap(1800, 940);
  CHECK(s.nav.scroll() == Approx(750));
  s.tap(1800, 170);
  s.tap(1800, 170);
  CHECK(s.nav.scroll() == Approx(0));
}

TEST_CASE("the filter switches between this area and all areas", "[player][touch]") {
  Screen s;
  s.tap(1600, 950);
  CHECK(s.nav.filter() == Filter::kThisArea);
  s.tap(800, 170);
  CHECK(s.nav.filter() == Filter::kAllAreas);
  s.tap(500, 170);
  CHECK(s.nav.filter() == Filter::kThisArea);
}

TEST_CASE("a swipe on the cycle moves to the next or previous slide", "[player][touch]") {
  Screen s;
  s.regions_for_view();
  s.down(1200, 500);
  s.clock.advance(50ms);
  s.move(700, 520);
  s.up(700, 520);
  CHECK(s.nav.take_swipe() == +1);
  CHECK(s.nav.take_swipe() == 0);
  s.down(700, 500);
  s.move(1200, 480);
  s.up(1200, 480);
  CHECK(s.nav.take_swipe() == -1);
  s.down(700, 500);
  s.move(800, 700);  // short and mostly vertical: no swipe
  s.up(800, 700);
  CHECK(s.nav.take_swipe() == 0);
  CHECK(s.nav.view() == View::kCycle);
}

TEST_CASE("without a touch for 60 s the browser returns to the cycle", "[player][touch]") {
  Screen s;
  s.tap(1600, 950);
  s.tap(800, 400);
  REQUIRE(s.nav.view() == View::kDetail);
  CHECK(s.nav.next_deadline() == s.clock.steady() + 40s);  // the "Bliv her" notice, 20 s ahead
  s.clock.advance(59s);
  CHECK(s.nav.update(s.clock.steady()));  // the notice shows its last second
  CHECK(s.nav.stay_notice() == 1);
  CHECK(s.nav.view() == View::kDetail);
  s.clock.advance(1s);
  CHECK(s.nav.update(s.clock.steady()));
  CHECK(s.nav.view() == View::kCycle);
  CHECK(s.nav.take_returned_to_cycle());
}

TEST_CASE("a finger resting on the screen keeps the browser open", "[player][touch]") {
  Screen s;
  s.tap(1600, 950);
  s.regions_for_view();
  s.down(800, 600);
  s.clock.advance(90s);
  s.nav.update(s.clock.steady());
  CHECK(s.nav.view() == View::kBrowser);
}

TEST_CASE("a 5 s long press in the top-left corner shows the staff overlay until a tap or 30 s", "[player][touch]") {
  Screen s;
  s.regions_for_view();
  s.down(50, 50);
  s.clock.advance(4900ms);
  CHECK_FALSE(s.nav.update(s.clock.steady()));
  CHECK_FALSE(s.nav.overlay());
  s.clock.advance(100ms);
  CHECK(s.nav.update(s.clock.steady()));
  CHECK(s.nav.overlay());
  s.up(50, 50);
  CHECK(s.nav.overlay());
  s.tap(900, 500);
  CHECK_FALSE(s.nav.overlay());
  CHECK(s.nav.view() == View::kCycle);  // the tap only closed the overlay

  s.down(50, 50);
  s.clock.advance(5s);
  s.nav.update(s.clock.steady());
  s.up(50, 50);
  REQUIRE(s.nav.overlay());
  s.clock.advance(30s);
  CHECK(s.nav.update(s.clock.steady()));
  CHECK_FALSE(s.nav.overlay());
}

TEST_CASE("a long press that moves is not a long press", "[player][touch]") {
  Screen s;
  s.regions_for_view();
  s.down(50, 50);
  s.clock.advance(1s);
  s.move(300, 300);
  s.clock.advance(5s);
  s.nav.update(s.clock.steady());
  CHECK_FALSE(s.nav.overlay());
}

TEST_CASE("a second finger and stray events are ignored", "[player][touch]") {
  Screen s;
  s.regions_for_view();
  s.up(1600, 950, 7);  // an up without a down
  s.move(1600, 950, 7);
  CHECK(s.nav.view() == View::kCycle);
  s.down(1600, 950, 1);
  s.down(100, 100, 2);  // a second finger
  s.move(100, 900, 2);
  s.up(100, 900, 2);
  s.up(1600, 950, 1);
  CHECK(s.nav.view() == View::kBrowser);
  CHECK(s.nav.take_swipe() == 0);
}

TEST_CASE("new content while browsing keeps the place and never shows a removed result", "[player][touch]") {
  Screen s;
  s.tap(1600, 950);
  s.nav.set_list({"a", "b", "c", "d", "e", "f"}, 150);
  s.tap(1800, 940);  // one page down: 750 px, "f" at the top
  REQUIRE(s.nav.scroll() == Approx(750));
  s.nav.content_changed({"new1", "new2", "a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l"}, 150);
  CHECK(s.nav.scroll() == Approx(7 * 150));  // "f" is still at the top

  s.tap(800, 400);  // opens r1 of the regions
  REQUIRE(s.nav.view() == View::kDetail);
  const std::string shown = s.nav.selected();
  s.nav.content_changed({"x", "y"}, 150);
  CHECK(s.nav.view() == View::kBrowser);  // the result shown is gone
  CHECK(s.nav.selected().empty());
  CHECK(s.nav.scroll() <= 300);
}
