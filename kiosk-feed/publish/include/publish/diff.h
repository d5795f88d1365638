// What changed between two published feeds, in plain words for staff who are not programmers: the
// core of `kiosk-feed diff OLD NEW`. Pure: it compares two model::Feed values and makes text, it
// reads no file and knows no JSON.
//
// Areas, criteria, milestones, results, notices and events are matched by id, national counts by list date and
// pictures (feed.assets) by hash. Ids are assumed unique, as model::validate() ensures; with a
// duplicate only the first item of that id is compared.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "model/content.h"

namespace kiosk::publish {

// One difference, as one line of English without a newline, e.g.
//   result "vive-2024-status" added: "Boligområderne i 2024"
//   area "vollsmose": list 2024: none -> omdannelse
// Short text values (titles, names, links) are quoted and cut to at most kQuotedChars characters
// ("..." marks a cut); long texts (bodies, notes, criterion texts) and every translation are only
// named ("body changed", "translation ar.title added", "chart translation ar.unit changed").
struct Change {
  enum class Kind { kAdded, kRemoved, kChanged };
  Kind kind = Kind::kChanged;
  std::string what;
  friend bool operator==(const Change&, const Change&) = default;
};

inline constexpr std::size_t kQuotedChars = 60;  // Unicode code points, "..." included, quotes not

struct FeedDiff {
  // Always present, even for identical feeds: "version 6 -> 7; issued 2026-11-20 -> 2026-11-27;
  // expires 2026-12-04 -> 2026-12-11". A value that did not change is given once ("version 7").
  std::string header;

  // Grouped in this order: feed header (format, source), areas, national counts, criteria,
  // milestones, results, notices, events, pictures. Within a group: added and changed items in NEW's order, then
  // removed items in OLD's order, then "order changed" if the common items were reordered.
  std::vector<Change> changes;

  // True when nothing but version, issued and expires differs.
  bool empty() const { return changes.empty(); }
};

FeedDiff diff(const model::Feed& old_feed, const model::Feed& new_feed);

// Bytes as staff read file sizes: "340 KB", "2.4 MB" (1 KB = 1024 bytes, as file managers count).
std::string size_text(std::uint64_t bytes);

// The text kiosk-feed prints: the header line, then one line per change, or "no content changes".
// Every line ends in '\n'.
std::string format(const FeedDiff& diff);

}  // namespace kiosk::publish
