// One kiosk's report as kiosk-sync sends it (docs/fleet.md, "The report", format 1), read into
// values. Reports come from the field: every text in them is untrusted (it is escaped wherever it is
// shown), a missing field means "never" or "none", and a field of the wrong type makes the whole
// report unreadable, with the field's path in the message.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "platform/result.h"

namespace kiosk::fleet {

inline constexpr int kReportFormat = 1;

// One local day of the display's counts ("days").
struct DayCounts {
  std::string date;  // "2026-12-01", the kiosk's local day
  std::int64_t slides_shown = 0;
  std::int64_t touch_sessions = 0;
  std::int64_t results_opened = 0;
  std::map<std::string, std::int64_t> languages_chosen;  // language code -> times picked
};

struct DisplayError {
  std::optional<std::int64_t> at;  // unix seconds
  std::string message;
};

// What the display wrote last ("display"). Times are unix seconds; none when the report says never.
struct DisplayState {
  std::optional<std::int64_t> written;
  std::uint64_t content_version = 0;  // 0 with built_in
  bool built_in = false;
  bool stale = false;
  std::string stale_reason;
  bool screen_on = true;
  std::string screen_why;
  bool render_ok = true;
  std::string render_problem;
  std::vector<DisplayError> errors;
  std::vector<DayCounts> days;
};

struct SyncState {
  std::optional<std::int64_t> checked;
  std::string outcome;  // as kiosk-sync --status says it: "updated", "up to date", ...
  std::optional<std::int64_t> last_success;
  std::string last_error;
  std::optional<std::uint64_t> content_version;  // in the kiosk's cache
};

struct Report {
  int format = kReportFormat;
  std::string kiosk;  // the id the report gives itself
  std::string area;
  std::optional<std::int64_t> sent;
  SyncState sync;
  std::optional<DisplayState> display;  // none: the display never wrote its state
};

// The report in `json_text`. Refused with the reason when it is not JSON (damaged, cut short), not
// an object, of another format than 1, or has a field of the wrong type ("display.errors[2].at is
// not a time written YYYY-MM-DDTHH:MM:SSZ"). The message does not name the file; the caller does.
Result<Report> parse_report(std::string_view json_text);

}  // namespace kiosk::fleet
