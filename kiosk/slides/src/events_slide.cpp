#include "slides/events_slide.h"

#include <algorithm>
#include <chrono>

#include "slide_util.h"
#include "slides/words.h"

namespace kiosk::slides {

using render::Rect;
using render::TextStyle;
using render::Weight;

std::vector<const model::Event*> by_start(const std::vector<model::Event>& events) {
  return sorted_pointers(events, [](const model::Event& a, const model::Event& b) { return a.starts < b.starts; });
}

void EventsSlide::draw(render::Canvas& canvas, const Theme& theme, const SlideContext& ctx) const {
  const i18n::Language& lang = ctx.lang();
  Rect content = draw_frame(canvas, theme, ctx);
  // TRANSLATORS: the heading of the slide that lists the community centre's coming events.
  text_line(canvas, content, lang.tr("Det sker"), theme.title(), theme.gap);

  const auto events = by_start(ctx.content.events);
  if (events.empty()) {
    // TRANSLATORS: on the events slide when no event is coming.
    text_block(canvas, content, lang.tr("Der er ingen arrangementer i den nærmeste tid."), theme.body(), 3, 0);
    return;
  }

  // Each event a row: its time in a column at the start, its title (up to two lines) and place
  // beside it. The column is as wide as a time of day needs; a span of days takes more lines in it.
  TextStyle heading{theme.body_px, Weight::kBold, theme.colors.accent};
  heading.max_lines = 1;
  TextStyle time = theme.muted_body();
  time.max_lines = 3;
  TextStyle title = theme.body();
  title.weight = Weight::kBold;
  title.max_lines = 2;
  TextStyle place = theme.muted_body();
  place.max_lines = 1;
  const int line = canvas.line_height(theme.body());
  const std::int64_t now = std::chrono::duration_cast<std::chrono::seconds>(ctx.now.time_since_epoch()).count();
  const std::int64_t first = events.front()->starts;
  const int time_w = std::min(content.w / 3, canvas.text_width(event_time_text(first, first + 60, lang), time.px, time.weight));

  std::string last_heading;
  for (const model::Event* e : events) {
    // An event that began before today and is still on is listed under today.
    const std::string day = day_heading(std::max(e->starts, now), ctx.now, lang);
    const std::string when = event_time_text(e->starts, e->ends, lang);
    const int words_w = std::max(0, content.w - time_w - theme.gap * 2);
    const int time_h = canvas.measure(when, {0, 0, time_w, line * 3}, time).h;
    const int title_h = canvas.measure(e->title, {0, 0, words_w, line * 2}, title).h;
    const int item_h = std::max(time_h, title_h + (e->place.empty() ? 0 : line));
    const int heading_h = day == last_heading ? 0 : line + theme.gap / 2 + (last_heading.empty() ? 0 : theme.gap / 2);
    if (heading_h + item_h > content.h) break;
    if (heading_h > 0) {
      if (!last_heading.empty()) content.take_top(theme.gap / 2);
      text_line(canvas, content, day, heading, theme.gap / 2);
      last_heading = day;
    }
    Rect row = content.take_top(item_h, theme.gap);
    canvas.text(when, row.take_left(time_w, theme.gap * 2), time);
    text_block(canvas, row, e->title, title, 2, 0);
    if (!e->place.empty()) text_line(canvas, row, e->place, place, 0);
  }
}

}  // namespace kiosk::slides
