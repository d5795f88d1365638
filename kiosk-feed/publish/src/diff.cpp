// Every kind of list item is described by the same four overloads: its key (id or list date), its
// label (`area "vollsmose"`), what it is when added or removed (`Vollsmose (Odense)`) and what
// changed in it, field by field (`name "A" -> "B"`). diff_items() pairs the items of the two feeds
// by key and turns those descriptions into lines.
#include "publish/diff.h"

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <map>
#include <optional>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "model/validate.h"

namespace kiosk::publish {
namespace {

using Kind = Change::Kind;

// What changed inside one item, one entry per field: `title "A" -> "B"`, `body changed`.
using Details = std::vector<std::string>;

// ---- Words

// `s` cut to at most `max_chars` code points, "..." included, never inside a UTF-8 sequence. Line
// breaks and tabs become spaces so that a change stays on one line.
std::string shorten(std::string_view s, std::size_t max_chars) {
  const bool cut = model::utf8_length(s) > max_chars;
  const std::size_t keep = cut ? max_chars - 3 : max_chars;
  std::string out;
  std::size_t chars = 0;
  for (const char c : s) {
    const bool starts_char = (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    if (starts_char && chars++ == keep) break;
    out += (c == '\n' || c == '\r' || c == '\t') ? ' ' : c;
  }
  if (cut) {
    while (!out.empty() && out.back() == ' ') out.pop_back();
    out += "...";
  }
  return out;
}

static_assert(kQuotedChars > 3, "room for the text and \"...\"");
std::string quoted(std::string_view s) { return "\"" + shorten(s, kQuotedChars) + "\""; }

std::string count_of(std::size_t n, std::string_view one, std::string_view many) {
  return std::to_string(n) + " " + std::string(n == 1 ? one : many);
}

// A UTC day, with the time only when it is not midnight: "2026-11-27", "2026-11-27 14:30 UTC".
std::string utc_time(std::int64_t unix_seconds) {
  using namespace std::chrono;
  const sys_seconds t{seconds{unix_seconds}};
  const sys_days day = floor<days>(t);
  const year_month_day ymd{day};
  const hh_mm_ss time{t - day};
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                static_cast<unsigned>(ymd.day()));
  std::string text = buf;
  if (time.to_duration() == 0s) return text;
  std::snprintf(buf, sizeof buf, " %02d:%02d", static_cast<int>(time.hours().count()),
                static_cast<int>(time.minutes().count()));
  text += buf;
  if (time.seconds() != 0s) {
    std::snprintf(buf, sizeof buf, ":%02d", static_cast<int>(time.seconds().count()));
    text += buf;
  }
  return text + " UTC";
}

std::string position_text(const std::optional<model::GeoPosition>& p) {
  if (!p) return "none";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.8g, %.8g", p->lat, p->lon);
  return std::string(buf) + (p->approximate ? " (approximate)" : "");
}

std::string date_text(const model::PartialDate& d) { return model::format_partial_date(d); }

// ---- Field comparisons

// A value shown as it is (dates, enum words, numbers): `track physical -> both`.
void value_field(Details& d, std::string_view label, const std::string& before, const std::string& after) {
  if (before == after) return;
  d.push_back(std::string(label) + " " + before + " -> " + after);
}

// A short text shown quoted: `title "A" -> "B"`, `link added: "https://..."`.
void short_field(Details& d, std::string_view label, const std::string& before, const std::string& after) {
  if (before == after) return;
  const std::string l(label);
  if (before.empty()) {
    d.push_back(l + " added: " + quoted(after));
  } else if (after.empty()) {
    d.push_back(l + " removed: " + quoted(before));
  } else if (quoted(before) == quoted(after)) {
    d.push_back(l + " changed");  // the difference is past the cut or in white space
  } else {
    d.push_back(l + " " + quoted(before) + " -> " + quoted(after));
  }
}

// A long text only named: `body changed`, `note added`.
void long_field(Details& d, std::string_view label, const std::string& before, const std::string& after) {
  if (before == after) return;
  const char* how = before.empty() ? " added" : after.empty() ? " removed" : " changed";
  d.push_back(std::string(label) + how);
}

// Each translated text added, changed or removed, only named: `translation ar.title added`. The
// texts are named as staff write them in content.toml.
void translations(Details& d, const model::Translations& before, const model::Translations& after, const std::string& prefix = "") {
  std::map<std::pair<std::string, std::string>, std::pair<std::string, std::string>> texts;  // (language, field) -> was, now
  for (const auto& [language, fields] : before) {
    for (const auto& [field, text] : fields) texts[{language, field}].first = text;
  }
  for (const auto& [language, fields] : after) {
    for (const auto& [field, text] : fields) texts[{language, field}].second = text;
  }
  for (const auto& [which, was_now] : texts) {
    long_field(d, prefix + "translation " + which.first + "." + which.second, was_now.first, was_now.second);
  }
}

// ---- Areas

std::string key(const model::Area& a) { return a.id; }
std::string label(const model::Area& a) { return "area \"" + a.id + "\""; }
std::string describe(const model::Area& a) { return a.name + " (" + a.kommune + ")"; }

void details(Details& d, const model::Area& before, const model::Area& after) {
  short_field(d, "name", before.name, after.name);
  short_field(d, "kommune", before.kommune, after.kommune);
  // A year missing from the list is "not given" (the status slide says "ikke oplyst"); a year marked
  // "none" says the area was on no list (the slide says "Ikke på listen").
  std::map<int, std::pair<std::optional<model::Category>, std::optional<model::Category>>> years;
  for (const auto& c : before.categories) years[c.year].first = c.category;
  for (const auto& c : after.categories) years[c.year].second = c.category;
  const auto word = [](const std::optional<model::Category>& c) {
    return c ? std::string(model::to_string(*c)) : std::string("not given");
  };
  for (const auto& [year, was_now] : years) {
    value_field(d, "list " + std::to_string(year) + ":", word(was_now.first), word(was_now.second));
  }
  if (before.position != after.position) {
    const std::string was = position_text(before.position);
    const std::string now = position_text(after.position);
    d.push_back(was == now ? std::string("map position changed") : "map position " + was + " -> " + now);
  }
  long_field(d, "note", before.note, after.note);
  translations(d, before.translations, after.translations);
}

// ---- National counts

std::string key(const model::NationalCounts& n) { return date_text(n.date); }
std::string label(const model::NationalCounts& n) { return "list " + date_text(n.date); }

std::string optional_count(const std::optional<int>& n) { return n ? std::to_string(*n) : "none"; }

std::string describe(const model::NationalCounts& n) {
  std::string s = "udsatte " + std::to_string(n.udsatte) + ", parallelsamfund " + std::to_string(n.parallelsamfund) +
                  ", omdannelse " + std::to_string(n.omdannelse);
  if (n.forebyggelse) s += ", forebyggelse " + std::to_string(*n.forebyggelse);
  return s;
}

// One line for all numbers of a list: `udsatte 67 -> 65, forebyggelse 56 -> 58`.
void details(Details& d, const model::NationalCounts& before, const model::NationalCounts& after) {
  Details numbers;
  value_field(numbers, "udsatte", std::to_string(before.udsatte), std::to_string(after.udsatte));
  value_field(numbers, "parallelsamfund", std::to_string(before.parallelsamfund), std::to_string(after.parallelsamfund));
  value_field(numbers, "omdannelse", std::to_string(before.omdannelse), std::to_string(after.omdannelse));
  value_field(numbers, "forebyggelse", optional_count(before.forebyggelse), optional_count(after.forebyggelse));
  if (numbers.empty()) return;
  std::string line;
  for (const auto& n : numbers) line += (line.empty() ? "" : ", ") + n;
  d.push_back(line);
}

// ---- Criteria

std::string key(const model::Criterion& c) { return c.id; }
std::string label(const model::Criterion& c) { return "criterion \"" + c.id + "\""; }
std::string describe(const model::Criterion& c) { return quoted(c.title); }

void details(Details& d, const model::Criterion& before, const model::Criterion& after) {
  short_field(d, "title", before.title, after.title);
  short_field(d, "summary", before.summary, after.summary);
  long_field(d, "text", before.text, after.text);
  translations(d, before.translations, after.translations);
}

// ---- Milestones

std::string key(const model::Milestone& m) { return m.id; }
std::string label(const model::Milestone& m) { return "milestone \"" + m.id + "\""; }
std::string describe(const model::Milestone& m) { return quoted(m.title) + " (" + date_text(m.when) + ")"; }

void details(Details& d, const model::Milestone& before, const model::Milestone& after) {
  value_field(d, "date", date_text(before.when), date_text(after.when));
  value_field(d, "track", std::string(model::to_string(before.track)), std::string(model::to_string(after.track)));
  short_field(d, "title", before.title, after.title);
  long_field(d, "text", before.text, after.text);
  translations(d, before.translations, after.translations);
}

// ---- Results

std::string key(const model::Result& r) { return r.id; }
std::string label(const model::Result& r) { return "result \"" + r.id + "\""; }
std::string describe(const model::Result& r) { return quoted(r.title); }

// An empty list means "all areas"; otherwise `areas: + vollsmose, - tingbjerg`.
void result_areas(Details& d, const std::vector<std::string>& before, const std::vector<std::string>& after) {
  if (before == after) return;
  const auto joined = [](const std::vector<std::string>& ids) {
    std::string s;
    for (const auto& id : ids) s += (s.empty() ? "" : ", ") + id;
    return ids.empty() ? std::string("all") : s;
  };
  if (before.empty() || after.empty()) {
    d.push_back("areas: " + joined(before) + " -> " + joined(after));
    return;
  }
  const std::unordered_set<std::string> was(before.begin(), before.end());
  const std::unordered_set<std::string> now(after.begin(), after.end());
  std::string parts;
  for (const auto& id : after) {
    if (!was.contains(id)) parts += (parts.empty() ? "+ " : ", + ") + id;
  }
  for (const auto& id : before) {
    if (!now.contains(id)) parts += (parts.empty() ? "- " : ", - ") + id;
  }
  d.push_back("areas: " + (parts.empty() ? std::string("order changed") : parts));
}

// The chart itself, then its translations.
void chart(Details& d, const std::optional<model::Series>& before, const std::optional<model::Series>& after) {
  if (before && after) translations(d, before->translations, after->translations, "chart ");
  const auto untranslated = [](std::optional<model::Series> s) {
    if (s) s->translations.clear();
    return s;
  };
  if (untranslated(before) == untranslated(after)) return;
  if (!before) {
    d.push_back("chart added (" + count_of(after->points.size(), "point", "points") + ")");
  } else if (!after) {
    d.push_back("chart removed");
  } else if (before->points.size() == after->points.size()) {
    d.push_back("chart changed (" + count_of(after->points.size(), "point", "points") + ")");
  } else {
    d.push_back("chart changed (" + std::to_string(before->points.size()) + " -> " +
                count_of(after->points.size(), "point", "points") + ")");
  }
}

// A time that may be left out: "2026-12-01 08:00 UTC", or "none".
std::string time_or_none(const std::optional<std::int64_t>& t) { return t ? utc_time(*t) : std::string("none"); }

void details(Details& d, const model::Result& before, const model::Result& after) {
  value_field(d, "date", date_text(before.date), date_text(after.date));
  value_field(d, "shown from", time_or_none(before.show_from), time_or_none(after.show_from));
  value_field(d, "shown until", time_or_none(before.show_until), time_or_none(after.show_until));
  short_field(d, "title", before.title, after.title);
  long_field(d, "summary", before.summary, after.summary);
  long_field(d, "body", before.body, after.body);
  short_field(d, "publisher", before.publisher, after.publisher);
  long_field(d, "picture", before.image, after.image);
  short_field(d, "link", before.link, after.link);
  result_areas(d, before.area_ids, after.area_ids);
  chart(d, before.series, after.series);
  translations(d, before.translations, after.translations);
}

// ---- Notices and events

std::string key(const model::Notice& n) { return n.id; }
std::string label(const model::Notice& n) { return "notice \"" + n.id + "\""; }
std::string describe(const model::Notice& n) {
  return std::string(model::to_string(n.level)) + " " + quoted(n.title) + " (" +
         (n.show_from ? utc_time(*n.show_from) + " to " : "until ") + utc_time(n.show_until) + ")";
}

void details(Details& d, const model::Notice& before, const model::Notice& after) {
  value_field(d, "level", std::string(model::to_string(before.level)), std::string(model::to_string(after.level)));
  short_field(d, "title", before.title, after.title);
  long_field(d, "text", before.text, after.text);
  long_field(d, "picture", before.image, after.image);
  value_field(d, "from", time_or_none(before.show_from), time_or_none(after.show_from));
  value_field(d, "until", utc_time(before.show_until), utc_time(after.show_until));
  result_areas(d, before.area_ids, after.area_ids);
  translations(d, before.translations, after.translations);
}

std::string key(const model::Event& e) { return e.id; }
std::string label(const model::Event& e) { return "event \"" + e.id + "\""; }
std::string describe(const model::Event& e) { return quoted(e.title) + " (" + utc_time(e.starts) + ")"; }

void details(Details& d, const model::Event& before, const model::Event& after) {
  short_field(d, "title", before.title, after.title);
  value_field(d, "starts", utc_time(before.starts), utc_time(after.starts));
  value_field(d, "ends", time_or_none(before.ends), time_or_none(after.ends));
  short_field(d, "place", before.place, after.place);
  long_field(d, "text", before.text, after.text);
  result_areas(d, before.area_ids, after.area_ids);
  translations(d, before.translations, after.translations);
}

// ---- Lists matched by key

template <class Item>
void diff_items(const std::vector<Item>& before, const std::vector<Item>& after, std::string_view plural,
                std::vector<Change>& out) {
  std::unordered_map<std::string, const Item*> old_by_key;
  for (const auto& item : before) old_by_key.emplace(key(item), &item);  // the first of a duplicate id

  std::unordered_set<std::string> new_keys;
  std::vector<std::string> kept_in_new_order;
  for (const auto& item : after) {
    const std::string k = key(item);
    if (!new_keys.insert(k).second) continue;
    const auto found = old_by_key.find(k);
    if (found == old_by_key.end()) {
      out.push_back({Kind::kAdded, label(item) + " added: " + describe(item)});
      continue;
    }
    kept_in_new_order.push_back(k);
    Details d;
    details(d, *found->second, item);
    for (const auto& what : d) out.push_back({Kind::kChanged, label(item) + ": " + what});
  }

  std::unordered_set<std::string> old_keys;
  std::vector<std::string> kept_in_old_order;
  for (const auto& item : before) {
    const std::string k = key(item);
    if (!old_keys.insert(k).second) continue;
    if (new_keys.contains(k)) {
      kept_in_old_order.push_back(k);
    } else {
      out.push_back({Kind::kRemoved, label(item) + " removed: " + describe(item)});
    }
  }
  if (kept_in_old_order != kept_in_new_order) out.push_back({Kind::kChanged, std::string(plural) + ": order changed"});
}

// Pictures are named by hash, which means nothing to staff, so they are only counted:
// "3 pictures added (2.4 MB), 1 removed (310 KB)".
void diff_pictures(const std::vector<model::AssetRef>& before, const std::vector<model::AssetRef>& after,
                   std::vector<Change>& out) {
  std::unordered_map<std::string, const model::AssetRef*> old_by_hash;
  for (const auto& a : before) old_by_hash.emplace(a.sha256, &a);
  std::unordered_map<std::string, const model::AssetRef*> new_by_hash;
  for (const auto& a : after) new_by_hash.emplace(a.sha256, &a);

  struct Tally {
    std::size_t count = 0;
    std::uint64_t bytes = 0;
  };
  Tally added, removed, changed;
  for (const auto& [hash, asset] : new_by_hash) {
    const auto found = old_by_hash.find(hash);
    if (found != old_by_hash.end() && *found->second == *asset) continue;
    Tally& t = found == old_by_hash.end() ? added : changed;
    ++t.count;
    t.bytes += asset->size;
  }
  for (const auto& [hash, asset] : old_by_hash) {
    if (new_by_hash.contains(hash)) continue;
    ++removed.count;
    removed.bytes += asset->size;
  }

  // The noun goes with the first number only: "1 picture added (..), 2 removed (..)".
  std::string line;
  const auto part = [&](const Tally& t, std::string_view what, bool with_size) {
    if (t.count == 0) return;
    line += line.empty() ? count_of(t.count, "picture", "pictures") : ", " + std::to_string(t.count);
    line += " " + std::string(what);
    if (with_size) line += " (" + size_text(t.bytes) + ")";
  };
  part(added, "added", true);
  part(removed, "removed", true);
  part(changed, "changed size or type", false);
  if (line.empty()) return;
  const Kind kind = changed.count == 0 && removed.count == 0 ? Kind::kAdded
                    : changed.count == 0 && added.count == 0 ? Kind::kRemoved
                                                             : Kind::kChanged;
  out.push_back({kind, line});
}

// "version 6 -> 7", or "version 7" when it is the same.
std::string was_now(std::string_view label, const std::string& before, const std::string& after) {
  return std::string(label) + " " + (before == after ? after : before + " -> " + after);
}

}  // namespace

std::string size_text(std::uint64_t bytes) {
  constexpr std::uint64_t kKB = 1024;
  constexpr std::uint64_t kMB = 1024 * kKB;
  char buf[32];
  if (bytes < kMB) {
    std::snprintf(buf, sizeof buf, "%llu KB", static_cast<unsigned long long>((bytes + kKB - 1) / kKB));
  } else {
    std::snprintf(buf, sizeof buf, "%.1f MB", static_cast<double>(bytes) / static_cast<double>(kMB));
  }
  return buf;
}


FeedDiff diff(const model::Feed& old_feed, const model::Feed& new_feed) {
  FeedDiff d;
  d.header = was_now("version", std::to_string(old_feed.version), std::to_string(new_feed.version)) + "; " +
             was_now("issued", utc_time(old_feed.issued), utc_time(new_feed.issued)) + "; " +
             was_now("expires", utc_time(old_feed.expires), utc_time(new_feed.expires));

  Details header;
  value_field(header, "format", std::to_string(old_feed.format), std::to_string(new_feed.format));
  long_field(header, "source", old_feed.source, new_feed.source);
  for (const auto& what : header) d.changes.push_back({Kind::kChanged, what});

  const model::Content& before = old_feed.content;
  const model::Content& after = new_feed.content;
  diff_items(before.areas, after.areas, "areas", d.changes);
  diff_items(before.national_counts, after.national_counts, "national counts", d.changes);
  diff_items(before.criteria, after.criteria, "criteria", d.changes);
  diff_items(before.milestones, after.milestones, "milestones", d.changes);
  diff_items(before.results, after.results, "results", d.changes);
  diff_items(before.notices, after.notices, "notices", d.changes);
  diff_items(before.events, after.events, "events", d.changes);
  diff_pictures(old_feed.assets, new_feed.assets, d.changes);
  return d;
}

std::string format(const FeedDiff& diff) {
  std::string text = diff.header + "\n";
  if (diff.empty()) return text + "no content changes\n";
  for (const auto& change : diff.changes) text += change.what + "\n";
  return text;
}

}  // namespace kiosk::publish
