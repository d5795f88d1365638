// The touch map's transitions: the map from the cycle, a group opened into its list, an area's
// card, a result from the card and Back along the way; the idle return from each view.
#include <catch2/catch.hpp>

#include "platform/clock.h"
#include "player/navigator.h"

using namespace std::chrono_literals;
using namespace kiosk::player;
using kiosk::FakeClock;

namespace {

// A 1920x1080 picture with the regions the views would report.
struct MapScreen {
  FakeClock clock;
  Navigator nav{NavigatorSettings{}};

  void regions_for_view() {
    std::vector<HitRegion> r = {{{0, 0, 120, 120}, Target::kStaffCorner, ""}};
    switch (nav.view()) {
      case View::kCycle:
        r.push_back({{1500, 100, 300, 80}, Target::kOpenMap, ""});  // "Se områdekort"
        break;
      case View::kMap:
        r.push_back({{0, 130, 200, 80}, Target::kBack, ""});
        r.push_back({{600, 500, 48, 48}, Target::kArea, "vollsmose"});
        r.push_back({{900, 700, 64, 64}, Target::kMapGroup, "kbh"});
        if (nav.group() == "kbh") {
          r.push_back({{1300, 300, 400, 66}, Target::kArea, "mjolnerparken"});
          r.push_back({{1300, 380, 400, 66}, Target::kArea, "tingbjerg"});
        }
        nav.set_scroll_extent(0, 0);
        break;
      case View::kArea:
        r.push_back({{0, 130, 200, 80}, Target::kBack, ""});
        r.push_back({{1000, 250, 800, 140}, Target::kResult, "r1"});
        nav.set_scroll_extent(0, 0);
        break;
      case View::kBrowser:
        r.push_back({{0, 130, 200, 80}, Target::kBack, ""});
        r.push_back({{300, 250, 1200, 140}, Target::kResult, "r2"});
        break;
      case View::kDetail:
        r.push_back({{0, 130, 200, 80}, Target::kBack, ""});
        break;
    }
    nav.set_hit_regions(r);
  }
  void tap(float x, float y) {
    regions_for_view();
    nav.touch({TouchPhase::kDown, 1, {x, y}, clock.steady()});
    clock.advance(80ms);
    nav.touch({TouchPhase::kUp, 1, {x, y}, clock.steady()});
    nav.update(clock.steady());
    regions_for_view();
  }
  void back() { tap(100, 170); }
  void open_map() { tap(1600, 140); }        // "Se områdekort" on the cycle
  void tap_vollsmose() { tap(624, 524); }    // its marker on the map
  void tap_kbh() { tap(930, 730); }          // the group of two on the map
};

}  // namespace

TEST_CASE("Se omraadekort opens the map and Back returns to the cycle", "[player][touch][map]") {
  MapScreen s;
  s.open_map();
  CHECK(s.nav.view() == View::kMap);
  CHECK(s.nav.group().empty());
  s.back();
  CHECK(s.nav.view() == View::kCycle);
  CHECK(s.nav.take_returned_to_cycle());
}

TEST_CASE("a marker on the map opens the area's card and Back returns to the map", "[player][touch][map]") {
  MapScreen s;
  s.open_map();
  s.tap_vollsmose();
  CHECK(s.nav.view() == View::kArea);
  CHECK(s.nav.area() == "vollsmose");
  s.back();
  CHECK(s.nav.view() == View::kMap);
  CHECK_FALSE(s.nav.take_returned_to_cycle());
}

TEST_CASE("a group of several areas opens into its list, and a tap on the group closes it", "[player][touch][map]") {
  MapScreen s;
  s.open_map();
  s.tap_kbh();
  CHECK(s.nav.view() == View::kMap);
  CHECK(s.nav.group() == "kbh");
  s.tap_kbh();
  CHECK(s.nav.group().empty());
  s.tap_kbh();
  s.tap(1500, 410);  // Tingbjerg in the list
  CHECK(s.nav.view() == View::kArea);
  CHECK(s.nav.area() == "tingbjerg");
  s.back();  // the list stays open on the way back
  CHECK(s.nav.view() == View::kMap);
  CHECK(s.nav.group() == "kbh");
  s.back();
  CHECK(s.nav.view() == View::kCycle);
  s.open_map();  // a new visit starts with the map closed
  CHECK(s.nav.group().empty());
}

TEST_CASE("a result on the card opens the detail and Back returns to the card, the browser's detail to the browser", "[player][touch][map]") {
  MapScreen s;
  s.open_map();
  s.tap_vollsmose();
  s.tap(1400, 300);
  CHECK(s.nav.view() == View::kDetail);
  CHECK(s.nav.selected() == "r1");
  CHECK(s.nav.detail_from() == View::kArea);
  s.back();
  CHECK(s.nav.view() == View::kArea);
  CHECK(s.nav.area() == "vollsmose");
  s.back();
  s.back();
  REQUIRE(s.nav.view() == View::kCycle);

  // The browser's detail still goes back to the browser.
  s.regions_for_view();
  s.nav.set_hit_regions({{{0, 0, 1920, 1080}, Target::kOpenBrowser, ""}});
  s.nav.touch({TouchPhase::kDown, 1, {900, 500}, s.clock.steady()});
  s.nav.touch({TouchPhase::kUp, 1, {900, 500}, s.clock.steady()});
  REQUIRE(s.nav.view() == View::kBrowser);
  s.tap(800, 300);
  CHECK(s.nav.view() == View::kDetail);
  s.back();
  CHECK(s.nav.view() == View::kBrowser);
}

TEST_CASE("a result opened from the card that leaves the content goes back to the card", "[player][touch][map]") {
  MapScreen s;
  s.open_map();
  s.tap_vollsmose();
  s.tap(1400, 300);
  REQUIRE(s.nav.view() == View::kDetail);
  s.nav.content_changed({"r7"}, 150);
  CHECK(s.nav.view() == View::kArea);
}

TEST_CASE("without a touch for 60 s the map, an opened group, the card and its detail return to the cycle", "[player][touch][map]") {
  MapScreen s;
  const auto idle_from = [&](const std::vector<std::pair<float, float>>& taps, View expected) {
    for (const auto& [x, y] : taps) s.tap(x, y);
    REQUIRE(s.nav.view() == expected);
    CHECK(s.nav.next_deadline() == s.clock.steady() + 40s);  // the "Bliv her" notice, 20 s ahead
    s.clock.advance(59s);
    CHECK(s.nav.update(s.clock.steady()));  // the notice shows its last second
    CHECK(s.nav.stay_notice() == 1);
    CHECK(s.nav.view() == expected);
    s.clock.advance(1s);
    CHECK(s.nav.update(s.clock.steady()));
    CHECK(s.nav.view() == View::kCycle);
    CHECK(s.nav.take_returned_to_cycle());
    CHECK(s.nav.group().empty());
  };
  idle_from({{1600, 140}}, View::kMap);
  idle_from({{1600, 140}, {930, 730}}, View::kMap);
  idle_from({{1600, 140}, {624, 524}}, View::kArea);
  idle_from({{1600, 140}, {624, 524}, {1400, 300}}, View::kDetail);
}
