#include <SDL_image.h>

#include <catch2/catch.hpp>
#include <set>
#include <sstream>

#include "content_gen.h"
#include "render/canvas.h"
#include "render/image_cache.h"
#include "slides/danish.h"
#include "render_support.h"
#include "slides/touch_views.h"

using namespace kiosk;

namespace {

const model::Area* vollsmose(const model::Feed& f) {
  for (const auto& a : f.content.areas) {
    if (a.id == "vollsmose") return &a;
  }
  return nullptr;
}

struct Drawn {
  slides::ViewLayout layout;
  std::vector<render::DrawnText> texts;
};

template <class Draw>
Drawn draw_view(testing::SoftwareTarget& target, const model::Feed& feed, const slides::ViewState& state, Draw draw,
                render::ImageCache* images = nullptr) {
  render::Canvas canvas(target.renderer(), target.fonts(), target.surface()->w, target.surface()->h);
  canvas.set_images(images);
  Drawn out;
  canvas.set_recorder(&out.texts);
  const slides::SlideContext ctx{feed.content, vollsmose(feed), {}, FakeClock().wall(), false, 0};
  out.layout = draw(canvas, slides::Theme::for_screen(target.surface()->w, target.surface()->h), ctx, state);
  SDL_RenderFlush(target.renderer());
  return out;
}

}  // namespace

TEST_CASE("the browser lists this area's results or all and its touch targets are at least 48 px at 1080p", "[slides][touch]") {
  testing::SoftwareTarget target(1920, 1080);
  const auto feed = testing::default_feed();
  slides::ViewState state;
  auto here = draw_view(target, feed, state, slides::draw_browser);
  state.filter = player::Filter::kAllAreas;
  auto all = draw_view(target, feed, state, slides::draw_browser);
  CHECK(here.layout.ids.size() == 2);  // the national results; the baselines are about other areas
  CHECK(all.layout.ids.size() == feed.content.results.size());
  for (const auto& r : all.layout.regions) {
    CHECK(r.box.h >= 48);
    CHECK(r.box.w >= 48);
  }
  const auto targets = [](const slides::ViewLayout& l, player::Target t) {
    return std::count_if(l.regions.begin(), l.regions.end(), [&](const auto& r) { return r.target == t; });
  };
  CHECK(targets(all.layout, player::Target::kBack) == 1);
  CHECK(targets(all.layout, player::Target::kResult) == static_cast<long>(feed.content.results.size()));
}

TEST_CASE("a long list scrolls and only what is visible is touchable", "[slides][touch]") {
  testing::SoftwareTarget target(1280, 720);
  testing::TempDir dir;
  const auto feed = testing::large_feed(200, 0, dir.file("objects"));
  slides::ViewState state;
  state.filter = player::Filter::kAllAreas;
  auto top = draw_view(target, feed, state, slides::draw_browser);
  CHECK(top.layout.max_scroll > 1000);
  CHECK(top.layout.ids.size() == 200);
  state.scroll = 5000;
  auto lower = draw_view(target, feed, state, slides::draw_browser);
  std::string first_top, first_lower;
  for (const auto& r : top.layout.regions) {
    if (r.target == player::Target::kResult && first_top.empty()) first_top = r.id;
  }
  for (const auto& r : lower.layout.regions) {
    if (r.target == player::Target::kResult && first_lower.empty()) first_lower = r.id;
    CHECK(r.box.y + r.box.h <= 720);
  }
  CHECK(first_top != first_lower);
}

