#include <charconv>
#include <cstdio>
#include <ctime>
#include <string>

#include "feed/feed_json.h"
#include "model/validate.h"

namespace kiosk::feed {

// Feeds carry times past 2038 (the default content expires in 2100), which gmtime_r takes only with
// a 64-bit time_t: on 32-bit systems the build asks for one (_TIME_BITS=64, CMakeLists.txt).
static_assert(sizeof(std::time_t) == 8, "time_t must have 64 bits: build with _TIME_BITS=64");

namespace {

bool field(std::string_view s, std::size_t pos, std::size_t len, int& out) {
  for (std::size_t i = pos; i < pos + len; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
  }
  return std::from_chars(s.data() + pos, s.data() + pos + len, out).ec == std::errc{};
}

// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil).
std::int64_t days_from_civil(int y, int m, int d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * static_cast<unsigned>(m + (m > 2 ? -3 : 9)) + 2) / 5 + static_cast<unsigned>(d) - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

}  // namespace

Result<std::int64_t> parse_timestamp(std::string_view s) {
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, sec = 0;
  const bool shape = s.size() == 20 && s[4] == '-' && s[7] == '-' && s[10] == 'T' && s[13] == ':' &&
                     s[16] == ':' && s[19] == 'Z';
  if (!shape || !field(s, 0, 4, y) || !field(s, 5, 2, mo) || !field(s, 8, 2, d) || !field(s, 11, 2, h) ||
      !field(s, 14, 2, mi) || !field(s, 17, 2, sec)) {
    return make_error("'" + std::string(s.substr(0, 40)) + "' is not a UTC time of the form 2026-11-27T00:00:00Z");
  }
  if (mo < 1 || mo > 12 || d < 1 || d > model::days_in_month(y, mo) || h > 23 || mi > 59 || sec > 59) {
    return make_error("'" + std::string(s) + "' is not a real time");
  }
  return days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + sec;
}

std::string format_timestamp(std::int64_t unix_seconds) {
  const std::time_t t = static_cast<std::time_t>(unix_seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

}  // namespace kiosk::feed
