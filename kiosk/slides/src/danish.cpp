#include "slides/danish.h"

#include <array>
#include <cmath>
#include <cstdio>
#include <ctime>

namespace kiosk::slides {
namespace {

constexpr std::array<const char*, 12> kMonths = {"januar", "februar", "marts",     "april",   "maj",      "juni",
                                                 "juli",   "august",  "september", "oktober", "november", "december"};

std::tm local_tm(std::time_t t) {
  std::tm tm{};
  localtime_r(&t, &tm);
  return tm;
}

}  // namespace

std::string danish_date(const model::PartialDate& d) {
  if (d.month < 1 || d.month > 12) return std::to_string(d.year);
  const std::string month_year = std::string(kMonths[static_cast<std::size_t>(d.month - 1)]) + " " + std::to_string(d.year);
  return d.day == 0 ? month_year : std::to_string(d.day) + ". " + month_year;
}

std::string danish_number(long long n) {
  const bool negative = n < 0;
  std::string digits = std::to_string(negative ? -n : n);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += '.';
    out += digits[i];
  }
  return negative ? "-" + out : out;
}

std::string category_name(model::Category category, int year) {
  const bool old_names = year < 2021;
  switch (category) {
    case model::Category::kNone: return "Ikke på listen";
    case model::Category::kUdsat: return "Udsat boligområde";
    case model::Category::kParallelsamfund: return old_names ? "Ghettoområde" : "Parallelsamfund";
    case model::Category::kOmdannelse: return old_names ? "Hårdt ghettoområde" : "Omdannelsesområde";
    case model::Category::kForebyggelse: return "Forebyggelsesområde";
    case model::Category::kNotParallelsamfund: return old_names ? "Ikke ghettoområde" : "Ikke parallelsamfund";
    case model::Category::kUnknown: return "Ikke oplyst";
  }
  return "";
}

std::string category_plural(model::Category category, int year) {
  const bool old_names = year < 2021;
  switch (category) {
    case model::Category::kNone: return "områder uden for listerne";
    case model::Category::kUdsat: return "udsatte boligområder";
    case model::Category::kParallelsamfund: return old_names ? "ghettoområder" : "parallelsamfund";
    case model::Category::kOmdannelse: return old_names ? "hårde ghettoområder" : "omdannelsesområder";
    case model::Category::kForebyggelse: return "forebyggelsesområder";
    case model::Category::kNotParallelsamfund: return old_names ? "områder uden for ghettolisten" : "områder uden for parallelsamfundslisten";
    case model::Category::kUnknown: return "områder uden oplysning";
  }
  return "";
}

std::string danish_decimal(double value) {
  const double rounded = std::round(value * 10) / 10;
  if (std::fabs(rounded - std::round(rounded)) < 1e-9) return danish_number(std::llround(rounded));
  const long long tenths = std::llround(std::fabs(rounded) * 10);
  return std::string(rounded < 0 ? "-" : "") + danish_number(tenths / 10) + "," + std::to_string(tenths % 10);
}

std::string clock_text(WallTime t) {
  const std::tm tm = local_tm(std::chrono::system_clock::to_time_t(t));
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02d:%02d", tm.tm_hour, tm.tm_min);
  return buf;
}

std::string danish_day(std::int64_t unix_seconds) {
  const std::tm tm = local_tm(static_cast<std::time_t>(unix_seconds));
  return danish_date({tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday});
}

std::string danish_moment(std::int64_t unix_seconds) {
  const std::tm tm = local_tm(static_cast<std::time_t>(unix_seconds));
  char time[16];
  std::snprintf(time, sizeof time, " kl. %02d.%02d", tm.tm_hour, tm.tm_min);
  return danish_date({tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday}) + time;
}

model::PartialDate local_date(WallTime t) {
  const std::tm tm = local_tm(std::chrono::system_clock::to_time_t(t));
  return {tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday};
}

}  // namespace kiosk::slides
