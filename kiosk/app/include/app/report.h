// The display's report for staff: how it is doing, written every few minutes to report.json beside
// the cache, with report.png, a small picture of the frame on screen. The display has no network of
// its own: kiosk-sync sends both after each check (docs/fleet.md has the format). Nothing about a
// person is kept, only anonymous counts per local day.
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <string>
#include <vector>

#include "config/config.h"
#include "platform/clock.h"
#include "platform/log.h"
#include "platform/result.h"

struct SDL_Renderer;

namespace kiosk::app {

// What residents did on one local day.
struct DayCounts {
  std::string date;  // YYYY-MM-DD in the kiosk's time zone
  std::int64_t slides_shown = 0;    // slides that came on screen in the cycle
  std::int64_t touch_sessions = 0;  // times a touch view was opened from the cycle
  std::int64_t results_opened = 0;  // results opened in full (the detail view)
  std::map<std::string, std::int64_t> languages_chosen;  // by code, from the language list
  bool operator==(const DayCounts&) const = default;
};

// The counts of the last kDaysKept local days, oldest first.
class UsageCounts {
 public:
  static constexpr std::size_t kDaysKept = 14;
  enum class Event { kSlideShown, kTouchSession, kResultOpened };

  void count(Event event, WallTime at);
  void language_chosen(const std::string& code, WallTime at);
  const std::deque<DayCounts>& days() const { return days_; }

  // The counts of a report.json this display wrote before (so a restart loses none of today's).
  // A file that is damaged or from another program gives an error, and the caller starts afresh.
  static Result<UsageCounts> from_report(const std::string& json_text);

 private:
  DayCounts& day(WallTime at);
  std::deque<DayCounts> days_;
};

// The render check's last findings (the display reads the presented frame back every 5 s).
struct RenderCheckState {
  bool ok = true;
  std::string problem;              // "the screen shows a single colour", ...; empty while ok
  int failed_in_a_row = 0;
  std::int64_t checked = 0;         // Unix seconds of the last check, 0 before the first
  std::int64_t last_failure = 0;    // of the last failed check, 0 when none failed
};

// Everything the display's report says, apart from the counts. Times are Unix seconds (0: never).
struct DisplayState {
  std::int64_t written = 0;
  std::int64_t started = 0;
  std::int64_t uptime_seconds = 0;
  std::uint64_t content_version = 0;
  bool built_in = true;
  std::int64_t expires = 0;
  bool stale = false;
  std::string stale_reason;
  bool screen_on = true;
  std::string screen_why;
  int width = 0, height = 0;
  RenderCheckState render;
  std::vector<log::Logged> errors;
  std::int64_t picture_taken = 0;  // 0: no picture
  int picture_width = 0, picture_height = 0;
};

// The report's "display" object as JSON text (docs/fleet.md).
std::string display_report_json(const DisplayState& state, const UsageCounts& counts);

// The report picture's size for a screen of `width` x `height`: 320 wide, the height by the
// screen's shape (at least 1), so the picture is never distorted.
struct PictureSize {
  int width = 0, height = 0;
};
PictureSize report_picture_size(int width, int height);

// Writes report.png, the renderer's current output read back at report_picture_size (the render
// check's way: a row at a time), then report.json beside `database`, each whole (a reader sees the
// old file or the new). The JSON is written also when the picture cannot be, and then names none.
// Returns the problems, each naming its file.
std::vector<Error> write_report_files(SDL_Renderer* renderer, DisplayState state, const UsageCounts& counts,
                                      const std::string& database);

}  // namespace kiosk::app
