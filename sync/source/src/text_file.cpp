// What every text file of the source folder shares: "heading: value" lines, a blank line, then
// paragraphs; an areas line, a picture line, and a translation's language.
#include "text_file.h"

namespace kiosk::source::detail {

namespace fs = std::filesystem;

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

Result<std::string> find_picture(const fs::path& result_file, const std::string& given) {
  const std::string folder_name = result_file.parent_path().filename().string() + "/";
  const fs::path name(given);
  if (name.is_absolute()) {
    return make_error(in_quotes(given) + " is a path from the top of the disk; put the picture in " + folder_name + " and give its name");
  }
  if (std::find(name.begin(), name.end(), "..") != name.end()) {
    return make_error(in_quotes(given) + " leads out of " + folder_name + " with '..'; put the picture in " + folder_name + " and give its name");
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
                      ", outside the source folder; copy the picture into " + folder_name);
  }
  return real.string();
}

Parts split_parts(Problems& problems, const std::string& name, std::string_view text, std::span<const std::string_view> headings) {
  Parts out;
  std::vector<std::string_view> lines = split(text, '\n');
  out.lines = lines.size();
  auto& h = out.h;
  std::size_t i = 0;
  for (; i < lines.size() && !lines[i].empty(); ++i) {
    const auto colon = lines[i].find(':');
    const std::string key(trim(lines[i].substr(0, colon)));
    if (colon == std::string_view::npos ||
        std::find(headings.begin(), headings.end(), key) == headings.end()) {
      std::string list;
      for (auto k : headings) list += (list.empty() ? "" : ", ") + std::string(k);
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
      if (std::find(headings.begin(), headings.end(), key) != headings.end()) {
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

std::string paragraphs_from(const Parts& parts, std::size_t first) {
  std::string text;
  for (std::size_t p = first; p < parts.paragraphs.size(); ++p) text += (p > first ? "\n\n" : "") + parts.paragraphs[p];
  return text;
}

Result<std::string> language_of(const std::string& stem, const std::string& base, const std::string& dir) {
  const std::string language = stem.substr(stem.rfind('.') + 1);
  if (language == model::kSourceLanguage) {
    return make_error("the Danish text is " + dir + "/" + base + ".txt itself; a translation is named " + base +
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

void record_places(std::map<std::string, std::string>& places, const std::string& path, const std::string& name, const Parts& parts,
                   std::span<const std::pair<std::string_view, std::string_view>> fields, std::string_view text_field) {
  places[path] = name;
  for (const auto& [heading, field] : fields) {
    if (const auto h = parts.h.find(std::string(heading)); h != parts.h.end()) {
      places[path + "." + std::string(field)] = name + ":" + std::to_string(h->second.line);
    }
  }
  if (!parts.paragraph_lines.empty()) places[path + "." + std::string(text_field)] = name + ":" + std::to_string(parts.paragraph_lines[0]);
}

std::optional<std::int64_t> read_time(Problems& problems, const std::string& name, const std::string& heading, const Heading& h,
                                      DateAlone alone) {
  auto unix = parse_local(h.value, alone);
  if (unix) return *unix;
  problems.add(name, h.line, heading + ": " + in_quotes(h.value) + " " + unix.error().message);
  return std::nullopt;
}

std::optional<std::string> translated_id(Problems& problems, const std::string& name, const std::string& base,
                                         const std::map<std::string, std::string>& files) {
  const std::string dir = name.substr(0, name.find('/'));
  const std::string danish = dir + "/" + base + ".txt";
  std::vector<std::string> names;
  for (const auto& [id, file] : files) {
    if (file == danish) return id;
    names.push_back(fs::path(file).stem().string());
  }
  const auto meant = likely_meant(base, names);
  problems.add(name, 0, "translates " + danish + ", which does not exist" +
                            (meant.empty() ? "; a translation is named after the Danish file" : "; " + did_you_mean(meant)));
  return std::nullopt;
}

}  // namespace kiosk::source::detail
