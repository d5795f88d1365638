#include "slides/slide_kinds.h"

#include <algorithm>

#include "slides/events_slide.h"
#include "slides/map_slide.h"
#include "slides/results_slide.h"
#include "slides/status_slide.h"
#include "slides/timeline_slide.h"

namespace kiosk::slides {

namespace {

template <class S>
std::unique_ptr<Slide> make() {
  return std::make_unique<S>();
}

}  // namespace

SlideKinds& SlideKinds::built_in() {
  static SlideKinds kinds = [] {
    SlideKinds k;
    k.add({.name = "status", .make = make<StatusSlide>, .map_button = true});
    k.add({.name = "map", .make = make<MapSlide>, .tap_opens_map = true});
    k.add({.name = "timeline", .make = make<TimelineSlide>});
    k.add({.name = "results", .make = make<ResultsSlide>, .tap_opens_browser = true, .rounds = 5});
    k.add({.name = "events", .make = make<EventsSlide>, .has_content = [](const model::Content& c) { return !c.events.empty(); }});
    return k;
  }();
  return kinds;
}

bool SlideKinds::add(SlideKind kind) {
  if (find(kind.name)) return false;
  kinds_.push_back(std::move(kind));
  return true;
}

const SlideKind* SlideKinds::find(std::string_view name) const {
  const auto it = std::find_if(kinds_.begin(), kinds_.end(), [&](const SlideKind& k) { return k.name == name; });
  return it == kinds_.end() ? nullptr : &*it;
}

std::string SlideKinds::names() const {
  std::string out;
  for (const auto& k : kinds_) out += (out.empty() ? "" : ", ") + k.name;
  return out;
}

}  // namespace kiosk::slides
