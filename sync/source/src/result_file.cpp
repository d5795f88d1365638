// One result file: "heading: value" lines, a blank line, then paragraphs. The first paragraph is
// the summary; the others are the full text. Lines of a paragraph are joined with spaces, so staff
// may wrap them as their editor likes.
#include <algorithm>
#include <charconv>
#include <map>

#include "source_util.h"

namespace kiosk::source::detail {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kHeadings[] = {"id", "title", "date", "publisher", "link", "areas",
                                          "picture", "chart", "series", "unit", "points"};

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

std::vector<std::string_view> split(std::string_view s, char sep) {
  std::vector<std::string_view> parts;
  while (true) {
    const auto at = s.find(sep);
    parts.push_back(trim(s.substr(0, at)));
    if (at == std::string_view::npos) return parts;
    s.remove_prefix(at + 1);
  }
}

// "45,2" or "45.2" or "-3"
std::optional<double> parse_number(std::string_view text) {
  std::string t(text);
  std::replace(t.begin(), t.end(), ',', '.');
  double value = 0;
  const auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), value);
  if (ec != std::errc() || end != t.data() + t.size()) return std::nullopt;
  return value;
}

struct Heading {
  std::string value;
  std::size_t line = 0;
};

// "ids: a, b" -> the known ones; unknown ones reported.
std::vector<std::string> read_areas(Problems& problems, const std::string& name, const Heading& h, const model::Content& content) {
  std::vector<std::string> ids;
  if (trim(h.value) == "all") return ids;
  for (auto id : split(h.value, ',')) {
    if (id.empty()) continue;
    const bool known = std::any_of(content.areas.begin(), content.areas.end(), [&](const model::Area& a) { return a.id == id; });
    if (!known) {
      std::vector<std::string> area_ids;
      for (const auto& a : content.areas) area_ids.push_back(a.id);
      std::string list;
      for (std::size_t i = 0; i < area_ids.size() && i < 20; ++i) list += (i ? ", " : "") + area_ids[i];
      const auto meant = likely_meant(id, area_ids);
      std::string hint = "content.toml has " + (list.empty() ? "no areas" : list);
      if (!meant.empty()) hint = did_you_mean(meant) + (lowered(meant.front()) == lowered(id) ? " (area ids are in small letters)" : "");
      problems.add(name, h.line, "areas: unknown area " + in_quotes(id) + "; " + hint);
    } else if (std::find(ids.begin(), ids.end(), id) == ids.end()) {
      ids.emplace_back(id);
    }
  }
  return ids;
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

// The file `given` on a result file's picture line names, with its links resolved; it must be in
// the source folder (the folder above results/), since the build publishes it. The error says
// why not, starting with the name as given.
Result<std::string> find_picture(const fs::path& result_file, const std::string& given) {
  const fs::path name(given);
  if (name.is_absolute()) {
    return make_error(in_quotes(given) + " is a path from the top of the disk; put the picture in results/ and give its name");
  }
  if (std::find(name.begin(), name.end(), "..") != name.end()) {
    return make_error(in_quotes(given) + " leads out of results/ with '..'; put the picture in results/ and give its name");
  }
  const fs::path picture = result_file.parent_path() / name;
  std::error_code ec;
  if (!fs::is_regular_file(picture, ec)) {
    std::string message = in_quotes(given) + " not found (looked for " + picture.string() + ")";
    // "Beboerhus.jpg" for beboerhus.jpg: the name as the folder has it.
    std::vector<std::string> names;
    for (fs::directory_iterator it(picture.parent_path(), ec), end; !ec && it != end; it.increment(ec)) {
      if (it->is_regular_file(ec)) names.push_back(it->path().filename().string());
    }
    std::sort(names.begin(), names.end());
    const std::string wanted = picture.filename().string();
    if (const auto meant = likely_meant(wanted, names); !meant.empty()) {
      std::vector<std::string> as_given;  // with the subfolder given, if any
      for (const auto& m : meant) as_given.push_back((name.parent_path() / m).string());
      message += lowered(meant.front()) == lowered(wanted)
                     ? "; there is " + in_quotes(as_given.front()) + ": write the name with the same small and capital letters"
                     : "; " + did_you_mean(as_given);
    }
    return make_error(message);
  }
  const fs::path real = fs::canonical(picture, ec);
  const fs::path folder = ec ? fs::path() : fs::canonical(result_file.parent_path().parent_path(), ec);
  if (ec) return make_error(in_quotes(given) + " cannot be followed (" + ec.message() + ")");
  const fs::path inside = real.lexically_relative(folder);
  if (inside.empty() || *inside.begin() == "..") {
    return make_error(in_quotes(given) + " is a link to " + real.string() +
                      ", outside the source folder; copy the picture into results/");
  }
  return real.string();
}

// A result file's headings and paragraphs, each with its line. Unknown and repeated headings, and
// what looks like a heading after the blank line that ended them, are reported here.
struct Parts {
  std::map<std::string, Heading> h;
  std::vector<std::string> paragraphs;
  std::vector<std::size_t> paragraph_lines;
  std::size_t lines = 0;
};

Parts split_parts(Problems& problems, const std::string& name, std::string_view text) {
  Parts out;
  std::vector<std::string_view> lines = split(text, '\n');
  out.lines = lines.size();
  auto& h = out.h;
  std::size_t i = 0;
  for (; i < lines.size() && !lines[i].empty(); ++i) {
    const auto colon = lines[i].find(':');
    const std::string key(trim(lines[i].substr(0, colon)));
    if (colon == std::string_view::npos ||
        std::find(std::begin(kHeadings), std::end(kHeadings), key) == std::end(kHeadings)) {
      std::string list;
      for (auto k : kHeadings) list += (list.empty() ? "" : ", ") + std::string(k);
      problems.add(name, i + 1,
                   (colon == std::string_view::npos ? "expected a heading line such as 'title: ...'"
                                                    : "unknown heading " + in_quotes(key)) +
                       "; the headings are " + list + ", then a blank line and the text");
      continue;
    }
    if (h.count(key)) {
      problems.add(name, i + 1, "'" + key + "' is given twice (also on line " + std::to_string(h[key].line) + ")");
      continue;
    }
    h[key] = {std::string(trim(lines[i].substr(colon + 1))), i + 1};
  }
  const std::size_t blank_line = i + 1;  // the line that ends the headings
  for (bool in_paragraph = false; i < lines.size(); ++i) {
    // A blank line among the headings turns the rest of them into text: said, since nothing else
    // would show it until the slide did.
    if (const auto colon = lines[i].find(':'); colon != std::string_view::npos && colon > 0) {
      const std::string_view key = lines[i].substr(0, colon);
      if (std::find(std::begin(kHeadings), std::end(kHeadings), key) != std::end(kHeadings)) {
        problems.warn(name, i + 1,
                      "'" + std::string(key) + ":' looks like a heading, but the blank line on line " + std::to_string(blank_line) +
                          " ended the headings, so it is read as text; remove that blank line if it is a heading");
      }
    }
    if (lines[i].empty()) {
      in_paragraph = false;
    } else if (in_paragraph) {
      out.paragraphs.back() += " " + std::string(lines[i]);
    } else {
      out.paragraphs.emplace_back(lines[i]);
      out.paragraph_lines.push_back(i + 1);
      in_paragraph = true;
    }
  }
  return out;
}

// The paragraphs after the first, the full text, "\n\n" between them.
std::string body_of(const Parts& parts) {
  std::string body;
  for (std::size_t p = 1; p < parts.paragraphs.size(); ++p) body += (p > 1 ? "\n\n" : "") + parts.paragraphs[p];
  return body;
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
  Parts parts = split_parts(problems, name, *text);
  auto& h = parts.h;
  const auto& paragraphs = parts.paragraphs;
  const auto& paragraph_lines = parts.paragraph_lines;
  // Where each field was written, for problems the feed's validation finds later.
  const std::string path = "content.results[" + std::to_string(out.content.results.size()) + "]";
  out.places[path] = name;
  static constexpr std::pair<std::string_view, std::string_view> kFields[] = {
      {"id", "id"},         {"title", "title"}, {"date", "date"},       {"publisher", "publisher"},
      {"link", "link"},     {"areas", "areas"}, {"picture", "image"},   {"series", "series"},
      {"chart", "series.kind"}, {"unit", "series.unit"}, {"points", "series.points"}};
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
    r.body = body_of(parts);
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

// The language a translation file's name gives ("ar" of "vollsmose.ar.txt"), or why it gives none.
Result<std::string> language_of(const std::string& stem, const std::string& base) {
  const std::string language = stem.substr(stem.rfind('.') + 1);
  if (language == model::kSourceLanguage) {
    return make_error("the Danish text is " + std::string(kResultsDir) + "/" + base + ".txt itself; a translation is named " + base +
                      ".<language>.txt, with one of " + model::translation_languages());
  }
  if (!model::is_translation_language(language)) {
    std::vector<std::string> known(model::kTranslationLanguages.begin(), model::kTranslationLanguages.end());
    const auto meant = likely_meant(language, known);
    return make_error("unknown language " + in_quotes(language) + " in the file's name; the languages are " +
                      model::translation_languages() + (meant.empty() ? "" : "; " + did_you_mean(meant)));
  }
  return language;
}

}  // namespace

void read_translation_file(Problems& problems, const fs::path& file, SourceFolder& out) {
  const std::string name = std::string(kResultsDir) + "/" + file.filename().string();
  const std::string stem = file.stem().string();
  const std::string base = stem.substr(0, stem.rfind('.'));
  const std::string danish = std::string(kResultsDir) + "/" + base + ".txt";
  auto language = language_of(stem, base);
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
  Parts parts = split_parts(problems, name, *text);

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
    result->translations[*language]["body"] = body_of(parts);
    out.places[path + ".translations." + *language + ".body"] = name + ":" + std::to_string(parts.paragraph_lines[1]);
  }
  if (parts.h.empty() && parts.paragraphs.empty()) {
    problems.add(name, 0, "translates nothing: write the translated title and text, or remove the file to show " + danish);
  }
}

}  // namespace kiosk::source::detail
