// The area's status: its name, category on the latest list and over the years, and the national
// counts of the latest list.
#pragma once

#include "slides/slide.h"

namespace kiosk::slides {

class StatusSlide final : public Slide {
 public:
  void draw(render::Canvas& canvas, const Theme& theme, const SlideContext& ctx) const override;
};

}  // namespace kiosk::slides
