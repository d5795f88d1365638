// Times as staff write them on kiosk-feed's command line, read in Europe/Copenhagen at fixed "now"s.
#include "publish/when.h"

#include <catch2/catch.hpp>

#include "time_zone.h"

namespace {

using kiosk::publish::describe_when;
using kiosk::publish::parse_when;
using kiosk::publish::read_when;
using kiosk::publish::WhenFor;
using kiosk::testing::unix_at;

// The local time `text` is read as, told back in Danish.
std::string read_as(const char* text, std::int64_t now, WhenFor use = WhenFor::kUntil) {
  auto when = parse_when(text, now, use);
  INFO(text << ": " << (when ? "" : when.error().message));
  REQUIRE(when.ok());
  return describe_when(*when);
}

std::string refusal(const char* text, std::int64_t now) {
  auto when = parse_when(text, now);
  INFO(text);
  REQUIRE_FALSE(when.ok());
  return when.error().message;
}

}  // namespace

TEST_CASE("describe_when tells a time in Danish with its offset from UTC", "[publish][when]") {
  kiosk::testing::TimeZone tz("Europe/Copenhagen");
  CHECK(describe_when(unix_at("2026-12-01T14:00:00Z")) == "tirsdag 1. december 2026 kl. 15:00 (UTC+01:00)");
  CHECK(describe_when(unix_at("2026-07-04T07:05:00Z")) == "lørdag 4. juli 2026 kl. 09:05 (UTC+02:00)");
}

TEST_CASE("the day words count from today, with or without kl. and minutes", "[publish][when]") {
  kiosk::testing::TimeZone tz("Europe/Copenhagen");
  const auto now = unix_at("2026-12-01T09:12:40Z");  // tirsdag 1. december 10:12
  CHECK(read_as("i dag 15:00", now) == "tirsdag 1. december 2026 kl. 15:00 (UTC+01:00)");
  CHECK(read_as("i dag kl. 15", now) == "tirsdag 1. december 2026 kl. 15:00 (UTC+01:00)");
  CHECK(read_as("I DAG KL.15.30", now) == "tirsdag 1. december 2026 kl. 15:30 (UTC+01:00)");
  CHECK(read_as("i morgen 9", now) == "onsdag 2. december 2026 kl. 09:00 (UTC+01:00)");
  CHECK(read_as("i morgen kl. 9.30", now) == "onsdag 2. december 2026 kl. 09:30 (UTC+01:00)");
  CHECK(read_as("imorgen  9:30", now) == "onsdag 2. december 2026 kl. 09:30 (UTC+01:00)");
  CHECK(read_as("i overmorgen 12:00", now) == "torsdag 3. december 2026 kl. 12:00 (UTC+01:00)");
  CHECK(read_as("nu", now) == "tirsdag 1. december 2026 kl. 10:12 (UTC+01:00)");
  CHECK(read_as("om 2 timer", now) == "tirsdag 1. december 2026 kl. 12:12 (UTC+01:00)");
  CHECK(read_as("om 30 minutter", now) == "tirsdag 1. december 2026 kl. 10:42 (UTC+01:00)");
  CHECK(read_as("om 3 dage", now) == "fredag 4. december 2026 kl. 10:12 (UTC+01:00)");
  CHECK(read_as("Om 1 Dag", now) == "onsdag 2. december 2026 kl. 10:12 (UTC+01:00)");
}

TEST_CASE("a day alone is its start for --from and its end for --until", "[publish][when]") {
  kiosk::testing::TimeZone tz("Europe/Copenhagen");
  const auto now = unix_at("2026-12-01T09:00:00Z");
  CHECK(*parse_when("i dag", now, WhenFor::kUntil) == unix_at("2026-12-01T23:00:00Z"));
  CHECK(*parse_when("i morgen", now, WhenFor::kFrom) == unix_at("2026-12-01T23:00:00Z"));
  CHECK(*parse_when("2026-12-01", now, WhenFor::kFrom) == unix_at("2026-11-30T23:00:00Z"));
  CHECK(*parse_when("2026-12-01", now, WhenFor::kUntil) == unix_at("2026-12-01T23:00:00Z"));
  CHECK(*parse_when("i dag 24:00", now) == unix_at("2026-12-01T23:00:00Z"));
}

