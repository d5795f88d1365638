// kiosk-sync's half of the kiosk's report: after each check it wraps what the display wrote
// (report.json beside the cache) with this check's facts and sends it, with the display's picture,
// by HTTP PUT to `sync.report_url` as <kiosk id>.json and <kiosk id>.png (docs/fleet.md).
//
// Sending comes after the check has finished and recorded its outcome; whatever the report server
// does (down, slow, refusing), the check's outcome, exit code and recorded times stay as they were.
// A report that cannot be made or sent is an Error for the log, never more.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

#include "config/config.h"
#include "platform/result.h"

namespace kiosk::report {

// This check, as kiosk-sync recorded it in the cache's sync state.
struct CheckFacts {
  std::int64_t checked = 0;       // Unix seconds (0: never)
  std::string outcome;            // "updated", "up to date", "network failure", ...
  std::int64_t last_success = 0;
  std::string last_error;
  std::uint64_t content_version = 0;  // in the cache (0: none)
};

// The facts of the last check, read from the cache (read-only); all zero for a kiosk with no cache yet.
Result<CheckFacts> read_check_facts(const std::string& database);

// The report kiosk-sync sends, as JSON text: format 1 with the kiosk, its area, `sent`, the check's
// facts and the display's own report. `display_json` is report.json's text, or nullopt when there
// is none; a damaged one is sent as null with `display_problem` saying why, so that staff see it.
std::string report_json(const std::string& kiosk_id, const std::string& area, std::int64_t sent, const CheckFacts& facts,
                        const std::optional<std::string>& display_json);

// The credential systemd hands to kiosk-sync alone (LoadCredential=report-password in its unit):
// the first line of $CREDENTIALS_DIRECTORY/report-password; nullopt when there is none or it is empty.
std::optional<std::string> report_password();

struct SendSettings {
  std::string url;                           // the folder, http:// or https://
  std::string kiosk_id;
  std::string user;                          // empty: the kiosk id
  std::optional<std::string> password;       // none: no authentication
  std::chrono::seconds connect_timeout{5};
  std::chrono::seconds time_limit{20};       // for both files together, half each
};

// Reads report.json and report.png beside `config.database`, adds `facts`, and PUTs the picture
// (when there is one) and then the JSON. Returns a summary for the log ("sent gellerup-1.json and
// gellerup-1.png to ...") or an error naming the URL and the server's answer in words.
Result<std::string> send(const SendSettings& settings, const config::Config& config, const CheckFacts& facts,
                         std::int64_t now);

}  // namespace kiosk::report
