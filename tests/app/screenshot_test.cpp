#include <SDL.h>
#include <SDL_image.h>

#include <catch2/catch.hpp>
#include <algorithm>
#include <cstring>
#include <map>

#include "app/kiosk_app.h"
#include "test_support.h"

using namespace kiosk;

namespace {

struct Image {
  int w = 0;
  int h = 0;
  std::vector<Uint32> pixels;
};

Image load_png(const std::string& path) {
  SDL_Surface* raw = IMG_Load(path.c_str());
  INFO(path << ": " << SDL_GetError());
  REQUIRE(raw != nullptr);
  SDL_Surface* rgba = SDL_ConvertSurfaceFormat(raw, SDL_PIXELFORMAT_RGBA32, 0);
  SDL_FreeSurface(raw);
  REQUIRE(rgba != nullptr);
  Image img{rgba->w, rgba->h, std::vector<Uint32>(static_cast<std::size_t>(rgba->w * rgba->h))};
  for (int y = 0; y < rgba->h; ++y) {
    std::memcpy(&img.pixels[static_cast<std::size_t>(y * rgba->w)], static_cast<Uint8*>(rgba->pixels) + y * rgba->pitch,
                static_cast<std::size_t>(rgba->w) * 4);
  }
  SDL_FreeSurface(rgba);
  return img;
}

double fraction_differing(const Image& a, const Image& b) {
  std::size_t differ = 0;
  for (std::size_t i = 0; i < a.pixels.size(); ++i) differ += a.pixels[i] != b.pixels[i];
  return static_cast<double>(differ) / static_cast<double>(a.pixels.size());
}

// Share of pixels that are not the most common colour (the background).
double fraction_drawn(const Image& img) {
  std::map<Uint32, std::size_t> counts;
  for (Uint32 p : img.pixels) ++counts[p];
  std::size_t most = 0;
  for (const auto& [colour, n] : counts) most = std::max(most, n);
  return 1.0 - static_cast<double>(most) / static_cast<double>(img.pixels.size());
}

config::Config test_config(const kiosk::testing::TempDir& dir) {
  config::Config c;
  c.database = dir.file("content.db");
  return c;
}

}  // namespace

TEST_CASE("screenshots: one PNG per slide at the asked size and not blank and all different", "[app][screenshot]") {
  const auto size = GENERATE(app::Size{1920, 1080}, app::Size{800, 480}, app::Size{1080, 1920});
  kiosk::testing::TempDir dir;
  const app::AssetPaths assets{kiosk::testing::source_path("assets")};
  auto content = app::load_default_content(assets);
  REQUIRE(content.ok());
  const FakeClock clock;
  const auto status = app::render_screenshots({dir.file("shots"), size, 0, clock.wall()}, *content, assets, test_config(dir), clock.steady());
  INFO((status.ok() ? "" : status.error().message));
  REQUIRE(status.ok());

  const std::vector<std::string> names = {"01-status.png", "02-map.png", "03-timeline.png", "04-results.png"};
  std::vector<Image> images;
  for (const auto& name : names) {
    INFO(name);
    images.push_back(load_png(dir.file("shots/" + name)));
    CHECK(images.back().w == size.w);
    CHECK(images.back().h == size.h);
    CHECK(fraction_drawn(images.back()) > 0.05);
  }
  std::size_t pngs = 0;
  for (const auto& e : std::filesystem::directory_iterator(dir.file("shots"))) pngs += e.path().extension() == ".png";
  CHECK(pngs == names.size());
  // Beside each picture, the texts drawn on it.
  CHECK(kiosk::testing::read_file(dir.file("shots/03-timeline.txt")).find("2029") != std::string::npos);
  CHECK(kiosk::testing::read_file(dir.file("shots/04-results.txt")).find("Seneste resultater") != std::string::npos);
  for (std::size_t i = 0; i < images.size(); ++i) {
    for (std::size_t j = i + 1; j < images.size(); ++j) {
      INFO(names[i] << " vs " << names[j]);
      CHECK(fraction_differing(images[i], images[j]) > 0.05);
    }
  }
}

