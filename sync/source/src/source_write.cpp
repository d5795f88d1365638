// kiosk-feed init: a source folder holding given content, laid out and commented for staff.
#include <filesystem>
#include <fstream>
#include <map>

#include "model/translations.h"
#include "model/validate.h"
#include "source/local_time.h"
#include "source/source_folder.h"
#include "toml_text.h"

namespace kiosk::source {
namespace {

namespace fs = std::filesystem;
using detail::toml_quote;

constexpr const char* kContentHeader = R"(# Kioskens indhold: områderne, landstallene, kriterierne og tidslinjen.
# Resultaterne ligger i mappen results/, ét pr. fil; beskeder i notices/ og arrangementer i events/
# (kiosk-feed notice skriver en besked). Se docs/staff-guide.md.
#
# Efter en ændring:  kiosk-feed preview <denne mappe> /tmp/forhåndsvisning
# Udgiv:             kiosk-feed build <denne mappe> <udgivelsesmappe> --key <nøglefil>
)";

// A year's category as staff read and write it most easily: the letter of the published lists where
// there is one, else the feed's word.
std::string list_word(model::Category c) {
  switch (c) {
    case model::Category::kOmdannelse: return "H";
    case model::Category::kParallelsamfund: return "P";
    case model::Category::kNotParallelsamfund: return "-";
    case model::Category::kUnknown: return "?";
    default: return std::string(model::to_string(c));
  }
}

std::string one_line(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c == '\n' || c == '\r') c = ' ';
  }
  return out;
}

// `ar.title = "..."` lines: the translations of one object, language by language in the order of
// model::kTranslationLanguages, fields in the order of `fields`.
template <class T, std::size_t N>
std::string translation_lines(const T& object, const model::TextField<T> (&fields)[N]) {
  std::string t;
  for (const auto language : model::kTranslationLanguages) {
    const auto texts = object.translations.find(std::string(language));
    if (texts == object.translations.end()) continue;
    for (const auto& field : fields) {
      if (const auto text = texts->second.find(std::string(field.name)); text != texts->second.end()) {
        t += std::string(language) + "." + std::string(field.name) + " = " + toml_quote(text->second) + "\n";
      }
    }
  }
  return t;
}

