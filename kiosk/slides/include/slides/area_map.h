// The map of the areas: Denmark's outline (built into the program from assets/map/), projected into a
// box on the screen, with one marker per area and where each marker's label goes. The map slide and
// the touch map draw from the same layout.
//
// Projection: equirectangular about 56° N (x = longitude × cos 56°, y = latitude), the scale
// chosen so that the country (without Bornholm) fills the box. Denmark spans 3.3° of latitude, so
// distances are right to within 3 % anywhere on the map. Bornholm is drawn at the same scale in a
// framed inset in the map's upper right corner (the sea north of Zealand), as Danish maps do.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "i18n/language.h"
#include "model/content.h"
#include "platform/result.h"
#include "render/canvas.h"
#include "slides/theme.h"

namespace kiosk::slides {

struct GeoPoint {
  double lon = 0;
  double lat = 0;
};

struct OutlineRing {
  std::string name;  // "jutland", "bornholm", ...
  std::vector<GeoPoint> points;  // closed: the last point is the first
};

// The outline file's format (assets/map/denmark-outline.txt): '#' comment lines, then rings, each a
// line "ring <name> <n>" and n lines "<lon> <lat>". Errors name the line.
Result<std::vector<OutlineRing>> parse_outline(std::string_view text);

// Denmark, as assets/map/denmark-outline.txt held when the program was built.
const std::vector<OutlineRing>& denmark_outline();

// Where an area stands on the map's list year.
enum class MapStatus {
  kOnList,    // on one of the lists that year: a marker in the category's colour
  kUnknown,   // not known that year ("ikke oplyst"): a hollow marker
  kLeft,      // was on the ghetto/parallelsamfund list before, not this year: a small quiet dot
};

struct MapMarker {
  const model::Area* area = nullptr;
  MapStatus status = MapStatus::kLeft;
  model::Category category = model::Category::kNone;  // in the map's year
  render::Point at;  // pixel centre
  bool own = false;  // the kiosk's own area: ringed and named
};

// Markers that would touch are one group: one circle with how many there are.
struct MapGroup {
  std::vector<std::size_t> markers;  // indexes into AreaMap::markers, most important first
  render::Point at;
  int radius = 0;
  std::string label;  // the area's name, or the kommune and a count for a group
  render::Rect label_box;  // empty when the label did not fit without overlapping
};

struct AreaMap {
  render::Rect box;       // what the map takes
  render::Rect inset;     // Bornholm's frame
  int year = 0;           // the list year shown
  int marker_radius = 0;
  std::vector<std::vector<render::PointF>> land;  // denmark_outline()'s rings in pixels, in its order
  std::function<render::PointF(GeoPoint)> project;  // where a place is drawn (Bornholm's in the inset)
  std::vector<MapMarker> markers;
  std::vector<MapGroup> groups;
};

// The list year the map shows: the latest year for which the content states at least one area's
// place on a list. 0 when no area has one.
int map_year(const model::Content& content);

// Lays the map out in `box`: the outline, a marker per area with a position, markers grouped where
// they would touch, and labels where they fit without overlapping (the own area's first, then the
// groups and areas on the list). Label text is measured with `canvas` in body size; a group's label
// is worded in `lang` ("Høje-Taastrup og omegn").
AreaMap lay_out_map(render::Canvas& canvas, const Theme& theme, const model::Content& content,
                    const model::Area* own, render::Rect box, const i18n::Language& lang = i18n::danish());

// Draws the land, the inset frame, the markers and the labels.
void draw_map(render::Canvas& canvas, const Theme& theme, const AreaMap& map);

}  // namespace kiosk::slides
