#include "slides/touch_views.h"

#include <algorithm>
#include <cmath>

#include "slide_util.h"
#include "slides/chart.h"
#include "slides/danish.h"
#include "slides/results_slide.h"

namespace kiosk::slides {

using player::Target;
using render::Rect;

namespace {

player::Box box_of(const Rect& r) {
  return {static_cast<float>(r.x), static_cast<float>(r.y), static_cast<float>(r.w), static_cast<float>(r.h)};
}

bool is_pressed(const ViewState& s, Target t, const std::string& id = "") {
  return s.pressed && *s.pressed == t && s.pressed_id == id;
}

std::string byline(const model::Result& r) { return danish_date(r.date) + " \xC2\xB7 " + r.publisher; }

// The bar along the top of both views: Back on the left, then what the view needs.
Rect header(render::Canvas& canvas, const Theme& theme, Rect& content, ViewLayout& layout, const ViewState& state) {
  const int h = touch_target_px(theme);
  Rect bar = content.take_top(h, theme.gap);
  const int back_w = canvas.text_width("\xE2\x80\xB9 Tilbage", theme.body_px, render::Weight::kBold) + theme.gap * 2;
  const Rect back = bar.take_left(std::max(back_w, h * 2), theme.gap);
  draw_button(canvas, theme, back, "\xE2\x80\xB9 Tilbage", is_pressed(state, Target::kBack));
  layout.regions.push_back({box_of(back), Target::kBack, ""});
  return bar;
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

ViewLayout cycle_regions(const Theme& theme, bool results_slide) {
  ViewLayout layout;
  const int corner = touch_target_px(theme) * 2;
  if (results_slide) layout.regions.push_back({{0, 0, static_cast<float>(theme.width), static_cast<float>(theme.height)}, Target::kOpenBrowser, ""});
  layout.regions.push_back({{0, 0, static_cast<float>(corner), static_cast<float>(corner)}, Target::kStaffCorner, ""});
  return layout;
}

ViewLayout draw_browser(render::Canvas& canvas, const Theme& theme, const SlideContext& ctx, const ViewState& state) {
  ViewLayout layout;
  Rect content = draw_frame(canvas, theme, ctx);
  Rect bar = header(canvas, theme, content, layout, state);

  // Filter: this area or all areas; then page buttons on the right.
  const int target = touch_target_px(theme);
  const std::string here = ctx.area ? ctx.area->name : "Dette område";
  Rect right = bar;
  const int page_w = target * 2;
  const Rect down_btn{right.right() - page_w, right.y, page_w, right.h};
  const Rect up_btn{down_btn.x - theme.gap - page_w, right.y, page_w, right.h};
  right.w = std::max(0, up_btn.x - theme.gap - right.x);
  const int filter_w = std::min(right.w / 2 - theme.gap / 2, canvas.text_width("Alle områder", theme.body_px, render::Weight::kBold) + theme.gap * 3);
  const Rect area_btn = right.take_left(std::max(filter_w, canvas.text_width(here, theme.body_px, render::Weight::kBold) + theme.gap * 2), theme.gap);
  const Rect all_btn = right.take_left(filter_w, theme.gap);
  draw_button(canvas, theme, area_btn, here, is_pressed(state, Target::kFilterArea), state.filter == player::Filter::kThisArea);
  draw_button(canvas, theme, all_btn, "Alle områder", is_pressed(state, Target::kFilterAll), state.filter == player::Filter::kAllAreas);
  draw_button(canvas, theme, up_btn, "Op", is_pressed(state, Target::kPageUp));
  draw_button(canvas, theme, down_btn, "Ned", is_pressed(state, Target::kPageDown));
  layout.regions.push_back({box_of(area_btn), Target::kFilterArea, ""});
  layout.regions.push_back({box_of(all_btn), Target::kFilterAll, ""});
  layout.regions.push_back({box_of(up_btn), Target::kPageUp, ""});
  layout.regions.push_back({box_of(down_btn), Target::kPageDown, ""});

  const auto results = filtered_results(ctx.content, ctx.area, state.filter);
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
    text_block(canvas, content, "Der er ingen resultater for dette område endnu. Vælg \"Alle områder\".", theme.body(), 3, 0);
    return layout;
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
    text_line(canvas, words, byline(r), meta, 0);
    text_line(canvas, words, r.title, title, 0);
    const Rect visible{item.x, std::max(item.y, content.y), item.w, std::min(item.bottom(), content.bottom()) - std::max(item.y, content.y)};
    if (!visible.empty()) layout.regions.push_back({box_of(visible), Target::kResult, r.id});
  }
  canvas.set_clip(std::nullopt);
  return layout;
}

namespace {

int shorter_side(const Theme& theme) { return std::min(theme.width, theme.height); }

constexpr const char* kCodeCaption = "Scan: hele rapporten";

int caption_height(render::Canvas& canvas, const Theme& theme) { return canvas.line_height(theme.muted_body()); }
int caption_width(render::Canvas& canvas, const Theme& theme) {
  return canvas.text_width(kCodeCaption, theme.body_px, render::Weight::kRegular);
}

// A QR code's side: every module at least 2 pixels and the code a sixth of the shorter side at the
// least (about 8 cm on a 42" screen); up to 3/10 of it where there is room.
int code_min_side(const Theme& theme, const std::string& link) {
  return std::max(shorter_side(theme) / 6, render::Canvas::qr_modules(link) * 2);
}
int code_preferred_side(const Theme& theme) { return shorter_side(theme) * 3 / 10; }

// The part in `box`, or the part as it is drawn at its place below the text.
void draw_part(render::Canvas& canvas, const Theme& theme, const model::Result& r, DetailPart part, Rect box) {
  switch (part) {
    case DetailPart::kPicture:
      canvas.image(r.image, box);
      break;
    case DetailPart::kChart:
      canvas.fill(box, theme.colors.panel);
      draw_chart(canvas, theme, box.inset(theme.gap), *r.series);
      break;
    case DetailPart::kCode: {
      const int caption_h = caption_height(canvas, theme);
      Rect code = box;
      canvas.qr_code(r.link, code.take_top(std::max(0, box.h - caption_h)));
      render::TextStyle caption = theme.muted_body();
      caption.align = render::Align::kCenter;
      caption.max_lines = 1;
      canvas.text(kCodeCaption, code, caption);
      break;
    }
  }
}

// Lays `parts` one after another along `side` (downwards when `down`, else across), each at least
// its smallest readable size, packed from the start; the QR code keeps its own size and the
// picture and the chart share the rest (the chart the larger share). Empty when they do not fit.
std::vector<PlacedPart> stack_parts(render::Canvas& canvas, const Theme& theme, const model::Result& r, Rect side,
                                    bool down, const std::vector<DetailPart>& parts) {
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
    code_along = down ? code + caption_h : std::min(rest, std::max(code, caption_width(canvas, theme)));
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
std::vector<PlacedPart> place_beside(render::Canvas& canvas, const Theme& theme, const model::Result& r, Rect side,
                                     std::vector<DetailPart> parts) {
  for (DetailPart leaving : {DetailPart::kPicture, DetailPart::kCode, DetailPart::kChart}) {
    if (parts.empty()) break;
    if (auto placed = stack_parts(canvas, theme, r, side, !theme.portrait, parts); !placed.empty()) return placed;
    // In a column the picture and the QR code may share a row above the chart.
    if (parts.size() == 3 && !theme.portrait) {
      Rect rest = side;
      const int chart_h = detail_part_min(canvas, theme, r, DetailPart::kChart).h;
      const int row_h = std::max(detail_part_min(canvas, theme, r, DetailPart::kCode).h,
                                 std::min(rest.h - chart_h - theme.gap, code_preferred_side(theme) + caption_height(canvas, theme)));
      const Rect row = rest.take_top(row_h, theme.gap);
      auto placed = stack_parts(canvas, theme, r, row, false, {DetailPart::kPicture, DetailPart::kCode});
      const auto chart = stack_parts(canvas, theme, r, rest, true, {DetailPart::kChart});
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
  Rect content = draw_frame(canvas, theme, ctx);
  Rect bar = header(canvas, theme, content, layout, state);
  const model::Result* result = nullptr;
  for (const auto& r : ctx.content.results) {
    if (r.id == state.selected) result = &r;
  }
  if (!result) {
    text_block(canvas, bar, "Resultatet findes ikke længere.", theme.body(), 1, 0);
    return layout;
  }
  const model::Result& r = *result;
  text_line(canvas, bar, byline(r), theme.muted_body(), 0);

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
    beside = place_beside(canvas, theme, r, side, parts);
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
    if (box.bottom() > words.y && box.y < words.bottom()) draw_part(canvas, theme, r, below[i], box);
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
    draw_part(canvas, theme, r, p.part, p.box);
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

}  // namespace kiosk::slides
