// toml++'s parse errors in plain words for the person who wrote the file. toml++ says what its
// parser expected ("Error while parsing string: unescaped control characters other than TAB
// (U+0009) are explicitly prohibited"); a person needs to hear what they wrote wrong ("the text
// after `source =` starts with " but has no closing " on the same line"). plain_toml_error() knows
// the common mistakes: a missing closing quote, a missing =, a name given twice, a value that is
// neither text in quotes nor a number, a decimal comma, brackets and braces not closed. Anything
// else keeps toml++'s own words. toml++'s text follows in parentheses either way.
//
// Header-only and standard-library-only, like toml_depth.h, so the config and the source folder
// reader can share it without depending on each other.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace kiosk {

namespace detail {

// Line `line` (1-based) of `text`, without its line break.
inline std::string_view toml_line(std::string_view text, std::size_t line) {
  std::size_t start = 0;
  for (std::size_t n = 1; n < line; ++n) {
    start = text.find('\n', start);
    if (start == std::string_view::npos) return {};
    ++start;
  }
  std::string_view rest = text.substr(start);
  rest = rest.substr(0, rest.find('\n'));
  if (!rest.empty() && rest.back() == '\r') rest.remove_suffix(1);
  return rest;
}

// The byte offset in `line` of the 1-based `column`, counted in characters (UTF-8 code points) as
// toml++ counts them; the line's length when past its end.
inline std::size_t toml_column_offset(std::string_view line, std::size_t column) {
  std::size_t at = 0;
  for (std::size_t n = 1; n < column && at < line.size();) {
    ++at;
    if (at >= line.size() || (static_cast<unsigned char>(line[at]) & 0xC0) != 0x80) ++n;
  }
  return at;
}

inline std::string toml_trimmed(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return std::string(s);
}

// At most `n` bytes of `s`, cut at a character boundary, with "..." when cut.
inline std::string toml_shortened(std::string_view s, std::size_t n = 40) {
  if (s.size() <= n) return std::string(s);
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
  return std::string(s.substr(0, n)) + "...";
}

// The text between the last pair of single quotes in toml++'s description: its name for a key or
// table ("cannot redefine existing string 'source'").
inline std::string toml_quoted_name(std::string_view description) {
  const auto close = description.rfind('\'');
  if (close == std::string_view::npos || close == 0) return {};
  const auto open = description.rfind('\'', close - 1);
  if (open == std::string_view::npos) return {};
  return std::string(description.substr(open + 1, close - open - 1));
}

// Where the string left open on a line starts: the byte offset of its opening quote, read as TOML
// reads a line (strings of both one-line kinds, escapes in "basic" ones, # comments outside them).
inline std::optional<std::size_t> toml_open_string(std::string_view line) {
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (c == '#') return std::nullopt;
    if (c != '"' && c != '\'') continue;
    const std::size_t start = i;
    bool closed = false;
    for (++i; i < line.size(); ++i) {
      if (c == '"' && line[i] == '\\') {
        ++i;
      } else if (line[i] == c) {
        closed = true;
        break;
      }
    }
    if (!closed) return start;
  }
  return std::nullopt;
}

// The line of the first """ or ''' string that `text` leaves open at its end, read as TOML reads
// strings and comments; 0 when there is none.
inline std::size_t toml_open_multiline_string(std::string_view text) {
  std::size_t line = 1;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\n') {
      ++line;
    } else if (c == '#') {
      while (i + 1 < text.size() && text[i + 1] != '\n') ++i;
    } else if (c == '"' || c == '\'') {
      const std::string triple(3, c);
      if (text.substr(i, 3) == triple) {
        const std::size_t start_line = line;
        std::size_t j = i + 3;
        for (; j < text.size() && text.substr(j, 3) != triple; ++j) {
          if (text[j] == '\n') ++line;
          if (c == '"' && text[j] == '\\' && j + 1 < text.size()) {
            if (text[j + 1] == '\n') ++line;
            ++j;
          }
        }
        if (j >= text.size()) return start_line;
        i = j + 2;
      } else {
        for (++i; i < text.size() && text[i] != '\n' && text[i] != c; ++i) {
          if (c == '"' && text[i] == '\\' && i + 1 < text.size() && text[i + 1] != '\n') ++i;
        }
        if (i < text.size() && text[i] == '\n') --i;  // the line break is counted above
      }
    }
  }
  return 0;
}

// The number written with a decimal comma around byte `at` of `line` ("55,38"), or nothing when
// the character there is no comma between digits.
inline std::optional<std::string> toml_decimal_comma(std::string_view line, std::size_t at) {
  const auto digit = [&](std::size_t i) { return i < line.size() && line[i] >= '0' && line[i] <= '9'; };
  // toml++ stops at the comma after the whole number ("55,38,") or at the one inside it ("14,5").
  std::size_t comma = at;
  if (!(comma < line.size() && line[comma] == ',' && comma > 0 && digit(comma - 1))) return std::nullopt;
  if (!digit(comma + 1)) {
    // The comma after "55,38": the one inside is further left.
    std::size_t i = comma;
    while (i > 0 && digit(i - 1)) --i;
    if (!(i > 1 && line[i - 1] == ',' && digit(i - 2))) return std::nullopt;
    comma = i - 1;
  }
  std::size_t begin = comma, end = comma + 1;
  while (begin > 0 && (digit(begin - 1) || line[begin - 1] == '-')) --begin;
  while (digit(end)) ++end;
  return std::string(line.substr(begin, end - begin));
}

}  // namespace detail

