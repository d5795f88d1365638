// "notices", "events" and a result's "show_from"/"show_until" in feed.json: read, checked and written
// back; left out when there are none, so a feed without them keeps its bytes.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "feed/feed_json.h"
#include "feed_json_support.h"
#include "test_support.h"

using kiosk::feed::parse_feed;
using kiosk::testing::default_json;
using kiosk::testing::error_of;
using nlohmann::json;

namespace {

// The default feed with an urgent and an info notice, two events and a result on a schedule.
json scheduled_json() {
  json j = default_json();
  auto& c = j["content"];
  const std::string area = c["areas"][0]["id"];
  c["notices"] = json::array({
      {{"id", "varme"}, {"level", "urgent"}, {"title", "Varmen er afbrudt i blok 3"}, {"text", "Fra kl. 9 til kl. 15."},
       {"show_from", "2026-12-01T08:00:00Z"}, {"show_until", "2026-12-01T14:00:00Z"}, {"areas", {area}},
       {"translations", {{"ar", {{"title", "انقطاع التدفئة"}}}}}},
      {{"id", "moede"}, {"level", "info"}, {"title", "Beboermøde torsdag kl. 19"}, {"show_until", "2026-12-03T20:00:00Z"}},
  });
  c["events"] = json::array({
      {{"id", "julefest"}, {"title", "Julefest"}, {"starts", "2026-12-12T14:00:00Z"}, {"ends", "2026-12-12T18:00:00Z"},
       {"place", "Beboerhuset"}, {"text", "Med æbleskiver."}, {"areas", {area}},
       {"translations", {{"en", {{"title", "Christmas party"}}}}}},
      {{"id", "cafe"}, {"title", "Café"}, {"starts", "2026-12-02T13:00:00Z"}},
  });
  c["results"][0]["show_from"] = "2026-12-01T00:00:00Z";
  c["results"][1]["show_until"] = "2027-01-01T00:00:00Z";
  return j;
}

}  // namespace

TEST_CASE("notices, events and time windows are read and written back to the same feed", "[feed][notices]") {
  auto feed = parse_feed(scheduled_json().dump());
  REQUIRE(feed.ok());
  const auto& c = feed->content;
  REQUIRE(c.notices.size() == 2);
  CHECK(c.notices[0].level == kiosk::model::NoticeLevel::kUrgent);
  CHECK(c.notices[0].title == "Varmen er afbrudt i blok 3");
  CHECK(c.notices[0].show_from == kiosk::feed::parse_timestamp("2026-12-01T08:00:00Z").value());
  CHECK(c.notices[0].show_until == kiosk::feed::parse_timestamp("2026-12-01T14:00:00Z").value());
  CHECK(c.notices[0].area_ids == std::vector<std::string>{c.areas[0].id});
  CHECK(c.notices[0].translations.at("ar").at("title") == "انقطاع التدفئة");
  CHECK(c.notices[1].level == kiosk::model::NoticeLevel::kInfo);
  CHECK_FALSE(c.notices[1].show_from.has_value());
  REQUIRE(c.events.size() == 2);
  CHECK(c.events[0].place == "Beboerhuset");
  CHECK(c.events[0].ends.has_value());
  CHECK_FALSE(c.events[1].ends.has_value());
  CHECK(c.events[0].translations.at("en").at("title") == "Christmas party");
  CHECK(c.results[0].show_from.has_value());
  CHECK_FALSE(c.results[0].show_until.has_value());
  CHECK(c.results[1].show_until.has_value());
  auto again = parse_feed(kiosk::feed::to_json(*feed));
  REQUIRE(again.ok());
  CHECK(*again == *feed);
}

TEST_CASE("a feed without notices, events or time windows is written without the fields", "[feed][notices]") {
  auto feed = parse_feed(kiosk::testing::default_feed_text());
  REQUIRE(feed.ok());
  const json written = json::parse(kiosk::feed::to_json(*feed));
  CHECK_FALSE(written["content"].contains("notices"));
  CHECK_FALSE(written["content"].contains("events"));
  for (const auto& r : written["content"]["results"]) {
    CHECK_FALSE(r.contains("show_from"));
    CHECK_FALSE(r.contains("show_until"));
  }
}

