// Translations in the model: the Danish text replaced text by text, coverage counted over the texts
// that have Danish text, and the rules a feed's translations must meet.
#include <catch2/catch.hpp>

#include <string>

#include "model/translations.h"
#include "model/validate.h"

using namespace kiosk::model;

namespace {

Feed translated_feed() {
  Feed f;
  f.version = 1;
  f.issued = 1'700'000'000;
  f.expires = 1'800'000'000;
  Area area{"vollsmose", "Vollsmose", "Odense", {}, std::nullopt, "Tal fra kommunen"};
  area.translations = {{"en", {{"note", "Figures from the municipality"}}}};
  f.content.areas = {area};
  Criterion criterion{"beskaeftigelse", "Beskæftigelse", "Over 40 procent uden job", "Job"};
  criterion.translations = {{"ar", {{"title", "التوظيف"}, {"text", "أكثر من 40 بالمائة بدون عمل"}}}};
  f.content.criteria = {criterion};
  Milestone milestone{"start", {2018}, Track::kBoth, "Evalueringen begynder", ""};
  milestone.translations = {{"tr", {{"title", "Değerlendirme başlıyor"}}}};
  f.content.milestones = {milestone};
  Result r;
  r.id = "rapport";
  r.date = {2020};
  r.title = "Rapport";
  r.summary = "Resumé";
  r.body = "Hele teksten";
  r.publisher = "VIVE";
  r.series = Series{"Udsatte", "områder", ChartKind::kBar, {{"2018", 43}}};
  r.series->translations = {{"ar", {{"unit", "مناطق"}}}};
  r.translations = {{"ar", {{"title", "تقرير"}, {"body", "النص الكامل"}}}};
  f.content.results = {r};
  return f;
}

std::string message_of(const Feed& f) {
  auto s = validate(f);
  return s.ok() ? std::string("ok") : s.error().message;
}

}  // namespace

TEST_CASE("a feed with translations validates", "[model][translations]") { CHECK(message_of(translated_feed()) == "ok"); }

TEST_CASE("a missing translation falls back to the Danish text of that text alone", "[model][translations]") {
  const Content danish = translated_feed().content;
  const Content arabic = localized(danish, "ar");
  const Result& r = arabic.results[0];
  CHECK(r.title == "تقرير");
  CHECK(r.summary == "Resumé");  // no Arabic summary: the Danish one
  CHECK(r.body == "النص الكامل");
  CHECK(r.publisher == "VIVE");
  CHECK(r.series->title == "Udsatte");
  CHECK(r.series->unit == "مناطق");
  CHECK(arabic.criteria[0].title == "التوظيف");
  CHECK(arabic.criteria[0].summary == "Job");
  CHECK(arabic.milestones[0].title == "Evalueringen begynder");  // translated into Turkish only
  CHECK(arabic.areas[0].note == "Tal fra kommunen");
  CHECK(arabic.areas[0].name == "Vollsmose");

  const Content english = localized(danish, "en");
  CHECK(english.areas[0].note == "Figures from the municipality");
  CHECK(english.areas[0].name == "Vollsmose");
  CHECK(english.results[0].title == "Rapport");
  CHECK(localized(danish, "tr").milestones[0].title == "Değerlendirme başlıyor");
}

TEST_CASE("Danish and a language without translations give the content unchanged", "[model][translations]") {
  const Content danish = translated_feed().content;
  CHECK(localized(danish, "da") == danish);
  CHECK(localized(danish, "so") == danish);
}

TEST_CASE("coverage counts the translated texts of those that have Danish text", "[model][translations]") {
  const auto all = coverage(translated_feed().content);
  REQUIRE(all.size() == kTranslationLanguages.size());
  CHECK(all[0].language == "en");
  CHECK(all[1].language == "ar");
  // Danish texts: the note; criterion title, text, summary; milestone title (its text is empty);
  // result title, summary, body; chart title, unit. Ten.
  for (const auto& language : all) CHECK(language.texts == 10);
  CHECK(all[0].translated == 1);
  CHECK(all[1].translated == 5);
  CHECK(all[1].missing == std::vector<std::string>{"area vollsmose: note", "criterion beskaeftigelse: summary",
                                                   "milestone start: title", "result rapport: summary", "result rapport, chart: title"});
  CHECK(all[2].translated == 0);
  CHECK(all[3].translated == 1);
  CHECK(has_translations(translated_feed().content));
  Feed plain = translated_feed();
  plain.content = localized(plain.content, "da");
  for (auto& r : plain.content.results) r.translations.clear(), r.series->translations.clear();
  for (auto& a : plain.content.areas) a.translations.clear();
  for (auto& k : plain.content.criteria) k.translations.clear();
  for (auto& m : plain.content.milestones) m.translations.clear();
  CHECK_FALSE(has_translations(plain.content));
}

