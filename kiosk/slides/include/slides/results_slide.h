// The latest results: the newest one told in full (title, date, publisher, summary, its chart), the
// next ones listed by title.
#pragma once

#include "slides/slide.h"

namespace kiosk::slides {

class ResultsSlide final : public Slide {
 public:
  void draw(render::Canvas& canvas, const Theme& theme, const SlideContext& ctx) const override;
};

// The line above a result's title: its date and publisher, "14. maj 2019 · VIVE".
std::string result_byline(const model::Result& result, const i18n::Language& lang);

// Results newest first (by date; equal dates keep feed order).
std::vector<const model::Result*> newest_first(const std::vector<model::Result>& results);

}  // namespace kiosk::slides
