#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "model/validate.h"

using namespace kiosk::model;

namespace {

Feed small_feed() {
  Feed f;
  f.version = 7;
  f.issued = 1'700'000'000;
  f.expires = 1'800'000'000;
  f.content.areas = {{"vollsmose", "Vollsmose", "Odense", {{2018, Category::kOmdannelse}, {2019, Category::kOmdannelse}}, GeoPosition{55.409, 10.43}, ""}};
  f.content.national_counts = {{{2019, 12, 1}, 40, 28, 15, std::nullopt}, {{2021, 12, 1}, 20, 12, 10, 62}};
  f.content.criteria = {{"beskaeftigelse", "Beskæftigelse", "Over 40 procent ..."}};
  f.content.milestones = {{"start", {2018}, Track::kBoth, "Evalueringen påbegyndes", ""}};
  Result r;
  r.id = "rapport";
  r.date = {2020};
  r.title = "Rapport";
  r.summary = "Resumé";
  r.publisher = "SBi";
  r.area_ids = {"vollsmose"};
  r.series = Series{"Udsatte", "områder", ChartKind::kBar, {{"2018", 43}, {"2019", 40}}};
  f.content.results = {r};
  return f;
}

std::string message_of(const Feed& f) {
  auto s = validate(f);
  return s.ok() ? std::string("ok") : s.error().message;
}

}  // namespace

TEST_CASE("a well-formed feed validates", "[model]") { CHECK(validate(small_feed()).ok()); }

TEST_CASE("each broken rule is reported with its path", "[model]") {
  Feed f = small_feed();
  SECTION("duplicate ids") {
    f.content.criteria.push_back(f.content.criteria[0]);
    CHECK_THAT(message_of(f), Catch::Contains("content.criteria[1].id: duplicate id 'beskaeftigelse'"));
  }
  SECTION("over-long title, counted in characters not bytes") {
    f.content.results[0].title = std::string(120, 'a');
    CHECK(validate(f).ok());
    std::string danish;
    for (int i = 0; i < 121; ++i) danish += "ø";
    f.content.results[0].title = danish;
    CHECK_THAT(message_of(f), Catch::Contains("content.results[0].title: is longer than 120 characters (121)"));
  }
  SECTION("invalid UTF-8") {
    f.content.areas[0].name = "Voll\xC3smose";
    CHECK_THAT(message_of(f), Catch::Contains("content.areas[0].name: is not valid UTF-8"));
  }
  SECTION("control characters") {
    f.content.milestones[0].title = "a\tb";
    CHECK_THAT(message_of(f), Catch::Contains("content.milestones[0].title: contains a control character"));
    f.content.milestones[0].title = "ok";
    f.content.milestones[0].text = "line one\nline two";
    CHECK(validate(f).ok());
  }
  SECTION("unknown area reference") {
    f.content.results[0].area_ids = {"gellerup"};
    CHECK_THAT(message_of(f), Catch::Contains("content.results[0].areas[0]: 'gellerup' is not an area of this feed"));
  }
  SECTION("image must be a listed asset") {
    f.content.results[0].image = std::string(64, 'a');
    CHECK_THAT(message_of(f), Catch::Contains("content.results[0].image: names an asset that is not in the feed's assets"));
    f.assets = {{std::string(64, 'a'), 1000, "image/png"}};
    CHECK(validate(f).ok());
  }
  SECTION("links are http(s) only") {
    f.content.results[0].link = "javascript:alert(1)";
    CHECK_THAT(message_of(f), Catch::Contains("content.results[0].link"));
    f.content.results[0].link = "https://udsatteområder.dk/";
    CHECK_THAT(message_of(f), Catch::Contains("content.results[0].link"));
    f.content.results[0].link = "https://example.org/rapport.pdf";
    CHECK(validate(f).ok());
  }
  SECTION("national counts nest and are in date order") {
    f.content.national_counts[0].parallelsamfund = 41;
    CHECK_THAT(message_of(f), Catch::Contains("content.national_counts[0].parallelsamfund: is larger than udsatte"));
    f.content.national_counts[0].parallelsamfund = 28;
    std::swap(f.content.national_counts[0], f.content.national_counts[1]);
    CHECK_THAT(message_of(f), Catch::Contains("content.national_counts[1].date: is not after"));
  }
  SECTION("category years ascend") {
    f.content.areas[0].categories = {{2019, Category::kUdsat}, {2018, Category::kUdsat}};
    CHECK_THAT(message_of(f), Catch::Contains("content.areas[0].categories[1].year"));
  }
  SECTION("series need finite values and at least one point") {
    f.content.results[0].series->points[1].value = std::numeric_limits<double>::infinity();
    CHECK_THAT(message_of(f), Catch::Contains("content.results[0].series.points[1].value"));
    f.content.results[0].series->points.clear();
    CHECK_THAT(message_of(f), Catch::Contains("content.results[0].series.points: must have at least one point"));
  }
  SECTION("expiry after issue, version at least 1") {
    f.expires = f.issued;
    f.version = 0;
    const std::string m = message_of(f);
    CHECK_THAT(m, Catch::Contains("expires: is not after issued"));
    CHECK_THAT(m, Catch::Contains("version: must be at least 1"));
  }
  SECTION("too many items") {
    f.content.criteria.resize(Limits::kCriteria + 1, f.content.criteria[0]);
    CHECK_THAT(message_of(f), Catch::Contains("content.criteria: has 21 items, at most 20 allowed"));
  }
}

TEST_CASE("a flood of problems is reported in bounded form", "[model]") {
  Feed f = small_feed();
  f.content.milestones.assign(150, f.content.milestones[0]);
  const std::string m = message_of(f);
  CHECK_THAT(m, Catch::Contains("... and "));
  CHECK(std::count(m.begin(), m.end(), '\n') <= 21);
}

TEST_CASE("a feed's ids follow the one id rule, the same as kiosk.toml's area", "[model]") {
  Feed f = small_feed();
  for (const std::string& id : std::vector<std::string>{"rapport-2020", "r", std::string(64, 'a')}) {
    f.content.results[0].id = id;
    CHECK(message_of(f) == "ok");
  }
  for (const std::string& id : std::vector<std::string>{"Rapport", "rapport_2020", "", std::string(65, 'a')}) {
    f.content.results[0].id = id;
    CHECK_THAT(message_of(f), Catch::Contains("content.results[0].id: '" + id + "' is not an id (1-64 characters of a-z, 0-9 and -)"));
  }
}
