#include "slides/chart.h"

#include <algorithm>
#include <cmath>

#include "slide_util.h"

namespace kiosk::slides {

using render::Rect;

namespace {

// A round step for about `ticks` gridlines up to `max`: 1, 2 or 5 times a power of ten.
double nice_step(double max, int ticks) {
  const double raw = max / std::max(1, ticks);
  const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
  for (double m : {1.0, 2.0, 5.0, 10.0}) {
    if (m * magnitude >= raw) return m * magnitude;
  }
  return 10 * magnitude;
}

}  // namespace

void draw_chart(render::Canvas& canvas, const Theme& theme, Rect box, const model::Series& series, const i18n::Language& lang,
                ChartLayout layout) {
  if (series.points.empty() || box.empty()) return;
  const bool unit_line = layout == ChartLayout::kFull && !series.unit.empty();
  std::string heading = series.title;
  if (!unit_line && !series.unit.empty()) heading += (heading.empty() ? "" : " ") + std::string("(") + series.unit + ")";
  if (!heading.empty()) text_block(canvas, box, heading, theme.label(), 2, theme.gap / 3);
  // The plot keeps its axes in every language: values on the left, time running to the right.
  box = canvas.on_screen(box);
  const render::Canvas::KeepLeftToRight axes(canvas);

  render::TextStyle tick_style = theme.muted_body();
  tick_style.align = render::Align::kRight;
  tick_style.max_lines = 1;
  render::TextStyle value_style = theme.body();
  value_style.weight = render::Weight::kBold;
  value_style.align = render::Align::kCenter;
  value_style.max_lines = 1;
  render::TextStyle label_style = theme.muted_body();
  label_style.align = render::Align::kCenter;
  label_style.max_lines = 1;
  const int line_h = canvas.line_height(label_style);
  const int value_h = canvas.line_height(value_style);

  // The value axis: from zero (or the lowest negative value) to a round number above the highest.
  double lo = 0, hi = 0;
  for (const auto& p : series.points) {
    lo = std::min(lo, p.value);
    hi = std::max(hi, p.value);
  }
  if (hi - lo <= 0) hi = lo + 1;
  // As many gridlines as the height allows without their labels touching, at most four.
  const int estimated_plot_h = box.h - line_h * 2 - value_h * 2;
  const double step = nice_step(hi - lo, std::clamp(estimated_plot_h / (line_h * 3 / 2), 1, 4));
  hi = std::ceil(hi / step) * step;
  lo = std::floor(lo / step) * step;

  // The unit names the value axis, above it.
  if (unit_line) text_line(canvas, box, series.unit, theme.muted_body(), theme.gap / 4);

  Rect labels = box.take_bottom(line_h, theme.gap / 4);
  int gutter = 0;
  for (double v = lo; v <= hi + step / 2; v += step) {
    gutter = std::max(gutter, canvas.text_width(lang.decimal(v), tick_style.px, tick_style.weight));
  }
  Rect ticks = box.take_left(gutter, theme.gap / 2);
  labels.take_left(gutter, theme.gap / 2);
  Rect plot = box;
  plot.take_top(value_h);  // room for the highest value's label above its bar
  if (plot.h < line_h || plot.w <= 0) return;

  const auto y_of = [&](double v) { return plot.bottom() - static_cast<int>(std::lround((v - lo) / (hi - lo) * plot.h)); };
  const int thin = std::max(1, theme.height / 540);
  for (double v = lo; v <= hi + step / 2; v += step) {
    const int y = y_of(v);
    canvas.fill({plot.x, y - thin / 2, plot.w, thin}, v == 0 ? theme.colors.muted : theme.colors.rule);
    canvas.text(lang.decimal(v), {ticks.x, y - line_h / 2, ticks.w, line_h}, tick_style);
  }

  const int n = static_cast<int>(series.points.size());
  const int slot = plot.w / n;
  int widest = 0;
  for (const auto& p : series.points) {
    widest = std::max({widest, canvas.text_width(p.label, label_style.px, label_style.weight),
                       canvas.text_width(lang.decimal(p.value), value_style.px, value_style.weight)});
  }
  const int baseline = y_of(std::max(lo, 0.0));
  std::vector<render::Point> line_points;
  for (int i = 0; i < n; ++i) {
    const auto& p = series.points[static_cast<std::size_t>(i)];
    const int cx = plot.x + slot * i + slot / 2;
    const int y = y_of(p.value);
    if (series.kind == model::ChartKind::kBar) {
      const int bar_w = std::max(2, slot * 3 / 5);
      canvas.fill({cx - bar_w / 2, std::min(y, baseline), bar_w, std::max(thin * 2, std::abs(baseline - y))}, theme.colors.accent);
    } else {
      line_points.push_back({cx, y});
    }
  }
  // Labels from the latest point backwards, each only where it keeps a gap to the one after it, so
  // the newest value is always named and no two labels touch.
  int next_left = plot.right() + theme.gap;
  for (int i = n - 1; i >= 0; --i) {
    const auto& p = series.points[static_cast<std::size_t>(i)];
    const int cx = plot.x + slot * i + slot / 2;
    const int w = std::min(widest, plot.w);
    const int x = std::clamp(cx - w / 2, plot.x, plot.right() - w);
    if (x + w + theme.gap > next_left) continue;
    next_left = x;
    canvas.text(p.label, {x, labels.y, w, line_h}, label_style);
    // The value sits just above its bar or point (the plot keeps a label's height free on top).
    const int top = std::min(y_of(p.value), baseline);
    canvas.text(lang.decimal(p.value), {x, top - value_h, w, value_h}, value_style);
  }
  for (std::size_t i = 1; i < line_points.size(); ++i) {
    canvas.line(line_points[i - 1], line_points[i], thin * 4, theme.colors.accent);
  }
  for (const auto& pt : line_points) canvas.fill_circle(pt, thin * 6, theme.colors.accent);
}

}  // namespace kiosk::slides
