// One laid-out line set for the screen: split into visual runs (bidi.h), each run shaped by
// HarfBuzz through SDL_ttf in its face, direction and script, and the runs put side by side.
// Internal to render: the canvas measures and rasterizes its lines with it.
#pragma once

#include <string_view>
#include <vector>

#include "render/bidi.h"
#include "render/fonts.h"
#include "render/geometry.h"
#include "render/sdl_handles.h"

namespace kiosk::render {

// How a line is set: size, weight, the paragraph's direction and the face for Arabic script.
struct LineSetting {
  int px = 32;
  Weight weight = Weight::kRegular;
  Direction base = Direction::kLeftToRight;
  Face arabic_face = Face::kArabic;
};

struct PlacedRun {
  TextRun run;
  Face face = Face::kSans;
  int x = 0;  // from the line's left edge
  int w = 0;
};

struct ShapedLine {
  std::vector<PlacedRun> runs;  // leftmost first
  int width = 0;
};

// The runs of `line` and where each lands, measured with the faces they are set in.
ShapedLine shape_line(FontSet& fonts, std::string_view line, const LineSetting& setting);

// The line's pixels. `rise` is how far above the Noto Sans line box the picture starts: an Arabic
// face reaches higher (and lower) than Noto Sans, and its glyphs are not cut off; 0 for a line in
// Noto Sans alone, which is drawn exactly as one SDL_ttf string.
Surface render_line(FontSet& fonts, const ShapedLine& shaped, const LineSetting& setting, Color color, int* rise);

}  // namespace kiosk::render
