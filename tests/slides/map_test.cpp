// The map of the areas (slides/area_map.h): markers on land in the right part of the country at every
// screen size, which areas it shows and how, the own area ringed and named.
#include <SDL.h>

#include <catch2/catch.hpp>
#include <cmath>

#include "content_gen.h"
#include "render/canvas.h"
#include "render_support.h"
#include "slides/area_map.h"
#include "slides/danish.h"

using namespace kiosk;

namespace {

struct Screen {
  int w, h;
};
const Screen kScreens[] = {{800, 480}, {1280, 720}, {1920, 1080}, {3840, 2160}, {1080, 1920}};

const model::Area& area(const model::Content& c, const std::string& id) {
  for (const auto& a : c.areas) {
    if (a.id == id) return a;
  }
  throw std::runtime_error("no area " + id);
}

render::Color pixel(SDL_Surface* s, render::Point p) {
  const auto* row = static_cast<const Uint8*>(s->pixels) + p.y * s->pitch;
  Uint8 r = 0, g = 0, b = 0;
  SDL_GetRGB(reinterpret_cast<const Uint32*>(row)[p.x], s->format, &r, &g, &b);
  return {r, g, b};
}

bool same(render::Color a, render::Color b) { return a.r == b.r && a.g == b.g && a.b == b.b; }

// Even-odd rule in pixels.
bool inside(const std::vector<render::PointF>& ring, render::Point p) {
  bool in = false;
  const float x = static_cast<float>(p.x), y = static_cast<float>(p.y);
  for (std::size_t i = 0, j = ring.size() - 1; i < ring.size(); j = i++) {
    if ((ring[i].y > y) != (ring[j].y > y) &&
        x < ring[j].x + (y - ring[j].y) * (ring[i].x - ring[j].x) / (ring[i].y - ring[j].y)) {
      in = !in;
    }
  }
  return in;
}

std::size_t ring_index(const std::string& name) {
  const auto& outline = slides::denmark_outline();
  for (std::size_t i = 0; i < outline.size(); ++i) {
    if (outline[i].name == name) return i;
  }
  throw std::runtime_error("no ring " + name);
}

model::Area listed(std::string id, std::vector<model::CategoryYear> years, double lat = 55.4, double lon = 10.4) {
  model::Area a;
  a.id = a.name = std::move(id);
  a.kommune = "Odense";
  a.categories = std::move(years);
  a.position = model::GeoPosition{lat, lon, true};
  return a;
}

// The map at a screen size, laid out in the slide's margins, drawn on `target`'s canvas.
slides::AreaMap map_at(testing::SoftwareTarget& target, render::Canvas& canvas, const model::Content& content,
                       const model::Area* own) {
  const auto theme = slides::Theme::for_screen(target.surface()->w, target.surface()->h);
  return slides::lay_out_map(canvas, theme, content, own, canvas.bounds().inset(theme.margin));
}

// Runs `check` with a software target and its canvas at each of the five screen sizes.
template <class Check>
void at_every_size(Check check) {
  for (const Screen s : kScreens) {
    INFO(s.w << "x" << s.h);
    testing::SoftwareTarget target(s.w, s.h);
    render::Canvas canvas(target.renderer(), target.fonts(), s.w, s.h);
    check(target, canvas);
  }
}

}  // namespace

TEST_CASE("every marker of the map stands on land, at every screen size", "[slides][map]") {
  const auto feed = testing::default_feed();
  at_every_size([&](testing::SoftwareTarget& target, render::Canvas& canvas) {
    const auto theme = slides::Theme::for_screen(canvas.width(), canvas.height());
    const auto map = map_at(target, canvas, feed.content, &area(feed.content, "vollsmose"));
    canvas.clear(theme.colors.background);
    canvas.fill_polygons(map.land, theme.colors.land);
    SDL_RenderFlush(target.renderer());
    REQUIRE(map.markers.size() >= 15);
    for (const auto& m : map.markers) {
      INFO(m.area->id);
      CHECK(same(pixel(target.surface(), m.at), theme.colors.land));
    }
    // Bornholm is drawn, in its inset.
    const auto bornholm = map.project({14.92, 55.13});
    const render::Point b{static_cast<int>(bornholm.x), static_cast<int>(bornholm.y)};
    CHECK(same(pixel(target.surface(), b), theme.colors.land));
    CHECK(map.inset.contains({b.x, b.y, 1, 1}));
  });
}

TEST_CASE("no two markers or groups of the map overlap, at every screen size", "[slides][map]") {
  const auto feed = testing::default_feed();
  for (const auto& own : feed.content.areas) {
    INFO(own.id);
    at_every_size([&](testing::SoftwareTarget& target, render::Canvas& canvas) {
      const auto map = map_at(target, canvas, feed.content, &own);
      const int ring = 3 * std::max(2, map.marker_radius / 3);
      for (std::size_t a = 0; a < map.groups.size(); ++a) {
        for (std::size_t b = a + 1; b < map.groups.size(); ++b) {
          const auto& ga = map.groups[a];
          const auto& gb = map.groups[b];
          const bool quiet = ga.radius < map.marker_radius || gb.radius < map.marker_radius;  // small dots may touch
          if (quiet) continue;
          const int reach = ga.radius + gb.radius + (map.markers[ga.markers[0]].own || map.markers[gb.markers[0]].own ? ring : 0);
          CHECK(std::hypot(ga.at.x - gb.at.x, ga.at.y - gb.at.y) >= reach);
        }
      }
    });
  }
}

