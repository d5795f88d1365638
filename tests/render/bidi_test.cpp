#include <catch2/catch.hpp>

#include "render/bidi.h"

using kiosk::render::Direction;
using kiosk::render::Script;
using kiosk::render::visual_runs;

namespace {

// "Welcome to Vollsmose since 2024": Arabic words with a Latin name and a number inside.
constexpr const char* kMixed = "مرحبا بكم في Vollsmose منذ 2024";

struct Seen {
  std::string text;
  Direction direction;
  friend bool operator==(const Seen&, const Seen&) = default;
};

// The runs as text and direction, leftmost first.
std::vector<Seen> seen(std::string_view line, Direction base) {
  std::vector<Seen> out;
  for (const auto& run : visual_runs(line, base)) out.push_back({run.text, run.direction});
  return out;
}

constexpr Direction kLtr = Direction::kLeftToRight;
constexpr Direction kRtl = Direction::kRightToLeft;

}  // namespace

namespace Catch {
template <>
struct StringMaker<Seen> {
  static std::string convert(const Seen& s) { return "\"" + s.text + (s.direction == kRtl ? "\" RTL" : "\" LTR"); }
};
}  // namespace Catch

TEST_CASE("an Arabic paragraph is right to left, a Danish one left to right", "[render][bidi]") {
  CHECK(kiosk::render::paragraph_direction(kMixed, Direction::kLeftToRight) == Direction::kRightToLeft);
  CHECK(kiosk::render::paragraph_direction("Vollsmose مرحبا", Direction::kRightToLeft) == Direction::kLeftToRight);
  // No strong character: the canvas' direction decides.
  CHECK(kiosk::render::paragraph_direction("2024", Direction::kRightToLeft) == Direction::kRightToLeft);
  CHECK(kiosk::render::paragraph_direction("2024", Direction::kLeftToRight) == Direction::kLeftToRight);
}

TEST_CASE("numbers and Latin names inside Arabic come out in visual order", "[render][bidi]") {
  const auto runs = visual_runs(kMixed, Direction::kRightToLeft);
  REQUIRE(runs.size() == 4);
  // Leftmost first: the number, the last Arabic word, the name, then the first Arabic words rightmost.
  CHECK(runs[0].text == "2024");
  CHECK(runs[0].direction == Direction::kLeftToRight);
  CHECK(runs[1].text == " منذ ");
  CHECK(runs[1].direction == Direction::kRightToLeft);
  CHECK(runs[1].script == Script::kArabic);
  CHECK(runs[2].text == "Vollsmose");
  CHECK(runs[2].direction == Direction::kLeftToRight);
  CHECK(runs[2].script == Script::kLatin);
  CHECK(runs[3].text == "مرحبا بكم في ");
  CHECK(runs[3].direction == Direction::kRightToLeft);
  CHECK(runs[3].script == Script::kArabic);
}

TEST_CASE("a Danish line is one run", "[render][bidi]") {
  CHECK(seen("Tåstrupgård-Parken, 2018-2029", kLtr) == std::vector<Seen>{{"Tåstrupgård-Parken, 2018-2029", kLtr}});
}

TEST_CASE("an Arabic name inside Danish keeps the Danish order around it", "[render][bidi]") {
  CHECK(seen("Velkommen مرحبا بكم til huset", kLtr) ==
        std::vector<Seen>{{"Velkommen ", kLtr}, {"مرحبا بكم", kRtl}, {" til huset", kLtr}});
}

TEST_CASE("years in a right-to-left paragraph read in order from the right", "[render][bidi]") {
  // No strong letter: in an Arabic paragraph the first year stands rightmost, each still read 2018.
  CHECK(seen("2018 – 2029", kRtl) == std::vector<Seen>{{"2029", kLtr}, {" – ", kRtl}, {"2018", kLtr}});
}

TEST_CASE("malformed UTF-8 is kept, not lost", "[render][bidi]") {
  std::string joined;
  for (const auto& run : visual_runs("ab\xFF\xC3 مرحبا", Direction::kLeftToRight)) joined += run.text;
  CHECK(joined.size() == std::string("ab\xFF\xC3 مرحبا").size());
}
