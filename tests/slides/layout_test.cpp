// Every slide at every screen size the kiosk supports, drawn by the real renderer with the bundled
// fonts: no text leaves the screen, no two texts overlap, and text is large enough to read across
// a room.
#include <catch2/catch.hpp>

#include "content_gen.h"
#include "render/canvas.h"
#include "render_support.h"
#include "slides/danish.h"
#include "slides/slide.h"
#include "slides/slide_kinds.h"
#include "slides/touch_views.h"

#include <set>

using namespace kiosk;

namespace {

struct Screen {
  int w, h;
};

const Screen kScreens[] = {{800, 480}, {1280, 720}, {1920, 1080}, {3840, 2160}, {1080, 1920}};

std::vector<render::DrawnText> draw(const slides::Slide& slide, const model::Feed& feed, Screen screen, bool stale,
                                    std::size_t round = 0, const std::string& keep_as = "") {
  testing::SoftwareTarget target(screen.w, screen.h);
  render::Canvas canvas(target.renderer(), target.fonts(), screen.w, screen.h);
  std::vector<render::DrawnText> drawn;
  canvas.set_recorder(&drawn);
  const model::Area* area = nullptr;
  for (const auto& a : feed.content.areas) {
    if (a.id == "vollsmose") area = &a;
  }
  const slides::ContentOrigin origin{false, feed.version, 1'700'000'000, feed.expires};
  const slides::SlideContext ctx{feed.content, area, origin, FakeClock().wall(), stale, round};
  slide.draw(canvas, slides::Theme::for_screen(screen.w, screen.h), ctx);
  if (!keep_as.empty()) target.keep_png(keep_as + "-" + std::to_string(screen.w) + "x" + std::to_string(screen.h));
  return drawn;
}

// One slide of the registered kind `name`.
std::unique_ptr<slides::Slide> slide_of(const std::string& name) {
  const slides::SlideKind* kind = slides::SlideKinds::built_in().find(name);
  REQUIRE(kind != nullptr);
  return kind->make();
}

std::string describe(const render::DrawnText& t) {
  return "'" + t.text.substr(0, 40) + "' at " + std::to_string(t.used.x) + "," + std::to_string(t.used.y) + " " +
         std::to_string(t.used.w) + "x" + std::to_string(t.used.h) + " " + std::to_string(t.px) + "px";
}

void check_layout(const std::vector<render::DrawnText>& drawn, Screen screen) {
  const render::Rect bounds{0, 0, screen.w, screen.h};
  const int body_min = std::min(screen.w, screen.h) / 28;
  REQUIRE_FALSE(drawn.empty());
  for (std::size_t i = 0; i < drawn.size(); ++i) {
    INFO(describe(drawn[i]));
    CHECK(bounds.contains(drawn[i].used));
    CHECK(drawn[i].px >= body_min);
    for (std::size_t j = i + 1; j < drawn.size(); ++j) {
      INFO("and " << describe(drawn[j]));
      CHECK_FALSE(drawn[i].used.intersects(drawn[j].used));
    }
  }
}

}  // namespace

TEST_CASE("slides fit every screen size with the default content", "[slides][layout]") {
  const auto feed = testing::default_feed();
  for (const Screen screen : kScreens) {
    for (const auto& kind : slides::SlideKinds::built_in().all()) {
      INFO(kind.name << " at " << screen.w << "x" << screen.h);
      const auto drawn = draw(*kind.make(), feed, screen, false);
      check_layout(drawn, screen);
      // The slide's headline: at least 1/12 of the shorter side, on the status and timeline slides.
      int biggest = 0;
      for (const auto& t : drawn) biggest = std::max(biggest, t.px);
      CHECK(biggest >= std::min(screen.w, screen.h) / 18);
      if (kind.name == "status") CHECK(biggest >= std::min(screen.w, screen.h) / 12);
    }
  }
}

TEST_CASE("slides fit every screen size with content at the format's limits", "[slides][layout]") {
  const auto feed = testing::stress_feed();
  for (const Screen screen : kScreens) {
    for (const auto& kind : slides::SlideKinds::built_in().all()) {
      INFO(kind.name << " at " << screen.w << "x" << screen.h);
      check_layout(draw(*kind.make(), feed, screen, true), screen);
    }
  }
}

TEST_CASE("every result the cycle tells in turn fits, with its picture and chart", "[slides][layout]") {
  testing::TempDir dir;
  const auto feed = testing::large_feed(30, 10, dir.file("objects"), 64, 40);
  const auto results = slide_of("results");
  for (const Screen screen : kScreens) {
    for (std::size_t round = 0; round < 5; ++round) {
      INFO("round " << round << " at " << screen.w << "x" << screen.h);
      check_layout(draw(*results, feed, screen, false, round), screen);
    }
  }
}

TEST_CASE("long titles are shortened with an ellipsis rather than cut", "[slides][layout]") {
  const auto feed = testing::stress_feed();
  const auto drawn = draw(*slide_of("results"), feed, {1920, 1080}, false);
  bool ellipsized = false;
  for (const auto& t : drawn) ellipsized |= t.truncated && t.text.find("\xE2\x80\xA6") != std::string::npos;
  CHECK(ellipsized);
}

TEST_CASE("the footer says when the content is stale", "[slides][layout]") {
  const auto feed = testing::default_feed();
  const auto status = slide_of("status");
  const auto find = [](const std::vector<render::DrawnText>& drawn, const std::string& needle) {
    return std::any_of(drawn.begin(), drawn.end(), [&](const auto& t) { return t.text.find(needle) != std::string::npos; });
  };
  CHECK(find(draw(*status, feed, {1920, 1080}, true), "Forældet"));
  CHECK_FALSE(find(draw(*status, feed, {1920, 1080}, false), "Forældet"));
  CHECK(find(draw(*status, feed, {1920, 1080}, false), "Opdateret"));
}

TEST_CASE("the status legend names every category its markers show, at every screen size", "[slides][layout]") {
  auto feed = testing::default_feed();
  model::Area* area = nullptr;
  for (auto& a : feed.content.areas) {
    if (a.id == "vollsmose") area = &a;
  }
  REQUIRE(area != nullptr);
  using model::Category;
  // Omdannelsesområde six years, then udsat: the case residents saw with one entry missing, shown
  // whole at every size; and an area with every category and a year not stated, whose history may
  // be left out on a small screen, but never shown with a legend that leaves a colour unexplained.
  struct Case {
    std::vector<model::CategoryYear> history;
    bool shown_at_every_size;
  };
  const std::vector<Case> cases = {
      {{{2018, Category::kOmdannelse}, {2019, Category::kOmdannelse}, {2020, Category::kOmdannelse}, {2021, Category::kOmdannelse},
        {2022, Category::kOmdannelse}, {2023, Category::kOmdannelse}, {2024, Category::kUdsat}}, true},
      {{{2018, Category::kParallelsamfund}, {2019, Category::kOmdannelse}, {2021, Category::kForebyggelse},
        {2022, Category::kNone}, {2023, Category::kUdsat}, {2024, Category::kUdsat}}, false},
      // The lists as the default content has them for Motalavej: seven years, on and off the list.
      {{{2018, Category::kOmdannelse}, {2019, Category::kOmdannelse}, {2020, Category::kOmdannelse},
        {2021, Category::kNotParallelsamfund}, {2022, Category::kNotParallelsamfund}, {2023, Category::kParallelsamfund},
        {2024, Category::kNotParallelsamfund}}, true},
      // and for Vollsmose: omdannelsesområde six years, 2024 not known
      {{{2018, Category::kOmdannelse}, {2019, Category::kOmdannelse}, {2020, Category::kOmdannelse},
        {2021, Category::kOmdannelse}, {2022, Category::kOmdannelse}, {2023, Category::kOmdannelse},
        {2024, Category::kUnknown}}, true},
  };
  const auto status = slide_of("status");
  for (std::size_t k = 0; k < cases.size(); ++k) {
    const auto& [history, shown_at_every_size] = cases[k];
    area->categories = history;
    const int last = feed.content.national_counts.back().date.year;
    std::set<std::string> expected;
    bool gap = false;
    for (int year = 2018; year <= last; ++year) {
      const auto it = std::find_if(history.begin(), history.end(), [&](const auto& c) { return c.year == year; });
      if (it == history.end() || it->category == Category::kUnknown) {
        gap = true;
      } else {
        expected.insert(slides::category_name(it->category, last));
      }
    }
    if (gap) expected.insert("ikke oplyst");
    for (const Screen screen : kScreens) {
      INFO(history.size() << " years at " << screen.w << "x" << screen.h);
      const auto drawn = draw(*status, feed, screen, false, 0, "legend-" + std::to_string(k));
      check_layout(drawn, screen);
      // The legend's words are body text; the area's category above is a title, which may say the
      // same. The history's year labels tell whether its markers are drawn.
      const int body_px = slides::Theme::for_screen(screen.w, screen.h).body_px;
      const auto has = [&](const std::string& text) {
        return std::any_of(drawn.begin(), drawn.end(), [&](const auto& t) { return t.text == text && t.px == body_px; });
      };
      // (The national chart beside names list years too: the history is the area's column, left or on top.)
      const render::Rect column = screen.h > screen.w ? render::Rect{0, 0, screen.w, screen.h * 9 / 20}
                                                      : render::Rect{0, 0, screen.w / 2, screen.h};
      const bool markers = std::any_of(drawn.begin(), drawn.end(), [&](const auto& t) {
        return t.text == std::to_string(last) && t.px == body_px && column.contains(t.used);
      });
      if (shown_at_every_size) CHECK(markers);
      if (!markers) continue;
      for (const auto& name : expected) {
        INFO("legend entry " << name);
        CHECK(has(name));
      }
    }
  }
}

TEST_CASE("the status slide names the latest known category: a year not known is passed over, one off the list says so", "[slides][layout]") {
  // (The line with the list date gives way to the seven years' history at every size, so only the
  // category is checked.)
  using model::Category;
  auto feed = testing::default_feed();
  model::Area* area = nullptr;
  for (auto& a : feed.content.areas) {
    if (a.id == "vollsmose") area = &a;
  }
  REQUIRE(area != nullptr);
  const auto status = slide_of("status");
  // Every text drawn, its lines joined by spaces (a wrapped block is recorded with "\n" between lines).
  struct Shown {
    std::string all;
    bool count(const std::string& words) const { return all.find(words) != std::string::npos; }
  };
  const auto texts = [&](Screen screen) {
    Shown out;
    for (const auto& t : draw(*status, feed, screen, false, 0, "latest-known")) {
      std::string text = t.text;
      std::replace(text.begin(), text.end(), '\n', ' ');
      out.all += text + " ";
    }
    return out;
  };
  area->categories = {{2022, Category::kOmdannelse}, {2023, Category::kOmdannelse}, {2024, Category::kUnknown}};
  for (const Screen screen : kScreens) {
    INFO(screen.w << "x" << screen.h);
    const auto shown = texts(screen);
    CHECK(shown.count("Omdannelsesområde "));
    CHECK_FALSE(shown.count("Ikke oplyst"));
  }
  // Mjølnerparken: omdannelsesområde 2018-2022, then off the list
  area->categories = {{2018, Category::kOmdannelse}, {2019, Category::kOmdannelse}, {2020, Category::kOmdannelse},
                      {2021, Category::kOmdannelse}, {2022, Category::kOmdannelse}, {2023, Category::kNotParallelsamfund},
                      {2024, Category::kNotParallelsamfund}};
  const auto shown = texts({1920, 1080});
  INFO(shown.all);
  CHECK(shown.count("Vollsmose Ikke parallelsamfund 2018"));  // the category under the name, the history under it
  area->categories = {{2023, Category::kUnknown}, {2024, Category::kUnknown}};
  CHECK(texts({1920, 1080}).count("Områdets placering på listerne er ikke oplyst."));
}

namespace {

// What a touch view drew and where its targets are.
struct DrawnView {
  std::vector<render::DrawnText> texts;
  slides::ViewLayout layout;
};

const player::View kTouchViews[] = {player::View::kBrowser, player::View::kDetail, player::View::kMap, player::View::kArea};

const char* view_name(player::View view) {
  switch (view) {
    case player::View::kBrowser: return "browser";
    case player::View::kDetail: return "detail";
    case player::View::kMap: return "map";
    case player::View::kArea: return "area";
    case player::View::kCycle: break;
  }
  return "cycle";
}

// The touch view `view` of the default content in `language` at `scale`, with every language
// configured; `with` sets what the session shows over it.
template <class Session>
DrawnView draw_touch(const model::Feed& feed, player::View view, Screen screen, const i18n::Language& language,
                     double scale, Session with, const std::string& keep_as = "") {
  testing::SoftwareTarget target(screen.w, screen.h);
  render::Canvas canvas(target.renderer(), target.fonts(), screen.w, screen.h);
  canvas.set_direction(language.right_to_left() ? render::Direction::kRightToLeft : render::Direction::kLeftToRight);
  canvas.set_language(language.code());
  DrawnView out;
  canvas.set_recorder(&out.texts);
  const model::Area* area = nullptr;
  for (const auto& a : feed.content.areas) {
    if (a.id == "vollsmose") area = &a;
  }
  slides::SlideContext ctx{feed.content, area, {false, feed.version, 1'700'000'000, feed.expires}, FakeClock().wall(), false, 0};
  ctx.language = &language;
  ctx.name_language = true;
  slides::ViewState state;
  state.languages = i18n::languages();
  state.area = "vollsmose";
  state.selected = feed.content.results.front().id;
  with(state);
  out.layout = slides::draw_touch_view(view, canvas, slides::Theme::for_screen(screen.w, screen.h, scale), ctx, state);
  if (!keep_as.empty()) target.keep_png(keep_as + "-" + std::to_string(screen.w) + "x" + std::to_string(screen.h));
  return out;
}

bool is_session_control(player::Target t) {
  return t == player::Target::kLanguages || t == player::Target::kLanguage || t == player::Target::kLargerText ||
         t == player::Target::kStay || t == player::Target::kPause;
}

std::string describe(const player::HitRegion& r) {
  return "region " + std::to_string(static_cast<int>(r.target)) + " '" + r.id + "' at " + std::to_string(r.box.x) + "," +
         std::to_string(r.box.y) + " " + std::to_string(r.box.w) + "x" + std::to_string(r.box.h);
}

bool overlap(const player::Box& a, const player::Box& b) {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

// The session's controls: inside the screen, at least a touch target (48 px at 1080p), in a
// portrait screen's lower two thirds, and none on top of another target (`among` those drawn with it).
void check_controls(const std::vector<player::HitRegion>& regions, Screen screen, double scale,
                    const std::vector<player::HitRegion>& among) {
  const int min_side = slides::touch_target_px(slides::Theme::for_screen(screen.w, screen.h, scale));
  int controls = 0;
  for (const auto& r : regions) {
    if (!is_session_control(r.target)) continue;
    ++controls;
    INFO(describe(r));
    CHECK(r.box.x >= 0);
    CHECK(r.box.y >= 0);
    CHECK(r.box.x + r.box.w <= screen.w);
    CHECK(r.box.y + r.box.h <= screen.h);
    CHECK(r.box.h >= min_side);
    CHECK(r.box.w >= min_side);
    if (screen.w == 1920 && screen.h == 1080) CHECK(std::min(r.box.w, r.box.h) >= 48);
    if (screen.h > screen.w) CHECK(r.box.y >= screen.h / 3.0f);
    for (const auto& other : among) {
      if (&other == &r || (other.box.x == r.box.x && other.box.y == r.box.y && other.target == r.target)) continue;
      INFO("and " << describe(other));
      CHECK_FALSE(overlap(r.box, other.box));
    }
  }
  CHECK(controls > 0);
}

}  // namespace

TEST_CASE("every touch view fits every screen size in every language, at normal and larger text", "[slides][layout][touch]") {
  const auto feed = testing::default_feed();
  for (const Screen screen : kScreens) {
    for (const double scale : {1.0, slides::Theme::kLargerText}) {
      for (const i18n::Language* language : i18n::languages()) {
        for (const player::View view : kTouchViews) {
          INFO(view_name(view) << " in " << language->code() << " at " << screen.w << "x" << screen.h << ", text x" << scale);
          const auto drawn = draw_touch(feed, view, screen, *language, scale, [](slides::ViewState&) {});
          const render::Rect bounds{0, 0, screen.w, screen.h};
          const int body_min = std::min(screen.w, screen.h) / 28;
          for (std::size_t i = 0; i < drawn.texts.size(); ++i) {
            INFO(describe(drawn.texts[i]));
            CHECK(bounds.contains(drawn.texts[i].used));
            CHECK(drawn.texts[i].px >= body_min);
            for (std::size_t j = i + 1; j < drawn.texts.size(); ++j) {
              INFO("and " << describe(drawn.texts[j]));
              CHECK_FALSE(drawn.texts[i].used.intersects(drawn.texts[j].used));
            }
          }
          check_controls(drawn.layout.regions, screen, scale, drawn.layout.regions);
          // The view's own buttons stay whole at larger text: none is squeezed out of the row.
          const int min_side = slides::touch_target_px(slides::Theme::for_screen(screen.w, screen.h, scale));
          for (const auto& r : drawn.layout.regions) {
            if (r.target == player::Target::kResult || r.target == player::Target::kArea || r.target == player::Target::kMapGroup) continue;
            INFO(describe(r));
            CHECK(std::min(r.box.w, r.box.h) >= min_side);
            // And its label whole: a button says what it does in every language.
            const render::Rect box{static_cast<int>(r.box.x), static_cast<int>(r.box.y), static_cast<int>(r.box.w) + 1,
                                   static_cast<int>(r.box.h) + 1};
            for (const auto& t : drawn.texts) {
              if (!box.contains(t.used)) continue;
              INFO(describe(t));
              CHECK_FALSE(t.truncated);
            }
          }
        }
      }
    }
  }
}

TEST_CASE("the list of languages and the Bliv her notice fit over every touch view, in reach and of touch size", "[slides][layout][touch]") {
  const auto feed = testing::default_feed();
  for (const Screen screen : kScreens) {
    for (const double scale : {1.0, slides::Theme::kLargerText}) {
      for (const i18n::Language* language : i18n::languages()) {
        for (const player::View view : kTouchViews) {
          INFO(view_name(view) << " in " << language->code() << " at " << screen.w << "x" << screen.h << ", text x" << scale);
          const bool keep = view == player::View::kBrowser && (language->right_to_left() || language == &i18n::danish());
          const std::string name = std::string("session-") + language->code() + (scale > 1 ? "-larger" : "");
          const auto listed = draw_touch(feed, view, screen, *language, scale, [](slides::ViewState& s) { s.language_list = true; },
                                         keep ? name + "-languages" : "");
          // The list's items: one per language, by its own name, none over another.
          std::vector<player::HitRegion> items;
          for (const auto& r : listed.layout.regions) {
            if (r.target == player::Target::kLanguage) items.push_back(r);
          }
          CHECK(items.size() == i18n::languages().size());
          check_controls(items, screen, scale, items);
          for (const i18n::Language* each : i18n::languages()) {
            CHECK(std::any_of(listed.texts.begin(), listed.texts.end(), [&](const auto& t) { return t.text == each->native_name(); }));
          }
          const auto notice = draw_touch(feed, view, screen, *language, scale, [](slides::ViewState& s) { s.stay_notice = 15; },
                                         keep ? name + "-notice" : "");
          std::vector<player::HitRegion> stay;
          for (const auto& r : notice.layout.regions) {
            if (r.target == player::Target::kStay) stay.push_back(r);
          }
          REQUIRE(stay.size() == 1);
          check_controls(stay, screen, scale, stay);
          CHECK(notice.layout.regions.back().target == player::Target::kStay);  // on top of the view: it wins
        }
      }
    }
  }
}

TEST_CASE("the cycle's pause control sits in the footer of every slide, in reach and of touch size", "[slides][layout][pause]") {
  const auto feed = testing::default_feed();
  for (const Screen screen : kScreens) {
    const slides::Theme theme = slides::Theme::for_screen(screen.w, screen.h);
    for (const auto& kind : slides::SlideKinds::built_in().all()) {
      INFO(kind.name << " at " << screen.w << "x" << screen.h);
      const auto layout = slides::cycle_regions(theme, kind);
      std::vector<player::HitRegion> pause;
      for (const auto& r : layout.regions) {
        if (r.target == player::Target::kPause) pause.push_back(r);
      }
      REQUIRE(pause.size() == 1);
      // A tap on it pauses, whatever else the slide does when tapped (the later region wins).
      const player::Pos centre{pause[0].box.x + pause[0].box.w / 2, pause[0].box.y + pause[0].box.h / 2};
      const auto winner = std::find_if(layout.regions.rbegin(), layout.regions.rend(), [&](const auto& r) { return r.box.contains(centre); });
      CHECK(winner->target == player::Target::kPause);
      std::vector<player::HitRegion> buttons;  // the targets besides the whole slide
      for (const auto& r : layout.regions) {
        if (r.box.w < screen.w || r.box.h < screen.h) buttons.push_back(r);
      }
      check_controls(pause, screen, 1.0, buttons);
      CHECK(pause[0].box.y >= screen.h - theme.footer_h);
    }
  }
}

TEST_CASE("drawn right to left, the session's controls and their regions are mirrored together", "[slides][layout][touch]") {
  const auto feed = testing::default_feed();
  for (const Screen screen : kScreens) {
    for (const i18n::Language* language : {&i18n::danish(), i18n::find_language("ar")}) {
      INFO(language->code() << " at " << screen.w << "x" << screen.h);
      const auto drawn = draw_touch(feed, player::View::kBrowser, screen, *language, 1.0, [](slides::ViewState&) {});
      const auto button = std::find_if(drawn.layout.regions.begin(), drawn.layout.regions.end(),
                                        [](const auto& r) { return r.target == player::Target::kLanguages; });
      REQUIRE(button != drawn.layout.regions.end());
      // The button's label, the language's own name, is drawn inside its region.
      const auto label = std::find_if(drawn.texts.begin(), drawn.texts.end(), [&](const auto& t) {
        return t.text == language->native_name() && t.used.y >= button->box.y && t.used.y < button->box.y + button->box.h;
      });
      REQUIRE(label != drawn.texts.end());
      INFO(describe(*label) << " in " << describe(*button));
      CHECK(label->used.x >= button->box.x);
      CHECK(label->used.x + label->used.w <= button->box.x + button->box.w);
      // At the end of the row: the right in Danish, the left in Arabic.
      CHECK((button->box.x + button->box.w / 2 > screen.w / 2.0f) == !language->right_to_left());
    }
  }
}
