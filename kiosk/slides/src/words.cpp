#include "slides/words.h"

#include <cstdio>
#include <iterator>
#include <ctime>

namespace kiosk::slides {
namespace {

std::tm local_tm(std::time_t t) {
  std::tm tm{};
  localtime_r(&t, &tm);
  return tm;
}

// The local calendar day of `t` as a count of days, for telling how many days apart two times are.
std::int64_t local_day(std::time_t t) {
  std::tm tm = local_tm(t);
  std::tm noon{};
  noon.tm_year = tm.tm_year;
  noon.tm_mon = tm.tm_mon;
  noon.tm_mday = tm.tm_mday;
  noon.tm_hour = 12;
  return static_cast<std::int64_t>(timegm(&noon)) / 86400;
}

std::string hour_minute(std::int64_t unix_seconds) {
  return clock_text(WallTime{std::chrono::seconds(unix_seconds)});
}

// A category's names, singular and beside a count, as the lists named it from 2021 and before.
struct CategoryWords {
  model::Category category;
  const char* name;
  const char* name_before_2021;
  const char* plural;
  const char* plural_before_2021;
};

using i18n::N_;

// The lists' categories are legal terms; the catalogue's comments point translators to the glossary.
constexpr CategoryWords kCategoryWords[] = {
    {model::Category::kNone, N_("Ikke på listen"), N_("Ikke på listen"), N_("områder uden for listerne"),
     N_("områder uden for listerne")},
    // TRANSLATORS: a legal term of the lists: keep the Danish recognisable (glossary, docs/translating.md).
    {model::Category::kUdsat, N_("Udsat boligområde"), N_("Udsat boligområde"), N_("udsatte boligområder"),
     N_("udsatte boligområder")},
    // TRANSLATORS: a legal term of the lists: keep the Danish recognisable (glossary, docs/translating.md).
    {model::Category::kParallelsamfund, N_("Parallelsamfund"), N_("Ghettoområde"), N_("parallelsamfund"),
     N_("ghettoområder")},
    // TRANSLATORS: a legal term of the lists: keep the Danish recognisable (glossary, docs/translating.md).
    {model::Category::kOmdannelse, N_("Omdannelsesområde"), N_("Hårdt ghettoområde"), N_("omdannelsesområder"),
     N_("hårde ghettoområder")},
    // TRANSLATORS: a legal term of the lists: keep the Danish recognisable (glossary, docs/translating.md).
    {model::Category::kForebyggelse, N_("Forebyggelsesområde"), N_("Forebyggelsesområde"), N_("forebyggelsesområder"),
     N_("forebyggelsesområder")},
    {model::Category::kNotParallelsamfund, N_("Ikke parallelsamfund"), N_("Ikke ghettoområde"),
     N_("områder uden for parallelsamfundslisten"), N_("områder uden for ghettolisten")},
    {model::Category::kUnknown, N_("Ikke oplyst"), N_("Ikke oplyst"), N_("områder uden oplysning"),
     N_("områder uden oplysning")},
};

const CategoryWords& words_of(model::Category category) {
  for (const CategoryWords& words : kCategoryWords) {
    if (words.category == category) return words;
  }
  return kCategoryWords[std::size(kCategoryWords) - 1];  // an unknown value reads as "Ikke oplyst"
}

}  // namespace

std::string month_name(int month, const i18n::Language& lang) {
  switch (month) {
    // TRANSLATORS: a month's name in a date ("14. maj 2019"), written as in the middle of a sentence.
    case 1: return lang.trc("month", "januar");
    case 2: return lang.trc("month", "februar");
    case 3: return lang.trc("month", "marts");
    case 4: return lang.trc("month", "april");
    case 5: return lang.trc("month", "maj");
    case 6: return lang.trc("month", "juni");
    case 7: return lang.trc("month", "juli");
    case 8: return lang.trc("month", "august");
    case 9: return lang.trc("month", "september");
    case 10: return lang.trc("month", "oktober");
    case 11: return lang.trc("month", "november");
    case 12: return lang.trc("month", "december");
  }
  return "";
}

std::string date_text(const model::PartialDate& d, const i18n::Language& lang) {
  const std::string year = std::to_string(d.year);
  if (d.month < 1 || d.month > 12) return year;
  const std::string month = month_name(d.month, lang);
  if (d.day == 0) {
    // TRANSLATORS: a month and its year, "maj 2019"; keep {month} and {year}.
    return i18n::fill(lang.tr("{month} {year}"), {{"month", month}, {"year", year}});
  }
  // TRANSLATORS: a whole date, "14. maj 2019"; English writes "{day} {month} {year}". Keep the three
  // placeholders.
  return i18n::fill(lang.tr("{day}. {month} {year}"), {{"day", std::to_string(d.day)}, {"month", month}, {"year", year}});
}

std::string day_text(std::int64_t unix_seconds, const i18n::Language& lang) {
  const std::tm tm = local_tm(static_cast<std::time_t>(unix_seconds));
  return date_text({tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday}, lang);
}

std::string category_name(model::Category category, int year, const i18n::Language& lang) {
  const CategoryWords& words = words_of(category);
  return lang.tr(year < 2021 ? words.name_before_2021 : words.name);
}

std::string category_plural(model::Category category, int year, const i18n::Language& lang) {
  const CategoryWords& words = words_of(category);
  return lang.tr(year < 2021 ? words.plural_before_2021 : words.plural);
}

std::string kommune_text(const std::string& kommune, const i18n::Language& lang) {
  // TRANSLATORS: a municipality's name and the word for municipality, "Odense Kommune". Kommune is a
  // Danish term residents meet in letters: keep it recognisable (docs/translating.md).
  return i18n::fill(lang.tr("{kommune} Kommune"), {{"kommune", kommune}});
}

std::string list_day(int year, const i18n::Language& lang) { return date_text({year, 12, 1}, lang); }

std::string clock_text(WallTime t) {
  const std::tm tm = local_tm(std::chrono::system_clock::to_time_t(t));
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02d:%02d", tm.tm_hour, tm.tm_min);
  return buf;
}

std::string weekday_name(int weekday, const i18n::Language& lang) {
  switch (weekday) {
    // TRANSLATORS: a day of the week, as a heading over the day's events ("torsdag 17. december 2026").
    case 0: return lang.trc("weekday", "søndag");
    case 1: return lang.trc("weekday", "mandag");
    case 2: return lang.trc("weekday", "tirsdag");
    case 3: return lang.trc("weekday", "onsdag");
    case 4: return lang.trc("weekday", "torsdag");
    case 5: return lang.trc("weekday", "fredag");
    case 6: return lang.trc("weekday", "lørdag");
  }
  return "";
}

int days_from(WallTime now, std::int64_t unix_seconds) {
  return static_cast<int>(local_day(static_cast<std::time_t>(unix_seconds)) - local_day(std::chrono::system_clock::to_time_t(now)));
}

std::string day_heading(std::int64_t unix_seconds, WallTime now, const i18n::Language& lang) {
  const int days = days_from(now, unix_seconds);
  // TRANSLATORS: the heading over today's events on the events slide.
  if (days == 0) return lang.tr("I dag");
  // TRANSLATORS: the heading over tomorrow's events on the events slide.
  if (days == 1) return lang.tr("I morgen");
  const std::tm tm = local_tm(static_cast<std::time_t>(unix_seconds));
  // TRANSLATORS: the heading over a later day's events: a weekday and a date, "torsdag 17. december 2026".
  return i18n::fill(lang.tr("{weekday} {date}"), {{"weekday", weekday_name(tm.tm_wday, lang)}, {"date", day_text(unix_seconds, lang)}});
}

std::string until_text(std::int64_t unix_seconds, WallTime now, const i18n::Language& lang) {
  const std::string time = hour_minute(unix_seconds);
  const int days = days_from(now, unix_seconds);
  // TRANSLATORS: on an urgent notice: it holds until a time today, "til i dag kl. 15:00".
  if (days == 0) return i18n::fill(lang.tr("til i dag kl. {time}"), {{"time", time}});
  // TRANSLATORS: on an urgent notice: it holds until a time tomorrow, "til i morgen kl. 15:00".
  if (days == 1) return i18n::fill(lang.tr("til i morgen kl. {time}"), {{"time", time}});
  // TRANSLATORS: on an urgent notice: it holds until a later day, "til 17. december 2026 kl. 15:00".
  return i18n::fill(lang.tr("til {date} kl. {time}"), {{"date", day_text(unix_seconds, lang)}, {"time", time}});
}

std::string event_time_text(std::int64_t starts, std::optional<std::int64_t> ends, const i18n::Language& lang) {
  const std::string start = hour_minute(starts);
  // TRANSLATORS: when an event begins, under its day's heading: "kl. 19:00".
  if (!ends) return i18n::fill(lang.tr("kl. {time}"), {{"time", start}});
  if (local_day(static_cast<std::time_t>(*ends)) != local_day(static_cast<std::time_t>(starts))) {
    // TRANSLATORS: an event that ends on a later day: "kl. 19:00 til 18. december 2026".
    return i18n::fill(lang.tr("kl. {time} til {date}"), {{"time", start}, {"date", day_text(*ends, lang)}});
  }
  // TRANSLATORS: when an event begins and ends, under its day's heading: "kl. 19:00-21:00".
  return i18n::fill(lang.tr("kl. {start}-{end}"), {{"start", start}, {"end", hour_minute(*ends)}});
}

model::PartialDate local_date(WallTime t) {
  const std::tm tm = local_tm(std::chrono::system_clock::to_time_t(t));
  return {tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday};
}

}  // namespace kiosk::slides
