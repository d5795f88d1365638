// The staff's notices and the centre's events on the screen: the band of info notices on every slide
// and touch view, the urgent screen, and the events slide "Det sker", at the five screen sizes in
// Danish and Arabic, drawn by the real renderer: nothing leaves the screen, nothing overlaps, nothing
// lies over the footer, and the slides keep above the band.
#include <catch2/catch.hpp>

#include <algorithm>
#include <optional>
#include <set>

#include "content_gen.h"
#include "i18n/language.h"
#include "model/translations.h"
#include "render/canvas.h"
#include "render/image_cache.h"
#include "render_support.h"
#include "slides/events_slide.h"
#include "slides/notice_slide.h"
#include "slides/slide.h"
#include "slides/slide_kinds.h"
#include "slides/touch_views.h"
#include "slides/words.h"
#include "time_zone.h"

using namespace kiosk;

namespace {

struct Screen {
  int w, h;
};

const Screen kScreens[] = {{800, 480}, {1280, 720}, {1920, 1080}, {3840, 2160}, {1080, 1920}};

std::int64_t now_unix() {
  return std::chrono::duration_cast<std::chrono::seconds>(FakeClock().wall().time_since_epoch()).count();
}

// Today's local midnight of the fake clock's day, plus `hours`.
std::int64_t today_at(double hours) {
  std::time_t t = static_cast<std::time_t>(now_unix());
  std::tm tm{};
  localtime_r(&t, &tm);
  tm.tm_hour = tm.tm_min = tm.tm_sec = 0;
  tm.tm_isdst = -1;
  return static_cast<std::int64_t>(std::mktime(&tm)) + static_cast<std::int64_t>(hours * 3600);
}

model::Notice notice(const std::string& id, model::NoticeLevel level, std::string title, std::string text = "") {
  model::Notice n;
  n.id = id;
  n.level = level;
  n.title = std::move(title);
  n.text = std::move(text);
  n.show_until = today_at(15);
  return n;
}

// 80 and 400 characters: the format's limits for a notice's title and text.
const std::string kLongTitle = "Varmen er afbrudt i blok 3, 5 og 7 i dag fra morgen til aften på grund af brud!!";
std::string long_text() {
  std::string text;
  while (text.size() < 400) text += "Vi arbejder på at finde fejlen. Hold vinduer og døre lukket. ";
  return text.substr(0, 400);
}

model::Event event(const std::string& id, std::int64_t starts, std::optional<std::int64_t> ends, std::string title,
                   std::string place) {
  model::Event e;
  e.id = id;
  e.starts = starts;
  e.ends = ends;
  e.title = std::move(title);
  e.place = std::move(place);
  return e;
}

// Texts translated into Arabic, so the Arabic drawings hold Arabic notices.
void translate(model::Notice& n, const char* title, const char* text) {
  n.translations["ar"]["title"] = title;
  if (!n.text.empty()) n.translations["ar"]["text"] = text;
}

const i18n::Language& arabic() { return *i18n::find_language("ar"); }

struct Drawn {
  std::vector<render::DrawnText> texts;
  render::Rect band;    // on the screen
  render::Rect footer;  // on the screen
};

// How a test draws: the PNG's name (KIOSK_KEEP_PNG_DIR), the round of the cycle, the urgent
// screen's showing, the text scale, and a folder of pictures.
struct Drawing {
  std::string keep_as;
  std::size_t round = 0;
  std::size_t urgent_turn = 0;
  double scale = 1.0;
  std::string objects;
};

template <class DrawFn>
Drawn draw_with(const model::Content& danish, Screen screen, const i18n::Language& language, DrawFn&& draw, const Drawing& how) {
  const model::Content content = model::localized(danish, language.code());
  testing::SoftwareTarget target(screen.w, screen.h);
  render::Canvas canvas(target.renderer(), target.fonts(), screen.w, screen.h);
  std::optional<render::ImageCache> images;
  if (!how.objects.empty()) canvas.set_images(&images.emplace(target.renderer(), how.objects, 64u << 20));
  canvas.set_direction(language.right_to_left() ? render::Direction::kRightToLeft : render::Direction::kLeftToRight);
  canvas.set_language(language.code());
  Drawn out;
  canvas.set_recorder(&out.texts);
  const model::Area* area = nullptr;
  for (const auto& a : content.areas) {
    if (a.id == "vollsmose") area = &a;
  }
  slides::SlideContext ctx{content, area, {false, 1, 1'700'000'000, 2'000'000'000}, FakeClock().wall(), false, how.round};
  ctx.language = &language;
  ctx.pause = slides::PauseControl::kPause;
  ctx.name_language = true;
  ctx.urgent_turn = how.urgent_turn;
  const auto theme = slides::Theme::for_screen(screen.w, screen.h, how.scale);
  draw(canvas, theme, ctx);
  out.band = canvas.on_screen(slides::notice_band_box(canvas, theme, ctx));
  out.footer = {0, screen.h - theme.footer_h, screen.w, theme.footer_h};
  if (!how.keep_as.empty()) {
    target.keep_png(how.keep_as + "-" + language.code() + "-" + std::to_string(screen.w) + "x" + std::to_string(screen.h));
  }
  return out;
}

Drawn draw_slide(const slides::Slide& slide, const model::Content& content, Screen screen, const i18n::Language& language,
                 const Drawing& how = {}) {
  return draw_with(content, screen, language,
                   [&](render::Canvas& canvas, const slides::Theme& theme, const slides::SlideContext& ctx) { slide.draw(canvas, theme, ctx); },
                   how);
}

std::string describe(const render::DrawnText& t) {
  return "'" + t.text.substr(0, 40) + "' at " + std::to_string(t.used.x) + "," + std::to_string(t.used.y) + " " +
         std::to_string(t.used.w) + "x" + std::to_string(t.used.h) + " " + std::to_string(t.px) + "px" +
         (t.truncated ? " (cut short)" : "");
}

// Inside the screen, large enough, no two texts over each other, and each text wholly in the
// footer, wholly in the band, or wholly above both.
void check_layout(const Drawn& drawn, Screen screen, double scale = 1.0) {
  const render::Rect bounds{0, 0, screen.w, screen.h};
  const int body_min = static_cast<int>(std::min(screen.w, screen.h) / 28 * scale);
  const int slide_bottom = drawn.band.empty() ? drawn.footer.y : drawn.band.y;
  REQUIRE_FALSE(drawn.texts.empty());
  for (std::size_t i = 0; i < drawn.texts.size(); ++i) {
    const auto& t = drawn.texts[i];
    INFO(describe(t));
    CHECK(bounds.contains(t.used));
    CHECK(t.px >= body_min);
    CHECK((drawn.footer.contains(t.used) || (!drawn.band.empty() && drawn.band.contains(t.used)) || t.used.bottom() <= slide_bottom));
    for (std::size_t j = i + 1; j < drawn.texts.size(); ++j) {
      INFO("and " << describe(drawn.texts[j]));
      CHECK_FALSE(t.used.intersects(drawn.texts[j].used));
    }
  }
}

std::vector<render::DrawnText> in_band(const Drawn& drawn) {
  std::vector<render::DrawnText> out;
  for (const auto& t : drawn.texts) {
    if (!drawn.band.empty() && drawn.band.contains(t.used)) out.push_back(t);
  }
  return out;
}

bool has(const std::vector<render::DrawnText>& texts, const std::string& text) {
  return std::any_of(texts.begin(), texts.end(), [&](const auto& t) { return t.text == text; });
}

// A drawn text's lines as one line.
std::string flat(std::string text) {
  std::replace(text.begin(), text.end(), '\n', ' ');
  return text;
}

bool starts_with(const std::vector<render::DrawnText>& texts, const std::string& text) {
  return std::any_of(texts.begin(), texts.end(), [&](const auto& t) { return flat(t.text).rfind(text, 0) == 0; });
}

// The default content with three info notices: a short one, one at the format's limits, one more.
model::Content with_info_notices() {
  model::Content content = testing::default_feed().content;
  auto water = notice("vand", model::NoticeLevel::kInfo, "Vandet lukkes i blok 2 tirsdag kl. 9-12");
  translate(water, "سيتم قطع المياه في المبنى 2 يوم الثلاثاء من 9 إلى 12", "");
  auto heat = notice("varme", model::NoticeLevel::kInfo, kLongTitle, long_text());
  translate(heat, "انقطاع التدفئة في المباني 3 و5 و7 اليوم من الصباح إلى المساء بسبب عطل في الأنابيب",
            "نعمل على إيجاد العطل. يرجى إبقاء النوافذ والأبواب مغلقة.");
  auto party = notice("fest", model::NoticeLevel::kInfo, "Julefest i beboerhuset", "Alle er velkomne fra kl. 14");
  translate(party, "حفلة عيد الميلاد في دار السكان", "الجميع مرحب بهم من الساعة 14");
  content.notices = {water, heat, party};
  return content;
}

}  // namespace

