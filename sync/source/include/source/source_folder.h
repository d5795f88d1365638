// The folder staff edit to make a feed, so nobody writes JSON by hand:
//
//   content.toml        the feed's settings, the areas with their lists, the national counts, the
//                       criteria and the milestones
//   results/<id>.txt    one result each: a few "heading: value" lines (title, date, publisher, link,
//                       areas, picture, and a chart's series), a blank line, then plain paragraphs;
//                       the first paragraph is the summary on the slide, the rest the full text
//   results/<picture>   the pictures the results name
//
// docs/staff-guide.md describes it for staff (in Danish). Reading checks everything a person can get
// wrong and names the file and line: `results/vollsmose.txt:2: date: "2024-13" is not a real date ...`.
// Everything that follows (limits, references) is checked once more by model::validate when the
// feed is built. What is most likely a mistake but may be meant is a warning, also with its file
// and line: a heading after the blank line that ends the headings, a result dated after today, a
// picture in results/ that no result shows.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "model/content.h"
#include "platform/result.h"

namespace kiosk::source {

inline constexpr const char* kContentFile = "content.toml";
inline constexpr const char* kResultsDir = "results";
inline constexpr int kDefaultExpiresDays = 14;

struct SourceFolder {
  model::Content content;  // results in file-name order; Result::image empty (pictures below)
  std::string source;      // [feed] source: who publishes and from what; recorded in feed.json
  int expires_days = kDefaultExpiresDays;            // [feed] expires_days: 1..365
  std::map<std::string, std::string> pictures;       // result id -> picture file path
  std::map<std::string, std::string> result_files;   // result id -> "results/<file>.txt"
  // Where each part of the content was written, by its path in the feed: "content.results[2].title"
  // -> "results/vollsmose.txt:1", "content.areas[0]" -> "content.toml:12". So that a problem found
  // later, by the feed's validation, points at the line staff wrote.
  std::map<std::string, std::string> places;
  // "results/x.txt:7: ...", in the order of the files and their lines; the feed is built with them.
  std::vector<std::string> warnings;
};

// The file and line where the feed path `path` was written ("content.results[2].series.points[1]"
// -> "results/x.txt:9"), from the nearest recorded part; empty when nothing is known of it. `rest`,
// when given, receives what remains of the path below that part ("[1]").
std::string place_of(const SourceFolder& folder, const std::string& path, std::string* rest);

// Reads a source folder. All problems found are reported together, one per line, each with its
// file and line, and the warnings among them ("warning: results/x.txt:7: ..."). `today`, the date
// of the build, is what a result's date is compared with; without it no date is warned of.
Result<SourceFolder> read_source(const std::string& dir, const std::optional<model::PartialDate>& today = std::nullopt);

// Writes a source folder holding `content` (what `kiosk-feed init` does with the default content).
// `dir` must not exist or be empty.
Status write_source(const std::string& dir, const model::Content& content, const std::string& source);

}  // namespace kiosk::source
