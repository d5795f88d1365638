// What reading content.toml and the result files share. Private to kiosk_source.
#pragma once

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "model/translations.h"
#include "model/validate.h"
#include "platform/files.h"
#include "platform/result.h"
#include "source/source_folder.h"

namespace kiosk::source::detail {

// The largest result file or content.toml that is read at all; a larger one is refused by its size,
// before any of it is read (a 220 MB file given by mistake took 447 MB to read whole). A result holds
// at most some 9,000 characters (title, summary, body, publisher, chart), at most 4 bytes each in
// UTF-8: under 50 KB, so 1 MiB leaves a wide margin. content.toml for the 15 areas of the built-in
// content is 20 KB; 1 MiB holds several hundred areas with long notes.
constexpr std::uintmax_t kMaxFileBytes = 1 << 20;
static_assert(kMaxFileBytes >= 16 * 4 * (model::Limits::kTitleChars + model::Limits::kSummaryChars + model::Limits::kBodyChars +
                                          model::Limits::kPublisherChars));

// Problems found so far, each "file:line: message", reported together; and warnings, the same but
// for what is most likely a mistake yet may be meant (the feed is built with them).
class Problems {
 public:
  void add(const std::string& file, std::size_t line, const std::string& message) {
    list_.push_back({file, line, located(file, line, message)});
  }
  // A problem that names its own file (a file that cannot be read).
  void add(const std::string& message) { list_.push_back({"", 0, message}); }
  void warn(const std::string& file, std::size_t line, const std::string& message) {
    warnings_.push_back({file, line, located(file, line, message)});
  }
  bool empty() const { return list_.empty(); }
  // The problems, and the warnings among them as "warning: file:line: ...", in the order of the
  // files and their lines: a warning often tells why a problem is there.
  Error error() const {
    auto all = sorted(list_);
    for (auto w : warnings_) {
      w.text = "warning: " + w.text;
      all.push_back(std::move(w));
    }
    std::string text;
    for (const auto& p : sorted(all)) text += (text.empty() ? "" : "\n") + p.text;
    return make_error(text);
  }
  // The warnings alone, "file:line: ...", in the order of the files and their lines.
  std::vector<std::string> warnings() const {
    std::vector<std::string> out;
    for (const auto& w : sorted(warnings_)) out.push_back(w.text);
    return out;
  }

