// The touch session's choices (language, larger text), the cycle's pause and the notice before the
// idle return, on the fake clock.
#include <catch2/catch.hpp>

#include "platform/clock.h"
#include "player/navigator.h"

using namespace std::chrono_literals;
using namespace kiosk::player;
using kiosk::FakeClock;

namespace {

// A 1920x1080 picture: the cycle with its pause control, a browser with a language button, the
// list of three languages when open, and the larger-text toggle.
struct Session {
  FakeClock clock;
  Navigator nav{[] {
    NavigatorSettings s;
    s.idle_return = 60s;
    return s;
  }()};

  static constexpr Pos kOpenBrowser{1600, 500};
  static constexpr Pos kPause{1850, 1040};
  static constexpr Pos kLanguages{1700, 40};
  static constexpr Pos kLargerText{1500, 40};
  static constexpr Pos kArabic{1700, 300};
  static constexpr Pos kBack{50, 40};
  static constexpr Pos kNowhere{900, 600};

  void regions() {
    std::vector<HitRegion> r;
    if (nav.view() == View::kCycle) {
      r.push_back({{0, 0, 1920, 1000}, Target::kOpenBrowser, ""});
      r.push_back({{1800, 1000, 100, 80}, Target::kPause, ""});
    } else {
      r.push_back({{0, 0, 120, 80}, Target::kBack, ""});
      nav.set_scroll_extent(5000, 750);
      r.push_back({{1400, 0, 200, 80}, Target::kLargerText, ""});
      r.push_back({{1650, 0, 200, 80}, Target::kLanguages, ""});
      if (nav.language_list()) {
        r.push_back({{1600, 100, 300, 100}, Target::kLanguage, "da"});
        r.push_back({{1600, 250, 300, 100}, Target::kLanguage, "ar"});
        r.push_back({{1600, 400, 300, 100}, Target::kLanguage, "so"});
      }
    }
    nav.set_hit_regions(r);
  }
  void tap(Pos p) {
    regions();
    nav.touch({TouchPhase::kDown, 1, p, clock.steady()});
    clock.advance(80ms);
    nav.touch({TouchPhase::kUp, 1, p, clock.steady()});
    nav.update(clock.steady());
    regions();
  }
  // Time passes untouched, in steps of a second as the display would update.
  void wait(Duration d) {
    const auto until = clock.steady() + d;
    while (clock.steady() < until) {
      clock.advance(std::min<Duration>(1s, until - clock.steady()));
      nav.update(clock.steady());
    }
  }
};

}  // namespace

TEST_CASE("a language chosen in a touch view holds for the session and the idle return ends it", "[player][languages]") {
  Session s;
  s.tap(Session::kOpenBrowser);
  REQUIRE(s.nav.view() == View::kBrowser);
  CHECK(s.nav.language().empty());
  s.tap(Session::kLanguages);
  CHECK(s.nav.language_list());
  s.tap(Session::kArabic);
  CHECK(s.nav.language() == "ar");
  CHECK_FALSE(s.nav.language_list());
  // Browsing on keeps it.
  s.wait(30s);
  s.tap(Session::kLargerText);
  CHECK(s.nav.language() == "ar");
  // The idle return: back to the cycle, in the cycle's language.
  s.wait(60s);
  CHECK(s.nav.view() == View::kCycle);
  CHECK(s.nav.take_returned_to_cycle());
  CHECK(s.nav.language().empty());
  // Back also ends the session.
  s.tap(Session::kOpenBrowser);
  s.tap(Session::kLanguages);
  s.tap(Session::kArabic);
  s.tap(Session::kBack);
  CHECK(s.nav.view() == View::kCycle);
  CHECK(s.nav.language().empty());
}

TEST_CASE("the open language list closes on a tap beside it, which does nothing else", "[player][languages]") {
  Session s;
  s.tap(Session::kOpenBrowser);
  s.tap(Session::kLanguages);
  REQUIRE(s.nav.language_list());
  s.tap(Session::kBack);  // under the open list's reach: closes the list, stays in the browser
  CHECK_FALSE(s.nav.language_list());
  CHECK(s.nav.view() == View::kBrowser);
  CHECK(s.nav.language().empty());
  s.tap(Session::kLanguages);
  s.tap(Session::kLanguages);  // the button again closes it too
  CHECK_FALSE(s.nav.language_list());
}

