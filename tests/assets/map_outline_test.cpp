// assets/map/denmark-outline.txt, the outline the map slide draws: read with the map's parser (the
// format its header documents), then checked for form (closed rings, enough points, the
// point budget) and for geography (inside Denmark's box, Bornholm drawn, the main islands where they
// are). That regenerating it gives the same bytes is the ctest map_outline_regenerates.
#include <catch2/catch.hpp>

#include <set>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "slides/area_map.h"
#include "test_support.h"

namespace {

using Point = kiosk::slides::GeoPoint;
using Ring = kiosk::slides::OutlineRing;

std::set<std::pair<double, double>> distinct(const Ring& ring) {
  std::set<std::pair<double, double>> set;
  for (const Point& p : ring.points) set.insert({p.lon, p.lat});
  return set;
}

std::vector<Ring> parse(const std::string& text) {
  auto rings = kiosk::slides::parse_outline(text);
  if (!rings) throw std::runtime_error(rings.error().message);
  return *rings;
}

std::vector<Ring> outline() {
  return parse(kiosk::testing::read_file(kiosk::testing::source_path("assets/map/denmark-outline.txt")));
}

// Even-odd rule: a ray from p to the east crosses the ring's edges an odd number of times.
bool contains(const Ring& ring, Point p) {
  bool inside = false;
  const auto& v = ring.points;
  for (std::size_t i = 0, j = v.size() - 1; i < v.size(); j = i++) {
    if ((v[i].lat > p.lat) != (v[j].lat > p.lat) &&
        p.lon < v[j].lon + (p.lat - v[j].lat) * (v[i].lon - v[j].lon) / (v[i].lat - v[j].lat)) {
      inside = !inside;
    }
  }
  return inside;
}

// The names of the rings that contain p.
std::vector<std::string> rings_containing(const std::vector<Ring>& rings, Point p) {
  std::vector<std::string> names;
  for (const Ring& ring : rings) {
    if (contains(ring, p)) names.push_back(ring.name);
  }
  return names;
}

}  // namespace

TEST_CASE("the map outline's parser refuses a short ring, an open one and a stray line, naming the line", "[assets]") {
  CHECK(parse("# c\nring a 4\n1 2\n3 4\n3 2\n1 2\n").size() == 1);
  CHECK_THROWS_WITH(parse("ring a 4\n1 2\n3 4\n1 2\n"), Catch::Contains("lacks 1 points"));
  CHECK_THROWS_WITH(parse("ring a 4\n1 2\n3 4 5\n"), Catch::Contains("line 3: expected"));
  CHECK_THROWS_WITH(parse("ring a 4\n1 2\n3 4\n3 2\n1 3\n"), Catch::Contains("line 5: the ring is not closed"));
  CHECK_THROWS_WITH(parse("ring a 3\n1 2\n3 4\n1 2\n"), Catch::Contains("line 1: a ring needs at least 4"));
  CHECK_THROWS_WITH(parse("1 2\n"), Catch::Contains("line 1: a point outside a ring"));
  CHECK_THROWS_WITH(parse("# only words\n"), Catch::Contains("no rings"));
}

TEST_CASE("the outline built into the program is the asset's", "[assets]") {
  const auto asset = outline();
  const auto& built_in = kiosk::slides::denmark_outline();
  REQUIRE(built_in.size() == asset.size());
  for (std::size_t i = 0; i < asset.size(); ++i) {
    CHECK(built_in[i].name == asset[i].name);
    CHECK(distinct(built_in[i]) == distinct(asset[i]));
  }
}

TEST_CASE("every ring of the map outline is closed and has at least 3 distinct points", "[assets]") {
  const auto rings = outline();
  REQUIRE(rings.size() >= 12);
  for (const Ring& ring : rings) {
    INFO("ring " << ring.name);
    REQUIRE(ring.points.size() >= 4);
    CHECK(ring.points.front().lon == ring.points.back().lon);
    CHECK(ring.points.front().lat == ring.points.back().lat);
    CHECK(distinct(ring).size() >= 3);
  }
}

TEST_CASE("the map outline stays within its budget of 3000 points", "[assets]") {
  std::size_t total = 0;
  for (const Ring& ring : outline()) total += ring.points.size();
  CHECK(total > 0);
  CHECK(total <= 3000);
}

TEST_CASE("every point of the map outline lies in Denmark's bounding box", "[assets]") {
  for (const Ring& ring : outline()) {
    for (const Point& p : ring.points) {
      INFO("ring " << ring.name << " point " << p.lon << " " << p.lat);
      CHECK(p.lat >= 54.5);
      CHECK(p.lat <= 57.8);
      CHECK(p.lon >= 8.0);
      CHECK(p.lon <= 15.2);
    }
  }
}

TEST_CASE("the map outline draws Bornholm, east of 14.6 E", "[assets]") {
  std::vector<std::string> east_rings;
  for (const Ring& ring : outline()) {
    bool east = true;
    for (const Point& p : ring.points) east = east && p.lon > 14.6;
    if (east && contains(ring, {14.92, 55.13})) east_rings.push_back(ring.name);
  }
  CHECK(east_rings == std::vector<std::string>{"bornholm"});
}

TEST_CASE("Odense lies on Funen, Copenhagen on Zealand, west of Aarhus on Jutland", "[assets]") {
  const auto rings = outline();
  CHECK(rings_containing(rings, {10.38, 55.40}) == std::vector<std::string>{"funen"});
  CHECK(rings_containing(rings, {12.45, 55.68}) == std::vector<std::string>{"zealand"});
  CHECK(rings_containing(rings, {10.10, 56.15}) == std::vector<std::string>{"jutland"});
  // And the sea between them is not land: the Great Belt and the Kattegat off Aarhus.
  CHECK(rings_containing(rings, {10.95, 55.35}).empty());
  CHECK(rings_containing(rings, {10.60, 56.05}).empty());
}
