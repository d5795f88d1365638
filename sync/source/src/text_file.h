// What the text files of the source folder share (results/, notices/, events/): a few "heading:
// value" lines, a blank line, then paragraphs, whose lines are joined with spaces so that staff may
// wrap them as their editor likes; the areas line; a picture beside the file; translations named
// <name>.<language>.txt. Private to kiosk_source.
#pragma once

#include <filesystem>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "source/local_time.h"
#include "source_util.h"

namespace kiosk::source::detail {

std::string_view trim(std::string_view s);
// `s` cut at each `sep`, each part trimmed.
std::vector<std::string_view> split(std::string_view s, char sep);

struct Heading {
  std::string value;
  std::size_t line = 0;
};

// A text file's headings and paragraphs, each with its line.
struct Parts {
  std::map<std::string, Heading> h;
  std::vector<std::string> paragraphs;
  std::vector<std::size_t> paragraph_lines;
  std::size_t lines = 0;
};

// `text` (of the file `name`, "notices/x.txt") cut into its parts. Headings not among `headings`,
// repeated ones, and what looks like a heading after the blank line that ended them are reported.
Parts split_parts(Problems& problems, const std::string& name, std::string_view text, std::span<const std::string_view> headings);

// The paragraphs from the `first`, "\n\n" between them.
std::string paragraphs_from(const Parts& parts, std::size_t first);

// "areas: a, b" -> the ids of areas content.toml has ("all": none, which means every area);
// unknown ones reported with what was likely meant.
std::vector<std::string> read_areas(Problems& problems, const std::string& name, const Heading& h, const model::Content& content);

// The file `given` on a picture line of `text_file` names, with its links resolved; it must be in
// the source folder (the folder above the file's), since the build publishes it. The error says
// why not, starting with the name as given.
Result<std::string> find_picture(const std::filesystem::path& text_file, const std::string& given);

// The language a translation file's name gives ("ar" of "vollsmose.ar.txt" in `dir`), or why it
// gives none.
Result<std::string> language_of(const std::string& stem, const std::string& base, const std::string& dir);

// Records where the file `name` wrote each field of the object at the feed path `path`: the headings
// by `fields` (heading -> field), the first paragraph as `text_field`.
void record_places(std::map<std::string, std::string>& places, const std::string& path, const std::string& name, const Parts& parts,
                   std::span<const std::pair<std::string_view, std::string_view>> fields, std::string_view text_field);

// The local time on the heading line `h` ("until: 2026-12-01 15:00"), as unix seconds in the
// process's time zone; a date alone by `alone`. nullopt, reported, when it is not one.
std::optional<std::int64_t> read_time(Problems& problems, const std::string& name, const std::string& heading, const Heading& h,
                                      DateAlone alone);

// The file a translation <dir>/<base>.<language>.txt translates, "<dir>/<base>.txt", among `files`
// (id -> file, as read); the id, or nothing with the problem reported.
std::optional<std::string> translated_id(Problems& problems, const std::string& name, const std::string& base,
                                         const std::map<std::string, std::string>& files);

// One translation of a notice or an event, <dir>/<base>.<language>.txt: the headings among
// `headings` translate the fields of those names, the paragraphs translate "text". Into the object
// of `objects` with the id, and its places under "content.<list>[i]".
template <class T>
void read_text_translation(Problems& problems, const std::filesystem::path& file, const std::string& dir, const std::string& list,
                           std::vector<T>& objects, const std::map<std::string, std::string>& files,
                           std::span<const std::string_view> headings, std::map<std::string, std::string>& places) {
  const std::string name = dir + "/" + file.filename().string();
  const std::string stem = file.stem().string();
  const std::string base = stem.substr(0, stem.rfind('.'));
  auto language = language_of(stem, base, dir);
  if (!language) return problems.add(name, 0, language.error().message);
  const auto id = translated_id(problems, name, base, files);
  if (!id) return;
  auto text = read_text(file);
  if (!text) return problems.add(text.error().message);
  const Parts parts = split_parts(problems, name, *text, headings);
  const auto object = std::find_if(objects.begin(), objects.end(), [&](const T& o) { return o.id == *id; });
  if (object == objects.end()) return;  // left out (ended): its translation with it
  const std::string path = "content." + list + "[" + std::to_string(object - objects.begin()) + "].translations." + *language;
  places[path] = name;
  for (const auto& [heading, h] : parts.h) {
    if (h.value.empty()) {
      problems.add(name, h.line, "'" + heading + ":' is empty; write its translation, or remove the line to show the Danish " + heading);
      continue;
    }
    object->translations[*language][heading] = h.value;
    places[path + "." + heading] = name + ":" + std::to_string(h.line);
  }
  if (!parts.paragraphs.empty()) {
    object->translations[*language]["text"] = paragraphs_from(parts, 0);
    places[path + ".text"] = name + ":" + std::to_string(parts.paragraph_lines[0]);
  }
  if (parts.h.empty() && parts.paragraphs.empty()) {
    problems.add(name, 0, "translates nothing: write the translated title and text, or remove the file to show " + files.at(*id));
  }
}

}  // namespace kiosk::source::detail
