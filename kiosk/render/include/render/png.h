// Reading back what a renderer drew, and writing it as PNG: the one path for screenshots, tests and
// staff previews.
#pragma once

#include <string>

#include "platform/result.h"
#include "render/sdl_handles.h"

namespace kiosk::render {

// The renderer's current target as a 32-bit RGBA surface of `w` x `h`.
Result<Surface> read_pixels(SDL_Renderer* renderer, int w, int h);

// Writes `surface` to `path` atomically (a temporary file renamed into place). Errors name the path.
Status save_png(SDL_Surface* surface, const std::string& path);

}  // namespace kiosk::render
