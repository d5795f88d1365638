#include "slides/results_slide.h"
#include "slides/status_slide.h"
#include "slides/timeline_slide.h"

namespace kiosk::slides {

std::vector<std::unique_ptr<Slide>> make_cycle_slides() {
  std::vector<std::unique_ptr<Slide>> slides;
  slides.push_back(std::make_unique<StatusSlide>());
  slides.push_back(std::make_unique<TimelineSlide>());
  slides.push_back(std::make_unique<ResultsSlide>());
  return slides;
}

}  // namespace kiosk::slides
