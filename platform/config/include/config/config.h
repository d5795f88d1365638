// The kiosk's configuration: which area it shows, where its cache and assets live, how the screen
// is set up, how long each slide stays, and where kiosk-sync fetches the signed feed from. Read
// once at startup from a TOML file (docs/configuration.md describes every key); every key is
// optional and falls back to the defaults below.
//
// Reading never throws. A bad file gives one Error whose message holds one line per problem, each
// `<path>:<line>:<column>: <message>` naming the dotted key (`'screen.width' must be an integer,
// not a string`), so staff can fix every mistake in one go. A config that parses is fully
// validated: callers may rely on the ranges documented on each field.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "platform/result.h"
#include "power/display_power.h"
#include "power/schedule.h"

namespace kiosk::config {

// Clockwise rotation of the picture, in degrees.
enum class Rotation { k0 = 0, k90 = 90, k180 = 180, k270 = 270 };

// One entry of the cycle: a slide kind shown for `duration`, at the local times of `when` (by
// default all week; never off all week: such an entry is refused). `line` is where kiosk.toml wrote
// it (0 for the defaults), for messages about a kind the display does not know.
struct SlideShow {
  std::string kind;
  std::chrono::seconds duration{12};
  int line = 0;
  power::WeekSchedule when;
  bool operator==(const SlideShow& o) const { return kind == o.kind && duration == o.duration && when == o.when; }
};

// The languages the cycle is drawn in, in turn, and a resident may choose in the touch views:
// 1..7 distinct two-letter lowercase codes, Danish alone by default. Which codes the kiosk has is
// checked when the display starts (this library does not know them), as the playlist's kinds are;
// `line` is where kiosk.toml wrote them (0 for the default), for that message.
struct LanguageList {
  std::vector<std::string> codes{"da"};
  int line = 0;
  bool operator==(const LanguageList& o) const { return codes == o.codes; }
};

// status, map, timeline, results and events, 12 s each, all week. The display leaves a slide out
// while it has nothing to show, so without events the cycle is the first four.
std::vector<SlideShow> default_playlist();

// What the kiosk runs with. parse() and load() only return values inside the ranges noted here.
struct Config {
  std::string area = "vollsmose";                      // area id to show: 1..64 of [a-z0-9-]
  // This kiosk's name in its report (1..64 of [a-z0-9-]); empty: the host name (kiosk_id()).
  std::string id;
  LanguageList languages;
  std::string database = "/var/lib/kiosk/content.db";  // SQLite cache path, never empty
  std::string assets_dir;                              // empty: built-in default search
  int width = 0, height = 0;  // 0,0: the display's own size; else both 160..16384 pixels
  Rotation rotation = Rotation::k0;
  bool allow_quit_keys = false;  // Escape/Ctrl+Q quit even fullscreen
  // The cycle: which slide kinds, in order, each for how long (1..3600 s) and on which days and
  // times; from [[slides.show]], or the default playlist with slides.<kind>_seconds. The kinds are
  // checked against the kiosk's slide registry when the display starts (this library does not know
  // them). A moment at which no slide is on is allowed: the display shows the first slide then.
  std::vector<SlideShow> playlist = default_playlist();
  // How long the urgent notice screen stays each time it comes before a slide: 3..600 s.
  std::chrono::seconds notice_seconds{10};
  // Back to the cycle after this long without a touch: 1..3600 s.
  std::chrono::seconds idle_return{60};
  // How many rounds of the cycle each language stays on screen before the next: 1..20.
  int rounds_per_language = 1;
  int stale_after_days = 3;              // stale marker when last sync older; 1..365
  std::string feed_url;                  // empty: no sync configured; else http:// or https://
  // Where kiosk-sync sends the kiosk's report after each check (a WebDAV folder); empty: nowhere.
  std::string report_url;
  std::string report_user;               // basic auth user for report_url; empty: the kiosk id
  std::vector<std::string> public_keys;  // minisign public keys (base64 "RW..." lines), 0-2
  // Offline root keys, in the same form, 0-2: a keys.json signed by one of them says which feed
  // keys the kiosk trusts (docs/sync.md).
  std::vector<std::string> root_keys;
  // When the screen is on ([power]): the weekly on-times (default on all week), how it is
  // switched off, and how long a touch wakes it for: 1..240 minutes.
  power::WeekSchedule power_schedule;
  power::BackendSettings power_backend;
  std::chrono::minutes wake_on_touch{5};
  std::string source_path;               // file it came from, or empty for defaults

  bool operator==(const Config&) const = default;
};

// The kiosk's name in reports: `config.id`, else the machine's host name in lower case when that is a
// valid id (up to its first '.'), else an error saying to set `id`.
Result<std::string> kiosk_id(const Config& config);

// Where the kiosk looks when no --config is given.
inline constexpr const char* kDefaultConfigPath = "/etc/kiosk/kiosk.toml";

// Parses TOML text; `path` is only used in messages (source_path stays empty). Empty text gives
// the defaults. Reports TOML syntax errors (toml++'s own words; parsing stops at the first),
// unknown keys and tables, wrong types and out-of-range values.
Result<Config> parse(std::string_view toml_text, const std::string& path);

// Reads and parses a file and sets source_path to `path`. A missing file is an error naming the
// path (`config file not found: <path>`); any other read failure carries strerror's words.
Result<Config> load(const std::string& path);

// The config the kiosk runs with: `explicit_path` when given (missing => error), else
// kDefaultConfigPath if it exists, else the built-in defaults above.
Result<Config> load_for_program(const std::optional<std::string>& explicit_path);

}  // namespace kiosk::config
