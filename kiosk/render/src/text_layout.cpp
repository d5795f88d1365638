#include "render/text_layout.h"

#include <algorithm>

namespace kiosk::render {
namespace {

constexpr std::string_view kEllipsis = "\xE2\x80\xA6";  // U+2026

std::vector<std::string_view> split(std::string_view s, char sep) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (true) {
    const auto pos = s.find(sep, start);
    parts.push_back(s.substr(start, pos == std::string_view::npos ? std::string_view::npos : pos - start));
    if (pos == std::string_view::npos) break;
    start = pos + 1;
  }
  return parts;
}

// Drops the last code point of `s`.
void pop_code_point(std::string& s) {
  while (!s.empty()) {
    const auto c = static_cast<unsigned char>(s.back());
    s.pop_back();
    if ((c & 0xC0) != 0x80) break;
  }
}

// Appends an ellipsis to `line`, removing characters (and then trailing spaces) until it fits.
std::string ellipsize(std::string line, int max_width, const MeasureFn& measure) {
  while (!line.empty() && measure(line + std::string(kEllipsis)) > max_width) pop_code_point(line);
  while (!line.empty() && (line.back() == ' ' || line.back() == ',' || line.back() == '.')) line.pop_back();
  return line + std::string(kEllipsis);
}

class Breaker {
 public:
  Breaker(int max_width, const MeasureFn& measure) : max_width_(max_width), measure_(measure) {}

  void paragraph(std::string_view text) {
    std::string line;
    for (std::string_view word : split(text, ' ')) {
      if (word.empty()) continue;
      const std::string candidate = line.empty() ? std::string(word) : line + " " + std::string(word);
      if (measure_(candidate) <= max_width_) {
        line = candidate;
        continue;
      }
      if (!line.empty()) lines_.push_back(line);
      line.clear();
      // A word wider than the whole line (a long compound, a URL) is broken between characters.
      std::string piece;
      for (std::size_t i = 0; i < word.size();) {
        const std::size_t n = std::min(utf8_sequence_length(static_cast<unsigned char>(word[i])), word.size() - i);
        const std::string next = piece + std::string(word.substr(i, n));
        if (!piece.empty() && measure_(next) > max_width_) {
          lines_.push_back(piece);
          piece = std::string(word.substr(i, n));
        } else {
          piece = next;
        }
        i += n;
      }
      line = piece;
    }
    lines_.push_back(line);
  }

  std::vector<std::string> take() { return std::move(lines_); }

 private:
  int max_width_;
  const MeasureFn& measure_;
  std::vector<std::string> lines_;
};

}  // namespace

std::size_t utf8_sequence_length(unsigned char lead) {
  if (lead < 0x80) return 1;
  if ((lead & 0xE0) == 0xC0) return 2;
  if ((lead & 0xF0) == 0xE0) return 3;
  if ((lead & 0xF8) == 0xF0) return 4;
  return 1;
}

TextLayout layout_text(std::string_view text, int max_width, int max_lines, const MeasureFn& measure) {
  TextLayout out;
  if (max_width <= 0) {
    out.truncated = !text.empty();
    return out;
  }
  Breaker breaker(max_width, measure);
  for (std::string_view paragraph : split(text, '\n')) breaker.paragraph(paragraph);
  out.lines = breaker.take();
  // Trailing empty paragraphs add nothing visible.
  while (out.lines.size() > 1 && out.lines.back().empty()) out.lines.pop_back();
  if (max_lines > 0 && out.lines.size() > static_cast<std::size_t>(max_lines)) {
    out.lines.resize(static_cast<std::size_t>(max_lines));
    out.lines.back() = ellipsize(out.lines.back(), max_width, measure);
    out.truncated = true;
  }
  for (const auto& l : out.lines) out.width = std::max(out.width, measure(l));
  return out;
}

}  // namespace kiosk::render
