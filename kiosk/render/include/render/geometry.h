// Plain geometry and colour values for layout. No SDL types, so slides and tests can use them freely.
#pragma once

#include <algorithm>
#include <cstdint>

namespace kiosk::render {

struct Color {
  std::uint8_t r = 0, g = 0, b = 0, a = 255;
  friend bool operator==(const Color&, const Color&) = default;
};

struct Point {
  int x = 0, y = 0;
};

struct PointF {
  float x = 0, y = 0;
};

struct Rect {
  int x = 0, y = 0, w = 0, h = 0;

  int right() const { return x + w; }
  int bottom() const { return y + h; }
  bool empty() const { return w <= 0 || h <= 0; }
  bool contains(const Rect& o) const { return o.x >= x && o.y >= y && o.right() <= right() && o.bottom() <= bottom(); }
  bool intersects(const Rect& o) const {
    return !empty() && !o.empty() && o.x < right() && x < o.right() && o.y < bottom() && y < o.bottom();
  }
  // This rect shrunk by `d` on every side (never below zero size).
  Rect inset(int d) const { return inset(d, d); }
  Rect inset(int dx, int dy) const { return {x + dx, y + dy, std::max(0, w - 2 * dx), std::max(0, h - 2 * dy)}; }
  // Splits off the top `height` pixels; this rect keeps the rest below `gap`.
  Rect take_top(int height, int gap = 0) {
    const int hh = std::clamp(height, 0, h);
    Rect top{x, y, w, hh};
    const int used = std::min(h, hh + gap);
    y += used;
    h -= used;
    return top;
  }
  Rect take_left(int width, int gap = 0) {
    const int ww = std::clamp(width, 0, w);
    Rect left{x, y, ww, h};
    const int used = std::min(w, ww + gap);
    x += used;
    w -= used;
    return left;
  }
  Rect take_bottom(int height, int gap = 0) {
    const int hh = std::clamp(height, 0, h);
    Rect bottom{x, y + h - hh, w, hh};
    h = std::max(0, h - hh - gap);
    return bottom;
  }
};

}  // namespace kiosk::render
