#include "render/text_layout.h"

#include <unicode/ubrk.h>
#include <unicode/uloc.h>
#include <unicode/utext.h>

#include <algorithm>
#include <map>
#include <memory>

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

std::string_view trim_end(std::string_view s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

std::string_view trim_start(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  return s;
}

// Code point at the start of `s` (UTF-8 already known to be `n` bytes long there); 0 when malformed.
char32_t code_point(std::string_view s, std::size_t n) {
  if (n == 1) return static_cast<unsigned char>(s[0]);
  char32_t cp = static_cast<unsigned char>(s[0]) & (0xFF >> (n + 1));
  for (std::size_t k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[k]) & 0x3F);
  return cp;
}

// Marks that belong to the letter before them: a word broken between characters keeps them together.
bool is_combining(char32_t c) {
  return (c >= 0x0300 && c <= 0x036F) || (c >= 0x0610 && c <= 0x061A) || (c >= 0x064B && c <= 0x065F) || c == 0x0670 ||
         (c >= 0x06D6 && c <= 0x06ED) || c == 0x200C || c == 0x200D || (c >= 0xFE00 && c <= 0xFE0F);
}

// Appends an ellipsis to `line`, removing characters (and then trailing spaces) until it fits.
std::string ellipsize(std::string line, int max_width, const MeasureFn& measure) {
  while (!line.empty() && measure(line + std::string(kEllipsis)) > max_width) pop_code_point(line);
  while (!line.empty() && (line.back() == ' ' || line.back() == ',' || line.back() == '.')) line.pop_back();
  return line + std::string(kEllipsis);
}

// The paragraph cut after each break opportunity: every piece but the last ends where a line may end.
struct Segment {
  std::string_view text;
  bool must_break = false;  // a line ends here whatever follows (U+2028, a carriage return)
};

struct CloseBreakIterator {
  void operator()(UBreakIterator* iterator) const { ubrk_close(iterator); }
};
using BreakIterator = std::unique_ptr<UBreakIterator, CloseBreakIterator>;

// ICU's line break iterator for `language` (a BCP 47 tag; empty: ICU's root rules), opened once per
// language and thread: opening one takes 0.008 ms, a fifth of breaking and fitting a 170-character
// paragraph (0.04 ms, Debug build, a stand-in width function), and an iterator may only be used by
// one thread. Null when ICU cannot open it.
UBreakIterator* line_break_iterator(const std::string& language) {
  thread_local std::map<std::string, BreakIterator> iterators;
  auto found = iterators.find(language);
  if (found != iterators.end()) return found->second.get();
  char locale[ULOC_FULLNAME_CAPACITY] = "";
  UErrorCode status = U_ZERO_ERROR;
  uloc_forLanguageTag(language.c_str(), locale, sizeof locale, nullptr, &status);
  if (U_FAILURE(status)) locale[0] = '\0';
  status = U_ZERO_ERROR;
  BreakIterator iterator(ubrk_open(UBRK_LINE, locale, nullptr, 0, &status));
  if (U_FAILURE(status)) iterator.reset();
  return iterators.emplace(language, std::move(iterator)).first->second.get();
}

// The fallback when ICU fails (its data missing or broken): a line may end after each run of spaces.
// Hyphens and other scripts' rules are lost, but the text still wraps instead of running off the box.
std::vector<Segment> segments_at_spaces(std::string_view paragraph) {
  std::vector<Segment> out;
  std::size_t start = 0;
  for (std::size_t i = 0; i < paragraph.size(); ++i) {
    const bool space_ends = paragraph[i] == ' ' && (i + 1 == paragraph.size() || paragraph[i + 1] != ' ');
    if (space_ends || i + 1 == paragraph.size()) {
      out.push_back({paragraph.substr(start, i + 1 - start)});
      start = i + 1;
    }
  }
  return out;
}

std::vector<Segment> segments(std::string_view paragraph, const std::string& language) {
  UBreakIterator* iterator = line_break_iterator(language);
  if (iterator == nullptr) return segments_at_spaces(paragraph);
  UErrorCode status = U_ZERO_ERROR;
  UText text = UTEXT_INITIALIZER;
  // UTF-8 text: ICU's boundaries are byte offsets into `paragraph`.
  utext_openUTF8(&text, paragraph.data(), static_cast<int64_t>(paragraph.size()), &status);
  ubrk_setUText(iterator, &text, &status);
  if (U_FAILURE(status)) {
    utext_close(&text);
    return segments_at_spaces(paragraph);
  }
  std::vector<Segment> out;
  std::size_t start = 0;
  for (int32_t boundary = ubrk_following(iterator, 0); boundary != UBRK_DONE; boundary = ubrk_next(iterator)) {
    const auto end = std::min(static_cast<std::size_t>(boundary), paragraph.size());
    if (end <= start) continue;
    const int32_t rule = ubrk_getRuleStatus(iterator);
    const bool hard = rule >= UBRK_LINE_HARD && rule < UBRK_LINE_HARD_LIMIT;
    out.push_back({paragraph.substr(start, end - start), hard && end < paragraph.size()});
    start = end;
  }
  if (start < paragraph.size()) out.push_back({paragraph.substr(start)});
  utext_close(&text);
  return out;
}