TEST_CASE("a result with a link shows a QR code that reads back as the link", "[slides][touch]") {
  testing::SoftwareTarget target(1920, 1080);
  auto feed = testing::default_feed();
  feed.content.results[0].link = "https://udsatteomraader.example/rapporter/sbi-2020-01.pdf";
  slides::ViewState state;
  state.selected = feed.content.results[0].id;
  auto detail = draw_view(target, feed, state, slides::draw_detail);
  CHECK(std::any_of(detail.texts.begin(), detail.texts.end(), [](const auto& t) { return t.text == "Scan: hele rapporten"; }));
  testing::TempDir dir;
  REQUIRE(IMG_SavePNG(target.surface(), dir.file("detail.png").c_str()) == 0);
  if (const char* keep = std::getenv("KIOSK_KEEP_PNG")) IMG_SavePNG(target.surface(), keep);  // to look at it
  const auto read = testing::run_command("zbarimg --quiet --raw " + dir.file("detail.png"));
  INFO(read.output << " (zbarimg is in Debian's zbar-tools)");
  CHECK(read.exit_code == 0);
  // zbarimg may complain about D-Bus on stderr; the decoded text is a line of its own.
  std::vector<std::string> lines;
  std::istringstream in(read.output);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  CHECK(std::count(lines.begin(), lines.end(), feed.content.results[0].link) == 1);
}

TEST_CASE("the staff overlay lists its facts", "[slides][touch]") {
  testing::SoftwareTarget target(1280, 720);
  render::Canvas canvas(target.renderer(), target.fonts(), 1280, 720);
  std::vector<render::DrawnText> texts;
  canvas.set_recorder(&texts);
  slides::draw_staff_overlay(canvas, slides::Theme::for_screen(1280, 720), {{"Program", "kiosk 0.1.0"}, {"Disk", "3.2 GB fri"}});
  const auto has = [&](const std::string& s) {
    return std::any_of(texts.begin(), texts.end(), [&](const auto& t) { return t.text == s; });
  };
  CHECK(has("Program"));
  CHECK(has("kiosk 0.1.0"));
  CHECK(has("3.2 GB fri"));
}

