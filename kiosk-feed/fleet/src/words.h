// Times and ages in the words of the table (English) and the page (Danish). Private to fleet.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace kiosk::fleet::detail {

enum class Words { kEnglish, kDanish };

// "2026-12-01 08:15" in Europe/Copenhagen; "never" / "aldrig" for none.
std::string local_time(std::optional<std::int64_t> unix, Words words);

// "12-01 08:15": the same, month and day, for a narrow column.
std::string local_time_short(std::optional<std::int64_t> unix, Words words);

// How long ago: "45 s", "12 min", "3 h 5 min", "2 d" ("2 d." / "3 t 5 min" in Danish); "never" /
// "aldrig" for none; "in the future" / "i fremtiden" for a time after `now`.
std::string age(std::optional<std::int64_t> unix, std::int64_t now, Words words);

}  // namespace kiosk::fleet::detail
