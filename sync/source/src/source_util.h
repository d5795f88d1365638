// What reading content.toml and the result files share. Private to kiosk_source.
#pragma once

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <tuple>
#include <vector>

#include "model/validate.h"
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

// Problems found so far, each "file:line: message", reported together.
class Problems {
 public:
  void add(const std::string& file, std::size_t line, const std::string& message) {
    list_.push_back({file, line, file + (line ? ":" + std::to_string(line) : "") + ": " + message});
  }
  // A problem that names its own file (a file that cannot be read).
  void add(const std::string& message) { list_.push_back({"", 0, message}); }
  bool empty() const { return list_.empty(); }
  // In the order of the files and their lines.
  Error error() const {
    auto sorted = list_;
    std::stable_sort(sorted.begin(), sorted.end(),
                     [](const Problem& a, const Problem& b) { return std::tie(a.file, a.line) < std::tie(b.file, b.line); });
    std::string text;
    for (const auto& p : sorted) text += (text.empty() ? "" : "\n") + p.text;
    return make_error(text);
  }

 private:
  struct Problem {
    std::string file;
    std::size_t line;
    std::string text;
  };
  std::vector<Problem> list_;
};

// The text of `path`, checked to be UTF-8 (a byte-order mark is dropped). A file over kMaxFileBytes
// is refused by its size without being read.
inline Result<std::string> read_text(const std::filesystem::path& path) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) return make_error(path.string() + ": not found or not readable");
  const std::uintmax_t size = std::filesystem::file_size(path, ec);
  if (ec) return make_error(path.string() + ": not found or not readable");
  if (size > kMaxFileBytes) {
    const std::uintmax_t tenths = (size * 10 + (1 << 20) - 1) >> 20;  // MiB, rounded up to a tenth
    return make_error(path.string() + ": is " + std::to_string(tenths / 10) + "." + std::to_string(tenths % 10) +
                      " MiB; a text file in the source folder may be at most " + std::to_string(kMaxFileBytes >> 20) +
                      " MiB. Is it the right file?");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return make_error(path.string() + ": not found or not readable");
  // At most the size seen above, even if the file grows meanwhile.
  std::string text(static_cast<std::size_t>(size), '\0');
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  text.resize(static_cast<std::size_t>(in.gcount()));
  if (text.rfind("\xEF\xBB\xBF", 0) == 0) text.erase(0, 3);  // the byte-order mark some editors write
  if (!model::is_valid_utf8(text)) return make_error(path.string() + ": is not UTF-8 text; save it as UTF-8");
  return text;
}

inline std::string in_quotes(std::string_view s) { return "\"" + std::string(s) + "\""; }

// One results/<id>.txt into out.content.results (result_file.cpp). Needs the areas read first;
// `areas_known` is false when content.toml could not be read, and the areas are then not checked.
void read_result_file(Problems& problems, const std::filesystem::path& file, SourceFolder& out, bool areas_known);

}  // namespace kiosk::source::detail
