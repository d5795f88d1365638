// Reading a source folder: content.toml through toml++, the result files line by line. Every
// problem is collected with its file and line and reported together.
#include <toml++/toml.h>

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "model/validate.h"
#include "platform/toml_depth.h"
#include "platform/toml_plain_error.h"
#include "source/source_folder.h"
#include "source_util.h"
#include "text_file.h"
#include "toml_text.h"

namespace kiosk::source {
namespace {

namespace fs = std::filesystem;
using detail::Problems;
using detail::in_quotes;
using detail::read_text;

constexpr int kMaxExpiresDays = 365;

// The fields of one [[area]], [[national]], ... table, read with their line numbers. A table whose
// texts may be translated (`translatable`) also takes them as `ar.title = "..."`: a table per
// language, read by translations().
class Fields {
 public:
  Fields(Problems& problems, const toml::table& table, std::string what, std::initializer_list<std::string_view> known,
         std::initializer_list<std::string_view> translatable = {})
      : problems_(problems), table_(table), what_(std::move(what)), known_(known), translatable_(translatable) {
    for (auto&& [key, node] : table) {
      if (is_known(key.str())) continue;
      if (!translatable_.empty() && node.is_table()) continue;  // a language: translations()
      std::string list;
      for (auto k : known) list += (list.empty() ? "" : ", ") + std::string(k);
      if (!translatable_.empty()) list += ", and translations such as ar." + std::string(translatable_.front());
      report(key.source().begin.line, "unknown key '" + std::string(key.str()) + "'; the keys are " + list);
    }
  }

  // The translations written `<language>.<field> = "..."`, each recorded in `places` under the feed
  // path `path` (".translations.ar.title"). Named with their line: a language not known, Danish, a
  // field that is not translated, and an empty text.
  model::Translations translations(std::map<std::string, std::string>& places, const std::string& path) {
    model::Translations out;
    std::string fields;
    for (auto f : translatable_) fields += (fields.empty() ? "" : ", ") + std::string(f);
    for (auto&& [key, node] : table_) {
      const auto* texts = node.as_table();
      if (translatable_.empty() || !texts || is_known(key.str())) continue;
      const std::string language(key.str());
      const std::size_t at = key.source().begin.line;
      if (language == model::kSourceLanguage) {
        report(at, "da." + std::string(texts->empty() ? "" : texts->cbegin()->first.str()) +
                       ": the Danish text is written without a language, e.g. " + std::string(translatable_.front()) + " = \"...\"");
        continue;
      }
      if (!model::is_translation_language(language)) {
        report(at, "unknown language '" + language + "'; the languages are " + model::translation_languages() +
                       " (a translation is written ar." + std::string(translatable_.front()) + " = \"...\")");
        continue;
      }
      for (auto&& [field_key, text] : *texts) {
        const std::string field(field_key.str());
        const std::size_t line = field_key.source().begin.line;
        const std::string name = language + "." + field;
        const auto s = text.value_exact<std::string>();
        if (std::find(translatable_.begin(), translatable_.end(), field) == translatable_.end()) {
          report(line, name + ": '" + field + "' is not translated; the texts translated here are " + fields);
        } else if (!s) {
          report(line, name + " must be text in quotes");
        } else if (s->empty()) {
          report(line, name + " is empty; write its translation, or remove the line to show the Danish " + field);
        } else {
          out[language][field] = *s;
          places[path + ".translations." + name] = std::string(kContentFile) + ":" + std::to_string(line);
        }
      }
    }
    return out;
  }

  std::size_t line() const { return table_.source().begin.line; }
  std::size_t line_of(std::string_view key) const {
    const auto* node = table_.get(key);
    return node ? node->source().begin.line : line();
  }
  void report(std::size_t at, const std::string& message) { problems_.add(kContentFile, at, what_ + ": " + message); }

  std::string text(std::string_view key, bool required) {
    const auto* node = table_.get(key);
    if (!node) {
      if (required) report(line(), "'" + std::string(key) + "' is missing");
      return {};
    }
    if (auto s = node->value_exact<std::string>()) return *s;
    report(node->source().begin.line, "'" + std::string(key) + "' must be text in quotes");
    return {};
  }

  std::optional<std::int64_t> integer(std::string_view key, bool required) {
    const auto* node = table_.get(key);
    if (!node) {
      if (required) report(line(), "'" + std::string(key) + "' is missing");
      return std::nullopt;
    }
    if (auto n = node->value_exact<std::int64_t>()) {
      if (*n >= 0 && *n <= model::Limits::kMaxCount) return *n;
      report(node->source().begin.line, "'" + std::string(key) + "' must be from 0 to " + std::to_string(model::Limits::kMaxCount));
      return std::nullopt;
    }
    report(node->source().begin.line, "'" + std::string(key) + "' must be a whole number");
    return std::nullopt;
  }

