// A result's data series as a bar or line chart: value labels on every point, category labels below,
// the unit beside the title. Fits any box; labels that would collide are thinned, never overlapped.
// Values are written with `lang`'s decimal mark; the series' own words come translated with the content.
#pragma once

#include "i18n/language.h"
#include "model/content.h"
#include "render/canvas.h"
#include "slides/theme.h"

namespace kiosk::slides {

enum class ChartLayout {
  kFull,     // the unit on its own line above the value axis
  kCompact,  // the unit in brackets after the title, saving a line
};

void draw_chart(render::Canvas& canvas, const Theme& theme, render::Rect box, const model::Series& series,
                const i18n::Language& lang, ChartLayout layout = ChartLayout::kFull);

}  // namespace kiosk::slides
