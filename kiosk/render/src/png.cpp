#include "render/png.h"

#include <cstdio>

namespace kiosk::render {

Result<Surface> read_pixels(SDL_Renderer* renderer, int w, int h) {
  Surface surface(SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_RGBA32));
  if (!surface) return sdl_error("allocating a " + std::to_string(w) + "x" + std::to_string(h) + " surface");
  if (SDL_RenderReadPixels(renderer, nullptr, SDL_PIXELFORMAT_RGBA32, surface->pixels, surface->pitch) != 0) {
    return sdl_error("reading back the frame");
  }
  return surface;
}

Status save_png(SDL_Surface* surface, const std::string& path) {
  const std::string tmp = path + ".tmp";
  if (IMG_SavePNG(surface, tmp.c_str()) != 0) return sdl_error("writing " + path);
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    std::remove(tmp.c_str());
    return make_error("writing " + path + ": rename failed");
  }
  return Status::success();
}

}  // namespace kiosk::render
