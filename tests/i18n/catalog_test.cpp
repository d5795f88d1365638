#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <unistd.h>

#include "i18n/catalog.h"

using kiosk::i18n::Catalog;

namespace {

// A .mo made by the real msgfmt from `po`, as the build makes them.
std::string compile(const std::string& po) {
  const auto dir = std::filesystem::temp_directory_path() / ("kiosk-i18n-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const auto po_path = dir / "test.po";
  const auto mo_path = dir / "test.mo";
  std::ofstream(po_path) << po;
  const std::string command = std::string(KIOSK_MSGFMT) + " --check -o " + mo_path.string() + " " + po_path.string() + " 2>/dev/null";
  REQUIRE(std::system(command.c_str()) == 0);
  std::ifstream in(mo_path, std::ios::binary);
  std::stringstream bytes;
  bytes << in.rdbuf();
  std::filesystem::remove_all(dir);
  return bytes.str();
}

const char* const kPo = R"(msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\n"
"Language: en\n"

msgid "Tilbage"
msgstr "Back"

msgctxt "month"
msgid "maj"
msgstr "May"

msgid "{n} område"
msgid_plural "{n} områder"
msgstr[0] "{n} area"
msgstr[1] "{n} areas"

msgid "Ikke oversat"
msgstr ""

#, fuzzy
msgid "Usikker"
msgstr "Unsure"
)";

}  // namespace

TEST_CASE("a catalogue made by msgfmt answers its words, contexts and plural forms", "[i18n]") {
  const std::string mo = compile(kPo);
  auto catalog = Catalog::parse(mo, "test.mo");
  REQUIRE(catalog.ok());
  CHECK(std::string(catalog->find({}, "Tilbage")) == "Back");
  CHECK(std::string(catalog->find("month", "maj")) == "May");
  CHECK(catalog->find({}, "maj") == nullptr);  // the context tells the month from the word
  CHECK(std::string(catalog->find_plural("{n} område", 0)) == "{n} area");
  CHECK(std::string(catalog->find_plural("{n} område", 1)) == "{n} areas");
  CHECK(catalog->find_plural("{n} område", 2) == nullptr);
  CHECK(catalog->header("Plural-Forms") == "nplurals=2; plural=(n != 1);");
  CHECK(catalog->header("Language") == "en");
}

TEST_CASE("untranslated and fuzzy entries are not answered, so the Danish word shows", "[i18n]") {
  auto catalog = Catalog::parse(compile(kPo), "test.mo");
  REQUIRE(catalog.ok());
  CHECK(catalog->find({}, "Ikke oversat") == nullptr);
  CHECK(catalog->find({}, "Usikker") == nullptr);
  CHECK(catalog->find({}, "Aldrig skrevet") == nullptr);
}

TEST_CASE("damaged catalogue bytes are an error naming the catalogue, never a read out of bounds", "[i18n]") {
  const std::string mo = compile(kPo);
  SECTION("cut short") {
    auto r = Catalog::parse(mo.substr(0, 20), "ar.mo");
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().message == "ar.mo: not a gettext catalogue (shorter than its header)");
  }
  SECTION("not a catalogue") {
    auto r = Catalog::parse(std::string(64, 'x'), "ar.mo");
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().message == "ar.mo: not a gettext catalogue (wrong magic number)");
  }
  SECTION("strings cut off") {
    for (std::size_t keep : {mo.size() - 1, mo.size() / 2, std::size_t{40}}) {
      auto r = Catalog::parse(mo.substr(0, keep), "ar.mo");
      REQUIRE_FALSE(r.ok());
      CHECK_THAT(r.error().message, Catch::Contains("ar.mo: not a gettext catalogue"));
    }
  }
  SECTION("a string's terminating NUL overwritten") {
    std::string bad = mo;
    bad.back() = 'x';
    CHECK_FALSE(Catalog::parse(bad, "ar.mo").ok());
  }
  SECTION("a message count larger than the file") {
    std::string bad = mo;
    bad[8] = '\xff';
    bad[9] = '\xff';
    bad[10] = '\xff';
    CHECK_FALSE(Catalog::parse(bad, "ar.mo").ok());
  }
}
