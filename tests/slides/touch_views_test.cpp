#include <SDL_image.h>

#include <catch2/catch.hpp>
#include <sstream>

#include "content_gen.h"
#include "render/canvas.h"
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
Drawn draw_view(testing::SoftwareTarget& target, const model::Feed& feed, const slides::ViewState& state, Draw draw) {
  render::Canvas canvas(target.renderer(), target.fonts(), target.surface()->w, target.surface()->h);
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
