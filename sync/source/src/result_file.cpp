// One result file (text_file.h): the first paragraph is the summary; the others are the full text.
#include <algorithm>
#include <charconv>
#include <map>

#include "text_file.h"

namespace kiosk::source::detail {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kHeadings[] = {"id",    "title", "date",   "publisher", "link",      "areas",     "picture",
                                          "chart", "series", "unit", "points",    "show_from", "show_until"};

// "45,2" or "45.2" or "-3"
std::optional<double> parse_number(std::string_view text) {
  std::string t(text);
  std::replace(t.begin(), t.end(), ',', '.');
  double value = 0;
  const auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), value);
  if (ec != std::errc() || end != t.data() + t.size()) return std::nullopt;
  return value;
}

std::optional<model::Series> read_series(Problems& problems, const std::string& name, std::map<std::string, Heading>& h) {
  if (!h.count("points") && !h.count("series") && !h.count("chart") && !h.count("unit")) return std::nullopt;
  model::Series s;
  const std::size_t line = h.count("points") ? h["points"].line : h.begin()->second.line;
  if (!h.count("series") || h["series"].value.empty()) problems.add(name, line, "a chart needs 'series:', its title");
  s.title = h["series"].value;
  s.unit = h["unit"].value;
  if (h.count("chart") && !model::parse_chart_kind(h["chart"].value, s.kind)) {
    problems.add(name, h["chart"].line, "chart: must be bar or line, not " + in_quotes(h["chart"].value));
  }
  if (!h.count("points") || trim(h["points"].value).empty()) {
    problems.add(name, line, "a chart needs 'points:', e.g. points: 2018 = 45,2; 2019 = 46");
    return s;
  }
  for (auto point : split(h["points"].value, ';')) {
    if (point.empty()) continue;
    const auto eq = point.find('=');
    const auto value = eq == std::string_view::npos ? std::nullopt : parse_number(trim(point.substr(eq + 1)));
    if (!value || trim(point.substr(0, eq)).empty()) {
      problems.add(name, h["points"].line, "points: " + in_quotes(point) + " is not written label = number");
      continue;
    }
    s.points.push_back({std::string(trim(point.substr(0, eq))), *value});
  }
  return s;
}

}  // namespace

