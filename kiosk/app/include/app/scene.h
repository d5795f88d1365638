// The cycle's slides bound to one content version and the kiosk's settings: draws slide i.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "app/content_source.h"
#include "render/canvas.h"
#include "slides/slide.h"

namespace kiosk::app {

class Scene {
 public:
  // `content` must outlive the scene. An `area_id` not in the content shows the national view.
  Scene(const LoadedContent& content, const std::string& area_id, int stale_after_days);

  std::size_t size() const { return slides_.size(); }
  const char* name(std::size_t i) const { return slides_[i]->name(); }
  const model::Area* area() const { return area_; }
  // Draws slide `i` as at wall time `now` in the cycle's `round`.
  void draw(std::size_t i, render::Canvas& canvas, WallTime now, std::size_t round) const;
  // What the slides and the touch views read, as at `now`.
  slides::SlideContext context(WallTime now, std::size_t round) const;
  const LoadedContent& content() const { return content_; }

 private:
  const LoadedContent& content_;
  const model::Area* area_ = nullptr;
  int stale_after_days_;
  std::vector<std::unique_ptr<slides::Slide>> slides_;
};

}  // namespace kiosk::app
