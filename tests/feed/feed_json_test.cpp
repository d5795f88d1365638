#include <catch2/catch.hpp>
#include <algorithm>
#include <nlohmann/json.hpp>

#include "feed/feed_json.h"
#include "feed_json_support.h"
#include "test_support.h"

using kiosk::feed::parse_feed;
using kiosk::testing::default_json;
using kiosk::testing::error_of;
using nlohmann::json;

namespace {

std::string error_of_text(const std::string& text) {
  auto r = parse_feed(text);
  return r.ok() ? std::string("ok") : r.error().message;
}

}  // namespace

TEST_CASE("the built-in default feed parses and holds the seed's facts", "[feed]") {
  auto feed = parse_feed(kiosk::testing::default_feed_text());
  REQUIRE(feed.ok());
  const auto& c = feed->content;
  CHECK(c.areas.size() == 33);
  CHECK(c.national_counts.size() == 7);
  // The seed's figures: 40 / 28 / 15 per 1 December 2019.
  const auto it = std::find_if(c.national_counts.begin(), c.national_counts.end(),
                               [](const auto& n) { return n.date == kiosk::model::PartialDate{2019, 12, 1}; });
  REQUIRE(it != c.national_counts.end());
  CHECK(it->udsatte == 40);
  CHECK(it->parallelsamfund == 28);
  CHECK(it->omdannelse == 15);
  CHECK(std::any_of(c.areas.begin(), c.areas.end(), [](const auto& a) { return a.id == "vollsmose" && a.name == "Vollsmose"; }));
  CHECK(c.milestones.front().when.year == 2018);
  CHECK(c.milestones.back().when.year == 2029);
  CHECK_FALSE(c.results.empty());
}

TEST_CASE("to_json and parse_feed round-trip", "[feed]") {
  auto feed = parse_feed(kiosk::testing::default_feed_text());
  REQUIRE(feed.ok());
  auto again = parse_feed(kiosk::feed::to_json(*feed));
  REQUIRE(again.ok());
  CHECK(*again == *feed);
}

TEST_CASE("position.approximate and the words not_parallelsamfund and unknown are read and written back", "[feed]") {
  json j = default_json();
  auto& area = j["content"]["areas"][0];
  area["position"] = {{"lat", 55.68}, {"lon", 12.57}, {"approximate", true}};
  area["categories"] = json::array({{{"year", 2023}, {"category", "not_parallelsamfund"}}, {{"year", 2024}, {"category", "unknown"}}});
  auto feed = parse_feed(j.dump());
  REQUIRE(feed.ok());
  const auto& a = feed->content.areas[0];
  REQUIRE(a.position.has_value());
  CHECK(a.position->approximate);
  REQUIRE(a.categories.size() == 2);
  CHECK(a.categories[0].category == kiosk::model::Category::kNotParallelsamfund);
  CHECK(a.categories[1].category == kiosk::model::Category::kUnknown);
  const std::string text = kiosk::feed::to_json(*feed);
  const json back = json::parse(text);
  CHECK(back["content"]["areas"][0]["position"]["approximate"] == true);
  CHECK(back["content"]["areas"][0]["categories"][0]["category"] == "not_parallelsamfund");
  CHECK(back["content"]["areas"][0]["categories"][1]["category"] == "unknown");
  CHECK(*parse_feed(text) == *feed);
}

TEST_CASE("a feed written before approximate existed reads as before: exact positions, and written back without the field", "[feed]") {
  json j = default_json();
  for (auto& area : j["content"]["areas"]) area["position"].erase("approximate");
  auto feed = parse_feed(j.dump());
  REQUIRE(feed.ok());
  for (const auto& a : feed->content.areas) {
    INFO(a.id);
    REQUIRE(a.position.has_value());
    CHECK_FALSE(a.position->approximate);
  }
  CHECK(kiosk::feed::to_json(*feed).find("approximate") == std::string::npos);
}

TEST_CASE("position.approximate must be true or false", "[feed]") {
  json j = default_json();
  j["content"]["areas"][2]["position"]["approximate"] = "yes";
  CHECK_THAT(error_of(j), Catch::Contains("content.areas[2].position.approximate: must be true or false, not a string"));
  j["content"]["areas"][2]["position"]["approximate"] = 1;
  CHECK_THAT(error_of(j), Catch::Contains("content.areas[2].position.approximate: must be true or false, not an integer"));
}

TEST_CASE("timestamps are strict RFC 3339 UTC", "[feed]") {
  CHECK(*kiosk::feed::parse_timestamp("1970-01-01T00:00:00Z") == 0);
  CHECK(*kiosk::feed::parse_timestamp("2019-12-01T00:00:00Z") == 1575158400);
  CHECK(kiosk::feed::format_timestamp(1575158400) == "2019-12-01T00:00:00Z");
  CHECK(*kiosk::feed::parse_timestamp("2024-02-29T23:59:59Z") == 1709251199);
  CHECK(*kiosk::feed::parse_timestamp("2000-02-29T00:00:00Z") == 951782400);
  for (const char* bad : {"2019-12-01", "2019-12-01T00:00:00", "2019-12-01T00:00:00+01:00", "2023-02-29T00:00:00Z",
                          "2100-02-29T00:00:00Z", "2019-04-31T00:00:00Z",
                          "2019-12-01T24:00:00Z", "2019-12-01 00:00:00Z"}) {
    INFO(bad);
    CHECK_FALSE(kiosk::feed::parse_timestamp(bad).ok());
  }
}

