// The built-in default content against the domain's table of the lists 2018-2024: the national totals
// per year, the areas the evaluation follows, every year stated and every position in Denmark.
#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <set>

#include "feed/feed_json.h"
#include "model/validate.h"
#include "test_support.h"

using kiosk::model::Category;

namespace {

kiosk::model::Content default_content() {
  auto feed = kiosk::feed::parse_feed(kiosk::testing::default_feed_text());
  REQUIRE(feed.ok());
  return feed->content;
}

}  // namespace

TEST_CASE("the default content's areas on each list add up to the published totals of 2018-2023", "[feed][content]") {
  // On the ghetto/parallelsamfund list (P and H), and of those hårde ghettoområder/omdannelsesområder (H).
  const std::map<int, std::pair<int, int>> totals = {
      {2018, {29, 15}}, {2019, {28, 15}}, {2020, {15, 13}}, {2021, {12, 10}}, {2022, {10, 9}}, {2023, {12, 8}}};
  const auto content = default_content();
  for (const auto& [year, expected] : totals) {
    int listed = 0, omdannelse = 0;
    for (const auto& area : content.areas) {
      for (const auto& cy : area.categories) {
        if (cy.year != year) continue;
        listed += cy.category == Category::kParallelsamfund || cy.category == Category::kOmdannelse;
        omdannelse += cy.category == Category::kOmdannelse;
      }
    }
    INFO(year);
    CHECK(listed == expected.first);
    CHECK(omdannelse == expected.second);
    // and the national counts say the same
    const auto n = std::find_if(content.national_counts.begin(), content.national_counts.end(),
                                [&](const auto& c) { return c.date.year == year; });
    REQUIRE(n != content.national_counts.end());
    CHECK(n->parallelsamfund == expected.first);
    CHECK(n->omdannelse == expected.second);
  }
}

TEST_CASE("2024 is stated only where known: the eight omdannelsesområder of 2023 are not known", "[feed][content]") {
  const auto content = default_content();
  std::set<std::string> unknown_2024, omdannelse_2023;
  for (const auto& area : content.areas) {
    for (const auto& cy : area.categories) {
      if (cy.year == 2024 && cy.category == Category::kUnknown) unknown_2024.insert(area.id);
      if (cy.year == 2023 && cy.category == Category::kOmdannelse) omdannelse_2023.insert(area.id);
    }
  }
  CHECK(omdannelse_2023.size() == 8);
  for (const auto& id : omdannelse_2023) {
    INFO(id);
    CHECK(unknown_2024.count(id) == 1);
  }
}

TEST_CASE("the default content keeps the 15 areas the evaluation follows and states every year 2018-2024 for every area", "[feed][content]") {
  const auto content = default_content();
  const std::vector<std::string> followed = {
      "mjoelnerparken", "tingbjerg-utterslevhuse", "taastrupgaard", "gadehavegaard", "agervang",
      "ringparken",     "motalavej",               "vollsmose",     "stengaardsvej", "sundparken",
      "munkebo",        "skovvejen-skovparken",    "finlandsparken", "bispehaven",   "gellerupparken-toveshoej"};
  REQUIRE(content.areas.size() >= followed.size());
  for (std::size_t i = 0; i < followed.size(); ++i) CHECK(content.areas[i].id == followed[i]);
  for (const auto& area : content.areas) {
    INFO(area.id);
    std::vector<int> years;
    for (const auto& cy : area.categories) years.push_back(cy.year);
    CHECK(years == std::vector<int>{2018, 2019, 2020, 2021, 2022, 2023, 2024});
    REQUIRE(area.position.has_value());
    CHECK(kiosk::model::in_denmark(*area.position));
    CHECK(area.position->approximate);
    CHECK_FALSE(area.note.empty());
  }
}
