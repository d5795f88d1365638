// model::showing and model::next_change: what the screen shows at a moment, and when that changes,
// by the kiosk's own clock in Europe/Copenhagen.
#include <catch2/catch.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model/content.h"
#include "model/schedule.h"
#include "time_zone.h"

namespace {

using kiosk::model::Content;
using kiosk::model::Event;
using kiosk::model::next_change;
using kiosk::model::Notice;
using kiosk::model::NoticeLevel;
using kiosk::model::Result;
using kiosk::model::showing;
using kiosk::testing::unix_at;

constexpr NoticeLevel kInfo = NoticeLevel::kInfo;
constexpr NoticeLevel kUrgent = NoticeLevel::kUrgent;

Notice notice(const char* id, NoticeLevel level, std::optional<std::int64_t> from, std::int64_t until,
              std::vector<std::string> areas = {}) {
  return {.id = id, .level = level, .title = id, .show_from = from, .show_until = until, .area_ids = std::move(areas)};
}

Event event(const char* id, std::int64_t starts, std::optional<std::int64_t> ends = std::nullopt,
            std::vector<std::string> areas = {}) {
  return {.id = id, .title = id, .starts = starts, .ends = ends, .area_ids = std::move(areas)};
}

Result result(const char* id, std::optional<std::int64_t> from, std::optional<std::int64_t> until) {
  return {.id = id, .title = id, .show_from = from, .show_until = until};
}

// The ids of what is shown, in the order shown.
template <class Item>
std::vector<std::string> ids(const std::vector<Item>& items) {
  std::vector<std::string> out;
  for (const auto& item : items) out.push_back(item.id);
  return out;
}

std::vector<std::string> notices_at(const Content& content, const char* utc, const std::string& area = "vollsmose") {
  return ids(showing(content, area, unix_at(utc)).notices);
}

std::vector<std::string> events_at(const Content& content, const char* utc, const std::string& area = "vollsmose") {
  return ids(showing(content, area, unix_at(utc)).events);
}

using Ids = std::vector<std::string>;

}  // namespace

TEST_CASE("a notice shows from its start until its end, to the second", "[model][schedule]") {
  kiosk::testing::TimeZone tz("Europe/Copenhagen");
  Content content;
  // "Varmen er afbrudt i blok 3 i dag 9-15": 09:00-15:00 CET on 2026-12-01.
  content.notices = {notice("varme", kInfo, unix_at("2026-12-01T08:00:00Z"), unix_at("2026-12-01T14:00:00Z"))};
  CHECK(notices_at(content, "2026-12-01T07:59:59Z").empty());
  CHECK(notices_at(content, "2026-12-01T08:00:00Z") == Ids{"varme"});
  CHECK(notices_at(content, "2026-12-01T13:59:59Z") == Ids{"varme"});
  CHECK(notices_at(content, "2026-12-01T14:00:00Z").empty());
  // Without a start it shows from the moment it is there.
  content.notices = {notice("nu", kUrgent, std::nullopt, unix_at("2026-12-01T14:00:00Z"))};
  CHECK(notices_at(content, "2026-01-01T00:00:00Z") == Ids{"nu"});
  CHECK(notices_at(content, "2026-12-01T14:00:00Z").empty());
}

TEST_CASE("a notice whose start is ahead shows nothing until then", "[model][schedule]") {
  Content content;
  content.notices = {notice("moede", kInfo, unix_at("2026-12-03T17:00:00Z"), unix_at("2026-12-03T20:00:00Z"))};
  const Content now = showing(content, "vollsmose", unix_at("2026-12-01T12:00:00Z"));
  CHECK(now.notices.empty());
  CHECK(notices_at(content, "2026-12-03T17:00:00Z") == Ids{"moede"});
}

