#include "slides/area_map.h"

#include <algorithm>
#include <charconv>
#include <cmath>

#include "slide_util.h"

namespace kiosk::slides {
namespace {

using render::Point;
using render::PointF;
using render::Rect;

constexpr double kCosReference = 0.5591929034707468;  // cos 56°
constexpr std::size_t kMaxOutlinePoints = 20000;

struct Bounds {
  double lon0 = 1e9, lon1 = -1e9, lat0 = 1e9, lat1 = -1e9;
  void add(const GeoPoint& p) {
    lon0 = std::min(lon0, p.lon), lon1 = std::max(lon1, p.lon);
    lat0 = std::min(lat0, p.lat), lat1 = std::max(lat1, p.lat);
  }
  bool has(const GeoPoint& p, double margin) const {
    return p.lon >= lon0 - margin && p.lon <= lon1 + margin && p.lat >= lat0 - margin && p.lat <= lat1 + margin;
  }
};

bool is_bornholm(const OutlineRing& ring) { return ring.name == "bornholm"; }

// Longitude/latitude to pixels: one scale, an origin for the country and one for the inset.
struct Projection {
  double scale = 1;  // pixels per degree of latitude
  Bounds main, inset;
  double main_x = 0, main_y = 0, inset_x = 0, inset_y = 0;  // pixel positions of each part's north-west corner

