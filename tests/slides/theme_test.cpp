#include <catch2/catch.hpp>

#include <algorithm>

#include "slides/slide.h"
#include "slides/theme.h"

using namespace kiosk::slides;

TEST_CASE("the contrast ratio follows WCAG 2", "[slides]") {
  CHECK(contrast_ratio({0, 0, 0}, {255, 255, 255}) == Approx(21.0));
  CHECK(contrast_ratio({255, 255, 255}, {255, 255, 255}) == Approx(1.0));
  CHECK(contrast_ratio({0x77, 0x77, 0x77}, {255, 255, 255}) == Approx(4.48).epsilon(0.01));
}

TEST_CASE("every colour pair text is drawn in reaches 7:1", "[slides]") {
  const Palette palette;
  const auto pairs = text_pairs(palette);
  REQUIRE(pairs.size() >= 10);
  for (const auto& p : pairs) {
    INFO(p.name);
    CHECK(contrast_ratio(p.fg, p.bg) >= 7.0);
  }
}

TEST_CASE("sizes follow the screen's shorter side", "[slides]") {
  const Theme t = Theme::for_screen(1920, 1080);
  CHECK(t.body_px >= 1080 / 28);
  CHECK(t.headline_px >= 1080 / 12);
  const Theme portrait = Theme::for_screen(1080, 1920);
  CHECK(portrait.portrait);
  CHECK(portrait.body_px == t.body_px);
  const Theme small = Theme::for_screen(800, 480);
  CHECK(small.body_px >= 480 / 28);
}

TEST_CASE("content is stale after its expiry or when not updated for the configured days", "[slides]") {
  using namespace std::chrono;
  const kiosk::WallTime now{seconds(2'000'000'000)};
  const std::int64_t t = 2'000'000'000;
  CHECK_FALSE(is_stale({false, 1, t - 2 * 86400, t + 1000}, now, 3));
  CHECK(is_stale({false, 1, t - 4 * 86400, t + 1000}, now, 3));
  CHECK(is_stale({false, 1, t, t}, now, 3));             // expired this second
  CHECK_FALSE(is_stale({true, 1, 0, t + 1}, now, 3));    // built-in content does not age
  CHECK(is_stale({true, 1, 0, t - 1}, now, 3));          // but it does expire
  CHECK_FALSE(is_stale({false, 1, t - 10 * 86400, t + 1000, t - 86400, false}, now, 3));  // synced yesterday, no change
  CHECK(is_stale({false, 1, t - 86400, t + 1000, t - 86400, true}, now, 3));  // a newer feed was refused
}

TEST_CASE("the notice band's and the urgent screen's colours reach 7:1", "[slides][notices]") {
  const Palette p;
  const auto pairs = text_pairs(p);
  const auto held = [&](kiosk::render::Color fg, kiosk::render::Color bg) {
    return std::any_of(pairs.begin(), pairs.end(), [&](const TextPair& t) { return t.fg == fg && t.bg == bg; });
  };
  // The words of the band and of the urgent screen, and the urgent screen's yellow marker.
  CHECK(held(p.on_notice, p.notice));
  CHECK(held(p.on_urgent, p.urgent));
  CHECK(held(p.on_warning, p.warning));
  CHECK(contrast_ratio(p.on_notice, p.notice) >= 7.0);
  CHECK(contrast_ratio(p.on_urgent, p.urgent) >= 7.0);
}