TEST_CASE("each broken translation rule is reported with its path", "[model][translations]") {
  Feed f = translated_feed();
  auto& r = f.content.results[0];
  SECTION("Danish is not a translation") {
    r.translations["da"] = {{"title", "Rapport"}};
    CHECK_THAT(message_of(f), Catch::Contains("content.results[0].translations.da: Danish is the text itself, not a translation"));
  }
  SECTION("an unknown language") {
    f.content.milestones[0].translations["arb"] = {{"title", "x"}};
    CHECK_THAT(message_of(f), Catch::Contains("content.milestones[0].translations.arb: 'arb' is not a language of this program "
                                              "(en, ar, so, tr, ur, fa)"));
  }
  SECTION("a field that is not translatable, named") {
    r.translations["ar"]["publisher"] = "x";
    CHECK_THAT(message_of(f), Catch::Contains("content.results[0].translations.ar.publisher: 'publisher' is not a translatable "
                                              "text here (title, summary, body)"));
    f.content.areas[0].translations["en"]["name"] = "Fullsmose";
    CHECK_THAT(message_of(f), Catch::Contains("content.areas[0].translations.en.name: 'name' is not a translatable text here (note)"));
  }
  SECTION("an empty translation") {
    r.translations["ar"]["title"] = "";
    CHECK_THAT(message_of(f), Catch::Contains("content.results[0].translations.ar.title: must not be empty"));
  }
  SECTION("a language with no texts") {
    r.translations["so"] = {};
    CHECK_THAT(message_of(f), Catch::Contains("content.results[0].translations.so: translates nothing"));
  }
  SECTION("a translation of an empty Danish text") {
    f.content.milestones[0].translations["tr"]["text"] = "Metin";
    CHECK_THAT(message_of(f), Catch::Contains("content.milestones[0].translations.tr.text: translates a text that is empty in Danish"));
  }
  SECTION("bounds like the Danish field's") {
    r.series->translations["ar"]["unit"] = std::string(Limits::kUnitChars, 'x');
    CHECK(message_of(f) == "ok");
    r.series->translations["ar"]["unit"] = std::string(Limits::kUnitChars + 1, 'x');
    CHECK_THAT(message_of(f), Catch::Contains("content.results[0].series.translations.ar.unit: is longer than 20 characters (21)"));
    f.content.criteria[0].translations["ar"]["title"] = "line\nbreak";
    CHECK_THAT(message_of(f), Catch::Contains("content.criteria[0].translations.ar.title: contains a control character"));
    f.content.criteria[0].translations["ar"]["title"] = "ok";
    f.content.criteria[0].translations["ar"]["text"] = "line\nbreak";
    CHECK(message_of(f).find("criteria[0].translations") == std::string::npos);  // text takes lines
  }
}

TEST_CASE("a notice's title and text and an event's title, place and text are shown translated, text by text", "[model][translations]") {
  Content danish;
  Notice notice;
  notice.id = "varme";
  notice.title = "Varmen er afbrudt i blok 3";
  notice.text = "Fra kl. 9 til 15";
  notice.show_until = 1'800'000'000;
  notice.translations = {{"ar", {{"title", "انقطاع التدفئة في المبنى 3"}}}, {"en", {{"text", "From 9 to 15"}}}};
  Event event;
  event.id = "moede";
  event.title = "Beboermøde";
  event.starts = 1'700'000'000;
  event.place = "Beboerhuset";
  event.text = "Alle er velkomne";
  event.translations = {{"ar", {{"title", "اجتماع السكان"}, {"place", "دار السكان"}, {"text", "الجميع مرحب بهم"}}}};
  danish.notices = {notice};
  danish.events = {event};

  const Content arabic = localized(danish, "ar");
  CHECK(arabic.notices[0].title == "انقطاع التدفئة في المبنى 3");
  CHECK(arabic.notices[0].text == "Fra kl. 9 til 15");  // no Arabic text: the Danish one
  CHECK(arabic.events[0].title == "اجتماع السكان");
  CHECK(arabic.events[0].place == "دار السكان");
  CHECK(arabic.events[0].text == "الجميع مرحب بهم");
  CHECK(localized(danish, "en").notices[0].text == "From 9 to 15");
  CHECK(localized(danish, "en").notices[0].title == "Varmen er afbrudt i blok 3");

  // Five Danish texts; Arabic has four of them, English one.
  const auto all = coverage(danish);
  CHECK(all[0].texts == 5);
  CHECK(all[0].translated == 1);
  CHECK(all[1].translated == 4);
  CHECK(all[1].missing == std::vector<std::string>{"notice varme: text"});
  CHECK(has_translations(danish));
}

TEST_CASE("a notice's and an event's translations keep the bounds of their Danish texts", "[model][translations]") {
  Feed f = translated_feed();
  Notice notice;
  notice.id = "varme";
  notice.title = "Varmen er afbrudt";
  notice.show_until = 1'750'000'000;
  Event event;
  event.id = "moede";
  event.title = "Beboermøde";
  event.starts = 1'750'000'000;
  event.place = "Beboerhuset";
  f.content.notices = {notice};
  f.content.events = {event};
  auto& n = f.content.notices[0];
  auto& e = f.content.events[0];
  n.translations["ar"]["title"] = std::string(Limits::kNoticeTitleChars + 1, 'x');
  CHECK_THAT(message_of(f), Catch::Contains("content.notices[0].translations.ar.title: is longer than 80 characters (81)"));
  n.translations["ar"]["title"] = "ok";
  e.translations["so"]["place"] = std::string(Limits::kPlaceChars + 1, 'x');
  CHECK_THAT(message_of(f), Catch::Contains("content.events[0].translations.so.place: is longer than 120 characters (121)"));
  e.translations["so"]["place"] = "Aqalka";
  e.translations["so"]["where"] = "x";
  CHECK_THAT(message_of(f), Catch::Contains("content.events[0].translations.so.where: 'where' is not a translatable text here "
                                            "(title, place, text)"));
}
