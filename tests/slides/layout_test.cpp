// Every slide at every screen size the kiosk supports, drawn by the real renderer with the bundled
// fonts: no text leaves the screen, no two texts overlap, and text is large enough to read across
// a room.
#include <catch2/catch.hpp>

#include "content_gen.h"
#include "render/canvas.h"
#include "render_support.h"
#include "slides/slide.h"

using namespace kiosk;

namespace {

struct Screen {
  int w, h;
};

const Screen kScreens[] = {{800, 480}, {1280, 720}, {1920, 1080}, {3840, 2160}, {1080, 1920}};

std::vector<render::DrawnText> draw(const slides::Slide& slide, const model::Feed& feed, Screen screen, bool stale,
                                    std::size_t round = 0) {
  testing::SoftwareTarget target(screen.w, screen.h);
  render::Canvas canvas(target.renderer(), target.fonts(), screen.w, screen.h);
  std::vector<render::DrawnText> drawn;
  canvas.set_recorder(&drawn);
  const model::Area* area = nullptr;
  for (const auto& a : feed.content.areas) {
    if (a.id == "vollsmose") area = &a;
  }
  const slides::ContentOrigin origin{false, feed.version, 1'700'000'000, feed.expires};
  const slides::SlideContext ctx{feed.content, area, origin, FakeClock().wall(), stale, round};
  slide.draw(canvas, slides::Theme::for_screen(screen.w, screen.h), ctx);
  return drawn;
}

std::string describe(const render::DrawnText& t) {
  return "'" + t.text.substr(0, 40) + "' at " + std::to_string(t.used.x) + "," + std::to_string(t.used.y) + " " +
         std::to_string(t.used.w) + "x" + std::to_string(t.used.h) + " " + std::to_string(t.px) + "px";
}

void check_layout(const std::vector<render::DrawnText>& drawn, Screen screen) {
  const render::Rect bounds{0, 0, screen.w, screen.h};
  const int body_min = std::min(screen.w, screen.h) / 28;
  REQUIRE_FALSE(drawn.empty());
  for (std::size_t i = 0; i < drawn.size(); ++i) {
    INFO(describe(drawn[i]));
    CHECK(bounds.contains(drawn[i].used));
    CHECK(drawn[i].px >= body_min);
    for (std::size_t j = i + 1; j < drawn.size(); ++j) {
      INFO("and " << describe(drawn[j]));
      CHECK_FALSE(drawn[i].used.intersects(drawn[j].used));
    }
  }
}

}  // namespace

TEST_CASE("slides fit every screen size with the default content", "[slides][layout]") {
  const auto feed = testing::default_feed();
  const auto slides = slides::make_cycle_slides();
  for (const Screen screen : kScreens) {
    for (const auto& slide : slides) {
      INFO(slide->name() << " at " << screen.w << "x" << screen.h);
      const auto drawn = draw(*slide, feed, screen, false);
      check_layout(drawn, screen);
      // The slide's headline: at least 1/12 of the shorter side, on the status and timeline slides.
      int biggest = 0;
      for (const auto& t : drawn) biggest = std::max(biggest, t.px);
      CHECK(biggest >= std::min(screen.w, screen.h) / 18);
      if (std::string(slide->name()) == "status") CHECK(biggest >= std::min(screen.w, screen.h) / 12);
    }
  }
}

TEST_CASE("slides fit every screen size with content at the format's limits", "[slides][layout]") {
  const auto feed = testing::stress_feed();
  const auto slides = slides::make_cycle_slides();
  for (const Screen screen : kScreens) {
    for (const auto& slide : slides) {
      INFO(slide->name() << " at " << screen.w << "x" << screen.h);
      check_layout(draw(*slide, feed, screen, true), screen);
    }
  }
}

TEST_CASE("every result the cycle tells in turn fits, with its picture and chart", "[slides][layout]") {
  testing::TempDir dir;
  const auto feed = testing::large_feed(30, 10, dir.file("objects"), 64, 40);
  const auto slides = slides::make_cycle_slides();
  for (const Screen screen : kScreens) {
    for (std::size_t round = 0; round < 5; ++round) {
      INFO("round " << round << " at " << screen.w << "x" << screen.h);
      check_layout(draw(*slides[2], feed, screen, false, round), screen);
    }
  }
}

TEST_CASE("long titles are shortened with an ellipsis rather than cut", "[slides][layout]") {
  const auto feed = testing::stress_feed();
  const auto slides = slides::make_cycle_slides();
  const auto drawn = draw(*slides[2], feed, {1920, 1080}, false);
  bool ellipsized = false;
  for (const auto& t : drawn) ellipsized |= t.truncated && t.text.find("\xE2\x80\xA6") != std::string::npos;
  CHECK(ellipsized);
}

TEST_CASE("the footer says when the content is stale", "[slides][layout]") {
  const auto feed = testing::default_feed();
  const auto slides = slides::make_cycle_slides();
  const auto find = [](const std::vector<render::DrawnText>& drawn, const std::string& needle) {
    return std::any_of(drawn.begin(), drawn.end(), [&](const auto& t) { return t.text.find(needle) != std::string::npos; });
  };
  CHECK(find(draw(*slides[0], feed, {1920, 1080}, true), "Forældet"));
  CHECK_FALSE(find(draw(*slides[0], feed, {1920, 1080}, false), "Forældet"));
  CHECK(find(draw(*slides[0], feed, {1920, 1080}, false), "Opdateret"));
}
