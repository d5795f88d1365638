// What of a content version the screen shows at a moment: results within their show_from/show_until,
// notices between their start and end, events until they are over, each by the kiosk's own clock so
// that a notice is gone at its end also offline. Pure functions of the content, the area and the
// time (unix seconds UTC); the one outside input is the C library's local time zone (TZ,
// /etc/localtime), which says when the local day of an event without an end is over.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "model/content.h"

namespace kiosk::model {

// The content as the screen shows it at `now` (unix seconds) for the area `area_id` (empty: the
// national view): results within their show_from/show_until; notices that have started (or have no
// start) and not ended, for every area or naming this one, urgent first, then newest start first;
// events not over (now < ends; without ends: before the end of the local day it starts on), for every
// area or naming this one, in order of start. Everything else is copied as it is.
//
// A notice or an event naming areas is not in the national view (it names none of them); results
// are not filtered by area here (the results slide does that). Items that tie keep the feed's order.
model::Content showing(const model::Content& content, const std::string& area_id, std::int64_t now);

// The first moment after `now` at which showing() gives a different answer (a start, an end, an
// event's day ending); nothing when nothing will change.
std::optional<std::int64_t> next_change(const model::Content& content, const std::string& area_id, std::int64_t now);

// The end of the local day (the next local midnight) of the day `unix` falls on: 23 or 25 hours
// after that day's start on the days the clocks change.
std::int64_t end_of_local_day(std::int64_t unix);

}  // namespace kiosk::model
