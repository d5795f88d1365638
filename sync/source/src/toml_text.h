// Small pieces shared by reading and writing the source folder. Private to kiosk_source.
#pragma once

#include <charconv>
#include <cstdio>
#include <string>
#include <string_view>

namespace kiosk::source::detail {

// A TOML basic string: quotes, backslashes and control characters escaped; UTF-8 as it is.
inline std::string toml_quote(std::string_view text) {
  std::string out = "\"";
  for (const char c : text) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      case '\r': out += "\\r"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned char>(c));
          out += buf;
        } else {
          out += c;
        }
    }
  }
  return out + "\"";
}

// The shortest form that reads back as the same double, with a decimal point (TOML's).
inline std::string plain_number(double value) {
  char buf[64];
  const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value);
  return std::string(buf, ec == std::errc() ? end : buf);
}

// A chart value as Danish staff write it: the same, with a decimal comma.
inline std::string danish_number(double value) {
  std::string out = plain_number(value);
  for (char& c : out) {
    if (c == '.') c = ',';
  }
  return out;
}

}  // namespace kiosk::source::detail
