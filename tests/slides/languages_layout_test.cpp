// Every slide in every language the kiosk ships, at every screen size, as the cycle draws it (the
// content in that language, right to left where the language is, the footer with the language's
// name and the pause control), at normal text and at the touch views' larger text (1.5x): no text
// leaves the screen, no two texts overlap, text stays large enough, and the footer's controls are
// whole. (The touch views' own test covers them in every language at normal and larger text.)
#include <catch2/catch.hpp>

#include <algorithm>

#include "content_gen.h"
#include "i18n/language.h"
#include "model/translations.h"
#include "render/canvas.h"
#include "render_support.h"
#include "slides/slide.h"
#include "slides/slide_kinds.h"

using namespace kiosk;

namespace {

struct Screen {
  int w, h;
};

const Screen kScreens[] = {{800, 480}, {1280, 720}, {1920, 1080}, {3840, 2160}, {1080, 1920}};

std::string describe(const render::DrawnText& t) {
  return "'" + t.text.substr(0, 40) + "' at " + std::to_string(t.used.x) + "," + std::to_string(t.used.y) + " " +
         std::to_string(t.used.w) + "x" + std::to_string(t.used.h) + " " + std::to_string(t.px) + "px" +
         (t.truncated ? " (cut short)" : "");
}

}  // namespace

TEST_CASE("every slide fits every screen size in every language at normal and larger text, its footer whole", "[slides][layout][languages]") {
  const auto feed = testing::default_feed();
  for (const i18n::Language* language : i18n::languages()) {
    const model::Content content = model::localized(feed.content, language->code());
    const model::Area* area = nullptr;
    for (const auto& a : content.areas) {
      if (a.id == "vollsmose") area = &a;
    }
    for (const Screen screen : kScreens) {
      for (const auto& kind : slides::SlideKinds::built_in().all()) {
        for (const auto& [pause, scale] : {std::pair{slides::PauseControl::kPause, 1.0}, std::pair{slides::PauseControl::kResume, 1.0},
                                          std::pair{slides::PauseControl::kPause, slides::Theme::kLargerText}}) {
          INFO(kind.name << " in " << language->code() << " at " << screen.w << "x" << screen.h << ", text x" << scale);
          testing::SoftwareTarget target(screen.w, screen.h);
          render::Canvas canvas(target.renderer(), target.fonts(), screen.w, screen.h);
          canvas.set_direction(language->right_to_left() ? render::Direction::kRightToLeft : render::Direction::kLeftToRight);
          canvas.set_language(language->code());
          std::vector<render::DrawnText> drawn;
          canvas.set_recorder(&drawn);
          const slides::ContentOrigin origin{false, feed.version, 1'700'000'000, feed.expires};
          slides::SlideContext ctx{content, area, origin, FakeClock().wall(), false, 0};
          ctx.language = language;
          ctx.pause = pause;
          ctx.name_language = true;
          const auto theme = slides::Theme::for_screen(screen.w, screen.h, scale);
          kind.make()->draw(canvas, theme, ctx);
          // The footer's controls are whole: the pause button's label and the language's name. (The
          // area and the data's age give way with an ellipsis where the footer is narrow.)
          const render::Rect pause_box = canvas.on_screen(slides::pause_button_box(theme));
          CHECK(std::any_of(drawn.begin(), drawn.end(), [&](const auto& t) { return t.text == language->native_name(); }));
          CHECK(std::count_if(drawn.begin(), drawn.end(), [&](const auto& t) { return pause_box.contains(t.used); }) == 1);
          const render::Rect bounds{0, 0, screen.w, screen.h};
          const int body_min = static_cast<int>(std::min(screen.w, screen.h) / 28 * scale);
          REQUIRE_FALSE(drawn.empty());
          for (std::size_t i = 0; i < drawn.size(); ++i) {
            INFO(describe(drawn[i]));
            CHECK(bounds.contains(drawn[i].used));
            CHECK(drawn[i].px >= body_min);
            if (pause_box.contains(drawn[i].used)) CHECK_FALSE(drawn[i].truncated);
            for (std::size_t j = i + 1; j < drawn.size(); ++j) {
              INFO("and " << describe(drawn[j]));
              CHECK_FALSE(drawn[i].used.intersects(drawn[j].used));
            }
          }
        }
      }
    }
  }
}
