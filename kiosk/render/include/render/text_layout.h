// Breaking text into lines that fit a width: at spaces, at explicit newlines, and inside a word only
// when the word alone is wider than the line. When the lines do not fit `max_lines`, the last one
// kept ends in an ellipsis. Pure logic over a measuring function, so it is tested without fonts.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk::render {

// Width in pixels of `text` set on one line.
using MeasureFn = std::function<int(std::string_view text)>;

struct TextLayout {
  std::vector<std::string> lines;
  int width = 0;           // widest line
  bool truncated = false;  // some text did not fit and an ellipsis was set
};

// `max_lines` <= 0 means no limit. Lines never exceed `max_width` unless a single character does.
TextLayout layout_text(std::string_view text, int max_width, int max_lines, const MeasureFn& measure);

// Byte length of the UTF-8 sequence starting with `lead`.
std::size_t utf8_sequence_length(unsigned char lead);

}  // namespace kiosk::render
