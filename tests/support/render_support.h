// A real software renderer on an off-screen surface, with the bundled fonts: what the layout and
// picture tests draw on.
#pragma once

#include <SDL.h>
#include <SDL_image.h>
#include <SDL_ttf.h>

#include <cstdlib>
#include <memory>
#include <string>
#include <stdexcept>

#include "render/fonts.h"
#include "render/sdl_handles.h"
#include "test_support.h"

namespace kiosk::testing {

class SoftwareTarget {
 public:
  SoftwareTarget(int w, int h) {
    if (TTF_Init() != 0) throw std::runtime_error(TTF_GetError());
    surface_.reset(SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888));
    renderer_.reset(SDL_CreateSoftwareRenderer(surface_.get()));
    auto fonts = render::FontSet::open(source_path("assets/fonts/NotoSans-Regular.ttf"),
                                       source_path("assets/fonts/NotoSans-Bold.ttf"));
    if (!fonts) throw std::runtime_error(fonts.error().message);
    fonts_ = std::move(*fonts);
  }
  ~SoftwareTarget() {
    renderer_.reset();
    fonts_.reset();
    TTF_Quit();
  }
  SDL_Renderer* renderer() const { return renderer_.get(); }
  SDL_Surface* surface() const { return surface_.get(); }
  render::FontSet& fonts() const { return *fonts_; }

  // With KIOSK_KEEP_PNG_DIR set, writes what was drawn to <dir>/<name>.png, to look at it.
  void keep_png(const std::string& name) const {
    const char* dir = std::getenv("KIOSK_KEEP_PNG_DIR");
    if (!dir) return;
    SDL_RenderFlush(renderer_.get());
    IMG_SavePNG(surface_.get(), (std::string(dir) + "/" + name + ".png").c_str());
  }

  // The colour of one output pixel, after the renderer has carried out what it has queued.
  SDL_Color pixel(int x, int y) const {
    SDL_RenderFlush(renderer_.get());
    SDL_Color c{};
    const Uint32 p = static_cast<const Uint32*>(surface_->pixels)[y * (surface_->pitch / 4) + x];
    SDL_GetRGBA(p, surface_->format, &c.r, &c.g, &c.b, &c.a);
    return c;
  }

 private:
  render::Surface surface_;
  render::Renderer renderer_;
  std::unique_ptr<render::FontSet> fonts_;
};

}  // namespace kiosk::testing
