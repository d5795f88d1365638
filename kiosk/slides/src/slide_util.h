// Small drawing helpers shared by the slide files.
#pragma once

#include <string>
#include <vector>

#include "model/content.h"
#include "render/canvas.h"
#include "slides/theme.h"

namespace kiosk::slides {

render::Color category_color(const Theme& theme, model::Category c);
render::Color track_color(const Theme& theme, model::Track t);

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