TEST_CASE("the notice band shows on every slide kind above the footer, one notice per round, in Danish and Arabic", "[slides][layout][notices]") {
  testing::TimeZone tz("Europe/Copenhagen");
  const model::Content content = with_info_notices();
  for (const i18n::Language* language : {&i18n::danish(), &arabic()}) {
    for (const Screen screen : kScreens) {
      for (const auto& kind : slides::SlideKinds::built_in().all()) {
        for (std::size_t round = 0; round < 3; ++round) {
          INFO(kind.name << " in " << language->code() << " at " << screen.w << "x" << screen.h << ", round " << round);
          const auto drawn = draw_slide(*kind.make(), content, screen, *language, {.keep_as = round == 1 ? "band-" + kind.name : "", .round = round});
          REQUIRE_FALSE(drawn.band.empty());
          CHECK(drawn.band.bottom() == drawn.footer.y);
          check_layout(drawn, screen);
          const auto band = in_band(drawn);
          // The marker and which notice of three, whole, and this round's title.
          const std::string marker = std::string(language->tr("Besked")) + " " + std::to_string(round + 1) + "/3";
          CHECK(has(band, marker));
          const model::Content shown = model::localized(content, language->code());
          const std::string& title = shown.notices[round].title;
          CHECK(std::any_of(band.begin(), band.end(), [&](const auto& t) {
            return flat(t.text) == title || (t.truncated && t.text.substr(0, 12) == title.substr(0, 12));
          }));
          // No other notice's title.
          for (std::size_t other = 0; other < 3; ++other) {
            if (other != round) CHECK_FALSE(has(band, shown.notices[other].title));
          }
        }
      }
    }
  }
}

