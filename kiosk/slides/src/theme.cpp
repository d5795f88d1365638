#include "slides/theme.h"

#include <algorithm>
#include <cmath>

namespace kiosk::slides {

Theme Theme::for_screen(int width, int height) {
  Theme t;
  t.width = width;
  t.height = height;
  t.portrait = height > width;
  // Text scales with the shorter side: a portrait screen reads like a landscape one of its width.
  const double h = std::min(width, height);
  const auto px = [](double v) { return static_cast<int>(std::ceil(v)); };
  t.body_px = px(h / 28);
  t.label_px = t.body_px;
  t.title_px = px(h / 18);
  t.headline_px = px(h / 12);
  t.figure_px = px(h / 9);
  t.margin = px(std::min(width, height) / 24.0);
  t.gap = px(h / 40);
  t.footer_h = px(h / 13);
  return t;
}

}  // namespace kiosk::slides