void read_result_file(Problems& problems, const fs::path& file, SourceFolder& out, bool areas_known,
                      const std::optional<model::PartialDate>& today) {
  const std::string name = std::string(kResultsDir) + "/" + file.filename().string();
  auto text = read_text(file);
  if (!text) {
    problems.add(text.error().message);
    return;
  }
  Parts parts = split_parts(problems, name, *text, kHeadings);
  auto& h = parts.h;
  const auto& paragraphs = parts.paragraphs;
  const auto& paragraph_lines = parts.paragraph_lines;
  // Where each field was written, for problems the feed's validation finds later.
  const std::string path = "content.results[" + std::to_string(out.content.results.size()) + "]";
  out.places[path] = name;
  static constexpr std::pair<std::string_view, std::string_view> kFields[] = {
      {"id", "id"},         {"title", "title"}, {"date", "date"},       {"publisher", "publisher"},
      {"link", "link"},     {"areas", "areas"}, {"picture", "image"},   {"series", "series"},
      {"chart", "series.kind"}, {"unit", "series.unit"}, {"points", "series.points"},
      {"show_from", "show_from"}, {"show_until", "show_until"}};
  for (const auto& [heading, field] : kFields) {
    if (h.count(std::string(heading))) out.places[path + "." + std::string(field)] = name + ":" + std::to_string(h[std::string(heading)].line);
  }
  if (!paragraph_lines.empty()) out.places[path + ".summary"] = name + ":" + std::to_string(paragraph_lines[0]);
  if (paragraph_lines.size() > 1) out.places[path + ".body"] = name + ":" + std::to_string(paragraph_lines[1]);

  model::Result r;
  r.id = h.count("id") ? h["id"].value : file.stem().string();
  if (!model::is_valid_id(r.id)) {
    problems.add(name, h.count("id") ? h["id"].line : 0,
                 "the id " + in_quotes(r.id) + " (the file's name, or 'id:') must be 1 to 64 of a-z, 0-9 and '-'");
  }
  for (const auto& [id, other] : out.result_files) {
    if (id == r.id) problems.add(name, 0, "the result id " + in_quotes(r.id) + " is already used by " + other);
  }
  if (!h.count("title") || h["title"].value.empty()) {
    problems.add(name, h.count("title") ? h["title"].line : 1, "'title:' is missing");
  } else {
    r.title = h["title"].value;
  }
  if (!h.count("date")) {
    problems.add(name, 1, "'date:' is missing");
  } else if (auto d = read_date(h["date"].value)) {
    r.date = *d;
    // A year mistyped ahead (2052 for 2025) would keep the result first on the screen for years.
    if (today && after(r.date, *today)) {
      problems.warn(name, h["date"].line, "date: " + in_quotes(h["date"].value) + " is after today, " + model::format_partial_date(*today) +
                                              "; the newest result is shown first, so this one stays first until then. Is the year right?");
    }
  } else {
    problems.add(name, h["date"].line, "date: " + in_quotes(h["date"].value) + " " + d.error().message);
  }
  for (const auto& other : out.content.results) {
    if (!r.title.empty() && other.title == r.title && other.date == r.date) {
      problems.add(name, h["title"].line, "the same title and date as " + out.result_files[other.id] +
                                              "; a copied file that still needs its own text?");
    }
  }
  if (!h.count("publisher") || h["publisher"].value.empty()) {
    problems.add(name, h.count("publisher") ? h["publisher"].line : 1, "'publisher:' is missing; write who published the result, e.g. publisher: VIVE");
  } else {
    r.publisher = h["publisher"].value;
  }
  r.link = h["link"].value;
  if (!r.link.empty() && r.link.rfind("http://", 0) != 0 && r.link.rfind("https://", 0) != 0) {
    problems.add(name, h["link"].line, "link: must start with http:// or https://");
  } else if (r.link.find_first_of(" \t") != std::string::npos) {
    problems.add(name, h["link"].line, "link: the link contains a space; write %20 in its place, or remove it");
  } else if (const auto other = std::find_if(r.link.begin(), r.link.end(), [](char c) { return static_cast<unsigned char>(c) >= 0x7f; });
             other != r.link.end()) {
    // The whole letter, all its UTF-8 bytes, for the message.
    auto end = other + 1;
    while (end != r.link.end() && (static_cast<unsigned char>(*end) & 0xC0) == 0x80) ++end;
    problems.add(name, h["link"].line, "link: the link contains " + in_quotes(std::string(other, end)) +
                                           "; write such letters with %-codes (copy the link from the browser's address bar)");
  }
  // Without a readable content.toml every area would look unknown: that is said once, there.
  if (h.count("areas") && areas_known) r.area_ids = read_areas(problems, name, h["areas"], out.content);
  r.series = read_series(problems, name, h);
  if (h.count("show_from")) r.show_from = read_time(problems, name, "show_from", h["show_from"], DateAlone::kStartOfDay);
  if (h.count("show_until")) r.show_until = read_time(problems, name, "show_until", h["show_until"], DateAlone::kEndOfDay);
  if (r.show_from && r.show_until && *r.show_until <= *r.show_from) {
    problems.add(name, h["show_until"].line, "show_until: " + in_quotes(h["show_until"].value) + " is not after show_from: " +
                                                 in_quotes(h["show_from"].value));
  }
  if (h.count("picture") && !h["picture"].value.empty()) {
    auto picture = find_picture(file, h["picture"].value);
    if (!picture) {
      problems.add(name, h["picture"].line, "picture: " + picture.error().message);
    } else {
      out.pictures[r.id] = *picture;
    }
  }
  if (paragraphs.empty()) {
    problems.add(name, parts.lines, "has no text: write at least one paragraph after the headings and a blank line");
  } else {
    r.summary = paragraphs.front();
    r.body = paragraphs_from(parts, 1);
  }
  out.result_files[r.id] = name;
  out.content.results.push_back(std::move(r));
}

