#include "power/schedule.h"

#include <algorithm>
#include <ctime>

namespace kiosk::power {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// "HH:MM" with 00 <= HH <= 24, 00 <= MM <= 59, and 24 only as 24:00; minutes of the day.
Result<int> parse_clock(std::string_view text) {
  const std::string quoted = "\"" + std::string(text) + "\"";
  const bool shape = text.size() == 5 && text[2] == ':' &&
                     std::all_of(text.begin(), text.end(), [](char c) { return c == ':' || (c >= '0' && c <= '9'); });
  if (!shape) return make_error(quoted + " is not a time of day written HH:MM");
  const int hours = (text[0] - '0') * 10 + (text[1] - '0');
  const int minutes = (text[3] - '0') * 10 + (text[4] - '0');
  if (hours > 24 || minutes > 59 || (hours == 24 && minutes != 0)) {
    return make_error(quoted + " is not a time of day from 00:00 to 24:00");
  }
  return hours * 60 + minutes;
}

std::string two_digits(int n) { return std::string(1, static_cast<char>('0' + n / 10)) + static_cast<char>('0' + n % 10); }

std::string clock_text(int minute) { return two_digits(minute / 60) + ":" + two_digits(minute % 60); }

using Seconds = std::chrono::time_point<std::chrono::system_clock, std::chrono::seconds>;

// A wall time on the local clock, with the seconds local_time leaves out and the UTC offset.
struct LocalClock {
  LocalTime at;
  int second = 0;
  long utc_offset = 0;  // seconds east of UTC
};

LocalClock local_clock(Seconds wall) {
  const std::time_t t = static_cast<std::time_t>(wall.time_since_epoch().count());
  std::tm tm{};
  localtime_r(&t, &tm);
  return {{(tm.tm_wday + 6) % 7, tm.tm_hour * 60 + tm.tm_min}, tm.tm_sec, tm.tm_gmtoff};
}

// How many minutes after the local minute `t` the week first differs from `was_on`, by the clock
// alone (no change of offset); nothing when it never does. The state can only change at a day's
// start or at an on-time's ends, so only those minutes are tried.
std::optional<int> minutes_to_change(const WeekSchedule& week, LocalTime t, bool was_on) {
  for (int days = 0; days <= 7; ++days) {
    const int weekday = (t.weekday + days) % 7;
    std::vector<int> edges = {0};
    for (const OnTime& o : week.day(weekday)) edges.insert(edges.end(), {o.from, o.to});
    std::sort(edges.begin(), edges.end());
    for (const int minute : edges) {
      const int ahead = days * kMinutesPerDay + minute - t.minute;
      if (ahead <= 0 || minute == kMinutesPerDay) continue;
      if (week.on_at({weekday, minute}) != was_on) return ahead;
    }
  }
  return std::nullopt;
}

// The first second in (`before`, `after`] whose UTC offset is not `offset`, which `after`'s is not.
Seconds offset_change(Seconds before, Seconds after, long offset) {
  while (after - before > std::chrono::seconds(1)) {
    const Seconds middle = before + (after - before) / 2;
    if (local_clock(middle).utc_offset == offset) {
      before = middle;
    } else {
      after = middle;
    }
  }
  return after;
}

}  // namespace

WeekSchedule::WeekSchedule() {
  for (auto& day : days_) day = {OnTime{}};
}

void WeekSchedule::set_day(int weekday, std::vector<OnTime> times) { days_.at(static_cast<std::size_t>(weekday)) = std::move(times); }

bool WeekSchedule::on_at(LocalTime t) const {
  const auto& times = day(t.weekday);
  return std::any_of(times.begin(), times.end(), [&](const OnTime& o) { return t.minute >= o.from && t.minute < o.to; });
}

bool WeekSchedule::always_on() const {
  return std::all_of(days_.begin(), days_.end(), [](const std::vector<OnTime>& d) { return d == std::vector<OnTime>{OnTime{}}; });
}

bool WeekSchedule::always_off() const {
  return std::all_of(days_.begin(), days_.end(), [](const std::vector<OnTime>& d) { return d.empty(); });
}