// `description` is toml++'s (parse_error::description()), `line` and `column` where it stopped
// (1-based), `text` the whole document. The result is one line, without the file and line.
inline std::string plain_toml_error(std::string_view description, std::string_view text, std::size_t line, std::size_t column) {
  using namespace detail;
  std::string said(description);
  for (char& c : said) {
    if (c == '\n' || c == '\r') c = ' ';
  }
  const auto has = [&](std::string_view part) { return description.find(part) != std::string_view::npos; };
  const std::string_view row = toml_line(text, line);
  const std::size_t at = toml_column_offset(row, column);
  const std::string saw = at < row.size() ? std::string(1, row[at]) : std::string();
  // The name of the line's key, when it has one: "source" of `source = "..."`.
  const std::string key = toml_trimmed(row.substr(0, std::min(row.find('='), row.size())));
  const std::string value = row.find('=') == std::string_view::npos ? std::string() : toml_trimmed(row.substr(row.find('=') + 1));
  std::string plain;

  if (const auto number = toml_decimal_comma(row, at)) {
    std::string with_point = *number;
    with_point[with_point.find(',')] = '.';
    plain = "the number " + *number + " is written with a decimal comma; write it with a point: " + with_point;
  } else if ((has("parsing string") || has("parsing literal string")) &&
             (has("control characters") || has("end-of-file"))) {
    if (const auto open = toml_open_string(row)) {
      const char quote = row[*open];
      const std::string before = toml_trimmed(row.substr(0, *open));
      plain = "the text " + (before.empty() ? std::string() : "after `" + toml_shortened(before) + "` ") + "starts with " + quote +
              " but has no closing " + quote + " on the same line; add " + quote + " at the end of the text";
    } else if (const std::size_t from = toml_open_multiline_string(text); from != 0 && has("end-of-file")) {
      plain = "the text that starts with three quotes on line " + std::to_string(from) +
              " is never closed; add the same three quotes after its last line";
    } else if (has("control characters")) {
      plain = "a text in quotes holds an invisible control character (copied from another program?); type the text again";
    }
  } else if (has("escape sequence") || has("unicode scalar")) {
    plain = "a \\ in text in \" quotes must be followed by \", \\, n or t; write \\\\ for a backslash, or put the text in ' quotes";
  } else if (has("expected '='")) {
    plain = "`" + toml_shortened(toml_trimmed(row)) + "` needs = between the name and the value, e.g. name = \"Vollsmose\"";
  } else if (has("cannot redefine existing table")) {
    plain = "[" + toml_quoted_name(description) +
            "] is written twice; write each [section] once (only [[double]] sections such as [[area]] repeat)";
  } else if (has("parsing table header")) {
    plain = "the section heading `" + toml_shortened(toml_trimmed(row)) + "` is not written right: write [name], or [[name]] with two brackets on each side for a section that repeats";
  } else if (has("cannot redefine existing") && !toml_quoted_name(description).empty()) {
    plain = "'" + toml_quoted_name(description) + "' is given twice here; keep one of them";
  } else if (has("expected value, saw '\\n'") || (has("expected value") && value.empty())) {
    plain = "there is no value after `" + toml_shortened(key) + " =`; write one, e.g. name = \"Vollsmose\" or udsatte = 12";
  } else if (has("could not determine value type") || has("parsing boolean") || has("parsing decimal integer") ||
             has("parsing floating-point") || has("parsing date") || has("parsing time") || has("expected value")) {
    plain = "the value `" + toml_shortened(value) + "` of `" + toml_shortened(key) +
            "` is not understood: write text in quotes (name = \"Vollsmose\"), numbers without them (udsatte = 12, lat = 55.38)";
  } else if (has("dangling comma")) {
    plain = "the { ... } ends with a comma; remove the comma before }";
  } else if (has("parsing inline table") && saw.empty()) {
    plain = "the { ... } is not closed with } on the same line";
  } else if (has("parsing inline table")) {
    plain = "the parts inside { ... } must be name = value, separated by commas, e.g. { lat = 55.38, lon = 10.43 }";
  } else if (has("parsing array")) {
    plain = "the values inside [ ... ] must be separated by commas, and the list closed with ]";
  } else if (has("expected a comment or whitespace")) {
    plain = "after the value of `" + toml_shortened(key) + "` comes `" + toml_shortened(toml_trimmed(row.substr(at))) +
            "`; a line holds one value (text with spaces all inside one pair of quotes), and a comment starts with #";
  } else if (has("parsing root table") && saw == "=") {
    plain = "the line begins with =; write the name before it, e.g. name = \"Vollsmose\"";
  } else if (has("parsing key")) {
    plain = "`" + toml_shortened(toml_trimmed(row)) + "` is not understood: a name before = is written with letters a-z, digits, - and _";
  } else if (has("parsing root table")) {
    plain = "`" + toml_shortened(toml_trimmed(row)) + "` is not understood: a line holds a [section], a name = value, or a # comment";
  }
  if (plain.empty()) return said;
  return plain + " (TOML: " + said + ")";
}

}  // namespace kiosk
