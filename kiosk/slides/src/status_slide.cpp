// Status: the area and its category on the lists year by year; the national counts of the latest
// list with their trend; the four criteria that make an area "udsat".
#include "slides/status_slide.h"

#include <algorithm>

#include "area_history.h"
#include "slide_util.h"
#include "slides/chart.h"
#include "slides/touch_views.h"
#include "slides/words.h"

namespace kiosk::slides {

using render::Rect;

namespace {

constexpr std::size_t kCriteriaShown = 4;
// TRANSLATORS: the heading of the four criteria (employment, crime, education, income) on the
// status slide; "udsat" is the legal category (docs/translating.md).
constexpr const char* kCriteriaHeading = i18n::N_("Et område er udsat, når mindst to af de fire kriterier er opfyldt");

int latest_list_year(const model::Content& c) { return c.national_counts.empty() ? 0 : c.national_counts.back().date.year; }

// `kommune_shown`: the caller drew the kommune already (beside "Se områdekort" in portrait).
void draw_area(render::Canvas& canvas, const Theme& theme, const SlideContext& ctx, Rect box, bool kommune_shown) {
  const i18n::Language& lang = ctx.lang();
  const model::Area* area = ctx.area;
  if (!area) {
    // TRANSLATORS: the status slide's label when the screen's area is not in the content.
    text_line(canvas, box, lang.tr("Status"), theme.label(), 0);
    text_line(canvas, box, lang.tr("Hele landet"), theme.headline(), theme.gap);
    text_block(canvas, box, lang.tr("Skærmens boligområde findes ikke i indholdet. Her vises tallene for hele landet."),
               theme.muted_body(), 3, theme.gap);
    return;
  }
  const std::string kommune = kommune_text(area->kommune, lang);
  const int last_year = latest_list_year(ctx.content);
  // A long name steps down in size to stay on one line, as far as the slide-title size.
  render::TextStyle name = theme.headline();
  name.max_lines = 2;
  while (name.px > theme.title_px && canvas.text_width(area->name, name.px, name.weight) > box.w) name.px -= std::max(1, name.px / 16);
  const model::CategoryYear* known = latest_known(*area);
  if (!known) {
    if (!kommune_shown) text_line(canvas, box, kommune, theme.label(), 0);
    text_block(canvas, box, area->name, name, 2, theme.gap);
    text_block(canvas, box, lang.tr("Områdets placering på listerne er ikke oplyst."), theme.body(), 2, theme.gap);
    return;
  }
  const model::CategoryYear& latest = *known;
  // TRANSLATORS: above the area's category: the list it is from, "På listen pr. 1. december 2024".
  std::string lead = i18n::fill(lang.tr("På listen pr. {date}"), {{"date", list_day(latest.year, lang)}});
  if (latest.year < last_year) {
    // TRANSLATORS: above the area's category when the latest list does not state it: the last list that did.
    lead = i18n::fill(lang.tr("Senest oplyst, {date}"), {{"date", list_day(latest.year, lang)}});
  }
  render::TextStyle lead_style = theme.muted_body();
  lead_style.max_lines = 2;
  // What a resident needs first is kept when the column is short: the name and the category, then
  // the history with its whole legend (never markers without it), then the kommune (the footer names
  // the place too), then the line with the list date (the history's years say it too). The name
  // steps down to the title size before the kommune goes, and the kommune before the history.
  const auto height_of = [&](const std::string& text, const render::TextStyle& style) {
    return canvas.measure(text, {0, 0, box.w, theme.height}, style).h;
  };
  // The category: a long name (a language that adds the Danish term) steps down in size, as far as
  // body text, then takes a second line.
  render::TextStyle category = theme.title();
  category.color = category_color(theme, latest.category);
  category.max_lines = 2;
  const std::string category_text = category_name(latest.category, latest.year, lang);
  while (category.px > theme.body_px && canvas.text_width(category_text, category.px, category.weight) > box.w) {
    category.px = std::max(theme.body_px, category.px - std::max(1, category.px / 16));
  }
  const int category_h = height_of(category_text, category) + theme.gap / 2;
  const int history_h = history_height(canvas, theme, lang, *area, last_year, box.w);
  const int kommune_line = kommune_shown ? 0 : canvas.line_height(theme.label());
  int kommune_h = kommune_line;
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
      kommune_h = kommune_line;
      history = false;
    }
  }

  if (kommune_h > 0) text_line(canvas, box, kommune, theme.label(), 0);
  text_block(canvas, box, area->name, name, 2, theme.gap);
  if (lead_h > 0) text_block(canvas, box, lead, lead_style, 2, 0);
  text_block(canvas, box, category_text, category, 2, theme.gap / 2);
  if (history) draw_history(canvas, theme, lang, *area, last_year, box);
}

struct Figure {
  int value;
  model::Category category;
};

