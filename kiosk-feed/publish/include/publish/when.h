// Times as Danish staff write them on kiosk-feed's command line ("i morgen kl. 9.30", "torsdag 19",
// "1. december 15:00", "om 2 timer", "2026-12-01 15:00"), read in the local time zone (TZ), and a
// time told back in Danish so that staff see what was understood.
//
// The forms, case-insensitive, "kl." optional, a time as 15, 15:00 or 15.00:
//   nu                          now (to the minute)
//   om N minutter|timer|dage    N minutes or hours from now; N days on at the same time of day
//   i dag|i morgen|i overmorgen [TIME]
//   mandag ... søndag [TIME]    the next such day whose time is still ahead: today when it is, else
//                               in a week ("torsdag 19" on a Thursday at 20:00 is next Thursday)
//   1. december [2027] [TIME], 1/12 [TIME], 1/12-2027 [TIME]
//                               without a year, this year's unless that day is past, then next year's
//   2026-12-01 15:00, 2026-12-01T15:00, 2026-12-01
// A day without a time is its first minute as a start (WhenFor::kFrom) and its end, 24:00, as an end
// (WhenFor::kUntil). A time today that has passed is read as written; the caller warns of it.
// A time the spring change of the clocks skips is refused; one the autumn change repeats is the first.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "platform/result.h"

namespace kiosk::publish {

// Which end of a span a time is: it decides what a day written without a time means.
enum class WhenFor { kFrom, kUntil };

struct When {
  std::int64_t unix = 0;  // seconds, a whole minute
  bool twice = false;     // the wall-clock time happens twice (autumn): this is the first
};

// `text` read at `now_unix`. A refusal starts with what was not understood and lists the forms.
Result<When> read_when(std::string_view text, std::int64_t now_unix, WhenFor use = WhenFor::kUntil);
Result<std::int64_t> parse_when(std::string_view text, std::int64_t now_unix, WhenFor use = WhenFor::kUntil);

// "tirsdag 1. december 2026 kl. 15:00 (UTC+01:00)", in the local time zone.
std::string describe_when(std::int64_t unix);

}  // namespace kiosk::publish
