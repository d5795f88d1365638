// Time, behind an interface so that slide timing, idle timeouts and staleness are tested with a
// fake clock instead of sleeps. `steady()` is for measuring durations (never jumps); `wall()` is the
// calendar time shown to residents and compared with content expiry (may jump when NTP syncs).
#pragma once

#include <chrono>

namespace kiosk {

using SteadyTime = std::chrono::steady_clock::time_point;
using WallTime = std::chrono::system_clock::time_point;

class Clock {
 public:
  virtual ~Clock() = default;
  virtual SteadyTime steady() const = 0;
  virtual WallTime wall() const = 0;
};

class SystemClock final : public Clock {
 public:
  SteadyTime steady() const override;
  WallTime wall() const override;
};

// A clock that moves only when told to. Both times advance together.
class FakeClock final : public Clock {
 public:
  explicit FakeClock(WallTime wall_start = WallTime{} + std::chrono::hours(24 * 365 * 56))
      : wall_(wall_start) {}
  SteadyTime steady() const override { return steady_; }
  WallTime wall() const override { return wall_; }
  void advance(std::chrono::steady_clock::duration d) {
    steady_ += d;
    wall_ += std::chrono::duration_cast<std::chrono::system_clock::duration>(d);
  }
  void set_wall(WallTime t) { wall_ = t; }

 private:
  SteadyTime steady_{};
  WallTime wall_;
};

}  // namespace kiosk
