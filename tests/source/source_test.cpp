// The source folder staff edit: init writes the default content so that reading it back gives the
// same content, and each mistake a person can make is named with its file and line.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>

#include "feed/feed_json.h"
#include "source/source_folder.h"
#include "source_fixture.h"
#include "test_support.h"

namespace {

namespace fs = std::filesystem;
using kiosk::testing::default_content;
using kiosk::testing::error_of;
using kiosk::testing::folder_with;
using kiosk::testing::TempDir;
using kiosk::testing::write_file;

}  // namespace

TEST_CASE("init writes the default content and reading it back gives the same content", "[source]") {
  TempDir dir;
  const auto content = default_content();
  REQUIRE(kiosk::source::write_source(dir.file("src"), content, "Boligorganisationen").ok());
  CHECK(fs::exists(dir.path() / "src" / "content.toml"));
  CHECK(fs::exists(dir.path() / "src" / "results" / (content.results.front().id + ".txt")));
  auto read = kiosk::source::read_source(dir.file("src"));
  INFO((read.ok() ? std::string() : read.error().message));
  REQUIRE(read.ok());
  CHECK(read->source == "Boligorganisationen");
  CHECK(read->expires_days == 14);
  CHECK(read->content.areas == content.areas);
  CHECK(read->content.national_counts == content.national_counts);
  CHECK(read->content.criteria == content.criteria);
  CHECK(read->content.milestones == content.milestones);
  auto expected = content.results;
  std::sort(expected.begin(), expected.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
  CHECK(read->content.results == expected);
}

TEST_CASE("init refuses a folder that is not empty", "[source]") {
  TempDir dir;
  write_file(dir.path() / "notes.txt", "x");
  auto written = kiosk::source::write_source(dir.path().string(), default_content(), "");
  REQUIRE_FALSE(written.ok());
  CHECK(written.error().message == dir.path().string() + " already exists and is not empty; give a new folder");
}

TEST_CASE("a result file with every heading is read as written", "[source]") {
  TempDir dir;
  const std::string src = folder_with(dir, {{"results/beskaeftigelse-2024.txt",
                                             "\xEF\xBB\xBFtitle: Flere i job i Vollsmose\r\n"
                                             "date: 2024-06\n"
                                             "publisher: VIVE\n"
                                             "link: https://www.vive.dk/rapport\n"
                                             "areas: vollsmose, gellerupparken-toveshoej, vollsmose\n"
                                             "picture: job.png\n"
                                             "chart: line\n"
                                             "series: Andel i beskæftigelse\n"
                                             "unit: %\n"
                                             "points: 2019 = 45,2; 2020 = 46.5; 2021=47\n"
                                             "\n"
                                             "Andelen i job steg\n"
                                             "tre år i træk.\n"
                                             "\n\n"
                                             "Første afsnit af teksten.\n"
                                             "\n"
                                             "Andet afsnit.\n"},
                                            {"results/job.png", "not really a picture"}});
  auto read = kiosk::source::read_source(src);
  INFO((read.ok() ? std::string() : read.error().message));
  REQUIRE(read.ok());
  const auto it = std::find_if(read->content.results.begin(), read->content.results.end(),
                               [](const auto& r) { return r.id == "beskaeftigelse-2024"; });
  REQUIRE(it != read->content.results.end());
  CHECK(it->title == "Flere i job i Vollsmose");
  CHECK(it->date == kiosk::model::PartialDate{2024, 6, 0});
  CHECK(it->publisher == "VIVE");
  CHECK(it->link == "https://www.vive.dk/rapport");
  CHECK(it->area_ids == std::vector<std::string>{"vollsmose", "gellerupparken-toveshoej"});
  CHECK(it->summary == "Andelen i job steg tre år i træk.");
  CHECK(it->body == "Første afsnit af teksten.\n\nAndet afsnit.");
  REQUIRE(it->series.has_value());
  CHECK(it->series->kind == kiosk::model::ChartKind::kLine);
  CHECK(it->series->title == "Andel i beskæftigelse");
  CHECK(it->series->unit == "%");
  CHECK(it->series->points == std::vector<kiosk::model::SeriesPoint>{{"2019", 45.2}, {"2020", 46.5}, {"2021", 47}});
  CHECK(read->pictures.at("beskaeftigelse-2024") == (fs::path(src) / "results" / "job.png").string());
  CHECK(read->result_files.at("beskaeftigelse-2024") == "results/beskaeftigelse-2024.txt");
}

TEST_CASE("each mistake in a result file names the file and the line", "[source]") {
  TempDir dir;
  const std::string src = folder_with(
      dir, {{"results/a.txt", "title: A\ndate: 2024-13\nareas: ukendt-by\npicture: mangler.jpg\n\nTekst.\n"},
            {"results/b.txt", "titel: B\ndate: 2024\n\nTekst.\n"},
            {"results/c.txt", "title: C\ndate: 2024\npoints: 2019 = mange\n\nTekst.\n"},
            {"results/d.txt", "title: D\ndate: 2024\n"},
            {"results/e.txt", "id: a\ntitle: E\ndate: 2023\n\nTekst.\n"},
            {"results/f.txt", "title: C\ndate: 2024\n\nKopi.\n"},
            {"results/Ny fil.txt", "title: G\ndate: 2024\nlink: www.vive.dk\n\nTekst.\n"}});
  const std::string message = error_of(src);
  INFO(message);
  const auto has = [&](const std::string& line) { return message.find(line) != std::string::npos; };
  CHECK(has("results/a.txt:2: date: \"2024-13\" is not a real date: there is no month 13"));
  CHECK(has("results/a.txt:3: areas: unknown area \"ukendt-by\"; content.toml has "));
  CHECK(has("results/a.txt:4: picture: \"mangler.jpg\" not found (looked for " + (fs::path(src) / "results" / "mangler.jpg").string() + ")"));
  CHECK(has("results/b.txt:1: unknown heading \"titel\"; the headings are id, title, date,"));
  CHECK(has("results/c.txt:3: points: \"2019 = mange\" is not written label = number"));
  CHECK(has("results/c.txt:3: a chart needs 'series:', its title"));
  CHECK(has("results/d.txt:3: has no text: write at least one paragraph after the headings and a blank line"));
  CHECK(has("results/e.txt: the result id \"a\" is already used by results/a.txt"));
  CHECK(has("results/f.txt:1: the same title and date as results/c.txt; a copied file that still needs its own text?"));
  CHECK(has("results/Ny fil.txt: the id \"Ny fil\" (the file's name, or 'id:') must be 1 to 64 of a-z, 0-9 and '-'"));
  CHECK(has("results/Ny fil.txt:3: link: must start with http:// or https://"));
}

TEST_CASE("each mistake in content.toml names the line", "[source]") {
  TempDir dir;
  const std::string src = folder_with(dir, {});
  const auto path = fs::path(src) / "content.toml";
  std::string text = kiosk::testing::read_file(path);
  text += "\n[[area]]\nid = \"vollsmose\"\nnavn = \"Vollsmose 2\"\nkommune = \"Odense\"\nlists = { 2018 = \"hård\" }\n"
          "\n[[milestone]]\nid = \"ny\"\nwhen = \"2027-02-30\"\ntrack = \"fysisk\"\ntitle = \"Ny\"\n"
          "\n[[national]]\ndate = \"2025-12-01\"\nudsatte = \"mange\"\nparallelsamfund = 1\nomdannelse = 1\n"
          "\n[ekstra]\n";
  write_file(path, text);
  // "content.toml:<line of the first `needle` after the original text>: "
  const std::size_t appended = text.find("\n[[area]]\nid = \"vollsmose\"\nnavn");
  const auto line = [&](const std::string& needle) {
    const auto at = text.find(needle, appended);
    return "content.toml:" + std::to_string(std::count(text.begin(), text.begin() + static_cast<long>(at), '\n') + 1) + ": ";
  };
  const std::string message = error_of(src);
  INFO(message);
  const auto has = [&](const std::string& l) { return message.find(l) != std::string::npos; };
  const std::string area = "[[area]] " + std::to_string(default_content().areas.size() + 1);
  CHECK(has(line("id = \"vollsmose\"") + area + " \"vollsmose\": id \"vollsmose\" is used twice (also on line "));
  CHECK(has(line("navn") + area + " \"vollsmose\": unknown key 'navn'; the keys are id, name, kommune, lists, position, note"));
  CHECK(has(line("[[area]]") + area + " \"vollsmose\": 'name' is missing"));
  CHECK(has(line("lists") + area + " \"vollsmose\": lists: 2018 is \"hård\"; write \"H\" (omdannelse), \"P\" (parallelsamfund), "
                            "\"-\" (not on that list), \"?\" (not known) or one of none, udsat, parallelsamfund, omdannelse, "
                            "forebyggelse, not_parallelsamfund, unknown"));
  CHECK(has(line("when") + "[[milestone]] 13 \"ny\": 'when': \"2027-02-30\" is not a real date: 2027-02 has 28 days"));
  CHECK(has(line("track") + "[[milestone]] 13 \"ny\": track must be \"physical\", \"social\" or \"both\", not \"fysisk\""));
  CHECK(has(line("udsatte") + "[[national]] 8: 'udsatte' must be a whole number"));
  // In file order.
  CHECK(message.find("navn") < message.find("fysisk"));
  CHECK(message.find("fysisk") < message.find("ekstra"));
  CHECK(has(line("[ekstra]") + "unknown section 'ekstra'; the sections are [feed], [notices], [[area]], [[national]], [[criterion]] and [[milestone]]"));
}

TEST_CASE("a year's list is written with the lists' letters or the feed's words, and a position may be the town's", "[source]") {
  TempDir dir;
  const std::string src = folder_with(dir, {});
  const auto path = fs::path(src) / "content.toml";
  write_file(path, kiosk::testing::read_file(path) +
                       "\n[[area]]\nid = \"ny\"\nname = \"Ny\"\nkommune = \"Greve\"\n"
                       "lists = { 2018 = \"H\", 2019 = \"P\", 2020 = \"-\", 2021 = \"?\", 2022 = \"forebyggelse\", 2023 = \"unknown\" }\n"
                       "position = { lat = 55.58, lon = 12.30, approximate = true }\n");
  auto read = kiosk::source::read_source(src);
  INFO((read.ok() ? std::string() : read.error().message));
  REQUIRE(read.ok());
  const auto& a = read->content.areas.back();
  using kiosk::model::Category;
  CHECK(a.categories == std::vector<kiosk::model::CategoryYear>{{2018, Category::kOmdannelse},
                                                                {2019, Category::kParallelsamfund},
                                                                {2020, Category::kNotParallelsamfund},
                                                                {2021, Category::kUnknown},
                                                                {2022, Category::kForebyggelse},
                                                                {2023, Category::kUnknown}});
  CHECK(a.position == kiosk::model::GeoPosition{55.58, 12.30, true});
  // what init writes reads back the same, letters and approximate included
  REQUIRE(kiosk::source::write_source(dir.file("again"), read->content, "test").ok());
  const std::string written = kiosk::testing::read_file(fs::path(dir.file("again")) / "content.toml");
  CHECK(written.find("lists = { 2018 = \"H\", 2019 = \"P\", 2020 = \"-\", 2021 = \"?\", 2022 = \"forebyggelse\", 2023 = \"?\" }") !=
        std::string::npos);
  CHECK(written.find("position = { lat = 55.58, lon = 12.3, approximate = true }") != std::string::npos);
  auto again = kiosk::source::read_source(dir.file("again"));
  REQUIRE(again.ok());
  CHECK(again->content.areas == read->content.areas);
}

TEST_CASE("a position outside Denmark, a bad approximate and an unknown list word are named with their line", "[source]") {
  TempDir dir;
  const std::string src = folder_with(dir, {});
  const auto path = fs::path(src) / "content.toml";
  const std::string text = kiosk::testing::read_file(path) +
                           "\n[[area]]\nid = \"byttet\"\nname = \"Byttet\"\nkommune = \"Odense\"\n"
                           "position = { lat = 10.39, lon = 55.40 }\n"
                           "\n[[area]]\nid = \"bornholm\"\nname = \"Uden for kassen\"\nkommune = \"Bornholm\"\n"
                           "position = { lat = 55.1, lon = 15.4, approximate = true }\n"
                           "\n[[area]]\nid = \"ja\"\nname = \"Ja\"\nkommune = \"Odense\"\n"
                           "position = { lat = 55.4, lon = 10.39, approximate = \"ja\" }\n"
                           "lists = { 2018 = \"H\", 2019 = \"X\", 2020 = 3 }\n";
  write_file(path, text);
  const auto line = [&](const std::string& needle) {
    const auto at = text.find(needle);
    REQUIRE(at != std::string::npos);
    return "content.toml:" + std::to_string(std::count(text.begin(), text.begin() + static_cast<long>(at), '\n') + 1) + ": ";
  };
  const std::string message = error_of(src);
  INFO(message);
  const auto has = [&](const std::string& l) { return message.find(l) != std::string::npos; };
  const std::size_t n = default_content().areas.size();
  CHECK(has(line("lat = 10.39") + "[[area]] " + std::to_string(n + 1) + " \"byttet\": position lat = 10.39, lon = 55.4 is outside "
                                 "Denmark (lat 54.4 to 57.9, lon 7.9 to 15.3); are lat and lon swapped?"));
  CHECK(has(line("lon = 15.4") + "[[area]] " + std::to_string(n + 2) + " \"bornholm\": position lat = 55.1, lon = 15.4 is outside"));
  CHECK(has(line("approximate = \"ja\"") + "[[area]] " + std::to_string(n + 3) + " \"ja\": position must be written "));
  CHECK(has(line("2019 = \"X\"") + "[[area]] " + std::to_string(n + 3) + " \"ja\": lists: 2019 is \"X\"; write \"H\""));
  CHECK(has(line("2019 = \"X\"") + "[[area]] " + std::to_string(n + 3) + " \"ja\": lists: 2020 is not text in quotes; write"));
}

TEST_CASE("a TOML syntax error and a file that is not UTF-8 are named", "[source]") {
  TempDir dir;
  const std::string src = folder_with(dir, {{"results/latin1.txt", "title: K\xf8""benhavn\ndate: 2024\n\nTekst.\n"}});
  write_file(fs::path(src) / "content.toml", "[feed]\nsource = \"uafsluttet\n");
  write_file(fs::path(src) / "results" / "omraade.txt", "title: K\ndate: 2024\nareas: vollsmose\n\nTekst.\n");
  write_file(fs::path(src) / "results" / "uden-titel.txt", "date: 2024\n\nTekst.\n");
  const std::string message = error_of(src);
  INFO(message);
  CHECK(message.find("content.toml:2: ") != std::string::npos);
  // A content.toml that cannot be read is said once, not again as an unknown area in every result.
  CHECK(message.find("unknown area") == std::string::npos);
  CHECK(message.find("results/uden-titel.txt:1: 'title:' is missing") != std::string::npos);
  CHECK(message.find((fs::path(src) / "results" / "latin1.txt").string() + ": is not UTF-8 text; save it as UTF-8") !=
        std::string::npos);
  CHECK(error_of(dir.file("nothing")) == dir.file("nothing") + ": no such folder");
}

TEST_CASE("each part of the content knows the file and line it was written on", "[source]") {
  TempDir dir;
  const std::string src = folder_with(dir, {});
  const auto path = fs::path(src) / "content.toml";
  // A list written last but dated first: it becomes national_counts[0] and keeps its own lines.
  std::string text = kiosk::testing::read_file(path) +
                     "\n[[national]]\ndate = \"2010-12-01\"\nudsatte = 1\nparallelsamfund = 1\nomdannelse = 1\n";
  write_file(path, text);
  const auto line_of = [&](const std::string& needle, std::size_t from = 0) {
    const auto at = text.find(needle, from);
    REQUIRE(at != std::string::npos);
    return "content.toml:" + std::to_string(std::count(text.begin(), text.begin() + static_cast<long>(at), '\n') + 1);
  };
  auto read = kiosk::source::read_source(src);
  REQUIRE(read.ok());
  std::string rest;
  CHECK(kiosk::source::place_of(*read, "content.national_counts[0].udsatte", &rest) == line_of("udsatte = 1\n"));
  CHECK(rest.empty());
  CHECK(kiosk::source::place_of(*read, "content.areas[0].categories[3].year", &rest) == line_of("lists = "));
  CHECK(rest == "[3].year");
  CHECK(kiosk::source::place_of(*read, "content.areas[0]", nullptr) == line_of("[[area]]"));
  CHECK(kiosk::source::place_of(*read, "source", nullptr) == line_of("source = "));
  const std::string first = read->result_files.at(read->content.results[0].id);
  CHECK(kiosk::source::place_of(*read, "content.results[0].title", nullptr) == first + ":1");
  CHECK(kiosk::source::place_of(*read, "content.results[0].summary", nullptr).rfind(first + ":", 0) == 0);
  CHECK(kiosk::source::place_of(*read, "content.results[99].title", nullptr).empty());
}

TEST_CASE("content.toml with a key of too many dotted parts or values nested too deep is refused before toml++ reads it",
          "[source]") {
  TempDir dir;
  const std::string src = folder_with(dir, {});
  const auto path = fs::path(src) / "content.toml";
  const std::string text = kiosk::testing::read_file(path);
  const std::string next_line = "content.toml:" + std::to_string(std::count(text.begin(), text.end(), '\n') + 1) + ": ";
  std::string dotted = "a";
  for (int i = 1; i < 50000; ++i) dotted += ".a";

  write_file(path, text + "[" + dotted + "]\n");
  CHECK(error_of(src) == next_line + "the key has 50000 dotted parts; at most 16 are allowed");
  write_file(path, text + dotted + " = 1\n");
  CHECK(error_of(src) == next_line + "the key has 50000 dotted parts; at most 16 are allowed");
  write_file(path, text + "note = " + std::string(10000, '[') + std::string(10000, ']') + "\n");
  CHECK(error_of(src) == next_line + "arrays and inline tables nested 10000 deep; at most 16 are allowed");
  std::string tables;
  for (int i = 0; i < 10000; ++i) tables += "{ lat = ";
  write_file(path, text + "position = " + tables + "1" + std::string(10000, '}') + "\n");
  CHECK(error_of(src) == next_line + "arrays and inline tables nested 10000 deep; at most 16 are allowed");
}

TEST_CASE("brackets and dots in content.toml's strings and comments are not nesting", "[source]") {
  TempDir dir;
  const std::string src = folder_with(dir, {});
  const auto path = fs::path(src) / "content.toml";
  const std::string brackets(20, '['), dots(20, '.');
  write_file(path, kiosk::testing::read_file(path) +                                    //
                       "# " + brackets + " a" + dots + "a\n" +                          //
                       "[[area]] # " + brackets + "\n" +                                //
                       "id = 'ny-by'\n" +                                               // literal
                       "name = \"Ny \\\"" + brackets + "\\\" by " + dots + "\"\n" +     // basic, escapes
                       "kommune = '''Odense " + brackets + " " + dots + "'''\n" +       // multi-line literal
                       "note = \"\"\"\n" + brackets + " \\\n  " + dots + "\"\"\"\n" +  // multi-line basic
                       "lists = { 2018 = \"omdannelse\" } # " + brackets + "\n");
  const auto read = kiosk::source::read_source(src);
  INFO((read.ok() ? std::string() : read.error().message));
  REQUIRE(read.ok());
  const auto& area = read->content.areas.back();
  CHECK(area.id == "ny-by");
  CHECK(area.name == "Ny \"" + brackets + "\" by " + dots);
  CHECK(area.kommune == "Odense " + brackets + " " + dots);
  CHECK(area.note == brackets + " " + dots);
  CHECK(area.categories.size() == 1);
}

TEST_CASE("a heading after a blank line among the headings is a warning naming its line, and the text is kept", "[source]") {
  TempDir dir;
  const std::string src = folder_with(dir, {{"results/a.txt", "title: A\ndate: 2024\npublisher: VIVE\n\nlink: https://www.vive.dk\n"
                                                              "picture: a.png\n\nTekst.\n\nMere.\nchart: bar\n"}});
  auto read = kiosk::source::read_source(src);
  INFO((read.ok() ? std::string() : read.error().message));
  REQUIRE(read.ok());
  const std::string blank = "looks like a heading, but the blank line on line 4 ended the headings, so it is read as text; "
                            "remove that blank line if it is a heading";
  CHECK(read->warnings == std::vector<std::string>{"results/a.txt:5: 'link:' " + blank, "results/a.txt:6: 'picture:' " + blank,
                                                   "results/a.txt:11: 'chart:' " + blank});
  const auto& result = *std::find_if(read->content.results.begin(), read->content.results.end(), [](const auto& r) { return r.id == "a"; });
  CHECK(result.summary == "link: https://www.vive.dk picture: a.png");
  CHECK(result.link.empty());

  // When the headings lost are required ones, the problem and the warning that tells why come together.
  write_file(fs::path(src) / "results" / "a.txt", "title: A\n\ndate: 2024\npublisher: VIVE\n\nTekst.\n");
  const std::string message = error_of(src);
  CHECK(message == "results/a.txt:1: 'date:' is missing\n"
                   "results/a.txt:1: 'publisher:' is missing; write who published the result, e.g. publisher: VIVE\n"
                   "warning: results/a.txt:3: 'date:' looks like a heading, but the blank line on line 2 ended the headings, so "
                   "it is read as text; remove that blank line if it is a heading\n"
                   "warning: results/a.txt:4: 'publisher:' looks like a heading, but the blank line on line 2 ended the "
                   "headings, so it is read as text; remove that blank line if it is a heading");
}

TEST_CASE("a picture in results that no result shows is a warning naming its path", "[source]") {
  TempDir dir;
  const std::string src = folder_with(dir, {{"results/a.txt", "title: A\ndate: 2024\npublisher: VIVE\npicture: billeder/brugt.jpg\n\nTekst.\n"},
                                            {"results/billeder/brugt.jpg", "x"},
                                            {"results/billeder/gammel.JPG", "x"},
                                            {"results/overset.png", "x"},
                                            {"results/noter.docx", "x"}});
  auto read = kiosk::source::read_source(src);
  INFO((read.ok() ? std::string() : read.error().message));
  REQUIRE(read.ok());
  CHECK(read->warnings == std::vector<std::string>{
                              "results/billeder/gammel.JPG: no result shows this picture; name it on a result's 'picture:' line, or remove it",
                              "results/overset.png: no result shows this picture; name it on a result's 'picture:' line, or remove it"});
}

TEST_CASE("a result dated after today is a warning, and a year outside the feed's years is refused saying which years",
          "[source]") {
  TempDir dir;
  const std::string src = folder_with(dir, {{"results/a.txt", "title: A\ndate: 2052\npublisher: VIVE\n\nTekst.\n"},
                                            {"results/b.txt", "title: B\ndate: 2025-06-10\npublisher: VIVE\n\nTekst.\n"},
                                            {"results/c.txt", "title: C\ndate: 2025-06\npublisher: VIVE\n\nTekst.\n"},
                                            {"results/d.txt", "title: D\ndate: 2025-06-11\npublisher: VIVE\n\nTekst.\n"},
                                            {"results/e.txt", "title: E\ndate: 2025-07\npublisher: VIVE\n\nTekst.\n"}});
  const kiosk::model::PartialDate today{2025, 6, 10};
  auto read = kiosk::source::read_source(src, today);
  INFO((read.ok() ? std::string() : read.error().message));
  REQUIRE(read.ok());
  const std::string ahead = " is after today, 2025-06-10; the newest result is shown first, so this one stays first until then. Is the year right?";
  CHECK(read->warnings == std::vector<std::string>{"results/a.txt:2: date: \"2052\"" + ahead, "results/d.txt:2: date: \"2025-06-11\"" + ahead,
                                                   "results/e.txt:2: date: \"2025-07\"" + ahead});
  // Without a date to compare with, nothing is said.
  auto undated = kiosk::source::read_source(src);
  REQUIRE(undated.ok());
  CHECK(undated->warnings.empty());

  // The form is right but the year is not one a feed holds.
  write_file(fs::path(src) / "results" / "a.txt", "title: A\ndate: 2101-01-01\npublisher: VIVE\n\nTekst.\n");
  write_file(fs::path(src) / "results" / "b.txt", "title: B\ndate: 1989\npublisher: VIVE\n\nTekst.\n");
  write_file(fs::path(src) / "results" / "c.txt", "title: C\ndate: 2024-6-1\npublisher: VIVE\n\nTekst.\n");
  write_file(fs::path(src) / "results" / "d.txt", "title: D\ndate: 2024-02-00\npublisher: VIVE\n\nTekst.\n");
  write_file(fs::path(src) / "results" / "e.txt", "title: E\ndate: 2024-02-30\npublisher: VIVE\n\nTekst.\n");
  const std::string message = error_of(src);
  INFO(message);
  const auto has = [&](const std::string& line) { return message.find(line) != std::string::npos; };
  CHECK(has("results/a.txt:2: date: \"2101-01-01\" has the year 2101; a feed holds the years 1990 to 2100"));
  CHECK(has("results/b.txt:2: date: \"1989\" has the year 1989; a feed holds the years 1990 to 2100"));
  CHECK(has("results/c.txt:2: date: \"2024-6-1\" is not a date written YYYY, YYYY-MM or YYYY-MM-DD"));
  CHECK(has("results/d.txt:2: date: \"2024-02-00\" is not a real date: there is no day 00"));
  CHECK(has("results/e.txt:2: date: \"2024-02-30\" is not a real date: 2024-02 has 29 days"));
}

TEST_CASE("a misspelt area, a picture named in other capital letters, a link with a space and a missing publisher are said plainly",
          "[source]") {
  TempDir dir;
  const std::string src = folder_with(
      dir, {{"results/a.txt", "title: A\ndate: 2024\npublisher: VIVE\nareas: Vollsmose, volsmose, vollsmose, nowhere-at-all\n\nTekst.\n"},
            {"results/b.txt", "title: B\ndate: 2024\npublisher: VIVE\npicture: Beboerhus.jpg\n\nTekst.\n"},
            {"results/beboerhus.jpg", "x"},
            {"results/c.txt", "title: C\ndate: 2024\npublisher: VIVE\npicture: billeder/facade.jpeg\n\nTekst.\n"},
            {"results/billeder/facade.jpg", "x"},
            {"results/d.txt", "title: D\ndate: 2024\npublisher: VIVE\nlink: https://www.vive.dk/rapport om boliger.pdf\n\nTekst.\n"},
            {"results/e.txt", "title: E\ndate: 2024\npublisher: VIVE\nlink: https://www.vive.dk/område\n\nTekst.\n"},
            {"results/f.txt", "title: F\ndate: 2024\n\nTekst.\n"},
            {"results/g.txt", "title: G\ndate: 2024\npublisher:\n\nTekst.\n"}});
  const std::string message = error_of(src);
  INFO(message);
  const auto has = [&](const std::string& line) { return message.find(line) != std::string::npos; };
  CHECK(has("results/a.txt:4: areas: unknown area \"Vollsmose\"; did you mean \"vollsmose\"? (area ids are in small letters)\n"));
  CHECK(has("results/a.txt:4: areas: unknown area \"volsmose\"; did you mean \"vollsmose\"?\n"));
  CHECK(has("results/a.txt:4: areas: unknown area \"nowhere-at-all\"; content.toml has "));
  CHECK(has("results/b.txt:4: picture: \"Beboerhus.jpg\" not found (looked for " + (fs::path(src) / "results" / "Beboerhus.jpg").string() +
            "); there is \"beboerhus.jpg\": write the name with the same small and capital letters"));
  CHECK(has("results/c.txt:4: picture: \"billeder/facade.jpeg\" not found (looked for " +
            (fs::path(src) / "results" / "billeder" / "facade.jpeg").string() + "); did you mean \"billeder/facade.jpg\"?"));
  CHECK(has("results/d.txt:4: link: the link contains a space; write %20 in its place, or remove it"));
  CHECK(has("results/e.txt:4: link: the link contains \"å\"; write such letters with %-codes (copy the link from the browser's address bar)"));
  CHECK(has("results/f.txt:1: 'publisher:' is missing; write who published the result, e.g. publisher: VIVE"));
  CHECK(has("results/g.txt:3: 'publisher:' is missing; write who published the result, e.g. publisher: VIVE"));
}

TEST_CASE("the common TOML mistakes in content.toml are said in plain words with the line", "[source]") {
  TempDir dir;
  const std::string src = folder_with(dir, {});
  const auto path = fs::path(src) / "content.toml";
  const std::string text = kiosk::testing::read_file(path);
  // "content.toml:<line>: " for line `n` of what is added after the file's text and an empty line.
  const auto at = [&](long n) { return "content.toml:" + std::to_string(std::count(text.begin(), text.end(), '\n') + 1 + n) + ": "; };
  // What read_source says of content.toml with `added`, up to toml++'s own words.
  const auto plain = [&](const std::string& added) {
    write_file(path, text + "\n" + added);
    const std::string message = error_of(src);
    const auto detail = message.find(" (TOML: Error while parsing ");
    CHECK(detail != std::string::npos);
    return message.substr(0, detail);
  };
  CHECK(plain("[[area]]\nid = \"ny\nname = \"Ny\"\n") ==
        at(2) + "the text after `id =` starts with \" but has no closing \" on the same line; add \" at the end of the text");
  CHECK(plain("[[area]]\nid 'ny'\n") == at(2) + "`id 'ny'` needs = between the name and the value, e.g. name = \"Vollsmose\"");
  CHECK(plain("[[area]]\nid = 'a'\nid = 'b'\n") == at(3) + "'id' is given twice here; keep one of them");
  CHECK(plain("[feed]\n") == at(1) + "[feed] is written twice; write each [section] once (only [[double]] sections such as [[area]] repeat)");
  CHECK(plain("[[area]]\nname = Vollsmose\n") ==
        at(2) + "the value `Vollsmose` of `name` is not understood: write text in quotes (name = \"Vollsmose\"), numbers without them "
                "(udsatte = 12, lat = 55.38)");
  CHECK(plain("[[area]]\nname =\n") == at(2) + "there is no value after `name =`; write one, e.g. name = \"Vollsmose\" or udsatte = 12");
  CHECK(plain("[[area]]\nposition = { lat = 55,38, lon = 10.43 }\n") ==
        at(2) + "the number 55,38 is written with a decimal comma; write it with a point: 55.38");
  CHECK(plain("[[area]\n") == at(1) + "the section heading `[[area]` is not written right: write [name], or [[name]] with two brackets on each side for a section that repeats");
  CHECK(plain("[[area]]\nnote = \"\"\"Første linje\nanden linje\n") ==
        at(3) + "the text that starts with three quotes on line " + at(2).substr(13, at(2).size() - 15) +
                " is never closed; add the same three quotes after its last line");
}
