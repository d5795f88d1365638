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

  Rect side{};
  if (!r.image.empty() || r.series || !r.link.empty()) {
    side = theme.portrait ? content.take_bottom(content.h * 2 / 5, theme.gap * 2) : Rect{};
    if (!theme.portrait) {
      side = content;
      content = side.take_left(side.w * 3 / 5, theme.margin);
    }
  }
  // The text scrolls under a fixed title.
  text_block(canvas, content, r.title, theme.title(), 3, theme.gap);
  std::string text = r.summary;
  if (!r.body.empty()) text += "\n\n" + r.body;
  const Rect full = canvas.measure(text, {content.x, 0, content.w, 1 << 20}, theme.body());
  layout.max_scroll = std::max(0.0f, static_cast<float>(full.h - content.h));
  layout.page = static_cast<float>(content.h * 4 / 5);
  const int offset = static_cast<int>(std::lround(std::clamp(state.scroll, 0.0f, layout.max_scroll)));
  canvas.set_clip(content);
  canvas.text(text, {content.x, content.y - offset, content.w, full.h + 1}, theme.body());
  canvas.set_clip(std::nullopt);

  if (!side.empty()) {
    // The QR code to the full report keeps a fixed size at the bottom; picture and chart share the rest.
    if (!r.link.empty()) {
      const int qr = std::min(side.w, side.h / 2);
      Rect code = side.take_bottom(qr + canvas.line_height(theme.muted_body()), theme.gap);
      render::TextStyle caption = theme.muted_body();
      caption.align = render::Align::kCenter;
      caption.max_lines = 1;
      canvas.qr_code(r.link, code.take_top(qr));
      canvas.text("Scan: hele rapporten", code, caption);
    }
    const bool picture = !r.image.empty(), chart = r.series.has_value();
    if (picture) canvas.image(r.image, side.take_top(chart ? side.h / 3 : side.h, theme.gap));
    if (chart && side.h > 0) {
      canvas.fill(side, theme.colors.panel);
      draw_chart(canvas, theme, side.inset(theme.gap), *r.series);
    }
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
