// When the screen should be on: a set of on-times for each weekday, in the kiosk's local time.
// Staff write a day as "07:00-22:00", several as "07:00-12:00, 13:00-22:00", or "on" / "off" for
// the whole day. Times are minutes of the day; "24:00" ends a day. A time range that would cross
// midnight ("22:00-06:00") is refused with a message saying how to write it as two days' ranges.
#pragma once

#include <array>
#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "platform/clock.h"
#include "platform/result.h"

namespace kiosk::power {

inline constexpr int kMinutesPerDay = 24 * 60;

// Minutes since midnight: on from `from` (inclusive) to `to` (exclusive); 0 <= from < to <= 1440.
struct OnTime {
  int from = 0;
  int to = kMinutesPerDay;
  bool operator==(const OnTime&) const = default;
};

// A moment in the kiosk's local time. weekday: 0 = Monday ... 6 = Sunday.
struct LocalTime {
  int weekday = 0;
  int minute = 0;  // of the day, 0..1439
};

// Monday first, as the days are written in docs/configuration.md.
inline constexpr std::array<std::string_view, 7> kWeekdays = {"monday", "tuesday",  "wednesday", "thursday",
                                                              "friday", "saturday", "sunday"};

class WeekSchedule {
 public:
  // On all week, the default.
  WeekSchedule();

  void set_day(int weekday, std::vector<OnTime> times);
  const std::vector<OnTime>& day(int weekday) const { return days_.at(static_cast<std::size_t>(weekday)); }

  bool on_at(LocalTime t) const;
  bool always_on() const;
  bool always_off() const;  // no on-time on any day
  // The next moment after `t` at which an on-time starts, within the coming week; nothing when
  // the schedule is off all week.
  std::optional<LocalTime> next_start(LocalTime t) const;

  bool operator==(const WeekSchedule&) const = default;

 private:
  std::array<std::vector<OnTime>, 7> days_;
};

// Parses one day as staff write it. The message says what is wrong with the text, without naming
// the key (the caller adds file, line and key).
Result<std::vector<OnTime>> parse_day(std::string_view text);

// The same day written back the way parse_day reads it: "07:00-22:00", "on", "off".
std::string format_day(const std::vector<OnTime>& times);

// "monday 07:00"
std::string describe(LocalTime t);

// The local time of `wall` through the C library's time zone (TZ, /etc/localtime).
LocalTime local_time(WallTime wall);

// The first wall time after `now` at which `week.on_at(local_time(t))` differs from
// `week.on_at(local_time(now))`, in whole seconds; nothing when the week is the same all through
// (on or off all week). The schedule is in local clock times, so it switches at those times on the
// days of 23 and 25 hours too; a switch time the spring change skips comes when the clocks jump
// (02:30 on 2026-03-29 in Europe/Copenhagen: at 03:00 CEST), and in the hour the autumn change
// repeats the state follows the clock back. Assumes at most one change of UTC offset within a week.
std::optional<WallTime> next_switch(const WeekSchedule& week, WallTime now);

}  // namespace kiosk::power
