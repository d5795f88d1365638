#include "slides/timeline_slide.h"

#include <algorithm>
#include <map>

#include "slide_util.h"
#include "slides/danish.h"

namespace kiosk::slides {

using render::Rect;

namespace {

constexpr int kFirstYear = 2018;
constexpr int kLastYear = 2029;

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

void draw_card(render::Canvas& canvas, const Theme& theme, Rect box, const std::string& heading,
               const model::Milestone& m, bool highlight) {
  canvas.fill(box, theme.colors.panel);
  if (highlight) canvas.outline(box, std::max(2, theme.gap / 4), theme.colors.accent);
  box = box.inset(theme.gap);
  render::TextStyle head = theme.label();
  if (highlight) head.color = theme.colors.accent;
  text_line(canvas, box, heading, head, theme.gap / 4);
  text_line(canvas, box, danish_date(m.when), theme.muted_body(), theme.gap / 4);
  render::TextStyle title = theme.body();
  title.weight = render::Weight::kBold;
  text_block(canvas, box, m.title, title, 2, theme.gap / 3);
  if (!m.text.empty()) text_block(canvas, box, m.text, theme.muted_body(), 0, 0);
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
  Rect content = draw_frame(canvas, theme, ctx).inset(theme.margin);
  text_line(canvas, content, "Følgeevalueringen " + std::to_string(kFirstYear) + "-" + std::to_string(kLastYear),
            theme.label(), theme.gap / 3);
  text_line(canvas, content, "Milepæle", theme.title(), theme.gap);

  const model::PartialDate today = local_date(ctx.now);
  const auto& milestones = ctx.content.milestones;

  // The axis: one column per year, markers stacked above the line where a year has several.
  const int axis_h = std::max(theme.body_px * 4, content.h * (theme.portrait ? 22 : 34) / 100);
  Rect axis = content.take_top(axis_h, theme.gap * 2);
  render::TextStyle year_style = theme.muted_body();
  year_style.align = render::Align::kCenter;
  const int year_h = canvas.line_height(year_style);
  const int line_y = axis.bottom() - year_h - theme.gap / 2;
  const int years = kLastYear - kFirstYear + 1;
  const double span = static_cast<double>(axis.w) / (years);
  const auto x_of = [&](double pos) { return axis.x + static_cast<int>((pos - kFirstYear) * span); };
  const int thickness = std::max(2, theme.height / 300);
  canvas.fill({axis.x, line_y - thickness / 2, axis.w, thickness}, theme.colors.rule);
  // Year labels: every year when they fit, else every other one.
  const int label_w = canvas.text_width("2029", year_style.px, year_style.weight);
  const int step = label_w + theme.gap / 2 <= static_cast<int>(span) ? 1 : 2;
  for (int y = kFirstYear; y <= kLastYear; y += step) {
    canvas.fill({x_of(y), line_y - thickness * 3, thickness, thickness * 6}, theme.colors.rule);
    const int box_w = std::max(static_cast<int>(span), label_w);
    const int center = x_of(y + 0.5);
    canvas.text(std::to_string(y), {std::clamp(center - box_w / 2, axis.x, axis.right() - box_w), line_y + theme.gap / 2, box_w, year_h},
                year_style);
  }

  const model::Milestone* next = next_milestone(milestones, today);
  const int radius = std::max(5, std::min(static_cast<int>(span / 5), theme.body_px / 2));
  std::map<int, int> stacked;  // year -> markers already drawn in it
  const int max_stack = std::max(1, (line_y - axis.y) / (radius * 2 + radius / 2));
  for (const auto& m : milestones) {
    if (m.when.year < kFirstYear || m.when.year > kLastYear) continue;
    const int level = stacked[m.when.year]++;
    if (level >= max_stack) continue;
    const int cx = x_of(axis_position(m.when));
    const int cy = line_y - level * (radius * 2 + radius / 2);
    const render::Color color = &m == next ? theme.colors.accent : track_color(theme, m.track);
    if (is_past(m.when, today)) {
      canvas.fill_circle({cx, cy}, radius, color);
    } else {
      canvas.fill_circle({cx, cy}, radius, theme.colors.background);
      canvas.ring({cx, cy}, radius, std::max(2, radius / 3), color);
    }
  }
  // Today, when inside the axis.
  const double now_pos = axis_position(today);
  if (now_pos >= kFirstYear && now_pos < kLastYear + 1) {
    const int x = x_of(now_pos);
    canvas.fill({x - thickness / 2, axis.y, thickness, line_y - axis.y + thickness * 3}, theme.colors.accent);
    render::TextStyle today_style = theme.label();
    today_style.color = theme.colors.accent;
    const int w = canvas.text_width("I dag", today_style.px, today_style.weight);
    const int tx = std::clamp(x + theme.gap / 2, axis.x, axis.right() - w);
    canvas.text("I dag", {tx, axis.y, w, canvas.line_height(today_style)}, today_style);
  }

  // Words: the next milestone and the latest past ones.
  std::vector<std::pair<std::string, const model::Milestone*>> cards;
  if (next) cards.emplace_back("Næste milepæl", next);
  std::vector<const model::Milestone*> past;
  for (const auto& m : milestones) {
    if (is_past(m.when, today)) past.push_back(&m);
  }
  std::stable_sort(past.begin(), past.end(), [](auto* a, auto* b) { return b->when < a->when; });
  for (const auto* m : past) {
    if (cards.size() >= (theme.portrait ? 2u : 3u)) break;
    cards.emplace_back("Senest", m);
  }
  if (cards.empty() || content.h <= 0) return;
  const int n = static_cast<int>(cards.size());
  for (int i = 0; i < n; ++i) {
    Rect card = theme.portrait ? content.take_top((content.h - theme.gap * (n - 1 - i)) / (n - i), theme.gap)
                               : content.take_left((content.w - theme.gap * (n - 1 - i)) / (n - i), theme.gap);
    draw_card(canvas, theme, card, cards[static_cast<std::size_t>(i)].first, *cards[static_cast<std::size_t>(i)].second,
              cards[static_cast<std::size_t>(i)].second == next);
  }
}

}  // namespace kiosk::slides
