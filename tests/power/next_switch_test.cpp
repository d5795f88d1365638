// power::next_switch: when a week schedule in local clock times next switches, in Europe/Copenhagen,
// across midnight and on the two days a year that have 23 and 25 hours.
#include <catch2/catch.hpp>

#include <chrono>
#include <ctime>
#include <optional>
#include <string>
#include <string_view>

#include "power/schedule.h"
#include "time_zone.h"

namespace {

using namespace std::chrono_literals;
using kiosk::WallTime;
using kiosk::power::next_switch;
using kiosk::power::parse_day;
using kiosk::power::WeekSchedule;

WallTime utc(const char* text) { return WallTime{std::chrono::seconds(kiosk::testing::unix_at(text))}; }

// "2026-03-29T01:00:00Z", or "never": what a failed check prints.
std::string utc_text(std::optional<WallTime> wall) {
  if (!wall) return "never";
  const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(wall->time_since_epoch());
  const std::time_t t = static_cast<std::time_t>(seconds.count());
  std::tm tm{};
  gmtime_r(&t, &tm);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &tm);
  const auto fraction = wall->time_since_epoch() - seconds;
  return fraction == WallTime::duration::zero() ? text : std::string(text) + "+fraction";
}

std::string next_after(const WeekSchedule& week, const char* now) { return utc_text(next_switch(week, utc(now))); }

// Every day as `every_day`, then the named days (0 = Monday) as given.
WeekSchedule week_of(std::string_view every_day, std::initializer_list<std::pair<int, std::string_view>> days = {}) {
  WeekSchedule week;
  auto every = parse_day(every_day);
  REQUIRE(every.ok());
  for (int d = 0; d < 7; ++d) week.set_day(d, *every);
  for (const auto& [weekday, text] : days) {
    auto parsed = parse_day(text);
    REQUIRE(parsed.ok());
    week.set_day(weekday, *parsed);
  }
  return week;
}

}  // namespace

TEST_CASE("next_switch steps through a week of on-times, to the second", "[power][next_switch]") {
  kiosk::testing::TimeZone tz("Europe/Copenhagen");
  // The map on weekdays 08:00-16:00 (CET is UTC+1 in December); 2026-12-04 is a Friday.
  const WeekSchedule map = week_of("off", {{0, "08:00-16:00"}, {1, "08:00-16:00"}, {2, "08:00-16:00"}, {3, "08:00-16:00"}, {4, "08:00-16:00"}});
  CHECK(next_after(map, "2026-12-01T06:59:30Z") == "2026-12-01T07:00:00Z");
  CHECK(next_after(map, "2026-12-01T07:00:00Z") == "2026-12-01T15:00:00Z");
  CHECK(next_after(map, "2026-12-01T14:59:59Z") == "2026-12-01T15:00:00Z");
  CHECK(next_after(map, "2026-12-01T15:00:00Z") == "2026-12-02T07:00:00Z");
  CHECK(next_after(map, "2026-12-04T15:00:00Z") == "2026-12-07T07:00:00Z");
  // A moment within a second is not yet the next second.
  CHECK(utc_text(next_switch(map, utc("2026-12-01T06:59:59Z") + 500ms)) == "2026-12-01T07:00:00Z");
  CHECK(utc_text(next_switch(map, utc("2026-12-01T07:00:00Z") + 500ms)) == "2026-12-01T15:00:00Z");
}

TEST_CASE("next_switch runs across midnight when one day's on-time continues the next", "[power][next_switch]") {
  kiosk::testing::TimeZone tz("Europe/Copenhagen");
  // Monday 18:00-24:00 and Tuesday 00:00-02:00: on without a break at midnight.
  const WeekSchedule late = week_of("off", {{0, "18:00-24:00"}, {1, "00:00-02:00"}});
  CHECK(next_after(late, "2026-12-07T12:00:00Z") == "2026-12-07T17:00:00Z");
  CHECK(next_after(late, "2026-12-07T17:00:00Z") == "2026-12-08T01:00:00Z");
  // On to midnight, then a day that is off: it switches at midnight.
  const WeekSchedule evening = week_of("off", {{0, "18:00-24:00"}});
  CHECK(next_after(evening, "2026-12-07T20:00:00Z") == "2026-12-07T23:00:00Z");
  // After Monday's last switch, the next is Monday's a week on.
  CHECK(next_after(evening, "2026-12-07T23:00:00Z") == "2026-12-14T17:00:00Z");
}

