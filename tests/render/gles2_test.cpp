// The renderer a Raspberry Pi uses, opengles2, drawing the cycle's slides: run under a private Xvfb
// with Mesa (llvmpipe) and compared pixel by pixel with the software renderer drawing the same slides
// through the same compositor. Text edges and the software renderer's 16-bit slide pictures differ
// by a few levels; a digit drawn wrong differs by far more, over more pixels than are allowed.
#include <catch2/catch.hpp>

#include <SDL.h>
#include <SDL_image.h>

#include <cstdlib>
#include <string>
#include <vector>

#include "app/content_source.h"
#include "app/scene.h"
#include "render/compositor.h"
#include "render/image_cache.h"
#include "render/sdl_handles.h"
#include "render_support.h"
#include "slides/slide.h"
#include "xvfb.h"

using namespace kiosk;

namespace {

constexpr int kW = 1280;
constexpr int kH = 720;
// A pixel differs when a channel of it is more than this many levels (of 255) from the other frame's
// pixel at the same place and from its eight neighbours: covers the software renderer's RGB565 slide
// pictures (up to 8 levels), antialiased edges and shape edges a pixel apart.
constexpr int kLevels = 24;
// At most this many differing pixels per frame (Mesa 22.3 against SDL 2.26's software renderer: 0);
// one digit of the status slide's counts, 8 -> 9, makes about 200.
constexpr int kMaxDiffering = 20;

using Pixels = std::vector<Uint32>;

// Draws slide `i` of `scene` on `renderer` through a compositor, as the display does, and reads the
// composed frame back as ARGB8888.
Pixels draw(SDL_Renderer* renderer, render::FontSet& fonts, const app::Scene& scene, std::size_t i) {
  auto compositor = render::Compositor::create(renderer, fonts, kW, kH, 0);
  REQUIRE(compositor);
  render::ImageCache images(renderer, "/nonexistent/objects", static_cast<std::size_t>(kW) * kH * 4);
  (*compositor)->canvas().set_images(&images);
  const FakeClock clock;
  REQUIRE((*compositor)->show([&](render::Canvas& c) { scene.draw(i, c, clock.wall(), 0); }, render::Compositor::Change::kCut,
                              clock.steady()));
  (*compositor)->compose(clock.steady(), slides::progress_overlay(slides::Theme::for_screen(kW, kH), 0.5f));
  Pixels pixels(static_cast<std::size_t>(kW) * kH);
  REQUIRE(SDL_RenderReadPixels(renderer, nullptr, SDL_PIXELFORMAT_ARGB8888, pixels.data(), kW * 4) == 0);
  return pixels;
}

struct Difference {
  int differing = 0;  // pixels without a match in the other frame
  SDL_Rect where{};   // their bounding box
};

int channel_difference(Uint32 p, Uint32 q) {
  int most = 0;
  for (int shift : {0, 8, 16}) most = std::max(most, std::abs(static_cast<int>((p >> shift) & 0xff) - static_cast<int>((q >> shift) & 0xff)));
  return most;
}

// True when pixel (x, y) of `a` has a pixel within kLevels at the same place in `b` or one pixel
// beside it: the two renderers place the edges of filled shapes (circles, chart lines) up to a
// pixel apart, while a wrong glyph changes whole strokes.
bool matched(const Pixels& a, const Pixels& b, int x, int y) {
  const Uint32 p = a[static_cast<std::size_t>(y) * kW + x];
  for (int dy = -1; dy <= 1; ++dy) {
    for (int dx = -1; dx <= 1; ++dx) {
      const int bx = x + dx, by = y + dy;
      if (bx < 0 || by < 0 || bx >= kW || by >= kH) continue;
      if (channel_difference(p, b[static_cast<std::size_t>(by) * kW + bx]) <= kLevels) return true;
    }
  }
  return false;
}

Difference compare(const Pixels& a, const Pixels& b) {
  Difference d;
  int x0 = kW, y0 = kH, x1 = -1, y1 = -1;
  for (int y = 0; y < kH; ++y) {
    for (int x = 0; x < kW; ++x) {
      if (matched(a, b, x, y) && matched(b, a, x, y)) continue;
      ++d.differing;
      x0 = std::min(x0, x), y0 = std::min(y0, y), x1 = std::max(x1, x), y1 = std::max(y1, y);
    }
  }
  if (d.differing > 0) d.where = {x0, y0, x1 - x0 + 1, y1 - y0 + 1};
  return d;
}

// With KIOSK_KEEP_PNG_DIR set, writes a frame to <dir>/<name>.png, to look at it.
void keep_png(const Pixels& pixels, const std::string& name) {
  const char* dir = std::getenv("KIOSK_KEEP_PNG_DIR");
  if (!dir) return;
  render::Surface s(SDL_CreateRGBSurfaceWithFormatFrom(const_cast<Uint32*>(pixels.data()), kW, kH, 32, kW * 4,
                                                       SDL_PIXELFORMAT_ARGB8888));
  IMG_SavePNG(s.get(), (std::string(dir) + "/" + name + ".png").c_str());
}

std::string describe(const Difference& d) {
  return std::to_string(d.differing) + " pixels differ by more than " + std::to_string(kLevels) +
         " levels from the other frame's pixel and its neighbours, within " + std::to_string(d.where.w) + "x" + std::to_string(d.where.h) + " at " +
         std::to_string(d.where.x) + "," + std::to_string(d.where.y);
}

// An SDL window on a private Xvfb with the opengles2 renderer, and the software renderer beside it.
class Renderers {
 public:
  Renderers() : xvfb_(kW, kH), software_(kW, kH) {
    REQUIRE_FALSE(xvfb_.display().empty());  // Xvfb (package xvfb) did not start
    ::setenv("DISPLAY", xvfb_.display().c_str(), 1);
    SDL_SetHint(SDL_HINT_VIDEODRIVER, "x11");
    SDL_SetHint(SDL_HINT_RENDER_DRIVER, "opengles2");
    INFO(SDL_GetError());
    REQUIRE(SDL_InitSubSystem(SDL_INIT_VIDEO) == 0);
    window_.reset(SDL_CreateWindow("kiosk gles2 test", 0, 0, kW, kH, SDL_WINDOW_SHOWN));
    REQUIRE(window_);
    gles2_.reset(SDL_CreateRenderer(window_.get(), -1, SDL_RENDERER_ACCELERATED | SDL_RENDERER_TARGETTEXTURE));
    REQUIRE(gles2_);
    SDL_RendererInfo info{};
    REQUIRE(SDL_GetRendererInfo(gles2_.get(), &info) == 0);
    // Not a skip: without Mesa's GLES2 (libgles2, libegl-mesa0, libgl1-mesa-dri) this must fail.
    REQUIRE(std::string(info.name) == "opengles2");
  }
  ~Renderers() {
    gles2_.reset();
    window_.reset();
    SDL_QuitSubSystem(SDL_INIT_VIDEO);
  }
  SDL_Renderer* gles2() const { return gles2_.get(); }
  SDL_Renderer* software() const { return software_.renderer(); }
  render::FontSet& fonts() const { return software_.fonts(); }

