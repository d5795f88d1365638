#include "render/frame_watch.h"

#include <cstdlib>

namespace kiosk::render {

namespace {

// Channels within this of each other count as the same colour (noise, dithering).
constexpr int kTolerance = 6;

bool same_colour(std::uint32_t a, std::uint32_t b) {
  for (int shift = 0; shift <= 16; shift += 8) {
    if (std::abs(static_cast<int>((a >> shift) & 0xFF) - static_cast<int>((b >> shift) & 0xFF)) > kTolerance) return false;
  }
  return true;
}

}  // namespace

FrameWatch::Verdict FrameWatch::check(const Thumbnail& frame, SteadyTime now) {
  if (frame.pixels.empty()) return Verdict::kSingleColour;
  bool single = true;
  for (std::uint32_t p : frame.pixels) {
    if (!same_colour(p, frame.pixels.front())) {
      single = false;
      break;
    }
  }
  if (last_.pixels != frame.pixels) {
    last_ = frame;
    last_change_ = now;
  }
  if (single) return Verdict::kSingleColour;
  return now - last_change_ > max_still_ ? Verdict::kFrozen : Verdict::kAlive;
}

}  // namespace kiosk::render