TEST_CASE("the map puts Vollsmose on Funen and Gellerupparken west of Aarhus' centre", "[slides][map]") {
  const auto feed = testing::default_feed();
  at_every_size([&](testing::SoftwareTarget& target, render::Canvas& canvas) {
    const auto map = map_at(target, canvas, feed.content, nullptr);
    const auto at = [&](const std::string& id) {
      for (const auto& m : map.markers) {
        if (m.area->id == id) return m.at;
      }
      FAIL("no marker for " << id);
      return render::Point{};
    };
    CHECK(inside(map.land[ring_index("funen")], at("vollsmose")));
    CHECK(inside(map.land[ring_index("jutland")], at("gellerupparken-toveshoej")));
    CHECK(at("gellerupparken-toveshoej").x < map.project({10.2039, 56.1567}).x);  // Aarhus' town hall
    CHECK(inside(map.land[ring_index("zealand")], at("mjoelnerparken")));
  });
}

TEST_CASE("the map shows the latest list's areas by category and those that left it quietly", "[slides][map]") {
  using C = model::Category;
  model::Content content;
  content.areas = {listed("hard", {{2022, C::kOmdannelse}, {2023, C::kOmdannelse}}),
                   listed("left", {{2022, C::kParallelsamfund}, {2023, C::kNotParallelsamfund}}, 56.15, 10.1),
                   listed("unknown", {{2022, C::kOmdannelse}, {2023, C::kUnknown}}, 55.68, 12.45),
                   listed("never", {{2022, C::kNotParallelsamfund}, {2023, C::kNotParallelsamfund}}, 55.49, 8.47),
                   listed("older", {{2019, C::kParallelsamfund}}, 56.45, 9.40)};
  CHECK(slides::map_year(content) == 2023);
  testing::SoftwareTarget target(1920, 1080);
  render::Canvas canvas(target.renderer(), target.fonts(), 1920, 1080);
  const auto theme = slides::Theme::for_screen(1920, 1080);
  const auto map = slides::lay_out_map(canvas, theme, content, nullptr, {0, 0, 1200, 900});
  std::map<std::string, slides::MapStatus> shown;
  for (const auto& m : map.markers) shown[m.area->id] = m.status;
  CHECK(shown == std::map<std::string, slides::MapStatus>{{"hard", slides::MapStatus::kOnList},
                                                          {"left", slides::MapStatus::kLeft},
                                                          {"unknown", slides::MapStatus::kUnknown},
                                                          {"older", slides::MapStatus::kUnknown}});
  // The own area is on the map even if it was never listed, and it leads its group.
  const auto own = slides::lay_out_map(canvas, theme, content, &content.areas[3], {0, 0, 1200, 900});
  const auto mine = std::find_if(own.groups.begin(), own.groups.end(),
                                 [&](const auto& g) { return own.markers[g.markers[0]].own; });
  REQUIRE(mine != own.groups.end());
  CHECK(mine->label == "never");
  CHECK_FALSE(mine->label_box.empty());
}

TEST_CASE("markers that would touch are one group named by its most important area's kommune", "[slides][map]") {
  using C = model::Category;
  model::Content content;
  auto a = listed("a", {{2023, C::kParallelsamfund}}, 55.680, 12.570);
  auto b = listed("b", {{2023, C::kOmdannelse}}, 55.681, 12.571);
  b.kommune = "København";
  auto far = listed("far", {{2023, C::kOmdannelse}}, 56.15, 10.10);
  content.areas = {a, b, far};
  testing::SoftwareTarget target(1920, 1080);
  render::Canvas canvas(target.renderer(), target.fonts(), 1920, 1080);
  const auto theme = slides::Theme::for_screen(1920, 1080);
  const auto map = slides::lay_out_map(canvas, theme, content, nullptr, {0, 0, 1200, 900});
  REQUIRE(map.groups.size() == 2);
  const auto& pair = map.groups[0].markers.size() == 2 ? map.groups[0] : map.groups[1];
  REQUIRE(pair.markers.size() == 2);
  CHECK(map.markers[pair.markers[0]].area->id == "b");  // the omdannelsesområde leads
  CHECK(pair.label == "København og omegn");
  // With the kiosk's own area in it, the group is named by that area.
  const auto own = slides::lay_out_map(canvas, theme, content, &content.areas[0], {0, 0, 1200, 900});
  const auto& mine = own.groups[0].markers.size() == 2 ? own.groups[0] : own.groups[1];
  CHECK(mine.label == "a og omegn");
}
