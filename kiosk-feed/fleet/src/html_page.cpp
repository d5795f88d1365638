// The page for staff: Danish like the staff guide, legible on an office screen (system fonts, 20 px
// text), a kiosk needing attention marked by a red edge and tint and by the words "Kræver
// opmærksomhed". Self-contained: the style inline, the pictures as data: URIs, no script.
#include <sodium.h>

#include "fleet/output.h"
#include "words.h"

namespace kiosk::fleet {
namespace {

using detail::Words;

constexpr const char* kStyle = R"(
body { font-family: system-ui, -apple-system, "Segoe UI", "Noto Sans", sans-serif; font-size: 18px; line-height: 1.4;
       color: #1a1a1a; background: #ffffff; margin: 1.5em; }
h1 { font-size: 1.8em; margin: 0 0 0.3em; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: 0.5em; border-bottom: 1px solid #999999; }
td:last-child { min-width: 14em; overflow-wrap: anywhere; }
th { background: #eeeeee; }
tr.attention td { background: #fde8e8; }
tr.attention td:first-child { border-left: 8px solid #a8001c; }
tr.ok td:first-child { border-left: 8px solid #1d6b35; }
.state { font-weight: bold; }
tr.attention .state { color: #8a0016; }
tr.ok .state { color: #14532a; }
img { width: 200px; border: 1px solid #666666; }
ul { margin: 0.2em 0 0; padding-left: 1.2em; }
.summary { font-size: 1.2em; font-weight: bold; }
)";

std::string base64(const std::string& bytes) {
  std::string out(sodium_base64_ENCODED_LEN(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(),
                    sodium_base64_VARIANT_ORIGINAL);
  out.resize(out.size() - 1);  // the terminating NUL
  return out;
}

std::string when(std::optional<std::int64_t> t) { return detail::local_time(t, Words::kDanish); }

// The render check's findings (the display's words, app/report.h) in Danish; other words as they are.
std::string render_problem(const std::string& problem) {
  if (problem == "the screen shows a single colour") return "hele billedet har én farve";
  if (problem == "the screen has not changed for too long") return "billedet har ikke ændret sig i for lang tid";
  return html_escaped(problem);
}

// The problem in a Danish sentence; the report's own words escaped.
std::string sentence(const Problem& p, const Fleet& fleet) {
  const std::string d = html_escaped(p.detail);
  switch (p.flag) {
    case Flag::kBadReport: return "Rapporten kan ikke læses: " + d;
    case Flag::kWrongId: return "Rapporten kalder skærmen &quot;" + d + "&quot;; den vises under filens navn.";
    case Flag::kSilent:
      return p.since ? "Tavs: sidste rapport kom for " + detail::age(p.since, fleet.now, Words::kDanish) + " siden (" + when(p.since) + ")."
                     : "Tavs: rapporten har intet tidspunkt.";
    case Flag::kDisplayStopped:
      return p.since ? "Skærmprogrammet kører ikke: det skrev sidst sin tilstand " + when(p.since) + "."
                     : "Skærmprogrammet kører ikke: det har aldrig skrevet sin tilstand.";
    case Flag::kStale:
      return "Forældet indhold: viser version " + std::to_string(p.count) + ", udgivet er " +
             (fleet.published_version ? std::to_string(*fleet.published_version) : "ukendt") + (d.empty() ? "." : " (" + d + ").");
    case Flag::kBlackScreen:
      return "Sort skærm: skærmen er tændt, men billedet fejler" + (d.empty() ? "." : ": " + render_problem(p.detail) + ".");
    case Flag::kSyncFailing:
      return "Synkroniseringen fejler: &quot;" + d + "&quot;" + (p.last_error.empty() ? "" : " (" + html_escaped(p.last_error) + ")") +
             "; sidst lykkedes den " + when(p.since) + ".";
    case Flag::kErrors:
      return std::to_string(p.count) + " fejl det seneste døgn; den sidste: &quot;" + d + "&quot;.";
  }
  return "";
}

const char* screen_words(Screen s) {
  switch (s) {
    case Screen::kOn: return "tændt";
    case Screen::kOff: return "slukket (efter planen)";
    case Screen::kBlack: return "sort";
    case Screen::kUnknown: break;
  }
  return "ukendt";
}

std::string row_html(const KioskRow& row, const Fleet& fleet) {
  const std::string id = html_escaped(row.id);
  std::string html = std::string("<tr class=\"") + (row.needs_attention() ? "attention" : "ok") + "\">\n<td><strong>" + id +
                     "</strong><br>" + (row.area.empty() ? std::string("område ukendt") : html_escaped(row.area)) +
                     "<br><span class=\"state\">" + (row.needs_attention() ? "Kræver opmærksomhed" : "I orden") + "</span></td>\n";
  html += "<td>" + (row.picture ? "<img src=\"data:image/png;base64," + base64(*row.picture) + "\" alt=\"Skærmbillede fra " + id + "\">"
                                : std::string("Intet billede")) + "</td>\n";
  html += "<td>" + (row.shown_version ? std::to_string(*row.shown_version) : std::string("ukendt")) + " / " +
          (fleet.published_version ? std::to_string(*fleet.published_version) : std::string("ukendt")) + "</td>\n";
  html += "<td>" + when(row.last_sync) + "</td>\n";
  html += "<td>" + (row.sent ? "for " + detail::age(row.sent, fleet.now, Words::kDanish) + " siden" : std::string("aldrig")) + "</td>\n";
  html += std::string("<td>") + screen_words(row.screen) + "</td>\n<td>";
  if (row.problems.empty()) {
    html += "Ingen";
  } else {
    html += "<ul>";
    for (const auto& p : row.problems) html += "<li>" + sentence(p, fleet) + "</li>";
    html += "</ul>";
  }
  return html + "</td>\n</tr>\n";
}

}  // namespace

std::string html_escaped(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string html_page(const Fleet& fleet, std::string_view source) {
  const std::size_t flagged = fleet.needing_attention();
  const std::string summary = std::to_string(fleet.rows.size()) + (fleet.rows.size() == 1 ? " skærm, " : " skærme, ") +
                              std::to_string(flagged) + " kræver opmærksomhed";
  std::string html = "<!DOCTYPE html>\n<html lang=\"da\">\n<head>\n<meta charset=\"utf-8\">\n"
                     "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>Alle skærme: " + summary +
                     "</title>\n<style>" + kStyle + "</style>\n</head>\n<body>\n<h1>Alle skærme</h1>\n";
  html += "<p>Rapporterne i " + html_escaped(source) + ", læst " + when(fleet.now) + ". Udgivet version: " +
          (fleet.published_version ? std::to_string(*fleet.published_version) : std::string("ukendt")) +
          (fleet.published_from_reports ? " (den nyeste, en skærm har rapporteret)" : "") + ".</p>\n";
  html += "<p class=\"summary\">" + summary + "</p>\n";
  html += "<table>\n<thead><tr><th>Skærm og område</th><th>Billede</th><th>Version vist / udgivet</th>"
          "<th>Sidst synkroniseret</th><th>Sidste rapport</th><th>Skærmen</th><th>Problemer</th></tr></thead>\n<tbody>\n";
  for (const auto& row : fleet.rows) html += row_html(row, fleet);
  html += "</tbody>\n</table>\n";
  if (!fleet.messages.empty()) {
    html += "<h2>Filer, der ikke kunne bruges</h2>\n<ul>\n";
    for (const auto& m : fleet.messages) html += "<li>" + html_escaped(m) + "</li>\n";
    html += "</ul>\n";
  }
  return html + "</body>\n</html>\n";
}

}  // namespace kiosk::fleet
