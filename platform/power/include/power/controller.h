// Decides, every turn of the display loop, whether the screen should be on: by the weekly
// schedule, or because someone touched it while it was off (it then stays on for the wake time
// after the last touch). It tells the backend on each change and again every 10 minutes, so a TV
// that someone switched on by hand at night goes back off, and a backlight reset by a driver is
// put right. Pure logic over a clock reading and a backend: tested with the fake clock.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "platform/clock.h"
#include "power/display_power.h"
#include "power/schedule.h"

namespace kiosk::power {

class PowerController {
 public:
  static constexpr std::chrono::minutes kReassert{10};
  using ToLocal = std::function<LocalTime(WallTime)>;

  PowerController(WeekSchedule schedule, std::chrono::steady_clock::duration wake, std::unique_ptr<DisplayPower> backend,
                  ToLocal to_local = local_time);

  // Brings the screen to the state it should be in now. Returns the new state when it changed
  // (the first call always reports one).
  std::optional<bool> update(SteadyTime now, WallTime wall);

  // A touch at `now`: the screen stays on for at least the wake time after it, so it never goes
  // off under someone's finger at the end of the schedule's on-time. While the screen is off the
  // touch switches it on and returns true: it only woke the screen and must not reach what is
  // (not yet) shown.
  bool touch(SteadyTime now, WallTime wall);

  // Before the kiosk stops: a screen it switched off is switched back on, so whoever stopped the
  // service sees the console.
  void leave_on();

  bool on() const { return on_.value_or(true); }
  // Why the screen is in its state, for the log and the service status: "off by the schedule
  // until monday 07:00", "on for 5 minutes after a touch".
  std::string reason(WallTime wall) const;
  // The next moment update() must run even if nothing else happens (re-assert, wake time ends).
  SteadyTime next_deadline() const;
  const DisplayPower& backend() const { return *backend_; }

 private:
  bool wanted(SteadyTime now, WallTime wall) const;

  WeekSchedule schedule_;
  std::chrono::steady_clock::duration wake_;
  std::unique_ptr<DisplayPower> backend_;
  ToLocal to_local_;
  std::optional<bool> on_;  // what was last asked of the backend; nothing before the first update
  SteadyTime awake_until_{};
  SteadyTime next_assert_{};
  std::string last_failure_;
};

}  // namespace kiosk::power
