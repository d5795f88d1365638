// The display's words in Danish, for what only staff read (the staff panel) and for tests that
// compare with Danish text. What residents see is worded in the screen's language: slides/words.h.
#pragma once

#include <cstdint>
#include <string>

#include "slides/words.h"

namespace kiosk::slides {

// "1. december 2019", "maj 2019", "2019".
inline std::string danish_date(const model::PartialDate& date) { return date_text(date, i18n::danish()); }
// "1.000", "12", "-3" (thousands separated by a dot).
inline std::string danish_number(long long n) { return i18n::danish().number(n); }
// A chart value: whole numbers without decimals, others with one decimal and a comma ("12,5").
inline std::string danish_decimal(double value) { return i18n::danish().decimal(value); }
// "27. november 2026".
inline std::string danish_day(std::int64_t unix_seconds) { return day_text(unix_seconds, i18n::danish()); }
// A local date and time of a unix time, as Danish writes it: "14. december 2026 kl. 18.47".
std::string danish_moment(std::int64_t unix_seconds);
inline std::string category_name(model::Category category, int year) {
  return category_name(category, year, i18n::danish());
}
inline std::string category_plural(model::Category category, int year) {
  return category_plural(category, year, i18n::danish());
}

}  // namespace kiosk::slides
