// Translations in the source folder: results/<id>.<language>.txt beside the Danish file, and
// `ar.title = "..."` in content.toml's areas, criteria and milestones. Each mistake names its file
// and line; init writes translations so that reading them back gives the same content.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>

#include "feed/feed_json.h"
#include "model/translations.h"
#include "source/source_folder.h"
#include "source_fixture.h"
#include "test_support.h"

namespace {

namespace fs = std::filesystem;
using kiosk::testing::default_content;
using kiosk::testing::error_of;
using kiosk::testing::TempDir;
using kiosk::testing::write_file;

// The default content with a translation on each kind of object that takes one; the result with a
// chart translated into Arabic (title, summary, body and the chart) and Somali (the title only).
kiosk::model::Content translated_content() {
  auto c = default_content();
  c.areas[0].note = "Tal fra kommunen";
  c.areas[0].translations = {{"en", {{"note", "Figures from the municipality"}}}};
  c.criteria[0].translations = {{"ar", {{"title", "التوظيف"}, {"summary", "عمل"}}}, {"so", {{"title", "Shaqo"}}}};
  c.milestones[0].translations = {{"tr", {{"title", "Değerlendirme başlıyor"}}}};
  for (auto& r : c.results) {
    if (!r.series) continue;
    r.body = "Første afsnit.\n\nAndet afsnit.";
    r.translations = {{"ar", {{"title", "تقرير"}, {"summary", "ملخص"}, {"body", "الفقرة الأولى.\n\nالفقرة الثانية."}}},
                      {"so", {{"title", "Warbixin"}}}};
    r.series->unit = "områder";
    r.series->translations = {{"ar", {{"title", "المناطق"}, {"unit", "مناطق"}}}};
    break;
  }
  return c;
}

// The id of the first result with a chart: the one translated_content() translates.
std::string charted_id(const kiosk::model::Content& c) {
  return std::find_if(c.results.begin(), c.results.end(), [](const auto& r) { return r.series.has_value(); })->id;
}

std::string folder_of(const TempDir& dir, const kiosk::model::Content& content) {
  const std::string src = dir.file("src");
  REQUIRE(kiosk::source::write_source(src, content, "test").ok());
  return src;
}

std::string line_of(const std::string& text, const std::string& needle, std::size_t from = 0) {
  const auto at = text.find(needle, from);
  REQUIRE(at != std::string::npos);
  return std::to_string(std::count(text.begin(), text.begin() + static_cast<long>(at), '\n') + 1);
}

}  // namespace