TEST_CASE("notices and events show for every area or the one they name, the national view only every area's",
          "[model][schedule]") {
  Content content;
  const std::int64_t from = unix_at("2026-12-01T08:00:00Z");
  const std::int64_t until = unix_at("2026-12-01T14:00:00Z");
  content.notices = {notice("alle", kInfo, from, until), notice("vollsmose", kInfo, from, until, {"vollsmose"}),
                     notice("gellerup", kInfo, from, until, {"gellerupparken-toveshoej"}),
                     notice("begge", kInfo, from, until, {"gellerupparken-toveshoej", "vollsmose"})};
  content.events = {event("alle", from), event("vollsmose", from, std::nullopt, {"vollsmose"}),
                    event("gellerup", from, std::nullopt, {"gellerupparken-toveshoej"})};
  CHECK(notices_at(content, "2026-12-01T09:00:00Z", "vollsmose") == Ids{"alle", "vollsmose", "begge"});
  CHECK(notices_at(content, "2026-12-01T09:00:00Z", "gellerupparken-toveshoej") == Ids{"alle", "gellerup", "begge"});
  CHECK(notices_at(content, "2026-12-01T09:00:00Z", "") == Ids{"alle"});
  CHECK(events_at(content, "2026-12-01T09:00:00Z", "vollsmose") == Ids{"alle", "vollsmose"});
  CHECK(events_at(content, "2026-12-01T09:00:00Z", "") == Ids{"alle"});
}

TEST_CASE("notices show urgent first, then the newest start first, ties in the feed's order", "[model][schedule]") {
  Content content;
  const std::int64_t until = unix_at("2026-12-31T00:00:00Z");
  content.notices = {notice("info-tidlig", kInfo, unix_at("2026-11-01T00:00:00Z"), until),
                     notice("info-uden-start", kInfo, std::nullopt, until),
                     notice("akut-tidlig", kUrgent, unix_at("2026-11-02T00:00:00Z"), until),
                     notice("info-sen", kInfo, unix_at("2026-11-20T00:00:00Z"), until),
                     notice("akut-sen", kUrgent, unix_at("2026-11-10T00:00:00Z"), until),
                     notice("info-sen-2", kInfo, unix_at("2026-11-20T00:00:00Z"), until)};
  CHECK(notices_at(content, "2026-12-01T12:00:00Z") ==
        Ids{"akut-sen", "akut-tidlig", "info-sen", "info-sen-2", "info-tidlig", "info-uden-start"});
}

TEST_CASE("results show within their show_from and show_until, in the feed's order, and the rest is copied",
          "[model][schedule]") {
  Content content;
  content.areas = {{.id = "vollsmose", .name = "Vollsmose", .kommune = "Odense"}};
  content.criteria = {{.id = "ledighed", .title = "Ledighed"}};
  content.results = {result("altid", std::nullopt, std::nullopt),
                     result("fra", unix_at("2026-12-01T11:00:00Z"), std::nullopt),
                     result("til", std::nullopt, unix_at("2026-12-01T11:00:00Z")),
                     result("mellem", unix_at("2026-12-01T10:00:00Z"), unix_at("2026-12-01T12:00:00Z"))};
  const auto results_at = [&](const char* utc) { return ids(showing(content, "vollsmose", unix_at(utc)).results); };
  CHECK(results_at("2026-12-01T09:59:59Z") == Ids{"altid", "til"});
  CHECK(results_at("2026-12-01T10:00:00Z") == Ids{"altid", "til", "mellem"});
  CHECK(results_at("2026-12-01T11:00:00Z") == Ids{"altid", "fra", "mellem"});
  CHECK(results_at("2026-12-01T12:00:00Z") == Ids{"altid", "fra"});
  const Content shown = showing(content, "vollsmose", unix_at("2026-12-01T12:00:00Z"));
  CHECK(shown.areas == content.areas);
  CHECK(shown.criteria == content.criteria);
  CHECK(shown.results[1] == content.results[1]);
}

TEST_CASE("events are listed in order of start until they end, to the second", "[model][schedule]") {
  kiosk::testing::TimeZone tz("Europe/Copenhagen");
  Content content;
  content.events = {event("moede", unix_at("2026-12-03T18:00:00Z"), unix_at("2026-12-03T20:00:00Z")),
                    event("cafe", unix_at("2026-12-01T13:00:00Z"), unix_at("2026-12-01T15:00:00Z")),
                    event("loppe", unix_at("2026-12-02T09:00:00Z"), unix_at("2026-12-02T13:00:00Z"))};
  // One to come is listed; one that has begun stays until its end.
  CHECK(events_at(content, "2026-12-01T08:00:00Z") == Ids{"cafe", "loppe", "moede"});
  CHECK(events_at(content, "2026-12-01T14:59:59Z") == Ids{"cafe", "loppe", "moede"});
  CHECK(events_at(content, "2026-12-01T15:00:00Z") == Ids{"loppe", "moede"});
  CHECK(events_at(content, "2026-12-03T20:00:00Z").empty());
}

