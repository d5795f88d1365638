// The touch map's views at every screen size the kiosk supports, drawn by the real renderer with the
// bundled fonts: nothing leaves the screen, no two texts overlap, text at body size; every area on
// the map reachable by a target of at least 48 px at 1080p. And the status slide's "Se områdekort".
#include <catch2/catch.hpp>

#include "content_gen.h"
#include "render/canvas.h"
#include "render_support.h"
#include "slides/area_map.h"
#include "slides/slide_kinds.h"
#include "slides/touch_views.h"

#include <set>

using namespace kiosk;
using player::Target;

namespace {

struct Screen {
  int w, h;
};

const Screen kMapScreens[] = {{800, 480}, {1280, 720}, {1920, 1080}, {3840, 2160}, {1080, 1920}};

struct Drawn {
  slides::ViewLayout layout;
  std::vector<render::DrawnText> texts;
};

template <class Draw>
Drawn draw_at(Screen screen, const model::Feed& feed, const slides::ViewState& state, Draw draw, const std::string& keep_as = "") {
  testing::SoftwareTarget target(screen.w, screen.h);
  render::Canvas canvas(target.renderer(), target.fonts(), screen.w, screen.h);
  Drawn out;
  canvas.set_recorder(&out.texts);
  const model::Area* own = nullptr;
  for (const auto& a : feed.content.areas) {
    if (a.id == "vollsmose") own = &a;
  }
  const slides::SlideContext ctx{feed.content, own, {}, FakeClock().wall(), false, 0};
  out.layout = draw(canvas, slides::Theme::for_screen(screen.w, screen.h), ctx, state);
  if (!keep_as.empty()) target.keep_png(keep_as + "-" + std::to_string(screen.w) + "x" + std::to_string(screen.h));
  return out;
}

void check_texts(const std::vector<render::DrawnText>& drawn, Screen screen) {
  const render::Rect bounds{0, 0, screen.w, screen.h};
  const int body_min = std::min(screen.w, screen.h) / 28;
  REQUIRE_FALSE(drawn.empty());
  for (std::size_t i = 0; i < drawn.size(); ++i) {
    INFO("'" << drawn[i].text.substr(0, 40) << "' at " << drawn[i].used.x << "," << drawn[i].used.y << " "
             << drawn[i].used.w << "x" << drawn[i].used.h);
    CHECK(bounds.contains(drawn[i].used));
    CHECK(drawn[i].px >= body_min);
    for (std::size_t j = i + 1; j < drawn.size(); ++j) {
      INFO("and '" << drawn[j].text.substr(0, 40) << "'");
      CHECK_FALSE(drawn[i].used.intersects(drawn[j].used));
    }
  }
}

render::Rect rect_of(const player::Box& b) {
  return {static_cast<int>(b.x), static_cast<int>(b.y), static_cast<int>(b.w), static_cast<int>(b.h)};
}

std::vector<const player::HitRegion*> regions_of(const slides::ViewLayout& l, Target t) {
  std::vector<const player::HitRegion*> out;
  for (const auto& r : l.regions) {
    if (r.target == t) out.push_back(&r);
  }
  return out;
}

// `text` drawn as one text, or a double name broken after its "/".
bool has_text(const std::vector<render::DrawnText>& drawn, std::string text) {
  const auto drawn_as = [&](const std::string& t) {
    return std::any_of(drawn.begin(), drawn.end(), [&](const render::DrawnText& d) { return d.text == t; });
  };
  if (drawn_as(text)) return true;
  const auto slash = text.find('/');
  return slash != std::string::npos && drawn_as(text.insert(slash + 1, "\n"));
}

}  // namespace

TEST_CASE("the map view fits every screen size and every area on it is a target of touch size", "[slides][touch][map]") {
  const auto feed = testing::default_feed();
  for (const Screen screen : kMapScreens) {
    INFO(screen.w << "x" << screen.h);
    const auto map = draw_at(screen, feed, {}, slides::draw_map_view, "areamap");
    check_texts(map.texts, screen);
    const render::Rect bounds{0, 0, screen.w, screen.h};
    const int target = std::max(48 * std::min(screen.w, screen.h) / 1080, 1);
    std::set<std::string> reachable;
    std::vector<const player::HitRegion*> on_map = regions_of(map.layout, Target::kArea);
    const auto groups = regions_of(map.layout, Target::kMapGroup);
    on_map.insert(on_map.end(), groups.begin(), groups.end());
    CHECK(regions_of(map.layout, Target::kBack).size() == 1);
    for (const auto* r : on_map) {
      INFO(r->id << " at " << r->box.x << "," << r->box.y << " " << r->box.w << "x" << r->box.h);
      CHECK(bounds.contains(rect_of(r->box)));
      CHECK(r->box.w >= target);
      CHECK(r->box.h >= target);
      // Targets on the map never overlap: a finger finds one thing.
      for (const auto* o : on_map) {
        if (o != r) CHECK_FALSE(rect_of(r->box).intersects(rect_of(o->box)));
      }
      if (r->target == Target::kArea) reachable.insert(r->id);
    }
    // A group opens into a list of its areas, each a target too.
    for (const auto* g : groups) {
      slides::ViewState state;
      state.group = g->id;
      const auto opened = draw_at(screen, feed, state, slides::draw_map_view, g == groups.front() ? "areamap-open" : "");
      check_texts(opened.texts, screen);
      const auto listed = regions_of(opened.layout, Target::kArea);
      CHECK(listed.size() > on_map.size() - groups.size());  // the list adds its areas
      for (const auto* r : listed) {
        CHECK(r->box.h >= target);
        CHECK(bounds.contains(rect_of(r->box)));
        reachable.insert(r->id);
      }
      // What does not fit scrolls into view.
      reachable.insert(opened.layout.ids.begin(), opened.layout.ids.end());
      CHECK(regions_of(opened.layout, Target::kMapGroup).size() == groups.size());  // a tap on it closes it
    }
    // Every area with a position can be reached.
    std::size_t placed = 0;
    for (const auto& a : feed.content.areas) placed += a.position ? 1 : 0;
    CHECK(reachable.size() == placed);
    CHECK(reachable.count("vollsmose") == 1);
  }
}