 private:
  struct Problem {
    std::string file;
    std::size_t line;
    std::string text;
  };
  static std::string located(const std::string& file, std::size_t line, const std::string& message) {
    return file + (line ? ":" + std::to_string(line) : "") + ": " + message;
  }
  static std::vector<Problem> sorted(std::vector<Problem> list) {
    std::stable_sort(list.begin(), list.end(),
                     [](const Problem& a, const Problem& b) { return std::tie(a.file, a.line) < std::tie(b.file, b.line); });
    return list;
  }
  std::vector<Problem> list_;
  std::vector<Problem> warnings_;
};

// The text of `path`, checked to be UTF-8 (a byte-order mark is dropped). A file over kMaxFileBytes
// is refused by its size without being read.
inline Result<std::string> read_text(const std::filesystem::path& path) {
  FileProblem problem;
  auto text = read_file(path, kMaxFileBytes, "", &problem);
  if (!text && problem.kind == FileProblem::Kind::kTooLarge) {
    const std::uintmax_t tenths = (problem.size * 10 + (1 << 20) - 1) >> 20;  // MiB, rounded up to a tenth
    return make_error(path.string() + ": is " + std::to_string(tenths / 10) + "." + std::to_string(tenths % 10) +
                      " MiB; a text file in the source folder may be at most " + std::to_string(kMaxFileBytes >> 20) +
                      " MiB. Is it the right file?");
  }
  if (!text) return make_error(path.string() + ": not found or not readable");
  if (text->rfind("\xEF\xBB\xBF", 0) == 0) text->erase(0, 3);  // the byte-order mark some editors write
  if (!model::is_valid_utf8(*text)) return make_error(path.string() + ": is not UTF-8 text; save it as UTF-8");
  return text;
}

inline std::string in_quotes(std::string_view s) { return "\"" + std::string(s) + "\""; }

// `text` as a date a feed can hold; or why not, in words that follow the date in quotes: "is not a
// date written YYYY, YYYY-MM or YYYY-MM-DD", "has the year 2101; a feed holds the years 1990 to
// 2100", "is not a real date: there is no month 13".
inline Result<model::PartialDate> read_date(std::string_view text) {
  if (auto date = model::parse_partial_date(text)) return date;
  bool form = text.size() == 4 || text.size() == 7 || text.size() == 10;
  for (std::size_t at = 0; form && at < text.size(); ++at) {
    form = at == 4 || at == 7 ? text[at] == '-' : text[at] >= '0' && text[at] <= '9';
  }
  if (!form) return make_error("is not a date written YYYY, YYYY-MM or YYYY-MM-DD");
  const auto number = [&](std::size_t at, std::size_t n) { return std::stoi(std::string(text.substr(at, n))); };
  model::PartialDate d{number(0, 4), text.size() >= 7 ? number(5, 2) : 0, text.size() == 10 ? number(8, 2) : 0};
  if (d.year < model::Limits::kMinYear || d.year > model::Limits::kMaxYear) {
    return make_error("has the year " + std::to_string(d.year) + "; a feed holds the years " + std::to_string(model::Limits::kMinYear) +
                      " to " + std::to_string(model::Limits::kMaxYear));
  }
  if (d.month < 1 || d.month > 12) return make_error("is not a real date: there is no month " + std::string(text.substr(5, 2)));
  if (text.size() == 10 && d.day == 0) return make_error("is not a real date: there is no day 00");
  int days = 31;
  while (days > 28 && !model::is_valid_partial_date({d.year, d.month, days})) --days;
  return make_error("is not a real date: " + std::string(text.substr(0, 7)) + " has " + std::to_string(days) + " days");
}

// Whether every day `date` can mean is after `today`: "2025" is not after 2025-06-10, "2025-07" is.
inline bool after(const model::PartialDate& date, const model::PartialDate& today) {
  return model::PartialDate{date.year, std::max(date.month, 1), std::max(date.day, 1)} > today;
}

// The number of single-letter changes (a letter added, removed or replaced) that make `a` into `b`.
inline std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

// `s` with A-Z written a-z.
inline std::string lowered(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// What `given` was most likely meant to be among `known`: those that differ only in capital letters,
// else the nearest few by edit_distance() when it is small for the length (1 up to 4 letters, 2 up
// to 8, else 3). Empty when nothing is near.
inline std::vector<std::string> likely_meant(std::string_view given, const std::vector<std::string>& known) {
  const std::string g = lowered(given);
  const std::size_t limit = g.size() <= 4 ? 1 : g.size() <= 8 ? 2 : 3;
  std::size_t best = limit + 1;
  std::vector<std::string> out;
  for (const auto& k : known) {
    if (k == given) continue;
    const std::size_t d = edit_distance(g, lowered(k));
    if (d < best) {
      best = d;
      out.clear();
    }
    if (d == best && out.size() < 3) out.push_back(k);
  }
  return out;
}

// "did you mean \"vollsmose\"?", or for more than one "did you mean \"a\" or \"b\"?"
inline std::string did_you_mean(const std::vector<std::string>& names) {
  std::string text = "did you mean ";
  for (std::size_t i = 0; i < names.size(); ++i) text += (i == 0 ? "" : i + 1 == names.size() ? " or " : ", ") + in_quotes(names[i]);
  return text + "?";
}

// One results/<id>.txt into out.content.results (result_file.cpp). Needs the areas read first;
// `areas_known` is false when content.toml could not be read, and the areas are then not checked.
// `today`, when given, is the date of the build: a result dated after it is warned of.
void read_result_file(Problems& problems, const std::filesystem::path& file, SourceFolder& out, bool areas_known,
                      const std::optional<model::PartialDate>& today);

// One results/<name>.<language>.txt, the translation of results/<name>.txt, into that result's
// translations (result_file.cpp): read after every result file, so the Danish one is there.
void read_translation_file(Problems& problems, const std::filesystem::path& file, SourceFolder& out);

// One notices/<id>.txt into out.content.notices (notice_file.cpp), and one events/<id>.txt into
// out.content.events (event_file.cpp), their times read in the process's time zone. One that has
// ended by `now` is warned of and left out.
void read_notice_file(Problems& problems, const std::filesystem::path& file, SourceFolder& out, bool areas_known,
                      std::optional<std::int64_t> now);
void read_event_file(Problems& problems, const std::filesystem::path& file, SourceFolder& out, bool areas_known,
                     std::optional<std::int64_t> now);

// Whether `file` in results/ (notices/, events/) is a translation ("<name>.<language>.txt") rather than a result.
inline bool is_translation_file(const std::filesystem::path& file) { return file.stem().has_extension(); }

}  // namespace kiosk::source::detail