  PointF operator()(const GeoPoint& p) const {
    const bool in_inset = inset.lon0 < inset.lon1 && inset.has(p, 0.05);
    const Bounds& b = in_inset ? inset : main;
    const double x0 = in_inset ? inset_x : main_x, y0 = in_inset ? inset_y : main_y;
    return {static_cast<float>(x0 + (p.lon - b.lon0) * kCosReference * scale),
            static_cast<float>(y0 + (b.lat1 - p.lat) * scale)};
  }
};

Projection fit(const std::vector<OutlineRing>& outline, Rect box, Rect* inset_frame) {
  Projection pr;
  for (const auto& ring : outline) {
    for (const auto& p : ring.points) (is_bornholm(ring) ? pr.inset : pr.main).add(p);
  }
  const double w = (pr.main.lon1 - pr.main.lon0) * kCosReference, h = pr.main.lat1 - pr.main.lat0;
  pr.scale = std::min(box.w / w, box.h / h);
  pr.main_x = box.x + (box.w - w * pr.scale) / 2;
  pr.main_y = box.y + (box.h - h * pr.scale) / 2;
  if (pr.inset.lon0 < pr.inset.lon1) {
    const double iw = (pr.inset.lon1 - pr.inset.lon0) * kCosReference * pr.scale, ih = (pr.inset.lat1 - pr.inset.lat0) * pr.scale;
    const double pad = std::max(4.0, ih * 0.15);
    const double right = pr.main_x + w * pr.scale;
    pr.inset_x = right - iw - pad;
    pr.inset_y = pr.main_y + pad;
    *inset_frame = {static_cast<int>(pr.inset_x - pad), static_cast<int>(pr.main_y), static_cast<int>(iw + 2 * pad),
                    static_cast<int>(ih + 2 * pad)};
  }
  return pr;
}

// Even-odd rule, at pixel centres.
bool on_land(const std::vector<std::vector<PointF>>& land, PointF p) {
  bool in = false;
  for (const auto& ring : land) {
    for (std::size_t i = 0, j = ring.size() - 1; i < ring.size(); j = i++) {
      if ((ring[i].y > p.y) != (ring[j].y > p.y) &&
          p.x < ring[j].x + (p.y - ring[j].y) * (ring[i].x - ring[j].x) / (ring[i].y - ring[j].y)) {
        in = !in;
      }
    }
  }
  return in;
}

float distance_to_coast(const std::vector<std::vector<PointF>>& land, PointF p) {
  float best = 1e30f;
  for (const auto& ring : land) {
    for (std::size_t i = 0; i + 1 < ring.size(); ++i) {
      const PointF a = ring[i], b = ring[i + 1];
      const float dx = b.x - a.x, dy = b.y - a.y, len2 = dx * dx + dy * dy;
      const float t = len2 > 0 ? std::clamp(((p.x - a.x) * dx + (p.y - a.y) * dy) / len2, 0.0f, 1.0f) : 0.0f;
      const float ex = a.x + t * dx - p.x, ey = a.y + t * dy - p.y;
      best = std::min(best, ex * ex + ey * ey);
    }
  }
  return std::sqrt(best);
}

// A place on the coast may fall just off the simplified outline (it is drawn to about a pixel at
// full screen, and town positions are approximate): its marker moves to the nearest pixel whose
// centre is land, `inward` pixels from the coast where there is such a pixel near.
Point onto_land(const std::vector<std::vector<PointF>>& land, PointF p, int inward) {
  const Point home{static_cast<int>(std::floor(p.x)), static_cast<int>(std::floor(p.y))};
  const auto centre = [](Point q) { return PointF{static_cast<float>(q.x) + 0.5f, static_cast<float>(q.y) + 0.5f}; };
  if (on_land(land, centre(home))) return home;
  // A place far out at sea is not moved: the content has it wrong, and the map shows it so.
  const int reach = std::min(static_cast<int>(std::ceil(distance_to_coast(land, p))) + 2 * inward, 12 * inward);
  std::optional<Point> deep, shallow;
  long best_deep = 0, best_shallow = 0;
  for (int dy = -reach; dy <= reach; ++dy) {
    for (int dx = -reach; dx <= reach; ++dx) {
      const Point q{home.x + dx, home.y + dy};
      const long d2 = static_cast<long>(dx) * dx + static_cast<long>(dy) * dy;
      if ((deep && d2 >= best_deep) || !on_land(land, centre(q))) continue;
      if (distance_to_coast(land, centre(q)) >= static_cast<float>(inward)) {
        deep = q, best_deep = d2;
      } else if (!shallow || d2 < best_shallow) {
        shallow = q, best_shallow = d2;
      }
    }
  }
  return deep ? *deep : shallow.value_or(home);
}

bool on_a_list(model::Category c) {
  return c == model::Category::kUdsat || c == model::Category::kParallelsamfund || c == model::Category::kOmdannelse ||
         c == model::Category::kForebyggelse;
}

const model::CategoryYear* category_in(const model::Area& area, int year) {
  for (const auto& c : area.categories) {
    if (c.year == year) return &c;
  }
  return nullptr;
}

// The area's place in `year`, or nothing if it is not on the map (never on a list, or on none now).
std::optional<MapMarker> marker_for(const model::Area& area, int year) {
  MapMarker m;
  m.area = &area;
  const auto* c = category_in(area, year);
  if (c && on_a_list(c->category)) {
    m.status = MapStatus::kOnList;
    m.category = c->category;
    return m;
  }
  const bool was_listed = std::any_of(area.categories.begin(), area.categories.end(), [&](const model::CategoryYear& e) {
    return e.year < year && on_a_list(e.category);
  });
  if (!c || c->category == model::Category::kUnknown) {
    m.status = MapStatus::kUnknown;
    m.category = model::Category::kUnknown;
    return was_listed || !c ? std::optional<MapMarker>(m) : std::nullopt;
  }
  if (!was_listed) return std::nullopt;
  m.status = MapStatus::kLeft;
  m.category = c->category;
  return m;
}

int importance(const MapMarker& m) {
  if (m.own) return 0;
  switch (m.status) {
    case MapStatus::kOnList: return m.category == model::Category::kOmdannelse ? 1 : 2;
    case MapStatus::kUnknown: return 3;
    case MapStatus::kLeft: return 4;
  }
  return 5;
}

// Groups the markers that would touch (single linkage), most important marker first in each.
std::vector<MapGroup> group_markers(const std::vector<MapMarker>& markers, int radius) {
  std::vector<std::size_t> order(markers.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return importance(markers[a]) < importance(markers[b]); });
  std::vector<int> group_of(markers.size(), -1);
  std::vector<MapGroup> groups;
  const double touch = 2.2 * radius;
  for (std::size_t i : order) {
    if (group_of[i] >= 0 || (markers[i].status == MapStatus::kLeft && !markers[i].own)) continue;  // quiet dots stand alone
    group_of[i] = static_cast<int>(groups.size());
    MapGroup g;
    g.markers.push_back(i);
    // Everything within touching distance of any member joins, transitively.
    for (std::size_t k = 0; k < g.markers.size(); ++k) {
      const Point a = markers[g.markers[k]].at;
      for (std::size_t j : order) {
        if (group_of[j] >= 0 || (markers[j].status == MapStatus::kLeft && !markers[j].own)) continue;
        const Point b = markers[j].at;
        if (std::hypot(a.x - b.x, a.y - b.y) < touch) {
          group_of[j] = group_of[i];
          g.markers.push_back(j);
        }
      }
    }
    groups.push_back(std::move(g));
  }
  return groups;
}

// A group is named by its most important area's kommune: "Høje-Taastrup og omegn" when its areas
// lie in more than one kommune. A group that holds the kiosk's own area is named by it:
// "Mjølnerparken og omegn".
std::string group_label(const std::vector<MapMarker>& markers, const MapGroup& g, const i18n::Language& lang) {
  const MapMarker& lead = markers[g.markers[0]];
  if (g.markers.size() == 1) return lead.area->name;
  // TRANSLATORS: a group of areas close together on the map, named by a place: "Aarhus og omegn"
  // (Aarhus and the areas around it). Space on the map is short.
  const auto around = [&](const std::string& place) { return i18n::fill(lang.tr("{place} og omegn"), {{"place", place}}); };
  if (lead.own) return around(lead.area->name);
  const bool one_kommune = std::all_of(g.markers.begin(), g.markers.end(),
                                       [&](std::size_t i) { return markers[i].area->kommune == lead.area->kommune; });
  return one_kommune ? lead.area->kommune : around(lead.area->kommune);
}

// Labels in order of importance, each at the first of eight places around its marker that stays in
// the box and clear of every marker and label placed so far.
void place_labels(render::Canvas& canvas, const Theme& theme, AreaMap& map) {
  std::vector<Rect> taken;
  for (const auto& g : map.groups) taken.push_back({g.at.x - g.radius, g.at.y - g.radius, 2 * g.radius, 2 * g.radius});
  if (!map.inset.empty()) taken.push_back(map.inset);
  std::vector<std::size_t> order(map.groups.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return importance(map.markers[map.groups[a].markers[0]]) < importance(map.markers[map.groups[b].markers[0]]);
  });
  const render::TextStyle style = theme.body();
  for (std::size_t gi : order) {
    MapGroup& g = map.groups[gi];
    if (map.markers[g.markers[0]].status == MapStatus::kLeft && !map.markers[g.markers[0]].own) continue;  // quiet: no label
    const int w = canvas.text_width(g.label, style.px, style.weight), h = canvas.line_height(style);
    const int d = g.radius + theme.gap / 3;
    const Rect candidates[] = {{g.at.x + d, g.at.y - h / 2, w, h},     {g.at.x - d - w, g.at.y - h / 2, w, h},
                               {g.at.x - w / 2, g.at.y - d - h, w, h}, {g.at.x - w / 2, g.at.y + d, w, h},
                               {g.at.x + d, g.at.y - d - h, w, h},     {g.at.x - d - w, g.at.y - d - h, w, h},
                               {g.at.x + d, g.at.y + d, w, h},         {g.at.x - d - w, g.at.y + d, w, h}};
    for (const Rect& c : candidates) {
      if (!map.box.contains(c)) continue;
      const Rect spaced{c.x - theme.gap / 4, c.y, c.w + theme.gap / 2, c.h};  // words apart from other words
      const bool clear = std::none_of(taken.begin(), taken.end(), [&](const Rect& t) {
        return t.intersects(spaced) && !(t.x == g.at.x - g.radius && t.y == g.at.y - g.radius && t.w == 2 * g.radius);
      });
      if (!clear) continue;
      g.label_box = c;
      taken.push_back(c);
      break;
    }
  }
}

}  // namespace

