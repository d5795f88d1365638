#include <catch2/catch.hpp>

#include "slides/danish.h"

using namespace kiosk::slides;
using kiosk::model::Category;

TEST_CASE("dates read the Danish way", "[slides]") {
  CHECK(danish_date({2019, 12, 1}) == "1. december 2019");
  CHECK(danish_date({2019, 5}) == "maj 2019");
  CHECK(danish_date({2029}) == "2029");
  CHECK(danish_date({2018, 3, 1}) == "1. marts 2018");
}

TEST_CASE("numbers use a dot between thousands and a decimal comma", "[slides]") {
  CHECK(danish_number(12) == "12");
  CHECK(danish_number(1000) == "1.000");
  CHECK(danish_number(1234567) == "1.234.567");
  CHECK(danish_number(-4500) == "-4.500");
  CHECK(danish_decimal(43) == "43");
  CHECK(danish_decimal(12.5) == "12,5");
  CHECK(danish_decimal(-0.25) == "-0,3");
  CHECK(danish_decimal(1500.04) == "1.500");
}

TEST_CASE("category names follow the 2021 renaming", "[slides]") {
  CHECK(category_name(Category::kOmdannelse, 2019) == "Hårdt ghettoområde");
  CHECK(category_name(Category::kOmdannelse, 2021) == "Omdannelsesområde");
  CHECK(category_name(Category::kParallelsamfund, 2020) == "Ghettoområde");
  CHECK(category_name(Category::kParallelsamfund, 2024) == "Parallelsamfund");
  CHECK(category_plural(Category::kOmdannelse, 2018) == "hårde ghettoområder");
  CHECK(category_plural(Category::kUdsat, 2024) == "udsatte boligområder");
  // off the ghetto/parallelsamfund list, by the list's name in force; not the same as on no list
  CHECK(category_name(Category::kNotParallelsamfund, 2020) == "Ikke ghettoområde");
  CHECK(category_name(Category::kNotParallelsamfund, 2021) == "Ikke parallelsamfund");
  CHECK(category_name(Category::kNotParallelsamfund, 2024) != category_name(Category::kNone, 2024));
  CHECK(category_name(Category::kUnknown, 2024) == "Ikke oplyst");
}

TEST_CASE("dates and categories in another language take its catalogue's words, years stay plain digits", "[slides]") {
  const kiosk::i18n::Language& en = *kiosk::i18n::find_language("en");
  CHECK(date_text({2019, 5, 14}, en) == "14 May 2019");
  CHECK(date_text({2019, 5}, en) == "May 2019");
  CHECK(date_text({2024}, en) == "2024");
  CHECK(month_name(5, en) == "May");
  CHECK(category_name(Category::kParallelsamfund, 2024, en) == "Parallel society (parallelsamfund)");
  CHECK(category_name(Category::kParallelsamfund, 2019, en) == "Ghetto area (ghettoområde)");
  CHECK(category_plural(Category::kUdsat, 2024, en) == "vulnerable housing areas");
  CHECK(kommune_text("Odense", en) == "Odense Municipality");
  CHECK(kommune_text("Odense", kiosk::i18n::danish()) == "Odense Kommune");
  // Every language writes the year 2024 as 2024, never grouped.
  for (const kiosk::i18n::Language* language : kiosk::i18n::languages()) {
    CHECK(date_text({2024, 12, 1}, *language).find("2024") != std::string::npos);
  }
}