TEST_CASE("init writes translations and reading them back gives the same content", "[source][translations]") {
  TempDir dir;
  const auto content = translated_content();
  const std::string src = folder_of(dir, content);
  const std::string id = charted_id(content);
  CHECK(fs::exists(fs::path(src) / "results" / (id + ".ar.txt")));
  CHECK(fs::exists(fs::path(src) / "results" / (id + ".so.txt")));
  CHECK_FALSE(fs::exists(fs::path(src) / "results" / (id + ".en.txt")));
  CHECK(kiosk::testing::read_file(fs::path(src) / "results" / (id + ".so.txt")) == "title: Warbixin\n");
  const std::string toml = kiosk::testing::read_file(fs::path(src) / "content.toml");
  CHECK(toml.find("\nen.note = \"Figures from the municipality\"\n") != std::string::npos);
  CHECK(toml.find("\nar.title = \"التوظيف\"\nar.summary = \"عمل\"\nso.title = \"Shaqo\"\n") != std::string::npos);

  auto read = kiosk::source::read_source(src);
  INFO((read.ok() ? std::string() : read.error().message));
  REQUIRE(read.ok());
  CHECK(read->content.areas == content.areas);
  CHECK(read->content.criteria == content.criteria);
  CHECK(read->content.milestones == content.milestones);
  auto expected = content.results;
  std::sort(expected.begin(), expected.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
  CHECK(read->content.results == expected);
  // and where each translation was written, for the feed's own checks
  const auto i = std::to_string(std::find_if(read->content.results.begin(), read->content.results.end(),
                                             [&](const auto& r) { return r.id == id; }) - read->content.results.begin());
  CHECK(read->places.at("content.results[" + i + "].translations.ar.summary") == "results/" + id + ".ar.txt:5");
  CHECK(read->places.at("content.results[" + i + "].series.translations.ar.unit") == "results/" + id + ".ar.txt:3");
  CHECK(read->places.at("content.criteria[0].translations.so.title") == "content.toml:" + line_of(toml, "so.title"));
}

TEST_CASE("a translation file written by hand gives its texts, and the rest stays Danish", "[source][translations]") {
  TempDir dir;
  const std::string src = folder_of(dir, default_content());
  const std::string id = default_content().results[0].id;
  write_file(fs::path(src) / "results" / (id + ".ar.txt"), "title: عنوان\n\nملخص\nفي سطرين.\n\nالنص الكامل.\n");
  auto read = kiosk::source::read_source(src);
  INFO((read.ok() ? std::string() : read.error().message));
  REQUIRE(read.ok());
  const auto r = std::find_if(read->content.results.begin(), read->content.results.end(), [&](const auto& x) { return x.id == id; });
  REQUIRE(r != read->content.results.end());
  CHECK(r->translations.at("ar") == std::map<std::string, std::string>{{"title", "عنوان"}, {"summary", "ملخص في سطرين."}, {"body", "النص الكامل."}});
  const auto arabic = kiosk::model::localized(read->content, "ar");
  const auto shown = std::find_if(arabic.results.begin(), arabic.results.end(), [&](const auto& x) { return x.id == id; });
  CHECK(shown->title == "عنوان");
  CHECK(shown->publisher == r->publisher);
}

TEST_CASE("each mistake in a translation file names the file and the line", "[source][translations]") {
  TempDir dir;
  const std::string src = folder_of(dir, default_content());
  const auto content = default_content();
  const std::string id = content.results[0].id;  // a result without a chart
  REQUIRE_FALSE(content.results[0].series.has_value());
  const auto results = fs::path(src) / "results";
  write_file(results / (id + ".arb.txt"), "title: x\n\nx\n");
  write_file(results / (id + ".da.txt"), "title: x\n\nx\n");
  write_file(results / "findes-ikke.ar.txt", "title: x\n\nx\n");
  write_file(results / (id + ".tr.txt"), "title: Başlık\ndate: 2024\npublisher: VIVE\n\nMetin.\n");
  write_file(results / (id + ".fa.txt"), "title:\nunit: مناطق\n\nمتن.\n");
  write_file(results / (id + ".ur.txt"), "");
  const std::string message = error_of(src);
  INFO(message);
  const auto has = [&](const std::string& line) { return message.find(line) != std::string::npos; };
  const std::string r = "results/" + id;
  CHECK(has(r + ".arb.txt: unknown language \"arb\" in the file's name; the languages are en, ar, so, tr, ur, fa; did you mean \"ar\"?"));
  CHECK(has(r + ".da.txt: the Danish text is " + r + ".txt itself; a translation is named " + id + ".<language>.txt"));
  CHECK(has("results/findes-ikke.ar.txt: translates results/findes-ikke.txt, which does not exist"));
  CHECK(has(r + ".tr.txt:2: 'date:' is not translated: it is taken from " + r + ".txt; a translation gives only title, series and "
                "unit, then the text. Remove this line"));
  CHECK(has(r + ".tr.txt:3: 'publisher:' is not translated"));
  CHECK(has(r + ".fa.txt:1: 'title:' is empty; write its translation, or remove the line to show the Danish title"));
  CHECK(has(r + ".fa.txt:2: 'unit:' translates a chart, but " + r + ".txt has none"));
  CHECK(has(r + ".ur.txt: translates nothing: write the translated title and text, or remove the file to show " + r + ".txt"));
}

TEST_CASE("each mistake in content.toml's translations names the line", "[source][translations]") {
  TempDir dir;
  const std::string src = folder_of(dir, default_content());
  const auto path = fs::path(src) / "content.toml";
  std::string text = kiosk::testing::read_file(path);
  const std::size_t appended = text.size();
  text += "\n[[milestone]]\nid = \"ny\"\nwhen = \"2027\"\ntitle = \"Ny\"\nar.title = \"جديد\"\narb.title = \"x\"\n"
          "da.title = \"Ny\"\ntr.when = \"2027\"\nfa.title = \"\"\nso.title = 3\nur.text = \"متن\"\n"
          "\n[[area]]\nid = \"ny-by\"\nname = \"Ny By\"\nkommune = \"Ny\"\nen.name = \"New Town\"\n";
  write_file(path, text);
  const std::string message = error_of(src);
  INFO(message);
  const auto has = [&](const std::string& needle, const std::string& rest) {
    const std::string line = "content.toml:" + line_of(text, needle, appended) + ": ";
    return message.find(line + rest) != std::string::npos;
  };
  const std::string ms = "[[milestone]] " + std::to_string(default_content().milestones.size() + 1) + " \"ny\": ";
  CHECK(has("arb.title", ms + "unknown language 'arb'; the languages are en, ar, so, tr, ur, fa"));
  CHECK(has("da.title", ms + "da.title: the Danish text is written without a language, e.g. title = \"...\""));
  CHECK(has("tr.when", ms + "tr.when: 'when' is not translated; the texts translated here are title, text"));
  CHECK(has("fa.title", ms + "fa.title is empty; write its translation, or remove the line to show the Danish title"));
  CHECK(has("so.title", ms + "so.title must be text in quotes"));
  CHECK(has("en.name", "[[area]] " + std::to_string(default_content().areas.size() + 1) +
                           " \"ny-by\": en.name: 'name' is not translated; the texts translated here are note"));
  CHECK(message.find(line_of(text, "ar.title", appended) + ":") == std::string::npos);  // a good one
  // A translation of a text that is empty in Danish is the feed's rule; the build names the line.
  CHECK(message.find("ur.text") == std::string::npos);
}
