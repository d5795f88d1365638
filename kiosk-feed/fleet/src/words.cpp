#include "words.h"

#include <cstdio>

#include "source/local_time.h"

namespace kiosk::fleet::detail {

std::string local_time(std::optional<std::int64_t> unix, Words words) {
  if (!unix) return words == Words::kDanish ? "aldrig" : "never";
  const source::ZoneScope zone(source::kDefaultTimeZone);
  return source::format_local(*unix);
}

std::string local_time_short(std::optional<std::int64_t> unix, Words words) {
  if (!unix) return words == Words::kDanish ? "aldrig" : "never";
  const source::ZoneScope zone(source::kDefaultTimeZone);
  const auto t = source::to_local(*unix);
  char text[24];
  std::snprintf(text, sizeof text, "%02d-%02d %02d:%02d", t.month, t.day, t.hour, t.minute);
  return text;
}

std::string age(std::optional<std::int64_t> unix, std::int64_t now, Words words) {
  const bool da = words == Words::kDanish;
  if (!unix) return da ? "aldrig" : "never";
  const std::int64_t s = now - *unix;
  if (s < -60) return da ? "i fremtiden" : "in the future";  // a kiosk's clock a little ahead is not news
  if (s < 60) return std::to_string(std::max<std::int64_t>(s, 0)) + " s";
  if (s < 3600) return std::to_string(s / 60) + " min";
  if (s < 48 * 3600) {
    const std::string hours = std::to_string(s / 3600) + (da ? " t" : " h");
    return s % 3600 < 60 ? hours : hours + " " + std::to_string(s % 3600 / 60) + " min";
  }
  return std::to_string(s / 86400) + (da ? " d." : " d");
}

}  // namespace kiosk::fleet::detail