std::optional<LocalTime> WeekSchedule::next_start(LocalTime t) const {
  for (int ahead = 0; ahead <= 7; ++ahead) {
    const int weekday = (t.weekday + ahead) % 7;
    for (const auto& o : day(weekday)) {
      // A range that starts at midnight continues the day before when that one ends at 24:00.
      const int previous = (weekday + 6) % 7;
      const bool continued = o.from == 0 && !day(previous).empty() && day(previous).back().to == kMinutesPerDay;
      if (continued) continue;
      if (ahead == 0 && o.from <= t.minute) continue;
      if (ahead == 7 && o.from > t.minute) continue;
      return LocalTime{weekday, o.from};
    }
  }
  return std::nullopt;
}

Result<std::vector<OnTime>> parse_day(std::string_view text) {
  const std::string_view whole = trim(text);
  if (whole == "on") return std::vector<OnTime>{OnTime{}};
  if (whole == "off") return std::vector<OnTime>{};
  if (whole.empty()) return make_error("is empty; write \"off\" for a day the screen stays off");
  std::vector<OnTime> times;
  std::string_view rest = whole;
  while (true) {
    const auto comma = rest.find(',');
    const std::string_view range = trim(rest.substr(0, comma));
    const auto dash = range.find('-');
    if (dash == std::string_view::npos) {
      return make_error("\"" + std::string(range) + "\" is not a time range written HH:MM-HH:MM, nor \"on\" or \"off\"");
    }
    auto from = parse_clock(trim(range.substr(0, dash)));
    if (!from) return from.error();
    auto to = parse_clock(trim(range.substr(dash + 1)));
    if (!to) return to.error();
    if (*to <= *from) {
      return make_error("\"" + std::string(range) + "\" ends before it starts; a time crossing midnight is written as " +
                        "two days' ranges, e.g. \"" + clock_text(*from) + "-24:00\" and, the next day, \"00:00-" +
                        clock_text(*to) + "\"");
    }
    times.push_back({*from, *to});
    if (comma == std::string_view::npos) break;
    rest = rest.substr(comma + 1);
  }
  std::sort(times.begin(), times.end(), [](const OnTime& a, const OnTime& b) { return a.from < b.from; });
  for (std::size_t i = 1; i < times.size(); ++i) {
    if (times[i].from < times[i - 1].to) {
      return make_error("the ranges " + clock_text(times[i - 1].from) + "-" + clock_text(times[i - 1].to) + " and " +
                        clock_text(times[i].from) + "-" + clock_text(times[i].to) + " overlap");
    }
  }
  return times;
}

std::string format_day(const std::vector<OnTime>& times) {
  if (times.empty()) return "off";
  if (times == std::vector<OnTime>{OnTime{}}) return "on";
  std::string out;
  for (const auto& t : times) {
    if (!out.empty()) out += ", ";
    out += clock_text(t.from) + "-" + clock_text(t.to);
  }
  return out;
}

std::string describe(LocalTime t) {
  return std::string(kWeekdays.at(static_cast<std::size_t>(t.weekday))) + " " + clock_text(t.minute);
}

LocalTime local_time(WallTime wall) { return local_clock(std::chrono::floor<std::chrono::seconds>(wall)).at; }

std::optional<WallTime> next_switch(const WeekSchedule& week, WallTime now) {
  using std::chrono::seconds;
  Seconds from = std::chrono::floor<seconds>(now);
  LocalClock local = local_clock(from);
  const bool was_on = week.on_at(local.at);
  // Each turn either finds the switch under the UTC offset in force at `from`, or moves `from` to
  // the moment the offset changes: one more turn per change of offset before the switch.
  while (true) {
    const auto ahead = minutes_to_change(week, local.at, was_on);
    if (!ahead) return std::nullopt;
    const Seconds candidate = from + seconds(*ahead * 60 - local.second);
    if (local_clock(candidate).utc_offset == local.utc_offset) return candidate;
    from = offset_change(from, candidate, local.utc_offset);
    local = local_clock(from);
    if (week.on_at(local.at) != was_on) return from;
  }
}

}  // namespace kiosk::power
