#include <SDL_image.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include "render/canvas.h"
#include "render/image_cache.h"
#include "render_support.h"

using namespace kiosk;

namespace {

const std::string kSha(64, 'a');

// What `run` writes to the log.
template <class F>
std::string log_of(F run) {
  std::string logged;
  log::set_sink([&](log::Level, std::string_view line) { logged += std::string(line) + "\n"; });
  run();
  log::set_sink({});
  return logged;
}

void write_png(const std::string& path, int w, int h) {
  SDL_Surface* s = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_RGBA32);
  SDL_FillRect(s, nullptr, SDL_MapRGB(s->format, 200, 30, 30));
  REQUIRE(IMG_SavePNG(s, path.c_str()) == 0);
  SDL_FreeSurface(s);
}

// A PNG signature and IHDR chunk that claim a size, with no image data after them.
std::string png_header(std::uint32_t w, std::uint32_t h) {
  std::string b("\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR", 16);
  for (std::uint32_t v : {w, h}) {
    for (int shift = 24; shift >= 0; shift -= 8) b += static_cast<char>((v >> shift) & 0xFF);
  }
  return b + std::string("\x08\x06\0\0\0", 5);
}

}  // namespace

TEST_CASE("picture sizes are read from PNG and JPEG headers without decoding", "[render][images]") {
  const auto png = render::image_dimensions(png_header(640, 400));
  REQUIRE(png);
  CHECK(png->w == 640);
  CHECK(png->h == 400);
  // A minimal JPEG: SOI, an APP0 segment, then SOF0 with height 300 and width 500.
  const std::string jpeg("\xFF\xD8\xFF\xE0\x00\x04\x00\x00\xFF\xC0\x00\x11\x08\x01\x2C\x01\xF4", 17);
  const auto jpg = render::image_dimensions(jpeg);
  REQUIRE(jpg);
  CHECK(jpg->w == 500);
  CHECK(jpg->h == 300);
  CHECK_FALSE(render::image_dimensions("GIF89a...."));
  CHECK_FALSE(render::image_dimensions(std::string("\xFF\xD8\xFF", 3)));
  CHECK_FALSE(render::image_dimensions(""));
}

TEST_CASE("a picture is decoded once and scaled to the box it is shown in", "[render][images]") {
  testing::TempDir dir;
  write_png(dir.file(kSha), 800, 400);
  testing::SoftwareTarget target(400, 400);
  render::ImageCache images(target.renderer(), dir.path().string(), 8u << 20);
  render::ImageSize size;
  REQUIRE(images.get(kSha, 300, 300, &size) != nullptr);
  CHECK(size.w == 300);
  CHECK(size.h == 150);
  CHECK(images.cached_bytes() == 300 * 150 * 4);
  // The second time comes from the cache, even if the file is gone.
  std::filesystem::remove(dir.file(kSha));
  CHECK(images.get(kSha, 300, 300, &size) != nullptr);
}

TEST_CASE("the picture cache stays within its budget", "[render][images]") {
  testing::TempDir dir;
  testing::SoftwareTarget target(100, 100);
  render::ImageCache images(target.renderer(), dir.path().string(), 3 * 100 * 100 * 4);
  for (int i = 0; i < 10; ++i) {
    const std::string sha(64, static_cast<char>('a' + i % 6));
    write_png(dir.file(sha), 100, 100);
    render::ImageSize size;
    REQUIRE(images.get(sha, 100, 100 + i, &size) != nullptr);
    CHECK(images.cached_bytes() <= 3 * 100 * 100 * 4);
  }
}