TEST_CASE("slides with content at the format's limits fit above the notice band", "[slides][layout][notices]") {
  testing::TimeZone tz("Europe/Copenhagen");
  model::Content content = testing::stress_feed().content;
  content.notices = with_info_notices().notices;
  for (const Screen screen : kScreens) {
    for (const auto& kind : slides::SlideKinds::built_in().all()) {
      INFO(kind.name << " at " << screen.w << "x" << screen.h);
      const auto drawn = draw_slide(*kind.make(), content, screen, i18n::danish(), {.round = 1});
      REQUIRE_FALSE(drawn.band.empty());
      check_layout(drawn, screen);
    }
  }
}

TEST_CASE("without info notices there is no band and the slides have their room", "[slides][layout][notices]") {
  model::Content content = testing::default_feed().content;
  content.notices = {notice("kun-vigtig", model::NoticeLevel::kUrgent, "Vigtig")};
  const auto drawn = draw_slide(*slides::SlideKinds::built_in().find("status")->make(), content, {1920, 1080}, i18n::danish());
  CHECK(drawn.band.empty());
  CHECK_FALSE(starts_with(drawn.texts, "Besked"));
}

TEST_CASE("the notice band shows on every touch view, in Danish and Arabic, at normal and larger text", "[slides][layout][notices][touch]") {
  testing::TimeZone tz("Europe/Copenhagen");
  const model::Content content = with_info_notices();
  const std::pair<player::View, const char*> views[] = {
      {player::View::kBrowser, "browser"}, {player::View::kDetail, "detail"}, {player::View::kMap, "map"}, {player::View::kArea, "area"}};
  for (const i18n::Language* language : {&i18n::danish(), &arabic()}) {
    for (const Screen screen : kScreens) {
      for (const auto& [view, name] : views) {
        for (const double scale : {1.0, slides::Theme::kLargerText}) {
          INFO(name << " in " << language->code() << " at " << screen.w << "x" << screen.h << ", text x" << scale);
          const auto drawn = draw_with(
              content, screen, *language,
              [&](render::Canvas& canvas, const slides::Theme& theme, const slides::SlideContext& ctx) {
                slides::ViewState state;
                state.languages = i18n::languages();
                state.area = "vollsmose";
                state.selected = ctx.content.results.front().id;
                const auto layout = slides::draw_touch_view(view, canvas, theme, ctx, state);
                // Every touchable thing lies above the band.
                const render::Rect band = canvas.on_screen(slides::notice_band_box(canvas, theme, ctx));
                for (const auto& r : layout.regions) CHECK(r.box.y + r.box.h <= band.y + 0.5f);
              },
              {.keep_as = scale == 1.0 ? std::string("band-") + name : "", .scale = scale});
          REQUIRE_FALSE(drawn.band.empty());
          check_layout(drawn, screen, scale);
          CHECK(has(in_band(drawn), std::string(language->tr("Besked")) + " 1/3"));
        }
      }
    }
  }
}

