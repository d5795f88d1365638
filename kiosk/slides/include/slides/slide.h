// A slide draws one screen of the cycle from the content it is given. Slides hold no state between
// frames and never fail: missing data is drawn as an honest gap ("ikke oplyst"), never as black.
//
// Where to add a slide kind: a new <kind>_slide.cpp here, and a line in make_cycle_slides().
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "model/content.h"
#include "platform/clock.h"
#include "render/canvas.h"
#include "slides/theme.h"

namespace kiosk::slides {

// Where the shown content came from, for the footer and the staff.
struct ContentOrigin {
  bool built_in = true;          // the default content shipped with the program
  std::uint64_t version = 0;
  std::int64_t updated_unix = 0;  // when it was applied to the cache (0 for built-in)
  std::int64_t expires_unix = 0;
};

// Everything a slide may read. `area` is null when the configured area is not in the content.
struct SlideContext {
  const model::Content& content;
  const model::Area* area;
  ContentOrigin origin;
  WallTime now;
  float cycle_progress = 0;  // 0..1 through the current slide
};

class Slide {
 public:
  virtual ~Slide() = default;
  // Short ASCII name, used in file names of screenshots ("status").
  virtual const char* name() const = 0;
  virtual void draw(render::Canvas& canvas, const Theme& theme, const SlideContext& ctx) const = 0;
};

// The slides of the resident cycle, in order: status, timeline, results.
std::vector<std::unique_ptr<Slide>> make_cycle_slides();

// The strip at the bottom of every slide: clock, area, the data's age, the cycle's progress.
// Returns the area above it that the slide may use.
render::Rect draw_frame(render::Canvas& canvas, const Theme& theme, const SlideContext& ctx);

}  // namespace kiosk::slides
