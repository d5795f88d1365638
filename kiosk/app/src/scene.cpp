#include "app/scene.h"

#include "platform/log.h"

namespace kiosk::app {

Scene::Scene(const LoadedContent& content, const std::string& area_id, int stale_after_days)
    : content_(content), stale_after_days_(stale_after_days), slides_(slides::make_cycle_slides()) {
  for (const auto& a : content.content.areas) {
    if (a.id == area_id) area_ = &a;
  }
  if (!area_) log::warning("area '" + area_id + "' is not in the content; showing the national view");
}

slides::SlideContext Scene::context(WallTime now, std::size_t round) const {
  return {content_.content, area_, content_.origin, now, slides::is_stale(content_.origin, now, stale_after_days_), round};
}

void Scene::draw(std::size_t i, render::Canvas& canvas, WallTime now, std::size_t round) const {
  slides_[i]->draw(canvas, slides::Theme::for_screen(canvas.width(), canvas.height()), context(now, round));
}

}  // namespace kiosk::app
