#include "display.h"

#include <cstdio>
#include <cstdlib>
#include <string>

#include "app/kiosk_app.h"
#include "app/content_watch.h"
#include "app/scene.h"
#include "platform/log.h"
#include "platform/process.h"
#include "player/cycle.h"
#include "render/compositor.h"
#include "render/image_cache.h"
#include "render/sdl_handles.h"

namespace kiosk::app {
namespace {

using namespace std::chrono_literals;

constexpr Size kDefaultWindow{1280, 720};
// The footer's progress bar moves in steps of about this; between steps nothing is drawn.
constexpr auto kProgressStep = 1000ms;
// Frame pacing during a transition when the renderer has no vsync to wait on.
constexpr auto kFrameInterval = 16ms;
// How often the cache is asked whether kiosk-sync committed a new version.
constexpr auto kWatchInterval = 2s;

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

// Waits up to `timeout_ms` for an event. SDL waits natively only on some video drivers; on the
// others (KMS/DRM on the console, where the kiosk runs) SDL_WaitEventTimeout wakes every
// millisecond, which would cost a few percent of a core on a static slide. There, the kiosk
// sleeps in short slices and looks for events between them: input is noticed within one slice.
bool wait_for_event(SDL_Event* e, int timeout_ms) {
  static const bool native = [] {
    const std::string d = SDL_GetCurrentVideoDriver() ? SDL_GetCurrentVideoDriver() : "";
    return d == "x11" || d == "wayland";
  }();
  if (native) return SDL_WaitEventTimeout(e, timeout_ms) != 0;
  constexpr int kSliceMs = 15;
  const Uint64 end = SDL_GetTicks64() + static_cast<Uint64>(std::max(0, timeout_ms));
  while (true) {
    if (SDL_PollEvent(e)) return true;
    const Uint64 now = SDL_GetTicks64();
    if (now >= end) return false;
    SDL_Delay(static_cast<Uint32>(std::min<Uint64>(kSliceMs, end - now)));
  }
}

void no_display(const std::string& why) {
  std::fprintf(stderr, "kiosk: no display available (%s); to render the slides without one, run: kiosk --screenshot DIR\n",
               why.c_str());
}

struct Window {
  render::Window window;
  render::Renderer renderer;
  bool vsync = false;
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
  w.renderer.reset(SDL_CreateRenderer(w.window.get(), -1,
                                      SDL_RENDERER_ACCELERATED | SDL_RENDERER_PRESENTVSYNC | SDL_RENDERER_TARGETTEXTURE));
  if (!w.renderer) {
    log::warning(std::string("no accelerated renderer (") + SDL_GetError() + "); using the software renderer");
    w.renderer.reset(SDL_CreateRenderer(w.window.get(), -1, SDL_RENDERER_SOFTWARE | SDL_RENDERER_TARGETTEXTURE));
  }
  if (!w.renderer) return render::sdl_error("creating a renderer");
  SDL_RendererInfo info;
  if (SDL_GetRendererInfo(w.renderer.get(), &info) == 0) w.vsync = info.flags & SDL_RENDERER_PRESENTVSYNC;
  return w;
}

// Everything that draws, rebuilt when the output size changes or the renderer loses its textures.
struct Stage {
  std::unique_ptr<render::Compositor> compositor;
  std::unique_ptr<render::ImageCache> images;
  slides::Theme theme;
};

Result<Stage> make_stage(SDL_Renderer* renderer, render::FontSet& fonts, int rotation, const std::string& objects) {
  int w = 0, h = 0;
  if (SDL_GetRendererOutputSize(renderer, &w, &h) != 0) return render::sdl_error("reading the output size");
  auto compositor = render::Compositor::create(renderer, fonts, w, h, rotation);
  if (!compositor) return compositor.error();
  Stage stage;
  stage.compositor = std::move(*compositor);
  stage.images = std::make_unique<render::ImageCache>(renderer, objects, static_cast<std::size_t>(w) * h * 2);
  stage.compositor->canvas().set_images(stage.images.get());
  stage.theme = slides::Theme::for_screen(stage.compositor->width(), stage.compositor->height());
  return stage;
}

}  // namespace

int run_display(const Options& options, const config::Config& config, const AssetPaths& assets, SteadyTime started) {
  // Closing the window is a user action handled below; SDL_QUIT then only means SIGTERM/SIGINT.
  SDL_SetHint(SDL_HINT_QUIT_ON_LAST_WINDOW_CLOSE, "0");
  choose_video_drivers();
  auto sdl = render::SdlLibrary::start(SDL_INIT_VIDEO | SDL_INIT_EVENTS);
  if (!sdl) {
    no_display(sdl.error().message);
    return kExitNoDisplay;
  }
  auto fonts = render::FontSet::open(assets.font_regular(), assets.font_bold());
  if (!fonts) {
    log::error(fonts.error().message);
    return kExitFailure;
  }
  auto window = open_window(options, config);
  if (!window) {
    no_display(window.error().message);
    return kExitNoDisplay;
  }
  SDL_Renderer* renderer = window->renderer.get();
  ContentWatch watch(config.database);
  watch.changed();  // takes note of the cache as it is now
  auto loaded = load_content(config, assets);
  if (!loaded) {
    log::error(loaded.error().message);
    return kExitFailure;
  }
  auto content = std::make_unique<LoadedContent>(std::move(*loaded));
  const int rotation = options.rotation.value_or(static_cast<int>(config.rotation));
  auto stage = make_stage(renderer, **fonts, rotation, objects_dir(config));
  if (!stage) {
    log::error(stage.error().message);
    return kExitFailure;
  }
  const bool quit_keys = options.windowed || options.size.has_value() || config.allow_quit_keys;

  SystemClock clock;
  auto scene = std::make_unique<Scene>(*content, config.area, config.stale_after_days);
  player::Cycle cycle({config.status_duration, config.timeline_duration, config.results_duration}, clock.steady());
  const auto draw_current = [&](render::Compositor::Change change, SteadyTime now) {
    const std::size_t i = cycle.current();
    auto shown = stage->compositor->show(
        [&](render::Canvas& canvas) { scene->draw(i, canvas, clock.wall(), static_cast<std::size_t>(cycle.round())); }, change,
        now);
    if (!shown) log::error(shown.error().message);
  };
  const auto stop_at = options.run_for_seconds ? started + std::chrono::seconds(*options.run_for_seconds) : SteadyTime::max();

  draw_current(render::Compositor::Change::kCut, clock.steady());
  SteadyTime next_watch = clock.steady() + kWatchInterval;
  bool first_frame = true;
  bool dirty = true;
  long long drawn_step = -1;
  auto drawn_minute = std::chrono::floor<std::chrono::minutes>(clock.wall());
  while (true) {
    SteadyTime now = clock.steady();
    if (now >= stop_at) {
      if (auto kb = peak_rss_kb()) log::info("stopping after --run-for; peak RSS " + std::to_string(*kb) + " KiB");
      return kExitOk;
    }
    if (now >= next_watch) {
      next_watch = now + kWatchInterval;
      // A new version from kiosk-sync slides in over the current slide: no restart, no blank frame.
      if (watch.changed()) {
        if (auto fresh = load_content(config, assets)) {
          auto fresh_content = std::make_unique<LoadedContent>(std::move(*fresh));
          scene = std::make_unique<Scene>(*fresh_content, config.area, config.stale_after_days);
          content = std::move(fresh_content);
          draw_current(render::Compositor::Change::kTransition, now);
          dirty = true;
        } else {
          log::error(fresh.error().message);
        }
      }
    }
    if (cycle.advance(now)) {
      draw_current(render::Compositor::Change::kTransition, now);
      drawn_minute = std::chrono::floor<std::chrono::minutes>(clock.wall());
      dirty = true;
    } else if (std::chrono::floor<std::chrono::minutes>(clock.wall()) != drawn_minute) {
      draw_current(render::Compositor::Change::kRedraw, now);
      drawn_minute = std::chrono::floor<std::chrono::minutes>(clock.wall());
      dirty = true;
    }
    const long long step = (now - cycle.started()) / kProgressStep;
    const bool moving = stage->compositor->moving(now);
    if (dirty || moving || step != drawn_step) {
      const float progress = std::min(1.0f, static_cast<float>(std::chrono::duration<double>(kProgressStep * step) /
                                                                std::chrono::duration<double>(cycle.next_change() - cycle.started())));
      stage->compositor->compose(now, slides::progress_overlay(stage->theme, progress));
      SDL_RenderPresent(renderer);
      dirty = false;
      drawn_step = step;
      if (first_frame) {
        first_frame = false;
        const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(clock.steady() - started).count();
        int w = 0, h = 0;
        SDL_GetRendererOutputSize(renderer, &w, &h);
        log::info("first frame presented " + std::to_string(ms) + " ms after start (" + std::to_string(w) + "x" +
                  std::to_string(h) + ", " + SDL_GetCurrentVideoDriver() + ")");
      }
    }

    // Sleep until the next thing that changes the picture, or an event. During a transition the
    // renderer's vsync paces the frames; without vsync, a frame interval does.
    now = clock.steady();
    std::chrono::steady_clock::duration wait;
    if (stage->compositor->moving(now)) {
      wait = window->vsync ? std::chrono::steady_clock::duration::zero() : std::chrono::steady_clock::duration(kFrameInterval);
    } else {
      const auto wall = clock.wall();
      const auto next_minute = std::chrono::floor<std::chrono::minutes>(wall) + 1min;
      using D = std::chrono::steady_clock::duration;
      wait = std::min({D(cycle.next_change() - now), D(cycle.started() + kProgressStep * (drawn_step + 1) - now),
                       std::chrono::duration_cast<D>(next_minute - wall), D(stop_at - now), D(next_watch - now)});
    }
    const int wait_ms = static_cast<int>(std::clamp<long long>(std::chrono::ceil<std::chrono::milliseconds>(wait).count(), 0, 60'000));
    SDL_Event e;
    if (!wait_for_event(&e, wait_ms)) continue;
    do {
      switch (e.type) {
        case SDL_QUIT:
          log::info("stopping on request");
          return kExitOk;
        case SDL_WINDOWEVENT:
          if (e.window.event == SDL_WINDOWEVENT_CLOSE && quit_keys) return kExitOk;
          if (e.window.event == SDL_WINDOWEVENT_SIZE_CHANGED) {
            auto rebuilt = make_stage(renderer, **fonts, rotation, objects_dir(config));
            if (rebuilt) {
              stage = std::move(rebuilt);
              draw_current(render::Compositor::Change::kCut, clock.steady());
            }
          }
          dirty = true;
          break;
        case SDL_RENDER_TARGETS_RESET:
        case SDL_RENDER_DEVICE_RESET: {
          // The slide textures are gone: draw the current slide again into new ones.
          auto rebuilt = make_stage(renderer, **fonts, rotation, objects_dir(config));
          if (rebuilt) stage = std::move(rebuilt);
          draw_current(render::Compositor::Change::kCut, clock.steady());
          dirty = true;
          break;
        }
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