TEST_CASE("a notice or event that breaks the rules is refused naming the field", "[feed][notices]") {
  json j = scheduled_json();
  auto& n = j["content"]["notices"];
  auto& e = j["content"]["events"];
  SECTION("an end before the start") {
    n[0]["show_until"] = "2026-12-01T07:00:00Z";
    CHECK_THAT(error_of(j), Catch::Contains("content.notices[0].show_until: is not after show_from"));
  }
  SECTION("a notice without an end") {
    n[1].erase("show_until");
    CHECK_THAT(error_of(j), Catch::Contains("content.notices[1].show_until: is missing"));
  }
  SECTION("a level that is not info or urgent") {
    n[0]["level"] = "vigtig";
    CHECK_THAT(error_of(j), Catch::Contains("content.notices[0].level: 'vigtig' is not one of info, urgent"));
  }
  SECTION("a title too long to read across a room") {
    n[1]["title"] = std::string(81, 'x');
    CHECK_THAT(error_of(j), Catch::Contains("content.notices[1].title: is longer than 80 characters (81)"));
  }
  SECTION("an area the feed does not have") {
    n[0]["areas"] = {"atlantis"};
    CHECK_THAT(error_of(j), Catch::Contains("content.notices[0].areas[0]: 'atlantis' is not an area of this feed"));
  }
  SECTION("a picture that is not in the assets") {
    n[0]["image"] = std::string(64, 'a');
    CHECK_THAT(error_of(j), Catch::Contains("content.notices[0].image: names an asset that is not in the feed's assets"));
  }
  SECTION("a repeated id") {
    n[1]["id"] = "varme";
    CHECK_THAT(error_of(j), Catch::Contains("content.notices[1].id: duplicate id 'varme'"));
  }
  SECTION("a time with an offset") {
    n[0]["show_from"] = "2026-12-01T09:00:00+01:00";
    CHECK_THAT(error_of(j), Catch::Contains("content.notices[0].show_from:"));
  }
  SECTION("an unknown field") {
    n[0]["colour"] = "red";
    CHECK_THAT(error_of(j), Catch::Contains("content.notices[0].colour: is not a field of this object"));
  }
  SECTION("an event that ends before it starts") {
    e[0]["ends"] = "2026-12-12T13:00:00Z";
    CHECK_THAT(error_of(j), Catch::Contains("content.events[0].ends: is not after starts"));
  }
  SECTION("an event without a start") {
    e[1].erase("starts");
    CHECK_THAT(error_of(j), Catch::Contains("content.events[1].starts: is missing"));
  }
  SECTION("a place on two lines") {
    e[0]["place"] = "Beboerhuset\nsalen";
    CHECK_THAT(error_of(j), Catch::Contains("content.events[0].place: contains a control character"));
  }
  SECTION("a translation of a field a notice does not have") {
    n[0]["translations"] = {{"ar", {{"place", "x"}}}};
    CHECK_THAT(error_of(j), Catch::Contains("content.notices[0].translations.ar.place: 'place' is not a translatable text here (title, text)"));
  }
  SECTION("a result whose window ends before it starts") {
    j["content"]["results"][0]["show_until"] = "2026-11-01T00:00:00Z";
    CHECK_THAT(error_of(j), Catch::Contains("content.results[0].show_until: is not after show_from"));
  }
  SECTION("more notices than a screen can carry") {
    json many = json::array();
    for (int i = 0; i < 101; ++i) many.push_back({{"id", "n" + std::to_string(i)}, {"level", "info"}, {"title", "x"}, {"show_until", "2026-12-03T20:00:00Z"}});
    j["content"]["notices"] = many;
    CHECK_THAT(error_of(j), Catch::Contains("content.notices: has 101 items, at most 100 allowed"));
  }
}
