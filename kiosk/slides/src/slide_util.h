// Small drawing helpers shared by the slide files.
#pragma once

#include <algorithm>
#include <string>
#include <vector>

#include "model/content.h"
#include "render/canvas.h"
#include "slides/theme.h"

namespace kiosk::slides {

struct SlideContext;

// Where the footer lies: the screen's width along its bottom, theme.footer_h high.
render::Rect footer_rect(const Theme& theme);
// The strip at the bottom of every slide (clock, language, area, the data's age, pause), without
// the background and the notice band: draw_frame() less those, for the urgent screen. Returns it.
render::Rect draw_footer(render::Canvas& canvas, const Theme& theme, const SlideContext& ctx);
// The band of info notices in `band` (notice_band_box()): this round's notice (notice_band.cpp).
void draw_notice_band(render::Canvas& canvas, const Theme& theme, const SlideContext& ctx, const render::Rect& band);

render::Color category_color(const Theme& theme, model::Category c);
render::Color track_color(const Theme& theme, model::Track t);

// Pointers to `items` in the order `before` gives, equal ones in their own order.
template <class T, class Before>
std::vector<const T*> sorted_pointers(const std::vector<T>& items, Before before) {
  std::vector<const T*> out;
  out.reserve(items.size());
  for (const auto& item : items) out.push_back(&item);
  std::stable_sort(out.begin(), out.end(), [&](const T* a, const T* b) { return before(*a, *b); });
  return out;
}

// Draws `text` on one line at the top of `box` and removes that line (plus `gap`) from the box.
render::Rect text_line(render::Canvas& canvas, render::Rect& box, const std::string& text, render::TextStyle style,
                       int gap);

// The same for a block of up to `max_lines` lines.
render::Rect text_block(render::Canvas& canvas, render::Rect& box, const std::string& text, render::TextStyle style,
                        int max_lines, int gap);

struct LegendItem {
  render::Color color;
  bool filled;  // a filled dot, or a ring
  std::string text;
};

// A row of dot-and-words items, wrapping onto further rows when the box is narrow; takes the used
// height off the top of `box`. Every item is drawn: callers reserve legend_height() for it first
// (a legend that drops an entry leaves a colour unexplained).
void draw_legend(render::Canvas& canvas, const Theme& theme, render::Rect& box, const std::vector<LegendItem>& items);
// The height draw_legend() takes for `items` in a box `width` wide.
int legend_height(render::Canvas& canvas, const Theme& theme, int width, const std::vector<LegendItem>& items);
int legend_radius(const Theme& theme);

}  // namespace kiosk::slides
