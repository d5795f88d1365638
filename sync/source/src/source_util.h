// What reading content.toml and the result files share. Private to kiosk_source.
#pragma once

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include "model/validate.h"
#include "platform/result.h"
#include "source/source_folder.h"

namespace kiosk::source::detail {

constexpr std::size_t kMaxFileBytes = 1 << 20;  // a result file is a few KiB; content.toml well under 1 MiB

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

inline Result<std::string> read_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return make_error(path.string() + ": not found or not readable");
  std::ostringstream ss;
  ss << in.rdbuf();
  std::string text = ss.str();
  if (text.size() > kMaxFileBytes) return make_error(path.string() + ": larger than 1 MiB");
  if (text.rfind("\xEF\xBB\xBF", 0) == 0) text.erase(0, 3);  // the byte-order mark some editors write
  if (!model::is_valid_utf8(text)) return make_error(path.string() + ": is not UTF-8 text; save it as UTF-8");
  return text;
}

inline std::string in_quotes(std::string_view s) { return "\"" + std::string(s) + "\""; }

// One results/<id>.txt into out.content.results (result_file.cpp). Needs the areas read first;
// `areas_known` is false when content.toml could not be read, and the areas are then not checked.
void read_result_file(Problems& problems, const std::filesystem::path& file, SourceFolder& out, bool areas_known);

}  // namespace kiosk::source::detail