namespace {

// The headings a translation gives, and the field of the result (or its chart) each translates.
struct TranslatedHeading {
  std::string_view heading;
  bool of_chart;
  std::string_view field;
};
constexpr TranslatedHeading kTranslatedHeadings[] = {{"title", false, "title"}, {"series", true, "title"}, {"unit", true, "unit"}};

}  // namespace

void read_translation_file(Problems& problems, const fs::path& file, SourceFolder& out) {
  const std::string name = std::string(kResultsDir) + "/" + file.filename().string();
  const std::string stem = file.stem().string();
  const std::string base = stem.substr(0, stem.rfind('.'));
  const std::string danish = std::string(kResultsDir) + "/" + base + ".txt";
  auto language = language_of(stem, base, kResultsDir);
  if (!language) return problems.add(name, 0, language.error().message);
  const auto result = std::find_if(out.content.results.begin(), out.content.results.end(),
                                   [&](const model::Result& r) { return out.result_files[r.id] == danish; });
  if (result == out.content.results.end()) {
    std::vector<std::string> names;
    for (const auto& [id, file_name] : out.result_files) names.push_back(fs::path(file_name).stem().string());
    const auto meant = likely_meant(base, names);
    return problems.add(name, 0, "translates " + danish + ", which does not exist" +
                                     (meant.empty() ? "; a translation is named after the Danish result's file"
                                                    : "; " + did_you_mean(meant)));
  }
  auto text = read_text(file);
  if (!text) return problems.add(text.error().message);
  Parts parts = split_parts(problems, name, *text, kHeadings);

  const std::string path = "content.results[" + std::to_string(result - out.content.results.begin()) + "]";
  out.places[path + ".translations." + *language] = name;
  for (const auto& [heading, h] : parts.h) {
    const auto t = std::find_if(std::begin(kTranslatedHeadings), std::end(kTranslatedHeadings),
                                [&](const auto& x) { return x.heading == heading; });
    if (t == std::end(kTranslatedHeadings)) {
      problems.add(name, h.line, "'" + heading + ":' is not translated: it is taken from " + danish +
                                     "; a translation gives only title, series and unit, then the text. Remove this line");
    } else if (h.value.empty()) {
      problems.add(name, h.line, "'" + heading + ":' is empty; write its translation, or remove the line to show the Danish " + heading);
    } else if (t->of_chart && !result->series) {
      problems.add(name, h.line, "'" + heading + ":' translates a chart, but " + danish + " has none");
    } else {
      auto& into = t->of_chart ? result->series->translations : result->translations;
      into[*language][std::string(t->field)] = h.value;
      const std::string owner = t->of_chart ? path + ".series" : path;
      out.places[owner + ".translations." + *language + "." + std::string(t->field)] = name + ":" + std::to_string(h.line);
    }
  }
  if (!parts.paragraphs.empty()) {
    result->translations[*language]["summary"] = parts.paragraphs.front();
    out.places[path + ".translations." + *language + ".summary"] = name + ":" + std::to_string(parts.paragraph_lines[0]);
  }
  if (parts.paragraphs.size() > 1) {
    result->translations[*language]["body"] = paragraphs_from(parts, 1);
    out.places[path + ".translations." + *language + ".body"] = name + ":" + std::to_string(parts.paragraph_lines[1]);
  }
  if (parts.h.empty() && parts.paragraphs.empty()) {
    problems.add(name, 0, "translates nothing: write the translated title and text, or remove the file to show " + danish);
  }
}

}  // namespace kiosk::source::detail
