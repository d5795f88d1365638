#include "display.h"

#include <cstdio>
#include <cstdlib>
#include <string>

#include "app/kiosk_app.h"
#include "app/scene.h"
#include "platform/log.h"
#include "player/cycle.h"
#include "render/canvas.h"
#include "render/sdl_handles.h"

namespace kiosk::app {
namespace {

using namespace std::chrono_literals;

// The footer's progress bar moves in this many steps per slide; between steps nothing is drawn.
constexpr int kProgressSteps = 24;
constexpr Size kDefaultWindow{1280, 720};

// Video drivers to try, in order, unless SDL_VIDEODRIVER says otherwise: a desktop session when
// there is one, else the console through KMS/DRM (how the kiosk runs under systemd). Probing for a
// compositor that is not there only prints noise.
void choose_video_drivers() {
  if (std::getenv("SDL_VIDEODRIVER")) return;
  std::string drivers;
  if (std::getenv("WAYLAND_DISPLAY")) drivers += "wayland,";
  if (std::getenv("DISPLAY")) drivers += "x11,";
  drivers += "kmsdrm";
  SDL_SetHint(SDL_HINT_VIDEODRIVER, drivers.c_str());
}

bool is_headless_driver() {
  const char* driver = SDL_GetCurrentVideoDriver();
  const std::string d = driver ? driver : "";
  return d == "dummy" || d == "offscreen";
}

std::chrono::milliseconds until_next_minute(WallTime now) {
  const auto since_epoch = now.time_since_epoch();
  const auto into_minute = since_epoch - std::chrono::duration_cast<std::chrono::minutes>(since_epoch);
  return std::chrono::duration_cast<std::chrono::milliseconds>(1min - into_minute) + 5ms;
}

struct Window {
  render::Window window;
  render::Renderer renderer;
};

Result<Window> open_window(const Options& options, const config::Config& config) {
  const bool windowed = options.windowed || options.size.has_value();
  Size size = options.size.value_or(config.width > 0 ? Size{config.width, config.height} : kDefaultWindow);
  Uint32 flags = SDL_WINDOW_SHOWN | SDL_WINDOW_ALLOW_HIGHDPI;
  if (windowed) {
    flags |= SDL_WINDOW_RESIZABLE;
  } else {
    flags |= config.width > 0 ? SDL_WINDOW_FULLSCREEN : SDL_WINDOW_FULLSCREEN_DESKTOP;
  }
  int x = SDL_WINDOWPOS_CENTERED, y = SDL_WINDOWPOS_CENTERED;
  SDL_DisplayMode desktop;
  if (!windowed && config.width == 0 && SDL_GetDesktopDisplayMode(0, &desktop) == 0) {
    // Ask for the whole screen up front too: without a window manager (a bare X server) the
    // fullscreen flag alone leaves the window at its requested size.
    size = {desktop.w, desktop.h};
    x = y = 0;
  }
  Window w;
  w.window.reset(SDL_CreateWindow("Kiosk", x, y, size.w, size.h, flags));
  if (!w.window) return render::sdl_error("creating the window");
  if (!windowed) SDL_ShowCursor(SDL_DISABLE);
  w.renderer.reset(SDL_CreateRenderer(w.window.get(), -1, SDL_RENDERER_ACCELERATED | SDL_RENDERER_PRESENTVSYNC));
  if (!w.renderer) {
    log::warning(std::string("no accelerated renderer (") + SDL_GetError() + "); using the software renderer");
    w.renderer.reset(SDL_CreateRenderer(w.window.get(), -1, SDL_RENDERER_SOFTWARE));
  }
  if (!w.renderer) return render::sdl_error("creating a renderer");
  return w;
}

}  // namespace

int run_display(const Options& options, const config::Config& config, const AssetPaths& assets, SteadyTime started) {
  // Closing the window is a user action handled below; SDL_QUIT then only means SIGTERM/SIGINT.
  SDL_SetHint(SDL_HINT_QUIT_ON_LAST_WINDOW_CLOSE, "0");
  choose_video_drivers();
  auto sdl = render::SdlLibrary::start(SDL_INIT_VIDEO | SDL_INIT_EVENTS);
  if (!sdl || is_headless_driver()) {
    const std::string why = sdl ? "only a headless video driver is available" : sdl.error().message;
    std::fprintf(stderr, "kiosk: no display available (%s); to render the slides without one, run: kiosk --screenshot DIR\n",
                 why.c_str());
    return kExitNoDisplay;
  }
  auto fonts = render::FontSet::open(assets.font_regular(), assets.font_bold());
  if (!fonts) {
    log::error(fonts.error().message);
    return kExitFailure;
  }
  auto window = open_window(options, config);
  if (!window) {
    std::fprintf(stderr, "kiosk: no display available (%s); to render the slides without one, run: kiosk --screenshot DIR\n",
                 window.error().message.c_str());
    return kExitNoDisplay;
  }
  SDL_Renderer* renderer = window->renderer.get();
  auto content = load_content(config, assets);
  if (!content) {
    log::error(content.error().message);
    return kExitFailure;
  }
  const bool quit_keys = options.windowed || options.size.has_value() || config.allow_quit_keys;

  SystemClock clock;
  Scene scene(*content, config.area);
  player::Cycle cycle({config.status_duration, config.timeline_duration, config.results_duration}, clock.steady());
  int w = 0, h = 0;
  SDL_GetRendererOutputSize(renderer, &w, &h);
  auto canvas = std::make_unique<render::Canvas>(renderer, **fonts, w, h);

  bool dirty = true;
  bool first_frame = true;
  int drawn_step = -1;
  auto drawn_minute = std::chrono::floor<std::chrono::minutes>(clock.wall());
  while (true) {
    const SteadyTime now = clock.steady();
    if (cycle.advance(now)) dirty = true;
    const float progress = cycle.progress(now);
    const int step = static_cast<int>(progress * kProgressSteps);
    if (step != drawn_step) dirty = true;
    const WallTime wall = clock.wall();
    if (std::chrono::floor<std::chrono::minutes>(wall) != drawn_minute) dirty = true;

    if (dirty) {
      scene.draw(cycle.current(), *canvas, wall, static_cast<float>(step) / kProgressSteps);
      SDL_RenderPresent(renderer);
      dirty = false;
      drawn_step = step;
      drawn_minute = std::chrono::floor<std::chrono::minutes>(wall);
      if (first_frame) {
        first_frame = false;
        const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(clock.steady() - started).count();
        log::info("first frame presented " + std::to_string(ms) + " ms after start (" + std::to_string(w) + "x" +
                  std::to_string(h) + ", " + SDL_GetCurrentVideoDriver() + ")");
      }
    }

    // Sleep until the next thing that changes the picture, or an event.
    const auto next_step = cycle.started() + (cycle.next_change() - cycle.started()) * (drawn_step + 1) / kProgressSteps;
    auto wait = std::min({cycle.next_change() - now, next_step - now,
                          std::chrono::duration_cast<std::chrono::steady_clock::duration>(until_next_minute(wall))});
    const int wait_ms = static_cast<int>(std::clamp<long long>(
        std::chrono::duration_cast<std::chrono::milliseconds>(wait).count() + 1, 1, 60'000));
    SDL_Event e;
    if (!SDL_WaitEventTimeout(&e, wait_ms)) continue;
    do {
      switch (e.type) {
        case SDL_QUIT:
          log::info("stopping on request");
          return kExitOk;
        case SDL_WINDOWEVENT:
          if (e.window.event == SDL_WINDOWEVENT_CLOSE && quit_keys) return kExitOk;
          if (e.window.event == SDL_WINDOWEVENT_SIZE_CHANGED || e.window.event == SDL_WINDOWEVENT_EXPOSED) {
            SDL_GetRendererOutputSize(renderer, &w, &h);
            if (w != canvas->width() || h != canvas->height()) canvas = std::make_unique<render::Canvas>(renderer, **fonts, w, h);
            dirty = true;
          }
          break;
        case SDL_RENDER_TARGETS_RESET:
        case SDL_RENDER_DEVICE_RESET:
          // Textures may be gone; a new canvas starts with an empty text cache.
          canvas = std::make_unique<render::Canvas>(renderer, **fonts, w, h);
          dirty = true;
          break;
        case SDL_KEYDOWN: {
          const bool ctrl_q = e.key.keysym.sym == SDLK_q && (e.key.keysym.mod & KMOD_CTRL);
          if (quit_keys && (e.key.keysym.sym == SDLK_ESCAPE || ctrl_q)) return kExitOk;
          break;
        }
        default:
          break;
      }
    } while (SDL_PollEvent(&e));
  }
}

}  // namespace kiosk::app
