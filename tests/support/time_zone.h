// A fixed time zone for a test: the display shows local time, so tests that read it set the zone.
#pragma once

#include <catch2/catch.hpp>
#include <cstdint>
#include <cstdlib>
#include <ctime>
#include <optional>
#include <string>

#include "feed/feed_json.h"

namespace kiosk::testing {

// The unix time of a UTC timestamp as the feed writes it ("2026-12-14T17:47:15Z").
inline std::int64_t unix_at(const char* utc) {
  auto t = feed::parse_timestamp(utc);
  REQUIRE(t.ok());
  return *t;
}

// Sets TZ (e.g. "Europe/Copenhagen") for the life of the object and puts the old value back.
class TimeZone {
 public:
  explicit TimeZone(const char* tz) {
    if (const char* old = std::getenv("TZ")) old_ = old;
    setenv("TZ", tz, 1);
    tzset();
  }
  ~TimeZone() {
    if (old_) {
      setenv("TZ", old_->c_str(), 1);
    } else {
      unsetenv("TZ");
    }
    tzset();
  }
  TimeZone(const TimeZone&) = delete;
  TimeZone& operator=(const TimeZone&) = delete;

 private:
  std::optional<std::string> old_;
};

}  // namespace kiosk::testing
