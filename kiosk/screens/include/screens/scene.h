// The cycle's slides, built from the playlist (config.playlist) out of the slide registry, bound to
// one content version, the kiosk's settings and a moment: draws slide i in one of the configured
// languages. A scene holds the content as showing at its moment (model::showing: results in their
// time window, the notices valid now, the events not over, for the kiosk's area), only the slides
// whose schedule is on then and that have something to show, and while an urgent notice is valid the
// urgent screen before every one of them. changes_at() says when that stops being true: the display
// then makes a new scene. The content in each language (model::localized) is made once, with the
// scene, so a frame never translates.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string_view>
#include <string>
#include <vector>

#include "config/config.h"
#include "i18n/language.h"
#include "model/content.h"
#include "platform/result.h"
#include "render/canvas.h"
#include "slides/slide.h"
#include "slides/slide_kinds.h"

namespace kiosk::screens {

// One content version as the slides show it, with where it came from (the cache or the default).
struct LoadedContent {
  model::Content content;
  slides::ContentOrigin origin;
};

// Every kind the playlist names is one `kinds` knows; else an error naming kiosk.toml's line and
// the kinds there are.
Status check_playlist(const config::Config& config, const slides::SlideKinds& kinds = slides::SlideKinds::built_in());

// Every code of config.languages is a language the kiosk has (i18n::languages()); else an error
// naming kiosk.toml's line and the codes there are.
Status check_languages(const config::Config& config);

class Scene {
 public:
  // `content` must outlive the scene. An area not in the content shows the national view. Kinds the
  // registry does not know are left out (check_playlist() says so at start). When no slide of the
  // playlist is on at `at`, the first one is shown: the screen is never empty.
  Scene(const LoadedContent& content, const config::Config& config, WallTime at,
        const slides::SlideKinds& kinds = slides::SlideKinds::built_in());
  // As at the system clock's time.
  Scene(const LoadedContent& content, const config::Config& config);
  // The default playlist for `area_id`, as at the system clock's time (benchmarks and tests).
  Scene(const LoadedContent& content, const std::string& area_id, int stale_after_days);

  // When what the scene shows changes next (a notice starts or ends, a slide's schedule switches, an
  // event is over, a result's window opens or closes); nothing when it never does.
  std::optional<WallTime> changes_at() const { return changes_at_; }
  // Whether the scene no longer shows the moment `now`: its next change has come, or the clock was set
  // back to before the scene's moment (a notice that had ended by the wrong time may be valid again).
  bool outdated(WallTime now) const { return (changes_at_ && now >= *changes_at_) || now < made_at_; }
  // The content as showing at the scene's moment, in Danish.
  const model::Content& showing() const { return showing_; }
  // Whether slide `i` is the urgent notice's screen.
  bool urgent(std::size_t i) const { return slides_[i].kind == &urgent_kind(); }
  // The kind of the urgent notice's screen ("notice"); not in the registry, so never in a playlist.
  static const slides::SlideKind& urgent_kind();

  std::size_t size() const { return slides_.size(); }
  const slides::SlideKind& kind(std::size_t i) const { return *slides_[i].kind; }
  const char* name(std::size_t i) const { return slides_[i].kind->name.c_str(); }
  std::chrono::seconds duration(std::size_t i) const { return slides_[i].duration; }
  std::vector<std::chrono::seconds> durations() const;
  const model::Area* area() const { return area_; }
  // Draws slide `i` as at wall time `now` in the cycle's `round`, in configured language `language`
  // (an index into languages(); 0 is the first), with the footer's pause control as `pause`.
  void draw(std::size_t i, render::Canvas& canvas, WallTime now, std::size_t round, std::size_t language = 0,
            slides::PauseControl pause = slides::PauseControl::kPause) const;
  // What the slides and the touch views read, as at `now`, in configured language `language`.
  slides::SlideContext context(WallTime now, std::size_t round, std::size_t language = 0) const;
  const LoadedContent& content() const { return content_; }

  // The configured languages the kiosk has, in kiosk.toml's order; Danish alone when none is.
  std::size_t language_count() const { return languages_.size(); }
  const i18n::Language& language(std::size_t index) const { return *languages_[index].language; }
  // Which language the cycle's `round` is drawn in (slides.rounds_per_language rounds each).
  std::size_t language_of_round(std::uint64_t round) const;
  // Sets the canvas to draw in configured language `language`: its direction (Arabic, Urdu and
  // Farsi mirrored, right to left) and its code. draw() does it itself; touch views call it first.
  void set_language(render::Canvas& canvas, std::size_t language) const;
  // The index of the configured language with this code, or nothing.
  std::optional<std::size_t> find_language(std::string_view code) const;

 private:
  struct Shown {
    const slides::SlideKind* kind;
    std::unique_ptr<slides::Slide> slide;
    std::chrono::seconds duration;
    std::size_t urgent_turn = 0;  // for the urgent screen: how many came before it this round
  };
  // The content as drawn in one language: Danish is the loaded content itself.
  struct InLanguage {
    const i18n::Language* language;
    std::unique_ptr<const model::Content> translated;  // null for Danish
    const model::Area* area;                           // the configured area in that content
  };
  const LoadedContent& content_;
  model::Content showing_;
  WallTime made_at_;
  std::optional<WallTime> changes_at_;
  const model::Area* area_ = nullptr;
  std::vector<InLanguage> languages_;
  int rounds_per_language_ = 1;
  int stale_after_days_;
  std::vector<Shown> slides_;
};

}  // namespace kiosk::screens
