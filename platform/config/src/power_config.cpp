// [power]: when the screen is on (the days: week_config.cpp), how it is switched off, and how long
// a touch wakes it.
#include "config/config.h"
#include "reader.h"

namespace kiosk::config::detail {
namespace {

constexpr int64_t kMinWakeMinutes = 1;
constexpr int64_t kMaxWakeMinutes = 240;

struct BackendName {
  std::string_view name;
  power::Backend backend;
};
constexpr BackendName kBackends[] = {{"auto", power::Backend::kAuto},
                                     {"backlight", power::Backend::kBacklight},
                                     {"cec", power::Backend::kCec},
                                     {"black", power::Backend::kBlack}};

}  // namespace

void read_power(Reader& reader, const toml::table* power, Config& config) {
  if (power == nullptr) return;
  std::vector<std::string_view> known = {"backend", "backlight_dir", "cec_device", "wake_minutes"};
  const auto days = day_keys();
  known.insert(known.end(), days.begin(), days.end());
  reader.reject_unknown(*power, "power", known,
                        "; the days are monday, tuesday, wednesday, thursday, friday, saturday, sunday, weekdays, "
                        "weekend and every_day");
  read_week(reader, power, "power", config.power_schedule);
  if (auto backend = reader.get<std::string>(power, "power", "backend")) {
    const auto it = std::find_if(std::begin(kBackends), std::end(kBackends),
                                 [&](const BackendName& b) { return b.name == backend->value; });
    if (it != std::end(kBackends)) {
      config.power_backend.backend = it->backend;
    } else {
      reader.report(backend->at, must_be(backend->name, "\"auto\", \"backlight\", \"cec\" or \"black\"", printable(backend->value)));
    }
  }
  for (const auto& [key, field] : {std::pair{"backlight_dir", &config.power_backend.backlight_dir},
                                   std::pair{"cec_device", &config.power_backend.cec_device}}) {
    if (auto path = reader.get_path(power, "power", key, Empty::kRefused)) *field = std::move(path->value);
  }
  if (auto minutes = get_in_range(reader, power, "power", "wake_minutes", kMinWakeMinutes, kMaxWakeMinutes)) {
    config.wake_on_touch = std::chrono::minutes(*minutes);
  }
}

}  // namespace kiosk::config::detail