Result<std::vector<OutlineRing>> parse_outline(std::string_view text) {
  std::vector<OutlineRing> rings;
  std::size_t expected = 0, line_no = 0, total = 0;
  const auto fail = [&](const std::string& what) {
    return make_error("map outline, line " + std::to_string(line_no) + ": " + what);
  };
  while (!text.empty()) {
    const auto end = text.find('\n');
    std::string_view line = text.substr(0, end);
    text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
    ++line_no;
    if (line.empty() || line[0] == '#') continue;
    if (line.substr(0, 5) == "ring ") {
      if (expected != 0) return fail("a ring starts before the one before has all its points");
      line.remove_prefix(5);
      const auto space = line.find(' ');
      if (space == std::string_view::npos) return fail("expected \"ring <name> <number of points>\"");
      const std::string_view count = line.substr(space + 1);
      if (std::from_chars(count.data(), count.data() + count.size(), expected).ec != std::errc() || expected < 4)
        return fail("a ring needs at least 4 points (a closed triangle)");
      total += expected;
      if (total > kMaxOutlinePoints) return fail("more than " + std::to_string(kMaxOutlinePoints) + " points");
      rings.push_back({std::string(line.substr(0, space)), {}});
      continue;
    }
    if (expected == 0) return fail("a point outside a ring");
    GeoPoint p;
    const char* first = line.data();
    const char* last = line.data() + line.size();
    auto r = std::from_chars(first, last, p.lon);
    if (r.ec != std::errc() || r.ptr == last || *r.ptr != ' ') return fail("expected \"<lon> <lat>\"");
    r = std::from_chars(r.ptr + 1, last, p.lat);
    if (r.ec != std::errc() || r.ptr != last) return fail("expected \"<lon> <lat>\"");
    rings.back().points.push_back(p);
    if (--expected == 0) {
      const auto& pts = rings.back().points;
      if (pts.front().lon != pts.back().lon || pts.front().lat != pts.back().lat) return fail("the ring is not closed");
    }
  }
  if (expected != 0) return fail("the last ring lacks " + std::to_string(expected) + " points");
  if (rings.empty()) return fail("no rings");
  return rings;
}