TEST_CASE("the urgent screen shows a long title whole in large text, its text, the time it holds until and the footer", "[slides][layout][notices]") {
  testing::TimeZone tz("Europe/Copenhagen");
  model::Content content = testing::default_feed().content;
  auto heat = notice("varme", model::NoticeLevel::kUrgent, kLongTitle, long_text());
  translate(heat, "انقطاع التدفئة في المباني 3 و5 و7 اليوم من الصباح إلى المساء بسبب عطل في الأنابيب",
            "نعمل على إيجاد العطل. يرجى إبقاء النوافذ والأبواب مغلقة. سنخبركم عندما تعود التدفئة. شكرا لصبركم.");
  auto short_one = notice("vand", model::NoticeLevel::kUrgent, "Drik ikke vandet", "");
  short_one.show_until = today_at(24 + 10);
  translate(short_one, "لا تشربوا الماء", "");
  // An info notice too: the urgent screen is the notice alone, without the band.
  content.notices = {heat, short_one, notice("fest", model::NoticeLevel::kInfo, "Julefest")};
  const auto slide = slides::make_urgent_notice_slide();
  for (const i18n::Language* language : {&i18n::danish(), &arabic()}) {
    const model::Content shown = model::localized(content, language->code());
    for (const Screen screen : kScreens) {
      for (std::size_t turn = 0; turn < 2; ++turn) {
        INFO("in " << language->code() << " at " << screen.w << "x" << screen.h << ", turn " << turn);
        auto drawn = draw_slide(*slide, content, screen, *language, {.keep_as = "urgent-" + std::to_string(turn), .urgent_turn = turn});
        drawn.band = {};  // the urgent screen draws no band
        check_layout(drawn, screen);
        CHECK_FALSE(has(drawn.texts, language->tr("Besked")));
        CHECK_FALSE(has(drawn.texts, "Julefest"));
        CHECK(has(drawn.texts, std::string(language->tr("Vigtig besked")) + "  " + std::to_string(turn + 1) + "/2"));
        const auto& n = shown.notices[turn];
        // The title whole, at least in headline size (1/12 of the shorter side) on a landscape
        // screen; the text there too.
        const auto title = std::find_if(drawn.texts.begin(), drawn.texts.end(), [&](const auto& t) { return flat(t.text) == n.title; });
        REQUIRE(title != drawn.texts.end());
        CHECK_FALSE(title->truncated);
        CHECK(title->px >= slides::Theme::for_screen(screen.w, screen.h).title_px);
        if (screen.w >= 1280) CHECK(title->px >= slides::Theme::for_screen(screen.w, screen.h).headline_px);
        if (!n.text.empty()) {
          // The title leaves the text room for two lines at least.
          const auto text = std::find_if(drawn.texts.begin(), drawn.texts.end(),
                                         [&](const auto& t) { return flat(t.text).rfind(n.text.substr(0, 10), 0) == 0; });
          REQUIRE(text != drawn.texts.end());
          CHECK(std::count(text->text.begin(), text->text.end(), '\n') >= 1);
        }
        // Until when, in the screen's language: today for the first, tomorrow for the second.
        const std::string until = turn == 0 ? i18n::fill(language->tr("til i dag kl. {time}"), {{"time", "15:00"}})
                                            : i18n::fill(language->tr("til i morgen kl. {time}"), {{"time", "10:00"}});
        CHECK(has(drawn.texts, until));
        // The footer's clock.
        CHECK(std::any_of(drawn.texts.begin(), drawn.texts.end(), [&](const auto& t) { return drawn.footer.contains(t.used); }));
      }
    }
  }
}

