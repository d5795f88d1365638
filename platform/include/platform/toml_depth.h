// A guard run over TOML text before toml++ parses it. toml++ recurses once per part of a dotted key
// and once per array or inline table inside another, so a 100 KB kiosk.toml or content.toml holding
// one table header of 50,000 dotted parts overflows the stack and the program dies with SIGSEGV
// (from some 35,000 parts with the 8 MiB main stack; toml++ 3.3 caps nested values at 256 but not
// keys). find_too_deep_toml() reads the text as TOML does (strings in all four forms, comments)
// without parsing it, and names the first key or value that goes past a bound no real file comes
// near: kiosk.toml's longest key is `screen.width` (2 parts) and content.toml, as kiosk-feed init
// writes it, has 1-part headers and one level of inline table (`position = { lat = ..., lon = ... }`).
//
// Header-only and standard-library-only, so the config and the source folder reader share it
// without depending on each other.
#pragma once

#include <algorithm>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace kiosk {

inline constexpr std::size_t kMaxTomlKeyParts = 16;  // dotted parts of one key or table header
inline constexpr std::size_t kMaxTomlNesting = 16;   // arrays and inline tables inside each other

// Where the text nests too deep, and what is wrong, in words for the person who wrote it.
struct TomlDepthProblem {
  std::size_t line = 0;    // 1-based
  std::size_t column = 0;  // 1-based, in characters (UTF-8 code points), as toml++ counts them
  std::string message;     // "the key has 50000 dotted parts; at most 16 are allowed"
};

namespace detail {

// One pass over the text, keeping only what nesting needs: whether a key may start here (at the
// start of a line outside any value, or after `{` or `,` in an inline table) and which arrays and
// inline tables are open. Anything TOML does not allow is skipped over; toml++ reports it.
class TomlDepthScanner {
 public:
  explicit TomlDepthScanner(std::string_view text) : text_(text) {}

  std::optional<TomlDepthProblem> run() {
    while (!at_end()) {
      const char c = peek();
      if (c == '\n') {
        advance();
        key_may_start_ = open_.empty();
      } else if (c == ' ' || c == '\t' || c == '\r') {
        advance();
      } else if (c == '#') {
        skip_comment();
      } else if (key_may_start_ && open_.empty() && c == '[') {
        if (auto problem = read_table_header()) return problem;
      } else if (key_may_start_ && starts_key_part(c)) {
        if (auto problem = read_key()) return problem;
      } else if (auto problem = read_value_char(c)) {
        return problem;
      }
    }
    if (too_deep_) return nesting_problem();
    return std::nullopt;
  }

 private:
  struct Place {
    std::size_t line = 1, column = 1;
  };

  bool at_end() const { return pos_ >= text_.size(); }
  char peek() const { return text_[pos_]; }
  bool next_is(std::string_view s) const { return text_.substr(pos_, s.size()) == s; }

  void advance() {
    const char c = text_[pos_++];
    if (c == '\n') {
      place_ = {place_.line + 1, 1};
    } else if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) {  // not a UTF-8 continuation byte
      ++place_.column;
    }
  }

  void skip_comment() {
    while (!at_end() && peek() != '\n') advance();
  }

  // A string in any of its four forms: "basic", 'literal', """multi-line basic""" and
  // '''multi-line literal'''. An unclosed one-line string ends at its line's end.
  void skip_string() {
    const char quote = peek();
    const bool escapes = quote == '"';
    const std::string triple(3, quote);
    if (next_is(triple)) {
      for (int i = 0; i < 3; ++i) advance();
      while (!at_end() && !next_is(triple)) {
        if (escapes && peek() == '\\') advance();
        if (!at_end()) advance();
      }
      // Up to two quotes just inside the closing delimiter belong to the string: """a""""" is a"".
      for (int i = 0; i < 5 && !at_end() && peek() == quote; ++i) advance();
      return;
    }
    advance();
    while (!at_end() && peek() != '\n') {
      const char c = peek();
      advance();
      if (c == quote) return;
      if (escapes && c == '\\' && !at_end() && peek() != '\n') advance();
    }
  }

  static bool starts_key_part(char c) {
    return std::string_view(" \t\r\n.=[]{},#").find(c) == std::string_view::npos;
  }

  // A key, `a.b."c d".e = ...`: counts its parts, each a bare word or a quoted string, with blanks
  // allowed around the dots.
  std::optional<TomlDepthProblem> read_key() {
    const Place start = place_;
    std::size_t parts = 0;
    for (;;) {
      skip_blanks();
      if (at_end() || !starts_key_part(peek())) break;
      if (peek() == '"' || peek() == '\'') {
        skip_string();
      } else {
        while (!at_end() && starts_key_part(peek()) && peek() != '"' && peek() != '\'') advance();
      }
      ++parts;
      skip_blanks();
      if (at_end() || peek() != '.') break;
      advance();
    }
    key_may_start_ = false;
    if (parts <= kMaxTomlKeyParts) return std::nullopt;
    return TomlDepthProblem{start.line, start.column,
                            "the key has " + std::to_string(parts) + " dotted parts; at most " +
                                std::to_string(kMaxTomlKeyParts) + " are allowed"};
  }

  // [table] or [[array.of.tables]]: its key. The closing brackets are read on as value characters
  // outside any array, which changes nothing.
  std::optional<TomlDepthProblem> read_table_header() {
    advance();
    if (!at_end() && peek() == '[') advance();
    return read_key();
  }

  void skip_blanks() {
    while (!at_end() && (peek() == ' ' || peek() == '\t')) advance();
  }

  std::optional<TomlDepthProblem> read_value_char(char c) {
    key_may_start_ = false;
    if (c == '"' || c == '\'') {
      skip_string();
      return std::nullopt;
    }
    if (c == '[' || c == '{') {
      open_ += c;
      if (open_.size() > kMaxTomlNesting && !too_deep_) {
        too_deep_ = true;
        too_deep_at_ = place_;
      }
      deepest_ = std::max(deepest_, open_.size());
      key_may_start_ = c == '{';
    } else if ((c == ']' || c == '}') && !open_.empty()) {
      open_.pop_back();
      // The whole value is read: how deep it went is known.
      if (too_deep_ && open_.empty()) {
        advance();
        return nesting_problem();
      }
    } else if (c == ',') {
      key_may_start_ = !open_.empty() && open_.back() == '{';
    }
    advance();
    return std::nullopt;
  }

  TomlDepthProblem nesting_problem() const {
    return {too_deep_at_.line, too_deep_at_.column,
            "arrays and inline tables nested " + std::to_string(deepest_) + " deep; at most " +
                std::to_string(kMaxTomlNesting) + " are allowed"};
  }

  std::string_view text_;
  std::size_t pos_ = 0;
  Place place_;
  bool key_may_start_ = true;
  std::string open_;  // the open arrays and inline tables, innermost last: '[' or '{'
  std::size_t deepest_ = 0;
  bool too_deep_ = false;
  Place too_deep_at_;  // the bracket that went past kMaxTomlNesting
};

}  // namespace detail

// The first key or table header with more than kMaxTomlKeyParts dotted parts, or the first value
// whose arrays and inline tables nest deeper than kMaxTomlNesting (placed at the bracket that goes
// past it), or nothing. It looks for nothing else; toml++ reports every other mistake.
[[nodiscard]] inline std::optional<TomlDepthProblem> find_too_deep_toml(std::string_view text) {
  return detail::TomlDepthScanner(text).run();
}

}  // namespace kiosk
