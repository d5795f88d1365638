// A slide draws one screen of the cycle from the content it is given. Slides hold no state between
// frames and never fail: missing data is drawn as an honest gap ("ikke oplyst"), never as black.
//
// Slide kinds are registered in slides/slide_kinds.h; the cycle is the playlist of kiosk.toml.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "i18n/language.h"
#include "model/content.h"
#include "platform/clock.h"
#include "render/canvas.h"
#include "render/compositor.h"
#include "slides/theme.h"

namespace kiosk::slides {

// Where the shown content came from, for the footer and the staff.
struct ContentOrigin {
  bool built_in = true;          // the default content shipped with the program
  std::uint64_t version = 0;
  std::int64_t updated_unix = 0;  // when it was applied to the cache (0 for built-in)
  std::int64_t expires_unix = 0;
  std::int64_t last_sync_unix = 0;  // kiosk-sync's last successful run (0: unknown)
  bool marked_stale = false;        // kiosk-sync refused a newer feed (expired, rollback)
};

// True when the content should carry the stale marker: it is past its expiry, kiosk-sync refused a
// newer feed, or neither an update nor a successful sync happened in the last `stale_after_days`.
// Built-in content only expires.
bool is_stale(const ContentOrigin& origin, WallTime now, int stale_after_days);

// Why content that is_stale() found stale is stale, in `lang` for the footer (Danish for the staff
// panel): "udløbet 11. december 2026", "udgivelsen blev afvist" (kiosk-sync refused what is
// published) or "sidst hentet 27. november 2026" (the later of its update and the last good sync,
// days ago). Short enough for the footer at every screen size.
std::string stale_reason(const ContentOrigin& origin, WallTime now, const i18n::Language& lang = i18n::danish());

// The cycle's pause control at the footer's right end (WCAG 2.2.2): "Pause", or "Fortsæt" while the
// cycle is paused; none in the touch views.
enum class PauseControl { kNone, kPause, kResume };

// Everything a slide may read. `area` is null when the configured area is not in the content.
struct SlideContext {
  const model::Content& content;
  const model::Area* area;
  ContentOrigin origin;
  WallTime now;
  bool stale = false;
  std::size_t round = 0;  // how many times the cycle has come round: slides may rotate what they show
  // The language the screen is drawn in (null: Danish). `content` is already in it where the feed
  // has translations (model::localized), so slides translate only their own fixed words.
  const i18n::Language* language = nullptr;
  PauseControl pause = PauseControl::kNone;
  // More than one language is configured: the footer names the one on screen in its own words.
  bool name_language = false;
  // The urgent screen (notice_slide.h) only: how many times it has come on screen this round of the
  // cycle, 0 before the round's first slide. The Scene counts it; see UrgentNoticeSlide for which
  // notice each showing tells.
  std::size_t urgent_turn = 0;

  const i18n::Language& lang() const { return language ? *language : i18n::danish(); }
};

class Slide {
 public:
  virtual ~Slide() = default;
  virtual void draw(render::Canvas& canvas, const Theme& theme, const SlideContext& ctx) const = 0;
};

// The background and the strip at the bottom of every slide: clock, the language's name (with more
// than one), area, the data's age and the stale marker, and on the cycle the pause control; above
// the strip, while `ctx.content.notices` holds info notices, the notice band (one notice per round of
// the cycle). Returns the area above them that the slide may use, inside the margins.
render::Rect draw_frame(render::Canvas& canvas, const Theme& theme, const SlideContext& ctx);

// The notices of `level` in `content`, in its order (the display's: urgent first, then newest).
std::vector<const model::Notice*> notices_at(const model::Content& content, model::NoticeLevel level);

// Where draw_frame() puts the band of info notices: the screen's width just above the footer, a line
// of body text and a gap high; empty while `ctx.content` holds no info notice.
render::Rect notice_band_box(render::Canvas& canvas, const Theme& theme, const SlideContext& ctx);

// Where the frame draws the pause control: the right end of the footer, under the progress bar, at
// least a touch target wide. Known from the screen alone, so the cycle's regions need no drawing.
render::Rect pause_button_box(const Theme& theme);

// The cycle's progress through the current slide (0..1) as a bar along the footer's top edge: drawn
// over the finished slide at every step, so the slide itself need not be drawn again.
std::vector<render::Compositor::Overlay> progress_overlay(const Theme& theme, float progress);

}  // namespace kiosk::slides