std::string content_toml(const model::Content& content, const std::string& source) {
  std::string t = kContentHeader;
  t += "\n[feed]\n# Hvem udgiver indholdet, og hvad det bygger på (står i den udgivne feed.json).\nsource = " + toml_quote(source) +
       "\n# Kioskerne viser indholdet som forældet, når det er så mange dage gammelt.\nexpires_days = " +
       std::to_string(kDefaultExpiresDays) +
       "\n# Tidszonen for tiderne i notices/, events/ og results/ (from, until, when, show_from, show_until).\ntime_zone = " +
       toml_quote(kDefaultTimeZone) + "\n";
  t += "\n[notices]\n# En besked uden until: vises så mange dage efter sin from:.\ndefault_days = " + std::to_string(kDefaultNoticeDays) +
       "\n";
  t += "\n# Områderne. lists: områdets kategori på listen pr. 1. december det år: \"H\" (hårdt ghettoområde,\n"
       "# fra 2021 omdannelsesområde), \"P\" (ghettoområde/parallelsamfund), \"-\" (ikke på den liste, men måske\n"
       "# udsat eller forebyggelse), \"?\" (ikke oplyst), eller udsat, forebyggelse, none (på ingen liste).\n"
       "# position: approximate = true, når markøren står ved byen og ikke ved selve området.\n";
  for (const auto& a : content.areas) {
    t += "\n[[area]]\nid = " + toml_quote(a.id) + "\nname = " + toml_quote(a.name) + "\nkommune = " + toml_quote(a.kommune) +
         "\n";
    t += "lists = {";
    for (std::size_t i = 0; i < a.categories.size(); ++i) {
      t += (i ? ", " : " ") + std::to_string(a.categories[i].year) + " = " + toml_quote(list_word(a.categories[i].category));
    }
    t += a.categories.empty() ? "}\n" : " }\n";
    if (a.position) {
      t += "position = { lat = " + detail::plain_number(a.position->lat) + ", lon = " +
           detail::plain_number(a.position->lon) + (a.position->approximate ? ", approximate = true" : "") + " }\n";
    }
    if (!a.note.empty()) t += "note = " + toml_quote(a.note) + "\n";
    t += translation_lines(a, model::kAreaTexts);
  }
  t += "\n# Landstallene fra hver liste.\n";
  for (const auto& n : content.national_counts) {
    t += "\n[[national]]\ndate = " + toml_quote(model::format_partial_date(n.date)) + "\nudsatte = " +
         std::to_string(n.udsatte) + "\nparallelsamfund = " + std::to_string(n.parallelsamfund) + "\nomdannelse = " +
         std::to_string(n.omdannelse) + "\n";
    if (n.forebyggelse) t += "forebyggelse = " + std::to_string(*n.forebyggelse) + "\n";
  }
  t += "\n# Kriterierne for listerne. summary er den korte tekst på statussiden.\n";
  for (const auto& c : content.criteria) {
    t += "\n[[criterion]]\nid = " + toml_quote(c.id) + "\ntitle = " + toml_quote(c.title) + "\n";
    if (!c.summary.empty()) t += "summary = " + toml_quote(c.summary) + "\n";
    t += "text = " + toml_quote(c.text) + "\n";
    t += translation_lines(c, model::kCriterionTexts);
  }
  t += "\n# Tidslinjen. when: år, år-måned eller dato. track: physical, social eller both.\n";
  for (const auto& m : content.milestones) {
    t += "\n[[milestone]]\nid = " + toml_quote(m.id) + "\nwhen = " + toml_quote(model::format_partial_date(m.when)) +
         "\ntrack = " + toml_quote(model::to_string(m.track)) + "\ntitle = " + toml_quote(m.title) + "\n";
    if (!m.text.empty()) t += "text = " + toml_quote(m.text) + "\n";
    t += translation_lines(m, model::kMilestoneTexts);
  }
  return t;
}

std::string areas_line(const std::vector<std::string>& area_ids) {
  if (area_ids.empty()) return "";
  std::string t = "areas:";
  for (std::size_t i = 0; i < area_ids.size(); ++i) t += (i ? ", " : " ") + area_ids[i];
  return t + "\n";
}

// A notice's or event's text after its headings: paragraphs, a blank line between them.
std::string text_after(const std::string& text) { return text.empty() ? "" : "\n" + text + "\n"; }

std::string notice_text(const model::Notice& n) {
  std::string t = "title: " + one_line(n.title) + "\nlevel: " + (n.level == model::NoticeLevel::kUrgent ? "urgent" : "info") + "\n";
  if (n.show_from) t += "from: " + format_local(*n.show_from) + "\n";
  t += "until: " + format_local(n.show_until) + "\n" + areas_line(n.area_ids);
  return t + text_after(n.text);
}

std::string event_text(const model::Event& e) {
  std::string t = "title: " + one_line(e.title) + "\nwhen: " + format_local(e.starts) + "\n";
  if (e.ends) t += "until: " + format_local(*e.ends) + "\n";
  if (!e.place.empty()) t += "place: " + one_line(e.place) + "\n";
  return t + areas_line(e.area_ids) + text_after(e.text);
}

// <dir>/<id>.<language>.txt of a notice or an event: its translated headings, then its text.
std::string text_translation(const std::map<std::string, std::string>& texts) {
  std::string t;
  for (const auto& [field, text] : texts) {
    if (field != "text") t += field + ": " + one_line(text) + "\n";
  }
  if (texts.count("text")) t += text_after(texts.at("text"));
  return t;
}

