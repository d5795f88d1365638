// The days of a week as [power] and [[slides.show]] write them. A wider key sets its days and a
// narrower one overrides them, so `every_day = "off"` with `weekdays = "08:00-16:00"` and
// `friday = "08:00-12:00"` reads the same in any order.
#include "config/config.h"
#include "reader.h"

namespace kiosk::config::detail {
namespace {

// A day key and the weekdays it sets (0 = Monday).
struct DayKey {
  std::string_view key;
  int first = 0;
  int last = 0;
};

std::vector<DayKey> day_keys_widest_first() {
  std::vector<DayKey> keys = {{"every_day", 0, 6}, {"weekdays", 0, 4}, {"weekend", 5, 6}};
  for (int d = 0; d < 7; ++d) keys.push_back({power::kWeekdays[static_cast<std::size_t>(d)], d, d});
  return keys;
}

}  // namespace

std::vector<std::string_view> day_keys() {
  std::vector<std::string_view> keys;
  for (const DayKey& day : day_keys_widest_first()) keys.push_back(day.key);
  return keys;
}

bool read_week(Reader& reader, const toml::table* table, std::string_view table_name, power::WeekSchedule& week) {
  bool all_read = true;
  for (const DayKey& day : day_keys_widest_first()) {
    if (table == nullptr || !table->contains(day.key)) continue;
    auto text = reader.get<std::string>(table, table_name, day.key);
    if (!text) {  // not a string, which get() reported
      all_read = false;
      continue;
    }
    auto times = power::parse_day(text->value);
    if (!times) {
      reader.report(text->at, key_label(text->name) + ": " + times.error().message);
      all_read = false;
      continue;
    }
    for (int d = day.first; d <= day.last; ++d) week.set_day(d, *times);
  }
  return all_read;
}

}  // namespace kiosk::config::detail