TEST_CASE("an event without an end stays until local midnight, also on the days the clocks change",
          "[model][schedule]") {
  kiosk::testing::TimeZone tz("Europe/Copenhagen");
  Content content;
  // 19:00 CET on 2026-12-01: until 24:00 CET, 23:00 UTC.
  content.events = {event("bingo", unix_at("2026-12-01T18:00:00Z"))};
  CHECK(events_at(content, "2026-12-01T22:59:59Z") == Ids{"bingo"});
  CHECK(events_at(content, "2026-12-01T23:00:00Z").empty());
  // 00:30 CEST on 2026-10-25, the day of 25 hours: until 24:00 CET, 23:00 UTC.
  content.events = {event("efteraar", unix_at("2026-10-24T22:30:00Z"))};
  CHECK(events_at(content, "2026-10-25T22:59:59Z") == Ids{"efteraar"});
  CHECK(events_at(content, "2026-10-25T23:00:00Z").empty());
  // 20:00 CEST the evening before: until its own midnight, 00:00 CEST, before the clocks go back.
  content.events = {event("aften", unix_at("2026-10-24T18:00:00Z"))};
  CHECK(events_at(content, "2026-10-24T21:59:59Z") == Ids{"aften"});
  CHECK(events_at(content, "2026-10-24T22:00:00Z").empty());
  // 00:30 CET on 2026-03-29, the day of 23 hours: until 24:00 CEST, 22:00 UTC.
  content.events = {event("foraar", unix_at("2026-03-28T23:30:00Z"))};
  CHECK(events_at(content, "2026-03-29T21:59:59Z") == Ids{"foraar"});
  CHECK(events_at(content, "2026-03-29T22:00:00Z").empty());
  CHECK(kiosk::model::end_of_local_day(unix_at("2026-03-28T23:30:00Z")) == unix_at("2026-03-29T22:00:00Z"));
}

TEST_CASE("next_change steps through a day's changes one by one and then says nothing", "[model][schedule]") {
  kiosk::testing::TimeZone tz("Europe/Copenhagen");
  Content content;
  content.notices = {notice("varme", kUrgent, unix_at("2026-12-01T08:00:00Z"), unix_at("2026-12-01T14:00:00Z")),
                     notice("trappe", kInfo, std::nullopt, unix_at("2026-12-01T16:00:00Z")),
                     notice("andet-omraade", kInfo, unix_at("2026-12-01T09:00:00Z"), unix_at("2026-12-01T10:00:00Z"),
                            {"gellerupparken-toveshoej"}),
                     notice("aldrig", kInfo, unix_at("2026-12-01T12:30:00Z"), unix_at("2026-12-01T12:30:00Z"))};
  content.results = {result("rapport", unix_at("2026-12-01T11:00:00Z"), std::nullopt)};
  content.events = {event("moede", unix_at("2026-12-01T18:00:00Z"), unix_at("2026-12-01T20:00:00Z")),
                    event("bingo", unix_at("2026-12-01T18:30:00Z"))};
  const std::vector<std::int64_t> expected = {unix_at("2026-12-01T08:00:00Z"), unix_at("2026-12-01T11:00:00Z"),
                                              unix_at("2026-12-01T14:00:00Z"), unix_at("2026-12-01T16:00:00Z"),
                                              unix_at("2026-12-01T20:00:00Z"), unix_at("2026-12-01T23:00:00Z")};
  std::vector<std::int64_t> changes;
  std::int64_t now = unix_at("2026-12-01T06:00:00Z");
  while (const auto next = next_change(content, "vollsmose", now)) {
    REQUIRE(changes.size() < expected.size());
    // Each is a change: the second before it still shows what `now` shows.
    CHECK(showing(content, "vollsmose", *next - 1) == showing(content, "vollsmose", now));
    CHECK(showing(content, "vollsmose", *next) != showing(content, "vollsmose", now));
    changes.push_back(*next);
    now = *next;
  }
  CHECK(changes == expected);
  // Another area's notice is a change there only: from 08:30 the next here and nationally is 11:00.
  CHECK(next_change(content, "gellerupparken-toveshoej", unix_at("2026-12-01T08:30:00Z")) == unix_at("2026-12-01T09:00:00Z"));
  CHECK(next_change(content, "", unix_at("2026-12-01T08:30:00Z")) == unix_at("2026-12-01T11:00:00Z"));
  CHECK_FALSE(next_change(Content{}, "vollsmose", now).has_value());
}
