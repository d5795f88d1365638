// What keeps its direction on a right-to-left screen: the slides are mirrored for Arabic, Urdu and
// Farsi, but a chart's time axis, the timeline's axis and the map are not (time runs left to right,
// east is on the right), and the touch map's targets lie where their markers are drawn.
#include <catch2/catch.hpp>

#include <algorithm>
#include <map>

#include "content_gen.h"
#include "i18n/language.h"
#include "render/canvas.h"
#include "render_support.h"
#include "slides/slide_kinds.h"
#include "slides/touch_views.h"

using namespace kiosk;

namespace {

constexpr int kW = 1920, kH = 1080;

struct Drawn {
  std::vector<render::DrawnText> texts;
  slides::ViewLayout layout;
};

// Draws with `draw` in `code`'s language and direction, recording the texts.
template <class Draw>
Drawn draw_in(const std::string& code, const model::Feed& feed, Draw draw, testing::SoftwareTarget& target) {
  render::Canvas canvas(target.renderer(), target.fonts(), kW, kH);
  const i18n::Language& lang = *i18n::find_language(code);
  canvas.set_direction(lang.right_to_left() ? render::Direction::kRightToLeft : render::Direction::kLeftToRight);
  canvas.set_language(code);
  Drawn out;
  canvas.set_recorder(&out.texts);
  const model::Area* own = nullptr;
  for (const auto& a : feed.content.areas) {
    if (a.id == "vollsmose") own = &a;
  }
  slides::SlideContext ctx{feed.content, own, {}, FakeClock().wall(), false, 0};
  ctx.language = &lang;
  out.layout = draw(canvas, slides::Theme::for_screen(kW, kH), ctx);
  SDL_RenderFlush(target.renderer());
  return out;
}

Drawn draw_slide(const std::string& kind, const std::string& code, const model::Feed& feed, testing::SoftwareTarget& target) {
  auto slide = slides::SlideKinds::built_in().find(kind)->make();
  return draw_in(code, feed, [&](render::Canvas& c, const slides::Theme& t, const slides::SlideContext& ctx) {
    slide->draw(c, t, ctx);
    return slides::ViewLayout{};
  }, target);
}

// The leftmost drawn text that is exactly `text`.
const render::DrawnText* text_at(const Drawn& d, const std::string& text) {
  const render::DrawnText* found = nullptr;
  for (const auto& t : d.texts) {
    if (t.text == text && (!found || t.used.x < found->used.x)) found = &t;
  }
  return found;
}

}  // namespace

TEST_CASE("on a right-to-left screen the timeline's years still run left to right", "[slides][direction]") {
  const auto feed = testing::default_feed();
  for (const char* code : {"da", "ar", "ur"}) {
    INFO(code);
    testing::SoftwareTarget target(kW, kH);
    const Drawn d = draw_slide("timeline", code, feed, target);
    const auto* first = text_at(d, "2018");
    const auto* last = text_at(d, "2029");
    REQUIRE(first);
    REQUIRE(last);
    CHECK(first->used.x < last->used.x);
  }
}

TEST_CASE("on a right-to-left screen a chart's years run left to right while the slide is mirrored", "[slides][direction]") {
  const auto feed = testing::default_feed();
  testing::SoftwareTarget da_target(kW, kH), ar_target(kW, kH);
  const Drawn da = draw_slide("results", "da", feed, da_target);
  const Drawn ar = draw_slide("results", "ar", feed, ar_target);
  for (const Drawn* d : {&da, &ar}) {
    const auto* first = text_at(*d, "2018");
    const auto* last = text_at(*d, "2024");
    REQUIRE(first);
    REQUIRE(last);
    CHECK(first->used.x < last->used.x);
  }
  // The chart itself changes sides with the slide: right of the words in Danish, left in Arabic.
  CHECK(text_at(da, "2018")->used.x > kW / 2);
  CHECK(text_at(ar, "2018")->used.x < kW / 2);
}

TEST_CASE("on a right-to-left screen the map keeps east on the right and changes sides with the slide", "[slides][direction]") {
  const auto feed = testing::default_feed();
  testing::SoftwareTarget da_target(kW, kH), ar_target(kW, kH);
  const Drawn da = draw_slide("map", "da", feed, da_target);
  const Drawn ar = draw_slide("map", "ar", feed, ar_target);
  for (const Drawn* d : {&da, &ar}) {
    // Vollsmose (Odense, Funen) lies east of Stengårdsvej (Esbjerg, on Jutland's west coast).
    const auto* west = text_at(*d, "Stengårdsvej");
    const auto* east = text_at(*d, "Vollsmose");
    REQUIRE(west);
    REQUIRE(east);
    CHECK(west->used.x < east->used.x);
  }
  CHECK(text_at(da, "Vollsmose")->used.x < kW / 2);
  CHECK(text_at(ar, "Vollsmose")->used.x > kW / 2);
}

TEST_CASE("on a right-to-left screen the touch map moves whole, its targets with their markers", "[slides][direction]") {
  const auto feed = testing::default_feed();
  testing::SoftwareTarget da_target(kW, kH), ar_target(kW, kH);
  const auto map_view = [](render::Canvas& c, const slides::Theme& t, const slides::SlideContext& ctx) {
    return slides::draw_touch_view(player::View::kMap, c, t, ctx, slides::ViewState{});
  };
  const Drawn da = draw_in("da", feed, map_view, da_target);
  const Drawn ar = draw_in("ar", feed, map_view, ar_target);
  const auto targets = [](const Drawn& d) {
    std::map<std::string, player::Box> out;
    for (const auto& r : d.layout.regions) {
      if (r.target == player::Target::kArea || r.target == player::Target::kMapGroup) out[r.id] = r.box;
    }
    return out;
  };
  const auto da_targets = targets(da), ar_targets = targets(ar);
  REQUIRE(da_targets.size() >= 5);
  REQUIRE(ar_targets.size() == da_targets.size());
  // The map is not mirrored, only moved to the other side: every target moves by the same amount,
  // and under each the same marker is drawn.
  const float dx = ar_targets.begin()->second.x - da_targets.begin()->second.x;
  CHECK(dx > kW / 4);
  for (const auto& [id, box] : da_targets) {
    INFO(id);
    REQUIRE(ar_targets.count(id) == 1);
    const player::Box& moved = ar_targets.at(id);
    CHECK(moved.x == Approx(box.x + dx));
    CHECK(moved.y == Approx(box.y));
    const int cx = static_cast<int>(box.x + box.w / 2), cy = static_cast<int>(box.y + box.h / 2);
    const SDL_Color here = da_target.pixel(cx, cy);
    const SDL_Color there = ar_target.pixel(static_cast<int>(cx + dx), cy);
    CHECK((here.r == there.r && here.g == there.g && here.b == there.b));
  }
}
