// The flags of docs/fleet.md, each judged from one report and the moment.
#include "fleet/judge.h"

#include <algorithm>

namespace kiosk::fleet {
namespace {

using std::chrono::seconds;

std::int64_t secs(std::chrono::seconds s) { return s.count(); }

bool sync_ok(const std::string& outcome) { return outcome == "updated" || outcome == "up to date"; }

std::uint64_t shown(const DisplayState& d) { return d.built_in ? 0 : d.content_version; }

// The problems of a report that could be read.
std::vector<Problem> problems_of(const Report& r, const JudgeOptions& o, std::optional<std::uint64_t> published) {
  std::vector<Problem> p;
  const std::int64_t silent_after = 2 * secs(o.check_interval) + secs(kSilentSlack);
  if (!r.sent || o.now - *r.sent > silent_after) p.push_back({.flag = Flag::kSilent, .detail = "", .since = r.sent});
  const auto& d = r.display;
  if (!d || !d->written || (r.sent && *r.sent - *d->written > secs(kDisplayStoppedAfter))) {
    p.push_back({.flag = Flag::kDisplayStopped, .detail = "", .since = d ? d->written : std::nullopt});
  }
  if (d && ((published && shown(*d) < *published) || d->stale)) {
    p.push_back({.flag = Flag::kStale, .detail = d->stale_reason, .count = static_cast<std::int64_t>(shown(*d))});
  }
  if (d && d->screen_on && !d->render_ok) p.push_back({.flag = Flag::kBlackScreen, .detail = d->render_problem});
  if (!sync_ok(r.sync.outcome)) {
    p.push_back({.flag = Flag::kSyncFailing,
                 .detail = r.sync.outcome.empty() ? "no outcome" : r.sync.outcome,
                 .since = r.sync.last_success,
                 .last_error = r.sync.last_error});
  }
  if (d) {
    const auto recent = std::count_if(d->errors.begin(), d->errors.end(), [&](const DisplayError& e) {
      return e.at && *e.at > o.now - secs(kErrorWindow) && *e.at <= o.now;
    });
    if (recent > 0) {
      p.push_back({.flag = Flag::kErrors, .detail = d->errors.back().message, .count = static_cast<std::int64_t>(recent)});
    }
  }
  return p;
}

KioskRow row_of(const ReportFile& file, const Report& r, const JudgeOptions& o, std::optional<std::uint64_t> published) {
  KioskRow row{.id = file.id, .area = r.area, .last_sync = r.sync.last_success, .sent = r.sent, .picture = file.picture};
  if (r.display) {
    row.shown_version = shown(*r.display);
    row.built_in = r.display->built_in;
    row.screen = !r.display->screen_on ? Screen::kOff : r.display->render_ok ? Screen::kOn : Screen::kBlack;
    row.days = r.display->days;
  }
  if (r.kiosk != file.id) row.problems.push_back({.flag = Flag::kWrongId, .detail = r.kiosk});
  auto judged = problems_of(r, o, published);
  row.problems.insert(row.problems.end(), judged.begin(), judged.end());
  return row;
}

}  // namespace

bool KioskRow::has(Flag flag) const {
  return std::any_of(problems.begin(), problems.end(), [&](const Problem& p) { return p.flag == flag; });
}

std::size_t Fleet::needing_attention() const {
  return static_cast<std::size_t>(std::count_if(rows.begin(), rows.end(), [](const KioskRow& r) { return r.needs_attention(); }));
}

Fleet judge_fleet(const std::vector<ReportFile>& files, const JudgeOptions& options) {
  Fleet fleet{.published_version = options.published_version, .now = options.now};
  std::vector<std::pair<const ReportFile*, Result<Report>>> read;
  for (const auto& file : files) {
    read.emplace_back(&file, file.json ? parse_report(*file.json) : Result<Report>(make_error(file.problem)));
    if (!file.picture_problem.empty()) fleet.messages.push_back(file.picture_problem + " (shown without its picture)");
  }
  if (!fleet.published_version) {
    for (const auto& [file, report] : read) {
      if (report && report->sync.content_version) {
        fleet.published_version = std::max(fleet.published_version.value_or(0), *report->sync.content_version);
        fleet.published_from_reports = true;
      }
    }
  }
  for (const auto& [file, report] : read) {
    if (report) {
      fleet.rows.push_back(row_of(*file, *report, options, fleet.published_version));
      continue;
    }
    // A file's own problem already names it; parse_report's does not.
    const std::string message = file->json ? file->where + ": " + report.error().message : report.error().message;
    fleet.messages.push_back(message);
    fleet.rows.push_back({.id = file->id, .problems = {{.flag = Flag::kBadReport, .detail = message}}, .picture = file->picture});
  }
  std::stable_sort(fleet.rows.begin(), fleet.rows.end(), [](const KioskRow& a, const KioskRow& b) {
    if (a.needs_attention() != b.needs_attention()) return a.needs_attention();
    return a.id < b.id;
  });
  return fleet;
}

std::string short_words(const Problem& p) {
  switch (p.flag) {
    case Flag::kBadReport: return "bad report";
    case Flag::kWrongId: return "wrong id";
    case Flag::kSilent: return "silent";
    case Flag::kDisplayStopped: return "display stopped";
    case Flag::kStale: return "stale";
    case Flag::kBlackScreen: return "black screen";
    case Flag::kSyncFailing: return "sync failing";
    case Flag::kErrors: return std::to_string(p.count) + (p.count == 1 ? " error" : " errors");
  }
  return "";
}

}  // namespace kiosk::fleet
