// Each item is shown over one interval of time; showing() keeps the items whose interval holds `now`
// and next_change() finds the nearest end of an interval after it. The two share the intervals
// below, so they cannot disagree about when something starts or stops showing.
#include "model/schedule.h"

#include <algorithm>
#include <ctime>
#include <limits>

namespace kiosk::model {
namespace {

constexpr std::int64_t kAlways = std::numeric_limits<std::int64_t>::min();
constexpr std::int64_t kForever = std::numeric_limits<std::int64_t>::max();

// Shown from `from` (inclusive) until `until` (exclusive); empty when until <= from.
struct Interval {
  std::int64_t from = kAlways;
  std::int64_t until = kForever;
  bool holds(std::int64_t t) const { return from <= t && t < until; }
  bool empty() const { return until <= from; }
};

Interval interval_of(const Result& result) {
  return {result.show_from.value_or(kAlways), result.show_until.value_or(kForever)};
}

Interval interval_of(const Notice& notice) { return {notice.show_from.value_or(kAlways), notice.show_until}; }

// Listed from whenever the feed brings it (one to come is listed too) until it is over.
Interval interval_of(const Event& event) { return {kAlways, event.ends ? *event.ends : end_of_local_day(event.starts)}; }

bool concerns(const std::vector<std::string>& area_ids, const std::string& area_id) {
  return area_ids.empty() || std::find(area_ids.begin(), area_ids.end(), area_id) != area_ids.end();
}

template <class Item>
std::vector<Item> shown_at(const std::vector<Item>& items, std::int64_t now, auto&& wanted) {
  std::vector<Item> out;
  std::copy_if(items.begin(), items.end(), std::back_inserter(out),
               [&](const Item& item) { return wanted(item) && interval_of(item).holds(now); });
  return out;
}

// The nearest start or end after `now` of the intervals of `items` that `wanted` keeps.
template <class Item>
void nearest_edge(const std::vector<Item>& items, std::int64_t now, auto&& wanted, std::optional<std::int64_t>& nearest) {
  for (const Item& item : items) {
    if (!wanted(item)) continue;
    const Interval interval = interval_of(item);
    if (interval.empty()) continue;  // never shown, so its ends change nothing
    for (const std::int64_t edge : {interval.from, interval.until}) {
      if (edge > now && edge != kForever && (!nearest || edge < *nearest)) nearest = edge;
    }
  }
}

}  // namespace

std::int64_t end_of_local_day(std::int64_t unix) {
  const std::time_t t = static_cast<std::time_t>(unix);
  std::tm tm{};
  localtime_r(&t, &tm);
  tm.tm_mday += 1;
  tm.tm_hour = 0;
  tm.tm_min = 0;
  tm.tm_sec = 0;
  tm.tm_isdst = -1;  // the next day's midnight may be in the other half of the year
  return static_cast<std::int64_t>(std::mktime(&tm));
}

Content showing(const Content& content, const std::string& area_id, std::int64_t now) {
  Content out = content;
  const auto every = [](const auto&) { return true; };
  const auto here = [&](const auto& item) { return concerns(item.area_ids, area_id); };
  out.results = shown_at(content.results, now, every);
  out.notices = shown_at(content.notices, now, here);
  std::stable_sort(out.notices.begin(), out.notices.end(), [](const Notice& a, const Notice& b) {
    if (a.level != b.level) return a.level == NoticeLevel::kUrgent;
    return a.show_from.value_or(kAlways) > b.show_from.value_or(kAlways);
  });
  out.events = shown_at(content.events, now, here);
  std::stable_sort(out.events.begin(), out.events.end(), [](const Event& a, const Event& b) { return a.starts < b.starts; });
  return out;
}

std::optional<std::int64_t> next_change(const Content& content, const std::string& area_id, std::int64_t now) {
  const auto every = [](const auto&) { return true; };
  const auto here = [&](const auto& item) { return concerns(item.area_ids, area_id); };
  std::optional<std::int64_t> nearest;
  nearest_edge(content.results, now, every, nearest);
  nearest_edge(content.notices, now, here, nearest);
  nearest_edge(content.events, now, here, nearest);
  return nearest;
}

}  // namespace kiosk::model