  std::optional<model::PartialDate> date(std::string_view key) {
    const std::string t = text(key, true);
    if (t.empty()) return std::nullopt;
    auto d = detail::read_date(t);
    if (!d) {
      report(line_of(key), "'" + std::string(key) + "': " + in_quotes(t) + " " + d.error().message);
      return std::nullopt;
    }
    return *d;
  }

  const toml::table& table() const { return table_; }

  // Records where this table and each of its keys stand, under the feed path `path`; `renames`
  // maps a key to its field in the feed where the names differ ("lists" -> "categories").
  void record(std::map<std::string, std::string>& places, const std::string& path,
              std::initializer_list<std::pair<std::string_view, std::string_view>> renames = {}) const {
    places[path] = std::string(kContentFile) + ":" + std::to_string(line());
    for (auto&& [key, node] : table_) {
      std::string field(key.str());
      for (const auto& [from, to] : renames) {
        if (field == from) field = to;
      }
      places[path + "." + field] = std::string(kContentFile) + ":" + std::to_string(node.source().begin.line);
    }
  }

 private:
  Problems& problems_;
  const toml::table& table_;
  std::string what_;

  bool is_known(std::string_view key) const { return std::find(known_.begin(), known_.end(), key) != known_.end(); }

  std::vector<std::string_view> known_;
  std::vector<std::string_view> translatable_;
};

// Each table of an array of tables such as [[area]], with a name for messages.
template <class F>
void each_table(Problems& problems, const toml::table& root, std::string_view name, F&& f) {
  const auto* node = root.get(name);
  if (!node) return;
  const auto* array = node->as_array();
  if (!array || !array->is_array_of_tables()) {
    problems.add(kContentFile, node->source().begin.line, "'" + std::string(name) + "' must be written as [[" + std::string(name) + "]] tables");
    return;
  }
  for (std::size_t i = 0; i < array->size(); ++i) f(*(*array)[i].as_table(), i);
}

std::string table_name(std::string_view kind, std::size_t index, const toml::table& t) {
  std::string name = "[[" + std::string(kind) + "]] " + std::to_string(index + 1);
  if (auto id = t["id"].value_exact<std::string>()) name += " " + in_quotes(*id);
  return name;
}

// An id that must be unique within its kind.
void check_id(Fields& f, const std::string& id, std::map<std::string, std::size_t>& seen) {
  if (id.empty()) return;
  if (!model::is_valid_id(id)) {
    f.report(f.line_of("id"), "id " + in_quotes(id) + " must be 1 to 64 of a-z, 0-9 and '-'");
  } else if (auto [it, fresh] = seen.emplace(id, f.line_of("id")); !fresh) {
    f.report(f.line_of("id"), "id " + in_quotes(id) + " is used twice (also on line " + std::to_string(it->second) + ")");
  }
}

// A year's category as staff write it: the letters of the published lists or a feed word.
constexpr std::pair<std::string_view, model::Category> kListLetters[] = {
    {"H", model::Category::kOmdannelse},
    {"P", model::Category::kParallelsamfund},
    {"-", model::Category::kNotParallelsamfund},
    {"?", model::Category::kUnknown},
};

bool list_word(std::string_view word, model::Category& out) {
  for (const auto& [letter, category] : kListLetters) {
    if (word == letter) {
      out = category;
      return true;
    }
  }
  return model::parse_category(word, out);
}

// lists = { 2018 = "H", 2019 = "P", 2023 = "-", 2024 = "?" }, or the feed's words.
void read_lists(Fields& f, const toml::node& lists, model::Area& a) {
  const auto* table = lists.as_table();
  if (!table) {
    f.report(f.line_of("lists"), "lists must be written { 2018 = \"H\", 2019 = \"P\", 2023 = \"-\", 2024 = \"?\" }");
    return;
  }
  for (auto&& [year_key, word] : *table) {
    model::CategoryYear cy;
    const std::string year(year_key.str());
    const auto [end, ec] = std::from_chars(year.data(), year.data() + year.size(), cy.year);
    const auto w = word.value_exact<std::string>();
    if (ec != std::errc() || end != year.data() + year.size()) {
      f.report(year_key.source().begin.line, "lists: " + in_quotes(year) + " is not a year");
    } else if (!w || !list_word(*w, cy.category)) {
      f.report(year_key.source().begin.line,
               "lists: " + year + (w ? " is " + in_quotes(*w) : std::string(" is not text in quotes")) +
                   "; write \"H\" (omdannelse), \"P\" (parallelsamfund), \"-\" (not on that list), \"?\" (not known) "
                   "or one of " + model::category_words());
    } else {
      a.categories.push_back(cy);
    }
  }
  std::sort(a.categories.begin(), a.categories.end(), [](const auto& x, const auto& y) { return x.year < y.year; });
}

// position = { lat = 55.38, lon = 10.43, approximate = true }, inside Denmark.
void read_position(Fields& f, const toml::node& position, model::Area& a) {
  const auto* p = position.as_table();
  const auto lat = p ? (*p)["lat"].value<double>() : std::nullopt;
  const auto lon = p ? (*p)["lon"].value<double>() : std::nullopt;
  const auto* approximate = p ? p->get("approximate") : nullptr;
  bool extra = false;
  if (p) {
    for (auto&& [key, node] : *p) extra = extra || (key.str() != "lat" && key.str() != "lon" && key.str() != "approximate");
  }
  if (!lat || !lon || extra || (approximate && !approximate->is_boolean())) {
    f.report(f.line_of("position"), "position must be written { lat = 55.38, lon = 10.43 } or "
                                    "{ lat = 55.40, lon = 10.39, approximate = true } (the town's position)");
    return;
  }
  const model::GeoPosition at{*lat, *lon, approximate && approximate->value<bool>().value_or(false)};
  if (!model::in_denmark(at)) {
    const auto& box = model::kDenmark;
    f.report(f.line_of("position"), "position lat = " + detail::plain_number(at.lat) + ", lon = " + detail::plain_number(at.lon) +
                                        " is outside Denmark (lat " + detail::plain_number(box.min_lat) + " to " +
                                        detail::plain_number(box.max_lat) + ", lon " + detail::plain_number(box.min_lon) + " to " +
                                        detail::plain_number(box.max_lon) + "); are lat and lon swapped?");
    return;
  }
  a.position = at;
}

void read_areas(Problems& problems, const toml::table& root, SourceFolder& out) {
  std::map<std::string, std::size_t> seen;
  each_table(problems, root, "area", [&](const toml::table& t, std::size_t i) {
    Fields f(problems, t, table_name("area", i, t), {"id", "name", "kommune", "lists", "position", "note"}, {"note"});
    const std::string path = "content.areas[" + std::to_string(i) + "]";
    f.record(out.places, path, {{"lists", "categories"}});
    model::Area a;
    a.id = f.text("id", true);
    check_id(f, a.id, seen);
    a.name = f.text("name", true);
    a.kommune = f.text("kommune", true);
    a.note = f.text("note", false);
    if (const auto* lists = t.get("lists")) read_lists(f, *lists, a);
    if (const auto* position = t.get("position")) read_position(f, *position, a);
    a.translations = f.translations(out.places, path);
    out.content.areas.push_back(std::move(a));
  });
}

void read_national(Problems& problems, const toml::table& root, SourceFolder& out) {
  // Sorted by date below; the tables stay in file order until then.
  std::vector<const toml::table*> tables;
  each_table(problems, root, "national", [&](const toml::table& t, std::size_t i) {
    tables.push_back(&t);
    Fields f(problems, t, table_name("national", i, t), {"date", "udsatte", "parallelsamfund", "omdannelse", "forebyggelse"});
    model::NationalCounts n;
    if (auto d = f.date("date")) n.date = *d;
    n.udsatte = static_cast<int>(f.integer("udsatte", true).value_or(0));
    n.parallelsamfund = static_cast<int>(f.integer("parallelsamfund", true).value_or(0));
    n.omdannelse = static_cast<int>(f.integer("omdannelse", true).value_or(0));
    if (auto v = f.integer("forebyggelse", false)) n.forebyggelse = static_cast<int>(*v);
    out.content.national_counts.push_back(n);
  });
  std::vector<std::size_t> order(tables.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  auto& counts = out.content.national_counts;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return counts[a].date < counts[b].date; });
  std::vector<model::NationalCounts> sorted;
  for (std::size_t i = 0; i < order.size(); ++i) {
    sorted.push_back(counts[order[i]]);
    Problems unused;
    Fields(unused, *tables[order[i]], "", {}).record(out.places, "content.national_counts[" + std::to_string(i) + "]");
  }
  counts = std::move(sorted);
}

void read_criteria_and_milestones(Problems& problems, const toml::table& root, SourceFolder& out) {
  std::map<std::string, std::size_t> criteria, milestones;
  each_table(problems, root, "criterion", [&](const toml::table& t, std::size_t i) {
    Fields f(problems, t, table_name("criterion", i, t), {"id", "title", "summary", "text"}, {"title", "summary", "text"});
    const std::string path = "content.criteria[" + std::to_string(i) + "]";
    f.record(out.places, path);
    model::Criterion c{f.text("id", true), f.text("title", true), f.text("text", true), f.text("summary", false),
                       f.translations(out.places, path)};
    check_id(f, c.id, criteria);
    out.content.criteria.push_back(std::move(c));
  });
  each_table(problems, root, "milestone", [&](const toml::table& t, std::size_t i) {
    Fields f(problems, t, table_name("milestone", i, t), {"id", "when", "track", "title", "text"}, {"title", "text"});
    const std::string path = "content.milestones[" + std::to_string(i) + "]";
    f.record(out.places, path);
    model::Milestone m;
    m.id = f.text("id", true);
    check_id(f, m.id, milestones);
    if (auto d = f.date("when")) m.when = *d;
    const std::string track = f.text("track", false);
    if (!track.empty() && !model::parse_track(track, m.track)) {
      f.report(f.line_of("track"), "track must be \"physical\", \"social\" or \"both\", not " + in_quotes(track));
    }
    m.title = f.text("title", true);
    m.text = f.text("text", false);
    m.translations = f.translations(out.places, path);
    out.content.milestones.push_back(std::move(m));
  });
}

// False when the file could not be read or parsed at all.
bool read_content_toml(Problems& problems, const std::string& dir, SourceFolder& out) {
  auto text = read_text(fs::path(dir) / kContentFile);
  if (!text) {
    problems.add(text.error().message);
    return false;
  }
  // Before toml++, which a key of thousands of dotted parts would crash.
  if (const auto deep = find_too_deep_toml(*text)) {
    problems.add(kContentFile, deep->line, deep->message);
    return false;
  }
  toml::table root;
  try {
    root = toml::parse(*text, std::string_view(kContentFile));
  } catch (const toml::parse_error& e) {
    const toml::source_position at = e.source().begin;
    problems.add(kContentFile, at.line, plain_toml_error(e.description(), *text, at.line, at.column));
    return false;
  }
  for (auto&& [key, node] : root) {
    static constexpr std::string_view kKnown[] = {"feed", "notices", "area", "national", "criterion", "milestone"};
    if (std::find(std::begin(kKnown), std::end(kKnown), key.str()) == std::end(kKnown)) {
      problems.add(kContentFile, key.source().begin.line,
                   "unknown section '" + std::string(key.str()) +
                       "'; the sections are [feed], [notices], [[area]], [[national]], [[criterion]] and [[milestone]]");
    }
  }
  if (const auto* feed = root.get_as<toml::table>("feed")) {
    Fields f(problems, *feed, "[feed]", {"source", "expires_days", "time_zone"});
    if (const auto* source = feed->get("source")) {
      out.places["source"] = std::string(kContentFile) + ":" + std::to_string(source->source().begin.line);
    }
    out.source = f.text("source", false);
    if (const auto* days = feed->get("expires_days")) {
      const auto n = days->value_exact<std::int64_t>();
      if (n && *n >= 1 && *n <= kMaxExpiresDays) {
        out.expires_days = static_cast<int>(*n);
      } else {
        f.report(days->source().begin.line, "expires_days must be a whole number from 1 to " + std::to_string(kMaxExpiresDays));
      }
    }
    if (feed->get("time_zone")) {
      const std::string zone = f.text("time_zone", false);
      if (is_known_time_zone(zone)) {
        out.time_zone = zone;
      } else if (!zone.empty() || feed->get("time_zone")->is_string()) {
        f.report(f.line_of("time_zone"), "time_zone " + in_quotes(zone) + " is not a time zone this computer knows; write one such as " +
                                             in_quotes(kDefaultTimeZone) + " (the files in /usr/share/zoneinfo)");
      }
    }
  }
  if (const auto* notices = root.get("notices")) {
    if (!notices->is_table()) {
      problems.add(kContentFile, notices->source().begin.line, "'notices' must be written as a [notices] section");
    } else {
      Fields f(problems, *notices->as_table(), "[notices]", {"default_days"});
      if (const auto* days = notices->as_table()->get("default_days")) {
        const auto n = days->value_exact<std::int64_t>();
        if (n && *n >= 1 && *n <= kMaxExpiresDays) {
          out.notice_days = static_cast<int>(*n);
        } else {
          f.report(days->source().begin.line, "default_days, how long a notice without 'until:' is shown, must be a whole number of days "
                                              "from 1 to " + std::to_string(kMaxExpiresDays));
        }
      }
    }
  }
  read_areas(problems, root, out);
  read_national(problems, root, out);
  read_criteria_and_milestones(problems, root, out);
  return true;
}

// A picture in results/ (or a folder in it) that no result shows: put there for a result whose
// 'picture:' line was forgotten or names another file.
void warn_of_unused_pictures(Problems& problems, const std::string& dir, const SourceFolder& out) {
  static constexpr std::string_view kPictureTypes[] = {".jpg", ".jpeg", ".png", ".gif", ".webp", ".heic", ".bmp", ".tif", ".tiff"};
  std::set<fs::path> shown;
  for (const auto& [id, path] : out.pictures) shown.insert(path);
  const fs::path results = fs::path(dir) / kResultsDir;
  std::error_code ec;
  for (fs::recursive_directory_iterator it(results, fs::directory_options::skip_permission_denied, ec), end; !ec && it != end;
       it.increment(ec)) {
    const std::string type = detail::lowered(it->path().extension().string());
    if (std::find(std::begin(kPictureTypes), std::end(kPictureTypes), type) == std::end(kPictureTypes)) continue;
    std::error_code e;
    if (!it->is_regular_file(e) || shown.count(fs::canonical(it->path(), e))) continue;
    const std::string name = std::string(kResultsDir) + "/" + it->path().lexically_relative(results).string();
    problems.warn(name, 0, "no result shows this picture; name it on a result's 'picture:' line, or remove it");
  }
}

// The .txt files in `dir`/`sub`, in name order; none when there is no such folder.
std::vector<fs::path> text_files(const std::string& dir, const char* sub) {
  std::vector<fs::path> files;
  std::error_code ec;
  for (fs::directory_iterator it(fs::path(dir) / sub, ec), end; !ec && it != end; it.increment(ec)) {
    if (it->path().extension() == ".txt") files.push_back(it->path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace

std::string place_of(const SourceFolder& folder, const std::string& path, std::string* rest) {
  // "content.results[2].series.points[1]" -> try it whole, then without ".points[1]"... down to
  // "content.results[2]".
  for (std::string prefix = path; !prefix.empty();) {
    if (const auto it = folder.places.find(prefix); it != folder.places.end()) {
      std::string below = path.substr(prefix.size());
      if (!below.empty() && below[0] == '.') below.erase(0, 1);
      if (rest) *rest = below;
      return it->second;
    }
    const auto cut = prefix.find_last_of(".[");
    if (cut == std::string::npos) break;
    prefix.erase(cut);
  }
  if (rest) *rest = path;
  return {};
}

Result<SourceFolder> read_source(const std::string& dir, const std::optional<model::PartialDate>& today,
                                 std::optional<std::int64_t> now) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return make_error(dir + ": no such folder");
  Problems problems;
  SourceFolder out;
  const bool areas_known = read_content_toml(problems, dir, out);
  // The files' times are local times of the source's zone, whatever this computer's is.
  const ZoneScope zone(out.time_zone);
  if (!now && today) {
    if (const auto midnight = to_unix({today->year, today->month, today->day, 0, 0})) now = *midnight;
  }
  // The Danish files first, so that each translation finds the one it translates.
  const auto each_file = [&](const char* sub, auto&& read_danish, auto&& read_translation) {
    const auto files = text_files(dir, sub);
    for (const auto& file : files) {
      if (!detail::is_translation_file(file)) read_danish(file);
    }
    for (const auto& file : files) {
      if (detail::is_translation_file(file)) read_translation(file);
    }
  };
  each_file(
      kResultsDir, [&](const fs::path& file) { detail::read_result_file(problems, file, out, areas_known, today); },
      [&](const fs::path& file) { detail::read_translation_file(problems, file, out); });
  static constexpr std::string_view kNoticeTexts[] = {"title"};
  static constexpr std::string_view kEventTexts[] = {"title", "place"};
  each_file(
      kNoticesDir, [&](const fs::path& file) { detail::read_notice_file(problems, file, out, areas_known, now); },
      [&](const fs::path& file) {
        detail::read_text_translation(problems, file, kNoticesDir, "notices", out.content.notices, out.notice_files, kNoticeTexts, out.places);
      });
  each_file(
      kEventsDir, [&](const fs::path& file) { detail::read_event_file(problems, file, out, areas_known, now); },
      [&](const fs::path& file) {
        detail::read_text_translation(problems, file, kEventsDir, "events", out.content.events, out.event_files, kEventTexts, out.places);
      });
  warn_of_unused_pictures(problems, dir, out);
  if (!problems.empty()) return problems.error();
  out.warnings = problems.warnings();
  return out;
}

}  // namespace kiosk::source