TEST_CASE("the area card fits every screen size with the area's name, kommune and years", "[slides][touch][map]") {
  const auto feed = testing::default_feed();
  for (const std::string id : {"vollsmose", "gellerupparken-toveshoej"}) {
    const model::Area* area = nullptr;
    for (const auto& a : feed.content.areas) {
      if (a.id == id) area = &a;
    }
    REQUIRE(area != nullptr);
    for (const Screen screen : kMapScreens) {
      INFO(id << " at " << screen.w << "x" << screen.h);
      slides::ViewState state;
      state.area = id;
      const auto card = draw_at(screen, feed, state, slides::draw_area_card, "area-" + id);
      check_texts(card.texts, screen);
      CHECK(has_text(card.texts, area->name));
      CHECK(has_text(card.texts, area->kommune + " Kommune"));
      CHECK(has_text(card.texts, "2024"));  // the history's years
      CHECK(regions_of(card.layout, Target::kBack).size() == 1);
      const auto results = slides::area_results(feed.content, id);
      CHECK(regions_of(card.layout, Target::kResult).size() == std::min<std::size_t>(results.size(), 1 + card.layout.page / std::max(1.0f, card.layout.item_height)));
    }
  }
}

TEST_CASE("the card lists the area's results as targets that open the detail", "[slides][touch][map]") {
  testing::TempDir dir;
  auto feed = testing::large_feed(30, 0, dir.file("objects"));
  const std::string id = "vollsmose";
  for (std::size_t i = 0; i < feed.content.results.size(); i += 2) feed.content.results[i].area_ids = {id};
  const auto results = slides::area_results(feed.content, id);
  REQUIRE(results.size() >= 2);
  for (const Screen screen : kMapScreens) {
    INFO(screen.w << "x" << screen.h);
    slides::ViewState state;
    state.area = id;
    const auto card = draw_at(screen, feed, state, slides::draw_area_card);
    check_texts(card.texts, screen);
    const auto items = regions_of(card.layout, Target::kResult);
    REQUIRE_FALSE(items.empty());
    CHECK(items.front()->id == results.front()->id);
    CHECK(items.front()->box.h >= 48 * std::min(screen.w, screen.h) / 1080);  // the last may be cut by the screen's edge
    for (const auto* r : items) {
      CHECK(std::any_of(results.begin(), results.end(), [&](const model::Result* x) { return x->id == r->id; }));
    }
  }
}

TEST_CASE("the status slide shows Se omraadekort where the cycle's region opens the map", "[slides][touch][map]") {
  const auto feed = testing::default_feed();
  const slides::SlideKind* status = slides::SlideKinds::built_in().find("status");
  const slides::SlideKind* map = slides::SlideKinds::built_in().find("map");
  REQUIRE(status != nullptr);
  REQUIRE(map != nullptr);
  for (const Screen screen : kMapScreens) {
    INFO(screen.w << "x" << screen.h);
    const auto theme = slides::Theme::for_screen(screen.w, screen.h);
    const auto drawn = draw_at(screen, feed, {}, [&](render::Canvas& canvas, const slides::Theme& t, const slides::SlideContext& ctx,
                                                     const slides::ViewState&) {
      status->make()->draw(canvas, t, ctx);
      return slides::ViewLayout{};
    });
    const auto regions = slides::cycle_regions(theme, *status);
    const auto opens = regions_of(regions, Target::kOpenMap);
    REQUIRE(opens.size() == 1);
    CHECK(opens.front()->box.h >= 48 * std::min(screen.w, screen.h) / 1080);
    const auto label = std::find_if(drawn.texts.begin(), drawn.texts.end(), [](const render::DrawnText& t) { return t.text == slides::kMapButtonLabel; });
    REQUIRE(label != drawn.texts.end());
    CHECK_FALSE(label->truncated);
    CHECK(rect_of(opens.front()->box).contains(label->used));
    // The map slide opens the map wherever it is tapped; the other slides do not.
    const auto map_regions = slides::cycle_regions(theme, *map);
    const auto whole = regions_of(map_regions, Target::kOpenMap);
    REQUIRE(whole.size() == 1);
    CHECK(rect_of(whole.front()->box).contains({0, 0, screen.w, screen.h}));
    const auto timeline_regions = slides::cycle_regions(theme, *slides::SlideKinds::built_in().find("timeline"));
    CHECK(regions_of(timeline_regions, Target::kOpenMap).empty());
  }
}
