#include "slides/danish.h"

#include <cstdio>
#include <ctime>

namespace kiosk::slides {

std::string danish_moment(std::int64_t unix_seconds) {
  const std::time_t t = static_cast<std::time_t>(unix_seconds);
  std::tm tm{};
  localtime_r(&t, &tm);
  char time[16];
  std::snprintf(time, sizeof time, " kl. %02d.%02d", tm.tm_hour, tm.tm_min);
  return danish_date({tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday}) + time;
}

}  // namespace kiosk::slides
