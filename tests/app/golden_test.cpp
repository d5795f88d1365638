// Golden screenshots: each slide, and the touch map's views, at two screen sizes (and, in every
// language but Danish, the status slide and the newest result's detail), rendered headless exactly as `kiosk
// --screenshot` does at a fixed time in a fixed zone, compared with the references in tests/golden/:
// the texts drawn (<slide>.txt) exactly, and the pictures (<slide>.png) pixel by pixel with room only
// for antialiasing, so one wrong digit fails. Every produced slide needs a reference and every
// reference a produced slide.
//
// After an intended change of the slides, look at the new pictures, then refresh the references:
//     make golden
// (which runs this test with KIOSK_UPDATE_GOLDEN=1: it writes the new PNGs and texts into
// tests/golden/ and removes references of slides no longer produced).
#include <SDL.h>
#include <SDL_image.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <set>

#include "app/kiosk_app.h"
#include "i18n/language.h"
#include "feed/feed_json.h"
#include "test_support.h"

using namespace kiosk;

namespace {

// A channel may differ by this much (antialiasing) before the pixel counts as different.
constexpr int kChannelTolerance = 8;
// At most this many pixels may differ: one count changed from 8 to 9 on the status slide differs
// in 149 pixels at 800x480 (539 at 1920x1080).
constexpr std::size_t kMaxDifferingPixels = 16;

struct Compared {
  bool same_size = false;
  std::size_t differing = 0;
};

// The slides' file names in `dir` with extension `ext`.
std::set<std::string> names(const std::filesystem::path& dir, const std::string& ext) {
  std::set<std::string> out;
  std::error_code ec;
  for (std::filesystem::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    if (it->path().extension() == ext) out.insert(it->path().filename().string());
  }
  return out;
}

Compared compare(const std::string& actual_path, const std::string& golden_path) {
  SDL_Surface* a_raw = IMG_Load(actual_path.c_str());
  SDL_Surface* g_raw = IMG_Load(golden_path.c_str());
  INFO(golden_path << ": " << SDL_GetError());
  REQUIRE(a_raw != nullptr);
  REQUIRE(g_raw != nullptr);
  SDL_Surface* a = SDL_ConvertSurfaceFormat(a_raw, SDL_PIXELFORMAT_RGBA32, 0);
  SDL_Surface* g = SDL_ConvertSurfaceFormat(g_raw, SDL_PIXELFORMAT_RGBA32, 0);
  SDL_FreeSurface(a_raw);
  SDL_FreeSurface(g_raw);
  Compared out;
  out.differing = static_cast<std::size_t>(a->w) * a->h;
  out.same_size = a->w == g->w && a->h == g->h;
  if (out.same_size) {
    std::size_t differing = 0;
    for (int y = 0; y < a->h; ++y) {
      const auto* pa = static_cast<const Uint8*>(a->pixels) + y * a->pitch;
      const auto* pg = static_cast<const Uint8*>(g->pixels) + y * g->pitch;
      for (int x = 0; x < a->w * 4; x += 4) {
        for (int k = 0; k < 3; ++k) {
          if (std::abs(pa[x + k] - pg[x + k]) > kChannelTolerance) {
            ++differing;
            break;
          }
        }
      }
    }
    out.differing = differing;
  }
  SDL_FreeSurface(a);
  SDL_FreeSurface(g);
  return out;
}

// The screenshots in `out` against the references in `golden_dir`: the same slides, each with its
// texts exactly and its picture within antialiasing. With KIOSK_UPDATE_GOLDEN set, makes `out` the
// references instead (removing references of slides no longer produced).
void check_against(const std::string& out, const std::filesystem::path& golden_dir) {
  const std::set<std::string> produced = names(out, ".png");
  REQUIRE_FALSE(produced.empty());
  if (std::getenv("KIOSK_UPDATE_GOLDEN") != nullptr) {
    std::filesystem::create_directories(golden_dir);
    for (const char* ext : {".png", ".txt"}) {
      for (const auto& stale : names(golden_dir, ext)) std::filesystem::remove(golden_dir / stale);
      for (const auto& file : names(out, ext)) {
        std::filesystem::copy_file(std::filesystem::path(out) / file, golden_dir / file,
                                   std::filesystem::copy_options::overwrite_existing);
      }
    }
    return;
  }
  CHECK(names(golden_dir, ".png") == produced);
  CHECK(names(golden_dir, ".txt") == names(out, ".txt"));
  for (const auto& png : produced) {
    const auto golden = golden_dir / png;
    INFO(golden.string());
    REQUIRE(std::filesystem::exists(golden));
    const auto txt = std::filesystem::path(png).replace_extension(".txt").string();
    CHECK(kiosk::testing::read_file(std::filesystem::path(out) / txt) == kiosk::testing::read_file(golden_dir / txt));
    const Compared c = compare((std::filesystem::path(out) / png).string(), golden.string());
    CHECK(c.same_size);
    CHECK(c.differing <= kMaxDifferingPixels);
  }
}

// What every golden screenshot is drawn from: the default content, and a fixed time in a fixed zone
// for the clock and the timeline's "today".
struct Fixed {
  WallTime now;
  app::AssetPaths assets{kiosk::testing::source_path("assets")};
  Result<app::LoadedContent> content = app::load_default_content(assets);

