// The scene holds the content once per configured language and says which language each round of
// the cycle is drawn in; kiosk.toml's codes are checked against the languages the kiosk has.
#include <catch2/catch.hpp>

#include "app/scene.h"
#include "config/config.h"

using namespace kiosk;

namespace {

screens::LoadedContent content_with_a_translated_note() {
  screens::LoadedContent loaded;
  model::Area area;
  area.id = "vollsmose";
  area.name = "Vollsmose";
  area.kommune = "Odense";
  area.note = "Tallene er fra 2024.";
  area.translations["ar"]["note"] = "الأرقام من عام 2024.";
  loaded.content.areas.push_back(area);
  return loaded;
}

config::Config with_languages(std::vector<std::string> codes, int rounds_per_language = 1) {
  config::Config config;
  config.languages.codes = std::move(codes);
  config.rounds_per_language = rounds_per_language;
  return config;
}

}  // namespace

TEST_CASE("the scene gives the content in each configured language, Danish where nothing is translated", "[scene][languages]") {
  const auto loaded = content_with_a_translated_note();
  const app::Scene scene(loaded, with_languages({"da", "ar", "so"}));
  REQUIRE(scene.language_count() == 3);
  CHECK(std::string(scene.language(1).code()) == "ar");
  const WallTime now{};
  const auto danish = scene.context(now, 0, 0);
  const auto arabic = scene.context(now, 0, 1);
  const auto somali = scene.context(now, 0, 2);
  CHECK(std::string(danish.lang().code()) == "da");
  CHECK(std::string(arabic.lang().code()) == "ar");
  CHECK(arabic.lang().right_to_left());
  REQUIRE(arabic.area != nullptr);
  CHECK(arabic.area->note == "الأرقام من عام 2024.");
  CHECK(arabic.area == &arabic.content.areas[0]);  // the area is the one in that language's content
  CHECK(danish.area->note == "Tallene er fra 2024.");
  CHECK(somali.area->note == "Tallene er fra 2024.");
  CHECK(scene.find_language("so") == std::size_t{2});
  CHECK_FALSE(scene.find_language("en").has_value());
}

TEST_CASE("each round of the cycle is drawn in the next language, rounds_per_language rounds each", "[scene][languages]") {
  const auto loaded = content_with_a_translated_note();
  const app::Scene one(loaded, with_languages({"da", "ar", "so"}));
  CHECK(one.language_of_round(0) == 0);
  CHECK(one.language_of_round(1) == 1);
  CHECK(one.language_of_round(2) == 2);
  CHECK(one.language_of_round(3) == 0);
  const app::Scene two(loaded, with_languages({"ar", "da"}, 2));
  CHECK(std::string(two.language(two.language_of_round(0)).code()) == "ar");
  CHECK(std::string(two.language(two.language_of_round(1)).code()) == "ar");
  CHECK(std::string(two.language(two.language_of_round(2)).code()) == "da");
  const app::Scene danish_only(loaded, config::Config{});
  CHECK(danish_only.language_count() == 1);
  CHECK(danish_only.language_of_round(5) == 0);
}

TEST_CASE("a language the kiosk does not have stops it naming kiosk.toml's line and the languages there are", "[scene][languages]") {
  CHECK(app::check_languages(config::Config{}).ok());
  CHECK(app::check_languages(with_languages({"da", "en", "ar", "so", "tr", "ur", "fa"})).ok());
  auto config = config::parse("area = \"vollsmose\"\nlanguages = [\"da\", \"de\", \"pl\"]\n", "/etc/kiosk/kiosk.toml");
  REQUIRE(config.ok());
  config->source_path = "/etc/kiosk/kiosk.toml";
  const Status checked = app::check_languages(*config);
  REQUIRE_FALSE(checked.ok());
  CHECK(checked.error().message ==
        "/etc/kiosk/kiosk.toml:2: languages: \"de\" is not a language of this kiosk; the languages are da, en, ar, so, tr, ur, fa\n"
        "/etc/kiosk/kiosk.toml:2: languages: \"pl\" is not a language of this kiosk; the languages are da, en, ar, so, tr, ur, fa");
}