TEST_CASE("larger text toggles for the session and is off again after the idle return", "[player][text-size]") {
  Session s;
  s.tap(Session::kOpenBrowser);
  CHECK_FALSE(s.nav.larger_text());
  s.tap(Session::kLargerText);
  CHECK(s.nav.larger_text());
  s.tap(Session::kLargerText);
  CHECK_FALSE(s.nav.larger_text());
  s.tap(Session::kLargerText);
  s.wait(60s);
  CHECK(s.nav.view() == View::kCycle);
  CHECK_FALSE(s.nav.larger_text());
}

TEST_CASE("pause holds the cycle until tapped again or for the idle time", "[player][pause]") {
  Session s;
  s.tap(Session::kPause);
  CHECK(s.nav.paused());
  CHECK(s.nav.view() == View::kCycle);  // the pause control does not open the browser under it
  CHECK(s.nav.next_deadline() == s.clock.steady() + 60s);
  s.tap(Session::kPause);
  CHECK_FALSE(s.nav.paused());
  CHECK(s.nav.next_deadline() == kiosk::SteadyTime::max());
  // It goes on by itself after the idle time.
  s.tap(Session::kPause);
  s.wait(59s);
  CHECK(s.nav.paused());
  s.wait(1s);
  CHECK_FALSE(s.nav.paused());
}

TEST_CASE("the Bliv her notice shows 20 s before the idle return, counts down, and a tap gives more time", "[player][stay]") {
  Session s;
  s.tap(Session::kOpenBrowser);
  s.wait(39s);
  CHECK(s.nav.stay_notice() == 0);
  s.wait(1s);  // 20 s left
  CHECK(s.nav.stay_notice() == 20);
  CHECK(s.nav.next_deadline() == s.clock.steady() + 1s);
  s.wait(5s);
  CHECK(s.nav.stay_notice() == 15);
  // A tap on the notice: the time starts again, the notice goes, and nothing under it is touched.
  s.tap(Session::kBack);
  CHECK(s.nav.stay_notice() == 0);
  CHECK(s.nav.view() == View::kBrowser);
  s.wait(39s);
  CHECK(s.nav.view() == View::kBrowser);
  CHECK(s.nav.stay_notice() == 0);
  s.wait(1s);
  CHECK(s.nav.stay_notice() == 20);
  // A drag that starts on the notice only hides it: the list under it does not move.
  s.nav.touch({TouchPhase::kDown, 1, Session::kNowhere, s.clock.steady()});
  for (int i = 1; i <= 5; ++i) {
    s.clock.advance(20ms);
    s.nav.touch({TouchPhase::kMove, 1, {Session::kNowhere.x, Session::kNowhere.y - 60.0f * i}, s.clock.steady()});
  }
  s.nav.touch({TouchPhase::kUp, 1, {Session::kNowhere.x, Session::kNowhere.y - 300}, s.clock.steady()});
  s.nav.update(s.clock.steady());
  CHECK(s.nav.scroll() == 0);
  CHECK(s.nav.stay_notice() == 0);
  s.wait(40s);
  CHECK(s.nav.stay_notice() == 20);
  s.wait(20s);
  CHECK(s.nav.view() == View::kCycle);
  CHECK(s.nav.stay_notice() == 0);
}

TEST_CASE("with an idle time under 40 s the notice shows for its last half", "[player][stay]") {
  CHECK(stay_notice_lead(60s) == 20s);
  CHECK(stay_notice_lead(40s) == 20s);
  CHECK(stay_notice_lead(30s) == 15s);
  CHECK(stay_notice_lead(1s) == 500ms);
  NavigatorSettings settings;
  settings.idle_return = 30s;
  Session s;
  s.nav = Navigator(settings);
  s.tap(Session::kOpenBrowser);
  s.wait(14s);
  CHECK(s.nav.stay_notice() == 0);
  s.wait(1s);
  CHECK(s.nav.stay_notice() == 15);
}
