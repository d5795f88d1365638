// Stale content says why on the footer (expired, refused, not fetched for days), and times read in
// the kiosk's local time in Danish words, as the on-screen clock shows them.
#include <catch2/catch.hpp>

#include "render/canvas.h"
#include "render_support.h"
#include "content_gen.h"
#include "slides/danish.h"
#include "slides/slide.h"
#include "slides/slide_kinds.h"
#include "time_zone.h"

using namespace kiosk;

namespace {

using testing::unix_at;

WallTime wall(const char* utc) { return WallTime{std::chrono::seconds(unix_at(utc))}; }

}  // namespace

TEST_CASE("a moment reads the Danish way in the kiosk's local time as the clock shows it", "[slides]") {
  const testing::TimeZone zone("Europe/Copenhagen");
  CHECK(slides::danish_moment(unix_at("2026-12-14T17:47:15Z")) == "14. december 2026 kl. 18.47");
  CHECK(slides::clock_text(wall("2026-12-14T17:47:15Z")) == "18:47");
  CHECK(slides::danish_moment(unix_at("2026-07-01T22:05:00Z")) == "2. juli 2026 kl. 00.05");  // summer time, the next day
}

TEST_CASE("the stale reason names what made the content stale", "[slides]") {
  const testing::TimeZone zone("Europe/Copenhagen");
  const WallTime now = wall("2026-12-14T12:00:00Z");
  const std::int64_t today = unix_at("2026-12-14T08:00:00Z");
  const std::int64_t far = unix_at("2027-06-01T00:00:00Z");
  using slides::ContentOrigin;

  // Past its expiry (late on the 10th in UTC is the 11th in Copenhagen), even when updated today.
  CHECK(slides::stale_reason(ContentOrigin{false, 4, today, unix_at("2026-12-10T23:30:00Z"), today, false}, now) ==
        "udløbet 11. december 2026");
  CHECK(slides::stale_reason(ContentOrigin{true, 1, 0, unix_at("2026-12-01T12:00:00Z"), 0, false}, now) ==
        "udløbet 1. december 2026");
  // Updated today, then kiosk-sync refused what is published now.
  CHECK(slides::stale_reason(ContentOrigin{false, 4, today, far, today, true}, now) == "udgivelsen blev afvist");
  // No update and no good sync for days: the later of the two.
  CHECK(slides::stale_reason(ContentOrigin{false, 4, unix_at("2026-11-20T10:00:00Z"), far, unix_at("2026-11-30T10:00:00Z"), false},
                             now) == "sidst hentet 30. november 2026");
  CHECK(slides::stale_reason(ContentOrigin{false, 4, unix_at("2026-11-30T10:00:00Z"), far, 0, false}, now) ==
        "sidst hentet 30. november 2026");
}

TEST_CASE("the footer says in full why the content is stale at every screen size", "[slides][layout]") {
  const testing::TimeZone zone("Europe/Copenhagen");
  const auto feed = testing::default_feed();
  const auto status = slides::SlideKinds::built_in().find("status")->make();
  const WallTime now = wall("2026-12-14T12:00:00Z");
  const std::int64_t far = unix_at("2027-06-01T00:00:00Z");
  const model::Area* area = &feed.content.areas[7];  // the place's name shares the footer
  // The longest dates: a two-digit day of September.
  const slides::ContentOrigin origins[] = {
      {false, 4, unix_at("2026-12-14T08:00:00Z"), unix_at("2026-09-27T23:30:00Z"), 0, false},
      {false, 4, unix_at("2026-12-14T08:00:00Z"), far, 0, true},
      {false, 4, unix_at("2026-09-28T10:00:00Z"), far, 0, false},
  };
  const std::string expected[] = {"Forældet: udløbet 28. september 2026", "Forældet: udgivelsen blev afvist",
                                  "Forældet: sidst hentet 28. september 2026"};
  for (const auto& [w, h] : {std::pair{800, 480}, {1280, 720}, {1920, 1080}, {3840, 2160}, {1080, 1920}}) {
    for (std::size_t i = 0; i < std::size(origins); ++i) {
      INFO(w << "x" << h << ": " << expected[i]);
      testing::SoftwareTarget target(w, h);
      render::Canvas canvas(target.renderer(), target.fonts(), w, h);
      std::vector<render::DrawnText> drawn;
      canvas.set_recorder(&drawn);
      const slides::SlideContext ctx{feed.content, area, origins[i], now, true, 0};
      status->draw(canvas, slides::Theme::for_screen(w, h), ctx);
      const auto footer = std::find_if(drawn.begin(), drawn.end(), [](const auto& t) { return t.text.rfind("Forældet", 0) == 0; });
      REQUIRE(footer != drawn.end());
      CHECK(footer->text == expected[i]);
      CHECK_FALSE(footer->truncated);
      CHECK(render::Rect{0, 0, w, h}.contains(footer->used));
      for (const auto& t : drawn) {
        INFO("and '" << t.text << "'");
        if (&t != &*footer) CHECK_FALSE(t.used.intersects(footer->used));
      }
    }
  }
}
