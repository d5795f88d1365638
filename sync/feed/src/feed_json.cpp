// Reading walks the JSON with an `Object` cursor that knows its path, so every error names the field
// it is about. Problems are collected, not thrown, so staff see all of them at once.
#include <cmath>
#include <limits>
#include <set>
#include <string>

#include <nlohmann/json.hpp>

#include "feed/feed_json.h"
#include "json_parse.h"
#include "model/validate.h"

namespace kiosk::feed {
namespace {

using nlohmann::json;
using model::Limits;
using model::Problems;

const char* type_name(const json& j) {
  switch (j.type()) {
    case json::value_t::null: return "null";
    case json::value_t::boolean: return "a boolean";
    case json::value_t::string: return "a string";
    case json::value_t::array: return "an array";
    case json::value_t::object: return "an object";
    case json::value_t::number_float: return "a decimal number";
    case json::value_t::number_integer:
    case json::value_t::number_unsigned: return "an integer";
    default: return "something else";
  }
}

enum class Need { kRequired, kOptional };

// A JSON object at `path`, read field by field. Fields that were never read are reported by
// `finish()` as unknown, which catches typos such as "titel" in hand-edited feeds.
class Object {
 public:
  Object(const json& j, std::string path, Problems& problems) : j_(j), path_(std::move(path)), problems_(problems) {
    if (!j_.is_object()) {
      problems_.add(path_.empty() ? "(top level)" : path_, std::string("must be an object, not ") + type_name(j_));
      ok_ = false;
    }
  }

  bool ok() const { return ok_; }
  std::string path(const std::string& key) const { return path_.empty() ? key : path_ + "." + key; }

  const json* get(const std::string& key, Need need) {
    if (!ok_) return nullptr;
    known_.insert(key);
    const auto it = j_.find(key);
    if (it == j_.end()) {
      if (need == Need::kRequired) problems_.add(path(key), "is missing");
      return nullptr;
    }
    return &*it;
  }

  std::string string(const std::string& key, Need need = Need::kRequired) {
    const json* v = get(key, need);
    if (!v) return {};
    if (!v->is_string()) {
      problems_.add(path(key), std::string("must be a string, not ") + type_name(*v));
      return {};
    }
    return v->get<std::string>();
  }

  std::int64_t integer(const std::string& key, std::int64_t min, std::int64_t max, Need need = Need::kRequired) {
    const json* v = get(key, need);
    if (!v) return 0;
    if (!v->is_number_integer()) {
      problems_.add(path(key), std::string("must be an integer, not ") + type_name(*v));
      return 0;
    }
    if (v->is_number_unsigned() && v->get<std::uint64_t>() > static_cast<std::uint64_t>(max)) {
      problems_.add(path(key), "is larger than " + std::to_string(max));
      return 0;
    }
    const auto n = v->get<std::int64_t>();
    if (n < min || n > max) {
      problems_.add(path(key), std::to_string(n) + " is outside " + std::to_string(min) + "-" + std::to_string(max));
      return 0;
    }
    return n;
  }

  std::uint64_t unsigned64(const std::string& key) {
    const json* v = get(key, Need::kRequired);
    if (!v) return 0;
    if (!v->is_number_unsigned()) {
      problems_.add(path(key), std::string("must be a non-negative integer, not ") + type_name(*v));
      return 0;
    }
    return v->get<std::uint64_t>();
  }

  bool boolean(const std::string& key, Need need = Need::kRequired) {
    const json* v = get(key, need);
    if (!v) return false;
    if (!v->is_boolean()) {
      problems_.add(path(key), std::string("must be true or false, not ") + type_name(*v));
      return false;
    }
    return v->get<bool>();
  }

  double number(const std::string& key) {
    const json* v = get(key, Need::kRequired);
    if (!v) return 0;
    if (!v->is_number()) {
      problems_.add(path(key), std::string("must be a number, not ") + type_name(*v));
      return 0;
    }
    return v->get<double>();
  }

