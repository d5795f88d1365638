// Notices (notices/<id>.txt), events (events/<id>.txt) and a result's show_from/show_until in the
// source folder: local times of content.toml's time zone in the files, unix seconds in the model;
// init writes them so that reading them back gives the same content, and each mistake names its
// file and line.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>

#include "source/source_folder.h"
#include "source_fixture.h"
#include "test_support.h"
#include "time_zone.h"

namespace {

namespace fs = std::filesystem;
using kiosk::testing::default_content;
using kiosk::testing::error_of;
using kiosk::testing::folder_with;
using kiosk::testing::read_file;
using kiosk::testing::TempDir;
using kiosk::testing::unix_at;
using kiosk::testing::write_file;


kiosk::source::SourceFolder read_ok(const std::string& src, std::optional<std::int64_t> now = std::nullopt) {
  auto read = kiosk::source::read_source(src, std::nullopt, now);
  INFO((read.ok() ? std::string() : read.error().message));
  REQUIRE(read.ok());
  return *read;
}

kiosk::model::Content scheduled_content() {
  using kiosk::model::NoticeLevel;
  auto c = default_content();
  c.notices.push_back({.id = "varme",
                       .level = NoticeLevel::kUrgent,
                       .title = "Varmen er afbrudt i blok 3",
                       .text = "VVS-firmaet skifter rør.\n\nRing til varmemesteren ved spørgsmål.",
                       .show_from = unix_at("2026-12-01T08:00:00Z"),
                       .show_until = unix_at("2026-12-01T14:00:00Z"),
                       .area_ids = {c.areas[0].id, c.areas[1].id},
                       .translations = {{"ar", {{"title", "انقطاع التدفئة"}, {"text", "نص"}}}, {"en", {{"title", "No heating"}}}}});
  // Ends in the second 02:30 of the autumn change: written with its offset.
  c.notices.push_back({.id = "vaskeri", .title = "Vaskeriet er lukket", .show_until = unix_at("2026-10-25T01:30:00Z")});
  c.events.push_back({.id = "beboermoede",
                      .title = "Beboermøde",
                      .starts = unix_at("2026-12-03T18:00:00Z"),
                      .ends = unix_at("2026-12-03T20:00:00Z"),
                      .place = "Beboerhuset",
                      .text = "Vi taler om legepladsen.",
                      .area_ids = {c.areas[0].id},
                      .translations = {{"so", {{"title", "Shir"}, {"place", "Guriga"}, {"text", "Qoraal"}}}}});
  c.events.push_back({.id = "loppemarked", .title = "Loppemarked", .starts = unix_at("2026-07-04T08:00:00Z")});
  c.results[0].show_from = unix_at("2026-03-28T23:00:00Z");
  c.results[0].show_until = unix_at("2026-06-30T22:00:00Z");
  return c;
}

}  // namespace

