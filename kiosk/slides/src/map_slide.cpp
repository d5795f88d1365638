#include "slides/map_slide.h"

#include <algorithm>

#include "slide_util.h"
#include "slides/area_map.h"
#include "slides/words.h"

namespace kiosk::slides {
namespace {

using render::Rect;

struct Count {
  LegendItem item;
  int n = 0;
};

// What the markers mean, with how many of each the map shows.
std::vector<Count> map_counts(const Theme& theme, const i18n::Language& lang, const AreaMap& map) {
  int omdannelse = 0, other_lists = 0, unknown = 0, left = 0;
  for (const auto& m : map.markers) {
    if (m.status == MapStatus::kUnknown) ++unknown;
    if (m.status == MapStatus::kLeft) ++left;
    if (m.status != MapStatus::kOnList) continue;
    ++(m.category == model::Category::kOmdannelse ? omdannelse : other_lists);
  }
  std::vector<Count> counts;
  const auto add = [&](render::Color c, bool filled, std::string text, int n) {
    if (n > 0) counts.push_back({{c, filled, std::move(text)}, n});
  };
  add(theme.colors.omdannelse, true, category_plural(model::Category::kOmdannelse, map.year, lang), omdannelse);
  // TRANSLATORS: beside a count on the map slide: the areas on the lists that are not
  // omdannelsesområder; {areas} is "parallelsamfund" (or "ghettoområder" before 2021), translated.
  add(theme.colors.parallelsamfund, true,
      i18n::fill(lang.tr("andre {areas}"), {{"areas", category_plural(model::Category::kParallelsamfund, map.year, lang)}}),
      other_lists);
  // TRANSLATORS: beside a count on the map slide: areas whose category the content does not give.
  add(theme.colors.muted, false, lang.tr("ikke oplyst"), unknown);
  // TRANSLATORS: beside a count on the map slide: areas that were on a list before and are no longer.
  add(theme.colors.not_listed, true, lang.tr("ikke længere på listen"), left);
  return counts;
}

// The counts as a column: the number large, what it counts beside it with the marker's colour.
void draw_counts(render::Canvas& canvas, const Theme& theme, const i18n::Language& lang, Rect& box,
                 const std::vector<Count>& counts) {
  render::TextStyle figure{theme.body_px * 3 / 2, render::Weight::kBold, theme.colors.text};
  figure.max_lines = 1;
  render::TextStyle words = theme.body();
  words.max_lines = 2;
  int number_w = 0;
  for (const auto& c : counts) number_w = std::max(number_w, canvas.text_width(lang.number(c.n), figure.px, figure.weight));
  const int dot = legend_radius(theme);
  for (const auto& c : counts) {
    Rect row = box;
    const int row_h = std::max(canvas.line_height(figure), canvas.measure(c.item.text, {0, 0, box.w - number_w - 4 * dot - theme.gap, theme.height}, words).h);
    if (row_h > box.h) break;
    Rect line = row.take_top(row_h);
    const render::Point centre{line.x + dot, line.y + canvas.line_height(figure) / 2};
    if (c.item.filled) {
      canvas.fill_circle(centre, dot, c.item.color);
    } else {
      canvas.ring(centre, dot, std::max(2, dot / 3), c.item.color);
    }
    line.take_left(3 * dot);
    render::TextStyle number = figure;
    number.color = c.item.filled ? c.item.color : theme.colors.text;
    canvas.text(lang.number(c.n), line.take_left(number_w, theme.gap / 2), number);
    Rect text = line;
    text.y += (canvas.line_height(figure) - canvas.line_height(words)) / 2;
    canvas.text(c.item.text, text, words);
    box.take_top(row_h, theme.gap / 2);
  }
}

// The groups' areas, as a list beside the map: "3 · Aarhus: Bispehaven, Gellerupparken/Toveshøj,
// Skovgårdsparken", as many as fit: first those whose name found no place on the map, then the largest.
void draw_group_list(render::Canvas& canvas, const Theme& theme, const i18n::Language& lang, Rect box, const AreaMap& map) {
  std::vector<const MapGroup*> groups;
  for (const auto& g : map.groups) {
    if (g.markers.size() > 1) groups.push_back(&g);
  }
  std::stable_sort(groups.begin(), groups.end(),
                   [](const MapGroup* a, const MapGroup* b) {
                     if (a->label_box.empty() != b->label_box.empty()) return a->label_box.empty();
                     return a->markers.size() > b->markers.size();
                   });
  render::TextStyle style = theme.body();
  style.max_lines = 3;
  for (const MapGroup* g : groups) {
    std::string text = lang.number(static_cast<long long>(g->markers.size())) + " \xC2\xB7 " + g->label + ":";
    for (std::size_t i = 0; i < g->markers.size(); ++i) text += (i ? ", " : " ") + map.markers[g->markers[i]].area->name;
    const Rect used = canvas.measure(text, {0, 0, box.w, theme.height}, style);
    if (used.h > box.h) break;
    canvas.text(text, box.take_top(used.h, theme.gap / 2), style);
  }
}

}  // namespace

void MapSlide::draw(render::Canvas& canvas, const Theme& theme, const SlideContext& ctx) const {
  const i18n::Language& lang = ctx.lang();
  Rect box = draw_frame(canvas, theme, ctx);
  // TRANSLATORS: the map slide's label, above its title.
  text_line(canvas, box, lang.tr("Områderne på kortet"), theme.label(), 0);
  const int year = map_year(ctx.content);
  if (year == 0) {
    text_line(canvas, box, lang.tr("Kort over områderne"), theme.title(), theme.gap);
    text_block(canvas, box, lang.tr("Indholdet oplyser ikke, hvilke områder der er på listerne."), theme.body(), 2, theme.gap);
    return;
  }
  // TRANSLATORS: the map slide's title: which list the map shows, "Listen pr. 1. december 2024".
  text_block(canvas, box, i18n::fill(lang.tr("Listen pr. {date}"), {{"date", list_day(year, lang)}}), theme.title(), 1, theme.gap);
  // Landscape: the map on the left, the counts beside it. Portrait: the counts under the map.
  Rect side = theme.portrait ? box.take_bottom(box.h * 2 / 5, theme.gap) : box;
  Rect map_box = theme.portrait ? box : side.take_left(box.w * 3 / 5, theme.gap);
  const AreaMap map = lay_out_map(canvas, theme, ctx.content, ctx.area, map_box, lang);
  draw_map(canvas, theme, map);
  if (ctx.area) {
    const auto own = std::find_if(map.markers.begin(), map.markers.end(), [](const MapMarker& m) { return m.own; });
    if (own != map.markers.end()) {
      render::TextStyle mine = theme.body();
      mine.color = theme.colors.accent;
      // TRANSLATORS: beside the map: the ring marks the screen's own area, {area} its name.
      text_block(canvas, side, i18n::fill(lang.tr("Ringen viser {area}"), {{"area", ctx.area->name}}), mine, 2, theme.gap);
    }
  }
  // What the map cannot say, at the bottom of the column: a later list without its areas, and
  // markers at their town.
  std::vector<std::string> notes;
  const auto& national = ctx.content.national_counts;
  if (!national.empty() && national.back().date.year > year) {
    // TRANSLATORS: under the map: a later list exists, but the content does not say which areas are on it.
    notes.push_back(i18n::fill(lang.tr("Listen pr. {date} er ikke oplyst område for område."),
                               {{"date", list_day(national.back().date.year, lang)}}));
  }
  if (std::any_of(map.markers.begin(), map.markers.end(),
                  [](const MapMarker& m) { return m.area->position && m.area->position->approximate; })) {
    // TRANSLATORS: under the map: some markers stand at their town, not at the area itself.
    notes.push_back(lang.tr("Placeringerne er omtrentlige."));
  }
  render::TextStyle muted = theme.muted_body();
  muted.max_lines = 3;
  for (auto it = notes.rbegin(); it != notes.rend(); ++it) {
    const int h = canvas.measure(*it, {0, 0, side.w, side.h}, muted).h;
    if (h > side.h) break;
    canvas.text(*it, side.take_bottom(h, theme.gap / 2), muted);
  }
  draw_counts(canvas, theme, lang, side, map_counts(theme, lang, map));
  side.take_top(theme.gap / 2);
  draw_group_list(canvas, theme, lang, side, map);
}

}  // namespace kiosk::slides
