#include <SDL_ttf.h>

#include <catch2/catch.hpp>

#include "render/fonts.h"
#include "test_support.h"

namespace {

struct Ttf {
  Ttf() { REQUIRE(TTF_Init() == 0); }
  ~Ttf() { TTF_Quit(); }
};

}  // namespace

TEST_CASE("the bundled fonts open and have the Danish letters", "[render]") {
  Ttf ttf;
  auto fonts = kiosk::render::FontSet::open(kiosk::testing::source_path("assets/fonts/NotoSans-Regular.ttf"),
                                            kiosk::testing::source_path("assets/fonts/NotoSans-Bold.ttf"));
  REQUIRE(fonts.ok());
  for (auto weight : {kiosk::render::Weight::kRegular, kiosk::render::Weight::kBold}) {
    TTF_Font* f = (*fonts)->get(40, weight);
    REQUIRE(f != nullptr);
    for (Uint16 ch : {u'æ', u'ø', u'å', u'Æ', u'Ø', u'Å', u'§', u'…', u'·'}) {
      INFO(static_cast<int>(ch));
      CHECK(TTF_GlyphIsProvided(f, ch) != 0);
    }
  }
}

TEST_CASE("a missing font file is an error naming its path", "[render]") {
  Ttf ttf;
  auto fonts = kiosk::render::FontSet::open("/nonexistent/Regular.ttf", kiosk::testing::source_path("assets/fonts/NotoSans-Bold.ttf"));
  REQUIRE_FALSE(fonts.ok());
  CHECK(fonts.error().message == "font file /nonexistent/Regular.ttf does not exist");
}

TEST_CASE("a file that is not a font is an error naming its path", "[render]") {
  Ttf ttf;
  kiosk::testing::TempDir dir;
  kiosk::testing::write_file(dir.file("bad.ttf"), "this is not a font");
  auto fonts = kiosk::render::FontSet::open(dir.file("bad.ttf"), dir.file("bad.ttf"));
  REQUIRE_FALSE(fonts.ok());
  CHECK_THAT(fonts.error().message, Catch::Contains(dir.file("bad.ttf")));
}

TEST_CASE("the bundled Arabic-script faces have Arabic, Farsi and Urdu letters", "[render][text]") {
  Ttf ttf;
  auto fonts = kiosk::render::FontSet::open(kiosk::render::FontFiles::in_folder(kiosk::testing::source_path("assets/fonts")));
  REQUIRE(fonts.ok());
  for (auto face : {kiosk::render::Face::kArabic, kiosk::render::Face::kUrdu}) {
    for (auto weight : {kiosk::render::Weight::kRegular, kiosk::render::Weight::kBold}) {
      TTF_Font* f = (*fonts)->get(40, weight, face);
      REQUIRE(f != nullptr);
      // alef, beh, peh (Farsi, Urdu), gaf, tteh and yeh barree (Urdu), the Arabic comma.
      for (Uint16 ch : {0x0627, 0x0628, 0x067E, 0x06AF, 0x0679, 0x06D2, 0x060C}) {
        INFO(ch);
        CHECK(TTF_GlyphIsProvided(f, ch) != 0);
      }
    }
  }
}

TEST_CASE("a missing Arabic font file is an error naming its path", "[render][text]") {
  Ttf ttf;
  auto files = kiosk::render::FontFiles::in_folder(kiosk::testing::source_path("assets/fonts"));
  files.arabic_bold = "/nonexistent/NotoSansArabic-Bold.ttf";
  auto fonts = kiosk::render::FontSet::open(files);
  REQUIRE_FALSE(fonts.ok());
  CHECK(fonts.error().message == "font file /nonexistent/NotoSansArabic-Bold.ttf does not exist");

  // Opened by its Noto Sans files, the set looks for the Arabic faces beside them.
  kiosk::testing::TempDir dir;
  for (const char* name : {"NotoSans-Regular.ttf", "NotoSans-Bold.ttf"}) {
    kiosk::testing::write_file(dir.file(name), kiosk::testing::read_file(kiosk::testing::source_path(std::string("assets/fonts/") + name)));
  }
  auto beside = kiosk::render::FontSet::open(dir.file("NotoSans-Regular.ttf"), dir.file("NotoSans-Bold.ttf"));
  REQUIRE_FALSE(beside.ok());
  CHECK(beside.error().message == "font file " + dir.file("NotoSansArabic-Regular.ttf") + " does not exist");
}