TEST_CASE("next_switch keeps local clock times on the day the clocks go forward", "[power][next_switch]") {
  kiosk::testing::TimeZone tz("Europe/Copenhagen");
  // 2026-03-29, a Sunday: 02:00 CET (01:00 UTC) becomes 03:00 CEST.
  const WeekSchedule day = week_of("08:00-16:00");
  CHECK(next_after(day, "2026-03-28T15:30:00Z") == "2026-03-29T06:00:00Z");  // 08:00 CEST
  CHECK(next_after(day, "2026-03-29T06:00:00Z") == "2026-03-29T14:00:00Z");  // 16:00 CEST
  // Sunday on the whole day, which has 23 hours.
  const WeekSchedule sunday = week_of("off", {{6, "on"}});
  CHECK(next_after(sunday, "2026-03-28T12:00:00Z") == "2026-03-28T23:00:00Z");  // 00:00 CET
  CHECK(next_after(sunday, "2026-03-28T23:00:00Z") == "2026-03-29T22:00:00Z");  // 24:00 CEST
  // A switch time the clocks skip comes when they jump.
  const WeekSchedule skipped = week_of("off", {{6, "02:30-24:00"}});
  CHECK(next_after(skipped, "2026-03-28T12:00:00Z") == "2026-03-29T01:00:00Z");  // 03:00 CEST
  const WeekSchedule at_three = week_of("off", {{6, "03:00-24:00"}});
  CHECK(next_after(at_three, "2026-03-28T12:00:00Z") == "2026-03-29T01:00:00Z");
}

TEST_CASE("next_switch keeps local clock times on the day the clocks go back", "[power][next_switch]") {
  kiosk::testing::TimeZone tz("Europe/Copenhagen");
  // 2026-10-25, a Sunday: 03:00 CEST (01:00 UTC) becomes 02:00 CET.
  const WeekSchedule day = week_of("08:00-16:00");
  CHECK(next_after(day, "2026-10-24T14:00:00Z") == "2026-10-25T07:00:00Z");  // 08:00 CET
  CHECK(next_after(day, "2026-10-25T07:00:00Z") == "2026-10-25T15:00:00Z");  // 16:00 CET
  // Sunday on the whole day, which has 25 hours.
  const WeekSchedule sunday = week_of("off", {{6, "on"}});
  CHECK(next_after(sunday, "2026-10-24T12:00:00Z") == "2026-10-24T22:00:00Z");  // 00:00 CEST
  CHECK(next_after(sunday, "2026-10-24T22:00:00Z") == "2026-10-25T23:00:00Z");  // 24:00 CET
  // In the hour the clocks repeat, the state follows the clock back and forward again.
  const WeekSchedule repeated = week_of("off", {{6, "02:30-24:00"}});
  CHECK(next_after(repeated, "2026-10-24T12:00:00Z") == "2026-10-25T00:30:00Z");  // 02:30 CEST
  CHECK(next_after(repeated, "2026-10-25T00:45:00Z") == "2026-10-25T01:00:00Z");  // back to 02:00 CET
  CHECK(next_after(repeated, "2026-10-25T01:00:00Z") == "2026-10-25T01:30:00Z");  // 02:30 CET
}

TEST_CASE("next_switch of a week that is on or off throughout is nothing", "[power][next_switch]") {
  kiosk::testing::TimeZone tz("Europe/Copenhagen");
  CHECK(next_after(WeekSchedule{}, "2026-03-29T00:30:00Z") == "never");
  CHECK(next_after(week_of("off"), "2026-10-25T00:30:00Z") == "never");
  // On all week written as two ranges a day is still on throughout.
  CHECK(next_after(week_of("00:00-12:00, 12:00-24:00"), "2026-12-01T12:00:00Z") == "never");
}
