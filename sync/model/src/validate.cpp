// The rules of validate.h. Each check appends "<path>: <problem>" and goes on, so a staff member
// sees every problem of a feed at once instead of one per attempt.
#include <algorithm>
#include <cmath>
#include <optional>
#include <set>
#include <string>

#include "model/translations.h"
#include "model/validate.h"

namespace kiosk::model {

void Problems::add(const std::string& path, const std::string& what) {
  if (++count_ <= kMaxReported) lines_.push_back(path + ": " + what);
}

Error Problems::error() const {
  std::string message = "feed is invalid:";
  for (const auto& line : lines_) message += "\n  " + line;
  if (count_ > kMaxReported) message += "\n  ... and " + std::to_string(count_ - kMaxReported) + " more";
  return make_error(message);
}

namespace {

using Lines = TextLines;

class Checker {
 public:
  void problem(const std::string& path, const std::string& what) { problems_.add(path, what); }

  void text(const std::string& path, const std::string& s, std::size_t min_chars, std::size_t max_chars,
            Lines lines = Lines::kSingle) {
    if (!is_valid_utf8(s)) {
      problem(path, "is not valid UTF-8");
      return;
    }
    for (char c : s) {
      const auto u = static_cast<unsigned char>(c);
      if ((u < 0x20 && !(c == '\n' && lines == Lines::kMulti)) || u == 0x7F) {
        problem(path, "contains a control character");
        return;
      }
    }
    const std::size_t n = utf8_length(s);
    if (n < min_chars) {
      problem(path, min_chars == 1 ? "must not be empty" : "is shorter than " + std::to_string(min_chars) + " characters");
    } else if (n > max_chars) {
      problem(path, "is longer than " + std::to_string(max_chars) + " characters (" + std::to_string(n) + ")");
    }
  }

  void id(const std::string& path, const std::string& s, std::set<std::string>& seen) {
    if (!is_valid_id(s)) {
      problem(path, "'" + printable(s) + "' is not an id (1-64 characters of a-z, 0-9 and -)");
    } else if (!seen.insert(s).second) {
      problem(path, "duplicate id '" + s + "'");
    }
  }

  void count(const std::string& path, std::size_t n, std::size_t max) {
    if (n > max) problem(path, "has " + std::to_string(n) + " items, at most " + std::to_string(max) + " allowed");
  }

  void date(const std::string& path, const PartialDate& d) {
    if (!is_valid_partial_date(d)) problem(path, "'" + format_partial_date(d) + "' is not a real date");
  }

  Status finish() const {
    if (!problems_.any()) return Status::success();
    return problems_.error();
  }

  // Ids are echoed in messages; keep a hostile one from spilling invalid bytes into the log.
  // Valid UTF-8 is echoed as is (Danish ids are a common mistake: 'nørrebro'); anything else is
  // reduced to ASCII. Control characters never reach the log.
  static std::string printable(const std::string& s) {
    const bool utf8 = is_valid_utf8(s);
    std::string out;
    for (char c : s) {
      if (out.size() >= 80) return out + "...";
      const auto u = static_cast<unsigned char>(c);
      out += (u < 0x20 || u == 0x7F || (!utf8 && u >= 0x80)) ? '?' : c;
    }
    return out;
  }

