#include "app/report.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <ctime>

#include "cache/cache.h"
#include "feed/feed_json.h"
#include "platform/files.h"
#include "platform/ids.h"
#include "render/png.h"

namespace kiosk::app {
namespace {

using json = nlohmann::ordered_json;

std::string local_date(WallTime at) {
  const std::time_t t = std::chrono::system_clock::to_time_t(at);
  std::tm tm{};
  localtime_r(&t, &tm);
  char text[16];
  std::strftime(text, sizeof text, "%Y-%m-%d", &tm);
  return text;
}

std::string moment(std::int64_t unix) { return unix == 0 ? std::string() : feed::format_timestamp(unix); }

bool is_date(const std::string& s) {
  return s.size() == 10 && s[4] == '-' && s[7] == '-' &&
         std::all_of(s.begin(), s.end(), [](char c) { return (c >= '0' && c <= '9') || c == '-'; });
}

}  // namespace

DayCounts& UsageCounts::day(WallTime at) {
  const std::string date = local_date(at);
  // The clock set back to a day already counted counts there; one set forward starts a new day.
  for (auto& d : days_) {
    if (d.date == date) return d;
  }
  days_.push_back(DayCounts{.date = date});
  std::sort(days_.begin(), days_.end(), [](const DayCounts& a, const DayCounts& b) { return a.date < b.date; });
  while (days_.size() > kDaysKept) days_.pop_front();
  for (auto& d : days_) {
    if (d.date == date) return d;
  }
  return days_.back();  // older than every day kept: counted on the oldest (rare: a clock years back)
}

void UsageCounts::count(Event event, WallTime at) {
  DayCounts& d = day(at);
  switch (event) {
    case Event::kSlideShown: ++d.slides_shown; break;
    case Event::kTouchSession: ++d.touch_sessions; break;
    case Event::kResultOpened: ++d.results_opened; break;
  }
}

void UsageCounts::language_chosen(const std::string& code, WallTime at) { ++day(at).languages_chosen[code]; }

Result<UsageCounts> UsageCounts::from_report(const std::string& json_text) {
  const json doc = json::parse(json_text, nullptr, false);
  if (doc.is_discarded() || !doc.is_object()) return make_error("not JSON");
  const auto days = doc.find("days");
  if (days == doc.end() || !days->is_array()) return make_error("no \"days\" list");
  UsageCounts counts;
  auto number = [](const json& o, const char* key) -> std::int64_t {
    const auto v = o.find(key);
    return v != o.end() && v->is_number_integer() && v->get<std::int64_t>() >= 0 ? v->get<std::int64_t>() : 0;
  };
  for (const auto& d : *days) {
    if (!d.is_object() || !d.contains("date") || !d["date"].is_string() || !is_date(d["date"].get<std::string>())) {
      return make_error("a day without its date");
    }
    DayCounts day{.date = d["date"].get<std::string>(),
                  .slides_shown = number(d, "slides_shown"),
                  .touch_sessions = number(d, "touch_sessions"),
                  .results_opened = number(d, "results_opened")};
    if (const auto chosen = d.find("languages_chosen"); chosen != d.end() && chosen->is_object()) {
      for (const auto& [code, n] : chosen->items()) {
        if (code.size() == 2 && is_valid_id(code) && n.is_number_integer() && n.get<std::int64_t>() > 0) {
          day.languages_chosen[code] = n.get<std::int64_t>();
        }
      }
    }
    counts.days_.push_back(std::move(day));
  }
  std::sort(counts.days_.begin(), counts.days_.end(), [](const DayCounts& a, const DayCounts& b) { return a.date < b.date; });
  counts.days_.erase(std::unique(counts.days_.begin(), counts.days_.end(),
                                 [](const DayCounts& a, const DayCounts& b) { return a.date == b.date; }),
                     counts.days_.end());
  while (counts.days_.size() > kDaysKept) counts.days_.pop_front();
  return counts;
}

std::string display_report_json(const DisplayState& s, const UsageCounts& counts) {
  json errors = json::array();
  for (const auto& e : s.errors) errors.push_back({{"at", moment(e.at_unix)}, {"message", e.message}});
  json days = json::array();
  for (const auto& d : counts.days()) {
    days.push_back({{"date", d.date},
                    {"slides_shown", d.slides_shown},
                    {"touch_sessions", d.touch_sessions},
                    {"results_opened", d.results_opened},
                    {"languages_chosen", d.languages_chosen}});
  }
  const json doc = {
      {"program", KIOSK_VERSION},
      {"written", moment(s.written)},
      {"started", moment(s.started)},
      {"uptime_seconds", s.uptime_seconds},
      {"content",
       {{"version", s.content_version},
        {"built_in", s.built_in},
        {"expires", moment(s.expires)},
        {"stale", s.stale},
        {"stale_reason", s.stale_reason}}},
      {"screen",
       {{"on", s.screen_on}, {"why", s.screen_why}, {"size", std::to_string(s.width) + "x" + std::to_string(s.height)}}},
      {"render_check",
       {{"ok", s.render.ok},
        {"problem", s.render.problem},
        {"failed_in_a_row", s.render.failed_in_a_row},
        {"checked", moment(s.render.checked)},
        {"last_failure", moment(s.render.last_failure)}}},
      {"errors", errors},
      {"picture",
       s.picture_taken == 0
           ? json(nullptr)
           : json{{"taken", moment(s.picture_taken)}, {"width", s.picture_width}, {"height", s.picture_height}}},
      {"days", days},
  };
  // Invalid UTF-8 in an error line (a file name from the disk) is replaced, never refused.
  return doc.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

PictureSize report_picture_size(int width, int height) {
  if (width <= 0 || height <= 0) return {320, 180};
  return {320, std::max(1, static_cast<int>((static_cast<long long>(height) * 320 + width / 2) / width))};
}

std::vector<Error> write_report_files(SDL_Renderer* renderer, DisplayState state, const UsageCounts& counts,
                                      const std::string& database) {
  std::vector<Error> problems;
  // The picture first: a report never names a picture older than itself.
  const auto size = report_picture_size(state.width, state.height);
  auto thumbnail = render::read_thumbnail(renderer, state.width, state.height, size.width, size.height);
  auto surface = thumbnail ? render::thumbnail_surface(*thumbnail) : Result<render::Surface>(thumbnail.error());
  const Status saved =
      surface ? render::save_png(surface->get(), cache::beside(database, cache::kReportPictureFile)) : Status(surface.error());
  if (saved) {
    state.picture_taken = state.written;
    state.picture_width = size.width;
    state.picture_height = size.height;
  } else {
    problems.push_back(saved.error());
  }
  if (const Status s = replace_file(cache::beside(database, cache::kReportFile), display_report_json(state, counts)); !s) {
    problems.push_back(s.error());
  }
  return problems;
}

}  // namespace kiosk::app
