#include "area_history.h"

#include <algorithm>
#include <set>
#include <string>

#include "slide_util.h"
#include "slides/chart.h"
#include "slides/words.h"

namespace kiosk::slides {

using render::Rect;

const model::CategoryYear* category_in(const model::Area& area, int year) {
  const auto it = std::find_if(area.categories.begin(), area.categories.end(),
                               [&](const model::CategoryYear& c) { return c.year == year; });
  return it == area.categories.end() || it->category == model::Category::kUnknown ? nullptr : &*it;
}

const model::CategoryYear* latest_known(const model::Area& area) {
  const auto it = std::find_if(area.categories.rbegin(), area.categories.rend(),
                               [](const model::CategoryYear& c) { return c.category != model::Category::kUnknown; });
  return it == area.categories.rend() ? nullptr : &*it;
}

namespace {

// The list years the history shows: up to twelve, ending with the latest list or the area's latest year.
struct Years {
  int from, last, count;
};

Years history_years(const model::Area& area, int last_year) {
  const int first = std::min(area.categories.front().year, 2018);
  const int last = std::max(last_year, area.categories.back().year);
  const int years = std::min(last - first + 1, 12);
  return {last - years + 1, last, years};
}

// What the markers' colours mean: every category the history shows, and the hollow marker.
std::vector<LegendItem> history_legend(const Theme& theme, const i18n::Language& lang, const model::Area& area,
                                       const Years& years) {
  std::set<model::Category> shown;
  bool unknown = false;
  for (int year = years.from; year <= years.last; ++year) {
    if (const auto* c = category_in(area, year)) {
      shown.insert(c->category);
    } else {
      unknown = true;
    }
  }
  std::vector<LegendItem> legend;
  for (model::Category c : shown) legend.push_back({category_color(theme, c), true, category_name(c, years.last, lang)});
  // TRANSLATORS: in a legend: a year whose category the content does not give.
  if (unknown) legend.push_back({theme.colors.rule, false, lang.tr("ikke oplyst")});
  return legend;
}

int marker_radius(const Theme& theme, int cell) { return std::max(5, std::min(cell / 3, theme.body_px / 2)); }

}  // namespace

int history_height(render::Canvas& canvas, const Theme& theme, const i18n::Language& lang, const model::Area& area,
                   int last_year, int width) {
  const Years years = history_years(area, last_year);
  const int radius = marker_radius(theme, width / years.count);
  return radius * 2 + theme.gap / 3 + canvas.line_height(theme.muted_body()) + theme.gap +
         legend_height(canvas, theme, width, history_legend(theme, lang, area, years));
}

void draw_history(render::Canvas& canvas, const Theme& theme, const i18n::Language& lang, const model::Area& area,
                  int last_year, Rect box) {
  const Years years = history_years(area, last_year);
  render::TextStyle year_style = theme.muted_body();
  year_style.align = render::Align::kCenter;
  const int cell = box.w / years.count;
  // Label every year when they fit, else every other one (counting back from the latest).
  const int label_w = canvas.text_width("2024", year_style.px, year_style.weight);
  const int every = label_w + theme.gap / 2 <= cell ? 1 : 2;
  const int radius = marker_radius(theme, cell);
  const int year_h = canvas.line_height(year_style);
  for (int i = 0; i < years.count; ++i) {
    const int year = years.from + i;
    const int cx = box.x + cell * i + cell / 2;
    const int cy = box.y + radius;
    if (const auto* c = category_in(area, year)) {
      canvas.fill_circle({cx, cy}, radius, category_color(theme, c->category));
    } else {
      canvas.ring({cx, cy}, radius, std::max(2, radius / 4), theme.colors.rule);
    }
    if ((years.last - year) % every == 0) {
      const int w = std::max(cell, label_w);
      canvas.text(std::to_string(year), {std::clamp(cx - w / 2, box.x, box.right() - w), cy + radius + theme.gap / 3, w, year_h},
                  year_style);
    }
  }
  box.take_top(radius * 2 + theme.gap / 3 + year_h, theme.gap);
  draw_legend(canvas, theme, box, history_legend(theme, lang, area, years));
}

}  // namespace kiosk::slides