TEST_CASE("init writes notices, events and results' show times, and reading them back gives the same content", "[source][notices]") {
  // The machine's own zone is not the source's: the files are read and written in Copenhagen's.
  kiosk::testing::TimeZone tz("America/New_York");
  TempDir dir;
  const auto content = scheduled_content();
  REQUIRE(kiosk::source::write_source(dir.file("src"), content, "test").ok());
  CHECK(read_file(dir.path() / "src" / "notices" / "varme.txt") ==
        "title: Varmen er afbrudt i blok 3\nlevel: urgent\nfrom: 2026-12-01 09:00\nuntil: 2026-12-01 15:00\nareas: " +
            content.areas[0].id + ", " + content.areas[1].id +
            "\n\nVVS-firmaet skifter rør.\n\nRing til varmemesteren ved spørgsmål.\n");
  CHECK(read_file(dir.path() / "src" / "notices" / "vaskeri.txt") ==
        "title: Vaskeriet er lukket\nlevel: info\nuntil: 2026-10-25 02:30 +01:00\n");
  CHECK(fs::exists(dir.path() / "src" / "notices" / "varme.ar.txt"));
  CHECK(fs::exists(dir.path() / "src" / "events" / "beboermoede.so.txt"));
  const auto read = read_ok(dir.file("src"));
  CHECK(std::string(std::getenv("TZ")) == "America/New_York");
  CHECK(read.time_zone == "Europe/Copenhagen");
  CHECK(read.notice_days == 7);
  CHECK(read.content.notices.size() == 2);
  for (const auto& n : content.notices) {
    const auto it = std::find_if(read.content.notices.begin(), read.content.notices.end(), [&](const auto& x) { return x.id == n.id; });
    REQUIRE(it != read.content.notices.end());
    CHECK(*it == n);
  }
  auto events = content.events;
  std::sort(events.begin(), events.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
  CHECK(read.content.events == events);
  const auto result = std::find_if(read.content.results.begin(), read.content.results.end(),
                                   [&](const auto& r) { return r.id == content.results[0].id; });
  REQUIRE(result != read.content.results.end());
  CHECK(*result == content.results[0]);
  CHECK(read.places.at("content.notices[0].show_until") == "notices/varme.txt:4");
  CHECK(read.places.at("content.events[0].place") == "events/beboermoede.txt:4");
}

TEST_CASE("a notice file written by hand is read in the source's time zone", "[source][notices]") {
  kiosk::testing::TimeZone tz("UTC");
  TempDir dir;
  const auto src = folder_with(dir, {{"notices/moede.txt", "title: Beboermøde torsdag\nfrom: 2026-12-01\n\nI beboerhuset\nkl. 19.\n"},
                                     {"notices/varme.txt", "title: Varmen er afbrudt\nlevel: urgent\nuntil: 2026-12-01\n"},
                                     {"notices/sommer.txt", "title: Sommertid\nfrom: 2026-03-29 01:00\n"}});
  const auto read = read_ok(src);
  REQUIRE(read.content.notices.size() == 3);
  const auto& moede = read.content.notices[0];
  CHECK(moede.level == kiosk::model::NoticeLevel::kInfo);
  CHECK(moede.show_from == unix_at("2026-11-30T23:00:00Z"));                // the start of the day
  CHECK(moede.show_until == unix_at("2026-11-30T23:00:00Z") + 7 * 86400);  // [notices] default_days after
  CHECK(moede.text == "I beboerhuset kl. 19.");
  const auto& sommer = read.content.notices[1];
  CHECK(sommer.show_from == unix_at("2026-03-29T00:00:00Z"));
  const auto& varme = read.content.notices[2];
  CHECK(varme.level == kiosk::model::NoticeLevel::kUrgent);
  CHECK_FALSE(varme.show_from);
  CHECK(varme.show_until == unix_at("2026-12-01T23:00:00Z"));  // the end of the day

  TempDir other;
  const auto three_days = folder_with(other, {{"notices/moede.txt", "title: Møde\nfrom: 2026-12-01 10:00\n"}});
  std::string toml = read_file(fs::path(three_days) / "content.toml");
  toml.replace(toml.find("default_days = 7"), 16, "default_days = 3");
  toml.replace(toml.find("time_zone = \"Europe/Copenhagen\""), 31, "time_zone = \"Atlantic/Reykjavik\"");
  write_file(fs::path(three_days) / "content.toml", toml);
  const auto short_one = read_ok(three_days);
  CHECK(short_one.content.notices[0].show_from == unix_at("2026-12-01T10:00:00Z"));
  CHECK(short_one.content.notices[0].show_until == unix_at("2026-12-04T10:00:00Z"));
}

TEST_CASE("an ended notice or event is left out with a warning to delete its file", "[source][notices]") {
  TempDir dir;
  const auto src = folder_with(dir, {{"notices/gammel.txt", "title: Gammel\nuntil: 2026-11-30 12:00\n"},
                                     {"notices/gammel.en.txt", "title: Old\n"},
                                     {"notices/ny.txt", "title: Ny\nuntil: 2026-12-02 12:00\n"},
                                     {"events/i-gaar.txt", "title: I går\nwhen: 2026-11-30 19:00\n"},
                                     {"events/i-dag.txt", "title: I dag\nwhen: 2026-12-01 08:00\n"},
                                     {"events/slut.txt", "title: Slut\nwhen: 2026-12-01 08:00\nuntil: 2026-12-01 09:00\n"}});
  const auto now = unix_at("2026-12-01T10:00:00Z");
  const auto read = read_ok(src, now);
  REQUIRE(read.content.notices.size() == 1);
  CHECK(read.content.notices[0].id == "ny");
  REQUIRE(read.content.events.size() == 1);
  CHECK(read.content.events[0].id == "i-dag");  // listed until its day ends
  CHECK(read.warnings == std::vector<std::string>{
                             "events/i-gaar.txt: ended at 2026-12-01 00:00; it is left out of the feed: delete the file",
                             "events/slut.txt: ended at 2026-12-01 09:00; it is left out of the feed: delete the file",
                             "notices/gammel.txt: ended at 2026-11-30 12:00; it is left out of the feed: delete the file"});
  // The build gives the date alone: what ended before the day began is left out.
  auto by_date = kiosk::source::read_source(src, kiosk::model::PartialDate{2026, 12, 1});
  REQUIRE(by_date.ok());
  CHECK(by_date->content.notices.size() == 1);
  CHECK(by_date->content.events.size() == 2);
  // Without a time, nothing is left out.
  CHECK(read_ok(src).content.notices.size() == 2);
}

TEST_CASE("each mistake in a notice or event file names the file and the line", "[source][notices]") {
  TempDir dir;
  const auto src = folder_with(
      dir, {{"notices/a.txt", "level: hastende\nfrom: 2026-12-01 10:00\nuntil: 2026-12-01 09:00\nareas: vollsmoose\nhvor: her\n"},
            {"notices/b.txt", "title: Ingen tider\n"},
            {"notices/c.txt", "title: Sommertid\nuntil: 2026-03-29 02:30\nfrom: 1/12 10:00\n"},
            {"notices/Stort.txt", "title: Id\nuntil: 2026-12-01\n"},
            {"notices/x.ar.txt", "title: x\n"},
            {"notices/b.xx.txt", "title: x\n"},
            {"events/e.txt", "title: Møde\nwhen: 2026-12-03\nuntil: 2026-13-01 10:00\n"},
            {"events/f.txt", "place: Huset\n"},
            {"events/g.txt", "title: Baglæns\nwhen: 2026-12-03 19:00\nuntil: 2026-12-03 18:00\n"}});
  const auto error = error_of(src);
  INFO(error);
  const auto has = [&](const std::string& text) { return error.find(text) != std::string::npos; };
  CHECK(has("notices/a.txt:1: 'title:' is missing; write the notice's headline"));
  CHECK(has("notices/a.txt:1: level: must be info (a band on every slide) or urgent (a screen of its own), not \"hastende\""));
  CHECK(has("notices/a.txt:3: until: \"2026-12-01 09:00\" is not after from: \"2026-12-01 10:00\""));
  CHECK(has("notices/a.txt:4: areas: unknown area \"vollsmoose\"; did you mean \"vollsmose\"?"));
  CHECK(has("notices/a.txt:5: unknown heading \"hvor\"; the headings are title, level, from, until, areas, picture"));
  CHECK(has("notices/b.txt:1: has neither 'from:' nor 'until:'; write when it ends, e.g. until: 2026-12-01 15:00"));
  CHECK(has("notices/c.txt:2: until: \"2026-03-29 02:30\" 2026-03-29 02:30 does not exist: the clocks skip that hour"));
  CHECK(has("notices/c.txt:3: from: \"1/12 10:00\" is not a time written YYYY-MM-DD HH:MM"));
  CHECK(has("notices/Stort.txt: the file's name \"Stort\" is the notice's id: it must be 1 to 64 of a-z, 0-9 and '-'"));
  CHECK(has("notices/x.ar.txt: translates notices/x.txt, which does not exist"));
  CHECK(has("notices/b.xx.txt: unknown language \"xx\" in the file's name"));
  CHECK(has("events/e.txt:2: when: \"2026-12-03\" has no time of day; write when it starts, e.g. 2026-12-03 19:00"));
  CHECK(has("events/e.txt:3: until: \"2026-13-01 10:00\" 2026-13-01 is not a day of the calendar"));
  CHECK(has("events/f.txt:1: 'title:' is missing"));
  CHECK(has("events/f.txt:1: 'when:' is missing; write when it starts, e.g. when: 2026-12-03 19:00"));
  CHECK(has("events/g.txt:3: until: \"2026-12-03 18:00\" is not after when: \"2026-12-03 19:00\""));
}

TEST_CASE("a result's show_from and show_until are read, and the time zone and default_days are checked", "[source][notices]") {
  TempDir dir;
  const auto src = folder_with(dir, {{"results/x.txt", "title: X\ndate: 2025\npublisher: VIVE\nshow_from: 2026-12-01 08:00\n"
                                                       "show_until: 2026-12-01\n\nTekst.\n"}});
  const auto read = read_ok(src);
  const auto x = std::find_if(read.content.results.begin(), read.content.results.end(), [](const auto& r) { return r.id == "x"; });
  REQUIRE(x != read.content.results.end());
  CHECK(x->show_from == unix_at("2026-12-01T07:00:00Z"));
  CHECK(x->show_until == unix_at("2026-12-01T23:00:00Z"));

  write_file(fs::path(src) / "results" / "x.txt", "title: X\ndate: 2025\npublisher: VIVE\nshow_from: 2026-12-02\nshow_until: 2026-12-01\n\nT.\n");
  std::string toml = read_file(fs::path(src) / "content.toml");
  toml.replace(toml.find("time_zone = \"Europe/Copenhagen\""), 31, "time_zone = \"Europe/Kobenhavn\"");
  toml.replace(toml.find("default_days = 7"), 16, "default_days = 0");
  write_file(fs::path(src) / "content.toml", toml);
  const auto error = error_of(src);
  INFO(error);
  CHECK(error.find("results/x.txt:5: show_until: \"2026-12-01\" is not after show_from: \"2026-12-02\"") != std::string::npos);
  CHECK(error.find("[feed]: time_zone \"Europe/Kobenhavn\" is not a time zone this computer knows") != std::string::npos);
  CHECK(error.find("[notices]: default_days, how long a notice without 'until:' is shown, must be a whole number of days from 1 to 365") !=
        std::string::npos);
}
