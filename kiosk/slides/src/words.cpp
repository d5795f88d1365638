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

model::PartialDate local_date(WallTime t) {
  const std::tm tm = local_tm(std::chrono::system_clock::to_time_t(t));
  return {tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday};
}

}  // namespace kiosk::slides
