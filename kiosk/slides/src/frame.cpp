// The frame every slide shares: background, and the footer with clock, area, data age and progress.
#include "slides/danish.h"
#include "slides/slide.h"

namespace kiosk::slides {

using render::Rect;
using render::TextStyle;
using render::Weight;

render::Rect draw_frame(render::Canvas& canvas, const Theme& theme, const SlideContext& ctx) {
  canvas.clear(theme.colors.background);
  Rect screen = canvas.bounds();
  Rect footer = screen.take_bottom(theme.footer_h);
  canvas.fill(footer, theme.colors.panel);

  // Progress through the cycle's current slide, as a thin bar along the footer's top edge.
  const int bar_h = std::max(2, theme.height / 270);
  canvas.fill({footer.x, footer.y, footer.w, bar_h}, theme.colors.rule);
  canvas.fill({footer.x, footer.y, static_cast<int>(static_cast<float>(footer.w) * ctx.cycle_progress), bar_h},
              theme.colors.accent);

  Rect row = footer.inset(theme.margin, 0);
  row.y += bar_h;
  row.h -= bar_h;
  const TextStyle clock{theme.body_px, Weight::kBold, theme.colors.text};
  const int line = canvas.line_height(clock);
  row = {row.x, row.y + (row.h - line) / 2, row.w, line};

  const std::string time = clock_text(ctx.now);
  Rect clock_box = row.take_left(canvas.text_width(time, clock.px, clock.weight), theme.gap * 2);
  canvas.text(time, clock_box, clock);

  std::string age;
  if (ctx.origin.built_in) {
    age = "Indbygget indhold";
  } else {
    age = "Opdateret " + danish_day(ctx.origin.updated_unix);
  }
  TextStyle age_style = theme.muted_body();
  age_style.align = render::Align::kRight;
  const int age_w = std::min(row.w / 2, canvas.text_width(age, age_style.px, age_style.weight));
  Rect age_box{row.right() - age_w, row.y, age_w, row.h};
  canvas.text(age, age_box, age_style);
  row.w -= age_w + theme.gap;

  const std::string place = ctx.area ? ctx.area->name + " \xC2\xB7 " + ctx.area->kommune : "Hele landet";
  TextStyle place_style = theme.body();
  place_style.max_lines = 1;
  canvas.text(place, row, place_style);
  return screen;
}

}  // namespace kiosk::slides
