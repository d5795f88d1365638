#include <catch2/catch.hpp>

#include "model/validate.h"

using namespace kiosk::model;

TEST_CASE("UTF-8 validation accepts Danish text and rejects malformed bytes", "[model]") {
  CHECK(is_valid_utf8("Tåstrupgård, Mjølnerparken, Ærø"));
  CHECK(is_valid_utf8(""));
  CHECK_FALSE(is_valid_utf8("bad \xC3"));              // truncated sequence
  CHECK_FALSE(is_valid_utf8("\xC3\x28"));              // bad continuation
  CHECK_FALSE(is_valid_utf8("\xC0\xAF"));              // overlong '/'
  CHECK_FALSE(is_valid_utf8("\xED\xA0\x80"));          // UTF-16 surrogate
  CHECK_FALSE(is_valid_utf8("\xF4\x90\x80\x80"));      // past U+10FFFF
  CHECK_FALSE(is_valid_utf8("\xFF"));
  CHECK(utf8_length("æøå") == 3);
}

TEST_CASE("ids are short slugs", "[model]") {
  CHECK(is_valid_id("vollsmose"));
  CHECK(is_valid_id("gellerupparken-toveshoej"));
  CHECK_FALSE(is_valid_id(""));
  CHECK_FALSE(is_valid_id("Vollsmose"));
  CHECK_FALSE(is_valid_id("tåstrup"));
  CHECK_FALSE(is_valid_id(std::string(65, 'a')));
  CHECK(is_valid_id(std::string(64, 'a')));
}

TEST_CASE("partial dates parse and format round-trip", "[model]") {
  for (const char* text : {"2019", "2019-05", "2019-12-01", "2024-02-29"}) {
    auto d = parse_partial_date(text);
    REQUIRE(d.ok());
    CHECK(format_partial_date(*d) == text);
  }
  CHECK(parse_partial_date("2019-05")->month == 5);
  for (const char* bad : {"", "19", "2019-5", "2019-13", "2019-00", "2023-02-29", "2019-04-31", "1800", "2019/05", "abcd"}) {
    INFO(bad);
    CHECK_FALSE(parse_partial_date(bad).ok());
  }
  CHECK(PartialDate{2019} < PartialDate{2019, 5});
  CHECK(PartialDate{2019, 5, 14} < PartialDate{2020});
}

TEST_CASE("enum words round-trip and unknown words are refused", "[model]") {
  Category c{};
  CHECK(parse_category("omdannelse", c));
  CHECK(c == Category::kOmdannelse);
  CHECK(to_string(Category::kParallelsamfund) == "parallelsamfund");
  CHECK_FALSE(parse_category("ghetto", c));
  Track t{};
  CHECK(parse_track("social", t));
  CHECK(t == Track::kSocial);
  CHECK_FALSE(parse_track("Social", t));
  ChartKind k{};
  CHECK(parse_chart_kind("line", k));
  CHECK_FALSE(parse_chart_kind("pie", k));
}

TEST_CASE("the two category words that say less than a level round-trip and are listed for messages", "[model]") {
  Category c{};
  REQUIRE(parse_category("not_parallelsamfund", c));
  CHECK(c == Category::kNotParallelsamfund);
  REQUIRE(parse_category("unknown", c));
  CHECK(c == Category::kUnknown);
  CHECK(to_string(Category::kNotParallelsamfund) == "not_parallelsamfund");
  CHECK(to_string(Category::kUnknown) == "unknown");
  CHECK_FALSE(parse_category("?", c));  // the source folder's shorthand, not a feed word
  CHECK(category_words() == "none, udsat, parallelsamfund, omdannelse, forebyggelse, not_parallelsamfund, unknown");
}

TEST_CASE("Denmark's bounding box holds its corners and refuses a step past each edge and swapped coordinates", "[model]") {
  CHECK(in_denmark({55.40, 10.39}));          // Odense
  CHECK(in_denmark({55.10, 14.70}));          // Bornholm
  CHECK(in_denmark({57.72, 10.58}));          // Skagen
  CHECK(in_denmark({54.4, 7.9}));             // the corners are inside
  CHECK(in_denmark({57.9, 15.3}));
  CHECK_FALSE(in_denmark({54.39, 10.0}));
  CHECK_FALSE(in_denmark({57.91, 10.0}));
  CHECK_FALSE(in_denmark({56.0, 7.89}));
  CHECK_FALSE(in_denmark({56.0, 15.31}));
  CHECK_FALSE(in_denmark({10.39, 55.40}));    // lat and lon swapped
  CHECK_FALSE(in_denmark({0, 0}));
}
