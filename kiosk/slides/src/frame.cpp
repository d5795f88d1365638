// The frame every slide shares: background, the footer with clock, area, data age and the stale
// marker, and the band of info notices above it (notice_band.cpp); the progress bar is an overlay
// drawn at every step.
#include "slide_util.h"
#include "slides/slide.h"
#include "slides/touch_views.h"
#include "slides/words.h"

namespace kiosk::slides {

using render::Rect;
using render::TextStyle;
using render::Weight;

namespace {

int progress_bar_height(const Theme& theme) { return std::max(3, theme.height / 180); }

}  // namespace

Rect footer_rect(const Theme& theme) { return {0, theme.height - theme.footer_h, theme.width, theme.footer_h}; }

Rect pause_button_box(const Theme& theme) {
  const Rect footer = footer_rect(theme);
  const int bar_h = progress_bar_height(theme);
  const int w = std::max(theme.body_px * 6, theme.footer_h * 2);
  return {footer.right() - theme.margin / 2 - w, footer.y + bar_h, w, footer.h - bar_h};
}

bool is_stale(const ContentOrigin& origin, WallTime now, int stale_after_days) {
  const auto now_unix = std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
  if (origin.expires_unix != 0 && now_unix >= origin.expires_unix) return true;
  if (origin.built_in) return false;
  if (origin.marked_stale) return true;
  const std::int64_t fresh = std::max(origin.updated_unix, origin.last_sync_unix);
  return now_unix - fresh > static_cast<std::int64_t>(stale_after_days) * 86400;
}

std::string stale_reason(const ContentOrigin& origin, WallTime now, const i18n::Language& lang) {
  const auto now_unix = std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
  // The same order as is_stale(): the first that holds is the reason.
  if (origin.expires_unix != 0 && now_unix >= origin.expires_unix) {
    // TRANSLATORS: why the content is stale, in the footer after "Forældet:"; space is short.
    return i18n::fill(lang.tr("udløbet {date}"), {{"date", day_text(origin.expires_unix, lang)}});
  }
  // TRANSLATORS: why the content is stale: the kiosk refused what staff published. Space is short.
  if (origin.marked_stale) return lang.tr("udgivelsen blev afvist");
  const std::int64_t fresh = std::max(origin.updated_unix, origin.last_sync_unix);
  // TRANSLATORS: why the content is stale: the kiosk has never fetched it. Space is short.
  if (fresh == 0) return lang.tr("aldrig hentet");
  // TRANSLATORS: why the content is stale: when it was last fetched. Space is short.
  return i18n::fill(lang.tr("sidst hentet {date}"), {{"date", day_text(fresh, lang)}});
}

std::vector<render::Compositor::Overlay> progress_overlay(const Theme& theme, float progress) {
  const Rect footer = footer_rect(theme);
  const int h = progress_bar_height(theme);
  const int filled = static_cast<int>(static_cast<float>(footer.w) * std::clamp(progress, 0.0f, 1.0f));
  return {{{footer.x + filled, footer.y, footer.w - filled, h}, theme.colors.rule},
          {{footer.x, footer.y, filled, h}, theme.colors.accent}};
}

Rect draw_frame(render::Canvas& canvas, const Theme& theme, const SlideContext& ctx) {
  canvas.clear(theme.colors.background);
  const Rect footer = draw_footer(canvas, theme, ctx);
  const Rect band = notice_band_box(canvas, theme, ctx);
  if (!band.empty()) draw_notice_band(canvas, theme, ctx, band);
  return Rect{0, 0, theme.width, band.empty() ? footer.y : band.y}.inset(theme.margin);
}

Rect draw_footer(render::Canvas& canvas, const Theme& theme, const SlideContext& ctx) {
  const Rect footer = footer_rect(theme);
  canvas.fill(footer, theme.colors.panel);
  const int bar_h = progress_bar_height(theme);

  Rect row = footer.inset(theme.margin, 0);
  row.y += bar_h;
  row.h -= bar_h;
  const TextStyle clock{theme.body_px, Weight::kBold, theme.colors.text};
  const int line = canvas.line_height(clock);
  row = {row.x, row.y + (row.h - line) / 2, row.w, line};

  const std::string time = clock_text(ctx.now);
  canvas.text(time, row.take_left(canvas.text_width(time, clock.px, clock.weight), theme.gap * 2), clock);

  const i18n::Language& lang = ctx.lang();
  if (ctx.pause != PauseControl::kNone) {
    const Rect pause = pause_button_box(theme);
    // TRANSLATORS: the button in the footer that stops the slides changing; short.
    const char* label = ctx.pause == PauseControl::kPause ? lang.tr("Pause")
                                                          // TRANSLATORS: the same button while the slides stand still; short.
                                                          : lang.tr("Fortsæt");
    // Outlined while the cycle runs; filled in the accent while it stands still, so the pause shows.
    draw_button(canvas, theme, pause.inset(0, theme.gap / 4), label, ctx.pause == PauseControl::kResume, true);
    row.w = pause.x - theme.gap - row.x;
  }
  if (ctx.name_language) {
    const std::string name = lang.native_name();
    TextStyle name_style = theme.body();
    name_style.max_lines = 1;
    // The name is short and says what the screen is in; the area and the age give way first.
    const int name_w = std::min(row.w * 2 / 3, canvas.text_width(name, name_style.px, name_style.weight));
    canvas.text(name, row.take_left(name_w, theme.gap * 2), name_style);
  }

  // The data's age on the right; when stale, as a marker in the warning colours.
  // TRANSLATORS: in the footer: the content shipped with the program, not yet any from staff.
  std::string age = lang.tr("Indbygget indhold");
  if (!ctx.origin.built_in) {
    // TRANSLATORS: in the footer: the day the content was last updated.
    age = i18n::fill(lang.tr("Opdateret {date}"), {{"date", day_text(ctx.origin.updated_unix, lang)}});
  }
  TextStyle age_style = theme.muted_body();
  if (ctx.stale) {
    // TRANSLATORS: the footer's warning that the content is old; {reason} says why ("udløbet 11. december 2026").
    age = i18n::fill(lang.tr("Forældet: {reason}"), {{"reason", stale_reason(ctx.origin, ctx.now, lang)}});
    age_style = {theme.body_px, Weight::kBold, theme.colors.on_warning};
  }
  age_style.max_lines = 1;
  const int pad = ctx.stale ? theme.gap / 4 : 0;
  // Why the content is stale matters more than the place's name (which the status slide shows too):
  // the marker may take the whole row, and the place what is left, on a narrow screen nothing.
  const int age_room = ctx.stale ? row.w : row.w / 2;
  const int age_w = std::min(age_room, canvas.text_width(age, age_style.px, age_style.weight) + 2 * pad);
  const Rect age_box{row.right() - age_w, row.y, age_w, row.h};
  if (ctx.stale) canvas.fill({age_box.x, footer.y + bar_h, age_box.w, footer.h - bar_h}, theme.colors.warning);
  canvas.text(age, age_box.inset(pad, 0), age_style);
  row.w -= age_w + theme.gap * 2;

  // TRANSLATORS: in the footer when the screen belongs to no one area: all of Denmark.
  const std::string place = ctx.area ? ctx.area->name + " \xC2\xB7 " + ctx.area->kommune : lang.tr("Hele landet");
  TextStyle place_style = theme.body();
  place_style.max_lines = 1;
  // Room for less than a short word and its ellipsis: no place rather than a lone "…".
  if (row.w >= canvas.text_width("Hele\xE2\x80\xA6", place_style.px, place_style.weight)) canvas.text(place, row, place_style);
  return footer;
}

}  // namespace kiosk::slides
