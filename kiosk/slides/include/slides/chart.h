// A result's data series as a bar or line chart: value labels on every point, category labels below,
// the unit beside the title. Fits any box; labels that would collide are thinned, never overlapped.
#pragma once

#include "model/content.h"
#include "render/canvas.h"
#include "slides/theme.h"

namespace kiosk::slides {

void draw_chart(render::Canvas& canvas, const Theme& theme, render::Rect box, const model::Series& series);

}  // namespace kiosk::slides
