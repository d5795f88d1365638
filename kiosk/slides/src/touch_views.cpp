#include "slides/touch_views.h"

#include <algorithm>
#include <cmath>
#include <optional>
#include <set>

#include "area_history.h"
#include "slide_util.h"
#include "slides/area_map.h"
#include "slides/chart.h"
#include "slides/results_slide.h"
#include "slides/words.h"

namespace kiosk::slides {

using player::Target;
using render::Rect;

player::Box box_of(const Rect& r) {
  return {static_cast<float>(r.x), static_cast<float>(r.y), static_cast<float>(r.w), static_cast<float>(r.h)};
}

bool is_pressed(const ViewState& s, Target t, const std::string& id) {
  return s.pressed && *s.pressed == t && s.pressed_id == id;
}

namespace {

// The bar along the top of both views: Back on the left, then what the view needs.
Rect header(render::Canvas& canvas, const Theme& theme, const SlideContext& ctx, Rect& content, ViewLayout& layout,
            const ViewState& state) {
  const int h = touch_target_px(theme);
  Rect bar = content.take_top(h, theme.gap);
  // TRANSLATORS: the button that goes back to the previous screen; short.
  const std::string back_label = "\xE2\x80\xB9 " + std::string(ctx.lang().tr("Tilbage"));
  const int back_w = canvas.text_width(back_label, theme.body_px, render::Weight::kBold) + theme.gap * 2;
  const Rect back = bar.take_left(std::max(back_w, h * 2), theme.gap);
  draw_button(canvas, theme, back, back_label, is_pressed(state, Target::kBack));
  layout.regions.push_back({box_of(back), Target::kBack, ""});
  return bar;
}

// What every touch view starts with: the frame, the session's controls along the bottom and the
// header with Back. Returns the bar beside Back; `content` becomes the room left under it.
Rect open_view(render::Canvas& canvas, const Theme& theme, const SlideContext& ctx, Rect& content, ViewLayout& layout,
               const ViewState& state) {
  content = draw_frame(canvas, theme, ctx);
  session_bar(canvas, theme, ctx, content, layout, state);
  return header(canvas, theme, ctx, content, layout, state);
}

// The results as a list in `content`, scrolled by the view's offset, each item a target that opens
// the detail; `empty` says why there are none.
void draw_result_list(render::Canvas& canvas, const Theme& theme, Rect content,
                      const std::vector<const model::Result*>& results, const ViewState& state, ViewLayout& layout,
                      const std::string& empty, const i18n::Language& lang) {
  const int target = touch_target_px(theme);
  render::TextStyle title = theme.body();
  title.weight = render::Weight::kBold;
  title.max_lines = 1;
  render::TextStyle meta = theme.muted_body();
  meta.max_lines = 1;
  const int item_h = std::max(target, canvas.line_height(meta) + canvas.line_height(title)) + theme.gap;
  layout.item_height = static_cast<float>(item_h);
  layout.page = static_cast<float>(content.h - content.h % item_h);
  layout.max_scroll = std::max(0.0f, static_cast<float>(results.size()) * item_h - static_cast<float>(content.h));
  if (results.empty()) {
    text_block(canvas, content, empty, theme.body(), 3, 0);
    return;
  }
  canvas.set_clip(content);
  const int offset = static_cast<int>(std::lround(std::clamp(state.scroll, 0.0f, layout.max_scroll)));
  const std::size_t first = static_cast<std::size_t>(offset / item_h);
  for (std::size_t i = 0; i < results.size(); ++i) layout.ids.push_back(results[i]->id);
  for (std::size_t i = first; i < results.size(); ++i) {
    const int y = content.y + static_cast<int>(i) * item_h - offset;
    if (y >= content.bottom()) break;
    const model::Result& r = *results[i];
    Rect item{content.x, y, content.w, item_h - theme.gap};
    if (is_pressed(state, Target::kResult, r.id)) canvas.fill(item, theme.colors.panel);
    canvas.fill({item.x, item.y, std::max(3, theme.gap / 4), item.h}, r.image.empty() ? theme.colors.rule : theme.colors.accent);
    Rect words = item.inset(theme.gap, 0);
    text_line(canvas, words, result_byline(r, lang), meta, 0);
    text_line(canvas, words, r.title, title, 0);
    const Rect visible{item.x, std::max(item.y, content.y), item.w, std::min(item.bottom(), content.bottom()) - std::max(item.y, content.y)};
    if (!visible.empty()) layout.regions.push_back({box_of(visible), Target::kResult, r.id});
  }
  canvas.set_clip(std::nullopt);
}

}  // namespace

int touch_target_px(const Theme& theme) {
  return std::max(static_cast<int>(std::ceil(std::min(theme.width, theme.height) / 22.5)),
                  theme.body_px + theme.gap);
}

void draw_button(render::Canvas& canvas, const Theme& theme, const Rect& box, const std::string& label, bool pressed,
                 bool selected) {
  canvas.fill(box, pressed ? theme.colors.accent : theme.colors.panel);
  if (selected && !pressed) canvas.outline(box, std::max(2, theme.gap / 6), theme.colors.accent);
  render::TextStyle style{theme.body_px, render::Weight::kBold, pressed ? theme.colors.on_warning : theme.colors.text};
  style.align = render::Align::kCenter;
  style.max_lines = 1;
  const int line = canvas.line_height(style);
  canvas.text(label, {box.x + theme.gap / 2, box.y + (box.h - line) / 2, box.w - theme.gap, line}, style);
}

std::vector<const model::Result*> filtered_results(const model::Content& content, const model::Area* area,
                                                   player::Filter filter) {
  std::vector<const model::Result*> out;
  for (const model::Result* r : newest_first(content.results)) {
    const bool about_area = r->area_ids.empty() ||
                            (area && std::find(r->area_ids.begin(), r->area_ids.end(), area->id) != r->area_ids.end());
    if (filter == player::Filter::kAllAreas || about_area) out.push_back(r);
  }
  return out;
}

// TRANSLATORS: the button on the status slide that opens the map of the areas; short.
const char* const kMapButtonLabel = i18n::N_("Se områdekort");

Rect map_button_box(const Theme& theme) {
  const Rect content = Rect{0, 0, theme.width, theme.height - theme.footer_h}.inset(theme.margin);
  const int h = touch_target_px(theme);
  const int w = std::min(content.w / 2, theme.body_px * 8 + theme.gap * 2);
  // In landscape inside the national counts' panel, whose padding is a gap.
  const int inset = theme.portrait ? 0 : theme.gap;
  return {content.right() - inset - w, content.y + inset, w, h};
}

std::vector<const model::Result*> area_results(const model::Content& content, const std::string& area_id) {
  std::vector<const model::Result*> out;
  for (const model::Result* r : newest_first(content.results)) {
    if (std::find(r->area_ids.begin(), r->area_ids.end(), area_id) != r->area_ids.end()) out.push_back(r);
  }
  return out;
}

ViewLayout cycle_regions(const Theme& theme, const SlideKind& kind) {
  ViewLayout layout;
  const int corner = touch_target_px(theme) * 2;
  const player::Box screen{0, 0, static_cast<float>(theme.width), static_cast<float>(theme.height)};
  if (kind.tap_opens_browser) layout.regions.push_back({screen, Target::kOpenBrowser, ""});
  if (kind.tap_opens_map) layout.regions.push_back({screen, Target::kOpenMap, ""});
  if (kind.map_button) layout.regions.push_back({box_of(map_button_box(theme)), Target::kOpenMap, ""});
  layout.regions.push_back({box_of(pause_button_box(theme)), Target::kPause, ""});
  layout.regions.push_back({{0, 0, static_cast<float>(corner), static_cast<float>(corner)}, Target::kStaffCorner, ""});
  return layout;
}

ViewLayout draw_browser(render::Canvas& canvas, const Theme& theme, const SlideContext& ctx, const ViewState& state) {
  ViewLayout layout;
  Rect content;
  Rect bar = open_view(canvas, theme, ctx, content, layout, state);

  // Filter: this area or all areas; then page buttons on the right.
  const int target = touch_target_px(theme);
  const i18n::Language& lang = ctx.lang();
  // TRANSLATORS: the filter button for the kiosk's own area when the screen has none configured.
  const std::string here = ctx.area ? ctx.area->name : lang.tr("Dette område");
  // TRANSLATORS: the filter button that lists the results of every area.
  const std::string all_areas = lang.tr("Alle områder");
  Rect right = bar;
  // The page buttons are as wide as their longer word needs (Arabic "أسفل" at larger text is wider
  // than two targets), as far as half the bar beside Back.
  const int page_label_w = std::max(canvas.text_width(lang.tr("Op"), theme.body_px, render::Weight::kBold),
                                    canvas.text_width(lang.tr("Ned"), theme.body_px, render::Weight::kBold)) + theme.gap * 2;
  const int page_w = std::min(std::max(target * 2, page_label_w), std::max(target, (bar.w - theme.gap) / 2));
  const Rect down_btn{right.right() - page_w, right.y, page_w, right.h};
  const Rect up_btn{down_btn.x - theme.gap - page_w, right.y, page_w, right.h};
  right.w = std::max(0, up_btn.x - theme.gap - right.x);
  const int here_w = canvas.text_width(here, theme.body_px, render::Weight::kBold) + theme.gap * 2;
  const int all_w = canvas.text_width(all_areas, theme.body_px, render::Weight::kBold) + theme.gap * 3;
  // Where the filters do not fit beside the page buttons (larger text on a narrow screen), they
  // get a row of their own under them.
  if (here_w + theme.gap + all_w > right.w) right = content.take_top(target, theme.gap);
  int filter_w = std::min(right.w / 2 - theme.gap / 2, all_w);
  int area_w = std::min(std::max(filter_w, here_w), right.w - filter_w - theme.gap);
  // A long "all areas" (Somali at larger text) takes the room a short area name leaves.
  if (filter_w < all_w && here_w + theme.gap + all_w <= right.w) {
    area_w = here_w;
    filter_w = all_w;
  }
  const Rect area_btn = right.take_left(area_w, theme.gap);
  const Rect all_btn = right.take_left(filter_w, theme.gap);
  draw_button(canvas, theme, area_btn, here, is_pressed(state, Target::kFilterArea), state.filter == player::Filter::kThisArea);
  draw_button(canvas, theme, all_btn, all_areas, is_pressed(state, Target::kFilterAll), state.filter == player::Filter::kAllAreas);
  // TRANSLATORS: the button that scrolls the list up by a page; very short (about 2 letters' room).
  draw_button(canvas, theme, up_btn, lang.tr("Op"), is_pressed(state, Target::kPageUp));
  // TRANSLATORS: the button that scrolls the list down by a page; very short (about 3 letters' room).
  draw_button(canvas, theme, down_btn, lang.tr("Ned"), is_pressed(state, Target::kPageDown));
  layout.regions.push_back({box_of(area_btn), Target::kFilterArea, ""});
  layout.regions.push_back({box_of(all_btn), Target::kFilterAll, ""});
  layout.regions.push_back({box_of(up_btn), Target::kPageUp, ""});
  layout.regions.push_back({box_of(down_btn), Target::kPageDown, ""});

  // TRANSLATORS: {all} is the button's word for "Alle områder", as translated above.
  const std::string none = i18n::fill(lang.tr("Der er ingen resultater for dette område endnu. Vælg \"{all}\"."), {{"all", all_areas}});
  draw_result_list(canvas, theme, content, filtered_results(ctx.content, ctx.area, state.filter), state, layout, none, lang);
  return layout;
}

namespace {

int shorter_side(const Theme& theme) { return std::min(theme.width, theme.height); }

// TRANSLATORS: under the QR code that links to the full report; short (the code's width).
std::string code_caption(const i18n::Language& lang) { return lang.tr("Scan: hele rapporten"); }

int caption_height(render::Canvas& canvas, const Theme& theme) { return canvas.line_height(theme.muted_body()); }
int caption_width(render::Canvas& canvas, const Theme& theme, const i18n::Language& lang) {
  return canvas.text_width(code_caption(lang), theme.body_px, render::Weight::kRegular);
}

// A QR code's side: every module at least 2 pixels and the code a sixth of the shorter side at the
// least (about 8 cm on a 42" screen); up to 3/10 of it where there is room.
int code_min_side(const Theme& theme, const std::string& link) {
  return std::max(shorter_side(theme) / 6, render::Canvas::qr_modules(link) * 2);
}
int code_preferred_side(const Theme& theme) { return shorter_side(theme) * 3 / 10; }

// The part in `box`, or the part as it is drawn at its place below the text.
void draw_part(render::Canvas& canvas, const Theme& theme, const i18n::Language& lang, const model::Result& r, DetailPart part,
               Rect box) {
  switch (part) {
    case DetailPart::kPicture:
      canvas.image(r.image, box);
      break;
    case DetailPart::kChart:
      canvas.fill(box, theme.colors.panel);
      draw_chart(canvas, theme, box.inset(theme.gap), *r.series, lang);
      break;
    case DetailPart::kCode: {
      const int caption_h = caption_height(canvas, theme);
      Rect code = box;
      canvas.qr_code(r.link, code.take_top(std::max(0, box.h - caption_h)));
      render::TextStyle caption = theme.muted_body();
      caption.align = render::Align::kCenter;
      caption.max_lines = 1;
      canvas.text(code_caption(lang), code, caption);
      break;
    }
  }
}

// Lays `parts` one after another along `side` (downwards when `down`, else across), each at least
// its smallest readable size, packed from the start; the QR code keeps its own size and the
// picture and the chart share the rest (the chart the larger share). Empty when they do not fit.
std::vector<PlacedPart> stack_parts(render::Canvas& canvas, const Theme& theme, const i18n::Language& lang,
                                    const model::Result& r, Rect side, bool down, const std::vector<DetailPart>& parts) {
  if (parts.empty() || side.empty()) return {};
  const int gap = theme.gap;
  const int along = down ? side.h : side.w, across = down ? side.w : side.h;
  const auto min_along = [&](DetailPart p) {
    const Rect m = detail_part_min(canvas, theme, r, p);
    return down ? m.h : m.w;
  };
  const auto min_across = [&](DetailPart p) {
    const Rect m = detail_part_min(canvas, theme, r, p);
    return down ? m.w : m.h;
  };
  int rest = along - gap * (static_cast<int>(parts.size()) - 1);
  int code_along = 0, code_side = 0;
  const bool has_code = std::find(parts.begin(), parts.end(), DetailPart::kCode) != parts.end();
  if (has_code) {
    const int caption_h = caption_height(canvas, theme);
    const int room = down ? across : across - caption_h;
    const int code = std::min({room, code_preferred_side(theme), down ? rest - caption_h : rest});
    if (code < code_min_side(theme, r.link)) return {};
    code_side = code;
    // Across a band the code's box is as wide as its caption too.
    code_along = down ? code + caption_h : std::min(rest, std::max(code, caption_width(canvas, theme, lang)));
    rest -= code_along;
  }
  const bool picture = std::find(parts.begin(), parts.end(), DetailPart::kPicture) != parts.end();
  const bool chart = std::find(parts.begin(), parts.end(), DetailPart::kChart) != parts.end();
  int picture_along = 0, chart_along = 0;
  if (picture && chart) {
    picture_along = std::max(min_along(DetailPart::kPicture), rest * 2 / 5);
    chart_along = rest - picture_along;
  } else if (picture) {
    picture_along = rest;
  } else if (chart) {
    chart_along = rest;
  }
  std::vector<PlacedPart> placed;
  int at = down ? side.y : side.x;
  for (DetailPart p : parts) {
    const int extent = p == DetailPart::kCode ? code_along : p == DetailPart::kChart ? chart_along : picture_along;
    if (extent < min_along(p) || across < min_across(p)) return {};
    const int w = down ? side.w : extent;
    // Across a band the QR code's box is the code and its caption, not the band's whole height.
    const int h = down ? extent : p == DetailPart::kCode ? code_side + caption_height(canvas, theme) : side.h;
    placed.push_back({p, down ? Rect{side.x, at, w, h} : Rect{at, side.y, w, h}, false});
    at += extent + gap;
  }
  return placed;
}

// The parts that fit beside the words, placed: all of them if they can, else without the picture,
// then without the QR code too (the chart, which carries the result, stays longest).
std::vector<PlacedPart> place_beside(render::Canvas& canvas, const Theme& theme, const i18n::Language& lang,
                                     const model::Result& r, Rect side, std::vector<DetailPart> parts) {
  for (DetailPart leaving : {DetailPart::kPicture, DetailPart::kCode, DetailPart::kChart}) {
    if (parts.empty()) break;
    if (auto placed = stack_parts(canvas, theme, lang, r, side, !theme.portrait, parts); !placed.empty()) return placed;
    // In a column the picture and the QR code may share a row above the chart.
    if (parts.size() == 3 && !theme.portrait) {
      Rect rest = side;
      const int chart_h = detail_part_min(canvas, theme, r, DetailPart::kChart).h;
      const int row_h = std::max(detail_part_min(canvas, theme, r, DetailPart::kCode).h,
                                 std::min(rest.h - chart_h - theme.gap, code_preferred_side(theme) + caption_height(canvas, theme)));
      const Rect row = rest.take_top(row_h, theme.gap);
      auto placed = stack_parts(canvas, theme, lang, r, row, false, {DetailPart::kPicture, DetailPart::kCode});
      const auto chart = stack_parts(canvas, theme, lang, r, rest, true, {DetailPart::kChart});
      if (!placed.empty() && !chart.empty()) {
        placed.insert(placed.end(), chart.begin(), chart.end());
        return placed;
      }
    }
    parts.erase(std::remove(parts.begin(), parts.end(), leaving), parts.end());
  }
  return {};
}

}  // namespace

render::Rect detail_part_min(render::Canvas& canvas, const Theme& theme, const model::Result& r, DetailPart part) {
  const int side = shorter_side(theme);
  const int line = canvas.line_height(theme.body());
  switch (part) {
    case DetailPart::kPicture:
      return {0, 0, side / 5, side / 5};
    case DetailPart::kCode: {
      const int code = code_min_side(theme, r.link);
      return {0, 0, code, code + caption_height(canvas, theme)};
    }
    case DetailPart::kChart: {
      // What draw_chart needs for bars with their values and labels: the heading (up to two lines),
      // the unit line, a value above the highest bar, a plot of two lines and the labels, inside the
      // panel's padding.
      const int w = side * 2 / 5;
      int h = theme.gap * 2 + line * 4;
      if (r.series) {
        render::TextStyle heading = theme.label();
        heading.max_lines = 2;
        if (!r.series->title.empty()) h += canvas.measure(r.series->title, {0, 0, w - theme.gap * 2, side}, heading).h + theme.gap / 3;
        if (!r.series->unit.empty()) h += line + theme.gap / 4;
      }
      return {0, 0, w, h + theme.gap / 4};
    }
  }
  return {};
}

ViewLayout draw_detail(render::Canvas& canvas, const Theme& theme, const SlideContext& ctx, const ViewState& state) {
  ViewLayout layout;
  Rect content;
  Rect bar = open_view(canvas, theme, ctx, content, layout, state);
  const model::Result* result = nullptr;
  for (const auto& r : ctx.content.results) {
    if (r.id == state.selected) result = &r;
  }
  if (!result) {
    // TRANSLATORS: the result a resident opened was removed by staff meanwhile.
    text_block(canvas, bar, ctx.lang().tr("Resultatet findes ikke længere."), theme.body(), 1, 0);
    return layout;
  }
  const model::Result& r = *result;
  text_line(canvas, bar, result_byline(r, ctx.lang()), theme.muted_body(), 0);

  std::vector<DetailPart> parts;
  if (!r.image.empty()) parts.push_back(DetailPart::kPicture);
  if (r.series && !r.series->points.empty()) parts.push_back(DetailPart::kChart);
  if (!r.link.empty()) parts.push_back(DetailPart::kCode);

  // Beside the words (landscape: a column on the right; portrait: a band at the bottom) go as many
  // parts as fit there at a readable size; the rest follow the words in the scroll. The picture
  // moves below first, then the QR code; the chart, which carries the result, stays longest.
  std::vector<PlacedPart> beside;
  std::vector<DetailPart> below = parts;
  if (!parts.empty()) {
    Rect words = content;
    const Rect side = theme.portrait ? words.take_bottom(words.h * 2 / 5, theme.gap * 2) : [&] {
      Rect column = words;
      words = column.take_left(column.w * 3 / 5, theme.margin);
      return column;
    }();
    beside = place_beside(canvas, theme, ctx.lang(), r, side, parts);
    if (!beside.empty()) {
      content = words;
      below.clear();
      for (DetailPart p : parts) {
        if (std::none_of(beside.begin(), beside.end(), [&](const PlacedPart& b) { return b.part == p; })) below.push_back(p);
      }
    }
  }

  // The title stays; the words and the parts below them scroll under it, with a bar at the right
  // that shows how much there is and where the view is.
  text_block(canvas, content, r.title, theme.title(), 3, theme.gap);
  std::string text = r.summary;
  if (!r.body.empty()) text += "\n\n" + r.body;
  const auto below_height = [&](int width) {
    std::vector<int> heights;
    for (DetailPart p : below) {
      const Rect m = detail_part_min(canvas, theme, r, p);
      int h = m.h;
      if (p == DetailPart::kPicture) h = std::max(m.h, std::min(content.h * 3 / 5, width * 3 / 4));
      if (p == DetailPart::kChart) h = std::max(m.h, std::min(content.h * 4 / 5, width / 2));
      if (p == DetailPart::kCode) {
        h = std::max(m.w, std::min(width, code_preferred_side(theme))) + caption_height(canvas, theme);
      }
      heights.push_back(h);
    }
    return heights;
  };
  const int bar_w = std::max(4, theme.gap / 3);
  Rect words = content;
  int text_h = canvas.measure(text, {0, 0, words.w, 1 << 20}, theme.body()).h;
  std::vector<int> heights = below_height(words.w);
  const auto total = [&] {
    int sum = text_h;
    for (int h : heights) sum += theme.gap * 2 + h;
    return sum;
  };
  if (total() > words.h) {
    words.w -= bar_w + theme.gap;
    text_h = canvas.measure(text, {0, 0, words.w, 1 << 20}, theme.body()).h;
    heights = below_height(words.w);
  }
  const int doc_h = total();
  layout.max_scroll = std::max(0.0f, static_cast<float>(doc_h - words.h));
  layout.page = static_cast<float>(words.h * 4 / 5);
  layout.viewport = words;
  const int offset = static_cast<int>(std::lround(std::clamp(state.scroll, 0.0f, layout.max_scroll)));
  canvas.set_clip(words);
  canvas.text(text, {words.x, words.y - offset, words.w, text_h + 1}, theme.body());
  int y = words.y - offset + text_h;
  for (std::size_t i = 0; i < below.size(); ++i) {
    y += theme.gap * 2;
    const Rect box{words.x, y, words.w, heights[i]};
    if (box.bottom() > words.y && box.y < words.bottom()) draw_part(canvas, theme, ctx.lang(), r, below[i], box);
    layout.parts.push_back({below[i], box, true});
    y += heights[i];
  }
  canvas.set_clip(std::nullopt);
  if (layout.max_scroll > 0) {
    const Rect track{words.right() + theme.gap, words.y, bar_w, words.h};
    canvas.fill(track, theme.colors.rule);
    const int thumb_h = std::max(bar_w * 4, track.h * words.h / doc_h);
    const int thumb_y = track.y + static_cast<int>(std::lround((track.h - thumb_h) * (offset / layout.max_scroll)));
    canvas.fill({track.x, thumb_y, bar_w, thumb_h}, theme.colors.muted);
  }

  for (const PlacedPart& p : beside) {
    draw_part(canvas, theme, ctx.lang(), r, p.part, p.box);
    layout.parts.push_back(p);
  }
  return layout;
}

void draw_staff_overlay(render::Canvas& canvas, const Theme& theme, const std::vector<std::pair<std::string, std::string>>& facts) {
  Rect panel = canvas.bounds().inset(theme.margin * 2);
  canvas.fill(panel, theme.colors.panel);
  canvas.outline(panel, std::max(2, theme.gap / 6), theme.colors.accent);
  panel = panel.inset(theme.gap * 2);
  text_line(canvas, panel, "Status for personale (tryk for at lukke)", theme.title(), theme.gap);
  render::TextStyle label = theme.label();
  label.max_lines = 1;
  render::TextStyle value = theme.body();
  value.max_lines = 1;
  int label_w = 0;
  for (const auto& [l, v] : facts) label_w = std::max(label_w, canvas.text_width(l, label.px, label.weight));
  label_w = std::min(label_w, panel.w / 2);
  const int line = canvas.line_height(value);
  for (const auto& [l, v] : facts) {
    if (panel.h < line) break;
    Rect row = panel.take_top(line, theme.gap / 4);
    canvas.text(l, row.take_left(label_w, theme.gap * 2), label);
    canvas.text(v, row, value);
  }
}

namespace {

// What a finger can hit on the map: an area, or several whose targets would overlap.
struct MapTarget {
  Rect box;
  std::vector<const model::Area*> areas;  // by name
  std::string id;  // the area's id, or for several the first id in sort order
};

// Every group of the map (and every quiet dot) gets a square target of at least the touch size,
// centred on it and kept on the map; targets that would overlap are merged into one, until none do.
std::vector<MapTarget> map_targets(const Theme& theme, const AreaMap& map) {
  const int size = touch_target_px(theme);
  std::vector<MapTarget> targets;
  for (const MapGroup& g : map.groups) {
    const int side = std::max(size, 2 * g.radius);
    Rect box{g.at.x - side / 2, g.at.y - side / 2, side, side};
    box.x = std::clamp(box.x, map.box.x, std::max(map.box.x, map.box.right() - side));
    box.y = std::clamp(box.y, map.box.y, std::max(map.box.y, map.box.bottom() - side));
    MapTarget t{box, {}, ""};
    for (std::size_t m : g.markers) t.areas.push_back(map.markers[m].area);
    targets.push_back(std::move(t));
  }
  for (bool merged = true; merged;) {
    merged = false;
    for (std::size_t i = 0; i < targets.size() && !merged; ++i) {
      for (std::size_t j = i + 1; j < targets.size() && !merged; ++j) {
        if (!targets[i].box.intersects(targets[j].box)) continue;
        Rect& a = targets[i].box;
        const Rect& b = targets[j].box;
        const int x = std::min(a.x, b.x), y = std::min(a.y, b.y);
        a = {x, y, std::max(a.right(), b.right()) - x, std::max(a.bottom(), b.bottom()) - y};
        targets[i].areas.insert(targets[i].areas.end(), targets[j].areas.begin(), targets[j].areas.end());
        targets.erase(targets.begin() + static_cast<std::ptrdiff_t>(j));
        merged = true;
      }
    }
  }
  for (MapTarget& t : targets) {
    std::sort(t.areas.begin(), t.areas.end(), [](const model::Area* a, const model::Area* b) { return a->name < b->name; });
    std::string first = t.areas.front()->id;
    for (const model::Area* a : t.areas) first = std::min(first, a->id);
    t.id = first;
  }
  return targets;
}

const model::Area* find_area(const model::Content& content, const std::string& id) {
  const auto it = std::find_if(content.areas.begin(), content.areas.end(), [&](const model::Area& a) { return a.id == id; });
  return it == content.areas.end() ? nullptr : &*it;
}

}  // namespace

ViewLayout draw_map_view(render::Canvas& canvas, const Theme& theme, const SlideContext& ctx, const ViewState& state) {
  ViewLayout layout;
  Rect content;
  Rect bar = open_view(canvas, theme, ctx, content, layout, state);
  const i18n::Language& lang = ctx.lang();
  const int year = map_year(ctx.content);
  render::TextStyle heading = theme.label();  // in the bar beside Back, as the card's kommune
  heading.max_lines = 1;
  const int heading_h = canvas.line_height(heading);
  const Rect title{bar.x, bar.y + std::max(0, (bar.h - heading_h) / 2), bar.w, std::min(bar.h, heading_h)};
  if (year == 0) {
    // TRANSLATORS: the heading of the map of the areas.
    canvas.text(lang.tr("Områdekort"), title, heading);
    text_block(canvas, content, lang.tr("Indholdet oplyser ikke, hvilke områder der er på listerne."), theme.body(), 2, 0);
    return layout;
  }
  // TRANSLATORS: the heading of the map of the areas, with the list's date; keep {date}.
  canvas.text(i18n::fill(lang.tr("Områdekort \xC2\xB7 listen pr. {date}"), {{"date", list_day(year, lang)}}), title, heading);
  // Landscape: the map on the left, the side column beside it; portrait: the column under the map.
  Rect side = content;
  const Rect map_box = theme.portrait ? side.take_top(content.h * 3 / 5, theme.gap * 2)
                                      : side.take_left(content.w * 3 / 5, theme.margin);
  const AreaMap map = lay_out_map(canvas, theme, ctx.content, ctx.area, map_box, lang);
  draw_map(canvas, theme, map);
  const std::vector<MapTarget> targets = map_targets(theme, map);
  const MapTarget* open = nullptr;
  for (const MapTarget& t : targets) {
    const bool several = t.areas.size() > 1;
    if (several && t.id == state.group) open = &t;
    const Target kind = several ? Target::kMapGroup : Target::kArea;
    // The map's targets lie on the screen (the map is not mirrored); the view's regions are in its
    // own coordinates, mirrored with the rest of the view, so they go back through on_screen().
    const Rect in_view = canvas.on_screen(t.box);
    if (is_pressed(state, kind, t.id) || (several && t.id == state.group)) {
      canvas.outline(in_view, std::max(2, theme.gap / 6), theme.colors.accent);
    }
    layout.regions.push_back({box_of(in_view), kind, t.id});
  }
  if (!open) {
    text_block(canvas, side, lang.tr("Tryk på et område for at se dets placering på listerne år for år og dets resultater."),
               theme.body(), 3, theme.gap);
    // What the markers mean, in the colours draw_map() gives them.
    std::set<model::Category> listed;
    std::optional<render::Color> unknown, left;
    for (const MapMarker& m : map.markers) {
      if (m.status == MapStatus::kOnList) listed.insert(m.category);
      if (m.status == MapStatus::kUnknown) unknown = theme.colors.muted;
      if (m.status == MapStatus::kLeft) left = category_color(theme, m.category);
    }
    std::vector<LegendItem> legend;
    for (model::Category c : listed) legend.push_back({category_color(theme, c), true, category_name(c, map.year, lang)});
    // TRANSLATORS: in the map's legend: an area whose category the content does not give.
    if (unknown) legend.push_back({*unknown, false, lang.tr("ikke oplyst")});
    // TRANSLATORS: in the map's legend: an area that was on a list before and is no longer.
    if (left) legend.push_back({*left, true, lang.tr("ikke længere på listen")});
    if (legend_height(canvas, theme, side.w, legend) <= side.h) draw_legend(canvas, theme, side, legend);
    return layout;
  }
  // The opened group: its areas as buttons, one under the other; when they are more than fit, the
  // list scrolls by whole buttons, so every button shown is whole and of touch size.
  const auto areas_here = open->areas.size();
  // TRANSLATORS: above the list of the areas in an opened group on the map; {n} is how many.
  const std::string here = i18n::fill(lang.trn("{n} område her \xC2\xB7 tryk på et", "{n} områder her \xC2\xB7 tryk på et", areas_here),
                                      {{"n", lang.number(static_cast<long long>(areas_here))}});
  text_line(canvas, side, here, theme.label(), theme.gap / 2);
  const int item_h = touch_target_px(theme);
  const int step = item_h + theme.gap / 2;
  const int fit = std::max(1, (side.h + theme.gap / 2) / step);
  const int count = static_cast<int>(open->areas.size());
  layout.item_height = static_cast<float>(step);
  layout.page = static_cast<float>(fit * step);
  layout.max_scroll = static_cast<float>(std::max(0, count - fit) * step);
  const int first = static_cast<int>(std::lround(std::clamp(state.scroll, 0.0f, layout.max_scroll) / static_cast<float>(step)));
  for (int i = 0; i < count; ++i) {
    const model::Area& a = *open->areas[static_cast<std::size_t>(i)];
    layout.ids.push_back(a.id);
    if (i < first || i >= first + fit) continue;
    const Rect item{side.x, side.y + (i - first) * step, side.w, item_h};
    draw_button(canvas, theme, item, a.name, is_pressed(state, Target::kArea, a.id));
    layout.regions.push_back({box_of(item), Target::kArea, a.id});
  }
  return layout;
}

ViewLayout draw_area_card(render::Canvas& canvas, const Theme& theme, const SlideContext& ctx, const ViewState& state) {
  ViewLayout layout;
  Rect content;
  Rect bar = open_view(canvas, theme, ctx, content, layout, state);
  const model::Area* area = find_area(ctx.content, state.area);
  if (!area) {
    // TRANSLATORS: the area a resident opened was removed from the content meanwhile.
    text_block(canvas, bar, ctx.lang().tr("Området findes ikke længere."), theme.body(), 1, 0);
    return layout;
  }
  const i18n::Language& lang = ctx.lang();
  render::TextStyle kommune = theme.label();
  kommune.max_lines = 1;
  const int kommune_h = canvas.line_height(kommune);
  const std::string kommune_name = kommune_text(area->kommune, lang);
  canvas.text(kommune_name, {bar.x, bar.y + std::max(0, (bar.h - kommune_h) / 2), bar.w, std::min(bar.h, kommune_h)}, kommune);
  // Landscape: the area on the left, its results on the right; portrait: the results below.
  Rect list = content;
  Rect about = theme.portrait ? list.take_top(content.h * 2 / 5, theme.gap * 2) : list.take_left(content.w / 2, theme.margin);
  // A long name steps down to the title size to stay on one line; a double name that is still too
  // long breaks after its "/", not inside a word.
  render::TextStyle name = theme.headline();
  name.max_lines = 2;
  while (name.px > theme.title_px && canvas.text_width(area->name, name.px, name.weight) > about.w) name.px -= std::max(1, name.px / 16);
  std::string shown_name = area->name;
  if (const auto slash = shown_name.find('/');
      slash != std::string::npos && canvas.text_width(shown_name, name.px, name.weight) > about.w) {
    shown_name.insert(slash + 1, "\n");
  }
  text_block(canvas, about, shown_name, name, 2, theme.gap);
  if (const model::CategoryYear* known = latest_known(*area)) {
    render::TextStyle category = theme.title();
    category.color = category_color(theme, known->category);
    category.max_lines = 2;
    text_block(canvas, about, category_name(known->category, known->year, lang) + " " + std::to_string(known->year), category, 2, theme.gap);
  } else {
    text_block(canvas, about, lang.tr("Områdets placering på listerne er ikke oplyst."), theme.body(), 2, theme.gap);
  }
  const int last_year = ctx.content.national_counts.empty() ? map_year(ctx.content) : ctx.content.national_counts.back().date.year;
  if (!area->categories.empty() && history_height(canvas, theme, lang, *area, last_year, about.w) <= about.h) {
    draw_history(canvas, theme, lang, *area, last_year, about);
  }
  // TRANSLATORS: the heading of an area's results; {area} is its name.
  text_line(canvas, list, i18n::fill(lang.tr("Resultater om {area}"), {{"area", area->name}}), theme.label(), theme.gap / 2);
  draw_result_list(canvas, theme, list, area_results(ctx.content, area->id), state, layout,
                   lang.tr("Der er ingen resultater om dette område endnu."), lang);
  return layout;
}

}  // namespace kiosk::slides
