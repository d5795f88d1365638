// What `kiosk-feed fleet` makes of the judged fleet (fleet/judge.h): the table for a terminal or a
// mail, one HTML page for a browser, and the daily counts as CSV for the evaluation office. Every
// text a report brought is made harmless where it goes: control characters out of the table, HTML
// escaped in the page, RFC 4180 quoting in the CSV.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "fleet/judge.h"

namespace kiosk::fleet {

inline constexpr std::size_t kTableWidth = 100;  // characters, the widest a line of the table is

// The published version's line, the table (one row a kiosk, each cell cut to its column with "…"),
// each problem of the kiosks needing attention in a sentence, and "N kiosks, M need attention".
// Times are local to Europe/Copenhagen, as the rest of kiosk-feed shows them.
std::string format_table(const Fleet& fleet);

// The problem in an English sentence, with its details: "sync failing: \"no network\" since
// 2026-12-01 08:15 (the last successful check)".
std::string describe(const Problem& problem, const Fleet& fleet);

// One self-contained HTML page (no script, no file beside it; the pictures inline as data: URIs) in
// Danish: a row a kiosk with its picture and its problems in words, those needing attention marked
// by colour and by words. `source` is the folder or URL read, shown in the heading.
std::string html_page(const Fleet& fleet, std::string_view source);

// The daily counts: "date,kiosk,area,slides_shown,touch_sessions,results_opened,chosen_da,..." (a
// column per language the kiosk has, in the kiosk's order), a row per kiosk per day, by date then
// kiosk, CRLF line ends and RFC 4180 quoting.
std::string counts_csv(const Fleet& fleet);

// `text` escaped for HTML text and attribute values: & < > " '.
std::string html_escaped(std::string_view text);

}  // namespace kiosk::fleet
