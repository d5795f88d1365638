#include "slide_util.h"

namespace kiosk::slides {

render::Color category_color(const Theme& theme, model::Category c) {
  switch (c) {
    case model::Category::kNone: return theme.colors.none;
    case model::Category::kUdsat: return theme.colors.udsat;
    case model::Category::kParallelsamfund: return theme.colors.parallelsamfund;
    case model::Category::kOmdannelse: return theme.colors.omdannelse;
    case model::Category::kForebyggelse: return theme.colors.forebyggelse;
  }
  return theme.colors.text;
}

render::Color track_color(const Theme& theme, model::Track t) {
  switch (t) {
    case model::Track::kPhysical: return theme.colors.physical;
    case model::Track::kSocial: return theme.colors.social;
    case model::Track::kBoth: return theme.colors.both;
  }
  return theme.colors.text;
}

render::Rect text_block(render::Canvas& canvas, render::Rect& box, const std::string& text, render::TextStyle style,
                        int max_lines, int gap) {
  style.max_lines = max_lines;
  const render::Rect used = canvas.text(text, box, style);
  if (used.h > 0) box.take_top(used.h, gap);
  return used;
}

render::Rect text_line(render::Canvas& canvas, render::Rect& box, const std::string& text, render::TextStyle style,
                       int gap) {
  return text_block(canvas, box, text, style, 1, gap);
}

}  // namespace kiosk::slides
