// Local wall-clock time as staff write it ("2026-12-01 15:00") <-> unix seconds, by the C library's
// local time zone (TZ, else /etc/localtime). GCC 12 has no C++20 chrono zones, so this is mktime's
// and localtime_r's work, with the two daylight-saving days made explicit: a time the spring change
// skips (2026-03-29 02:30 in Europe/Copenhagen) does not exist and is refused; one the autumn change
// repeats (2026-10-25 02:30) is taken the first time, and the caller is told it was ambiguous.
//
// All times are whole minutes: staff never write seconds.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "platform/result.h"

namespace kiosk::source {

inline constexpr const char* kDefaultTimeZone = "Europe/Copenhagen";

// A date and a time of day on the wall clock, no zone. `hour` 24 with `minute` 0 is the end of the day.
struct LocalTime {
  int year = 0;
  int month = 1;  // 1-12
  int day = 1;    // 1-31
  int hour = 0;   // 0-24
  int minute = 0;
  friend bool operator==(const LocalTime&, const LocalTime&) = default;
};

// Sets the process's time zone (TZ) for the life of the object and puts the old one back. The C
// library's local time is process-wide: hold it only around a conversion, on one thread.
class ZoneScope {
 public:
  explicit ZoneScope(const std::string& zone);
  ~ZoneScope();
  ZoneScope(const ZoneScope&) = delete;
  ZoneScope& operator=(const ZoneScope&) = delete;

 private:
  std::optional<std::string> old_;
};

// Whether `zone` ("Europe/Copenhagen") names a zone of the system's tz database. glibc takes an
// unknown TZ as UTC without a word, so a misspelt zone must be caught before it is used.
bool is_known_time_zone(const std::string& zone);

// Whether y-m-d is a day of the calendar (2026-02-29 is not).
bool is_real_day(int year, int month, int day);

// The unix time of `t` in the local zone. Refused, in words, when the day is not real or the time
// does not exist (the hour the clocks skip). `twice`, when given, is set when the time exists
// twice (the hour the clocks repeat); the first is returned.
Result<std::int64_t> to_unix(const LocalTime& t, bool* twice = nullptr);

// `unix` on the local wall clock, and its offset from UTC in seconds (3600 for UTC+01:00).
LocalTime to_local(std::int64_t unix, int* utc_offset_seconds = nullptr);

// "2026-12-01 15:00", and for a time the clocks repeat the offset too, "2026-10-25 02:30 +02:00",
// so that it reads back as the same moment.
std::string format_local(std::int64_t unix);

// "+01:00"
std::string format_offset(int utc_offset_seconds);

// How a date written alone ("2026-12-01") is read: its first minute, or the end of the day (24:00).
enum class DateAlone { kStartOfDay, kEndOfDay };

// "2026-12-01 15:00", "2026-12-01T15:00", "2026-12-01" (by `alone`), optionally followed by the
// offset " +02:00" that picks one of a repeated hour's two times. The error says what is wrong with
// the text, starting after it: "is not a time written YYYY-MM-DD HH:MM".
Result<std::int64_t> parse_local(std::string_view text, DateAlone alone);

}  // namespace kiosk::source