TEST_CASE("a weekday is the next one whose time is still ahead", "[publish][when]") {
  kiosk::testing::TimeZone tz("Europe/Copenhagen");
  const auto thursday_noon = unix_at("2026-12-03T11:00:00Z");  // torsdag 3. december 12:00
  CHECK(read_as("torsdag 19:00", thursday_noon) == "torsdag 3. december 2026 kl. 19:00 (UTC+01:00)");
  CHECK(read_as("Torsdag kl. 19", thursday_noon) == "torsdag 3. december 2026 kl. 19:00 (UTC+01:00)");
  CHECK(read_as("torsdag 9", thursday_noon) == "torsdag 10. december 2026 kl. 09:00 (UTC+01:00)");
  CHECK(read_as("fredag 8", thursday_noon) == "fredag 4. december 2026 kl. 08:00 (UTC+01:00)");
  CHECK(read_as("onsdag 8", thursday_noon) == "onsdag 9. december 2026 kl. 08:00 (UTC+01:00)");
  CHECK(read_as("LØRDAG 10", thursday_noon) == "lørdag 5. december 2026 kl. 10:00 (UTC+01:00)");
  CHECK(*parse_when("søndag", thursday_noon) == unix_at("2026-12-06T23:00:00Z"));  // its end, 24:00
  // A weekday alone for --from on that very day: its start has passed, so next week's.
  CHECK(*parse_when("torsdag", thursday_noon, WhenFor::kFrom) == unix_at("2026-12-09T23:00:00Z"));
  CHECK(*parse_when("torsdag", thursday_noon, WhenFor::kUntil) == unix_at("2026-12-03T23:00:00Z"));
}

TEST_CASE("dates with and without a year, and across the year's end", "[publish][when]") {
  kiosk::testing::TimeZone tz("Europe/Copenhagen");
  const auto now = unix_at("2026-12-30T22:30:00Z");  // onsdag 30. december 23:30
  CHECK(read_as("1. december 15:00", unix_at("2026-11-20T10:00:00Z")) == "tirsdag 1. december 2026 kl. 15:00 (UTC+01:00)");
  CHECK(read_as("1/12 15:00", unix_at("2026-11-20T10:00:00Z")) == "tirsdag 1. december 2026 kl. 15:00 (UTC+01:00)");
  CHECK(read_as("1/12-2026 15:00", now) == "tirsdag 1. december 2026 kl. 15:00 (UTC+01:00)");
  CHECK(read_as("den 2. jan. kl. 8", now) == "lørdag 2. januar 2027 kl. 08:00 (UTC+01:00)");
  CHECK(read_as("2/1 8", now) == "lørdag 2. januar 2027 kl. 08:00 (UTC+01:00)");
  CHECK(read_as("1. december 2027 15:00", now) == "onsdag 1. december 2027 kl. 15:00 (UTC+01:00)");
  CHECK(read_as("30. december 9", now) == "onsdag 30. december 2026 kl. 09:00 (UTC+01:00)");  // today, past: the caller warns
  CHECK(read_as("i morgen 0:15", now) == "torsdag 31. december 2026 kl. 00:15 (UTC+01:00)");
  CHECK(read_as("i overmorgen 1", now) == "fredag 1. januar 2027 kl. 01:00 (UTC+01:00)");
  CHECK(read_as("om 2 timer", now) == "torsdag 31. december 2026 kl. 01:30 (UTC+01:00)");
  CHECK(read_as("om 3 dage", now) == "lørdag 2. januar 2027 kl. 23:30 (UTC+01:00)");
  CHECK(read_as("2027-01-02 15:00", now) == "lørdag 2. januar 2027 kl. 15:00 (UTC+01:00)");
  CHECK(read_as("2027-01-02T15:00", now) == "lørdag 2. januar 2027 kl. 15:00 (UTC+01:00)");
  CHECK(read_as("fredag", now, WhenFor::kFrom) == "fredag 1. januar 2027 kl. 00:00 (UTC+01:00)");
}

