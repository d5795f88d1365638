// Breaking text into lines that fit a width, at the break opportunities of Unicode's line breaking
// algorithm (UAX #14, by ICU's line break iterator): after spaces and hyphens ("Tåstrupgård-" /
// "Parken"), never inside "2018-2029", always at "\n" and U+2028; should ICU fail, at spaces only.
// A word alone wider than the line is broken between characters (a combining mark stays with its
// letter when it fits). When the lines do not fit `max_lines`, the last one kept ends in an
// ellipsis. Lines hold logical (reading) order; bidi.h orders them for the screen. Pure logic over a
// measuring function, so it is tested without fonts.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk::render {

// Width in pixels of `text` set on one line.
using MeasureFn = std::function<int(std::string_view text)>;

struct LayoutOptions {
  // BCP 47 language tag of the text ("da", "ar", "ur"), given to ICU as the locale of its line
  // breaking rules; empty or unknown to ICU: its common (root) rules.
  std::string language;
};

struct TextLayout {
  std::vector<std::string> lines;  // without the spaces at which they were broken
  std::vector<int> paragraph_of_line;  // for each line, which paragraph ("\n"-separated part) it is from
  int width = 0;           // widest line
  bool truncated = false;  // some text did not fit and an ellipsis was set
};

// `max_lines` <= 0 means no limit. Lines never exceed `max_width` unless a single character does.
TextLayout layout_text(std::string_view text, int max_width, int max_lines, const MeasureFn& measure,
                       const LayoutOptions& options = {});

// Byte length of the UTF-8 sequence starting with `lead`.
std::size_t utf8_sequence_length(unsigned char lead);

}  // namespace kiosk::render
