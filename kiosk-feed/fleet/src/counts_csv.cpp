// The daily counts for the evaluation office: one row per kiosk per day, a column per language the
// kiosk has (i18n::languages(), so a language added there gets its column here).
#include <algorithm>
#include <tuple>

#include "fleet/output.h"
#include "i18n/language.h"

namespace kiosk::fleet {
namespace {

constexpr const char* kEnd = "\r\n";  // RFC 4180

// RFC 4180: a field holding a comma, a quote or a line end is quoted, its quotes doubled.
std::string field(const std::string& text) {
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string out = "\"";
  for (char c : text) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

}  // namespace

std::string counts_csv(const Fleet& fleet) {
  const auto& languages = i18n::languages();
  std::string csv = "date,kiosk,area,slides_shown,touch_sessions,results_opened";
  for (const auto* language : languages) csv += std::string(",chosen_") + language->code();
  csv += kEnd;
  std::vector<std::pair<const KioskRow*, const DayCounts*>> days;
  for (const auto& row : fleet.rows) {
    for (const auto& day : row.days) days.emplace_back(&row, &day);
  }
  std::stable_sort(days.begin(), days.end(), [](const auto& a, const auto& b) {
    return std::tie(a.second->date, a.first->id) < std::tie(b.second->date, b.first->id);
  });
  for (const auto& [row, day] : days) {
    csv += field(day->date) + "," + field(row->id) + "," + field(row->area) + "," + std::to_string(day->slides_shown) + "," +
           std::to_string(day->touch_sessions) + "," + std::to_string(day->results_opened);
    for (const auto* language : languages) {
      const auto it = day->languages_chosen.find(language->code());
      csv += "," + std::to_string(it == day->languages_chosen.end() ? 0 : it->second);
    }
    csv += kEnd;
  }
  return csv;
}

}  // namespace kiosk::fleet
