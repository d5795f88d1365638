// What build and preview say of the translations: a line per language, the missing texts on request.
#include "publish/coverage.h"

#include <catch2/catch.hpp>

#include "feed/feed_json.h"
#include "test_support.h"
#include "untranslated.h"

using kiosk::publish::coverage_lines;
using kiosk::publish::coverage_values;
using kiosk::publish::Missing;

namespace {

kiosk::model::Content content_with_one_result() {
  auto feed = kiosk::feed::parse_feed(kiosk::testing::default_feed_text());
  REQUIRE(feed.ok());
  kiosk::model::Content c;
  c.results = {kiosk::testing::without_translations(feed->content).results.front()};
  c.results[0].body = "Hele teksten.";
  c.results[0].series.reset();
  return c;  // three texts (title, summary, body), none translated
}

}  // namespace

TEST_CASE("coverage says per language how many texts are translated, and with kListed which are not", "[publish][translations]") {
  auto c = content_with_one_result();
  CHECK(coverage_lines(c, Missing::kListed) == std::vector<std::string>{"no translations: every text is shown in Danish"});
  const std::string id = c.results[0].id;
  c.results[0].translations = {{"ar", {{"title", "عنوان"}, {"summary", "ملخص"}}}, {"en", {{"title", "Title"}}}};
  CHECK(coverage_lines(c, Missing::kCounted) ==
        std::vector<std::string>{"en: 1 of 3 texts", "ar: 2 of 3 texts", "so: 0 of 3 texts", "tr: 0 of 3 texts", "ur: 0 of 3 texts",
                                 "fa: 0 of 3 texts"});
  const auto listed = coverage_lines(c, Missing::kListed);
  REQUIRE(listed.size() == 6 + 2 + 1 + 4 * 3);
  CHECK(listed[0] == "en: 1 of 3 texts");
  CHECK(listed[1] == "  missing: result " + id + ": summary");
  CHECK(listed[2] == "  missing: result " + id + ": body");
  CHECK(listed[3] == "ar: 2 of 3 texts");
  CHECK(listed[4] == "  missing: result " + id + ": body");
  CHECK(coverage_values(c, Missing::kCounted) ==
        std::vector<std::string>{"texts=3", "translated_en=1", "translated_ar=2", "translated_so=0", "translated_tr=0", "translated_ur=0",
                                 "translated_fa=0"});
  CHECK(coverage_values(c, Missing::kListed)[7] == "missing_en=result " + id + ": summary");
}