  const json* array(const std::string& key, std::size_t max, Need need = Need::kRequired) {
    const json* v = get(key, need);
    if (!v) return nullptr;
    if (!v->is_array()) {
      problems_.add(path(key), std::string("must be an array, not ") + type_name(*v));
      return nullptr;
    }
    if (v->size() > max) {
      problems_.add(path(key), "has " + std::to_string(v->size()) + " items, at most " + std::to_string(max) + " allowed");
      return nullptr;
    }
    return v;
  }

  model::PartialDate date(const std::string& key) {
    const std::string text = string(key);
    if (text.empty()) return {};
    auto d = model::parse_partial_date(text);
    if (!d) {
      problems_.add(path(key), d.error().message);
      return {};
    }
    return *d;
  }

  std::int64_t timestamp(const std::string& key) {
    const std::string text = string(key);
    if (text.empty()) return 0;
    auto t = parse_timestamp(text);
    if (!t) {
      problems_.add(path(key), t.error().message);
      return 0;
    }
    return *t;
  }

  // A timestamp that may be left out.
  std::optional<std::int64_t> timestamp_if_given(const std::string& key) {
    if (!ok_ || j_.find(key) == j_.end()) {
      known_.insert(key);
      return std::nullopt;
    }
    return timestamp(key);
  }

  template <class E>
  E word(const std::string& key, bool (*parse)(std::string_view, E&), const char* allowed) {
    E out{};
    const std::string text = string(key);
    if (!get(key, Need::kOptional)) return out;
    if (!parse(text, out)) problems_.add(path(key), "'" + text.substr(0, 40) + "' is not one of " + allowed);
    return out;
  }

  void finish() {
    if (!ok_) return;
    for (const auto& [key, value] : j_.items()) {
      if (!known_.count(key)) problems_.add(path(key), "is not a field of this object (format 1)");
    }
  }

