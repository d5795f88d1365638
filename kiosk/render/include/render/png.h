// Reading back what a renderer drew, and writing it as PNG: the one path for screenshots, tests and
// staff previews.
#pragma once

#include <string>

#include "platform/result.h"
#include "render/frame_watch.h"
#include "render/sdl_handles.h"

namespace kiosk::render {

// The renderer's current target as a 32-bit RGBA surface of `w` x `h`.
Result<Surface> read_pixels(SDL_Renderer* renderer, int w, int h);

// A `tw` x `th` copy of the renderer's current output (`w` x `h`), sampled on a grid (0xRRGGBB per
// pixel): the render check's view. Reads one row per thumbnail row, not the whole frame, so it
// costs a few kilobytes however large the screen.
Result<Thumbnail> read_thumbnail(SDL_Renderer* renderer, int w, int h, int tw, int th);

// The thumbnail as a surface of its size, to save as a small picture of the frame.
Result<Surface> thumbnail_surface(const Thumbnail& thumbnail);

// Writes `surface` to `path` atomically (a temporary file renamed into place). Errors name the path.
Status save_png(SDL_Surface* surface, const std::string& path);

}  // namespace kiosk::render
