// The one rule for the ids a person writes and a program keys by: a kiosk's area in kiosk.toml, an
// area, result or slide kind in the feed. 1 to 64 of a-z, 0-9 and -, so an id is the same in a URL,
// a file name and a SQL key, and no two spellings (case, accents) mean one area.
//
// Header-only and standard-library-only, so the std-only model may use it.
#pragma once

#include <cstddef>
#include <string_view>

namespace kiosk {

constexpr std::size_t kMaxIdChars = 64;

constexpr bool is_valid_id(std::string_view id) {
  if (id.empty() || id.size() > kMaxIdChars) return false;
  for (char c : id) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
  }
  return true;
}

}  // namespace kiosk
