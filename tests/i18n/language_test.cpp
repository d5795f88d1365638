#include <catch2/catch.hpp>

#include <regex>
#include <set>
#include <string>

#include "i18n/language.h"

using namespace kiosk::i18n;

namespace {

std::set<std::string> placeholders(std::string_view text) {
  std::set<std::string> names;
  const std::string s(text);
  const std::regex brace(R"(\{([a-z_]+)\})");
  for (auto it = std::sregex_iterator(s.begin(), s.end(), brace); it != std::sregex_iterator(); ++it) {
    names.insert((*it)[1]);
  }
  return names;
}

}  // namespace

TEST_CASE("the program ships Danish and six languages, each with its own name and direction", "[i18n]") {
  CHECK(language_codes() == "da, en, ar, so, tr, ur, fa");
  CHECK(std::string(danish().code()) == "da");
  REQUIRE(find_language("ar"));
  CHECK(std::string(find_language("ar")->native_name()) == "العربية");
  CHECK(find_language("ar")->right_to_left());
  CHECK(find_language("ur")->right_to_left());
  CHECK(find_language("fa")->right_to_left());
  CHECK_FALSE(find_language("so")->right_to_left());
  CHECK(std::string(find_language("tr")->native_name()) == "Türkçe");
  CHECK(find_language("de") == nullptr);
  CHECK(find_language("") == nullptr);
}

TEST_CASE("every language but Danish has a catalogue built in, and Danish is the words themselves", "[i18n]") {
  for (const Language* language : languages()) {
    INFO(language->code());
    if (std::string(language->code()) == "da") {
      CHECK(built_in_catalogue("da").empty());
      CHECK(std::string(language->tr("Tilbage")) == "Tilbage");
      continue;
    }
    CHECK_FALSE(built_in_catalogue(language->code()).empty());
    CHECK(language->catalog().size() > 0);
    CHECK(language->catalog().header("Language") == language->code());
  }
  CHECK(std::string(find_language("en")->tr("Tilbage")) == "Back");
}

TEST_CASE("a word a catalogue lacks stays Danish, never empty", "[i18n]") {
  for (const Language* language : languages()) {
    CHECK(std::string(language->tr("Et ord ingen har oversat")) == "Et ord ingen har oversat");
    CHECK(std::string(language->trn("{n} ord ingen har oversat", "{n} ord ingen har oversatte", 1)) ==
          "{n} ord ingen har oversat");
    CHECK(std::string(language->trn("{n} ord ingen har oversat", "{n} ord ingen har oversatte", 4)) ==
          "{n} ord ingen har oversatte");
  }
}

TEST_CASE("plural forms follow each language's rule, as its catalogue's header states it", "[i18n]") {
  // The header of each po/<code>.po must state the rule the program applies (CLDR's).
  const std::pair<const char*, const char*> rules[] = {
      {"en", "nplurals=2; plural=(n != 1);"},
      {"so", "nplurals=2; plural=(n != 1);"},
      {"tr", "nplurals=2; plural=(n != 1);"},
      {"ur", "nplurals=2; plural=(n != 1);"},
      {"fa", "nplurals=2; plural=(n > 1);"},
      {"ar", "nplurals=6; plural=n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5;"},
  };
  for (const auto& [code, rule] : rules) {
    INFO(code);
    CHECK(find_language(code)->catalog().header("Plural-Forms") == rule);
  }
  const Language& ar = *find_language("ar");
  CHECK(ar.plural_count() == 6);
  CHECK(ar.plural_index(0) == 0);
  CHECK(ar.plural_index(1) == 1);
  CHECK(ar.plural_index(2) == 2);
  CHECK(ar.plural_index(3) == 3);
  CHECK(ar.plural_index(10) == 3);
  CHECK(ar.plural_index(11) == 4);
  CHECK(ar.plural_index(99) == 4);
  CHECK(ar.plural_index(100) == 5);
  CHECK(ar.plural_index(103) == 3);
  CHECK(find_language("fa")->plural_index(0) == 0);
  CHECK(find_language("fa")->plural_index(1) == 0);
  CHECK(find_language("fa")->plural_index(2) == 1);
  CHECK(find_language("en")->plural_index(0) == 1);
  CHECK(find_language("en")->plural_index(1) == 0);
}

TEST_CASE("every translation keeps its word's placeholders, so no figure is lost in a language", "[i18n]") {
  for (const Language* language : languages()) {
    for (const auto& [key, text] : language->catalog().entries()) {
      const std::string_view msgid = key.substr(key.find('\x04') == std::string_view::npos ? 0 : key.find('\x04') + 1);
      const auto wanted = placeholders(msgid);
      std::size_t start = 0;
      while (start <= text.size()) {  // each plural form
        auto end = text.find('\0', start);
        if (end == std::string_view::npos) end = text.size();
        INFO(language->code() << ": " << msgid << " -> " << text.substr(start, end - start));
        CHECK(placeholders(text.substr(start, end - start)) == wanted);
        start = end + 1;
      }
    }
  }
}

TEST_CASE("numbers are grouped and decimals marked as each language writes them", "[i18n]") {
  CHECK(danish().number(1234567) == "1.234.567");
  CHECK(danish().number(-1234) == "-1.234");
  CHECK(danish().number(999) == "999");
  CHECK(danish().decimal(2.46) == "2,5");
  CHECK(danish().decimal(3.0) == "3");
  CHECK(find_language("en")->number(1234567) == "1,234,567");
  CHECK(find_language("en")->decimal(2.46) == "2.5");
  CHECK(find_language("tr")->number(12345) == "12.345");
}

TEST_CASE("fill puts values into a pattern's placeholders and leaves unknown ones visible", "[i18n]") {
  CHECK(fill("{n} områder", {{"n", "3"}}) == "3 områder");
  CHECK(fill("{day}. {month} {year}", {{"day", "14"}, {"month", "maj"}, {"year", "2019"}}) == "14. maj 2019");
  CHECK(fill("{n} af {total}", {{"n", "2"}}) == "2 af {total}");
  CHECK(fill("ingen", {{"n", "2"}}) == "ingen");
  CHECK(fill("{n", {{"n", "2"}}) == "{n");
}