TEST_CASE("bad feeds are refused with the path of the problem", "[feed]") {
  json j = default_json();
  SECTION("malformed JSON names line and column") {
    CHECK_THAT(error_of_text("{\n  \"format\": 1,\n  \"version\": ,\n}"), Catch::Contains("not valid JSON: parse error at line 3, column"));
    CHECK_THAT(error_of_text(""), Catch::Contains("not valid JSON"));
  }
  SECTION("a number too large for a double is refused, not thrown (found by fuzzing)") {
    CHECK_THAT(error_of_text("77777e7777"), Catch::Contains("not valid JSON: number overflow"));
    CHECK_THAT(error_of_text("{\"format\": 1e999}"), Catch::Contains("not valid JSON"));
  }
  SECTION("invalid UTF-8 inside a string") {
    std::string text = kiosk::testing::default_feed_text();
    const auto pos = text.find("Vollsmose");
    REQUIRE(pos != std::string::npos);
    text[pos + 1] = '\xC3';
    CHECK_THAT(error_of_text(text), Catch::Contains("not valid JSON") || Catch::Contains("UTF-8"));
  }
  SECTION("every problem at once, the first 20 of a flood and how many more") {
    const std::size_t areas = j["content"]["areas"].size();
    for (std::size_t i = 0; i < areas; ++i) {  // two problems in each area
      j["content"]["areas"][i]["kommune"] = 7;
      j["content"]["areas"][i]["kommunen"] = "x";
    }
    REQUIRE(2 * areas > 20);
    const std::string m = error_of(j);
    CHECK_THAT(m, Catch::StartsWith("feed is invalid:\n  content.areas[0].kommune: must be a string, not an integer"));
    CHECK_THAT(m, Catch::EndsWith("\n  ... and " + std::to_string(2 * areas - 20) + " more"));
    CHECK(std::count(m.begin(), m.end(), '\n') == 21);
  }
  SECTION("wrong type") {
    j["content"]["results"][1]["title"] = 42;
    CHECK_THAT(error_of(j), Catch::Contains("content.results[1].title: must be a string, not an integer"));
  }
  SECTION("missing field") {
    j["content"]["areas"][3].erase("kommune");
    CHECK_THAT(error_of(j), Catch::Contains("content.areas[3].kommune: is missing"));
  }
  SECTION("unknown field") {
    j["content"]["milestones"][0]["titel"] = "x";
    CHECK_THAT(error_of(j), Catch::Contains("content.milestones[0].titel: is not a field of this object"));
  }
  SECTION("unknown enum value") {
    j["content"]["milestones"][2]["track"] = "economic";
    CHECK_THAT(error_of(j), Catch::Contains("content.milestones[2].track: 'economic' is not one of physical, social, both"));
    j = default_json();
    j["content"]["areas"][0]["categories"][0]["category"] = "ghetto";
    CHECK_THAT(error_of(j), Catch::Contains("content.areas[0].categories[0].category: 'ghetto' is not one of"));
  }
  SECTION("duplicate ids") {
    j["content"]["results"].push_back(j["content"]["results"][0]);
    CHECK_THAT(error_of(j), Catch::Contains("duplicate id"));
  }
  SECTION("over-long strings") {
    j["content"]["results"][3]["title"] = std::string(500, 'x');
    CHECK_THAT(error_of(j), Catch::Contains("content.results[3].title: is longer than 120 characters (500)"));
  }
  SECTION("unsupported format") {
    j["format"] = 2;
    CHECK_THAT(error_of(j), Catch::Contains("feed format 2 is not supported"));
  }
  SECTION("negative or fractional version") {
    j["version"] = -1;
    CHECK_THAT(error_of(j), Catch::Contains("version: must be a non-negative integer"));
    j["version"] = 1.5;
    CHECK_THAT(error_of(j), Catch::Contains("version: must be a non-negative integer, not a decimal number"));
  }
  SECTION("bad dates") {
    j["content"]["milestones"][0]["when"] = "2019-13";
    CHECK_THAT(error_of(j), Catch::Contains("content.milestones[0].when: '2019-13'"));
    j = default_json();
    j["expires"] = "next year";
    CHECK_THAT(error_of(j), Catch::Contains("expires: 'next year' is not a UTC time"));
  }
  SECTION("not an object at the top") {
    CHECK_THAT(error_of(json::array()), Catch::Contains("(top level): must be an object, not an array"));
  }
  SECTION("too large") {
    CHECK_THAT(error_of_text(std::string(kiosk::feed::kMaxManifestBytes + 1, ' ')), Catch::Contains("larger than the limit"));
  }
}
