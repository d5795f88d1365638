// "translations" in feed.json: read and written on areas, criteria, milestones, results and charts,
// left out when there are none, so a feed without them keeps its bytes.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "feed/feed_json.h"
#include "model/translations.h"
#include "feed_json_support.h"
#include "test_support.h"

using kiosk::feed::parse_feed;
using kiosk::testing::default_json;
using kiosk::testing::error_of;
using nlohmann::json;

namespace {

// The result translated_json() translates: the default feed's first with a chart.
std::string charted_result_id() {
  const json j = default_json();
  for (const auto& r : j["content"]["results"]) {
    if (r.contains("series")) return r["id"];
  }
  return {};
}

// The default feed with a translation on each kind of object that takes one (replacing those the
// default content has there).
json translated_json() {
  json j = default_json();
  auto& c = j["content"];
  c["areas"][0]["note"] = "Tal fra kommunen";
  c["areas"][0]["translations"] = {{"en", {{"note", "Figures from the municipality"}}}};
  c["criteria"][0]["translations"] = {{"ar", {{"title", "التوظيف"}}}, {"so", {{"title", "Shaqo"}}}};
  c["milestones"][0]["translations"] = {{"tr", {{"title", "Değerlendirme başlıyor"}}}};
  for (auto& r : c["results"]) {
    if (r["id"] != charted_result_id()) continue;
    r["translations"] = {{"ar", {{"title", "تقرير"}, {"summary", "ملخص"}}}};
    r["series"]["unit"] = "områder";
    r["series"]["translations"] = {{"ur", {{"unit", "علاقے"}}}};
  }
  return j;
}

}  // namespace

TEST_CASE("translations are read on each kind of object and written back to the same feed", "[feed][translations]") {
  auto feed = parse_feed(translated_json().dump());
  REQUIRE(feed.ok());
  const auto& c = feed->content;
  CHECK(c.areas[0].translations.at("en").at("note") == "Figures from the municipality");
  CHECK(c.criteria[0].translations.at("ar").at("title") == "التوظيف");
  CHECK(c.criteria[0].translations.at("so").at("title") == "Shaqo");
  CHECK(c.milestones[0].translations.at("tr").at("title") == "Değerlendirme başlıyor");
  const std::string id = charted_result_id();
  const auto r = std::find_if(c.results.begin(), c.results.end(), [&](const auto& x) { return x.id == id; });
  REQUIRE(r != c.results.end());
  CHECK(r->translations.at("ar").at("summary") == "ملخص");
  REQUIRE(r->series);
  CHECK(r->series->translations.at("ur").at("unit") == "علاقے");

  const std::string text = kiosk::feed::to_json(*feed);
  auto again = parse_feed(text);
  REQUIRE(again.ok());
  CHECK(*again == *feed);
  CHECK(kiosk::feed::to_json(*again) == text);
  CHECK(json::parse(text)["content"]["milestones"][0]["translations"] == translated_json()["content"]["milestones"][0]["translations"]);
}

TEST_CASE("a feed without translations is written byte for byte as before, with no translations key", "[feed][translations]") {
  // The default content as this format's writer wrote it before translations existed.
  const std::string before = kiosk::testing::read_file(std::string(KIOSK_SOURCE_DIR) + "/tests/feed/data/default-feed-written-before-translations.json");
  REQUIRE_FALSE(before.empty());
  auto feed = parse_feed(before);
  REQUIRE(feed.ok());
  CHECK_FALSE(kiosk::model::has_translations(feed->content));
  CHECK(kiosk::feed::to_json(*feed) == before);
  CHECK(before.find("translations") == std::string::npos);
}

TEST_CASE("bad translations are refused with their path", "[feed][translations]") {
  json j = translated_json();
  auto& c = j["content"];
  SECTION("not an object") {
    c["milestones"][0]["translations"] = json::array();
    CHECK_THAT(error_of(j), Catch::Contains("content.milestones[0].translations: must be an object, not an array"));
  }
  SECTION("a language that is not an object") {
    c["milestones"][0]["translations"]["tr"] = "Değerlendirme";
    CHECK_THAT(error_of(j), Catch::Contains("content.milestones[0].translations.tr: must be an object, not a string"));
  }
  SECTION("a text that is not a string") {
    c["criteria"][0]["translations"]["ar"]["title"] = 3;
    CHECK_THAT(error_of(j), Catch::Contains("content.criteria[0].translations.ar.title: must be a string, not an integer"));
  }
  SECTION("an unknown language, Danish, a field that is not translated, an empty text") {
    c["milestones"][0]["translations"]["arb"] = {{"title", "x"}};
    c["criteria"][0]["translations"]["da"] = {{"title", "Beskæftigelse"}};
    c["areas"][0]["translations"]["en"]["name"] = "Fullsmose";
    c["milestones"][1]["translations"] = {{"fa", {{"title", ""}}}};
    const std::string m = error_of(j);
    CHECK_THAT(m, Catch::Contains("content.milestones[0].translations.arb: 'arb' is not a language of this program"));
    CHECK_THAT(m, Catch::Contains("content.criteria[0].translations.da: Danish is the text itself"));
    CHECK_THAT(m, Catch::Contains("content.areas[0].translations.en.name: 'name' is not a translatable text here (note)"));
    CHECK_THAT(m, Catch::Contains("content.milestones[1].translations.fa.title: must not be empty"));
  }
}