 private:
  testing::Xvfb xvfb_;
  testing::SoftwareTarget software_;
  render::Window window_;
  render::Renderer gles2_;
};

app::LoadedContent default_content() {
  auto content = app::load_default_content(app::AssetPaths{testing::source_path("assets")});
  REQUIRE(content);
  return *content;
}

}  // namespace

TEST_CASE("the opengles2 renderer draws every slide as the software renderer does", "[render][gles2]") {
  Renderers renderers;
  const app::LoadedContent content = default_content();
  const app::Scene scene(content, "vollsmose", 3);
  REQUIRE(scene.size() >= 3);
  for (std::size_t i = 0; i < scene.size(); ++i) {
    INFO("slide " << scene.name(i) << " at " << kW << "x" << kH);
    const Pixels gles2 = draw(renderers.gles2(), renderers.fonts(), scene, i);
    const Pixels software = draw(renderers.software(), renderers.fonts(), scene, i);
    keep_png(gles2, std::string("gles2-") + scene.name(i));
    keep_png(software, std::string("software-") + scene.name(i));
    const Difference d = compare(gles2, software);
    INFO(describe(d));
    CHECK(d.differing <= kMaxDiffering);
  }
}

TEST_CASE("one wrong digit on the opengles2 renderer is more than the comparison allows", "[render][gles2]") {
  Renderers renderers;
  const app::LoadedContent content = default_content();
  app::LoadedContent wrong = content;
  REQUIRE_FALSE(wrong.content.national_counts.empty());
  auto& counts = wrong.content.national_counts.back();
  counts.parallelsamfund = counts.parallelsamfund == 9 ? 8 : 9;  // one count, one digit
  const app::Scene right_scene(content, "vollsmose", 3);
  const app::Scene wrong_scene(wrong, "vollsmose", 3);
  REQUIRE(std::string(right_scene.name(0)) == "status");
  const Difference d =
      compare(draw(renderers.gles2(), renderers.fonts(), wrong_scene, 0), draw(renderers.software(), renderers.fonts(), right_scene, 0));
  INFO(describe(d));
  CHECK(d.differing > kMaxDiffering);
}
