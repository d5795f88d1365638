// Playlist slides limited to weekdays and times of day ([[slides.show]] with [power]'s day keys), the
// two wider day keys both tables take (weekdays, weekend), and slides.notice_seconds.
#include <catch2/catch.hpp>

#include <chrono>
#include <string>
#include <vector>

#include "config/config.h"

namespace {

using kiosk::config::Config;
using kiosk::config::parse;
using kiosk::power::OnTime;

constexpr const char* kPath = "kiosk.toml";

const std::vector<OnTime> kOff = {};
const std::vector<OnTime> kAllDay = {OnTime{}};

Config parsed(const std::string& text) {
  auto config = parse(text, kPath);
  INFO((config ? "" : config.error().message));
  REQUIRE(config.ok());
  return *config;
}

std::string error_of(const std::string& text) {
  auto config = parse(text, kPath);
  REQUIRE_FALSE(config.ok());
  return config.error().message;
}

}  // namespace

TEST_CASE("a slide of the playlist may be limited to weekdays and times of day", "[config][playlist][schedule]") {
  const Config config = parsed(R"([[slides.show]]
kind = "status"
[[slides.show]]
kind = "map"
every_day = "off"
weekdays = "08:00-16:00"
)");
  REQUIRE(config.playlist.size() == 2);
  CHECK(config.playlist[0].when.always_on());
  const auto& map = config.playlist[1].when;
  for (int d = 0; d < 5; ++d) CHECK(map.day(d) == std::vector<OnTime>{{480, 960}});
  CHECK(map.day(5) == kOff);
  CHECK(map.day(6) == kOff);
  // The schedule is part of the entry: the same kind at other times is another playlist.
  CHECK_FALSE(config.playlist[1] == (kiosk::config::SlideShow{.kind = "map", .duration = std::chrono::seconds(12)}));
  // The default playlist is on all week.
  for (const auto& show : kiosk::config::default_playlist()) CHECK(show.when.always_on());
}

TEST_CASE("a named day overrides weekdays and weekend, which override every_day, in any order",
          "[config][playlist][schedule]") {
  const Config config = parsed(R"([[slides.show]]
kind = "results"
friday = "08:00-12:00"
weekend = "10:00-14:00"
weekdays = "08:00-16:00"
sunday = "off"
every_day = "06:00-07:00"
[power]
friday = "07:00-18:00"
weekdays = "07:00-22:00"
every_day = "off"
weekend = "09:00-17:00"
)");
  const auto& slide = config.playlist[0].when;
  for (int d = 0; d < 4; ++d) CHECK(slide.day(d) == std::vector<OnTime>{{480, 960}});
  CHECK(slide.day(4) == std::vector<OnTime>{{480, 720}});
  CHECK(slide.day(5) == std::vector<OnTime>{{600, 840}});
  CHECK(slide.day(6) == kOff);
  const auto& power = config.power_schedule;
  for (int d = 0; d < 4; ++d) CHECK(power.day(d) == std::vector<OnTime>{{420, 1320}});
  CHECK(power.day(4) == std::vector<OnTime>{{420, 1080}});
  CHECK(power.day(5) == std::vector<OnTime>{{540, 1020}});
  CHECK(power.day(6) == std::vector<OnTime>{{540, 1020}});
  // every_day alone still sets all seven days.
  const Config every = parsed("[[slides.show]]\nkind = \"status\"\nevery_day = \"on\"\nweekend = \"off\"\n");
  for (int d = 0; d < 5; ++d) CHECK(every.playlist[0].when.day(d) == kAllDay);
  CHECK(every.playlist[0].when.day(5) == kOff);
}

TEST_CASE("a bad day of a slide names the entry's key and line", "[config][playlist][schedule]") {
  CHECK(error_of("[[slides.show]]\nkind = \"status\"\n[[slides.show]]\nkind = \"map\"\nweekdays = \"8-16\"\n") ==
        "kiosk.toml:5:1: 'slides.show[1].weekdays': \"8\" is not a time of day written HH:MM");
  CHECK(error_of("[[slides.show]]\nkind = \"map\"\nmonday = \"16:00-08:00\"\n") ==
        "kiosk.toml:3:1: 'slides.show[0].monday': \"16:00-08:00\" ends before it starts; a time crossing midnight is "
        "written as two days' ranges, e.g. \"16:00-24:00\" and, the next day, \"00:00-08:00\"");
  // Only the bad day is named, though what was read of the week is off all week.
  CHECK(error_of("[[slides.show]]\nkind = \"map\"\nevery_day = \"off\"\nweekdays = \"8-16\"\n") ==
        "kiosk.toml:4:1: 'slides.show[0].weekdays': \"8\" is not a time of day written HH:MM");
  CHECK(error_of("[[slides.show]]\nkind = \"map\"\nweekend = 1\n") ==
        "kiosk.toml:3:1: 'slides.show[0].weekend' must be a string, not an integer");
  CHECK(error_of("[power]\nweekend = \"on, off\"\n") ==
        "kiosk.toml:2:1: 'power.weekend': \"on\" is not a time range written HH:MM-HH:MM, nor \"on\" or \"off\"");
  CHECK(error_of("[[slides.show]]\nkind = \"map\"\nweekday = \"on\"\n") ==
        "kiosk.toml:3:1: unknown key 'slides.show[0].weekday'; a slide has kind, seconds and the days every_day, "
        "weekdays, weekend, monday ... sunday");
}

TEST_CASE("a slide that is off all week is refused with its line, a moment with no slide on is not",
          "[config][playlist][schedule]") {
  CHECK(error_of("[[slides.show]]\nkind = \"status\"\n\n[[slides.show]]\nkind = \"map\"\nevery_day = \"off\"\n") ==
        "kiosk.toml:4:1: 'slides.show[1]' (kind = \"map\") is off all week, so it would never show; give it a day "
        "with an on-time, or remove it");
  CHECK(error_of("[[slides.show]]\nkind = \"map\"\nweekdays = \"off\"\nweekend = \"off\"\n") ==
        "kiosk.toml:1:1: 'slides.show[0]' (kind = \"map\") is off all week, so it would never show; give it a day "
        "with an on-time, or remove it");
  // Each slide on at some time, none at night or on Sunday: allowed (the display shows the first).
  const Config gaps = parsed(R"([[slides.show]]
kind = "status"
every_day = "08:00-12:00"
sunday = "off"
[[slides.show]]
kind = "map"
every_day = "off"
weekdays = "13:00-16:00"
)");
  CHECK(gaps.playlist.size() == 2);
}

TEST_CASE("slides.notice_seconds is how long the urgent notice stays, 3 to 600 s", "[config][schedule]") {
  CHECK(parsed("").notice_seconds == std::chrono::seconds(10));
  CHECK(parsed("[slides]\nnotice_seconds = 3\n").notice_seconds == std::chrono::seconds(3));
  CHECK(parsed("[slides]\nnotice_seconds = 600\n").notice_seconds == std::chrono::seconds(600));
  CHECK(error_of("[slides]\nnotice_seconds = 2\n") == "kiosk.toml:2:1: 'slides.notice_seconds' must be from 3 to 600, not 2");
  CHECK(error_of("[slides]\nnotice_seconds = 601\n") ==
        "kiosk.toml:2:1: 'slides.notice_seconds' must be from 3 to 600, not 601");
}
