// The map of the areas: where the areas on the latest list are, which list each is on, and the
// kiosk's own area among them (slides/area_map.h), with the counts beside the map.
#pragma once

#include "slides/slide.h"

namespace kiosk::slides {

class MapSlide final : public Slide {
 public:
  void draw(render::Canvas& canvas, const Theme& theme, const SlideContext& ctx) const override;
};

}  // namespace kiosk::slides
