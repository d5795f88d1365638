// Right-to-left text read back from its pixels: the order a resident reads, not the order the code
// stored. Tesseract sees only the picture.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>

#include "ocr.h"
#include "render/canvas.h"
#include "render_support.h"

using namespace kiosk;

namespace {

const testing::OcrWord* find(const std::vector<testing::OcrWord>& words, const std::string& text) {
  auto it = std::find_if(words.begin(), words.end(), [&](const testing::OcrWord& w) { return w.text == text; });
  return it == words.end() ? nullptr : &*it;
}

std::vector<testing::OcrWord> draw_and_read(const std::string& sentence, const std::string& language,
                                            const std::string& models, const std::string& name) {
  testing::SoftwareTarget target(1800, 160);
  render::Canvas canvas(target.renderer(), target.fonts(), 1800, 160);
  canvas.set_direction(render::Direction::kRightToLeft);
  canvas.set_language(language);
  canvas.clear({0x0B, 0x1A, 0x2E, 255});
  render::TextStyle style{64, render::Weight::kRegular, {255, 255, 255, 255}};
  canvas.text(sentence, {40, 30, 1720, 110}, style);
  SDL_RenderFlush(target.renderer());
  return testing::read_words(target.surface(), models, 7, name);
}

}  // namespace

// "Vollsmose opened a new library in 2024": logically the Arabic verb first, then the Latin name,
// the Arabic words, and the year last. On the screen the verb is rightmost, "Vollsmose" left of it,
// and "2024" leftmost, its digits in their own order.
TEST_CASE("a year and a Latin name inside an Arabic sentence read in the right order on the screen", "[ocr]") {
  const auto words = draw_and_read("افتتحت Vollsmose مكتبة جديدة في 2024", "ar", "ara+eng", "ocr-order-ar");
  const auto* verb = find(words, "افتتحت");
  const auto* name = find(words, "Vollsmose");
  const auto* year = find(words, "2024");
  INFO("read " << words.size() << " words");
  REQUIRE(verb);
  REQUIRE(name);
  REQUIRE(year);
  CHECK(find(words, "4202") == nullptr);
  CHECK(year->left + year->width <= name->left);
  CHECK(name->left + name->width <= verb->left);
  // The sentence starts at the box's right edge: the canvas is right to left.
  CHECK(verb->left + verb->width > 1800 - 200);
}

TEST_CASE("Urdu with a year reads in the right order on the screen", "[ocr]") {
  // "The list of 2023": the year follows the Urdu words in reading order, so it lies left of them.
  const auto words = draw_and_read("فہرست برائے 2023", "ur", "urd+eng", "ocr-order-ur");
  const auto* list = find(words, "فہرست");
  const auto* year = find(words, "2023");
  REQUIRE(list);
  REQUIRE(year);
  CHECK(year->left + year->width <= list->left);
}
