// Judging the fleet: which kiosks need someone's attention, and why. The core of `kiosk-feed fleet`.
// Pure: it reads the fetched reports (reports_source.h) and a moment, and makes rows; the table, the
// HTML page and the CSV are made from the rows (fleet/output.h).
//
// A kiosk needs attention when it has any problem (docs/fleet.md, "Reading the reports"):
//   silent            its last report was sent more than 2 check intervals + 1 minute ago
//   display stopped   the display never wrote its state, or wrote it more than 15 minutes before the
//                     report was sent (kiosk-sync runs, the display does not)
//   stale             the version on screen is below the published one, or the display says stale
//   black screen      the screen is on and the display's render check failed
//   sync failing      kiosk-sync's last check ended other than "updated" or "up to date"
//   errors            the display logged errors in the last 24 hours
//   bad report        the report could not be read at all (too large, damaged, another format)
//   wrong id          the report names another kiosk than its file does (the file's name is used)
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "fleet/report.h"
#include "fleet/reports_source.h"

namespace kiosk::fleet {

inline constexpr std::chrono::minutes kDefaultCheckInterval{15};  // kiosk-sync.timer's
inline constexpr std::chrono::minutes kSilentSlack{1};            // beyond 2 intervals: a check's own run time
inline constexpr std::chrono::minutes kDisplayStoppedAfter{15};   // the display writes its state every 5 min
inline constexpr std::chrono::hours kErrorWindow{24};

enum class Flag { kBadReport, kWrongId, kSilent, kDisplayStopped, kStale, kBlackScreen, kSyncFailing, kErrors };

// One problem of a kiosk. `detail` is the report's own words where it has some (the render check's
// problem, kiosk-sync's outcome, the reason it could not be read): untrusted text, to be escaped.
struct Problem {
  Flag flag;
  std::string detail;
  std::optional<std::int64_t> since;  // kSyncFailing: the last successful check; kSilent: the report's time
  std::int64_t count = 0;             // kErrors: how many; kStale: the version on screen
  std::string last_error;             // kSyncFailing: kiosk-sync's last error, untrusted too
};

enum class Screen { kUnknown, kOn, kOff, kBlack };

struct KioskRow {
  std::string id;  // the report file's name without .json
  std::string area;
  std::optional<std::uint64_t> shown_version;  // none when the display never wrote its state
  bool built_in = false;
  std::optional<std::int64_t> last_sync;  // kiosk-sync's last successful check
  std::optional<std::int64_t> sent;       // the report's time
  Screen screen = Screen::kUnknown;
  std::vector<Problem> problems;
  std::optional<std::string> picture;  // PNG bytes
  std::vector<DayCounts> days;

  bool needs_attention() const { return !problems.empty(); }
  bool has(Flag flag) const;
};

struct JudgeOptions {
  std::int64_t now = 0;  // unix seconds
  std::chrono::minutes check_interval = kDefaultCheckInterval;
  std::optional<std::uint64_t> published_version;  // from the published feed.json; none: the newest reported
};

struct Fleet {
  std::vector<KioskRow> rows;  // those needing attention first, then by id
  std::optional<std::uint64_t> published_version;  // none when neither the feed nor any report says
  bool published_from_reports = false;             // the newest version a report has, no feed given
  std::int64_t now = 0;
  // Each bad file in words, naming it: a report that could not be read, a picture refused.
  std::vector<std::string> messages;

  std::size_t needing_attention() const;
};

Fleet judge_fleet(const std::vector<ReportFile>& files, const JudgeOptions& options);

// The problem in a word or two, for the table: "silent", "black: single colour", "3 errors".
std::string short_words(const Problem& problem);

}  // namespace kiosk::fleet