int map_year(const model::Content& content) {
  int year = 0;
  for (const auto& area : content.areas) {
    for (const auto& c : area.categories) {
      if (on_a_list(c.category)) year = std::max(year, c.year);
    }
  }
  return year;
}

AreaMap lay_out_map(render::Canvas& canvas, const Theme& theme, const model::Content& content, const model::Area* own,
                    Rect box, const i18n::Language& lang) {
  AreaMap map;
  // Geography keeps its east on the right in every language: the map is laid out in the screen's
  // own pixels, wherever a right-to-left screen puts its box.
  box = canvas.on_screen(box);
  map.box = box;
  map.year = map_year(content);
  const Projection pr = fit(denmark_outline(), box, &map.inset);
  map.project = pr;
  for (const auto& ring : denmark_outline()) {
    std::vector<PointF> pixels;
    pixels.reserve(ring.points.size());
    for (const auto& p : ring.points) pixels.push_back(pr(p));
    map.land.push_back(std::move(pixels));
  }
  map.marker_radius = std::max(6, theme.body_px / 3);
  for (const auto& area : content.areas) {
    if (!area.position) continue;
    auto m = marker_for(area, map.year);
    if (!m && &area != own) continue;
    if (!m) m = MapMarker{&area, MapStatus::kLeft, model::Category::kNone, {}, false};
    m->at = onto_land(map.land, pr({area.position->lon, area.position->lat}), std::max(2, map.marker_radius / 2));
    m->own = &area == own;
    map.markers.push_back(*m);
  }
  map.groups = group_markers(map.markers, map.marker_radius);
  const auto finish = [&](MapGroup& g) {
    std::stable_sort(g.markers.begin(), g.markers.end(),
                     [&](std::size_t a, std::size_t b) { return importance(map.markers[a]) < importance(map.markers[b]); });
    g.at = map.markers[g.markers[0]].at;
    g.radius = g.markers.size() > 1 ? std::max(map.marker_radius * 3 / 2, theme.body_px * 3 / 4) : map.marker_radius;
    g.label = group_label(map.markers, g, lang);
  };
  for (auto& g : map.groups) finish(g);
  // A group's circle is larger than a marker, and the own area's ring larger still: groups whose
  // circles would touch become one, the more important one's, until none do.
  const int ring = std::max(2, map.marker_radius / 3);
  const auto reach = [&](const MapGroup& g) { return g.radius + (map.markers[g.markers[0]].own ? 3 * ring : 0); };
  for (bool merged = true; merged;) {
    merged = false;
    for (std::size_t a = 0; a < map.groups.size() && !merged; ++a) {
      for (std::size_t b = a + 1; b < map.groups.size() && !merged; ++b) {
        MapGroup& ga = map.groups[a];
        const MapGroup& gb = map.groups[b];
        if (std::hypot(ga.at.x - gb.at.x, ga.at.y - gb.at.y) >= reach(ga) + reach(gb) + ring) continue;
        ga.markers.insert(ga.markers.end(), gb.markers.begin(), gb.markers.end());
        finish(ga);
        map.groups.erase(map.groups.begin() + static_cast<long>(b));
        merged = true;
      }
    }
  }
  for (std::size_t i = 0; i < map.markers.size(); ++i) {  // each quiet dot alone, small
    if (map.markers[i].status != MapStatus::kLeft || map.markers[i].own) continue;
    MapGroup dot;
    dot.markers = {i};
    dot.at = map.markers[i].at;
    dot.radius = std::max(3, map.marker_radius / 2);
    map.groups.insert(map.groups.begin(), dot);
  }
  place_labels(canvas, theme, map);
  return map;
}