TEST_CASE("every urgent notice comes on screen once in each round of the cycle", "[slides][notices]") {
  model::Content content;
  for (int i = 0; i < 3; ++i) content.notices.push_back(notice("n" + std::to_string(i), model::NoticeLevel::kUrgent, "Besked " + std::to_string(i)));
  const auto urgent = slides::notices_at(content, model::NoticeLevel::kUrgent);
  REQUIRE(urgent.size() == 3);
  for (std::size_t round = 0; round < 4; ++round) {
    std::set<std::size_t> shown;
    // A cycle of four slides: the urgent screen before each.
    for (std::size_t turn = 0; turn < 4; ++turn) {
      slides::SlideContext ctx{content, nullptr, {}, FakeClock().wall(), false, round};
      ctx.urgent_turn = turn;
      shown.insert(slides::urgent_notice_index(ctx, urgent.size()));
    }
    INFO("round " << round);
    CHECK(shown.size() == 3);
  }
  // Each round starts at the next notice, so a short cycle still comes round to every one.
  slides::SlideContext first{content, nullptr, {}, FakeClock().wall(), false, 0};
  slides::SlideContext second{content, nullptr, {}, FakeClock().wall(), false, 1};
  CHECK(slides::urgent_notice_index(first, 3) != slides::urgent_notice_index(second, 3));
}

TEST_CASE("the urgent screen draws its picture beside the words, and the frame alone without an urgent notice", "[slides][layout][notices]") {
  testing::TimeZone tz("Europe/Copenhagen");
  model::Content content = testing::default_feed().content;
  testing::TempDir dir;
  const std::string objects = dir.file("objects");
  const auto pictures = testing::large_feed(1, 1, objects, 640, 400);
  auto heat = notice("varme", model::NoticeLevel::kUrgent, "Varmen er afbrudt i blok 3", "Fra kl. 9 til 15.");
  heat.image = pictures.content.results[0].image;
  REQUIRE_FALSE(heat.image.empty());
  auto missing = heat;
  missing.id = "vand";
  missing.image = std::string(64, 'a');  // not among the pictures: the placeholder takes its place
  content.notices = {heat, missing};
  for (const Screen screen : kScreens) {
    for (std::size_t turn = 0; turn < 2; ++turn) {
      INFO(screen.w << "x" << screen.h << ", turn " << turn);
      check_layout(draw_slide(*slides::make_urgent_notice_slide(), content, screen, i18n::danish(),
                              {.keep_as = "urgent-picture-" + std::to_string(turn), .urgent_turn = turn, .objects = objects}),
                   screen);
    }
  }
  content.notices.clear();
  const auto empty = draw_slide(*slides::make_urgent_notice_slide(), content, {1280, 720}, i18n::danish());
  CHECK_FALSE(starts_with(empty.texts, "Vigtig besked"));
}

