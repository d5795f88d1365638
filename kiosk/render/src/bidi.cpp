#include "render/bidi.h"

#include <fribidi.h>

#include <algorithm>
#include <cstdint>

#include "render/text_layout.h"

namespace kiosk::render {
namespace {

struct CodePoints {
  std::vector<FriBidiChar> chars;
  std::vector<std::size_t> offsets;  // byte offset of each code point in the UTF-8 text, plus the end
};

// Decodes UTF-8; a malformed sequence becomes U+FFFD for the algorithm and keeps its bytes.
CodePoints decode(std::string_view text) {
  CodePoints out;
  out.chars.reserve(text.size());
  out.offsets.reserve(text.size() + 1);
  for (std::size_t i = 0; i < text.size();) {
    const auto lead = static_cast<unsigned char>(text[i]);
    std::size_t n = std::min(utf8_sequence_length(lead), text.size() - i);
    FriBidiChar cp = n == 1 ? lead : lead & (0xFF >> (n + 1));
    for (std::size_t k = 1; k < n; ++k) {
      const auto next = static_cast<unsigned char>(text[i + k]);
      if ((next & 0xC0) != 0x80) {
        n = 1;
        cp = 0xFFFD;
        break;
      }
      cp = (cp << 6) | (next & 0x3F);
    }
    if (n == 1 && lead >= 0x80) cp = 0xFFFD;
    out.chars.push_back(cp);
    out.offsets.push_back(i);
    i += n;
  }
  out.offsets.push_back(text.size());
  return out;
}

bool is_arabic_script(FriBidiChar c) {
  return (c >= 0x0600 && c <= 0x06FF) || (c >= 0x0750 && c <= 0x077F) || (c >= 0x0870 && c <= 0x08FF) ||
         (c >= 0xFB50 && c <= 0xFDFF) || (c >= 0xFE70 && c <= 0xFEFF);
}

// Characters that belong to whichever face their neighbours use: spaces, joiners, combining marks.
// Keeping them inside an Arabic run lets HarfBuzz see whole phrases (and the Arabic face has them).
bool takes_neighbours_script(FriBidiChar c) {
  return c == 0x20 || c == 0xA0 || c == 0x200C || c == 0x200D || (c >= 0x0300 && c <= 0x036F);
}

enum class Class { kLatin, kArabic, kNeighbour };

Class classify(FriBidiChar c) {
  if (is_arabic_script(c)) return Class::kArabic;
  if (takes_neighbours_script(c)) return Class::kNeighbour;
  return Class::kLatin;
}

// The script of each code point: a neighbour-taking character takes the script of the character
// before it at the same level, else the one after it, else Latin.
std::vector<Script> scripts_of(const std::vector<FriBidiChar>& chars, const std::vector<FriBidiLevel>& levels) {
  const std::size_t n = chars.size();
  std::vector<Script> scripts(n, Script::kLatin);
  std::vector<bool> open(n, false);
  for (std::size_t i = 0; i < n; ++i) {
    const Class c = classify(chars[i]);
    if (c == Class::kNeighbour) {
      open[i] = true;
      if (i > 0 && levels[i - 1] == levels[i]) {
        scripts[i] = scripts[i - 1];
        open[i] = false;
      }
    } else {
      scripts[i] = c == Class::kArabic ? Script::kArabic : Script::kLatin;
    }
  }
  for (std::size_t i = n; i-- > 0;) {
    if (open[i] && i + 1 < n && levels[i + 1] == levels[i]) scripts[i] = scripts[i + 1];
  }
  return scripts;
}

struct LevelRun {
  std::size_t first = 0, last = 0;  // code points [first, last)
  FriBidiLevel level = 0;
  Script script = Script::kLatin;
};

}  // namespace

bool needs_bidi(std::string_view text) {
  for (unsigned char c : text) {
    if (c >= 0x80) {
      for (FriBidiChar cp : decode(text).chars) {
        const FriBidiCharType type = fribidi_get_bidi_type(cp);
        if (is_arabic_script(cp) || type == FRIBIDI_TYPE_RTL || type == FRIBIDI_TYPE_AL || FRIBIDI_IS_EXPLICIT(type) || FRIBIDI_IS_ISOLATE(type)) {
          return true;
        }
      }
      return false;
    }
  }
  return false;
}

Direction paragraph_direction(std::string_view paragraph, Direction fallback) {
  const CodePoints cps = decode(paragraph);
  std::vector<FriBidiCharType> types(cps.chars.size());
  fribidi_get_bidi_types(cps.chars.data(), static_cast<FriBidiStrIndex>(cps.chars.size()), types.data());
  const FriBidiParType dir = fribidi_get_par_direction(types.data(), static_cast<FriBidiStrIndex>(types.size()));
  if (dir == FRIBIDI_PAR_RTL) return Direction::kRightToLeft;
  if (dir == FRIBIDI_PAR_LTR) return Direction::kLeftToRight;
  return fallback;
}

std::vector<TextRun> visual_runs(std::string_view line, Direction base) {
  if (line.empty()) return {};
  if (base == Direction::kLeftToRight && !needs_bidi(line)) return {TextRun{std::string(line), base, Script::kLatin}};

  const CodePoints cps = decode(line);
  const auto n = static_cast<FriBidiStrIndex>(cps.chars.size());
  std::vector<FriBidiCharType> types(cps.chars.size());
  std::vector<FriBidiBracketType> brackets(cps.chars.size());
  std::vector<FriBidiLevel> levels(cps.chars.size());
  fribidi_get_bidi_types(cps.chars.data(), n, types.data());
  fribidi_get_bracket_types(cps.chars.data(), n, types.data(), brackets.data());
  // The paragraph's direction was found on the whole paragraph; a line only applies it.
  FriBidiParType par = base == Direction::kRightToLeft ? FRIBIDI_PAR_RTL : FRIBIDI_PAR_LTR;
  if (fribidi_get_par_embedding_levels_ex(types.data(), brackets.data(), n, &par, levels.data()) == 0) {
    return {TextRun{std::string(line), base, Script::kLatin}};  // fribidi ran out of memory
  }
  const std::vector<Script> scripts = scripts_of(cps.chars, levels);

  // Logical runs of one level and one script.
  std::vector<LevelRun> runs;
  for (std::size_t i = 0; i < cps.chars.size(); ++i) {
    if (runs.empty() || runs.back().level != levels[i] || runs.back().script != scripts[i]) {
      runs.push_back({i, i, levels[i], scripts[i]});
    }
    runs.back().last = i + 1;
  }
  // Rule L2: from the highest level down to the lowest odd one, reverse every sequence of runs at
  // that level or higher.
  int highest = 0, lowest_odd = 127;
  for (const auto& r : runs) {
    highest = std::max<int>(highest, r.level);
    if (r.level % 2 == 1) lowest_odd = std::min<int>(lowest_odd, r.level);
  }
  for (int level = highest; level >= lowest_odd && level > 0; --level) {
    for (std::size_t i = 0; i < runs.size();) {
      if (runs[i].level < level) {
        ++i;
        continue;
      }
      std::size_t j = i;
      while (j < runs.size() && runs[j].level >= level) ++j;
      std::reverse(runs.begin() + static_cast<std::ptrdiff_t>(i), runs.begin() + static_cast<std::ptrdiff_t>(j));
      i = j;
    }
  }
  std::vector<TextRun> out;
  out.reserve(runs.size());
  for (const auto& r : runs) {
    const std::size_t from = cps.offsets[r.first], to = cps.offsets[r.last];
    out.push_back({std::string(line.substr(from, to - from)),
                   r.level % 2 == 1 ? Direction::kRightToLeft : Direction::kLeftToRight, r.script});
  }
  return out;
}

}  // namespace kiosk::render
