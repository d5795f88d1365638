// The scene as at a moment: the urgent notice's screen before every slide while one is valid, info
// notices in the slides' context for the band, the events slide only while events are ahead, slides
// on their days and times, results in their window; and changes_at() says exactly when that changes,
// across midnight and the nights the clocks change (Europe/Copenhagen).
#include <catch2/catch.hpp>

#include "app/scene.h"
#include "cache_files.h"
#include "config/config.h"
#include "time_zone.h"

using namespace kiosk;
using testing::unix_at;

namespace {

WallTime at(const char* utc) { return WallTime{std::chrono::seconds(unix_at(utc))}; }

screens::LoadedContent default_content() {
  screens::LoadedContent loaded;
  loaded.content = testing::default_feed_as_version(1).content;
  return loaded;
}

model::Notice notice(const std::string& id, model::NoticeLevel level, const char* from, const char* until) {
  model::Notice n;
  n.id = id;
  n.level = level;
  n.title = "Besked " + id;
  n.show_from = unix_at(from);
  n.show_until = unix_at(until);
  return n;
}

// The names of the scene's slides in order: "notice status notice map ...".
std::string names(const app::Scene& scene) {
  std::string out;
  for (std::size_t i = 0; i < scene.size(); ++i) out += (out.empty() ? "" : " ") + std::string(scene.name(i));
  return out;
}

}  // namespace

TEST_CASE("an urgent notice comes before every slide from its start to its end, and the scene says when", "[scene][notices]") {
  testing::TimeZone tz("Europe/Copenhagen");
  auto loaded = default_content();
  loaded.content.notices = {notice("varme", model::NoticeLevel::kUrgent, "2026-12-01T08:00:00Z", "2026-12-01T14:00:00Z")};
  config::Config config;
  config.notice_seconds = std::chrono::seconds(7);

  const app::Scene before(loaded, config, at("2026-12-01T07:59:59Z"));
  CHECK(names(before) == "status map timeline results");
  CHECK(before.changes_at() == at("2026-12-01T08:00:00Z"));

  const app::Scene during(loaded, config, at("2026-12-01T08:00:00Z"));
  CHECK(names(during) == "notice status notice map notice timeline notice results");
  CHECK(during.urgent(0));
  CHECK_FALSE(during.urgent(1));
  CHECK(during.duration(0) == std::chrono::seconds(7));
  CHECK(during.duration(1) == std::chrono::seconds(12));
  CHECK(during.changes_at() == at("2026-12-01T14:00:00Z"));
  // the urgent screens of a round count up, so that several notices take turns
  CHECK(during.context(at("2026-12-01T08:00:00Z"), 0).urgent_turn == 0);

  const app::Scene after(loaded, config, at("2026-12-01T14:00:00Z"));
  CHECK(names(after) == "status map timeline results");
  CHECK(after.showing().notices.empty());
  CHECK_FALSE(after.changes_at().has_value());
}

TEST_CASE("an info notice is in the slides' context for its areas only, for the band", "[scene][notices]") {
  testing::TimeZone tz("Europe/Copenhagen");
  auto loaded = default_content();
  auto here = notice("moede", model::NoticeLevel::kInfo, "2026-12-01T08:00:00Z", "2026-12-03T20:00:00Z");
  here.area_ids = {"vollsmose"};
  auto elsewhere = notice("andet", model::NoticeLevel::kInfo, "2026-12-01T08:00:00Z", "2026-12-03T20:00:00Z");
  elsewhere.area_ids = {"mjoelnerparken"};
  REQUIRE(std::any_of(loaded.content.areas.begin(), loaded.content.areas.end(), [](const auto& a) { return a.id == "mjoelnerparken"; }));
  loaded.content.notices = {here, elsewhere};
  config::Config config;
  config.area = "vollsmose";
  const app::Scene scene(loaded, config, at("2026-12-02T12:00:00Z"));
  CHECK(names(scene) == "status map timeline results");  // an info notice is a band, not a screen
  const auto ctx = scene.context(at("2026-12-02T12:00:00Z"), 0);
  REQUIRE(ctx.content.notices.size() == 1);
  CHECK(ctx.content.notices[0].id == "moede");
  config.area = "mjoelnerparken";
  const app::Scene there(loaded, config, at("2026-12-02T12:00:00Z"));
  REQUIRE(there.context(at("2026-12-02T12:00:00Z"), 0).content.notices.size() == 1);
  CHECK(there.context(at("2026-12-02T12:00:00Z"), 0).content.notices[0].id == "andet");
}

