// How the notices and the events slide word days and times: "til i dag kl. 15:00", "I morgen",
// "torsdag 17. december 2026", "kl. 19:00-21:00", by the local calendar (Europe/Copenhagen here), not
// by UTC's.
#include <catch2/catch.hpp>

#include "i18n/language.h"
#include "slides/words.h"
#include "time_zone.h"

using namespace kiosk;
using testing::unix_at;

namespace {

WallTime wall(const char* utc) { return WallTime{std::chrono::seconds(unix_at(utc))}; }

const i18n::Language& english() { return *i18n::find_language("en"); }

}  // namespace

TEST_CASE("an urgent notice says until when it holds: today, tomorrow or a date, at local time", "[slides][words][notices]") {
  testing::TimeZone tz("Europe/Copenhagen");
  const auto& da = i18n::danish();
  const WallTime morning = wall("2026-12-14T08:00:00Z");  // Monday 09:00 in Copenhagen
  CHECK(slides::until_text(unix_at("2026-12-14T14:00:00Z"), morning, da) == "til i dag kl. 15:00");
  CHECK(slides::until_text(unix_at("2026-12-15T08:30:00Z"), morning, da) == "til i morgen kl. 09:30");
  CHECK(slides::until_text(unix_at("2026-12-17T14:00:00Z"), morning, da) == "til 17. december 2026 kl. 15:00");
  CHECK(slides::until_text(unix_at("2026-12-14T14:00:00Z"), morning, english()) == "until 15:00 today");
  // Half past midnight on the 15th in Copenhagen is still the 14th in UTC: the local day counts.
  const WallTime after_midnight = wall("2026-12-14T23:30:00Z");
  CHECK(slides::until_text(unix_at("2026-12-15T14:00:00Z"), after_midnight, da) == "til i dag kl. 15:00");
  CHECK(slides::days_from(after_midnight, unix_at("2026-12-14T22:00:00Z")) == -1);
}

TEST_CASE("the events slide heads each day: today, tomorrow, then weekday and date", "[slides][words][events]") {
  testing::TimeZone tz("Europe/Copenhagen");
  const auto& da = i18n::danish();
  const WallTime now = wall("2026-12-14T08:00:00Z");
  CHECK(slides::day_heading(unix_at("2026-12-14T18:00:00Z"), now, da) == "I dag");
  CHECK(slides::day_heading(unix_at("2026-12-15T18:00:00Z"), now, da) == "I morgen");
  CHECK(slides::day_heading(unix_at("2026-12-17T18:00:00Z"), now, da) == "torsdag 17. december 2026");
  CHECK(slides::day_heading(unix_at("2026-12-20T18:00:00Z"), now, da) == "søndag 20. december 2026");
  CHECK(slides::day_heading(unix_at("2026-12-17T18:00:00Z"), now, english()) == "Thursday 17 December 2026");
  // 23:30 UTC on the 14th is already the 15th in Copenhagen.
  CHECK(slides::day_heading(unix_at("2026-12-14T23:30:00Z"), now, da) == "I morgen");
  // Across the change to summer time (29 March 2026) days stay whole days.
  CHECK(slides::days_from(wall("2026-03-28T12:00:00Z"), unix_at("2026-03-29T22:30:00Z")) == 2);
  for (int day = 0; day < 7; ++day) CHECK_FALSE(slides::weekday_name(day, da).empty());
}

TEST_CASE("an event's time: from and to, from alone, or until a later day", "[slides][words][events]") {
  testing::TimeZone tz("Europe/Copenhagen");
  const auto& da = i18n::danish();
  const auto starts = unix_at("2026-12-17T18:00:00Z");
  CHECK(slides::event_time_text(starts, unix_at("2026-12-17T20:00:00Z"), da) == "kl. 19:00-21:00");
  CHECK(slides::event_time_text(starts, std::nullopt, da) == "kl. 19:00");
  CHECK(slides::event_time_text(starts, unix_at("2026-12-18T01:00:00Z"), da) == "kl. 19:00 til 18. december 2026");
  // Ending at 23:30 local is the same day, though the 18th in UTC is not far.
  CHECK(slides::event_time_text(starts, unix_at("2026-12-17T22:30:00Z"), da) == "kl. 19:00-23:30");
  CHECK(slides::event_time_text(starts, unix_at("2026-12-17T20:00:00Z"), english()) == "19:00-21:00");
}
