// kiosk-feed notice and notices through the real binary, as staff use them: the notice file it
// writes, the Danish sentence that tells what was understood, and what it refuses without leaving
// a file behind. The machine's zone (TZ=UTC here) is not the source's: times are Copenhagen's.
#include <catch2/catch.hpp>

#include <filesystem>
#include <regex>

#include "source/source_folder.h"
#include "test_support.h"
#include "time_zone.h"

namespace {

namespace fs = std::filesystem;
using kiosk::testing::read_file;
using kiosk::testing::run_command;
using kiosk::testing::TempDir;
using kiosk::testing::unix_at;
using kiosk::testing::write_file;

kiosk::testing::CommandRun feed_tool(const std::string& args) { return run_command("TZ=UTC " + std::string(KIOSK_FEED_BINARY) + " " + args); }

std::string value_of(const std::string& output, const std::string& key) {
  std::smatch m;
  if (std::regex_search(output, m, std::regex("(^|\n)" + key + "=([^\n]*)"))) return m[2];
  return "";
}

struct Source {
  TempDir dir;
  std::string src = dir.file("src");
  Source() {
    auto init = feed_tool("init " + src);
    INFO(init.output);
    REQUIRE(init.exit_code == 0);
  }
  std::vector<std::string> notice_files() const {
    std::vector<std::string> names;
    if (!fs::exists(fs::path(src) / "notices")) return names;
    for (const auto& e : fs::directory_iterator(fs::path(src) / "notices")) names.push_back(e.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
  }
};

}  // namespace

TEST_CASE("notice writes the notice file and says in Danish when and where it shows", "[publish][cli][notice]") {
  Source s;
  auto run = feed_tool("notice " + s.src +
                       " 'Varmen er afbrudt i blok 3' --text 'VVS-firmaet skifter rør.' --from 2030-11-30 --until '1/12-2030 kl. 15'"
                       " --urgent --areas vollsmose,gellerupparken-toveshoej");
  INFO(run.output);
  REQUIRE(run.exit_code == 0);
  CHECK_THAT(run.output, Catch::Contains("Beskeden vises fra lørdag 30. november 2030 kl. 00:00 (UTC+01:00) til søndag 1. december 2030 "
                                         "kl. 15:00 (UTC+01:00) på skærmene i Vollsmose og Gellerupparken/Toveshøj, som hel skærm før "
                                         "hvert dias (urgent).") &&
                             Catch::Contains("Næste skridt: kiosk-feed publish " + s.src));
  CHECK(value_of(run.output, "id") == "varmen-er-afbrudt-i-blok-3");
  CHECK(value_of(run.output, "from") == "2030-11-29T23:00:00Z");
  CHECK(value_of(run.output, "until") == "2030-12-01T14:00:00Z");
  CHECK(value_of(run.output, "level") == "urgent");
  CHECK(read_file(fs::path(s.src) / "notices" / "varmen-er-afbrudt-i-blok-3.txt") ==
        "title: Varmen er afbrudt i blok 3\nlevel: urgent\nfrom: 2030-11-30 00:00\nuntil: 2030-12-01 15:00\n"
        "areas: vollsmose, gellerupparken-toveshoej\n\nVVS-firmaet skifter rør.\n");

  // The same title again: a new file beside it, never the one that is there.
  auto again = feed_tool("notice " + s.src + " 'Varmen er afbrudt i blok 3' --from '2030-12-02 08:00'");
  INFO(again.output);
  REQUIRE(again.exit_code == 0);
  CHECK(value_of(again.output, "id") == "varmen-er-afbrudt-i-blok-3-2");
  CHECK_THAT(again.output, Catch::Contains("til mandag 9. december 2030 kl. 08:00 (UTC+01:00) på alle skærme, som et bånd på hvert dias"));
  auto read = kiosk::source::read_source(s.src);
  REQUIRE(read.ok());
  REQUIRE(read->content.notices.size() == 2);
  CHECK(read->content.notices[0].id == "varmen-er-afbrudt-i-blok-3-2");  // in the order of the files' names
  CHECK(read->content.notices[0].show_until == unix_at("2030-12-09T07:00:00Z"));  // default_days after from
  CHECK(read->content.notices[1].show_until == unix_at("2030-12-01T14:00:00Z"));

  // Without times: from publication, for default_days.
  auto plain = feed_tool("notice " + s.src + " 'Æbler og øl på Åen'");
  INFO(plain.output);
  REQUIRE(plain.exit_code == 0);
  CHECK(value_of(plain.output, "id") == "aebler-og-oel-paa-aaen");
  CHECK_THAT(plain.output, Catch::Contains("Beskeden vises fra nu, når den er udgivet, til "));
}

TEST_CASE("notice refuses what it cannot read and leaves no file behind", "[publish][cli][notice]") {
  Source s;
  const std::pair<std::string, std::string> kBad[] = {
      {"'Møde' --until 'i går'", "--until: \"i går\": \"i\" is not understood as a day. Write for example: nu, om 2 timer"},
      {"'Møde' --until '2030-03-30 02:30' --from '2030-03-30 04:00'", "--until, lørdag 30. marts 2030 kl. 02:30 (UTC+01:00), is not after --from"},
      {"'Møde' --until 'om 1 time' --from 'om 2 dage'", "is not after --from"},
      {"'Møde' --until '2030-03-31 25:00'", "--until: \"2030-03-31 25:00\": \"25:00\" is not a time of day"},
      {"'Møde' --areas volsmose", "notices/moede.txt:4: areas: unknown area \"volsmose\"; did you mean \"vollsmose\"?"},
      {"''", "the title is empty"},
      {"'" + std::string(81, 'x') + "'", "the title has 81 characters; a notice's title may have at most 80"},
  };
  for (const auto& [args, why] : kBad) {
    auto run = feed_tool("notice " + s.src + " " + args);
    INFO(args << "\n" << run.output);
    CHECK(run.exit_code == 1);
    CHECK_THAT(run.output, Catch::Contains(why));
    CHECK(s.notice_files().empty());
  }
  // The hour the clocks skip in spring.
  auto skipped = feed_tool("notice " + s.src + " 'Møde' --until '2030-03-31 02:30'");
  CHECK(skipped.exit_code == 1);
  CHECK_THAT(skipped.output, Catch::Contains("2030-03-31 02:30 does not exist: the clocks skip that hour for summer time"));
  CHECK(feed_tool("notice " + s.src).exit_code == 2);
  CHECK(s.notice_files().empty());
}

TEST_CASE("notice says which of the autumn's two times it took and warns of an end that has passed", "[publish][cli][notice]") {
  Source s;
  auto twice = feed_tool("notice " + s.src + " 'Vaskeriet' --until '2030-10-27 02:30'");
  INFO(twice.output);
  REQUIRE(twice.exit_code == 0);
  CHECK_THAT(twice.output, Catch::Contains("søndag 27. oktober 2030 kl. 02:30 (UTC+02:00)") &&
                               Catch::Contains("Sluttiden findes to gange den nat, fordi uret stilles tilbage; det er den første (UTC+02:00)."));
  auto past = feed_tool("notice " + s.src + " 'Gammel' --until '2020-01-01 12:00'");
  INFO(past.output);
  REQUIRE(past.exit_code == 0);
  CHECK_THAT(past.output, Catch::Contains("warning: the end, onsdag 1. januar 2020 kl. 12:00 (UTC+01:00), has passed; the notice will not be shown"));
}

TEST_CASE("notices lists each notice with its state and --remove takes one out with its translations", "[publish][cli][notice]") {
  Source s;
  REQUIRE(feed_tool("notice " + s.src + " 'Kommer' --from 2030-01-01 --until 2030-01-02").exit_code == 0);
  REQUIRE(feed_tool("notice " + s.src + " 'Vises' --until 'om 2 timer'").exit_code == 0);
  REQUIRE(feed_tool("notice " + s.src + " 'Sluttet' --until 2020-01-01").exit_code == 0);
  write_file(fs::path(s.src) / "notices" / "vises.en.txt", "title: Showing\n");
  auto list = feed_tool("notices " + s.src);
  INFO(list.output);
  REQUIRE(list.exit_code == 0);
  CHECK_THAT(list.output, Catch::Contains("kommer [kommer] Kommer\n  fra tirsdag 1. januar 2030 kl. 00:00 (UTC+01:00) til torsdag 3. januar "
                                          "2030 kl. 00:00 (UTC+01:00) på alle skærme") &&
                              Catch::Contains("sluttet [sluttet] Sluttet") && Catch::Contains("vises [vises] Vises\n  fra udgivelsen til"));
  auto removed = feed_tool("notices " + s.src + " --remove vises");
  INFO(removed.output);
  REQUIRE(removed.exit_code == 0);
  CHECK_THAT(removed.output, Catch::Contains("Fjernet: notices/vises.en.txt og notices/vises.txt."));
  CHECK(s.notice_files() == std::vector<std::string>{"kommer.txt", "sluttet.txt"});
  auto unknown = feed_tool("notices " + s.src + " --remove vises");
  CHECK(unknown.exit_code == 1);
  CHECK_THAT(unknown.output, Catch::Contains("no notice \"vises\" in " + s.src + "; the notices are kommer, sluttet"));
}

TEST_CASE("preview --at draws the slides as at a coming moment: a notice before its start shows then, not now", "[publish][cli][notice]") {
  Source s;
  auto written = feed_tool("notice " + s.src + " 'Vandet lukkes i blok 5' --from '2030-11-30 09:00' --until '2030-11-30 20:00' --urgent");
  INFO(written.output);
  REQUIRE(written.exit_code == 0);
  auto now = feed_tool("preview " + s.src + " " + s.dir.file("now"));
  INFO(now.output);
  REQUIRE(now.exit_code == 0);
  CHECK(fs::exists(s.dir.file("now/01-status.png")));
  CHECK_FALSE(fs::exists(s.dir.file("now/01-notice.png")));
  auto then = feed_tool("preview " + s.src + " " + s.dir.file("then") + " --at '2030-11-30 10:00'");
  INFO(then.output);
  REQUIRE(then.exit_code == 0);
  REQUIRE(fs::exists(s.dir.file("then/01-notice.txt")));
  CHECK_THAT(read_file(s.dir.file("then/01-notice.txt")), Catch::Contains("Vandet lukkes i blok 5"));
  CHECK(fs::exists(s.dir.file("then/02-status.png")));
  auto bad = feed_tool("preview " + s.src + " " + s.dir.file("bad") + " --at 'på torsdag engang'");
  CHECK(bad.exit_code == 2);
  CHECK_THAT(bad.output, Catch::Contains("--at:"));
}
