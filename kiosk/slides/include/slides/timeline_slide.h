// The milestones of the follow-up evaluation, 2018-2029, on one axis: past ones filled, future ones
// hollow, today marked, and the next milestone told in words.
#pragma once

#include "slides/slide.h"

namespace kiosk::slides {

class TimelineSlide final : public Slide {
 public:
  void draw(render::Canvas& canvas, const Theme& theme, const SlideContext& ctx) const override;
};

// The first milestone on or after `today` (by its most precise date), or null when all are past.
const model::Milestone* next_milestone(const std::vector<model::Milestone>& milestones, const model::PartialDate& today);

}  // namespace kiosk::slides
