#include "screens/size.h"

#include <charconv>

namespace kiosk::screens {

namespace {

constexpr int kMinSide = 160;
constexpr int kMaxSide = 16384;

bool parse_side(const std::string& s, int& out) {
  if (s.empty()) return false;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc{} && end == s.data() + s.size();
}

}  // namespace

Result<Size> parse_size(const std::string& text) {
  const auto x = text.find('x');
  Size size;
  if (x == std::string::npos || !parse_side(text.substr(0, x), size.w) || !parse_side(text.substr(x + 1), size.h)) {
    return make_error("--size: '" + text + "' is not of the form WIDTHxHEIGHT, e.g. 1920x1080");
  }
  if (size.w < kMinSide || size.h < kMinSide || size.w > kMaxSide || size.h > kMaxSide) {
    return make_error("--size: " + text + " is outside " + std::to_string(kMinSide) + ".." + std::to_string(kMaxSide) +
                      " pixels per side");
  }
  return size;
}

}  // namespace kiosk::screens
