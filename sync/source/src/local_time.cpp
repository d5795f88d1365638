#include "source/local_time.h"

#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <vector>

namespace kiosk::source {
namespace {

std::int64_t as_if_utc(const LocalTime& t) {
  std::tm tm{};
  tm.tm_year = t.year - 1900;
  tm.tm_mon = t.month - 1;
  tm.tm_mday = t.day;
  tm.tm_hour = t.hour;
  tm.tm_min = t.minute;
  return static_cast<std::int64_t>(timegm(&tm));
}

// `t` with 24:00 written as the next day's 00:00: as the wall clock shows it.
LocalTime normalized(const LocalTime& t) {
  const std::time_t n = static_cast<std::time_t>(as_if_utc(t));
  std::tm tm{};
  gmtime_r(&n, &tm);
  return {tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min};
}

int offset_at(std::int64_t unix) {
  int offset = 0;
  to_local(unix, &offset);
  return offset;
}

bool digits(std::string_view s) {
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return !s.empty();
}

int number(std::string_view s) { return std::atoi(std::string(s).c_str()); }

}  // namespace

ZoneScope::ZoneScope(const std::string& zone) {
  if (const char* old = std::getenv("TZ")) old_ = old;
  setenv("TZ", zone.c_str(), 1);
  tzset();
}

ZoneScope::~ZoneScope() {
  if (old_) {
    setenv("TZ", old_->c_str(), 1);
  } else {
    unsetenv("TZ");
  }
  tzset();
}

bool is_known_time_zone(const std::string& zone) {
  if (zone.empty() || zone.find("..") != std::string::npos || zone.front() == '/') return false;
  std::error_code ec;
  return std::filesystem::is_regular_file(std::filesystem::path("/usr/share/zoneinfo") / zone, ec);
}

bool is_real_day(int year, int month, int day) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12 || day < 1) return false;
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return day <= kDays[month - 1] + (month == 2 && leap ? 1 : 0);
}

LocalTime to_local(std::int64_t unix, int* utc_offset_seconds) {
  const std::time_t t = static_cast<std::time_t>(unix);
  std::tm tm{};
  localtime_r(&t, &tm);
  if (utc_offset_seconds) *utc_offset_seconds = static_cast<int>(tm.tm_gmtoff);
  return {tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min};
}

Result<std::int64_t> to_unix(const LocalTime& t, bool* twice) {
  if (!is_real_day(t.year, t.month, t.day)) {
    char text[48];
    std::snprintf(text, sizeof text, "%04d-%02d-%02d", t.year, t.month, t.day);
    return make_error(std::string(text) + " is not a day of the calendar");
  }
  if (t.hour < 0 || t.hour > 24 || t.minute < 0 || t.minute > 59 || (t.hour == 24 && t.minute != 0)) {
    return make_error("the time of day must be from 00:00 to 24:00");
  }
  const std::int64_t naive = as_if_utc(t);
  const LocalTime wanted = normalized(t);
  // The offsets half a day either side span any one change of the clocks.
  std::vector<std::int64_t> found;
  for (const int offset : {offset_at(naive - 43200), offset_at(naive + 43200)}) {
    const std::int64_t candidate = naive - offset;
    if (to_local(candidate) == wanted && (found.empty() || found.front() != candidate)) found.push_back(candidate);
  }
  if (found.empty()) {
    char text[48];
    std::snprintf(text, sizeof text, "%04d-%02d-%02d %02d:%02d", t.year, t.month, t.day, t.hour, t.minute);
    return make_error(std::string(text) + " does not exist: the clocks skip that hour for summer time; write a time an hour later");
  }
  if (found.size() == 2 && found[1] < found[0]) std::swap(found[0], found[1]);
  if (twice) *twice = found.size() == 2;
  return found.front();
}

std::string format_offset(int utc_offset_seconds) {
  const int minutes = std::abs(utc_offset_seconds) / 60;
  char text[16];
  std::snprintf(text, sizeof text, "%c%02d:%02d", utc_offset_seconds < 0 ? '-' : '+', minutes / 60, minutes % 60);
  return text;
}

std::string format_local(std::int64_t unix) {
  int offset = 0;
  const LocalTime t = to_local(unix, &offset);
  char text[48];
  std::snprintf(text, sizeof text, "%04d-%02d-%02d %02d:%02d", t.year, t.month, t.day, t.hour, t.minute);
  bool twice = false;
  (void)to_unix(t, &twice);
  return twice ? std::string(text) + " " + format_offset(offset) : std::string(text);
}

Result<std::int64_t> parse_local(std::string_view text, DateAlone alone) {
  const auto form = [] { return make_error("is not a time written YYYY-MM-DD HH:MM (e.g. 2026-12-01 15:00) or a date YYYY-MM-DD"); };
  if (text.size() < 10 || !digits(text.substr(0, 4)) || text[4] != '-' || !digits(text.substr(5, 2)) || text[7] != '-' ||
      !digits(text.substr(8, 2))) {
    return form();
  }
  LocalTime t{number(text.substr(0, 4)), number(text.substr(5, 2)), number(text.substr(8, 2)), 0, 0};
  std::string_view rest = text.substr(10);
  std::optional<int> offset;
  if (rest.empty()) {
    if (alone == DateAlone::kEndOfDay) t.hour = 24;
  } else {
    if (rest.size() < 6 || (rest[0] != ' ' && rest[0] != 'T') || !digits(rest.substr(1, 2)) || rest[3] != ':' ||
        !digits(rest.substr(4, 2))) {
      return form();
    }
    t.hour = number(rest.substr(1, 2));
    t.minute = number(rest.substr(4, 2));
    rest.remove_prefix(6);
    if (!rest.empty()) {
      if (rest.size() != 7 || rest[0] != ' ' || (rest[1] != '+' && rest[1] != '-') || !digits(rest.substr(2, 2)) || rest[4] != ':' ||
          !digits(rest.substr(5, 2))) {
        return form();
      }
      offset = (rest[1] == '-' ? -1 : 1) * (number(rest.substr(2, 2)) * 3600 + number(rest.substr(5, 2)) * 60);
    }
  }
  auto unix = to_unix(t);
  if (!unix || !offset) return unix;
  // The offset picks one of the two times of a repeated hour; it must be one the zone has then.
  const std::int64_t picked = as_if_utc(t) - *offset;
  if (!(to_local(picked) == normalized(t))) return make_error("has the offset " + std::string(text.substr(text.size() - 6)) + ", which the time zone does not have then");
  return picked;
}

}  // namespace kiosk::source
