#include "slides/notice_slide.h"

#include <algorithm>
#include <string>

#include "slide_util.h"
#include "slides/words.h"

namespace kiosk::slides {

using render::Rect;
using render::TextStyle;
using render::Weight;

namespace {

// The title takes the largest of these sizes at which it is whole in `room` high: across a room at
// the first (1/9 of the shorter side), at least a slide title's size.
int title_px(render::Canvas& canvas, const Theme& theme, const std::string& title, const Rect& room) {
  TextStyle style{0, Weight::kBold, theme.colors.on_urgent};
  for (const int px : {theme.figure_px, theme.headline_px}) {
    style.px = px;
    if (canvas.measure(title, {0, 0, room.w, theme.height * 4}, style).h <= room.h) return px;
  }
  return theme.title_px;
}

// The text in the larger size when it is whole there, else in body text (cut short when it must be).
int text_px(render::Canvas& canvas, const Theme& theme, const std::string& text, const Rect& room) {
  const TextStyle style{theme.title_px, Weight::kRegular, theme.colors.on_urgent};
  return canvas.measure(text, {0, 0, room.w, theme.height * 4}, style).h <= room.h ? theme.title_px : theme.body_px;
}

}  // namespace

std::size_t urgent_notice_index(const SlideContext& ctx, std::size_t count) { return (ctx.round + ctx.urgent_turn) % count; }

void UrgentNoticeSlide::draw(render::Canvas& canvas, const Theme& theme, const SlideContext& ctx) const {
  const auto notices = notices_at(ctx.content, model::NoticeLevel::kUrgent);
  if (notices.empty()) {
    draw_frame(canvas, theme, ctx);
    return;
  }
  const std::size_t shown = urgent_notice_index(ctx, notices.size());
  const model::Notice& notice = *notices[shown];
  const i18n::Language& lang = ctx.lang();

  canvas.clear(theme.colors.urgent);
  const Rect footer = draw_footer(canvas, theme, ctx);
  Rect content = Rect{0, 0, theme.width, footer.y}.inset(theme.margin);

  // The marker: dark words on the warning yellow, with which notice of how many.
  // TRANSLATORS: the marker over an urgent notice from the staff, which fills the screen; short.
  std::string marker = lang.tr("Vigtig besked");
  if (notices.size() > 1) marker += "  " + std::to_string(shown + 1) + "/" + std::to_string(notices.size());
  TextStyle marker_style{theme.title_px, Weight::kBold, theme.colors.on_warning};
  marker_style.max_lines = 1;
  const int pad = theme.gap / 2;
  const int marker_h = canvas.line_height(marker_style);
  Rect marker_row = content.take_top(marker_h + 2 * pad, theme.gap);
  const Rect marker_box = marker_row.take_left(canvas.text_width(marker, marker_style.px, marker_style.weight) + 2 * pad);
  canvas.fill(marker_box, theme.colors.warning);
  canvas.text(marker, marker_box.inset(pad), marker_style);

  TextStyle until{theme.title_px, Weight::kRegular, theme.colors.on_urgent};
  until.max_lines = 2;
  text_block(canvas, content, until_text(notice.show_until, ctx.now, lang), until, 2, theme.gap * 2);

  // The picture beside the words in landscape, below them in portrait.
  if (!notice.image.empty()) {
    Rect picture = theme.portrait ? content.take_bottom(content.h / 3, theme.gap * 2) : Rect{};
    if (!theme.portrait) {
      picture = content;
      content = picture.take_left(picture.w * 3 / 5, theme.margin);
    }
    canvas.image(notice.image, picture);
  }

  // The title first, as large as it is whole in most of the room; the text in what is left.
  const Rect title_room{content.x, content.y, content.w, notice.text.empty() ? content.h : content.h * 3 / 5};
  TextStyle title{title_px(canvas, theme, notice.title, title_room), Weight::kBold, theme.colors.on_urgent};
  title.line_spacing = 1.0f;
  text_block(canvas, content, notice.title, title, 0, theme.gap * 2);
  if (notice.text.empty()) return;
  const TextStyle text{text_px(canvas, theme, notice.text, content), Weight::kRegular, theme.colors.on_urgent};
  text_block(canvas, content, notice.text, text, 0, 0);
}

std::unique_ptr<Slide> make_urgent_notice_slide() { return std::make_unique<UrgentNoticeSlide>(); }

}  // namespace kiosk::slides