  Fixed() {
    setenv("TZ", "UTC", 1);
    tzset();
    const auto at = feed::parse_timestamp("2026-11-27T10:00:00Z");
    REQUIRE(at.ok());
    now = WallTime{std::chrono::seconds(*at)};
    REQUIRE(content.ok());
  }

  // Draws `request` as `kiosk --screenshot` with `config` does; true when it could.
  bool shoot(const app::ScreenshotRequest& request, const config::Config& config) const {
    return app::render_screenshots(request, *content, assets, config, SystemClock().steady()).ok();
  }
};

}  // namespace

TEST_CASE("golden screenshots: every slide at 1920x1080 and 800x480 matches its reference", "[app][golden]") {
  const Fixed fixed;
  kiosk::testing::TempDir dir;
  config::Config config;
  config.database = dir.file("content.db");

  for (const app::Size size : {app::Size{1920, 1080}, app::Size{800, 480}}) {
    const std::string name = std::to_string(size.w) + "x" + std::to_string(size.h);
    const std::string out = dir.file(name);
    app::ScreenshotRequest request{out, size, 0, fixed.now};
    request.map_views = true;  // and the touch map
    REQUIRE(fixed.shoot(request, config));
    const std::filesystem::path golden_dir = kiosk::testing::source_path("tests/golden/" + name);
    check_against(out, golden_dir);
  }
}

TEST_CASE("golden screenshots per language: the status slide and a result's detail match their references", "[app][golden]") {
  const Fixed fixed;
  kiosk::testing::TempDir dir;
  for (const i18n::Language* language : i18n::languages()) {
    const std::string code = language->code();
    if (code == "da") continue;  // the test above
    config::Config config;
    config.database = dir.file("content.db");
    config.languages.codes = {code};
    for (const app::Size size : {app::Size{1920, 1080}, app::Size{800, 480}}) {
      const std::string name = std::to_string(size.w) + "x" + std::to_string(size.h);
      const std::string all = dir.file(code + "-" + name + "-all");
      app::ScreenshotRequest request{all, size, 0, fixed.now};
      request.touch_views = true;
      REQUIRE(fixed.shoot(request, config));
      // The status slide and the first (newest) result's detail, with their texts.
      const std::string out = dir.file(code + "-" + name);
      std::filesystem::create_directories(out);
      std::string detail;
      for (const auto& png : names(all, ".png")) {
        if (detail.empty() && png.find("-detail-") != std::string::npos) detail = png;
      }
      REQUIRE_FALSE(detail.empty());
      for (const std::string& png : {std::string("01-status.png"), detail}) {
        for (const char* ext : {".png", ".txt"}) {
          const auto file = std::filesystem::path(png).replace_extension(ext);
          std::filesystem::copy_file(std::filesystem::path(all) / file, std::filesystem::path(out) / file);
        }
      }
      INFO(code << " " << name);
      check_against(out, kiosk::testing::source_path("tests/golden/" + name + "/" + code));
    }
  }
}