 private:
  Problems problems_;
};

std::string at(const std::string& list, std::size_t i) { return list + "[" + std::to_string(i) + "]"; }

void check_areas(Checker& c, const std::vector<Area>& areas) {
  const std::string list = "content.areas";
  c.count(list, areas.size(), Limits::kAreas);
  std::set<std::string> ids;
  for (std::size_t i = 0; i < areas.size(); ++i) {
    const Area& a = areas[i];
    const std::string p = at(list, i);
    c.id(p + ".id", a.id, ids);
    c.text(p + ".name", a.name, 1, Limits::kNameChars);
    c.text(p + ".kommune", a.kommune, 1, Limits::kNameChars);
    c.text(p + ".note", a.note, 0, Limits::kNoteChars, Lines::kMulti);
    c.count(p + ".categories", a.categories.size(), Limits::kCategoryYears);
    int previous_year = 0;
    for (std::size_t k = 0; k < a.categories.size(); ++k) {
      const int year = a.categories[k].year;
      const std::string cp = at(p + ".categories", k) + ".year";
      if (year < Limits::kMinYear || year > Limits::kMaxYear) {
        c.problem(cp, std::to_string(year) + " is outside " + std::to_string(Limits::kMinYear) + "-" + std::to_string(Limits::kMaxYear));
      } else if (year <= previous_year) {
        c.problem(cp, std::to_string(year) + " is not after the previous year " + std::to_string(previous_year));
      }
      previous_year = std::max(previous_year, year);
    }
    if (a.position) {
      const auto& pos = *a.position;
      if (!std::isfinite(pos.lat) || pos.lat < -90 || pos.lat > 90) c.problem(p + ".position.lat", "must be between -90 and 90");
      if (!std::isfinite(pos.lon) || pos.lon < -180 || pos.lon > 180) c.problem(p + ".position.lon", "must be between -180 and 180");
    }
  }
}

void check_counts(Checker& c, const std::vector<NationalCounts>& counts) {
  const std::string list = "content.national_counts";
  c.count(list, counts.size(), Limits::kNationalCounts);
  for (std::size_t i = 0; i < counts.size(); ++i) {
    const NationalCounts& n = counts[i];
    const std::string p = at(list, i);
    c.date(p + ".date", n.date);
    if (i > 0 && !(counts[i - 1].date < n.date)) c.problem(p + ".date", "is not after the previous list's date");
    const auto range = [&](const char* field, int v) {
      if (v < 0 || v > Limits::kMaxCount) c.problem(p + "." + field, std::to_string(v) + " is outside 0-" + std::to_string(Limits::kMaxCount));
    };
    range("udsatte", n.udsatte);
    range("parallelsamfund", n.parallelsamfund);
    range("omdannelse", n.omdannelse);
    if (n.forebyggelse) range("forebyggelse", *n.forebyggelse);
    // The lists nest: every omdannelsesområde is a parallelsamfund, every parallelsamfund is udsat.
    if (n.parallelsamfund > n.udsatte) c.problem(p + ".parallelsamfund", "is larger than udsatte (the lists nest)");
    if (n.omdannelse > n.parallelsamfund) c.problem(p + ".omdannelse", "is larger than parallelsamfund (the lists nest)");
  }
}

void check_criteria(Checker& c, const std::vector<Criterion>& criteria) {
  const std::string list = "content.criteria";
  c.count(list, criteria.size(), Limits::kCriteria);
  std::set<std::string> ids;
  for (std::size_t i = 0; i < criteria.size(); ++i) {
    const std::string p = at(list, i);
    c.id(p + ".id", criteria[i].id, ids);
    c.text(p + ".title", criteria[i].title, 1, Limits::kTitleChars);
    c.text(p + ".text", criteria[i].text, 1, Limits::kCriterionTextChars, Lines::kMulti);
    c.text(p + ".summary", criteria[i].summary, 0, Limits::kCriterionSummaryChars);
  }
}

void check_milestones(Checker& c, const std::vector<Milestone>& milestones) {
  const std::string list = "content.milestones";
  c.count(list, milestones.size(), Limits::kMilestones);
  std::set<std::string> ids;
  for (std::size_t i = 0; i < milestones.size(); ++i) {
    const Milestone& m = milestones[i];
    const std::string p = at(list, i);
    c.id(p + ".id", m.id, ids);
    c.date(p + ".when", m.when);
    c.text(p + ".title", m.title, 1, Limits::kTitleChars);
    c.text(p + ".text", m.text, 0, Limits::kMilestoneTextChars, Lines::kMulti);
  }
}

void check_series(Checker& c, const std::string& p, const Series& s) {
  c.text(p + ".title", s.title, 0, Limits::kTitleChars);
  c.text(p + ".unit", s.unit, 0, Limits::kUnitChars);
  if (s.points.empty()) c.problem(p + ".points", "must have at least one point");
  c.count(p + ".points", s.points.size(), Limits::kSeriesPoints);
  for (std::size_t k = 0; k < s.points.size(); ++k) {
    const std::string pp = at(p + ".points", k);
    c.text(pp + ".label", s.points[k].label, 1, Limits::kLabelChars);
    if (!std::isfinite(s.points[k].value)) c.problem(pp + ".value", "must be a finite number");
  }
}

bool is_http_url(const std::string& s) {
  const bool scheme = s.rfind("https://", 0) == 0 || s.rfind("http://", 0) == 0;
  if (!scheme || s.size() > Limits::kLinkBytes) return false;
  for (char ch : s) {
    const auto u = static_cast<unsigned char>(ch);
    if (u <= 0x20 || u >= 0x7F) return false;  // URLs in a feed are already percent-encoded
  }
  return s.find("://") + 3 < s.size();
}

// What results, notices and events share: a picture from the feed's assets, the areas they concern,
// and a time window that ends after it starts.
class References {
 public:
  explicit References(const Feed& feed) {
    for (const auto& a : feed.content.areas) areas_.insert(a.id);
    for (const auto& a : feed.assets) assets_.insert(a.sha256);
  }

