// The content model: what a feed carries and what the display shows. Plain values, no behaviour but
// comparison; `validate()` (validate.h) decides whether a Content may be shown at all.
//
// Vocabulary follows the national lists of 1 December each year. The law renamed two categories in
// 2021 ("ghettoområde" -> "parallelsamfund", "hårdt ghettoområde" -> "omdannelsesområde"); the model
// keeps one category per legal level and the display picks the name in force for the list year.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace kiosk::model {

// The translations of one object's texts: language code ("ar") -> the feed's field name ("title")
// -> the text. Danish is the source and never a key here; a text without a translation is shown in
// Danish. Which languages and fields are allowed: model/translations.h.
using Translations = std::map<std::string, std::map<std::string, std::string>>;

// A calendar date whose month and day may be unknown ("2019", "2019-05", "2019-05-14").
struct PartialDate {
  int year = 0;
  int month = 0;  // 1-12, or 0 when only the year is known
  int day = 0;    // 1-31, or 0 when the day is unknown

  friend bool operator==(const PartialDate&, const PartialDate&) = default;
  friend auto operator<=>(const PartialDate&, const PartialDate&) = default;
};

// The level of an area on one year's list. Levels nest: every omdannelsesområde is a parallelsamfund,
// every parallelsamfund is udsat. Forebyggelse (from the 2021 list) is a separate, preventive list.
// Two values say less than a level: kNotParallelsamfund is known to be off the ghetto/parallelsamfund
// list that year but may be on the udsatte or forebyggelse list (so it is not kNone), and kUnknown
// states that the year's level is not known (shown as a year not listed is, "ikke oplyst").
enum class Category {
  kNone,                // on no list that year
  kUdsat,               // "udsat boligområde"
  kParallelsamfund,     // "ghettoområde" on the 2018-2020 lists
  kOmdannelse,          // "hårdt ghettoområde" on the 2018-2020 lists
  kForebyggelse,        // "forebyggelsesområde", lists from 2021
  kNotParallelsamfund,  // not on the ghetto/parallelsamfund list; udsat or forebyggelse not stated
  kUnknown,             // not known for that year
};

struct CategoryYear {
  int year = 0;  // the list of 1 December `year`
  Category category = Category::kNone;
  friend bool operator==(const CategoryYear&, const CategoryYear&) = default;
};

struct GeoPosition {
  double lat = 0;
  double lon = 0;
  bool approximate = false;  // only roughly the area's place, e.g. its town's
  friend bool operator==(const GeoPosition&, const GeoPosition&) = default;
};

struct Area {
  std::string id;       // stable slug, e.g. "vollsmose"
  std::string name;     // "Vollsmose"
  std::string kommune;  // "Odense"
  std::vector<CategoryYear> categories;  // ascending by year, each year at most once
  std::optional<GeoPosition> position;
  std::string note;  // provenance or caveats, may be empty
  Translations translations;  // of the note; names are proper names and stay as they are
  friend bool operator==(const Area&, const Area&) = default;
};

// The national headline counts of one list. The categories overlap (see Category).
struct NationalCounts {
  PartialDate date;  // the list date, normally 1 December
  int udsatte = 0;
  int parallelsamfund = 0;  // "ghettoområder" before 2021
  int omdannelse = 0;       // "hårde ghettoområder" before 2021
  std::optional<int> forebyggelse;  // no such list before 2021
  friend bool operator==(const NationalCounts&, const NationalCounts&) = default;
};

struct Criterion {
  std::string id;
  std::string title;
  std::string text;
  std::string summary;  // a short plain phrase for the status slide, or empty
  Translations translations;  // of title, text, summary
  friend bool operator==(const Criterion&, const Criterion&) = default;
};

enum class Track { kPhysical, kSocial, kBoth };

struct Milestone {
  std::string id;
  PartialDate when;
  Track track = Track::kBoth;
  std::string title;
  std::string text;
  Translations translations;  // of title, text
  friend bool operator==(const Milestone&, const Milestone&) = default;
};

enum class ChartKind { kBar, kLine };

