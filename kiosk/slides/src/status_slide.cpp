// Status: the area and its category on the lists year by year; the national counts of the latest
// list with their trend; the four criteria that make an area "udsat".
#include "slides/status_slide.h"

#include <algorithm>
#include <set>

#include "slide_util.h"
#include "slides/chart.h"
#include "slides/danish.h"

namespace kiosk::slides {

using render::Rect;

namespace {

constexpr std::size_t kCriteriaShown = 4;
constexpr const char* kCriteriaHeading = "Et område er udsat, når mindst to af de fire kriterier er opfyldt";

int latest_list_year(const model::Content& c) { return c.national_counts.empty() ? 0 : c.national_counts.back().date.year; }

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

// The area's stated category in `year`: null where the year is not listed or listed as not known.
const model::CategoryYear* category_in(const model::Area& area, int year) {
  const auto it = std::find_if(area.categories.begin(), area.categories.end(),
                               [&](const model::CategoryYear& c) { return c.year == year; });
  return it == area.categories.end() || it->category == model::Category::kUnknown ? nullptr : &*it;
}

// The latest year whose category is known, or null.
const model::CategoryYear* latest_known(const model::Area& area) {
  const auto it = std::find_if(area.categories.rbegin(), area.categories.rend(),
                               [](const model::CategoryYear& c) { return c.category != model::Category::kUnknown; });
  return it == area.categories.rend() ? nullptr : &*it;
}

// What the markers' colours mean: every category the history shows, and the hollow marker.
std::vector<LegendItem> history_legend(const Theme& theme, const model::Area& area, const Years& years) {
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
  for (model::Category c : shown) legend.push_back({category_color(theme, c), true, category_name(c, years.last)});
  if (unknown) legend.push_back({theme.colors.rule, false, "ikke oplyst"});
  return legend;
}

int marker_radius(const Theme& theme, int cell) { return std::max(5, std::min(cell / 3, theme.body_px / 2)); }

// The height of the history in a box `width` wide: the markers, their years and the whole legend.
int history_height(render::Canvas& canvas, const Theme& theme, const model::Area& area, int last_year, int width) {
  const Years years = history_years(area, last_year);
  const int radius = marker_radius(theme, width / years.count);
  return radius * 2 + theme.gap / 3 + canvas.line_height(theme.muted_body()) + theme.gap +
         legend_height(canvas, theme, width, history_legend(theme, area, years));
}

// One marker per list year, filled in the category's colour where the content states it, hollow
// where it does not; a legend of what the colours mean below.
void draw_history(render::Canvas& canvas, const Theme& theme, const model::Area& area, int last_year, Rect box) {
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
  draw_legend(canvas, theme, box, history_legend(theme, area, years));
}

void draw_area(render::Canvas& canvas, const Theme& theme, const SlideContext& ctx, Rect box) {
  const model::Area* area = ctx.area;
  if (!area) {
    text_line(canvas, box, "Status", theme.label(), 0);
    text_line(canvas, box, "Hele landet", theme.headline(), theme.gap);
    text_block(canvas, box, "Skærmens boligområde findes ikke i indholdet. Her vises tallene for hele landet.",
               theme.muted_body(), 3, theme.gap);
    return;
  }
  const std::string kommune = area->kommune + " Kommune";
  const int last_year = latest_list_year(ctx.content);
  // A long name steps down in size to stay on one line, as far as the slide-title size.
  render::TextStyle name = theme.headline();
  name.max_lines = 2;
  while (name.px > theme.title_px && canvas.text_width(area->name, name.px, name.weight) > box.w) name.px -= std::max(1, name.px / 16);
  const model::CategoryYear* known = latest_known(*area);
  if (!known) {
    text_line(canvas, box, kommune, theme.label(), 0);
    text_block(canvas, box, area->name, name, 2, theme.gap);
    text_block(canvas, box, "Områdets placering på listerne er ikke oplyst.", theme.body(), 2, theme.gap);
    return;
  }
  const model::CategoryYear& latest = *known;
  const std::string lead = (latest.year >= last_year ? "På listen pr. 1. december " : "Senest oplyst, 1. december ") +
                           std::to_string(latest.year);
  render::TextStyle lead_style = theme.muted_body();
  lead_style.max_lines = 2;
  // What a resident needs first is kept when the column is short: the name and the category, then
  // the history with its whole legend (never markers without it), then the kommune (the footer names
  // the place too), then the line with the list date (the history's years say it too). The name
  // steps down to the title size before the kommune goes, and the kommune before the history.
  const auto height_of = [&](const std::string& text, const render::TextStyle& style) {
    return canvas.measure(text, {0, 0, box.w, theme.height}, style).h;
  };
  const int category_h = canvas.line_height(theme.title()) + theme.gap / 2;
  const int history_h = history_height(canvas, theme, *area, last_year, box.w);
  int kommune_h = canvas.line_height(theme.label());
  int lead_h = height_of(lead, lead_style);
  const int name_h = height_of(area->name, name) + theme.gap;
  bool history = true;
  const auto fits = [&](int name_height) { return kommune_h + name_height + lead_h + category_h + history_h <= box.h; };
  if (!fits(name_h)) lead_h = 0;
  if (!fits(name_h)) {
    render::TextStyle smaller = name;
    smaller.px = std::min(name.px, theme.title_px);
    const int smaller_h = height_of(area->name, smaller) + theme.gap;
    if (!fits(smaller_h)) kommune_h = 0;
    if (fits(smaller_h)) {
      name = smaller;
    } else {
      kommune_h = canvas.line_height(theme.label());
      history = false;
    }
  }

  if (kommune_h > 0) text_line(canvas, box, kommune, theme.label(), 0);
  text_block(canvas, box, area->name, name, 2, theme.gap);
  if (lead_h > 0) text_block(canvas, box, lead, lead_style, 2, 0);
  render::TextStyle category = theme.title();
  category.color = category_color(theme, latest.category);
  text_line(canvas, box, category_name(latest.category, latest.year), category, theme.gap / 2);
  if (history) draw_history(canvas, theme, *area, last_year, box);
}

struct Figure {
  int value;
  model::Category category;
};

void draw_national(render::Canvas& canvas, const Theme& theme, const SlideContext& ctx, Rect box) {
  canvas.fill(box, theme.colors.panel);
  box = box.inset(theme.gap);
  const auto& counts = ctx.content.national_counts;
  if (counts.empty()) {
    text_line(canvas, box, "Hele landet", theme.label(), 0);
    text_block(canvas, box, "Der er ingen landstal i indholdet.", theme.body(), 2, 0);
    return;
  }
  const model::NationalCounts& n = counts.back();
  text_block(canvas, box, "Hele landet \xC2\xB7 tal pr. " + danish_date(n.date), theme.label(), 2, theme.gap / 2);

  // One row per list: the number in the category's colour, then what it counts; the trend beside.
  std::vector<Figure> figures = {{n.udsatte, model::Category::kUdsat},
                                 {n.parallelsamfund, model::Category::kParallelsamfund},
                                 {n.omdannelse, model::Category::kOmdannelse}};
  if (n.forebyggelse) figures.push_back({*n.forebyggelse, model::Category::kForebyggelse});
  render::TextStyle figure{theme.body_px * 3 / 2, render::Weight::kBold, theme.colors.text};
  figure.align = render::Align::kRight;
  figure.max_lines = 1;
  render::TextStyle words = theme.body();
  words.max_lines = 1;
  int number_w = 0, words_w = 0;
  for (const auto& f : figures) {
    number_w = std::max(number_w, canvas.text_width(danish_number(f.value), figure.px, figure.weight));
    words_w = std::max(words_w, canvas.text_width(category_plural(f.category, n.date.year), words.px, words.weight));
  }
  const int row_h = canvas.line_height(figure);
  const int words_h = canvas.line_height(words);
  Rect rows = box.take_left(std::min(box.w * 3 / 5, number_w + theme.gap / 2 + words_w), theme.gap * 2);
  for (const auto& f : figures) {
    Rect row = rows.take_top(row_h, theme.gap / 2);
    if (row.h < row_h) break;
    figure.color = category_color(theme, f.category);
    canvas.text(danish_number(f.value), row.take_left(number_w, theme.gap / 2), figure);
    canvas.text(category_plural(f.category, n.date.year), {row.x, row.y + (row.h - words_h) / 2, row.w, words_h}, words);
  }

  // The trend: udsatte boligområder on each list.
  if (counts.size() >= 2 && box.h > canvas.line_height(theme.body()) * 4 && box.w > theme.body_px * 4) {
    model::Series trend{"Udsatte boligområder", "antal", model::ChartKind::kBar, {}};
    const std::size_t from = counts.size() > 12 ? counts.size() - 12 : 0;
    for (std::size_t i = from; i < counts.size(); ++i) {
      trend.points.push_back({std::to_string(counts[i].date.year), static_cast<double>(counts[i].udsatte)});
    }
    draw_chart(canvas, theme, box, trend, ChartLayout::kCompact);
  }
}

void draw_criteria(render::Canvas& canvas, const Theme& theme, const SlideContext& ctx, Rect box, int columns) {
  const auto& criteria = ctx.content.criteria;
  const std::size_t n = std::min(criteria.size(), kCriteriaShown);
  text_block(canvas, box, kCriteriaHeading, theme.label(), 2, theme.gap / 2);
  const int rows = static_cast<int>((n + static_cast<std::size_t>(columns) - 1) / static_cast<std::size_t>(columns));
  if (rows == 0) return;
  const int col_w = (box.w - theme.gap * (columns - 1)) / columns;
  const int row_h = (box.h - theme.gap * (rows - 1)) / rows;
  render::TextStyle title = theme.body();
  title.weight = render::Weight::kBold;
  for (std::size_t i = 0; i < n; ++i) {
    const int c = static_cast<int>(i) % columns, r = static_cast<int>(i) / columns;
    Rect cell{box.x + c * (col_w + theme.gap), box.y + r * (row_h + theme.gap), col_w, row_h};
    canvas.fill({cell.x, cell.y, std::max(3, theme.gap / 4), cell.h}, theme.colors.accent);
    cell = cell.inset(theme.gap / 2 + std::max(3, theme.gap / 4), 0);
    text_line(canvas, cell, criteria[i].title, title, 0);
    const std::string& words = criteria[i].summary.empty() ? criteria[i].text : criteria[i].summary;
    text_block(canvas, cell, words, theme.muted_body(), 0, 0);
  }
}

}  // namespace

void StatusSlide::draw(render::Canvas& canvas, const Theme& theme, const SlideContext& ctx) const {
  Rect content = draw_frame(canvas, theme, ctx);
  const int columns = theme.portrait ? 2 : 4;
  const int rows = theme.portrait ? 2 : 1;
  // Criteria: a heading, then per criterion a title and up to two (landscape) or three lines.
  const int lines = 3;
  const int heading_h = canvas.measure(kCriteriaHeading, {0, 0, content.w, theme.height}, [&] {
    render::TextStyle s = theme.label();
    s.max_lines = 2;
    return s;
  }()).h;
  const int criteria_h = heading_h + theme.gap / 2 +
                         rows * (canvas.line_height(theme.body()) * (1 + lines)) + (rows - 1) * theme.gap;
  Rect criteria = content.take_bottom(criteria_h, theme.gap * 2);
  if (theme.portrait) {
    Rect area = content.take_top(content.h * 9 / 20, theme.gap * 2);
    draw_area(canvas, theme, ctx, area);
  } else {
    Rect area = content.take_left(content.w * 2 / 5, theme.margin);
    draw_area(canvas, theme, ctx, area);
  }
  draw_national(canvas, theme, ctx, content);
  draw_criteria(canvas, theme, ctx, criteria, columns);
}

}  // namespace kiosk::slides
