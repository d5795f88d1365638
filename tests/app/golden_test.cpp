// Golden screenshots: each slide at two screen sizes, rendered headless exactly as `kiosk
// --screenshot` does, compared with the reference PNGs in tests/golden/ within a tolerance (font
// rasterizers differ slightly between library versions).
//
// After an intended change of the slides, look at the new pictures, then refresh the references:
//     make golden
// (which runs this test with KIOSK_UPDATE_GOLDEN=1 and copies the new PNGs into tests/golden/).
#include <SDL.h>
#include <SDL_image.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <ctime>
#include <filesystem>

#include "app/kiosk_app.h"
#include "feed/feed_json.h"
#include "test_support.h"

using namespace kiosk;

namespace {

// A channel may differ by this much before the pixel counts as different.
constexpr int kChannelTolerance = 32;
// At most this share of pixels may differ.
constexpr double kMaxDifferingShare = 0.003;

struct Compared {
  bool same_size = false;
  double differing = 1.0;
};

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
    out.differing = static_cast<double>(differing) / (static_cast<double>(a->w) * a->h);
  }
  SDL_FreeSurface(a);
  SDL_FreeSurface(g);
  return out;
}

}  // namespace

TEST_CASE("golden screenshots: every slide at 1920x1080 and 800x480 matches its reference", "[app][golden]") {
  // The clock and "today" on the slides come from a fixed time in a fixed zone.
  setenv("TZ", "UTC", 1);
  tzset();
  const auto at = feed::parse_timestamp("2026-11-27T10:00:00Z");
  REQUIRE(at.ok());
  const WallTime now{std::chrono::seconds(*at)};
  const bool update = std::getenv("KIOSK_UPDATE_GOLDEN") != nullptr;

  const app::AssetPaths assets{kiosk::testing::source_path("assets")};
  auto content = app::load_default_content(assets);
  REQUIRE(content.ok());
  kiosk::testing::TempDir dir;
  config::Config config;
  config.database = dir.file("content.db");

  for (const app::Size size : {app::Size{1920, 1080}, app::Size{800, 480}}) {
    const std::string name = std::to_string(size.w) + "x" + std::to_string(size.h);
    const std::string out = dir.file(name);
    REQUIRE(app::render_screenshots({out, size, 0, now}, *content, assets, config, SystemClock().steady()).ok());
    const std::filesystem::path golden_dir = kiosk::testing::source_path("tests/golden/" + name);
    for (const auto& entry : std::filesystem::directory_iterator(out)) {
      if (entry.path().extension() != ".png") continue;
      const auto golden = golden_dir / entry.path().filename();
      INFO(golden.string());
      if (update) {
        std::filesystem::create_directories(golden_dir);
        std::filesystem::copy_file(entry.path(), golden, std::filesystem::copy_options::overwrite_existing);
        continue;
      }
      REQUIRE(std::filesystem::exists(golden));
      const Compared c = compare(entry.path().string(), golden.string());
      CHECK(c.same_size);
      CHECK(c.differing <= kMaxDifferingShare);
    }
  }
}
