// How the display words things in Danish: dates, numbers and the names of list categories, which
// changed in 2021 ("ghettoområde" became "parallelsamfund", "hårdt ghettoområde" became
// "omdannelsesområde"). Pure functions, tested without a display.
#pragma once

#include <cstdint>
#include <string>

#include "model/content.h"
#include "platform/clock.h"

namespace kiosk::slides {

// "1. december 2019", "maj 2019", "2019".
std::string danish_date(const model::PartialDate& date);
// "1.000", "12", "-3" (thousands separated by a dot).
std::string danish_number(long long n);
// The category as it was named on the list of 1 December `year`, singular ("Omdannelsesområde").
std::string category_name(model::Category category, int year);
// Plural for counts on the list of `year`: "udsatte boligområder", "hårde ghettoområder".
std::string category_plural(model::Category category, int year);
// A chart value: whole numbers without decimals, others with one decimal and a comma ("12,5").
std::string danish_decimal(double value);
// Local wall-clock time as "14:05".
std::string clock_text(WallTime t);
// A local calendar date of a unix time, "27. november 2026".
std::string danish_day(std::int64_t unix_seconds);
// A local date and time of a unix time, as Danish writes it: "14. december 2026 kl. 18.47".
std::string danish_moment(std::int64_t unix_seconds);
// The local calendar date of `t`, for comparisons with milestones.
model::PartialDate local_date(WallTime t);

}  // namespace kiosk::slides
