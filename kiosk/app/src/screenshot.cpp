#include <algorithm>
#include <filesystem>
#include <fstream>
#include <system_error>

#include "app/kiosk_app.h"
#include "app/scene.h"
#include "platform/log.h"
#include "render/compositor.h"
#include "render/image_cache.h"
#include "render/png.h"

namespace kiosk::app {

Status render_screenshots(const ScreenshotRequest& request, const LoadedContent& content, const AssetPaths& assets,
                          const config::Config& config, SteadyTime started) {
  std::error_code ec;
  std::filesystem::create_directories(request.dir, ec);
  if (ec) return make_error("screenshot directory " + request.dir + ": " + ec.message());

  SDL_SetHint(SDL_HINT_VIDEODRIVER, "dummy");
  auto sdl = render::SdlLibrary::start(SDL_INIT_VIDEO);
  if (!sdl) return sdl.error();
  auto fonts = render::FontSet::open(assets.font_regular(), assets.font_bold());
  if (!fonts) return fonts.error();

  const Size size = request.size;
  render::Surface target(SDL_CreateRGBSurfaceWithFormat(0, size.w, size.h, 32, SDL_PIXELFORMAT_ARGB8888));
  if (!target) return render::sdl_error("allocating the screenshot surface");
  render::Renderer renderer(SDL_CreateSoftwareRenderer(target.get()));
  if (!renderer) return render::sdl_error("creating the software renderer");
  auto compositor = render::Compositor::create(renderer.get(), **fonts, size.w, size.h, request.rotation);
  if (!compositor) return compositor.error();
  render::ImageCache images(renderer.get(), objects_dir(config), static_cast<std::size_t>(size.w) * size.h * 4);
  (*compositor)->canvas().set_images(&images);

  const slides::Theme theme = slides::Theme::for_screen((*compositor)->width(), (*compositor)->height());
  Scene scene(content, config.area, config.stale_after_days);
  std::size_t shot = 0;
  std::vector<std::string> results_seen;  // the texts of each round drawn, to stop when they repeat
  for (std::size_t i = 0; i < scene.size(); ++i) {
    const bool results = std::string(scene.name(i)) == "results";
    const int rounds = results ? std::max(1, request.result_rounds) : 1;
    for (int round = 0; round < rounds; ++round) {
      const SteadyTime now = SystemClock().steady();
      std::vector<render::DrawnText> texts;
      (*compositor)->canvas().set_recorder(&texts);
      auto shown = (*compositor)->show(
          [&](render::Canvas& canvas) { scene.draw(i, canvas, request.now, static_cast<std::size_t>(round)); },
          render::Compositor::Change::kCut, now);
      (*compositor)->canvas().set_recorder(nullptr);
      if (!shown) return shown;
      std::string all_text;
      for (const auto& t : texts) all_text += t.text + "\n\n";
      if (results) {
        // Fewer results than rounds: the rotation has come round to the first again.
        if (std::find(results_seen.begin(), results_seen.end(), all_text) != results_seen.end()) break;
        results_seen.push_back(all_text);
      }
      (*compositor)->compose(now, slides::progress_overlay(theme, 0.5f));
      SDL_RenderPresent(renderer.get());
      if (shot++ == 0) {
        const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(SystemClock().steady() - started).count();
        log::info("first frame rendered " + std::to_string(ms) + " ms after start (" + std::to_string(size.w) + "x" +
                  std::to_string(size.h) + ", software)");
      }
      char name[64];
      if (rounds > 1) {
        std::snprintf(name, sizeof name, "%02zu-%s-%d", i + 1, scene.name(i), round + 1);
      } else {
        std::snprintf(name, sizeof name, "%02zu-%s", i + 1, scene.name(i));
      }
      const auto base = std::filesystem::path(request.dir) / name;
      if (auto s = render::save_png(target.get(), base.string() + ".png"); !s) return s;
      std::ofstream text_file(base.string() + ".txt", std::ios::binary);
      text_file << all_text;
      if (!text_file) return make_error("cannot write " + base.string() + ".txt");
    }
  }
  return Status::success();
}

}  // namespace kiosk::app
