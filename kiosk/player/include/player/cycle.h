// The slide cycle: which slide is on screen, since when, and when the next one is due. Pure logic
// over steady time points, so timing is tested with a fake clock and no display.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "platform/clock.h"

namespace kiosk::player {

using Duration = std::chrono::steady_clock::duration;

class Cycle {
 public:
  // One duration per slide, shown in order and then from the start again. Durations below
  // kMinDuration are raised to it; an empty list is a cycle of nothing (current() stays 0). `round`
  // is where the count of rounds starts: a cycle made anew for new slides goes on counting.
  static constexpr Duration kMinDuration = std::chrono::seconds(1);
  Cycle(std::vector<Duration> durations, SteadyTime start, std::uint64_t round = 0);

  // Moves the cycle to `now`. Returns true when a different slide is now current. A long gap (the
  // board was suspended, the process stalled) lands on the slide the schedule says, not one step on.
  bool advance(SteadyTime now);

  std::size_t current() const { return current_; }
  // How many times the cycle has come back to its first slide.
  std::uint64_t round() const { return round_; }
  std::size_t size() const { return durations_.size(); }
  SteadyTime started() const { return started_; }
  // When the current slide's time is up.
  SteadyTime next_change() const;
  // How far through the current slide `now` is, 0..1.
  float progress(SteadyTime now) const;

  // Shows slide `index` from `now` on (swipes, or a restart after new content).
  void jump_to(std::size_t index, SteadyTime now);

  // Holds the current slide from `now` (WCAG 2.2.2, the resident's pause): no progress and no
  // advance until resume(), which goes on from where it stood. Pausing twice keeps the first time.
  void pause(SteadyTime now);
  void resume(SteadyTime now);
  bool paused() const { return paused_at_.has_value(); }
  // How long the current slide has been shown, without the time it was paused.
  Duration elapsed(SteadyTime now) const;
  // The current slide's time on screen.
  Duration duration() const;

 private:
  std::vector<Duration> durations_;
  std::size_t current_ = 0;
  std::uint64_t round_ = 0;
  SteadyTime started_;
  std::optional<SteadyTime> paused_at_;
};

// Which of `languages` configured languages round `round` of the cycle is drawn in, when each
// stays `rounds_per_language` rounds (at least 1): 0 for the first rounds, then 1, ..., and round
// again. 0 when there are none.
std::size_t language_of_round(std::uint64_t round, std::size_t languages, int rounds_per_language);

}  // namespace kiosk::player
