#include "slides/results_slide.h"

#include <algorithm>

#include "slide_util.h"
#include "slides/chart.h"
#include "slides/touch_views.h"
#include "slides/words.h"

namespace kiosk::slides {

using render::Rect;

namespace {

// The cycle tells the newest results in turn, one per round.
constexpr std::size_t kRotation = 5;

std::string area_names(const model::Result& r, const model::Content& content, const i18n::Language& lang) {
  std::string names;
  for (const auto& id : r.area_ids) {
    for (const auto& a : content.areas) {
      if (a.id == id) names += (names.empty() ? "" : ", ") + a.name;
    }
  }
  // TRANSLATORS: what a result is about when it concerns no one area: all of Denmark.
  return names.empty() ? lang.tr("Hele landet") : names;
}

}  // namespace

std::string result_byline(const model::Result& r, const i18n::Language& lang) {
  return date_text(r.date, lang) + " \xC2\xB7 " + r.publisher;
}

std::vector<const model::Result*> newest_first(const std::vector<model::Result>& results) {
  return sorted_pointers(results, [](const model::Result& a, const model::Result& b) { return b.date < a.date; });
}

void ResultsSlide::draw(render::Canvas& canvas, const Theme& theme, const SlideContext& ctx) const {
  const i18n::Language& lang = ctx.lang();
  Rect content = draw_frame(canvas, theme, ctx);
  // TRANSLATORS: følgeevalueringen is the national evaluation of the housing areas' plans (2018-2029).
  text_line(canvas, content, lang.tr("Resultater fra følgeevalueringen"), theme.label(), 0);
  text_line(canvas, content, lang.tr("Seneste resultater"), theme.title(), theme.gap);

  const auto results = newest_first(ctx.content.results);
  if (results.empty()) {
    text_block(canvas, content, lang.tr("Der er endnu ingen resultater at vise."), theme.body(), 2, 0);
    return;
  }
  // Touching the slide opens the results browser; the button says so.
  const int button_h = touch_target_px(theme);
  // TRANSLATORS: the button that opens the list of every result; short.
  const std::string label = lang.tr("Se alle resultater");
  const int button_w = canvas.text_width(label, theme.body_px, render::Weight::kBold) + theme.gap * 3;
  Rect buttons = content.take_bottom(button_h, theme.gap);
  draw_button(canvas, theme, {buttons.x, buttons.y, std::min(buttons.w, button_w), button_h}, label, false);

  const std::size_t shown = ctx.round % std::min(results.size(), kRotation);
  const model::Result& top = *results[shown];
  const bool chart = top.series.has_value();
  const bool picture = !top.image.empty();

  Rect main = content;
  if (chart || picture) {
    Rect side = theme.portrait ? main.take_bottom(main.h * 9 / 20, theme.gap * 2)
                               : Rect{};
    if (!theme.portrait) {
      side = main;
      main = side.take_left(side.w / 2, theme.margin);
    }
    if (picture && chart) {
      Rect image = side.take_top(side.h / 3, theme.gap);
      canvas.image(top.image, image);
    } else if (picture) {
      canvas.image(top.image, side);
    }
    if (chart) {
      canvas.fill(side, theme.colors.panel);
      draw_chart(canvas, theme, side.inset(theme.gap), *top.series, lang);
    }
  }

  text_line(canvas, main, result_byline(top, lang), theme.muted_body(), 0);
  text_block(canvas, main, top.title, theme.title(), 3, theme.gap / 2);
  text_line(canvas, main, area_names(top, ctx.content, lang), theme.label(), theme.gap);
  text_block(canvas, main, top.summary, theme.body(), 6, theme.gap * 2);

  // Further results, listed under the main one while room remains.
  render::TextStyle more_title = theme.body();
  more_title.weight = render::Weight::kBold;
  const int item_h = canvas.line_height(theme.muted_body()) + canvas.line_height(more_title) + theme.gap;
  const int heading_h = canvas.line_height(theme.label()) + theme.gap / 2;
  const std::size_t fit = main.h > heading_h ? static_cast<std::size_t>((main.h - heading_h) / item_h) : 0;
  std::vector<const model::Result*> others;
  for (std::size_t i = 0; i < results.size() && others.size() < std::min<std::size_t>(fit, 3); ++i) {
    if (i != shown) others.push_back(results[i]);
  }
  if (others.empty()) return;
  canvas.fill({main.x, main.y - theme.gap, main.w, std::max(2, theme.height / 400)}, theme.colors.rule);
  text_line(canvas, main, lang.tr("Også udgivet"), theme.label(), theme.gap / 2);
  for (const auto* r : others) {
    text_line(canvas, main, result_byline(*r, lang), theme.muted_body(), 0);
    text_line(canvas, main, r->title, more_title, theme.gap);
  }
}

}  // namespace kiosk::slides
