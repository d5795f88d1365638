// [power]: when the screen is on. `every_day` sets all seven days; a weekday key (`monday` ...
// `sunday`) overrides its day, whatever the order in the file.
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

std::optional<std::vector<power::OnTime>> read_day(Reader& reader, const toml::table* table, std::string_view key) {
  auto text = reader.get<std::string>(table, "power", key);
  if (!text) return std::nullopt;
  auto day = power::parse_day(text->value);
  if (!day) {
    reader.report(text->at, key_label(text->name) + ": " + day.error().message);
    return std::nullopt;
  }
  return *day;
}

}  // namespace

void read_power(Reader& reader, const toml::table* power, Config& config) {
  if (power == nullptr) return;
  std::vector<std::string_view> known = {"every_day", "backend", "backlight_dir", "cec_device", "wake_minutes"};
  known.insert(known.end(), power::kWeekdays.begin(), power::kWeekdays.end());
  for (auto&& [key, node] : *power) {
    if (std::find(known.begin(), known.end(), key.str()) != known.end()) continue;
    reader.report(key.source().begin, (node.is_table() ? "unknown table " : "unknown key ") +
                                          key_label(dotted("power", key.str())) +
                                          "; the days are monday, tuesday, wednesday, thursday, friday, saturday, sunday and every_day");
  }
  if (auto every = read_day(reader, power, "every_day")) {
    for (int d = 0; d < 7; ++d) config.power_schedule.set_day(d, *every);
  }
  for (int d = 0; d < 7; ++d) {
    if (auto day = read_day(reader, power, power::kWeekdays[static_cast<std::size_t>(d)])) config.power_schedule.set_day(d, *day);
  }
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
