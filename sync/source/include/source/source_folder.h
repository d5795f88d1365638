// The folder staff edit to make a feed, so nobody writes JSON by hand:
//
//   content.toml        the feed's settings, the areas with their lists, the national counts, the
//                       criteria and the milestones
//   results/<id>.txt    one result each: a few "heading: value" lines (title, date, publisher, link,
//                       areas, picture, and a chart's series), a blank line, then plain paragraphs;
//                       the first paragraph is the summary on the slide, the rest the full text
//   results/<picture>   the pictures the results name
//   notices/<id>.txt    one notice each (notice_file.cpp): title, level, from, until, areas, picture
//                       headings, a blank line, then its text
//   events/<id>.txt     one event each (event_file.cpp): title, when, until, place, areas, then text
//   <dir>/<id>.<language>.txt   a translation of any of them
//
// Times in the files are local times of content.toml's [feed] time_zone ("2026-12-01 15:00"); the
// model holds unix seconds. A notice without 'until:' ends [notices] default_days after its 'from:'.
//
// docs/staff-guide.md describes it for staff (in Danish). Reading checks everything a person can get
// wrong and names the file and line: `results/vollsmose.txt:2: date: "2024-13" is not a real date ...`.
// Everything that follows (limits, references) is checked once more by model::validate when the
// feed is built. What is most likely a mistake but may be meant is a warning, also with its file
// and line: a heading after the blank line that ends the headings, a result dated after today, a
// picture in results/ that no result shows.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "model/content.h"
#include "platform/result.h"
#include "source/local_time.h"

namespace kiosk::source {

inline constexpr const char* kContentFile = "content.toml";
inline constexpr const char* kResultsDir = "results";
inline constexpr const char* kNoticesDir = "notices";
inline constexpr const char* kEventsDir = "events";
inline constexpr int kDefaultExpiresDays = 14;
inline constexpr int kDefaultNoticeDays = 7;

struct SourceFolder {
  model::Content content;  // results in file-name order; Result::image empty (pictures below)
  std::string source;      // [feed] source: who publishes and from what; recorded in feed.json
  int expires_days = kDefaultExpiresDays;            // [feed] expires_days: 1..365
  std::string time_zone = kDefaultTimeZone;          // [feed] time_zone: the files' times are its local times
  int notice_days = kDefaultNoticeDays;              // [notices] default_days: 1..365
  std::map<std::string, std::string> pictures;       // result id -> picture file path
  std::map<std::string, std::string> result_files;   // result id -> "results/<file>.txt"
  std::map<std::string, std::string> notice_pictures;  // notice id -> picture file path
  // Every notice and event file read, ended ones too: id -> "notices/<file>.txt", "events/<file>.txt"
  std::map<std::string, std::string> notice_files;
  std::map<std::string, std::string> event_files;
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
// `now` (unix seconds; else the start of `today`, if given) is the time of the build: a notice or an
// event that has ended by then is left out of the content, with a warning to delete its file.
Result<SourceFolder> read_source(const std::string& dir, const std::optional<model::PartialDate>& today = std::nullopt,
                                 std::optional<std::int64_t> now = std::nullopt);

// Writes a source folder holding `content` (what `kiosk-feed init` does with the default content),
// its times in Europe/Copenhagen. `dir` must not exist or be empty.
Status write_source(const std::string& dir, const model::Content& content, const std::string& source);

}  // namespace kiosk::source
