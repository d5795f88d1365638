// The render-verified watchdog's judgement: given small copies of the frames the kiosk presented,
// is the screen showing something alive? A frame of a single colour (a black screen, a white one)
// is wrong at once; the same picture for longer than the display ever leaves one is frozen. Pure
// logic over thumbnails and time points, so it is tested without a screen.
#pragma once

#include <chrono>
#include <cstdint>
#include <vector>

#include "platform/clock.h"

namespace kiosk::render {

// A small copy of a frame: w*h pixels of 0xRRGGBB.
struct Thumbnail {
  int w = 0;
  int h = 0;
  std::vector<std::uint32_t> pixels;
};

class FrameWatch {
 public:
  enum class Verdict { kAlive, kSingleColour, kFrozen };

  // `max_still`: the longest the display may legitimately show an unchanged picture.
  explicit FrameWatch(std::chrono::steady_clock::duration max_still) : max_still_(max_still) {}

  Verdict check(const Thumbnail& frame, SteadyTime now);
  // Starts afresh (after the renderer was rebuilt).
  void reset() { last_.pixels.clear(); }

 private:
  std::chrono::steady_clock::duration max_still_;
  Thumbnail last_;
  SteadyTime last_change_{};
};

}  // namespace kiosk::render
