#include "render/png.h"

#include <cstdint>
#include <cstdio>
#include <vector>

namespace kiosk::render {

Result<Surface> read_pixels(SDL_Renderer* renderer, int w, int h) {
  Surface surface(SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_RGBA32));
  if (!surface) return sdl_error("allocating a " + std::to_string(w) + "x" + std::to_string(h) + " surface");
  if (SDL_RenderReadPixels(renderer, nullptr, SDL_PIXELFORMAT_RGBA32, surface->pixels, surface->pitch) != 0) {
    return sdl_error("reading back the frame");
  }
  return surface;
}

Result<Thumbnail> read_thumbnail(SDL_Renderer* renderer, int w, int h, int tw, int th) {
  Thumbnail t{tw, th, {}};
  t.pixels.reserve(static_cast<std::size_t>(tw) * static_cast<std::size_t>(th));
  std::vector<std::uint32_t> row(static_cast<std::size_t>(w));
  for (int y = 0; y < th; ++y) {
    const SDL_Rect line{0, (2 * y + 1) * h / (2 * th), w, 1};
    if (SDL_RenderReadPixels(renderer, &line, SDL_PIXELFORMAT_RGB888, row.data(), w * 4) != 0) {
      return sdl_error("reading back a row of the frame");
    }
    for (int x = 0; x < tw; ++x) t.pixels.push_back(row[static_cast<std::size_t>((2 * x + 1) * w / (2 * tw))] & 0xFFFFFF);
  }
  return t;
}

Result<Surface> thumbnail_surface(const Thumbnail& t) {
  Surface surface(SDL_CreateRGBSurfaceWithFormat(0, t.w, t.h, 32, SDL_PIXELFORMAT_RGB888));
  if (!surface) return sdl_error("allocating a " + std::to_string(t.w) + "x" + std::to_string(t.h) + " surface");
  for (int y = 0; y < t.h; ++y) {
    auto* row = reinterpret_cast<std::uint32_t*>(static_cast<std::uint8_t*>(surface->pixels) + y * surface->pitch);
    for (int x = 0; x < t.w; ++x) row[x] = t.pixels[static_cast<std::size_t>(y) * static_cast<std::size_t>(t.w) + static_cast<std::size_t>(x)];
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
