// The registry of slide kinds: what the playlist ([[slides.show]] in kiosk.toml) may name. The live
// display, screenshots, `kiosk-feed preview` and the layout and golden tests all build their slides
// from here, so a kind added here is everywhere at once.
//
// Adding a kind: a <kind>_slide.h/.cpp with a Slide, and one line in SlideKinds::built_in()
// (slide_kinds.cpp). To show it, name it in [[slides.show]].
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "slides/slide.h"

namespace kiosk::slides {

struct SlideKind {
  std::string name;  // as in [[slides.show]] and in screenshot file names: a-z, 0-9, -
  std::function<std::unique_ptr<Slide>()> make;
  // A tap anywhere on the slide opens the results browser (the results slide invites it).
  bool tap_opens_browser = false;
  // How many different screens the slide shows in turn, one per round of the cycle: screenshots
  // and previews draw each (the results slide tells up to five results in turn).
  int rounds = 1;
  // A tap anywhere on the slide opens the map of the areas (the map slide).
  bool tap_opens_map = false;
  // The slide draws "Se områdekort" at map_button_box() (touch_views.h), and a tap there opens the
  // map (the status slide).
  bool map_button = false;
  // Whether the content as showing now gives the slide anything to show; the cycle leaves it out while
  // not (the events slide without events). Empty: always.
  std::function<bool(const model::Content&)> has_content;
};

class SlideKinds {
 public:
  // The kinds this program knows. Tests may add to it.
  static SlideKinds& built_in();

  // A kind whose name is taken replaces nothing: false.
  bool add(SlideKind kind);
  const SlideKind* find(std::string_view name) const;
  const std::vector<SlideKind>& all() const { return kinds_; }
  // "status, timeline, results": for messages.
  std::string names() const;

 private:
  std::vector<SlideKind> kinds_;
};

}  // namespace kiosk::slides
