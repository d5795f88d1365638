#include "slides/chart.h"

#include <algorithm>
#include <cmath>

#include "slide_util.h"
#include "slides/danish.h"

namespace kiosk::slides {

using render::Rect;

void draw_chart(render::Canvas& canvas, const Theme& theme, Rect box, const model::Series& series) {
  if (series.points.empty() || box.empty()) return;
  std::string heading = series.title;
  if (!series.unit.empty()) heading += heading.empty() ? series.unit : " (" + series.unit + ")";
  if (!heading.empty()) text_block(canvas, box, heading, theme.label(), 2, theme.gap);

  render::TextStyle value_style = theme.body();
  value_style.weight = render::Weight::kBold;
  value_style.align = render::Align::kCenter;
  render::TextStyle label_style = theme.muted_body();
  label_style.align = render::Align::kCenter;
  const int n = static_cast<int>(series.points.size());
  const int slot = box.w / n;
  // Shrink labels to the slot; a chart of many points may label every other one.
  int widest = 0;
  for (const auto& p : series.points) widest = std::max(widest, canvas.text_width(p.label, label_style.px, label_style.weight));
  const int label_every = std::max(1, static_cast<int>(std::ceil(static_cast<double>(widest + theme.gap / 2) / std::max(1, slot))));

  const int label_h = canvas.line_height(label_style);
  const int value_h = canvas.line_height(value_style);
  Rect labels = box.take_bottom(label_h, theme.gap / 3);
  Rect plot = box;
  plot.take_top(value_h, theme.gap / 4);
  if (plot.h <= 0) return;

  double max_value = 0, min_value = 0;
  for (const auto& p : series.points) {
    max_value = std::max(max_value, p.value);
    min_value = std::min(min_value, p.value);
  }
  const double range = max_value - min_value > 0 ? max_value - min_value : 1;
  const auto y_of = [&](double v) { return plot.bottom() - static_cast<int>((v - min_value) / range * plot.h); };
  const int baseline = y_of(0);
  const int thickness = std::max(2, theme.height / 360);
  canvas.fill({plot.x, baseline - thickness / 2, plot.w, thickness}, theme.colors.rule);

  std::vector<render::Point> line_points;
  for (int i = 0; i < n; ++i) {
    const auto& p = series.points[static_cast<std::size_t>(i)];
    const int x = plot.x + slot * i;
    const int y = y_of(p.value);
    const int cx = x + slot / 2;
    if (series.kind == model::ChartKind::kBar) {
      const int bar_w = std::max(2, slot * 3 / 5);
      canvas.fill({cx - bar_w / 2, std::min(y, baseline), bar_w, std::max(thickness, std::abs(baseline - y))}, theme.colors.accent);
    } else {
      line_points.push_back({cx, y});
    }
    const bool labelled = i % label_every == 0 || i == n - 1;
    if (labelled) {
      const int value_y = std::min(y, baseline) - value_h - theme.gap / 4;
      canvas.text(danish_decimal(p.value), {x - slot, std::max(box.y, value_y), slot * 3, value_h}, value_style);
      canvas.text(p.label, {x - slot, labels.y, slot * 3, label_h}, label_style);
    }
  }
  for (std::size_t i = 1; i < line_points.size(); ++i) {
    canvas.line(line_points[i - 1], line_points[i], thickness * 2, theme.colors.accent);
  }
  for (const auto& pt : line_points) canvas.fill_circle(pt, thickness * 3, theme.colors.accent);
}

}  // namespace kiosk::slides
