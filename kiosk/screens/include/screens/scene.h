// The cycle's slides, built from the playlist (config.playlist) out of the slide registry, bound to
// one content version and the kiosk's settings: draws slide i.
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "config/config.h"
#include "model/content.h"
#include "platform/result.h"
#include "render/canvas.h"
#include "slides/slide.h"
#include "slides/slide_kinds.h"

namespace kiosk::screens {

// One content version as the slides show it, with where it came from (the cache or the default).
struct LoadedContent {
  model::Content content;
  slides::ContentOrigin origin;
};

// Every kind the playlist names is one `kinds` knows; else an error naming kiosk.toml's line and
// the kinds there are.
Status check_playlist(const config::Config& config, const slides::SlideKinds& kinds = slides::SlideKinds::built_in());

class Scene {
 public:
  // `content` must outlive the scene. An area not in the content shows the national view. Kinds the
  // registry does not know are left out (check_playlist() says so at start).
  Scene(const LoadedContent& content, const config::Config& config,
        const slides::SlideKinds& kinds = slides::SlideKinds::built_in());
  // The default playlist for `area_id` (benchmarks and tests).
  Scene(const LoadedContent& content, const std::string& area_id, int stale_after_days);

  std::size_t size() const { return slides_.size(); }
  const slides::SlideKind& kind(std::size_t i) const { return *slides_[i].kind; }
  const char* name(std::size_t i) const { return slides_[i].kind->name.c_str(); }
  std::chrono::seconds duration(std::size_t i) const { return slides_[i].duration; }
  std::vector<std::chrono::seconds> durations() const;
  const model::Area* area() const { return area_; }
  // Draws slide `i` as at wall time `now` in the cycle's `round`.
  void draw(std::size_t i, render::Canvas& canvas, WallTime now, std::size_t round) const;
  // What the slides and the touch views read, as at `now`.
  slides::SlideContext context(WallTime now, std::size_t round) const;
  const LoadedContent& content() const { return content_; }

 private:
  struct Shown {
    const slides::SlideKind* kind;
    std::unique_ptr<slides::Slide> slide;
    std::chrono::seconds duration;
  };
  const LoadedContent& content_;
  const model::Area* area_ = nullptr;
  int stale_after_days_;
  std::vector<Shown> slides_;
};

}  // namespace kiosk::screens
