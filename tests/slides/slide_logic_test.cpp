#include <catch2/catch.hpp>

#include "slides/results_slide.h"
#include "slides/timeline_slide.h"

using namespace kiosk::slides;
using kiosk::model::Milestone;
using kiosk::model::PartialDate;
using kiosk::model::Track;

TEST_CASE("the next milestone is the first not yet past", "[slides]") {
  const std::vector<Milestone> ms = {
      {"a", {2018}, Track::kBoth, "A", ""},
      {"b", {2021, 12, 1}, Track::kBoth, "B", ""},
      {"c", {2026}, Track::kBoth, "C", ""},
      {"d", {2029}, Track::kBoth, "D", ""},
  };
  CHECK(next_milestone(ms, {2021, 11, 30})->id == "b");
  CHECK(next_milestone(ms, {2021, 12, 1})->id == "b");  // on the day, it is still ahead
  CHECK(next_milestone(ms, {2021, 12, 2})->id == "c");
  CHECK(next_milestone(ms, {2026, 11, 27})->id == "c");  // "2026" lasts all year
  CHECK(next_milestone(ms, {2027, 1, 1})->id == "d");
  CHECK(next_milestone(ms, {2030, 1, 1}) == nullptr);
}

TEST_CASE("results are ordered newest first and keep feed order on ties", "[slides]") {
  std::vector<kiosk::model::Result> rs(3);
  rs[0].id = "old";
  rs[0].date = {2020};
  rs[1].id = "new-a";
  rs[1].date = {2024, 12, 1};
  rs[2].id = "new-b";
  rs[2].date = {2024, 12, 1};
  const auto sorted = newest_first(rs);
  REQUIRE(sorted.size() == 3);
  CHECK(sorted[0]->id == "new-a");
  CHECK(sorted[1]->id == "new-b");
  CHECK(sorted[2]->id == "old");
}
