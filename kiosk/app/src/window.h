// The window the display loop draws in, the renderer behind it and everything drawn with it: made
// once at start and again whenever the renderer is rebuilt or the output changes size.
#pragma once

#include <SDL.h>

#include <memory>
#include <string>

#include "app/options.h"
#include "config/config.h"
#include "platform/result.h"
#include "render/compositor.h"
#include "render/fonts.h"
#include "render/image_cache.h"
#include "render/sdl_handles.h"
#include "slides/theme.h"

namespace kiosk::app {

struct Window {
  render::Window window;
  render::Renderer renderer;
  bool vsync = false;  // presenting waits for the display, which paces the transitions
};

// Video drivers to try, in order, unless SDL_VIDEODRIVER says otherwise.
void choose_video_drivers();

// Waits up to `timeout_ms` for an event; true if there is one in `e`.
bool wait_for_event(SDL_Event* e, int timeout_ms);

// A fullscreen window (or a window, with --windowed or --size) and its renderer.
Result<Window> open_window(const Options& options, const config::Config& config);

// (Re)creates the window's renderer; the one place renderers are made, at start and on every
// rebuild. Logs which renderer it is and whether it waits for vsync.
Status create_renderer(Window& w);

// A fullscreen window that follows the desktop takes the display's current size again.
void follow_display_mode(SDL_Window* window);

// Everything that draws, rebuilt when the output size changes or the renderer loses its textures.
struct Stage {
  std::unique_ptr<render::Compositor> compositor;
  std::unique_ptr<render::ImageCache> images;
  slides::Theme theme;
};

Result<Stage> make_stage(SDL_Renderer* renderer, render::FontSet& fonts, int rotation, const std::string& objects);

}  // namespace kiosk::app