struct SeriesPoint {
  std::string label;  // x axis label, e.g. "2019"
  double value = 0;
  friend bool operator==(const SeriesPoint&, const SeriesPoint&) = default;
};

// A small data series a result can show as a chart.
struct Series {
  std::string title;
  std::string unit;  // shown with the chart's title, e.g. "områder" or "%"
  ChartKind kind = ChartKind::kBar;
  std::vector<SeriesPoint> points;
  Translations translations;  // of title, unit (the points' labels are numbers and years)
  friend bool operator==(const Series&, const Series&) = default;
};

struct Result {
  std::string id;
  PartialDate date;
  std::string title;
  std::string summary;
  std::string body;
  std::string publisher;
  std::string image;  // sha256 (64 lowercase hex) of an asset in the feed, or empty
  std::string link;   // http(s) URL of the full report, or empty
  std::vector<std::string> area_ids;  // empty: concerns all areas
  std::optional<Series> series;
  Translations translations;  // of title, summary, body
  // Shown only from `show_from` (inclusive) until `show_until` (exclusive), unix seconds UTC, by the
  // kiosk's own clock; nothing: no bound on that side.
  std::optional<std::int64_t> show_from;
  std::optional<std::int64_t> show_until;
  friend bool operator==(const Result&, const Result&) = default;
};

// How a notice is shown: `kInfo` as a band on every slide and touch view; `kUrgent` as a whole screen
// of its own before every slide of the cycle, in large text.
enum class NoticeLevel { kInfo, kUrgent };

// A short message from the staff ("Varmen er afbrudt i blok 3 i dag 9-15"), shown from `show_from`
// until `show_until` by the kiosk's own clock, so that it is gone at its end also offline.
struct Notice {
  std::string id;
  NoticeLevel level = NoticeLevel::kInfo;
  std::string title;
  std::string text;   // may be empty
  std::string image;  // sha256 of an asset in the feed, or empty
  std::optional<std::int64_t> show_from;  // unix seconds UTC; nothing: from when it arrives
  std::int64_t show_until = 0;            // unix seconds UTC: a notice always ends
  std::vector<std::string> area_ids;      // empty: every area
  Translations translations;              // of title, text
  friend bool operator==(const Notice&, const Notice&) = default;
};

// Something that happens in the community centre ("Beboermøde", torsdag kl. 19, "Beboerhuset").
// Listed by the events slide ("Det sker") until it ends; one without an end until its day ends.
struct Event {
  std::string id;
  std::string title;
  std::int64_t starts = 0;            // unix seconds UTC
  std::optional<std::int64_t> ends;   // unix seconds UTC, after `starts`
  std::string place;                  // may be empty
  std::string text;                   // may be empty
  std::vector<std::string> area_ids;  // empty: every area
  Translations translations;          // of title, place, text
  friend bool operator==(const Event&, const Event&) = default;
};

struct Content {
  std::vector<Area> areas;
  std::vector<NationalCounts> national_counts;  // ascending by date
  std::vector<Criterion> criteria;
  std::vector<Milestone> milestones;
  std::vector<Result> results;
  std::vector<Notice> notices;
  std::vector<Event> events;  // in any order
  friend bool operator==(const Content&, const Content&) = default;
};

// A file the feed carries beside the manifest, addressed by its hash.
struct AssetRef {
  std::string sha256;      // 64 lowercase hex digits
  std::uint64_t size = 0;  // bytes
  std::string media_type;  // "image/png", "image/jpeg"
  friend bool operator==(const AssetRef&, const AssetRef&) = default;
};

// One published content version: the manifest of a feed.
struct Feed {
  int format = 1;
  std::uint64_t version = 0;  // only grows
  std::int64_t issued = 0;    // unix seconds, UTC
  std::int64_t expires = 0;   // unix seconds, UTC
  std::string source;         // who published it and from what, shown to staff
  Content content;
  std::vector<AssetRef> assets;
  friend bool operator==(const Feed&, const Feed&) = default;
};

}  // namespace kiosk::model
