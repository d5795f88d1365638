// Status: the area and its category over the years on the left; the national counts of the latest
// list on the right (below, in portrait).
#include <algorithm>

#include "slide_util.h"
#include "slides/danish.h"
#include "slides/slide.h"
#include "slides/status_slide.h"

namespace kiosk::slides {

using render::Rect;

namespace {

void draw_area(render::Canvas& canvas, const Theme& theme, const SlideContext& ctx, Rect box) {
  const model::Area* area = ctx.area;
  text_line(canvas, box, "Status for boligområdet", theme.label(), theme.gap / 2);
  if (!area) {
    text_line(canvas, box, "Hele landet", theme.headline(), theme.gap);
    text_block(canvas, box, "Området for denne skærm findes ikke i indholdet. Her vises tallene for hele landet.",
               theme.muted_body(), 3, theme.gap);
    return;
  }
  text_block(canvas, box, area->name, theme.headline(), 2, theme.gap / 3);
  text_line(canvas, box, area->kommune + " Kommune", theme.muted_body(), theme.gap * 2);

  const int latest_list_year =
      ctx.content.national_counts.empty() ? 0 : ctx.content.national_counts.back().date.year;
  if (area->categories.empty()) {
    text_block(canvas, box, "Områdets placering på listerne er ikke oplyst.", theme.body(), 2, theme.gap);
    return;
  }
  const model::CategoryYear& latest = area->categories.back();
  const std::string lead = latest.year >= latest_list_year ? "Status" : "Seneste kendte status";
  text_line(canvas, box, lead + " (listen pr. 1. december " + std::to_string(latest.year) + ")", theme.muted_body(),
            theme.gap / 3);
  render::TextStyle category = theme.title();
  category.color = category_color(theme, latest.category);
  text_block(canvas, box, category_name(latest.category, latest.year), category, 2, theme.gap * 2);

  // One marker per list year: filled in the category's colour, hollow where nothing is stated.
  const int first = std::min(area->categories.front().year, 2018);
  const int last = std::max(latest_list_year, latest.year);
  const int years = last - first + 1;
  if (years <= 0 || box.h <= 0) return;
  text_line(canvas, box, "År for år", theme.label(), theme.gap / 2);
  const int cell = box.w / years;
  const int radius = std::max(4, std::min(cell / 4, theme.body_px / 2));
  render::TextStyle year_style = theme.muted_body();
  year_style.align = render::Align::kCenter;
  year_style.px = std::min(theme.body_px, std::max(8, cell * 2 / 5));
  const int year_h = canvas.line_height(year_style);
  if (box.h < radius * 2 + year_h) return;
  for (int i = 0; i < years; ++i) {
    const int year = first + i;
    const int cx = box.x + cell * i + cell / 2;
    const int cy = box.y + radius;
    const auto it = std::find_if(area->categories.begin(), area->categories.end(),
                                 [&](const model::CategoryYear& c) { return c.year == year; });
    if (it != area->categories.end()) {
      canvas.fill_circle({cx, cy}, radius, category_color(theme, it->category));
    } else {
      canvas.ring({cx, cy}, radius, std::max(2, radius / 4), theme.colors.rule);
    }
    canvas.text(std::to_string(year), {box.x + cell * i, cy + radius + theme.gap / 3, cell, year_h}, year_style);
  }
  box.take_top(radius * 2 + theme.gap / 3 + year_h, theme.gap);
  text_block(canvas, box, "Tomme ringe: ikke oplyst for det år.", theme.muted_body(), 1, 0);
}

void draw_national(render::Canvas& canvas, const Theme& theme, const SlideContext& ctx, Rect box) {
  canvas.fill(box, theme.colors.panel);
  box = box.inset(theme.gap);
  text_line(canvas, box, "Hele landet", theme.label(), theme.gap / 3);
  if (ctx.content.national_counts.empty()) {
    text_block(canvas, box, "Der er ingen landstal i indholdet.", theme.body(), 2, 0);
    return;
  }
  const model::NationalCounts& n = ctx.content.national_counts.back();
  const int year = n.date.year;
  text_line(canvas, box, "Tal pr. " + danish_date(n.date), theme.muted_body(), theme.gap);

  struct Row {
    int value;
    model::Category category;
  };
  std::vector<Row> rows = {{n.udsatte, model::Category::kUdsat},
                           {n.parallelsamfund, model::Category::kParallelsamfund},
                           {n.omdannelse, model::Category::kOmdannelse}};
  if (n.forebyggelse) rows.push_back({*n.forebyggelse, model::Category::kForebyggelse});

  render::TextStyle figure{theme.figure_px, render::Weight::kBold, theme.colors.text};
  // Shrink the figures until all rows fit the panel.
  const auto rows_fit = [&] {
    return static_cast<int>(rows.size()) * (canvas.line_height(figure) + theme.gap / 2) <= box.h;
  };
  while (figure.px > theme.body_px && !rows_fit()) figure.px -= std::max(1, figure.px / 12);
  figure.line_spacing = 1.0f;
  const int row_h = canvas.line_height(figure);
  const int number_w = canvas.text_width("888", figure.px, figure.weight);
  for (const Row& r : rows) {
    if (box.h < row_h) break;
    Rect line = box.take_top(row_h, theme.gap / 2);
    figure.color = category_color(theme, r.category);
    figure.align = render::Align::kRight;
    canvas.text(danish_number(r.value), line.take_left(number_w, theme.gap), figure);
    render::TextStyle words = theme.body();
    words.max_lines = 2;
    const Rect need = canvas.measure(category_plural(r.category, year), line, words);
    canvas.text(category_plural(r.category, year), {line.x, line.y + (line.h - need.h) / 2, line.w, line.h}, words);
  }
}

}  // namespace

void StatusSlide::draw(render::Canvas& canvas, const Theme& theme, const SlideContext& ctx) const {
  Rect content = draw_frame(canvas, theme, ctx).inset(theme.margin);
  Rect left = theme.portrait ? content.take_top(content.h * 11 / 20, theme.gap * 2)
                             : content.take_left(content.w * 11 / 20, theme.margin);
  draw_area(canvas, theme, ctx, left);
  draw_national(canvas, theme, ctx, content);
}

}  // namespace kiosk::slides
