#include <catch2/catch.hpp>

#include "model/validate.h"
#include "render/text_layout.h"

using kiosk::render::layout_text;

namespace {

// Every code point 10 px wide: layouts become easy to reason about.
int measure(std::string_view s) {
  int n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n * 10;
}

}  // namespace

TEST_CASE("text wraps at spaces within the width", "[render]") {
  auto l = layout_text("Lokale workshops og tværgående dialoggrupper", 200, 0, measure);
  REQUIRE(l.lines.size() == 3);
  CHECK(l.lines[0] == "Lokale workshops og");
  CHECK(l.lines[1] == "tværgående");
  CHECK(l.lines[2] == "dialoggrupper");
  CHECK_FALSE(l.truncated);
  for (const auto& line : l.lines) CHECK(measure(line) <= 200);
  CHECK(l.width == 190);
}

TEST_CASE("explicit newlines start new lines", "[render]") {
  auto l = layout_text("første\n\nandet", 500, 0, measure);
  REQUIRE(l.lines.size() == 3);
  CHECK(l.lines[1].empty());
}

TEST_CASE("a word wider than the line is broken between characters", "[render]") {
  auto l = layout_text("Omdannelsesområderne", 60, 0, measure);
  REQUIRE(l.lines.size() == 4);
  CHECK(l.lines[0] == "Omdann");
  CHECK(l.lines[3] == "ne");
  for (const auto& line : l.lines) {
    CHECK(measure(line) <= 60);
    CHECK(kiosk::model::is_valid_utf8(line));  // never splits inside æ, ø, å
  }
}

TEST_CASE("text beyond max_lines ends in an ellipsis that fits", "[render]") {
  auto l = layout_text("en to tre fire fem seks syv otte ni ti", 90, 2, measure);
  REQUIRE(l.lines.size() == 2);
  CHECK(l.truncated);
  CHECK(l.lines[1].size() >= 3);
  CHECK(l.lines[1].substr(l.lines[1].size() - 3) == "\xE2\x80\xA6");
  CHECK(measure(l.lines[1]) <= 90);
}

TEST_CASE("a width of zero lays out nothing and says so", "[render]") {
  auto l = layout_text("tekst", 0, 0, measure);
  CHECK(l.lines.empty());
  CHECK(l.truncated);
}

using Lines = std::vector<std::string>;

TEST_CASE("a hyphenated name breaks after its hyphen, not between letters", "[render][text]") {
  // "Tåstrupgård-Parken" is 18 code points: 180 px in this measure, in a 140 px line.
  CHECK(layout_text("Tåstrupgård-Parken", 140, 0, measure).lines == Lines{"Tåstrupgård-", "Parken"});
}

TEST_CASE("a span of years is not broken at its hyphen", "[render][text]") {
  CHECK(layout_text("evaluering 2018-2029", 120, 0, measure).lines == Lines{"evaluering", "2018-2029"});
}

TEST_CASE("each line knows its paragraph", "[render][text]") {
  auto l = layout_text("en to tre\nfire", 50, 0, measure);
  CHECK(l.lines == Lines{"en to", "tre", "fire"});
  CHECK(l.paragraph_of_line == std::vector<int>{0, 0, 1});
}

TEST_CASE("a word broken between characters keeps a combining mark with its letter", "[render][text]") {
  // "a" + U+0301 (combining acute) counts as two code points: "aaá" is 40 px and does not fit 30 px.
  CHECK(layout_text("aaa\xCC\x81", 30, 0, measure).lines == Lines{"aa", "a\xCC\x81"});
}

TEST_CASE("Arabic text breaks at its spaces", "[render][text]") {
  CHECK(layout_text("مرحبا بكم في المركز", 100, 0, measure, {.language = "ar"}).lines == Lines{"مرحبا بكم", "في المركز"});
}

TEST_CASE("a line separator ends the line even where the rest would fit", "[render][text]") {
  // U+2028 is a mandatory break in UAX #14; "en to" would fit 100 px on one line.
  CHECK(layout_text("en\xE2\x80\xA8to", 100, 0, measure).lines == Lines{"en\xE2\x80\xA8", "to"});
}

TEST_CASE("a language tag ICU does not know still breaks by the common rules", "[render][text]") {
  const Lines expected{"Tåstrupgård-", "Parken 2018-2029"};
  CHECK(layout_text("Tåstrupgård-Parken 2018-2029", 160, 0, measure, {.language = "not a tag!"}).lines == expected);
  CHECK(layout_text("Tåstrupgård-Parken 2018-2029", 160, 0, measure, {.language = "so"}).lines == expected);
}
