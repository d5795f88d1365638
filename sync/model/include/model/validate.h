// What a feed must satisfy before any of it is stored or shown. The display code relies on these
// invariants (ids unique and well-formed, text valid UTF-8 and of bounded length, references
// resolvable), so a feed that breaks one is rejected whole; nothing of it is applied.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "model/content.h"
#include "platform/ids.h"
#include "platform/result.h"

namespace kiosk::model {

// Limits, in characters (Unicode code points) for text and in items for lists. docs/feed-format.md
// lists the same numbers; keep them in step.
struct Limits {
  static constexpr std::size_t kIdChars = kMaxIdChars;
  static constexpr std::size_t kNameChars = 80;
  static constexpr std::size_t kNoteChars = 400;
  static constexpr std::size_t kTitleChars = 120;
  static constexpr std::size_t kCriterionTextChars = 600;
  static constexpr std::size_t kCriterionSummaryChars = 80;
  static constexpr std::size_t kMilestoneTextChars = 1000;
  static constexpr std::size_t kSummaryChars = 400;
  static constexpr std::size_t kBodyChars = 8000;
  static constexpr std::size_t kPublisherChars = 120;
  static constexpr std::size_t kUnitChars = 20;
  static constexpr std::size_t kLabelChars = 20;
  static constexpr std::size_t kLinkBytes = 2048;
  static constexpr std::size_t kSourceChars = 400;
  static constexpr std::size_t kNoticeTitleChars = 80;   // read from across a room, in large text
  static constexpr std::size_t kNoticeTextChars = 400;
  static constexpr std::size_t kPlaceChars = 120;
  static constexpr std::size_t kEventTextChars = 1000;

  static constexpr std::size_t kAreas = 1000;
  static constexpr std::size_t kCategoryYears = 100;
  static constexpr std::size_t kNationalCounts = 100;
  static constexpr std::size_t kCriteria = 20;
  static constexpr std::size_t kMilestones = 200;
  static constexpr std::size_t kResults = 5000;
  static constexpr std::size_t kNotices = 100;
  static constexpr std::size_t kEvents = 500;
  static constexpr std::size_t kNoticeAreas = 100;  // also an event's areas
  // Versions are 1 to 2^63-1: the cache stores them in SQLite's signed 64-bit INTEGER, and a
  // number near the top would leave no room for the versions after it.
  static constexpr std::uint64_t kMaxVersion = 9223372036854775807ull;
  static constexpr std::size_t kResultAreas = 100;
  static constexpr std::size_t kSeriesPoints = 50;
  static constexpr std::size_t kAssets = 2000;

  static constexpr int kMinYear = 1990;
  static constexpr int kMaxYear = 2100;
  static constexpr int kMaxCount = 100000;
  static constexpr std::uint64_t kMaxAssetBytes = 32ull << 20;
};

inline constexpr int kFeedFormat = 1;

// Denmark's bounding box (with Bornholm and Skagen, a margin of a few kilometres). The feed reader
// accepts any position on the globe; kiosk-feed refuses a source folder whose position is outside
// this box, since every area is in Denmark and a position outside it is a typing error.
struct GeoBox {
  double min_lat, max_lat, min_lon, max_lon;
};
inline constexpr GeoBox kDenmark{54.4, 57.9, 7.9, 15.3};
bool in_denmark(const GeoPosition& p);

// The problems found in a feed, each "<path>: <what>", collected rather than stopped at, so staff
// see every problem at once: the first kMaxReported are kept, the rest counted.
class Problems {
 public:
  static constexpr std::size_t kMaxReported = 20;
  void add(const std::string& path, const std::string& what);
  bool any() const { return count_ > 0; }
  // "feed is invalid:", then a problem a line and how many more there were.
  Error error() const;

 private:
  std::vector<std::string> lines_;
  std::size_t count_ = 0;
};

// Checks `feed` against every rule above. On failure the error lists each problem on its own line,
// each starting with its path in the feed ("content.results[3].title: ..."), at most 20 of them.
Status validate(const Feed& feed);

// Text helpers shared by the feed parser and the cache.
bool is_valid_utf8(std::string_view s);
std::size_t utf8_length(std::string_view s);  // code points; only meaningful for valid UTF-8
using kiosk::is_valid_id;                      // 1-64 of [a-z0-9-], platform/ids.h
bool is_sha256_hex(std::string_view s);        // 64 lowercase hex digits

// "2019", "2019-05" or "2019-05-14" (a real calendar day); anything else is an error.
kiosk::Result<PartialDate> parse_partial_date(std::string_view text);
std::string format_partial_date(const PartialDate& date);
bool is_valid_partial_date(const PartialDate& date);
int days_in_month(int year, int month);  // month 1-12; February has 29 in a leap year

// Enum <-> the words used in the feed.
std::string_view to_string(Category c);
std::string_view to_string(Track t);
std::string_view to_string(ChartKind k);
bool parse_category(std::string_view s, Category& out);
std::string category_words();  // every category word, in order, ", " between: for messages
bool parse_track(std::string_view s, Track& out);
bool parse_chart_kind(std::string_view s, ChartKind& out);
std::string_view to_string(NoticeLevel l);
bool parse_notice_level(std::string_view s, NoticeLevel& out);

}  // namespace kiosk::model