std::string result_text(const model::Result& r) {
  std::string t = "title: " + one_line(r.title) + "\ndate: " + model::format_partial_date(r.date) + "\n";
  if (!r.publisher.empty()) t += "publisher: " + one_line(r.publisher) + "\n";
  if (!r.link.empty()) t += "link: " + r.link + "\n";
  t += areas_line(r.area_ids);
  if (r.series) {
    t += "chart: " + std::string(model::to_string(r.series->kind)) + "\nseries: " + one_line(r.series->title) + "\n";
    if (!r.series->unit.empty()) t += "unit: " + one_line(r.series->unit) + "\n";
    t += "points:";
    for (std::size_t i = 0; i < r.series->points.size(); ++i) {
      t += (i ? "; " : " ") + r.series->points[i].label + " = " + detail::danish_number(r.series->points[i].value);
    }
    t += "\n";
  }
  if (r.show_from) t += "show_from: " + format_local(*r.show_from) + "\n";
  if (r.show_until) t += "show_until: " + format_local(*r.show_until) + "\n";
  t += "\n" + r.summary + "\n";
  if (!r.body.empty()) t += "\n" + r.body + "\n";
  return t;
}

// The text of results/<id>.<language>.txt: the translated headings, then the text. A body is only
// written after a summary, the first paragraph; one translated without it follows the Danish summary.
std::string translation_text(const model::Result& r, const std::string& language) {
  static const std::map<std::string, std::string> kNone;
  const auto& texts = r.translations.count(language) ? r.translations.at(language) : kNone;
  const auto& chart = r.series && r.series->translations.count(language) ? r.series->translations.at(language) : kNone;
  std::string t;
  if (texts.count("title")) t += "title: " + one_line(texts.at("title")) + "\n";
  if (chart.count("title")) t += "series: " + one_line(chart.at("title")) + "\n";
  if (chart.count("unit")) t += "unit: " + one_line(chart.at("unit")) + "\n";
  if (texts.count("summary") || texts.count("body")) t += "\n" + (texts.count("summary") ? texts.at("summary") : r.summary) + "\n";
  if (texts.count("body")) t += "\n" + texts.at("body") + "\n";
  return t;
}

Status write_file(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
  out.close();
  if (!out) return make_error("cannot write " + path.string());
  return {};
}

// <dir>/<sub>/<id>.txt for each of `objects`, and <id>.<language>.txt for each translation.
template <class T, class F>
Status write_texts(const std::string& dir, const char* sub, const std::vector<T>& objects, F&& text_of) {
  std::error_code ec;
  fs::create_directories(fs::path(dir) / sub, ec);
  if (ec) return make_error("cannot create " + (fs::path(dir) / sub).string() + ": " + ec.message());
  for (const auto& object : objects) {
    if (auto s = write_file(fs::path(dir) / sub / (object.id + ".txt"), text_of(object)); !s) return s;
    for (const auto& [language, texts] : object.translations) {
      if (auto s = write_file(fs::path(dir) / sub / (object.id + "." + language + ".txt"), text_translation(texts)); !s) return s;
    }
  }
  return {};
}

}  // namespace

Status write_source(const std::string& dir, const model::Content& content, const std::string& source) {
  std::error_code ec;
  if (fs::exists(dir, ec) && !fs::is_empty(dir, ec)) {
    return make_error(dir + " already exists and is not empty; give a new folder");
  }
  fs::create_directories(fs::path(dir) / kResultsDir, ec);
  if (ec) return make_error("cannot create " + dir + ": " + ec.message());
  const ZoneScope zone(kDefaultTimeZone);
  if (auto s = write_file(fs::path(dir) / kContentFile, content_toml(content, source)); !s) return s;
  for (const auto& r : content.results) {
    if (auto s = write_file(fs::path(dir) / kResultsDir / (r.id + ".txt"), result_text(r)); !s) return s;
    for (const auto language : model::kTranslationLanguages) {
      const std::string code(language);
      if (!r.translations.count(code) && !(r.series && r.series->translations.count(code))) continue;
      if (auto s = write_file(fs::path(dir) / kResultsDir / (r.id + "." + code + ".txt"), translation_text(r, code)); !s) return s;
    }
  }
  if (auto s = write_texts(dir, kNoticesDir, content.notices, notice_text); !s) return s;
  return write_texts(dir, kEventsDir, content.events, event_text);
}

}  // namespace kiosk::source
