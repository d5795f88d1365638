// What a resident sees after touching the screen: the results browser, one result in detail, the
// map of the areas and an area's card, and (for staff) the status overlay. Each view draws the navigator's state and reports where its
// touchable things are, so the navigator (player/navigator.h) can hit-test the next touch.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "player/navigator.h"
#include "slides/slide.h"
#include "slides/slide_kinds.h"

namespace kiosk::slides {

struct ViewState {
  player::Filter filter = player::Filter::kThisArea;
  float scroll = 0;
  std::optional<player::Target> pressed;
  std::string pressed_id;
  std::string selected;  // the result shown in detail
  std::string area;      // the area whose card shows
  std::string group;     // the map's opened group (the id of its kMapGroup region)
  // The touch session (player/navigator.h): the configured languages, whose button shows with two
  // or more; the open list of them; larger text on; the seconds the "Bliv her" notice shows, or 0.
  std::vector<const i18n::Language*> languages;
  bool language_list = false;
  bool larger_text = false;
  int stay_notice = 0;
};

// A drawn rectangle as the navigator's box, for a hit region.
player::Box box_of(const render::Rect& r);
// The finger is down on target `t` (with `id`): the views draw it pressed.
bool is_pressed(const ViewState& s, player::Target t, const std::string& id = "");

// The parts of a result besides its words, as the detail view places them.
enum class DetailPart { kPicture, kChart, kCode };

struct PlacedPart {
  DetailPart part;
  render::Rect box;         // where it was drawn (for a part below the text: at the view's scroll)
  bool below_text = false;  // in the scrolled column under the text, not beside it
};

struct ViewLayout {
  std::vector<player::HitRegion> regions;
  float max_scroll = 0;
  float page = 0;
  float item_height = 0;
  std::vector<std::string> ids;  // the listed results, top to bottom
  std::vector<PlacedPart> parts;  // the detail view's picture, chart and QR code
  render::Rect viewport;          // the detail view's scrolled area
  render::Rect session_bar;       // the row of the session's controls at the bottom of the view
};

// Touch targets are at least 9 mm on a 24" 1080p screen, 1/22.5 of the shorter side (48 px at
// 1080p), and never lower than a line of body text with its gap (66 px at 1080p).
int touch_target_px(const Theme& theme);

// Results newest first; with kThisArea only those about the kiosk's area or about all areas.
std::vector<const model::Result*> filtered_results(const model::Content& content, const model::Area* area,
                                                   player::Filter filter);

// The regions of the cycle: the staff corner; on the results slide the whole slide (and its "Se alle
// resultater" button) opens the browser, on the map slide the whole slide opens the map, and on the
// status slide its "Se områdekort" button does.
ViewLayout cycle_regions(const Theme& theme, const SlideKind& kind);

// Where a slide whose kind has `map_button` draws "Se områdekort": the top right corner of the
// space above the footer (inside the national counts' panel in landscape, above the area in
// portrait). Known from the screen alone, so the cycle's regions need no drawing.
render::Rect map_button_box(const Theme& theme);
extern const char* const kMapButtonLabel;

// The results about one area (not those about all areas), newest first.
std::vector<const model::Result*> area_results(const model::Content& content, const std::string& area_id);

// The map of the areas: the map large, every area or group of touching areas a target of at least
// touch_target_px(); a group of several opens into a list of its areas as buttons beside the map.
ViewLayout draw_map_view(render::Canvas& canvas, const Theme& theme, const SlideContext& ctx, const ViewState& state);
// One area: its name and kommune, its category per list year as the status slide shows it, and its
// results as a list whose items open the detail.
ViewLayout draw_area_card(render::Canvas& canvas, const Theme& theme, const SlideContext& ctx, const ViewState& state);

// Draws `view` (not the cycle) with the session's controls over it: the list of languages when open
// and the "Bliv her" notice when it shows, whose regions come last and so win. The regions are
// where the things lie on the screen: mirrored when the canvas draws right to left.
ViewLayout draw_touch_view(player::View view, render::Canvas& canvas, const Theme& theme, const SlideContext& ctx,
                           const ViewState& state);
// The regions as they lie on a screen drawn right to left (mirrored about its vertical centre line,
// as render::Canvas mirrors the drawing), for the navigator to hit-test.
void mirror_regions(std::vector<player::HitRegion>& regions, float width);

// The row along the bottom of `content` every touch view gives the session's controls: larger
// text, and the language button with two or more languages. Takes it off `content`.
void session_bar(render::Canvas& canvas, const Theme& theme, const SlideContext& ctx, render::Rect& content,
                 ViewLayout& layout, const ViewState& state);

ViewLayout draw_browser(render::Canvas& canvas, const Theme& theme, const SlideContext& ctx, const ViewState& state);
// One result: its title, its words (scrolled), and each part it has (picture, chart, QR code of its
// link) at a readable size: beside the words when they fit there, else below them in the scroll.
ViewLayout draw_detail(render::Canvas& canvas, const Theme& theme, const SlideContext& ctx, const ViewState& state);

// The smallest box in which a part of `result` stays readable on this screen: for the layout and
// for tests. A QR code's box includes its caption line.
render::Rect detail_part_min(render::Canvas& canvas, const Theme& theme, const model::Result& result, DetailPart part);

// Read-only facts for staff, as label/value pairs, in a panel over whatever is shown.
void draw_staff_overlay(render::Canvas& canvas, const Theme& theme, const std::vector<std::pair<std::string, std::string>>& facts);

// The button the results slide shows; also used by the views.
void draw_button(render::Canvas& canvas, const Theme& theme, const render::Rect& box, const std::string& label,
                 bool pressed, bool selected = false);

}  // namespace kiosk::slides
