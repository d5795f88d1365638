// A screen's size in pixels, as `--size WxH` gives it to the kiosk and to kiosk-feed preview.
#pragma once

#include <string>

#include "platform/result.h"

namespace kiosk::screens {

struct Size {
  int w = 0;
  int h = 0;
};

// "WxH" with both in 160..16384.
Result<Size> parse_size(const std::string& text);

}  // namespace kiosk::screens
