#include <catch2/catch.hpp>

#include "platform/clock.h"
#include "player/cycle.h"

using namespace std::chrono_literals;
using kiosk::FakeClock;
using kiosk::player::Cycle;

TEST_CASE("the cycle shows each slide for its duration in order", "[player]") {
  FakeClock clock;
  Cycle cycle({12s, 12s, 20s}, clock.steady());
  CHECK(cycle.current() == 0);
  clock.advance(11s);
  CHECK_FALSE(cycle.advance(clock.steady()));
  CHECK(cycle.current() == 0);
  CHECK(cycle.progress(clock.steady()) == Approx(11.0 / 12.0));
  clock.advance(1s);
  CHECK(cycle.advance(clock.steady()));
  CHECK(cycle.current() == 1);
  CHECK(cycle.next_change() == clock.steady() + 12s);
  clock.advance(12s);
  CHECK(cycle.advance(clock.steady()));
  CHECK(cycle.current() == 2);
  clock.advance(19s);
  CHECK_FALSE(cycle.advance(clock.steady()));
  clock.advance(1s);
  CHECK(cycle.advance(clock.steady()));
  CHECK(cycle.current() == 0);  // wraps to the status slide
}

TEST_CASE("a long stall lands where the schedule says", "[player]") {
  FakeClock clock;
  const auto start = clock.steady();
  Cycle cycle({10s, 10s, 10s}, start);
  clock.advance(24h + 15s);  // 8640 rounds and a half slide
  CHECK(cycle.advance(clock.steady()));
  CHECK(cycle.current() == 1);
  CHECK(cycle.started() == start + 24h + 10s);
  CHECK(cycle.next_change() == start + 24h + 20s);
}

TEST_CASE("too-short durations are raised to the minimum", "[player]") {
  FakeClock clock;
  Cycle cycle({0s, 0s}, clock.steady());
  CHECK(cycle.next_change() == clock.steady() + Cycle::kMinDuration);
}

TEST_CASE("an empty cycle never changes", "[player]") {
  FakeClock clock;
  Cycle cycle({}, clock.steady());
  clock.advance(1h);
  CHECK_FALSE(cycle.advance(clock.steady()));
  CHECK(cycle.current() == 0);
  CHECK(cycle.next_change() == kiosk::SteadyTime::max());
}

TEST_CASE("jump_to restarts the timing at the chosen slide", "[player]") {
  FakeClock clock;
  Cycle cycle({12s, 12s, 12s}, clock.steady());
  clock.advance(5s);
  cycle.jump_to(2, clock.steady());
  CHECK(cycle.current() == 2);
  clock.advance(11s);
  CHECK_FALSE(cycle.advance(clock.steady()));
  clock.advance(1s);
  CHECK(cycle.advance(clock.steady()));
  CHECK(cycle.current() == 0);
}

TEST_CASE("a paused cycle holds its slide and its progress, and goes on from there when resumed", "[player][pause]") {
  FakeClock clock;
  Cycle cycle({12s, 12s}, clock.steady());
  clock.advance(6s);
  cycle.pause(clock.steady());
  CHECK(cycle.paused());
  clock.advance(10min);
  CHECK_FALSE(cycle.advance(clock.steady()));
  CHECK(cycle.current() == 0);
  CHECK(cycle.progress(clock.steady()) == Approx(0.5));
  CHECK(cycle.elapsed(clock.steady()) == 6s);
  CHECK(cycle.next_change() == kiosk::SteadyTime::max());
  cycle.resume(clock.steady());
  CHECK_FALSE(cycle.paused());
  CHECK(cycle.next_change() == clock.steady() + 6s);
  clock.advance(5s);
  CHECK_FALSE(cycle.advance(clock.steady()));
  clock.advance(1s);
  CHECK(cycle.advance(clock.steady()));
  CHECK(cycle.current() == 1);
}

TEST_CASE("each language stays rounds_per_language rounds, then the next, and round again", "[player][languages]") {
  using kiosk::player::language_of_round;
  CHECK(language_of_round(0, 3, 1) == 0);
  CHECK(language_of_round(1, 3, 1) == 1);
  CHECK(language_of_round(2, 3, 1) == 2);
  CHECK(language_of_round(3, 3, 1) == 0);
  CHECK(language_of_round(1, 3, 2) == 0);
  CHECK(language_of_round(2, 3, 2) == 1);
  CHECK(language_of_round(5, 3, 2) == 2);
  CHECK(language_of_round(6, 3, 2) == 0);
  CHECK(language_of_round(7, 1, 1) == 0);
  CHECK(language_of_round(7, 0, 1) == 0);
  // Followed through a cycle on the fake clock: the language turns as the cycle comes round.
  FakeClock clock;
  Cycle cycle({10s, 10s}, clock.steady());
  std::vector<std::size_t> seen;
  for (int i = 0; i < 8; ++i) {
    seen.push_back(language_of_round(cycle.round(), 2, 1));
    clock.advance(10s);
    cycle.advance(clock.steady());
  }
  CHECK(seen == std::vector<std::size_t>{0, 0, 1, 1, 0, 0, 1, 1});
}
