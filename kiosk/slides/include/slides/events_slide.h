// "Det sker": the next events of the community centre, today's first under "I dag", then "I morgen",
// then under their weekday and date; each with its time, title and place, as many as fit.
//
// It draws what `ctx.content.events` holds (the display leaves out events that are over and those
// of other areas); with none, it says so (the display leaves the slide out of the cycle then).
#pragma once

#include "slides/slide.h"

namespace kiosk::slides {

class EventsSlide final : public Slide {
 public:
  void draw(render::Canvas& canvas, const Theme& theme, const SlideContext& ctx) const override;
};

// The events in the order the slide lists them: by start, equal starts in the content's order.
std::vector<const model::Event*> by_start(const std::vector<model::Event>& events);

}  // namespace kiosk::slides