TEST_CASE("the events slide is in the cycle while an event is ahead, until the local day of one without an end is over", "[scene][events]") {
  testing::TimeZone tz("Europe/Copenhagen");
  auto loaded = default_content();
  model::Event cafe;
  cafe.id = "cafe";
  cafe.title = "Café";
  cafe.starts = unix_at("2026-12-03T18:00:00Z");  // Thursday 19:00 in Copenhagen
  loaded.content.events = {cafe};
  const config::Config config;
  const app::Scene week_before(loaded, config, at("2026-11-26T12:00:00Z"));
  CHECK(names(week_before) == "status map timeline results events");
  const app::Scene late_evening(loaded, config, at("2026-12-03T22:59:59Z"));  // 23:59:59 local
  CHECK(names(late_evening) == "status map timeline results events");
  CHECK(late_evening.changes_at() == at("2026-12-03T23:00:00Z"));  // local midnight
  const app::Scene next_day(loaded, config, at("2026-12-03T23:00:00Z"));
  CHECK(names(next_day) == "status map timeline results");
  loaded.content.events.clear();
  CHECK(names(app::Scene(loaded, config, at("2026-11-26T12:00:00Z"))) == "status map timeline results");
}

TEST_CASE("a slide on weekdays 8-16 is in the cycle then, and the scene changes at its times across a weekend and the clock change", "[scene][schedule]") {
  testing::TimeZone tz("Europe/Copenhagen");
  const auto loaded = default_content();
  config::Config config;
  config.playlist[1].when = power::WeekSchedule();
  for (int d = 0; d < 7; ++d) config.playlist[1].when.set_day(d, {});
  for (int d = 0; d < 5; ++d) config.playlist[1].when.set_day(d, {{8 * 60, 16 * 60}});
  REQUIRE(config.playlist[1].kind == "map");

  // Friday 23 October 2026, summer time (UTC+2)
  const app::Scene friday_morning(loaded, config, at("2026-10-23T05:59:00Z"));  // 07:59
  CHECK(names(friday_morning) == "status timeline results");
  CHECK(friday_morning.changes_at() == at("2026-10-23T06:00:00Z"));
  const app::Scene friday_day(loaded, config, at("2026-10-23T06:00:00Z"));
  CHECK(names(friday_day) == "status map timeline results");
  CHECK(friday_day.changes_at() == at("2026-10-23T14:00:00Z"));  // 16:00
  const app::Scene friday_evening(loaded, config, at("2026-10-23T14:00:00Z"));
  CHECK(names(friday_evening) == "status timeline results");
  // the clocks go back on Sunday: Monday 08:00 is 07:00 UTC
  CHECK(friday_evening.changes_at() == at("2026-10-26T07:00:00Z"));
  const app::Scene saturday(loaded, config, at("2026-10-24T10:00:00Z"));
  CHECK(names(saturday) == "status timeline results");
  const app::Scene monday(loaded, config, at("2026-10-26T07:00:00Z"));
  CHECK(names(monday) == "status map timeline results");
}

TEST_CASE("when no slide of the playlist is on, the first one is shown", "[scene][schedule]") {
  testing::TimeZone tz("Europe/Copenhagen");
  const auto loaded = default_content();
  config::Config config;
  config.playlist.resize(1);
  for (int d = 0; d < 7; ++d) config.playlist[0].when.set_day(d, {{8 * 60, 16 * 60}});
  const app::Scene night(loaded, config, at("2026-12-01T02:00:00Z"));
  CHECK(names(night) == "status");
}

TEST_CASE("a result is in the scene only within its window, across midnight", "[scene][schedule]") {
  testing::TimeZone tz("Europe/Copenhagen");
  auto loaded = default_content();
  auto& r = loaded.content.results[0];
  r.show_from = unix_at("2026-11-30T23:00:00Z");   // 1 December 00:00 local
  r.show_until = unix_at("2026-12-31T23:00:00Z");  // 1 January 00:00 local
  const std::string id = r.id;
  const auto has = [&](const app::Scene& s) {
    const auto& rs = s.showing().results;
    return std::any_of(rs.begin(), rs.end(), [&](const auto& x) { return x.id == id; });
  };
  const config::Config config;
  const app::Scene november(loaded, config, at("2026-11-30T22:59:59Z"));
  CHECK_FALSE(has(november));
  CHECK(november.changes_at() == at("2026-11-30T23:00:00Z"));
  CHECK(has(app::Scene(loaded, config, at("2026-11-30T23:00:00Z"))));
  CHECK_FALSE(has(app::Scene(loaded, config, at("2026-12-31T23:00:00Z"))));
}

TEST_CASE("a scene is outdated when its next change comes or the clock is set back before its moment", "[scene][notices]") {
  testing::TimeZone tz("Europe/Copenhagen");
  auto loaded = default_content();
  loaded.content.notices = {notice("varme", model::NoticeLevel::kUrgent, "2026-12-01T08:00:00Z", "2026-12-01T14:00:00Z")};
  const config::Config config;
  // Made when the clock was wrong, hours ahead: the notice had ended by then.
  const app::Scene ahead(loaded, config, at("2026-12-01T20:00:00Z"));
  CHECK(ahead.showing().notices.empty());
  CHECK_FALSE(ahead.outdated(at("2026-12-01T20:00:01Z")));
  CHECK(ahead.outdated(at("2026-12-01T10:00:00Z")));  // NTP set it back: the notice is valid again
  const app::Scene during(loaded, config, at("2026-12-01T10:00:00Z"));
  CHECK_FALSE(during.outdated(at("2026-12-01T13:59:59Z")));
  CHECK(during.outdated(at("2026-12-01T14:00:00Z")));
}