TEST_CASE("a time of today that has passed is read as written", "[publish][when]") {
  kiosk::testing::TimeZone tz("Europe/Copenhagen");
  const auto now = unix_at("2026-12-01T16:00:00Z");  // 17:00
  const auto when = parse_when("i dag 15:00", now);
  REQUIRE(when.ok());
  CHECK(*when == unix_at("2026-12-01T14:00:00Z"));
  CHECK(*when < now);
}

TEST_CASE("the hour the clocks skip is refused and the repeated one is the first", "[publish][when]") {
  kiosk::testing::TimeZone tz("Europe/Copenhagen");
  const auto spring = unix_at("2026-03-28T12:00:00Z");
  CHECK_THAT(refusal("2026-03-29 02:30", spring), Catch::Contains("2026-03-29 02:30 does not exist") &&
                                                       Catch::Contains("summer time"));
  CHECK_THAT(refusal("i morgen 2:30", spring), Catch::Contains("does not exist"));
  CHECK(read_as("i morgen 3:00", spring) == "søndag 29. marts 2026 kl. 03:00 (UTC+02:00)");
  CHECK(read_as("i morgen 1:59", spring) == "søndag 29. marts 2026 kl. 01:59 (UTC+01:00)");

  const auto autumn = unix_at("2026-10-24T12:00:00Z");
  const auto twice = read_when("2026-10-25 02:30", autumn);
  REQUIRE(twice.ok());
  CHECK(twice->twice);
  CHECK(twice->unix == unix_at("2026-10-25T00:30:00Z"));
  CHECK(describe_when(twice->unix) == "søndag 25. oktober 2026 kl. 02:30 (UTC+02:00)");
  CHECK(describe_when(twice->unix + 3600) == "søndag 25. oktober 2026 kl. 02:30 (UTC+01:00)");
  const auto once = read_when("i morgen 3:30", autumn);
  REQUIRE(once.ok());
  CHECK_FALSE(once->twice);
  CHECK(describe_when(once->unix) == "søndag 25. oktober 2026 kl. 03:30 (UTC+01:00)");
  // A span of days keeps the time of day across the change.
  CHECK(read_as("om 1 dag", unix_at("2026-10-24T10:00:00Z")) == "søndag 25. oktober 2026 kl. 12:00 (UTC+01:00)");
}

TEST_CASE("what is not a time is refused with what was not understood and the forms that work", "[publish][when]") {
  kiosk::testing::TimeZone tz("Europe/Copenhagen");
  const auto now = unix_at("2026-12-01T09:00:00Z");
  const std::pair<const char*, const char*> kBad[] = {
      {"", "no time was given"},
      {"   ", "no time was given"},
      {"i går 15", "\"i\" is not understood as a day"},
      {"i dag 25", "\"25\" is not a time of day"},
      {"i dag 15:60", "\"15:60\" is not a time of day"},
      {"i dag 24:30", "\"24:30\" is not a time of day"},
      {"i dag 15:5", "\"15:5\" is not a time of day"},
      {"i dag kl.", "\"kl.\" needs a time"},
      {"i dag 15 eftermiddag", "\"eftermiddag\" after the time"},
      {"torsdg 19", "\"torsdg\" is not understood as a day"},
      {"1. decembr 15", "\"decembr\" is not a month"},
      {"31/11 15:00", "2026-11-31 is not a day of the calendar"},
      {"29/2-2027", "2027-02-29 is not a day of the calendar"},
      {"1/13", "2026-13-01 is not a day"},
      {"1/12-26 15", "\"1/12-26\" is not a day written 1/12 or 1/12-2026"},
      {"2026-12-32 10:00", "2026-12-32 is not a day of the calendar"},
      {"om to timer", "write om, a number"},
      {"om 2 uger", "\"uger\" is not minutter, timer or dage"},
      {"om 2", "write om, a number"},
      {"15:00", "\"15:00\" is not understood as a day"},
      {"next tuesday", "\"next\" is not understood as a day"},
  };
  for (const auto& [text, why] : kBad) {
    const std::string message = refusal(text, now);
    INFO(text << " -> " << message);
    CHECK_THAT(message, Catch::StartsWith("\"" + std::string(text) + "\": ") && Catch::Contains(why) &&
                            Catch::Contains("i morgen kl. 9.30") && Catch::Contains("2026-12-01 15:00"));
  }
}
