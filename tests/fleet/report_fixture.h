// Reports as a kiosk sends them (docs/fleet.md, format 1), written by the tests with nlohmann::json:
// a healthy one to change field by field, and a 1x1 PNG for its picture.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

#include <nlohmann/json.hpp>

#include "feed/feed_json.h"
#include "test_support.h"

namespace kiosk::testing {

// A 1x1 PNG (69 bytes).
inline const std::string kTinyPng(
    "\x89\x50\x4e\x47\x0d\x0a\x1a\x0a\x00\x00\x00\x0d\x49\x48\x44\x52\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90"
    "\x77\x53\xde\x00\x00\x00\x0c\x49\x44\x41\x54\x78\x9c\x63\x10\x50\x30\x00\x00\x00\xa4\x00\x61\x34\x66\x7d\x72\x00\x00\x00"
    "\x00\x49\x45\x4e\x44\xae\x42\x60\x82",
    69);

// The moment the tests judge at.
inline constexpr std::int64_t kNow = 1796112000;  // 2026-12-01T08:00:00Z

inline std::string utc(std::int64_t unix) { return kiosk::feed::format_timestamp(unix); }

// A kiosk that is fine at kNow: sent a minute ago, content version 42, the screen on and checked,
// no errors, two days of counts.
inline nlohmann::json healthy_report(const std::string& id, const std::string& area = "gellerup") {
  return {
      {"format", 1},
      {"kiosk", id},
      {"area", area},
      {"sent", utc(kNow - 60)},
      {"sync",
       {{"program", "0.2.0"}, {"checked", utc(kNow - 62)}, {"outcome", "up to date"}, {"last_success", utc(kNow - 62)},
        {"last_error", ""}, {"content_version", 42}}},
      {"display",
       {{"program", "0.2.0"},
        {"written", utc(kNow - 120)},
        {"started", utc(kNow - 86400)},
        {"uptime_seconds", 86280},
        {"content", {{"version", 42}, {"built_in", false}, {"expires", "2026-12-31T00:00:00Z"}, {"stale", false}, {"stale_reason", ""}}},
        {"screen", {{"on", true}, {"why", "on by the schedule until 22:00"}, {"size", "1920x1080"}}},
        {"render_check", {{"ok", true}, {"problem", ""}, {"failed_in_a_row", 0}, {"checked", utc(kNow - 125)}, {"last_failure", ""}}},
        {"errors", nlohmann::json::array()},
        {"picture", {{"taken", utc(kNow - 120)}, {"width", 320}, {"height", 180}}},
        {"days",
         {{{"date", "2026-11-30"}, {"slides_shown", 1200}, {"touch_sessions", 7}, {"results_opened", 9},
           {"languages_chosen", {{"da", 3}, {"ar", 2}}}},
          {{"date", "2026-12-01"}, {"slides_shown", 412}, {"touch_sessions", 3}, {"results_opened", 5},
           {"languages_chosen", {{"so", 1}}}}}}}},
  };
}

inline void write_report(const std::filesystem::path& dir, const std::string& id, const nlohmann::json& report,
                         const std::string& picture = kTinyPng) {
  write_file(dir / (id + ".json"), report.dump(2));
  if (!picture.empty()) write_file(dir / (id + ".png"), picture);
}

}  // namespace kiosk::testing