  void image(Checker& c, const std::string& path, const std::string& sha256) const {
    if (sha256.empty()) return;
    if (!is_sha256_hex(sha256)) {
      c.problem(path, "is not a sha256 (64 lowercase hex digits)");
    } else if (!assets_.count(sha256)) {
      c.problem(path, "names an asset that is not in the feed's assets");
    }
  }

  void areas(Checker& c, const std::string& path, const std::vector<std::string>& ids, std::size_t max) const {
    c.count(path, ids.size(), max);
    std::set<std::string> seen;
    for (std::size_t k = 0; k < ids.size(); ++k) {
      const std::string ap = at(path, k);
      if (!areas_.count(ids[k])) {
        c.problem(ap, "'" + Checker::printable(ids[k]) + "' is not an area of this feed");
      } else if (!seen.insert(ids[k]).second) {
        c.problem(ap, "duplicate area '" + ids[k] + "'");
      }
    }
  }

 private:
  std::set<std::string> areas_;
  std::set<std::string> assets_;
};

void check_window(Checker& c, const std::string& p, const char* from_name, std::optional<std::int64_t> from,
                  const char* until_name, std::optional<std::int64_t> until) {
  if (from && until && *until <= *from) c.problem(p + "." + until_name, std::string("is not after ") + from_name);
}

void check_results(Checker& c, const Feed& feed, const References& refs) {
  const Content& content = feed.content;
  const std::string list = "content.results";
  c.count(list, content.results.size(), Limits::kResults);
  std::set<std::string> ids;
  for (std::size_t i = 0; i < content.results.size(); ++i) {
    const model::Result& r = content.results[i];
    const std::string p = at(list, i);
    c.id(p + ".id", r.id, ids);
    c.date(p + ".date", r.date);
    c.text(p + ".title", r.title, 1, Limits::kTitleChars);
    c.text(p + ".summary", r.summary, 1, Limits::kSummaryChars, Lines::kMulti);
    c.text(p + ".body", r.body, 0, Limits::kBodyChars, Lines::kMulti);
    c.text(p + ".publisher", r.publisher, 1, Limits::kPublisherChars);
    refs.image(c, p + ".image", r.image);
    if (!r.link.empty() && !is_http_url(r.link)) c.problem(p + ".link", "is not an http(s) URL of at most 2048 bytes");
    refs.areas(c, p + ".areas", r.area_ids, Limits::kResultAreas);
    if (r.series) check_series(c, p + ".series", *r.series);
    check_window(c, p, "show_from", r.show_from, "show_until", r.show_until);
  }
}

void check_notices(Checker& c, const std::vector<Notice>& notices, const References& refs) {
  const std::string list = "content.notices";
  c.count(list, notices.size(), Limits::kNotices);
  std::set<std::string> ids;
  for (std::size_t i = 0; i < notices.size(); ++i) {
    const Notice& n = notices[i];
    const std::string p = at(list, i);
    c.id(p + ".id", n.id, ids);
    c.text(p + ".title", n.title, 1, Limits::kNoticeTitleChars);
    c.text(p + ".text", n.text, 0, Limits::kNoticeTextChars, Lines::kMulti);
    refs.image(c, p + ".image", n.image);
    refs.areas(c, p + ".areas", n.area_ids, Limits::kNoticeAreas);
    check_window(c, p, "show_from", n.show_from, "show_until", n.show_until);
  }
}

void check_events(Checker& c, const std::vector<Event>& events, const References& refs) {
  const std::string list = "content.events";
  c.count(list, events.size(), Limits::kEvents);
  std::set<std::string> ids;
  for (std::size_t i = 0; i < events.size(); ++i) {
    const Event& e = events[i];
    const std::string p = at(list, i);
    c.id(p + ".id", e.id, ids);
    c.text(p + ".title", e.title, 1, Limits::kTitleChars);
    c.text(p + ".place", e.place, 0, Limits::kPlaceChars);
    c.text(p + ".text", e.text, 0, Limits::kEventTextChars, Lines::kMulti);
    refs.areas(c, p + ".areas", e.area_ids, Limits::kNoticeAreas);
    check_window(c, p, "starts", e.starts, "ends", e.ends);
  }
}

// Each object's translations: a known language other than Danish, a field that object translates,
// of Danish text there is, and a text within the Danish field's bounds (never empty: a missing
// translation is left out, and the Danish text is shown).
void check_translations(Checker& c, const Content& content) {
  each_translatable(content, [&](const Translatable& where, const auto& object, const auto& fields) {
    for (const auto& [language, texts] : object.translations) {
      const std::string lp = where.path + ".translations." + Checker::printable(language);
      if (language == kSourceLanguage) {
        c.problem(lp, "Danish is the text itself, not a translation");
        continue;
      }
      if (!is_translation_language(language)) {
        c.problem(lp, "'" + Checker::printable(language) + "' is not a language of this program (" + translation_languages() + ")");
        continue;
      }
      if (texts.empty()) c.problem(lp, "translates nothing; leave the language out");
      for (const auto& [name, text] : texts) {
        const std::string fp = lp + "." + Checker::printable(name);
        const std::string& field_name = name;  // clang 14 (make fuzz) cannot capture a structured binding
        const auto field = std::find_if(std::begin(fields), std::end(fields), [&](const auto& f) { return f.name == field_name; });
        if (field == std::end(fields)) {
          std::string allowed;
          for (const auto& f : fields) allowed += (allowed.empty() ? "" : ", ") + std::string(f.name);
          c.problem(fp, "'" + Checker::printable(name) + "' is not a translatable text here (" + allowed + ")");
        } else if ((object.*field->danish).empty()) {
          c.problem(fp, "translates a text that is empty in Danish");
        } else {
          c.text(fp, text, 1, field->max_chars, field->lines);
        }
      }
    }
  });
}

void check_assets(Checker& c, const std::vector<AssetRef>& assets) {
  c.count("assets", assets.size(), Limits::kAssets);
  std::set<std::string> seen;
  for (std::size_t i = 0; i < assets.size(); ++i) {
    const AssetRef& a = assets[i];
    const std::string p = at("assets", i);
    if (!is_sha256_hex(a.sha256)) {
      c.problem(p + ".sha256", "is not a sha256 (64 lowercase hex digits)");
    } else if (!seen.insert(a.sha256).second) {
      c.problem(p + ".sha256", "duplicate asset");
    }
    if (a.size == 0 || a.size > Limits::kMaxAssetBytes) c.problem(p + ".size", "must be between 1 and " + std::to_string(Limits::kMaxAssetBytes) + " bytes");
    if (a.media_type != "image/png" && a.media_type != "image/jpeg") c.problem(p + ".type", "'" + Checker::printable(a.media_type) + "' is not image/png or image/jpeg");
  }
}

}  // namespace

Status validate(const Feed& feed) {
  Checker c;
  if (feed.format != kFeedFormat) c.problem("format", "is " + std::to_string(feed.format) + ", this program reads format " + std::to_string(kFeedFormat));
  if (feed.version == 0) c.problem("version", "must be at least 1");
  if (feed.version > Limits::kMaxVersion) {
    c.problem("version", "is larger than " + std::to_string(Limits::kMaxVersion) + " (versions are 1 to 2^63-1)");
  }
  if (feed.expires <= feed.issued) c.problem("expires", "is not after issued");
  c.text("source", feed.source, 0, Limits::kSourceChars);
  check_areas(c, feed.content.areas);
  check_counts(c, feed.content.national_counts);
  check_criteria(c, feed.content.criteria);
  check_milestones(c, feed.content.milestones);
  const References refs(feed);
  check_results(c, feed, refs);
  check_notices(c, feed.content.notices, refs);
  check_events(c, feed.content.events, refs);
  check_translations(c, feed.content);
  check_assets(c, feed.assets);
  return c.finish();
}

}  // namespace kiosk::model