 private:
  const json& j_;
  std::string path_;
  Problems& problems_;
  std::set<std::string> known_;
  bool ok_ = true;
};

std::string item(const std::string& list, std::size_t i) { return list + "[" + std::to_string(i) + "]"; }

template <class T, class Read>
std::vector<T> read_list(Object& parent, const std::string& key, std::size_t max, Problems& problems, Read read,
                         Need need = Need::kRequired) {
  std::vector<T> out;
  const json* list = parent.array(key, max, need);
  if (!list) return out;
  out.reserve(list->size());
  for (std::size_t i = 0; i < list->size(); ++i) {
    Object o((*list)[i], item(parent.path(key), i), problems);
    if (!o.ok()) continue;
    out.push_back(read(o));
    o.finish();
  }
  return out;
}

// "translations": {"ar": {"title": "...", "summary": "..."}}, optional. Which languages and fields are
// allowed is model::validate's to say, with the same path.
model::Translations read_translations(Object& o, Problems& problems) {
  model::Translations out;
  const json* all = o.get("translations", Need::kOptional);
  if (!all) return out;
  Object languages(*all, o.path("translations"), problems);
  if (!languages.ok()) return out;
  for (const auto& [language, texts] : all->items()) {
    languages.get(language, Need::kOptional);
    Object fields(texts, languages.path(language), problems);
    if (!fields.ok()) continue;
    auto& into = out[language];
    for (const auto& [name, text] : texts.items()) into[name] = fields.string(name);
  }
  languages.finish();
  return out;
}

model::Area read_area(Object& o, Problems& problems) {
  model::Area a;
  a.id = o.string("id");
  a.name = o.string("name");
  a.kommune = o.string("kommune");
  a.note = o.string("note", Need::kOptional);
  a.categories = read_list<model::CategoryYear>(o, "categories", Limits::kCategoryYears, problems, [](Object& c) {
    model::CategoryYear cy;
    cy.year = static_cast<int>(c.integer("year", Limits::kMinYear, Limits::kMaxYear));
    static const std::string words = model::category_words();
    cy.category = c.word<model::Category>("category", model::parse_category, words.c_str());
    return cy;
  }, Need::kOptional);
  if (const json* pos = o.get("position", Need::kOptional)) {
    Object p(*pos, o.path("position"), problems);
    if (p.ok()) {
      a.position = model::GeoPosition{p.number("lat"), p.number("lon"), p.boolean("approximate", Need::kOptional)};
      p.finish();
    }
  }
  a.translations = read_translations(o, problems);
  return a;
}

model::NationalCounts read_counts(Object& o) {
  model::NationalCounts n;
  n.date = o.date("date");
  n.udsatte = static_cast<int>(o.integer("udsatte", 0, Limits::kMaxCount));
  n.parallelsamfund = static_cast<int>(o.integer("parallelsamfund", 0, Limits::kMaxCount));
  n.omdannelse = static_cast<int>(o.integer("omdannelse", 0, Limits::kMaxCount));
  if (o.get("forebyggelse", Need::kOptional)) {
    n.forebyggelse = static_cast<int>(o.integer("forebyggelse", 0, Limits::kMaxCount));
  }
  return n;
}

model::Series read_series(Object& o, Problems& problems) {
  model::Series s;
  s.title = o.string("title", Need::kOptional);
  s.unit = o.string("unit", Need::kOptional);
  s.kind = o.word<model::ChartKind>("kind", model::parse_chart_kind, "bar, line");
  s.points = read_list<model::SeriesPoint>(o, "points", Limits::kSeriesPoints, problems, [](Object& p) {
    return model::SeriesPoint{p.string("label"), p.number("value")};
  });
  s.translations = read_translations(o, problems);
  return s;
}

// "areas": ["vollsmose", ...], optional: the areas a result, notice or event concerns.
std::vector<std::string> read_area_ids(Object& o, std::size_t max, Problems& problems) {
  std::vector<std::string> ids;
  const json* areas = o.array("areas", max, Need::kOptional);
  if (!areas) return ids;
  for (std::size_t i = 0; i < areas->size(); ++i) {
    const json& a = (*areas)[i];
    if (a.is_string()) {
      ids.push_back(a.get<std::string>());
    } else {
      problems.add(item(o.path("areas"), i), std::string("must be a string, not ") + type_name(a));
    }
  }
  return ids;
}

model::Notice read_notice(Object& o, Problems& problems) {
  model::Notice n;
  n.id = o.string("id");
  n.level = o.word<model::NoticeLevel>("level", model::parse_notice_level, "info, urgent");
  n.title = o.string("title");
  n.text = o.string("text", Need::kOptional);
  n.image = o.string("image", Need::kOptional);
  n.show_from = o.timestamp_if_given("show_from");
  n.show_until = o.timestamp("show_until");
  n.area_ids = read_area_ids(o, Limits::kNoticeAreas, problems);
  n.translations = read_translations(o, problems);
  return n;
}

model::Event read_event(Object& o, Problems& problems) {
  model::Event e;
  e.id = o.string("id");
  e.title = o.string("title");
  e.starts = o.timestamp("starts");
  e.ends = o.timestamp_if_given("ends");
  e.place = o.string("place", Need::kOptional);
  e.text = o.string("text", Need::kOptional);
  e.area_ids = read_area_ids(o, Limits::kNoticeAreas, problems);
  e.translations = read_translations(o, problems);
  return e;
}

model::Result read_result(Object& o, Problems& problems) {
  model::Result r;
  r.id = o.string("id");
  r.date = o.date("date");
  r.title = o.string("title");
  r.summary = o.string("summary");
  r.body = o.string("body", Need::kOptional);
  r.publisher = o.string("publisher");
  r.image = o.string("image", Need::kOptional);
  r.link = o.string("link", Need::kOptional);
  r.area_ids = read_area_ids(o, Limits::kResultAreas, problems);
  r.show_from = o.timestamp_if_given("show_from");
  r.show_until = o.timestamp_if_given("show_until");
  if (const json* series = o.get("series", Need::kOptional)) {
    Object s(*series, o.path("series"), problems);
    if (s.ok()) {
      r.series = read_series(s, problems);
      s.finish();
    }
  }
  r.translations = read_translations(o, problems);
  return r;
}

model::Content read_content(Object& o, Problems& problems) {
  model::Content c;
  c.areas = read_list<model::Area>(o, "areas", Limits::kAreas, problems, [&](Object& a) { return read_area(a, problems); });
  c.national_counts = read_list<model::NationalCounts>(o, "national_counts", Limits::kNationalCounts, problems, read_counts);
  c.criteria = read_list<model::Criterion>(o, "criteria", Limits::kCriteria, problems, [&](Object& k) {
    return model::Criterion{k.string("id"), k.string("title"), k.string("text"), k.string("summary", Need::kOptional),
                            read_translations(k, problems)};
  });
  c.milestones = read_list<model::Milestone>(o, "milestones", Limits::kMilestones, problems, [&](Object& m) {
    model::Milestone ms;
    ms.id = m.string("id");
    ms.when = m.date("when");
    ms.track = m.word<model::Track>("track", model::parse_track, "physical, social, both");
    ms.title = m.string("title");
    ms.text = m.string("text", Need::kOptional);
    ms.translations = read_translations(m, problems);
    return ms;
  });
  c.results = read_list<model::Result>(o, "results", Limits::kResults, problems, [&](Object& r) { return read_result(r, problems); });
  c.notices = read_list<model::Notice>(o, "notices", Limits::kNotices, problems, [&](Object& n) { return read_notice(n, problems); },
                                       Need::kOptional);
  c.events = read_list<model::Event>(o, "events", Limits::kEvents, problems, [&](Object& e) { return read_event(e, problems); },
                                     Need::kOptional);
  return c;
}

}  // namespace

Result<model::Feed> parse_feed(std::string_view text) {
  if (text.size() > kMaxManifestBytes) {
    return make_error("feed is " + std::to_string(text.size()) + " bytes, larger than the limit of " +
                      std::to_string(kMaxManifestBytes));
  }
  auto parsed = detail::parse_json(text, "feed");
  if (!parsed) return parsed.error();
  const json& root = *parsed;

  Problems problems;
  model::Feed feed;
  Object top(root, "", problems);
  if (top.ok()) {
    feed.format = static_cast<int>(top.integer("format", 0, std::numeric_limits<int>::max()));
    if (feed.format != model::kFeedFormat && !problems.any()) {
      // Nothing else of an unknown format can be read meaningfully.
      return make_error("feed format " + std::to_string(feed.format) + " is not supported; this program reads format " +
                        std::to_string(model::kFeedFormat));
    }
    feed.version = top.unsigned64("version");
    feed.issued = top.timestamp("issued");
    feed.expires = top.timestamp("expires");
    feed.source = top.string("source", Need::kOptional);
    if (const json* content = top.get("content", Need::kRequired)) {
      Object c(*content, "content", problems);
      if (c.ok()) {
        feed.content = read_content(c, problems);
        c.finish();
      }
    }
    feed.assets = read_list<model::AssetRef>(top, "assets", Limits::kAssets, problems, [](Object& a) {
      model::AssetRef ref;
      ref.sha256 = a.string("sha256");
      ref.size = static_cast<std::uint64_t>(a.integer("size", 1, static_cast<std::int64_t>(Limits::kMaxAssetBytes)));
      ref.media_type = a.string("type");
      return ref;
    }, Need::kOptional);
    top.finish();
  }
  if (problems.any()) return problems.error();
  if (auto valid = model::validate(feed); !valid) return valid.error();
  return feed;
}

namespace {

json write_series(const model::Series& s) {
  json points = json::array();
  for (const auto& p : s.points) points.push_back({{"label", p.label}, {"value", p.value}});
  json j = {{"kind", std::string(model::to_string(s.kind))}, {"points", points}};
  if (!s.title.empty()) j["title"] = s.title;
  if (!s.unit.empty()) j["unit"] = s.unit;
  if (!s.translations.empty()) j["translations"] = json(s.translations);
  return j;
}

json write_content(const model::Content& c) {
  json areas = json::array();
  for (const auto& a : c.areas) {
    json cats = json::array();
    for (const auto& cy : a.categories) cats.push_back({{"year", cy.year}, {"category", std::string(model::to_string(cy.category))}});
    json j = {{"id", a.id}, {"name", a.name}, {"kommune", a.kommune}, {"categories", cats}};
    if (a.position) {
      j["position"] = {{"lat", a.position->lat}, {"lon", a.position->lon}};
      // Written only when true, so a feed without approximate positions keeps its bytes.
      if (a.position->approximate) j["position"]["approximate"] = true;
    }
    if (!a.note.empty()) j["note"] = a.note;
    if (!a.translations.empty()) j["translations"] = json(a.translations);
    areas.push_back(j);
  }
  json counts = json::array();
  for (const auto& n : c.national_counts) {
    json j = {{"date", model::format_partial_date(n.date)}, {"udsatte", n.udsatte},
              {"parallelsamfund", n.parallelsamfund}, {"omdannelse", n.omdannelse}};
    if (n.forebyggelse) j["forebyggelse"] = *n.forebyggelse;
    counts.push_back(j);
  }
  json criteria = json::array();
  for (const auto& k : c.criteria) {
    json j = {{"id", k.id}, {"title", k.title}, {"text", k.text}};
    if (!k.summary.empty()) j["summary"] = k.summary;
    if (!k.translations.empty()) j["translations"] = json(k.translations);
    criteria.push_back(j);
  }
  json milestones = json::array();
  for (const auto& m : c.milestones) {
    json j = {{"id", m.id}, {"when", model::format_partial_date(m.when)},
              {"track", std::string(model::to_string(m.track))}, {"title", m.title}};
    if (!m.text.empty()) j["text"] = m.text;
    if (!m.translations.empty()) j["translations"] = json(m.translations);
    milestones.push_back(j);
  }
  json results = json::array();
  for (const auto& r : c.results) {
    json j = {{"id", r.id}, {"date", model::format_partial_date(r.date)}, {"title", r.title},
              {"summary", r.summary}, {"publisher", r.publisher}};
    if (!r.body.empty()) j["body"] = r.body;
    if (!r.image.empty()) j["image"] = r.image;
    if (!r.link.empty()) j["link"] = r.link;
    if (!r.area_ids.empty()) j["areas"] = r.area_ids;
    if (r.series) j["series"] = write_series(*r.series);
    if (!r.translations.empty()) j["translations"] = json(r.translations);
    if (r.show_from) j["show_from"] = format_timestamp(*r.show_from);
    if (r.show_until) j["show_until"] = format_timestamp(*r.show_until);
    results.push_back(j);
  }
  json j = {{"areas", areas}, {"national_counts", counts}, {"criteria", criteria},
            {"milestones", milestones}, {"results", results}};
  // Written only when there are some, so a feed without them keeps its bytes.
  if (!c.notices.empty()) {
    json notices = json::array();
    for (const auto& n : c.notices) {
      json o = {{"id", n.id}, {"level", std::string(model::to_string(n.level))},
                {"title", n.title}, {"show_until", format_timestamp(n.show_until)}};
      if (!n.text.empty()) o["text"] = n.text;
      if (!n.image.empty()) o["image"] = n.image;
      if (n.show_from) o["show_from"] = format_timestamp(*n.show_from);
      if (!n.area_ids.empty()) o["areas"] = n.area_ids;
      if (!n.translations.empty()) o["translations"] = json(n.translations);
      notices.push_back(o);
    }
    j["notices"] = notices;
  }
  if (!c.events.empty()) {
    json events = json::array();
    for (const auto& e : c.events) {
      json o = {{"id", e.id}, {"title", e.title}, {"starts", format_timestamp(e.starts)}};
      if (e.ends) o["ends"] = format_timestamp(*e.ends);
      if (!e.place.empty()) o["place"] = e.place;
      if (!e.text.empty()) o["text"] = e.text;
      if (!e.area_ids.empty()) o["areas"] = e.area_ids;
      if (!e.translations.empty()) o["translations"] = json(e.translations);
      events.push_back(o);
    }
    j["events"] = events;
  }
  return j;
}

}  // namespace

std::string to_json(const model::Feed& feed) {
  json assets = json::array();
  for (const auto& a : feed.assets) assets.push_back({{"sha256", a.sha256}, {"size", a.size}, {"type", a.media_type}});
  json j = {{"format", feed.format},
            {"version", feed.version},
            {"issued", format_timestamp(feed.issued)},
            {"expires", format_timestamp(feed.expires)},
            {"content", write_content(feed.content)},
            {"assets", assets}};
  if (!feed.source.empty()) j["source"] = feed.source;
  return j.dump(2) + "\n";
}

}  // namespace kiosk::feed
