#include <filesystem>
#include <system_error>

#include "app/kiosk_app.h"
#include "app/scene.h"
#include "render/canvas.h"
#include "platform/log.h"
#include "render/png.h"

namespace kiosk::app {

Status render_screenshots(const std::string& dir, Size size, const LoadedContent& content, const AssetPaths& assets,
                          const std::string& area_id, WallTime now, SteadyTime started) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return make_error("screenshot directory " + dir + ": " + ec.message());

  SDL_SetHint(SDL_HINT_VIDEODRIVER, "dummy");
  auto sdl = render::SdlLibrary::start(SDL_INIT_VIDEO);
  if (!sdl) return sdl.error();
  auto fonts = render::FontSet::open(assets.font_regular(), assets.font_bold());
  if (!fonts) return fonts.error();

  render::Surface target(SDL_CreateRGBSurfaceWithFormat(0, size.w, size.h, 32, SDL_PIXELFORMAT_RGBA32));
  if (!target) return render::sdl_error("allocating the screenshot surface");
  render::Renderer renderer(SDL_CreateSoftwareRenderer(target.get()));
  if (!renderer) return render::sdl_error("creating the software renderer");

  render::Canvas canvas(renderer.get(), **fonts, size.w, size.h);
  Scene scene(content, area_id);
  for (std::size_t i = 0; i < scene.size(); ++i) {
    scene.draw(i, canvas, now, 0.5f);
    SDL_RenderPresent(renderer.get());
    if (i == 0) {
      const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(SystemClock().steady() - started).count();
      log::info("first frame rendered " + std::to_string(ms) + " ms after start (" + std::to_string(size.w) + "x" +
                std::to_string(size.h) + ", software)");
    }
    char name[64];
    std::snprintf(name, sizeof name, "%02zu-%s.png", i + 1, scene.name(i));
    if (auto s = render::save_png(target.get(), (std::filesystem::path(dir) / name).string()); !s) return s;
  }
  return Status::success();
}

}  // namespace kiosk::app
