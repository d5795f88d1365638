#include "slide_util.h"

#include <algorithm>

namespace kiosk::slides {

render::Color category_color(const Theme& theme, model::Category c) {
  switch (c) {
    case model::Category::kNone: return theme.colors.none;
    case model::Category::kUdsat: return theme.colors.udsat;
    case model::Category::kParallelsamfund: return theme.colors.parallelsamfund;
    case model::Category::kOmdannelse: return theme.colors.omdannelse;
    case model::Category::kForebyggelse: return theme.colors.forebyggelse;
    case model::Category::kNotParallelsamfund: return theme.colors.not_listed;
    case model::Category::kUnknown: return theme.colors.muted;
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

namespace {

// Where each legend item goes when the items wrap at `width`: one call lays out for measuring and
// drawing alike, so what was measured is what is drawn.
struct LegendPlace {
  int x, y, w;
};

std::vector<LegendPlace> place_legend(render::Canvas& canvas, const Theme& theme, int width,
                                      const std::vector<LegendItem>& items, int* height) {
  render::TextStyle style = theme.muted_body();
  const int line = canvas.line_height(style);
  const int radius = legend_radius(theme);
  std::vector<LegendPlace> places;
  int x = 0, y = 0;
  for (const auto& item : items) {
    const int w = std::min(width, radius * 2 + theme.gap / 3 + canvas.text_width(item.text, style.px, style.weight));
    if (x > 0 && x + w > width) {
      x = 0;
      y += line;
    }
    places.push_back({x, y, w});
    x += w + theme.gap;
  }
  *height = items.empty() ? 0 : y + line;
  return places;
}

}  // namespace

int legend_radius(const Theme& theme) { return std::max(4, theme.body_px / 3); }

int legend_height(render::Canvas& canvas, const Theme& theme, int width, const std::vector<LegendItem>& items) {
  int height = 0;
  place_legend(canvas, theme, width, items, &height);
  return height;
}

void draw_legend(render::Canvas& canvas, const Theme& theme, render::Rect& box, const std::vector<LegendItem>& items) {
  render::TextStyle style = theme.muted_body();
  style.max_lines = 1;
  const int line = canvas.line_height(style);
  const int radius = legend_radius(theme);
  int height = 0;
  const auto places = place_legend(canvas, theme, box.w, items, &height);
  for (std::size_t i = 0; i < items.size(); ++i) {
    const LegendItem& item = items[i];
    const int x = box.x + places[i].x, y = box.y + places[i].y;
    const render::Point c{x + radius, y + line / 2};
    if (item.filled) {
      canvas.fill_circle(c, radius, item.color);
    } else {
      canvas.ring(c, radius, std::max(2, radius / 3), item.color);
    }
    canvas.text(item.text, {x + radius * 2 + theme.gap / 3, y, places[i].w - radius * 2 - theme.gap / 3, line}, style);
  }
  box.take_top(height, theme.gap);
}

}  // namespace kiosk::slides