void draw_national(render::Canvas& canvas, const Theme& theme, const SlideContext& ctx, Rect box) {
  const i18n::Language& lang = ctx.lang();
  canvas.fill(box, theme.colors.panel);
  box = box.inset(theme.gap);
  const auto& counts = ctx.content.national_counts;
  if (counts.empty()) {
    text_line(canvas, box, lang.tr("Hele landet"), theme.label(), 0);
    text_block(canvas, box, lang.tr("Der er ingen landstal i indholdet."), theme.body(), 2, 0);
    return;
  }
  const model::NationalCounts& n = counts.back();
  // TRANSLATORS: the heading of the national counts, with the list's date; keep {date}.
  std::string heading = i18n::fill(lang.tr("Hele landet \xC2\xB7 tal pr. {date}"), {{"date", date_text(n.date, lang)}});
  if (!theme.portrait) {
    // The heading shares its row with "Se områdekort" (map_button_box()).
    render::TextStyle label = theme.label();
    label.max_lines = 2;
    const int w = std::max(0, map_button_box(theme).x - theme.gap - box.x);
    const int h = canvas.measure(heading, {0, 0, w, theme.height}, label).h;
    const Rect row = box.take_top(std::max(touch_target_px(theme), h), theme.gap / 2);
    canvas.text(heading, {row.x, row.y + (row.h - h) / 2, w, h}, label);
  } else {
    text_block(canvas, box, heading, theme.label(), 2, theme.gap / 2);
  }

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
    number_w = std::max(number_w, canvas.text_width(lang.number(f.value), figure.px, figure.weight));
    words_w = std::max(words_w, canvas.text_width(category_plural(f.category, n.date.year, lang), words.px, words.weight));
  }
  const int row_h = canvas.line_height(figure);
  const int words_h = canvas.line_height(words);
  Rect rows = box.take_left(std::min(box.w * 3 / 5, number_w + theme.gap / 2 + words_w), theme.gap * 2);
  for (const auto& f : figures) {
    Rect row = rows.take_top(row_h, theme.gap / 2);
    if (row.h < row_h) break;
    figure.color = category_color(theme, f.category);
    canvas.text(lang.number(f.value), row.take_left(number_w, theme.gap / 2), figure);
    canvas.text(category_plural(f.category, n.date.year, lang), {row.x, row.y + (row.h - words_h) / 2, row.w, words_h}, words);
  }

  // The trend: udsatte boligområder on each list.
  if (counts.size() >= 2 && box.h > canvas.line_height(theme.body()) * 4 && box.w > theme.body_px * 4) {
    // TRANSLATORS: the title and the unit of the chart of how many areas were udsat on each list.
    model::Series trend{lang.tr("Udsatte boligområder"), lang.tr("antal"), model::ChartKind::kBar, {}};
    const std::size_t from = counts.size() > 12 ? counts.size() - 12 : 0;
    for (std::size_t i = from; i < counts.size(); ++i) {
      trend.points.push_back({std::to_string(counts[i].date.year), static_cast<double>(counts[i].udsatte)});
    }
    draw_chart(canvas, theme, box, trend, lang, ChartLayout::kCompact);
  }
}

void draw_criteria(render::Canvas& canvas, const Theme& theme, const SlideContext& ctx, Rect box, int columns) {
  const auto& criteria = ctx.content.criteria;
  const std::size_t n = std::min(criteria.size(), kCriteriaShown);
  text_block(canvas, box, ctx.lang().tr(kCriteriaHeading), theme.label(), 2, theme.gap / 2);
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
  const int heading_h = canvas.measure(ctx.lang().tr(kCriteriaHeading), {0, 0, content.w, theme.height}, [&] {
    render::TextStyle s = theme.label();
    s.max_lines = 2;
    return s;
  }()).h;
  const int criteria_h = heading_h + theme.gap / 2 +
                         rows * (canvas.line_height(theme.body()) * (1 + lines)) + (rows - 1) * theme.gap;
  Rect criteria = content.take_bottom(criteria_h, theme.gap * 2);
  const Rect map_button = map_button_box(theme);
  if (theme.portrait) {
    // The button's row at the top also names the kommune; the area has the room it takes.
    Rect area = content.take_top(content.h / 2, theme.gap * 2);
    const Rect row = area.take_top(map_button.bottom() - area.y, theme.gap / 4);
    if (ctx.area) {
      render::TextStyle label = theme.label();
      label.max_lines = 1;
      const int h = canvas.line_height(label);
      canvas.text(kommune_text(ctx.area->kommune, ctx.lang()), {row.x, row.y + (row.h - h) / 2, map_button.x - theme.gap - row.x, h}, label);
    }
    draw_area(canvas, theme, ctx, area, true);
  } else {
    Rect area = content.take_left(content.w * 2 / 5, theme.margin);
    draw_area(canvas, theme, ctx, area, false);
  }
  draw_national(canvas, theme, ctx, content);
  draw_button(canvas, theme, map_button, ctx.lang().tr(kMapButtonLabel), false, true);  // outlined: it stands out from the panel
  draw_criteria(canvas, theme, ctx, criteria, columns);
}

}  // namespace kiosk::slides
