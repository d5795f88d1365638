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

void draw_legend(render::Canvas& canvas, const Theme& theme, render::Rect& box, const std::vector<LegendItem>& items) {
  render::TextStyle style = theme.muted_body();
  style.max_lines = 1;
  const int line = canvas.line_height(style);
  const int radius = std::max(4, theme.body_px / 3);
  int x = box.x, y = box.y;
  for (const auto& item : items) {
    const int w = radius * 2 + theme.gap / 3 + canvas.text_width(item.text, style.px, style.weight);
    if (x > box.x && x + w > box.right()) {
      x = box.x;
      y += line;
    }
    if (y + line > box.bottom()) break;
    const render::Point c{x + radius, y + line / 2};
    if (item.filled) {
      canvas.fill_circle(c, radius, item.color);
    } else {
      canvas.ring(c, radius, std::max(2, radius / 3), item.color);
    }
    canvas.text(item.text, {x + radius * 2 + theme.gap / 3, y, std::min(w, box.right() - x) - radius * 2 - theme.gap / 3, line}, style);
    x += w + theme.gap;
  }
  box.take_top(y + line - box.y, theme.gap);
}

}  // namespace kiosk::slides
