// Right-to-left text: one laid-out line split into directional runs in the order they appear on the
// screen, by the Unicode Bidirectional Algorithm (fribidi). Each run is also of one script class,
// so it is set in one face: Arabic-script letters in the Arabic face, everything else in Noto Sans.
// Pure logic over UTF-8 strings, so it is tested without fonts.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace kiosk::render {

// A paragraph's (or the canvas') writing direction.
enum class Direction { kLeftToRight, kRightToLeft };

// Which face a run is set in: Arabic-script letters (Arabic, Urdu, Farsi) or anything else.
enum class Script { kLatin, kArabic };

struct TextRun {
  std::string text;  // the run's characters in logical (reading) order, as shaping wants them
  Direction direction = Direction::kLeftToRight;
  Script script = Script::kLatin;
};

// The base direction of a paragraph: that of its first strong character (a letter of a script
// with a direction), or `fallback` when it has none (only digits, punctuation, spaces).
Direction paragraph_direction(std::string_view paragraph, Direction fallback);

// The runs of `line`, a line of a paragraph of base direction `base`, leftmost first. A line with
// nothing right-to-left and no Arabic-script letter in a left-to-right paragraph is one Latin run.
// Invalid UTF-8 is kept as it is, in Latin runs.
std::vector<TextRun> visual_runs(std::string_view line, Direction base);

// True when `text` holds a character that bidi or the Arabic face must see: right-to-left letters,
// Arabic-script letters or explicit direction marks. Without one, and in a left-to-right paragraph,
// a line is one Latin run and need not go through fribidi.
bool needs_bidi(std::string_view text);

}  // namespace kiosk::render