class Breaker {
 public:
  Breaker(int max_width, const MeasureFn& measure) : max_width_(max_width), measure_(measure) {}

  void paragraph(std::string_view text, const std::string& language) {
    std::string line;
    for (const Segment& segment : segments(text, language)) {
      const std::string candidate = line + std::string(line.empty() ? trim_start(segment.text) : segment.text);
      if (measure_(trim_end(candidate)) <= max_width_) {
        line = candidate;
      } else {
        if (!trim_end(line).empty()) push(line);
        line = std::string(trim_start(segment.text));
        // A word wider than the whole line (a long compound, a URL) is broken between characters.
        if (measure_(trim_end(line)) > max_width_) line = break_between_characters(trim_end(line));
      }
      if (segment.must_break) {
        push(line);
        line.clear();
      }
    }
    push(line);
  }

  std::vector<std::string> take_lines() { return std::move(lines_); }
  std::vector<int> take_paragraphs() { return std::move(paragraphs_); }
  void next_paragraph() { ++paragraph_; }

 private:
  void push(std::string_view line) {
    lines_.emplace_back(trim_end(line));
    paragraphs_.push_back(paragraph_);
  }

  // Pushes all but the last piece of `word` and returns that last piece. The word is cut between
  // clusters (a letter with the marks that follow it); a cluster alone wider than the line, between
  // its code points.
  std::string break_between_characters(std::string_view word) {
    std::string piece;
    for (std::string_view cluster : clusters(word)) {
      if (measure_(cluster) > max_width_) {
        for (std::string_view cp : clusters(cluster, Marks::kApart)) add_to_piece(piece, cp);
      } else {
        add_to_piece(piece, cluster);
      }
    }
    return piece;
  }

  void add_to_piece(std::string& piece, std::string_view unit) {
    std::string next = piece + std::string(unit);
    if (!piece.empty() && measure_(next) > max_width_) {
      push(piece);
      next = std::string(unit);
    }
    piece = std::move(next);
  }

  enum class Marks { kWithLetter, kApart };
  static std::vector<std::string_view> clusters(std::string_view word, Marks marks = Marks::kWithLetter) {
    std::vector<std::string_view> out;
    for (std::size_t i = 0; i < word.size();) {
      const std::size_t n = std::min(utf8_sequence_length(static_cast<unsigned char>(word[i])), word.size() - i);
      const bool joins = marks == Marks::kWithLetter && !out.empty() && is_combining(code_point(word.substr(i), n));
      if (joins) {
        out.back() = std::string_view(out.back().data(), out.back().size() + n);
      } else {
        out.push_back(word.substr(i, n));
      }
      i += n;
    }
    return out;
  }

  int max_width_;
  const MeasureFn& measure_;
  std::vector<std::string> lines_;
  std::vector<int> paragraphs_;
  int paragraph_ = 0;
};

}  // namespace

std::size_t utf8_sequence_length(unsigned char lead) {
  if (lead < 0x80) return 1;
  if ((lead & 0xE0) == 0xC0) return 2;
  if ((lead & 0xF0) == 0xE0) return 3;
  if ((lead & 0xF8) == 0xF0) return 4;
  return 1;
}

TextLayout layout_text(std::string_view text, int max_width, int max_lines, const MeasureFn& measure,
                       const LayoutOptions& options) {
  TextLayout out;
  if (max_width <= 0) {
    out.truncated = !text.empty();
    return out;
  }
  Breaker breaker(max_width, measure);
  for (std::string_view paragraph : split(text, '\n')) {
    breaker.paragraph(paragraph, options.language);
    breaker.next_paragraph();
  }
  out.lines = breaker.take_lines();
  out.paragraph_of_line = breaker.take_paragraphs();
  // Trailing empty paragraphs add nothing visible.
  while (out.lines.size() > 1 && out.lines.back().empty()) {
    out.lines.pop_back();
    out.paragraph_of_line.pop_back();
  }
  if (max_lines > 0 && out.lines.size() > static_cast<std::size_t>(max_lines)) {
    out.lines.resize(static_cast<std::size_t>(max_lines));
    out.paragraph_of_line.resize(static_cast<std::size_t>(max_lines));
    out.lines.back() = ellipsize(out.lines.back(), max_width, measure);
    out.truncated = true;
  }
  for (const auto& l : out.lines) out.width = std::max(out.width, measure(l));
  return out;
}

}  // namespace kiosk::render
