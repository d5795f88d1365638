// How the screens word dates and the names of list categories in the language they are drawn in.
// The categories' Danish names changed in 2021 ("ghettoområde" became "parallelsamfund", "hårdt
// ghettoområde" became "omdannelsesområde"), so a name depends on the list's year. Pure functions,
// tested without a display; numbers come from i18n::Language::number() and decimal().
//
// Years are written as plain digits in every language ("2024", never "2.024").
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "i18n/language.h"
#include "model/content.h"
#include "platform/clock.h"

namespace kiosk::slides {

// The month (1-12) in `lang`: "maj", "May".
std::string month_name(int month, const i18n::Language& lang);
// "1. december 2019", "maj 2019", "2019" in Danish; "1 December 2019" in English: the pattern and
// the month are the catalogue's.
std::string date_text(const model::PartialDate& date, const i18n::Language& lang);
// The local calendar date of a unix time, as date_text() writes it: "27. november 2026".
std::string day_text(std::int64_t unix_seconds, const i18n::Language& lang);
// The category as it was named on the list of 1 December `year`, singular ("Omdannelsesområde").
std::string category_name(model::Category category, int year, const i18n::Language& lang);
// The words beside a count on the list of `year`, drawn apart from the number:
// "udsatte boligområder", "hårde ghettoområder".
std::string category_plural(model::Category category, int year, const i18n::Language& lang);
// A kommune as Danish names it, "Odense Kommune": the pattern is the catalogue's.
std::string kommune_text(const std::string& kommune, const i18n::Language& lang);
// The day of a list (1 December `year`), for "På listen pr. 1. december 2024".
std::string list_day(int year, const i18n::Language& lang);
// Local wall-clock time as "14:05" (the same in every language).
std::string clock_text(WallTime t);
// The local calendar date of `t`, for comparisons with milestones.
model::PartialDate local_date(WallTime t);

// The day of the week in `lang`, 0 Sunday to 6 Saturday (as std::tm counts): "torsdag".
std::string weekday_name(int weekday, const i18n::Language& lang);
// How many local calendar days lie from `now` to `unix_seconds`: 0 today, 1 tomorrow, -1 yesterday.
int days_from(WallTime now, std::int64_t unix_seconds);
// A heading for the local day of `unix_seconds` seen from `now`: "I dag", "I morgen", or the weekday
// and date, "torsdag 17. december 2026".
std::string day_heading(std::int64_t unix_seconds, WallTime now, const i18n::Language& lang);
// Until when a notice is shown, seen from `now`: "til i dag kl. 15:00", "til i morgen kl. 15:00",
// "til 17. december 2026 kl. 15:00".
std::string until_text(std::int64_t unix_seconds, WallTime now, const i18n::Language& lang);
// When an event is, on its day's heading: "kl. 19:00-21:00", "kl. 19:00" without an end, and
// "kl. 19:00 til 18. december 2026" when it ends on a later day.
std::string event_time_text(std::int64_t starts, std::optional<std::int64_t> ends, const i18n::Language& lang);

}  // namespace kiosk::slides