void draw_map(render::Canvas& canvas, const Theme& theme, const AreaMap& map) {
  const render::Canvas::KeepLeftToRight geography(canvas);
  canvas.fill_polygons(map.land, theme.colors.land);
  if (!map.inset.empty()) canvas.outline(map.inset, std::max(1, theme.gap / 8), theme.colors.rule);
  const int ring_w = std::max(2, map.marker_radius / 3);
  for (const auto& g : map.groups) {
    const MapMarker& lead = map.markers[g.markers[0]];
    if (lead.own) canvas.ring(g.at, g.radius + ring_w * 2, ring_w, theme.colors.accent);
    if (g.markers.size() > 1) {
      canvas.fill_circle(g.at, g.radius,
                         lead.status == MapStatus::kOnList ? category_color(theme, lead.category) : theme.colors.muted);
      render::TextStyle count{theme.body_px, render::Weight::kBold, theme.colors.background};
      count.align = render::Align::kCenter;
      count.max_lines = 1;
      const int h = canvas.line_height(count);
      canvas.text(std::to_string(g.markers.size()), {g.at.x - g.radius, g.at.y - h / 2, 2 * g.radius, h}, count);
    } else if (lead.status == MapStatus::kUnknown) {
      canvas.ring(g.at, g.radius, ring_w, theme.colors.muted);
    } else {
      canvas.fill_circle(g.at, g.radius, category_color(theme, lead.category));
    }
    if (!g.label_box.empty()) {
      render::TextStyle label = theme.body();
      label.max_lines = 1;
      if (lead.own) label.color = theme.colors.accent;
      canvas.text(g.label, g.label_box, label);
    }
  }
}

}  // namespace kiosk::slides
