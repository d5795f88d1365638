// An area's place on the lists year by year, as a row of markers with their years and a legend:
// drawn by the status slide and by the area's card in the touch map.
#pragma once

#include "i18n/language.h"
#include "model/content.h"
#include "render/canvas.h"
#include "slides/theme.h"

namespace kiosk::slides {

// The area's stated category in `year`: null where the year is not listed or listed as not known.
const model::CategoryYear* category_in(const model::Area& area, int year);

// The latest year whose category is known, or null.
const model::CategoryYear* latest_known(const model::Area& area);

// The height of the history in a box `width` wide: the markers, their years and the whole legend.
// `last_year` is the latest list's year; the history ends there or at the area's latest year.
int history_height(render::Canvas& canvas, const Theme& theme, const i18n::Language& lang, const model::Area& area,
                   int last_year, int width);

// One marker per list year, filled in the category's colour where the content states it, hollow
// where it does not; a legend of what the colours mean below, in `lang`.
void draw_history(render::Canvas& canvas, const Theme& theme, const i18n::Language& lang, const model::Area& area,
                  int last_year, render::Rect box);

}  // namespace kiosk::slides
