// The urgent screen: one urgent notice from the staff over the whole screen ("Varmen er afbrudt i
// blok 3"), in words large enough to read across a room, high contrast and still (WCAG 2.3.1), with
// the marker "Vigtig besked", until when it holds, its text and picture, and the normal footer.
//
// Not a kind of the playlist: staff cannot name it in [[slides.show]]. While urgent notices are
// valid, the display shows this screen before every slide of the cycle, with `ctx.content` holding
// what is showing now (urgent notices first).
#pragma once

#include <memory>

#include "slides/slide.h"

namespace kiosk::slides {

// Draws urgent notice number (ctx.round + ctx.urgent_turn) mod their count: the showings of one round
// take the urgent notices in turn, so with at least as many slides in the cycle as urgent notices
// each comes on screen once a round, and each round starts at the next. With no urgent notice it
// draws the frame alone.
class UrgentNoticeSlide final : public Slide {
 public:
  void draw(render::Canvas& canvas, const Theme& theme, const SlideContext& ctx) const override;
};

// Which of `count` urgent notices the showing `ctx` tells (count > 0).
std::size_t urgent_notice_index(const SlideContext& ctx, std::size_t count);

std::unique_ptr<Slide> make_urgent_notice_slide();

}  // namespace kiosk::slides