TEST_CASE("the events slide lists today's events first, then tomorrow's, then later days, as many as fit", "[slides][layout][events]") {
  testing::TimeZone tz("Europe/Copenhagen");
  model::Content content = testing::default_feed().content;
  // Out of order on purpose; one already on since this morning, one without an end, one over two days.
  content.events = {
      event("moede", today_at(24 * 2 + 19), today_at(24 * 2 + 21), "Beboermøde om helhedsplanen", "Beboerhuset, salen"),
      event("cafe", today_at(24 + 10), std::nullopt, "Café for alle", "Beboerhuset"),
      event("lektier", today_at(8), today_at(23.5), "Lektiecafé hele dagen", ""),
      event("udstilling", today_at(-24 + 10), today_at(24 + 16), "Udstilling", "Foyeren"),
      event("tur", today_at(24 * 5 + 9), today_at(24 * 6 + 17), "Sommerlejr for børn og unge i Vollsmose", "Fyns Hoved"),
  };
  for (int i = 0; i < 12; ++i) {
    content.events.push_back(event("ekstra" + std::to_string(i), today_at(24 * (7 + i) + 17), today_at(24 * (7 + i) + 18),
                                   "Fællesspisning nummer " + std::to_string(i + 1), "Køkkenet"));
  }
  const auto slide = slides::SlideKinds::built_in().find("events")->make();
  for (const i18n::Language* language : {&i18n::danish(), &arabic()}) {
    for (const Screen screen : kScreens) {
      INFO("in " << language->code() << " at " << screen.w << "x" << screen.h);
      const auto drawn = draw_slide(*slide, content, screen, *language, {.keep_as = "events-many"});
      check_layout(drawn, screen);
      const auto y_of = [&](const std::string& text) {
        const auto it = std::find_if(drawn.texts.begin(), drawn.texts.end(), [&](const auto& t) { return flat(t.text) == text; });
        return it == drawn.texts.end() ? -1 : it->used.y;
      };
      const int today = y_of(language->tr("I dag"));
      const int tomorrow = y_of(language->tr("I morgen"));
      REQUIRE(today >= 0);
      REQUIRE(tomorrow > today);
      // Times, headings and places whole: only the footer may shorten its words.
      for (const auto& t : drawn.texts) {
        INFO(describe(t));
        if (!drawn.footer.contains(t.used)) CHECK_FALSE(t.truncated);
      }
      const int lessons = y_of("Lektiecafé hele dagen");
      CHECK(lessons > today);
      CHECK(lessons < tomorrow);
      // Begun yesterday and still on: today's.
      const int exhibition = y_of("Udstilling");
      CHECK(exhibition > today);
      CHECK(exhibition < tomorrow);
      CHECK(has(drawn.texts, i18n::fill(language->tr("kl. {start}-{end}"), {{"start", "08:00"}, {"end", "23:30"}})));
      CHECK(has(drawn.texts, i18n::fill(language->tr("kl. {time}"), {{"time", "10:00"}})));
      if (screen.h >= 1080) {
        // The meeting the day after tomorrow, under its weekday and date.
        const int meeting = y_of("Beboermøde om helhedsplanen");
        CHECK(meeting > tomorrow);
        CHECK(starts_with(drawn.texts, slides::day_heading(today_at(24 * 2 + 19), FakeClock().wall(), *language)));
        CHECK(has(drawn.texts, "Beboerhuset, salen"));
      }
      // Not all sixteen fit: those that do not are left out whole, never a heading without its
      // event nor an event without its place.
      CHECK_FALSE(has(drawn.texts, "Fællesspisning nummer 12"));
      long titles = 0;
      for (int i = 0; i < 12; ++i) {
        const bool title = has(drawn.texts, "Fællesspisning nummer " + std::to_string(i + 1));
        INFO("Fællesspisning " << i + 1);
        CHECK(title == has(drawn.texts, slides::day_heading(today_at(24 * (7 + i) + 17), FakeClock().wall(), *language)));
        titles += title;
      }
      CHECK(titles == std::count_if(drawn.texts.begin(), drawn.texts.end(), [](const auto& t) { return t.text == "Køkkenet"; }));
    }
  }
}

TEST_CASE("the events slide with one event, and with none says so honestly", "[slides][layout][events]") {
  testing::TimeZone tz("Europe/Copenhagen");
  model::Content content = testing::default_feed().content;
  const auto slide = slides::SlideKinds::built_in().find("events")->make();
  for (const i18n::Language* language : {&i18n::danish(), &arabic()}) {
    for (const Screen screen : kScreens) {
      INFO("in " << language->code() << " at " << screen.w << "x" << screen.h);
      content.events.clear();
      const auto none = draw_slide(*slide, content, screen, *language, {.keep_as = "events-none"});
      check_layout(none, screen);
      CHECK(has(none.texts, language->tr("Det sker")));
      CHECK(has(none.texts, language->tr("Der er ingen arrangementer i den nærmeste tid.")));
      content.events = {event("moede", today_at(24 * 3 + 19), today_at(24 * 3 + 21), "Beboermøde", "Beboerhuset")};
      const auto one = draw_slide(*slide, content, screen, *language, {.keep_as = "events-one"});
      check_layout(one, screen);
      CHECK(has(one.texts, "Beboermøde"));
      CHECK(has(one.texts, "Beboerhuset"));
      CHECK(has(one.texts, i18n::fill(language->tr("kl. {start}-{end}"), {{"start", "19:00"}, {"end", "21:00"}})));
      CHECK_FALSE(has(one.texts, language->tr("Der er ingen arrangementer i den nærmeste tid.")));
    }
  }
}