TEST_CASE("the detail view shows every part a result has at a readable size, at every screen size", "[slides][touch][layout]") {
  testing::TempDir dir;
  const std::string objects = dir.file("objects");
  const auto pictures = testing::large_feed(1, 1, objects, 640, 400);
  REQUIRE_FALSE(pictures.content.results[0].image.empty());
  const model::Series series{"Beboere i beskæftigelse", "%", model::ChartKind::kBar,
                             {{"2018", 31}, {"2019", 33}, {"2020", 32}, {"2021", 35}, {"2022", 37}, {"2023", 38}, {"2024", 41}}};
  struct Screen {
    int w, h;
  };
  for (const Screen screen : {Screen{800, 480}, Screen{1280, 720}, Screen{1920, 1080}, Screen{3840, 2160}, Screen{1080, 1920}}) {
    const slides::Theme theme = slides::Theme::for_screen(screen.w, screen.h);
    for (int combination = 0; combination < 8; ++combination) {
      const bool picture = combination & 1, chart = combination & 2, link = combination & 4;
      auto feed = testing::default_feed();
      model::Result& r = feed.content.results[0];
      r.image = picture ? pictures.content.results[0].image : "";
      r.series = chart ? std::optional(series) : std::nullopt;
      r.link = link ? "https://udsatteomraader.example/rapporter/foelgeevaluering-2024-delrapport-3.pdf" : "";
      INFO(screen.w << "x" << screen.h << (picture ? " picture" : "") << (chart ? " chart" : "") << (link ? " link" : ""));
      testing::SoftwareTarget target(screen.w, screen.h);
      render::ImageCache images(target.renderer(), objects, 64u << 20);
      slides::ViewState state;
      state.selected = r.id;

      // Scroll through the view a page at a time; each part must be seen whole at some point.
      std::set<slides::DetailPart> seen;
      int pages = 0;
      for (float scroll = 0;; scroll += 1) {
        state.scroll = scroll;
        const Drawn d = draw_view(target, feed, state, slides::draw_detail, &images);
        if (pages == 0) {
          target.keep_png("detail-" + std::to_string(screen.w) + "x" + std::to_string(screen.h) + "-" + std::to_string(combination));
        }
        const render::Rect screen_box{0, 0, screen.w, screen.h};
        CHECK(d.layout.parts.size() == static_cast<std::size_t>(picture + chart + link));
        for (const auto& p : d.layout.parts) {
          INFO("part " << static_cast<int>(p.part) << " at " << p.box.x << "," << p.box.y << " " << p.box.w << "x" << p.box.h
                       << (p.below_text ? " below the text" : " beside it"));
          const bool visible = p.below_text ? d.layout.viewport.contains(p.box) : true;
          if (!visible) continue;
          seen.insert(p.part);
          CHECK(screen_box.contains(p.box));
          const render::Rect min = [&] {
            render::Canvas canvas(target.renderer(), target.fonts(), screen.w, screen.h);
            return slides::detail_part_min(canvas, theme, r, p.part);
          }();
          CHECK(p.box.w >= min.w);
          CHECK(p.box.h >= min.h);
          for (const auto& q : d.layout.parts) {
            if (&q != &p && (!q.below_text || d.layout.viewport.contains(q.box))) CHECK_FALSE(p.box.intersects(q.box));
          }
          // The chart has its bars: the newest value is written above its bar, inside the chart.
          if (p.part == slides::DetailPart::kChart) {
            const std::string newest = slides::danish_decimal(series.points.back().value);
            CHECK(std::any_of(d.texts.begin(), d.texts.end(), [&](const auto& t) { return t.text == newest && p.box.contains(t.used); }));
          }
        }
        // The words never run into a part, and every text is on the screen at a readable size.
        for (const auto& t : d.texts) {
          INFO("text '" << t.text.substr(0, 40) << "' at " << t.used.x << "," << t.used.y << " " << t.used.w << "x" << t.used.h);
          CHECK(screen_box.contains(t.used));
          CHECK(t.px >= std::min(screen.w, screen.h) / 28);
          for (const auto& p : d.layout.parts) {
            // A part below the words is seen only inside the scrolled area.
            const render::Rect& v = d.layout.viewport;
            const render::Rect box = !p.below_text ? p.box
                                                   : render::Rect{p.box.x, std::max(p.box.y, v.y), p.box.w,
                                                                  std::min(p.box.bottom(), v.bottom()) - std::max(p.box.y, v.y)};
            if (t.used.intersects(box)) CHECK(box.contains(t.used));
          }
        }
        ++pages;
        if (scroll >= d.layout.max_scroll) break;
        scroll = std::min(d.layout.max_scroll, scroll + d.layout.page) - 1;
      }
      CHECK(seen.size() == static_cast<std::size_t>(picture + chart + link));
      CHECK(pages < 20);
    }
  }
}

TEST_CASE("larger text makes every text size and the footer one and a half times as large, not the margins", "[slides][text-size]") {
  for (const auto& [w, h] : {std::pair{1920, 1080}, std::pair{800, 480}, std::pair{1080, 1920}}) {
    const slides::Theme normal = slides::Theme::for_screen(w, h);
    const slides::Theme larger = slides::Theme::for_screen(w, h, slides::Theme::kLargerText);
    CHECK(normal.text_scale == 1.0);
    CHECK(larger.text_scale == 1.5);
    CHECK(larger.body_px == Approx(normal.body_px * 1.5).margin(1.5));
    CHECK(larger.label_px == larger.body_px);
    CHECK(larger.title_px == Approx(normal.title_px * 1.5).margin(1.5));
    CHECK(larger.headline_px == Approx(normal.headline_px * 1.5).margin(1.5));
    CHECK(larger.figure_px == Approx(normal.figure_px * 1.5).margin(1.5));
    CHECK(larger.footer_h == Approx(normal.footer_h * 1.5).margin(1.5));
    CHECK(larger.margin == normal.margin);
    CHECK(larger.gap == normal.gap);
  }
}
