// Danish time words -> a day and a time of day -> source::to_unix, which knows the clocks' changes.
#include "publish/when.h"

#include <array>
#include <cstdio>
#include <ctime>
#include <optional>
#include <tuple>
#include <vector>

#include "source/local_time.h"

namespace kiosk::publish {
namespace {

using source::LocalTime;

constexpr std::array<std::string_view, 7> kWeekdays = {"søndag", "mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag"};
constexpr std::array<std::string_view, 12> kMonths = {"januar", "februar", "marts",     "april",   "maj",      "juni",
                                                      "juli",   "august",  "september", "oktober", "november", "december"};

constexpr const char* kForms =
    "Write for example: nu, om 2 timer, om 30 minutter, om 3 dage, i dag 15:00, i dag kl. 15, i morgen kl. 9.30, "
    "i overmorgen 12, torsdag 19:00, 1. december 15:00, 1/12 15:00, 1/12-2026 15:00, 2026-12-01 15:00, or a day alone "
    "(i morgen, torsdag, 2026-12-01: its start for --from, its end for --until)";

// A-Z and Æ Ø Å (UTF-8) in small letters; runs of spaces as one; no spaces at either end.
std::string normalized(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '\t' || c == '\n' || c == '\r') c = ' ';
    if (c == ' ' && (out.empty() || out.back() == ' ')) continue;
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    out += c;
    // Æ C3 86, Ø C3 98, Å C3 85 -> æ C3 A6, ø C3 B8, å C3 A5
    if (c == '\xC3' && i + 1 < text.size()) {
      const unsigned char next = static_cast<unsigned char>(text[++i]);
      out += static_cast<char>(next == 0x86 || next == 0x98 || next == 0x85 ? next + 0x20 : next);
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

std::vector<std::string> words_of(const std::string& text) {
  std::vector<std::string> words;
  std::size_t from = 0;
  while (from < text.size()) {
    std::size_t to = text.find(' ', from);
    if (to == std::string::npos) to = text.size();
    std::string word = text.substr(from, to - from);
    if (word.size() > 1 && word.back() == ',') word.pop_back();
    // "2026-12-01t15:00" (the ISO T, made small) and "kl.15": two words.
    if (word.size() > 10 && word[10] == 't' && word[4] == '-') {
      words.push_back(word.substr(0, 10));
      words.push_back(word.substr(11));
    } else if (word.size() > 3 && word.rfind("kl.", 0) == 0) {
      words.push_back("kl.");
      words.push_back(word.substr(3));
    } else {
      words.push_back(word);
    }
    from = to + 1;
  }
  return words;
}

std::optional<int> whole(std::string_view s, std::size_t max_digits) {
  if (s.empty() || s.size() > max_digits) return std::nullopt;
  int n = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    n = n * 10 + (c - '0');
  }
  return n;
}

// "15", "15:00", "15.00", "9.30" -> hours and minutes; 24:00 the end of the day.
std::optional<std::pair<int, int>> time_of_day(std::string_view word) {
  const auto sep = word.find_first_of(":.");
  const auto hour = whole(word.substr(0, sep), 2);
  const auto minute = sep == std::string_view::npos ? std::optional<int>(0) : word.size() - sep == 3 ? whole(word.substr(sep + 1), 2) : std::nullopt;
  if (!hour || !minute || *hour > 24 || *minute > 59 || (*hour == 24 && *minute != 0)) return std::nullopt;
  return std::pair{*hour, *minute};
}

// The day `days` after `day`, by the calendar.
LocalTime plus_days(LocalTime day, int days) {
  std::tm tm{};
  tm.tm_year = day.year - 1900;
  tm.tm_mon = day.month - 1;
  tm.tm_mday = day.day + days;
  tm.tm_hour = 12;
  const std::time_t t = timegm(&tm);
  gmtime_r(&t, &tm);
  return {tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, day.hour, day.minute};
}

int weekday_of(const LocalTime& day) {
  std::tm tm{};
  tm.tm_year = day.year - 1900;
  tm.tm_mon = day.month - 1;
  tm.tm_mday = day.day;
  tm.tm_hour = 12;
  const std::time_t t = timegm(&tm);
  gmtime_r(&t, &tm);
  return tm.tm_wday;
}

std::optional<int> month_named(std::string word) {
  if (!word.empty() && word.back() == '.') word.pop_back();
  for (std::size_t m = 0; m < kMonths.size(); ++m) {
    // The whole name, or its first three letters and more ("dec", "sept").
    if (word.size() >= 3 && kMonths[m].rfind(word, 0) == 0) return static_cast<int>(m) + 1;
  }
  return std::nullopt;
}

Error not_understood(std::string_view text, const std::string& what) {
  return make_error("\"" + std::string(text) + "\": " + what + ". " + kForms);
}

// What the words say, before it is a moment: a day, and the time of day if one was written.
struct Reading {
  LocalTime day;
  std::optional<std::pair<int, int>> time;
  bool weekday = false;  // a weekday: a week on when today's is past
  bool no_year = false;  // a day and month: next year when this year's is past
};

// The day the first words name, consuming them; nullopt (and `why`) when they name none.
std::optional<Reading> read_day(const std::vector<std::string>& w, std::size_t& at, const LocalTime& today, std::string& why) {
  Reading r;
  r.day = today;
  if (at < w.size() && w[at] == "den") ++at;  // "den 1. december"
  if (at >= w.size()) return std::nullopt;
  const std::string& first = w[at];
  const std::string second = at + 1 < w.size() ? w[at + 1] : "";
  static constexpr std::pair<std::string_view, int> kRelative[] = {{"dag", 0}, {"morgen", 1}, {"overmorgen", 2}};
  for (const auto& [word, days] : kRelative) {
    if ((first == "i" && second == word) || first == "i" + std::string(word)) {
      at += first == "i" ? 2 : 1;
      r.day = plus_days(today, days);
      return r;
    }
  }
  for (std::size_t d = 0; d < kWeekdays.size(); ++d) {
    if (first == kWeekdays[d]) {
      ++at;
      r.day = plus_days(today, (static_cast<int>(d) - weekday_of(today) + 7) % 7);
      r.weekday = true;
      return r;
    }
  }
  // 2026-12-01
  if (first.size() == 10 && first[4] == '-' && first[7] == '-') {
    const auto y = whole(first.substr(0, 4), 4), m = whole(first.substr(5, 2), 2), d = whole(first.substr(8, 2), 2);
    if (y && m && d) {
      ++at;
      r.day = {*y, *m, *d, 0, 0};
      return r;
    }
  }
  // 1/12, 1/12-2026, 1/12/2026
  if (const auto slash = first.find('/'); slash != std::string::npos) {
    const auto year_at = first.find_first_of("-/", slash + 1);
    const auto d = whole(first.substr(0, slash), 2);
    const auto m = whole(first.substr(slash + 1, year_at == std::string::npos ? std::string::npos : year_at - slash - 1), 2);
    const auto y = year_at == std::string::npos ? std::optional<int>(today.year) : whole(first.substr(year_at + 1), 4);
    if (!d || !m || !y || (year_at != std::string::npos && first.size() - year_at != 5)) {
      why = "\"" + first + "\" is not a day written 1/12 or 1/12-2026";
      return std::nullopt;
    }
    ++at;
    r.day = {*y, *m, *d, 0, 0};
    r.no_year = year_at == std::string::npos;
    return r;
  }
  // 1. december [2026]
  std::string number = first;
  if (!number.empty() && number.back() == '.') number.pop_back();
  if (const auto d = whole(number, 2); d && !second.empty()) {
    if (const auto m = month_named(second)) {
      at += 2;
      r.day = {today.year, *m, *d, 0, 0};
      r.no_year = true;
      if (at < w.size() && w[at].size() == 4) {
        if (const auto y = whole(w[at], 4)) {
          r.day.year = *y;
          r.no_year = false;
          ++at;
        }
      }
      return r;
    }
    why = "\"" + second + "\" is not a month";
    return std::nullopt;
  }
  why = "\"" + first + "\" is not understood as a day";
  return std::nullopt;
}

// "om 2 timer": a span from now.
Result<When> read_span(std::string_view text, const std::vector<std::string>& w, std::int64_t now) {
  const auto n = w.size() == 3 ? whole(w[1], 4) : std::nullopt;
  if (!n) return not_understood(text, "write om, a number and minutter, timer or dage");
  const std::string& unit = w[2];
  const std::int64_t minute_now = now - now % 60;
  if (unit == "minut" || unit == "minutter" || unit == "min" || unit == "min.") return When{minute_now + *n * 60LL, false};
  if (unit == "time" || unit == "timer") return When{minute_now + *n * 3600LL, false};
  if (unit == "dag" || unit == "dage" || unit == "døgn") {
    if (*n > 3660) return not_understood(text, "that is more than ten years ahead");
    bool twice = false;
    auto t = source::to_unix(plus_days(source::to_local(now), *n), &twice);
    if (!t) return not_understood(text, t.error().message);
    return When{*t, twice};
  }
  return not_understood(text, "\"" + unit + "\" is not minutter, timer or dage");
}

}  // namespace

Result<When> read_when(std::string_view text, std::int64_t now_unix, WhenFor use) {
  const std::string plain = normalized(text);
  if (plain.empty()) return not_understood(text, "no time was given");
  const std::vector<std::string> w = words_of(plain);
  if (plain == "nu") return When{now_unix - now_unix % 60, false};
  if (w.front() == "om") return read_span(text, w, now_unix);
  const LocalTime now = source::to_local(now_unix);
  const LocalTime today{now.year, now.month, now.day, 0, 0};
  std::size_t at = 0;
  std::string why;
  auto reading = read_day(w, at, today, why);
  if (!reading) return not_understood(text, why);
  if (at < w.size() && (w[at] == "kl." || w[at] == "kl")) {
    if (++at == w.size()) return not_understood(text, "\"kl.\" needs a time after it, e.g. kl. 15 or kl. 15:30");
  }
  if (at < w.size()) {
    reading->time = time_of_day(w[at]);
    if (!reading->time) return not_understood(text, "\"" + w[at] + "\" is not a time of day such as 15, 15:00 or 9.30");
    ++at;
  }
  if (at < w.size()) return not_understood(text, "\"" + w[at] + "\" after the time is not understood");

  const auto moment = [&](const LocalTime& day) -> Result<When> {
    LocalTime t = day;
    t.hour = reading->time ? reading->time->first : use == WhenFor::kUntil ? 24 : 0;
    t.minute = reading->time ? reading->time->second : 0;
    bool twice = false;
    auto unix = source::to_unix(t, &twice);
    if (!unix) return not_understood(text, unix.error().message);
    return When{*unix, twice};
  };
  auto when = moment(reading->day);
  if (!when) return when;
  if (reading->weekday && when->unix <= now_unix) return moment(plus_days(reading->day, 7));
  if (reading->no_year && std::tie(reading->day.month, reading->day.day) < std::tie(today.month, today.day)) {
    LocalTime next = reading->day;
    ++next.year;
    return moment(next);
  }
  return when;
}

Result<std::int64_t> parse_when(std::string_view text, std::int64_t now_unix, WhenFor use) {
  auto when = read_when(text, now_unix, use);
  if (!when) return when.error();
  return when->unix;
}

std::string describe_when(std::int64_t unix) {
  int offset = 0;
  const LocalTime t = source::to_local(unix, &offset);
  char time[8];
  std::snprintf(time, sizeof time, "%02d:%02d", t.hour, t.minute);
  return std::string(kWeekdays[weekday_of(t)]) + " " + std::to_string(t.day) + ". " + std::string(kMonths[t.month - 1]) + " " +
         std::to_string(t.year) + " kl. " + time + " (UTC" + source::format_offset(offset) + ")";
}

}  // namespace kiosk::publish
