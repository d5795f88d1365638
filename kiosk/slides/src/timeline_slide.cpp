// Timeline: 2018-2029 on one axis with a lane per track (physical above, social below, both on the
// line); past milestones filled, future ones hollow, today marked, the next one highlighted. Below,
// the milestones around today in words, so every marker's title can be read.
#include "slides/timeline_slide.h"

#include <algorithm>

#include "slide_util.h"
#include "slides/words.h"

namespace kiosk::slides {

using render::Rect;

namespace {

constexpr int kFirstYear = 2018;
constexpr int kLastYear = 2029;
constexpr std::size_t kFutureAfterNext = 2;  // future milestones listed after the next one

// Position of a date on the axis in years, e.g. 2019-07-01 -> 2019.5. A year alone sits mid-year.
double axis_position(const model::PartialDate& d) {
  if (d.month == 0) return d.year + 0.5;
  const double day = d.day == 0 ? 15 : d.day;
  return d.year + (d.month - 1 + (day - 1) / 31.0) / 12.0;
}

// A milestone is past once the last day it may mean has passed: "2019" is past from 2020.
bool is_past(const model::PartialDate& when, const model::PartialDate& today) {
  if (when.month == 0) return when.year < today.year;
  if (when.day == 0) return when.year < today.year || (when.year == today.year && when.month < today.month);
  return when < today;
}

std::vector<const model::Milestone*> by_date(const std::vector<model::Milestone>& milestones) {
  std::vector<const model::Milestone*> out;
  for (const auto& m : milestones) out.push_back(&m);
  std::stable_sort(out.begin(), out.end(), [](auto* a, auto* b) { return a->when < b->when; });
  return out;
}

void draw_marker(render::Canvas& canvas, const Theme& theme, render::Point c, int radius, const model::Milestone& m,
                 bool past, bool next) {
  const render::Color color = next ? theme.colors.accent : track_color(theme, m.track);
  if (past) {
    canvas.fill_circle(c, radius, color);
  } else {
    canvas.fill_circle(c, radius, theme.colors.background);
    canvas.ring(c, radius, std::max(2, radius / (next ? 2 : 3)), color);
  }
  if (next) canvas.ring(c, radius + std::max(3, radius / 2), std::max(2, radius / 4), theme.colors.accent);
}

struct AxisLayout {
  Rect box;
  int line_y = 0;
  double span = 0;  // pixels per year
  int x_of(double pos) const { return box.x + static_cast<int>((pos - kFirstYear) * span); }
};

void draw_axis(render::Canvas& canvas, const Theme& theme, const i18n::Language& lang,
               const std::vector<const model::Milestone*>& sorted, const model::Milestone* next,
               const model::PartialDate& today, Rect box) {
  // Time runs left to right in every language, as on the charts: the axis is not mirrored.
  box = canvas.on_screen(box);
  const render::Canvas::KeepLeftToRight time_axis(canvas);
  render::TextStyle year_style = theme.muted_body();
  year_style.align = render::Align::kCenter;
  year_style.max_lines = 1;
  const int year_h = canvas.line_height(year_style);
  const int radius = std::max(5, theme.body_px * 2 / 5);
  const int lane = radius * 3;  // distance of the physical and social lanes from the line
  AxisLayout axis{box, 0, static_cast<double>(box.w) / (kLastYear - kFirstYear + 1)};
  // Room above for "I dag", then the physical lane, the line, the social lane, the year labels.
  const int today_h = canvas.line_height(theme.label());
  axis.line_y = box.y + today_h + lane + radius * 2;
  const int thickness = std::max(2, theme.height / 300);
  canvas.fill({box.x, axis.line_y - thickness / 2, box.w, thickness}, theme.colors.rule);
  const int labels_y = axis.line_y + lane + radius + theme.gap / 2;

  const int label_w = canvas.text_width("2029", year_style.px, year_style.weight);
  const int every = label_w + theme.gap / 2 <= static_cast<int>(axis.span) ? 1 : 2;
  for (int y = kFirstYear; y <= kLastYear; ++y) {
    canvas.fill({axis.x_of(y), axis.line_y - thickness * 3, thickness, thickness * 6}, theme.colors.rule);
    if ((y - kFirstYear) % every != 0) continue;
    const int w = std::max(label_w, static_cast<int>(axis.span));
    const int cx = axis.x_of(y + 0.5);
    canvas.text(std::to_string(y), {std::clamp(cx - w / 2, box.x, box.right() - w), labels_y, w, year_h}, year_style);
  }

  // Today, when inside the axis: a line through the lanes and its label above them.
  const double now_pos = axis_position(today);
  if (now_pos >= kFirstYear && now_pos < kLastYear + 1) {
    const int x = axis.x_of(now_pos);
    canvas.fill({x - thickness / 2, box.y + today_h, thickness, labels_y - box.y - today_h}, theme.colors.accent);
    render::TextStyle today_style = theme.label();
    today_style.color = theme.colors.accent;
    today_style.max_lines = 1;
    // TRANSLATORS: the mark of today's date on the timeline; very short.
    const std::string today_label = lang.tr("I dag");
    const int w = canvas.text_width(today_label, today_style.px, today_style.weight);
    canvas.text(today_label, {std::clamp(x - w / 2, box.x, box.right() - w), box.y, w, today_h}, today_style);
  }

  // Markers, each lane keeping its own; one that would touch its neighbour moves right of it.
  int last_x[3] = {box.x - radius * 4, box.x - radius * 4, box.x - radius * 4};
  for (const auto* m : sorted) {
    if (m->when.year < kFirstYear || m->when.year > kLastYear) continue;
    const int lane_index = m->track == model::Track::kPhysical ? 0 : m->track == model::Track::kBoth ? 1 : 2;
    const int y = axis.line_y + (lane_index - 1) * lane;
    int x = std::max(axis.x_of(axis_position(m->when)), last_x[lane_index] + radius * 2 + radius / 2);
    x = std::min(x, box.right() - radius);
    last_x[lane_index] = x;
    draw_marker(canvas, theme, {x, y}, radius, *m, is_past(m->when, today), m == next);
  }
}

void draw_item(render::Canvas& canvas, const Theme& theme, const i18n::Language& lang, Rect cell, const model::Milestone& m,
               bool past, bool next) {
  const int radius = std::max(4, theme.body_px / 3);
  const int line = canvas.line_height(theme.muted_body());
  draw_marker(canvas, theme, {cell.x + radius, cell.y + line / 2}, radius, m, past, next);
  cell.take_left(radius * 2 + theme.gap / 2);
  render::TextStyle when = next ? theme.label() : theme.muted_body();
  if (next) when.color = theme.colors.accent;
  std::string date = date_text(m.when, lang);
  // TRANSLATORS: above the next milestone's title: "Næste milepæl · maj 2026"; keep {date}.
  if (next) date = i18n::fill(lang.tr("Næste milepæl \xC2\xB7 {date}"), {{"date", date}});
  text_line(canvas, cell, date, when, 0);
  render::TextStyle title = theme.body();
  title.weight = render::Weight::kBold;
  text_block(canvas, cell, m.title, title, 2, 0);
}

}  // namespace

const model::Milestone* next_milestone(const std::vector<model::Milestone>& milestones, const model::PartialDate& today) {
  const model::Milestone* next = nullptr;
  for (const auto& m : milestones) {
    if (is_past(m.when, today)) continue;
    if (!next || m.when < next->when) next = &m;
  }
  return next;
}

void TimelineSlide::draw(render::Canvas& canvas, const Theme& theme, const SlideContext& ctx) const {
  const i18n::Language& lang = ctx.lang();
  Rect content = draw_frame(canvas, theme, ctx);
  // TRANSLATORS: the timeline's title; følgeevalueringen is the national evaluation of the housing
  // areas' plans. {from} and {to} are years (2018, 2029).
  const std::string title = i18n::fill(lang.tr("Milepæle i følgeevalueringen {from}-{to}"),
                                       {{"from", std::to_string(kFirstYear)}, {"to", std::to_string(kLastYear)}});
  text_block(canvas, content, title, theme.title(), 2, theme.gap / 2);
  // TRANSLATORS: the timeline's legend: the physical track (buildings, demolition, renovation), the
  // social track (jobs, schools, safety), milestones of both, and those still to come.
  draw_legend(canvas, theme, content,
              {{theme.colors.physical, true, lang.tr("Fysisk spor")},
               {theme.colors.social, true, lang.tr("Socialt spor")},
               {theme.colors.both, true, lang.tr("Begge spor")},
               {theme.colors.muted, false, lang.tr("Kommende")}});

  const model::PartialDate today = local_date(ctx.now);
  const auto sorted = by_date(ctx.content.milestones);
  const model::Milestone* next = next_milestone(ctx.content.milestones, today);

  const int radius = std::max(5, theme.body_px * 2 / 5);
  const int axis_h = canvas.line_height(theme.label()) + radius * 8 + theme.gap / 2 + canvas.line_height(theme.muted_body());
  draw_axis(canvas, theme, lang, sorted, next, today, content.take_top(axis_h, theme.gap * 2));

  // The milestones in words: a grid that ends a little after the next one.
  const int columns = theme.portrait ? 2 : 3;
  const int item_h = canvas.line_height(theme.muted_body()) + 2 * canvas.line_height(theme.body()) + theme.gap;
  const int rows = std::max(0, (content.h + theme.gap) / item_h);
  const std::size_t cells = static_cast<std::size_t>(rows * columns);
  if (cells == 0 || sorted.empty()) return;
  std::size_t next_index = sorted.size();
  for (std::size_t i = 0; i < sorted.size(); ++i) {
    if (sorted[i] == next) next_index = i;
  }
  const std::size_t end = std::min(sorted.size(), next_index == sorted.size() ? sorted.size() : next_index + 1 + kFutureAfterNext);
  const std::size_t begin = end > cells ? end - cells : 0;
  const int col_w = (content.w - theme.gap * 2 * (columns - 1)) / columns;
  for (std::size_t i = begin; i < std::min(end, begin + cells); ++i) {
    // Column-major: read down, then across, like a list.
    const int k = static_cast<int>(i - begin);
    const int c = k / rows, r = k % rows;
    const Rect cell{content.x + c * (col_w + theme.gap * 2), content.y + r * item_h, col_w, item_h - theme.gap};
    draw_item(canvas, theme, lang, cell, *sorted[i], is_past(sorted[i]->when, today), sorted[i] == next);
  }
}

}  // namespace kiosk::slides
