// The touch session's own controls on every touch view: the larger-text toggle and the language
// button along the bottom of the view's space (in reach of a seated person, and in a portrait
// screen's lower two thirds), and over the view the open list of languages and the "Bliv her"
// notice before the idle return (player/navigator.h has their logic).
#include <algorithm>
#include <string>

#include "slide_util.h"
#include "slides/touch_views.h"

namespace kiosk::slides {

using player::Target;
using render::Rect;

namespace {

int button_width(render::Canvas& canvas, const Theme& theme, const std::string& label) {
  return std::max(touch_target_px(theme) * 2, canvas.text_width(label, theme.body_px, render::Weight::kBold) + theme.gap * 2);
}

// The list of the configured languages by their own names, each a button, above the language
// button at the bottom right; in columns when one does not fit the height.
void draw_language_list(render::Canvas& canvas, const Theme& theme, const SlideContext& ctx, const ViewState& state,
                        ViewLayout& layout) {
  const int target = touch_target_px(theme);
  const Rect above{theme.margin, theme.margin, theme.width - 2 * theme.margin, layout.session_bar.y - theme.margin};
  int item_w = 0;
  for (const auto* language : state.languages) item_w = std::max(item_w, button_width(canvas, theme, language->native_name()));
  const int count = static_cast<int>(state.languages.size());
  const int per_column = std::max(1, std::min(count, (above.h - theme.gap) / (target + theme.gap)));
  const int columns = (count + per_column - 1) / per_column;
  item_w = std::min(item_w, (above.w - theme.gap) / columns - theme.gap);
  const int panel_w = columns * (item_w + theme.gap) + theme.gap;
  const int panel_h = per_column * (target + theme.gap) + theme.gap;
  const Rect panel{above.right() - panel_w, above.bottom() - panel_h, panel_w, panel_h};
  canvas.fill(panel, theme.colors.background);
  canvas.outline(panel, std::max(2, theme.gap / 6), theme.colors.rule);
  for (int i = 0; i < count; ++i) {
    const i18n::Language& language = *state.languages[static_cast<std::size_t>(i)];
    const Rect item{panel.x + theme.gap + (i / per_column) * (item_w + theme.gap),
                    panel.y + theme.gap + (i % per_column) * (target + theme.gap), item_w, target};
    draw_button(canvas, theme, item, language.native_name(), is_pressed(state, Target::kLanguage, language.code()),
                &language == &ctx.lang());
    layout.regions.push_back({box_of(item), Target::kLanguage, language.code()});
  }
}

// "Skærmen går tilbage om 12 sekunder" and a large "Bliv her": in the middle of a landscape screen,
// of a portrait screen's lower two thirds.
void draw_stay_notice(render::Canvas& canvas, const Theme& theme, const SlideContext& ctx, const ViewState& state,
                      ViewLayout& layout) {
  const i18n::Language& lang = ctx.lang();
  const Rect reach = theme.portrait ? Rect{0, theme.height / 3, theme.width, theme.height - theme.height / 3}
                                    : Rect{0, 0, theme.width, theme.height};
  const int target = touch_target_px(theme);
  const int panel_w = std::min(reach.w - 2 * theme.margin, theme.body_px * 24);
  render::TextStyle sentence = theme.body();
  sentence.align = render::Align::kCenter;
  sentence.max_lines = 3;
  const int button_h = target * 2;
  // TRANSLATORS: the notice before the touch screen goes back to the slides by itself; keep {n}.
  const std::string text = i18n::fill(lang.trn("Skærmen går tilbage om {n} sekund", "Skærmen går tilbage om {n} sekunder",
                                               static_cast<unsigned long>(state.stay_notice)),
                                      {{"n", lang.number(state.stay_notice)}});
  // As high as the sentence needs (up to three lines) and the button.
  const int text_h = canvas.measure(text, {0, 0, panel_w - 2 * theme.gap, canvas.line_height(sentence) * 3}, sentence).h;
  const int panel_h = text_h + button_h + theme.gap * 3;
  const Rect panel{reach.x + (reach.w - panel_w) / 2, reach.y + (reach.h - panel_h) / 2, panel_w, panel_h};
  canvas.fill(panel, theme.colors.panel);
  canvas.outline(panel, std::max(2, theme.gap / 4), theme.colors.accent);
  Rect inside = panel.inset(theme.gap);
  text_block(canvas, inside, text, sentence, 3, theme.gap);
  const Rect button = inside.take_bottom(button_h);
  // TRANSLATORS: the large button on that notice: stay on this screen (more time).
  draw_button(canvas, theme, button, lang.tr("Bliv her"), false, true);
  layout.regions.push_back({box_of(button), Target::kStay, ""});
}

}  // namespace

void session_bar(render::Canvas& canvas, const Theme& theme, const SlideContext& ctx, Rect& content, ViewLayout& layout,
                 const ViewState& state) {
  const int target = touch_target_px(theme);
  Rect bar = content.take_bottom(target, theme.gap);
  layout.session_bar = bar;
  const i18n::Language& lang = ctx.lang();
  if (state.languages.size() > 1) {
    const std::string name = lang.native_name();
    const Rect button = Rect{bar.right() - button_width(canvas, theme, name), bar.y, button_width(canvas, theme, name), bar.h};
    draw_button(canvas, theme, button, name, is_pressed(state, Target::kLanguages), state.language_list);
    layout.regions.push_back({box_of(button), Target::kLanguages, ""});
    bar.w = button.x - theme.gap - bar.x;
  }
  // TRANSLATORS: the toggle that makes the text of the touch screens larger; short.
  const std::string larger = lang.tr("Større tekst");
  const int w = std::min(bar.w, button_width(canvas, theme, larger));
  const Rect toggle{bar.right() - w, bar.y, w, bar.h};
  draw_button(canvas, theme, toggle, larger, is_pressed(state, Target::kLargerText), state.larger_text);
  layout.regions.push_back({box_of(toggle), Target::kLargerText, ""});
}

ViewLayout draw_touch_view(player::View view, render::Canvas& canvas, const Theme& theme, const SlideContext& ctx,
                           const ViewState& state) {
  ViewLayout layout;
  switch (view) {
    case player::View::kCycle:
      return layout;
    case player::View::kBrowser:
      layout = draw_browser(canvas, theme, ctx, state);
      break;
    case player::View::kDetail:
      layout = draw_detail(canvas, theme, ctx, state);
      break;
    case player::View::kMap:
      layout = draw_map_view(canvas, theme, ctx, state);
      break;
    case player::View::kArea:
      layout = draw_area_card(canvas, theme, ctx, state);
      break;
  }
  // Over the view, on top of its regions: the open list, then the notice over everything.
  if (state.language_list && state.languages.size() > 1) draw_language_list(canvas, theme, ctx, state, layout);
  if (state.stay_notice > 0) draw_stay_notice(canvas, theme, ctx, state, layout);
  if (canvas.direction() == render::Direction::kRightToLeft) mirror_regions(layout.regions, static_cast<float>(canvas.width()));
  return layout;
}

void mirror_regions(std::vector<player::HitRegion>& regions, float width) {
  for (auto& r : regions) r.box.x = width - r.box.x - r.box.w;
}

}  // namespace kiosk::slides
