#include "screens/scene.h"

#include "platform/log.h"

namespace kiosk::screens {

Status check_playlist(const config::Config& config, const slides::SlideKinds& kinds) {
  std::string problems;
  for (const auto& show : config.playlist) {
    if (kinds.find(show.kind)) continue;
    const std::string where = config.source_path.empty() ? "the configuration"
                              : show.line > 0           ? config.source_path + ":" + std::to_string(show.line)
                                                        : config.source_path;
    problems += (problems.empty() ? "" : "\n") + where + ": [[slides.show]] kind \"" + show.kind +
                "\" is not a slide kind; the kinds are " + kinds.names();
  }
  if (!problems.empty()) return make_error(problems);
  return Status::success();
}

Scene::Scene(const LoadedContent& content, const config::Config& config, const slides::SlideKinds& kinds)
    : content_(content), stale_after_days_(config.stale_after_days) {
  for (const auto& show : config.playlist) {
    if (const slides::SlideKind* kind = kinds.find(show.kind)) slides_.push_back({kind, kind->make(), show.duration});
  }
  for (const auto& a : content.content.areas) {
    if (a.id == config.area) area_ = &a;
  }
  if (!area_) log::warning("area '" + config.area + "' is not in the content; showing the national view");
}

namespace {

config::Config config_for(const std::string& area_id, int stale_after_days) {
  config::Config c;
  c.area = area_id;
  c.stale_after_days = stale_after_days;
  return c;
}

}  // namespace

Scene::Scene(const LoadedContent& content, const std::string& area_id, int stale_after_days)
    : Scene(content, config_for(area_id, stale_after_days)) {}

std::vector<std::chrono::seconds> Scene::durations() const {
  std::vector<std::chrono::seconds> out;
  for (const auto& s : slides_) out.push_back(s.duration);
  return out;
}

slides::SlideContext Scene::context(WallTime now, std::size_t round) const {
  return {content_.content, area_, content_.origin, now, slides::is_stale(content_.origin, now, stale_after_days_), round};
}

void Scene::draw(std::size_t i, render::Canvas& canvas, WallTime now, std::size_t round) const {
  slides_[i].slide->draw(canvas, slides::Theme::for_screen(canvas.width(), canvas.height()), context(now, round));
}

}  // namespace kiosk::screens
