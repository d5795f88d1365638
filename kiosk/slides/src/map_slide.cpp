#include "slides/map_slide.h"

#include <algorithm>

#include "slide_util.h"
#include "slides/area_map.h"
#include "slides/danish.h"

namespace kiosk::slides {
namespace {

using render::Rect;

struct Count {
  LegendItem item;
  int n = 0;
};

// What the markers mean, with how many of each the map shows.
std::vector<Count> map_counts(const Theme& theme, const AreaMap& map) {
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
  add(theme.colors.omdannelse, true, category_plural(model::Category::kOmdannelse, map.year), omdannelse);
  add(theme.colors.parallelsamfund, true, "andre " + category_plural(model::Category::kParallelsamfund, map.year),
      other_lists);
  add(theme.colors.muted, false, "ikke oplyst", unknown);
  add(theme.colors.not_listed, true, "ikke længere på listen", left);
  return counts;
}

// The counts as a column: the number large, what it counts beside it with the marker's colour.
void draw_counts(render::Canvas& canvas, const Theme& theme, Rect& box, const std::vector<Count>& counts) {
  render::TextStyle figure{theme.body_px * 3 / 2, render::Weight::kBold, theme.colors.text};
  figure.max_lines = 1;
  render::TextStyle words = theme.body();
  words.max_lines = 2;
  int number_w = 0;
  for (const auto& c : counts) number_w = std::max(number_w, canvas.text_width(danish_number(c.n), figure.px, figure.weight));
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
    canvas.text(danish_number(c.n), line.take_left(number_w, theme.gap / 2), number);
    Rect text = line;
    text.y += (canvas.line_height(figure) - canvas.line_height(words)) / 2;
    canvas.text(c.item.text, text, words);
    box.take_top(row_h, theme.gap / 2);
  }
}

// The groups' areas, as a list beside the map: "3 · Aarhus: Bispehaven, Gellerupparken/Toveshøj,
// Skovgårdsparken", as many as fit: first those whose name found no place on the map, then the largest.
void draw_group_list(render::Canvas& canvas, const Theme& theme, Rect box, const AreaMap& map) {
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
    std::string text = std::to_string(g->markers.size()) + " \xC2\xB7 " + g->label + ":";
    for (std::size_t i = 0; i < g->markers.size(); ++i) text += (i ? ", " : " ") + map.markers[g->markers[i]].area->name;
    const Rect used = canvas.measure(text, {0, 0, box.w, theme.height}, style);
    if (used.h > box.h) break;
    canvas.text(text, box.take_top(used.h, theme.gap / 2), style);
  }
}

}  // namespace

void MapSlide::draw(render::Canvas& canvas, const Theme& theme, const SlideContext& ctx) const {
  Rect box = draw_frame(canvas, theme, ctx);
  text_line(canvas, box, "Områderne på kortet", theme.label(), 0);
  const int year = map_year(ctx.content);
  if (year == 0) {
    text_line(canvas, box, "Kort over områderne", theme.title(), theme.gap);
    text_block(canvas, box, "Indholdet oplyser ikke, hvilke områder der er på listerne.", theme.body(), 2, theme.gap);
    return;
  }
  text_block(canvas, box, "Listen pr. 1. december " + std::to_string(year), theme.title(), 1, theme.gap);
  // Landscape: the map on the left, the counts beside it. Portrait: the counts under the map.
  Rect side = theme.portrait ? box.take_bottom(box.h * 2 / 5, theme.gap) : box;
  Rect map_box = theme.portrait ? box : side.take_left(box.w * 3 / 5, theme.gap);
  const AreaMap map = lay_out_map(canvas, theme, ctx.content, ctx.area, map_box);
  draw_map(canvas, theme, map);
  if (ctx.area) {
    const auto own = std::find_if(map.markers.begin(), map.markers.end(), [](const MapMarker& m) { return m.own; });
    if (own != map.markers.end()) {
      render::TextStyle mine = theme.body();
      mine.color = theme.colors.accent;
      text_block(canvas, side, "Ringen viser " + ctx.area->name, mine, 2, theme.gap);
    }
  }
  // What the map cannot say, at the bottom of the column: a later list without its areas, and
  // markers at their town.
  std::vector<std::string> notes;
  const auto& national = ctx.content.national_counts;
  if (!national.empty() && national.back().date.year > year) {
    notes.push_back("Listen pr. 1. december " + std::to_string(national.back().date.year) +
                    " er ikke oplyst område for område.");
  }
  if (std::any_of(map.markers.begin(), map.markers.end(),
                  [](const MapMarker& m) { return m.area->position && m.area->position->approximate; })) {
    notes.push_back("Placeringerne er omtrentlige.");
  }
  render::TextStyle muted = theme.muted_body();
  muted.max_lines = 3;
  for (auto it = notes.rbegin(); it != notes.rend(); ++it) {
    const int h = canvas.measure(*it, {0, 0, side.w, side.h}, muted).h;
    if (h > side.h) break;
    canvas.text(*it, side.take_bottom(h, theme.gap / 2), muted);
  }
  draw_counts(canvas, theme, side, map_counts(theme, map));
  side.take_top(theme.gap / 2);
  draw_group_list(canvas, theme, side, map);
}

}  // namespace kiosk::slides
