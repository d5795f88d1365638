#include "slides/results_slide.h"

#include <algorithm>

#include "slide_util.h"
#include "slides/chart.h"
#include "slides/danish.h"

namespace kiosk::slides {

using render::Rect;

std::vector<const model::Result*> newest_first(const std::vector<model::Result>& results) {
  std::vector<const model::Result*> out;
  out.reserve(results.size());
  for (const auto& r : results) out.push_back(&r);
  std::stable_sort(out.begin(), out.end(), [](auto* a, auto* b) { return b->date < a->date; });
  return out;
}

namespace {

std::string byline(const model::Result& r) { return danish_date(r.date) + " \xC2\xB7 " + r.publisher; }

}  // namespace

void ResultsSlide::draw(render::Canvas& canvas, const Theme& theme, const SlideContext& ctx) const {
  Rect content = draw_frame(canvas, theme, ctx).inset(theme.margin);
  text_line(canvas, content, "Resultater fra følgeevalueringen", theme.label(), theme.gap / 3);
  text_line(canvas, content, "Seneste resultater", theme.title(), theme.gap);

  const auto results = newest_first(ctx.content.results);
  if (results.empty()) {
    text_block(canvas, content, "Der er endnu ingen resultater at vise.", theme.body(), 2, 0);
    return;
  }
  const model::Result& top = *results.front();
  const bool chart = top.series.has_value();
  Rect main = content;
  Rect side{};
  if (chart) {
    side = theme.portrait ? main.take_bottom(main.h * 2 / 5, theme.gap * 2) : main;
    if (!theme.portrait) main = side.take_left(side.w * 11 / 20, theme.margin);
  }

  text_line(canvas, main, byline(top), theme.muted_body(), theme.gap / 3);
  text_block(canvas, main, top.title, theme.title(), 2, theme.gap);
  text_block(canvas, main, top.summary, theme.body(), 4, theme.gap * 2);

  // Later results, listed under the main one while room remains.
  render::TextStyle more_title = theme.body();
  more_title.weight = render::Weight::kBold;
  const int item_h = canvas.line_height(theme.muted_body()) + canvas.line_height(more_title) + theme.gap;
  const int heading_h = canvas.line_height(theme.label()) + theme.gap / 2;
  const std::size_t fit = main.h > heading_h ? static_cast<std::size_t>((main.h - heading_h) / item_h) : 0;
  const std::size_t more = std::min({results.size() - 1, fit, std::size_t{3}});
  if (more > 0) {
    canvas.fill({main.x, main.y - theme.gap, main.w, std::max(2, theme.height / 400)}, theme.colors.rule);
    text_line(canvas, main, "Også udgivet", theme.label(), theme.gap / 2);
    for (std::size_t i = 1; i <= more; ++i) {
      text_line(canvas, main, byline(*results[i]), theme.muted_body(), 0);
      text_line(canvas, main, results[i]->title, more_title, theme.gap);
    }
  }
  if (chart) {
    canvas.fill(side, theme.colors.panel);
    draw_chart(canvas, theme, side.inset(theme.gap), *top.series);
  }
}

}  // namespace kiosk::slides