TEST_CASE("a missing, broken or absurdly large picture is refused and shown as a placeholder", "[render][images]") {
  testing::TempDir dir;
  testing::SoftwareTarget target(200, 200);
  render::ImageCache images(target.renderer(), dir.path().string(), 1u << 20);
  render::ImageSize size;
  SECTION("missing") { CHECK(images.get(kSha, 100, 100, &size) == nullptr); }
  SECTION("not a picture") {
    testing::write_file(dir.file(kSha), "<html>not found</html>");
    CHECK(images.get(kSha, 100, 100, &size) == nullptr);
  }
  SECTION("truncated") {
    testing::write_file(dir.file(kSha), png_header(100, 100));
    CHECK(images.get(kSha, 100, 100, &size) == nullptr);
  }
  SECTION("absurd size, refused before decoding") {
    // 20000x20000 would need 1.6 GB decoded, 6000x6000 (no side too long) 144 MB; the header alone
    // is enough to refuse them (the files hold no image data, so only the log tells a refusal from
    // a failed decoding).
    const std::string other(64, 'b');
    testing::write_file(dir.file(kSha), png_header(20000, 20000) + std::string(100, '\0'));
    testing::write_file(dir.file(other), png_header(6000, 6000) + std::string(100, '\0'));
    const std::string logged = log_of([&] {
      CHECK(images.get(kSha, 100, 100, &size) == nullptr);
      CHECK(images.get(other, 100, 100, &size) == nullptr);
    });
    INFO(logged);
    CHECK(logged.find("refused before decoding: declares 20000x20000 pixels") != std::string::npos);
    CHECK(logged.find("refused before decoding: declares 6000x6000 pixels") != std::string::npos);
    CHECK(images.cached_bytes() == 0);
  }
  SECTION("missing, or a file larger than a picture may be, named in the log") {
    const std::string other(64, 'b');
    testing::write_file(dir.file(other), "");
    REQUIRE(::truncate(dir.file(other).c_str(), static_cast<off_t>(render::kMaxImageFileBytes) + 1) == 0);  // sparse
    const std::string logged = log_of([&] {
      CHECK(images.get(kSha, 100, 100, &size) == nullptr);
      CHECK(images.get(other, 100, 100, &size) == nullptr);
    });
    INFO(logged);
    CHECK(logged.find("image " + dir.file(kSha) + " does not exist; showing a placeholder") != std::string::npos);
    CHECK(logged.find("image " + dir.file(other) + " is 32.1 MiB, larger than the 32 MiB it may be; showing a placeholder") !=
          std::string::npos);
  }
  SECTION("a decodable picture wider than the limit") {
    write_png(dir.file(kSha), render::kMaxImageSide + 1, 1);
    CHECK(images.get(kSha, 100, 100, &size) == nullptr);
    CHECK(images.cached_bytes() == 0);
  }
  // Whatever the reason, the canvas draws a placeholder in the box, and nothing is cached.
  render::Canvas canvas(target.renderer(), target.fonts(), 200, 200);
  canvas.set_images(&images);
  canvas.clear({0, 0, 0, 255});
  const render::Rect drawn = canvas.image(kSha, {50, 50, 100, 100});
  CHECK(drawn.x == 50);
  CHECK(drawn.w == 100);
  const SDL_Color edge = target.pixel(50, 100);
  CHECK((edge.r | edge.g | edge.b) != 0);  // the placeholder's frame
}

TEST_CASE("the least recently used values leave first when the budget is full", "[render][images]") {
  render::LruCache<int> cache(30);
  const auto value = [&](const std::string& key) {  // 0: not kept
    const int* v = cache.find(key);
    return v ? *v : 0;
  };
  cache.insert("a", 1, 10);
  cache.insert("b", 2, 10);
  cache.insert("c", 3, 10);
  REQUIRE(value("a") == 1);  // now b is the least recently used
  CHECK(cache.insert("d", 4, 10) == 4);
  CHECK(value("b") == 0);
  CHECK(value("a") == 1);
  CHECK(value("c") == 3);
  CHECK(cache.bytes() == 30);
  // One value larger than the budget pushes out everything else, and is kept.
  cache.insert("e", 5, 40);
  CHECK(cache.bytes() == 40);
  CHECK(value("a") == 0);
  CHECK(value("d") == 0);
  CHECK(value("e") == 5);
}
