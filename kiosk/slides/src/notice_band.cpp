// The band of info notices above the footer, on every slide of the cycle and every touch view: the
// marker word, which notice of how many, the title, and the text when the line has room for it.
// One notice per round of the cycle; still, so it never flashes (WCAG 2.3.1). Dark words on a light
// band (Palette::notice), which stands apart from the dark slide above it.
#include "slide_util.h"
#include "slides/slide.h"

#include <algorithm>
#include <string>

namespace kiosk::slides {

using render::Rect;
using render::TextStyle;
using render::Weight;

namespace {

// A portrait screen is narrow and tall: its band has two lines, so a long title is whole there.
int band_lines(const Theme& theme) { return theme.portrait ? 2 : 1; }

}  // namespace

std::vector<const model::Notice*> notices_at(const model::Content& content, model::NoticeLevel level) {
  std::vector<const model::Notice*> out;
  for (const auto& n : content.notices) {
    if (n.level == level) out.push_back(&n);
  }
  return out;
}

Rect notice_band_box(render::Canvas& canvas, const Theme& theme, const SlideContext& ctx) {
  const bool any = std::any_of(ctx.content.notices.begin(), ctx.content.notices.end(),
                               [](const model::Notice& n) { return n.level == model::NoticeLevel::kInfo; });
  if (!any) return {};
  const int h = canvas.line_height({theme.body_px, Weight::kBold, theme.colors.on_notice}) * band_lines(theme) + theme.gap;
  const Rect footer = footer_rect(theme);
  return {0, footer.y - h, theme.width, h};
}

void draw_notice_band(render::Canvas& canvas, const Theme& theme, const SlideContext& ctx, const Rect& band) {
  const auto notices = notices_at(ctx.content, model::NoticeLevel::kInfo);
  if (notices.empty()) return;
  const std::size_t shown = ctx.round % notices.size();
  const model::Notice& notice = *notices[shown];
  const i18n::Language& lang = ctx.lang();

  canvas.fill(band, theme.colors.notice);
  TextStyle bold{theme.body_px, Weight::kBold, theme.colors.on_notice};
  bold.max_lines = 1;
  TextStyle plain = bold;
  plain.weight = Weight::kRegular;
  Rect row = band.inset(theme.margin, theme.gap / 2);

  // TRANSLATORS: the word that marks the band of a notice from the staff at the bottom of the screen; short.
  std::string marker = lang.tr("Besked");
  if (notices.size() > 1) marker += " " + std::to_string(shown + 1) + "/" + std::to_string(notices.size());
  const int marker_w = std::min(row.w / 3, canvas.text_width(marker, bold.px, bold.weight));
  canvas.text(marker, row.take_left(marker_w, theme.gap), bold);
  // A rule between the marker and the words, as tall as the line.
  canvas.fill(row.take_left(std::max(2, theme.gap / 6), theme.gap), theme.colors.on_notice);

  // The title on the first line, the text after it (on the second line where there is one) where a
  // few words of it fit. A title longer than the first line takes the band's lines alone.
  const int line = canvas.line_height(bold);
  const int title_w = canvas.text_width(notice.title, bold.px, bold.weight);
  if (title_w > row.w) {
    bold.max_lines = band_lines(theme);
    canvas.text(notice.title, row, bold);
    return;
  }
  Rect first = row.take_top(line);
  canvas.text(notice.title, first.take_left(title_w, theme.gap * 2), bold);
  const Rect room = band_lines(theme) > 1 ? row.take_top(line) : first;
  if (!notice.text.empty() && room.w >= theme.body_px * 6) canvas.text(notice.text, room, plain);
}

}  // namespace kiosk::slides
