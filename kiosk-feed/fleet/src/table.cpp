// The table: fixed columns within kTableWidth characters, counted in code points, so that a long id
// or area is cut with "…" rather than pushing the row wider.
#include <algorithm>
#include <array>

#include "fleet/output.h"
#include "words.h"

namespace kiosk::fleet {
namespace {

using detail::Words;

struct Column {
  const char* heading;
  std::size_t width;  // code points; the last column takes what is left
};

constexpr std::array kColumns = {Column{"kiosk", 16}, Column{"area", 12}, Column{"shown/pub", 9}, Column{"last sync", 11},
                                 Column{"report", 7}, Column{"screen", 6}, Column{"problems", 0}};
constexpr std::size_t kGap = 2;

bool continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

std::size_t code_points(const std::string& text) {
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) { return !continuation(c); }));
}

// A report's text on one line of a terminal: no control characters (no escape sequences, no line ends).
std::string printable(std::string text) {
  for (char& c : text) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) c = '?';
  }
  return text;
}

// `text` in `width` code points: cut with "…" when longer, padded with spaces when `pad`.
std::string fitted(const std::string& text, std::size_t width, bool pad) {
  std::string out = text;
  if (code_points(text) > width) {
    std::size_t keep = 0;
    for (std::size_t n = 0; keep < text.size(); ++keep) {
      if (!continuation(text[keep]) && n++ == width - 1) break;
    }
    out = text.substr(0, keep) + "…";
  }
  if (pad) out += std::string(width - std::min(width, code_points(out)), ' ');
  return out;
}

std::string version_cell(const KioskRow& row, const Fleet& fleet) {
  const std::string shown = row.shown_version ? std::to_string(*row.shown_version) : "-";
  return shown + " / " + (fleet.published_version ? std::to_string(*fleet.published_version) : "?");
}

const char* screen_word(Screen s) {
  switch (s) {
    case Screen::kOn: return "on";
    case Screen::kOff: return "off";
    case Screen::kBlack: return "black";
    case Screen::kUnknown: break;
  }
  return "-";
}

std::string problems_cell(const KioskRow& row) {
  std::string cell;
  for (const auto& p : row.problems) cell += (cell.empty() ? "" : ", ") + short_words(p);
  return cell.empty() ? "ok" : cell;
}

std::string line_of(const std::array<std::string, kColumns.size()>& cells) {
  std::size_t used = 0;
  std::string line;
  for (std::size_t i = 0; i < kColumns.size(); ++i) {
    const bool last = i + 1 == kColumns.size();
    const std::size_t width = last ? kTableWidth - used : kColumns[i].width;
    line += fitted(printable(cells[i]), width, !last);
    if (!last) line += std::string(kGap, ' ');
    used += width + kGap;
  }
  while (!line.empty() && line.back() == ' ') line.pop_back();
  return line + "\n";
}

}  // namespace

std::string describe(const Problem& p, const Fleet& fleet) {
  const std::int64_t now = fleet.now;
  const auto when = [&](std::optional<std::int64_t> t) { return detail::local_time(t, Words::kEnglish); };
  switch (p.flag) {
    case Flag::kBadReport: return "bad report: " + p.detail;
    case Flag::kWrongId: return "wrong id: the report names itself \"" + p.detail + "\"; shown by its file's name";
    case Flag::kSilent:
      return p.since ? "silent: the last report was sent " + detail::age(p.since, now, Words::kEnglish) + " ago, " + when(p.since)
                     : "silent: the report says no time it was sent";
    case Flag::kDisplayStopped:
      return p.since ? "display stopped: it last wrote its state " + when(p.since) + ", long before the report was sent"
                     : "display stopped: the display has never written its state";
    case Flag::kStale:
      return "stale: shows version " + std::to_string(p.count) + ", published " +
             (fleet.published_version ? std::to_string(*fleet.published_version) : "unknown") +
             (p.detail.empty() ? "" : " (" + p.detail + ")");
    case Flag::kBlackScreen: return "black screen: the render check failed" + (p.detail.empty() ? "" : ": " + p.detail);
    case Flag::kSyncFailing:
      return "sync failing: \"" + p.detail + "\"" + (p.last_error.empty() ? "" : " (" + p.last_error + ")") +
             "; the last successful check " + (p.since ? "was " + when(p.since) : "never was");
    case Flag::kErrors:
      return std::to_string(p.count) + (p.count == 1 ? " error" : " errors") + " in the last 24 hours, the last: \"" + p.detail + "\"";
  }
  return "";
}

std::string format_table(const Fleet& fleet) {
  std::string out = "Published version: " + (fleet.published_version ? std::to_string(*fleet.published_version) : "unknown") +
                    (fleet.published_from_reports ? " (newest reported)" : "") + "\n\n";
  std::array<std::string, kColumns.size()> headings;
  for (std::size_t i = 0; i < kColumns.size(); ++i) headings[i] = kColumns[i].heading;
  out += line_of(headings);
  for (const auto& row : fleet.rows) {
    out += line_of({row.id, row.area.empty() ? "-" : row.area, version_cell(row, fleet), detail::local_time_short(row.last_sync, Words::kEnglish),
                    detail::age(row.sent, fleet.now, Words::kEnglish), screen_word(row.screen), problems_cell(row)});
  }
  std::string details;
  for (const auto& row : fleet.rows) {
    for (const auto& p : row.problems) details += printable(row.id + ": " + describe(p, fleet)) + "\n";
  }
  if (!details.empty()) out += "\n" + details;
  const std::size_t flagged = fleet.needing_attention();
  out += "\n" + std::to_string(fleet.rows.size()) + (fleet.rows.size() == 1 ? " kiosk, " : " kiosks, ") + std::to_string(flagged) +
         (flagged == 1 ? " needs attention\n" : " need attention\n");
  return out;
}

}  // namespace kiosk::fleet