TEST_CASE("an unwritable screenshot directory is an error naming it", "[app][screenshot]") {
  kiosk::testing::TempDir dir;
  kiosk::testing::write_file(dir.file("file"), "x");
  const app::AssetPaths assets{kiosk::testing::source_path("assets")};
  auto content = app::load_default_content(assets);
  REQUIRE(content.ok());
  const FakeClock clock;
  const auto status =
      app::render_screenshots({dir.file("file/shots"), {800, 480}, 0, clock.wall()}, *content, assets, test_config(dir), clock.steady());
  REQUIRE_FALSE(status.ok());
  CHECK_THAT(status.error().message, Catch::Contains(dir.file("file/shots")));
}

TEST_CASE("a missing font stops the screenshot with the font's path", "[app][screenshot]") {
  kiosk::testing::TempDir dir;
  const app::AssetPaths good{kiosk::testing::source_path("assets")};
  auto content = app::load_default_content(good);
  REQUIRE(content.ok());
  const app::AssetPaths no_fonts{dir.path().string()};
  const FakeClock clock;
  const auto status = app::render_screenshots({dir.file("shots"), {800, 480}, 0, clock.wall()}, *content, no_fonts, test_config(dir), clock.steady());
  REQUIRE_FALSE(status.ok());
  CHECK_THAT(status.error().message, Catch::Contains(no_fonts.font_regular()));
}

TEST_CASE("screenshots with the touch views draw the browser and every result in detail, each page of a long one", "[app][screenshot]") {
  kiosk::testing::TempDir dir;
  const app::AssetPaths assets{kiosk::testing::source_path("assets")};
  auto content = app::load_default_content(assets);
  REQUIRE(content.ok());
  // One result long enough to scroll on a small screen.
  std::string long_body;
  for (int i = 0; i < 40; ++i) long_body += "Afsnit " + std::to_string(i + 1) + " af den lange tekst om resultatet. ";
  content->content.results[0].body = long_body;
  const FakeClock clock;
  app::ScreenshotRequest request{dir.file("shots"), {800, 480}, 0, clock.wall()};
  request.touch_views = true;
  const auto status = app::render_screenshots(request, *content, assets, test_config(dir), clock.steady());
  INFO((status.ok() ? "" : status.error().message));
  REQUIRE(status.ok());

  std::vector<std::string> pngs;
  for (const auto& e : std::filesystem::directory_iterator(dir.file("shots"))) {
    if (e.path().extension() == ".png") pngs.push_back(e.path().filename().string());
  }
  std::sort(pngs.begin(), pngs.end());
  INFO([&] {
    std::string all;
    for (const auto& p : pngs) all += p + " ";
    return all;
  }());
  CHECK(std::count(pngs.begin(), pngs.end(), "05-browser.png") == 1);
  CHECK(std::count(pngs.begin(), pngs.end(), "06-browser-all.png") == 1);
  CHECK(kiosk::testing::read_file(dir.file("shots/06-browser-all.txt")).find(content->content.results[1].title) != std::string::npos);
  for (const auto& r : content->content.results) {
    INFO(r.id);
    const auto is_detail = [&](const std::string& name) { return name.find("-detail-" + r.id) != std::string::npos; };
    const auto pages = std::count_if(pngs.begin(), pngs.end(), is_detail);
    CHECK(pages >= 1);
    const auto first = *std::find_if(pngs.begin(), pngs.end(), is_detail);
    const std::string text = kiosk::testing::read_file(dir.file("shots/" + first.substr(0, first.size() - 4) + ".txt"));
    CHECK(text.find(r.title.substr(0, r.title.find(' '))) != std::string::npos);
    if (r.id == content->content.results[0].id) {
      // The long one is drawn a page at a time, numbered from the first, down to its last words.
      CHECK(pages >= 2);
      const auto last = *std::find_if(pngs.rbegin(), pngs.rend(), is_detail);
      CHECK(last.find("-" + std::to_string(pages) + ".png") != std::string::npos);
      CHECK(kiosk::testing::read_file(dir.file("shots/" + last.substr(0, last.size() - 4) + ".txt")).find("Afsnit 40") != std::string::npos);
    }
  }
}
