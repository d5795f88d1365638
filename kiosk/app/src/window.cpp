#include "window.h"

#include <algorithm>
#include <cstdlib>
#include <string>

#include "platform/log.h"

namespace kiosk::app {
namespace {

constexpr Size kDefaultWindow{1280, 720};

}  // namespace

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

// The renderer for the window, made the same way at the start and after every rebuild: the
// accelerated one (OpenGL ES 2 on the Pi's KMS/DRM) with vsync and slide textures, else SDL's
// software renderer. `w.vsync` says whether presenting waits for the display, which paces the
// transitions. The software renderer draws into the window's own framebuffer: in an X window SDL
// would otherwise put that framebuffer on OpenGL too, loading Mesa for nothing (about 110 MB).
Status create_renderer(Window& w) {
  const char* asked = SDL_GetHint(SDL_HINT_RENDER_DRIVER);
  if (asked && std::string(asked) == "software") SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
  w.renderer.reset();
  w.renderer.reset(SDL_CreateRenderer(w.window.get(), -1,
                                      SDL_RENDERER_ACCELERATED | SDL_RENDERER_PRESENTVSYNC | SDL_RENDERER_TARGETTEXTURE));
  if (!w.renderer) {
    log::warning(std::string("no accelerated renderer (") + SDL_GetError() + "); using the software renderer");
    SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
    w.renderer.reset(SDL_CreateRenderer(w.window.get(), -1, SDL_RENDERER_SOFTWARE | SDL_RENDERER_TARGETTEXTURE));
  }
  if (!w.renderer) return render::sdl_error("creating a renderer");
  SDL_RendererInfo info{};
  if (SDL_GetRendererInfo(w.renderer.get(), &info) != 0) return render::sdl_error("reading what the renderer can do");
  // SDL's software renderer reports vsync but does not wait for the display: frames are paced by
  // the loop's own interval there.
  w.vsync = (info.flags & SDL_RENDERER_PRESENTVSYNC) && std::string(info.name) != "software";
  log::info(std::string("renderer: ") + info.name + (w.vsync ? ", vsync" : ", no vsync") +
            ((info.flags & SDL_RENDERER_TARGETTEXTURE) ? ", slide textures" : ", no slide textures"));
  return Status::success();
}

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
  if (auto s = create_renderer(w); !s) return s.error();
  return w;
}

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

// After the screen or TV comes back it may offer another mode: a fullscreen window that follows
// the desktop takes the display's current size again.
void follow_display_mode(SDL_Window* window) {
  if (!(SDL_GetWindowFlags(window) & SDL_WINDOW_FULLSCREEN_DESKTOP)) return;
  SDL_DisplayMode mode;
  const int display = SDL_GetWindowDisplayIndex(window);
  if (display < 0 || SDL_GetDesktopDisplayMode(display, &mode) != 0) return;
  int w = 0, h = 0;
  SDL_GetWindowSize(window, &w, &h);
  if (w != mode.w || h != mode.h) SDL_SetWindowSize(window, mode.w, mode.h);
}

}  // namespace kiosk::app
