#include "slides/theme.h"

#include <algorithm>
#include <cmath>
#include <cstdint>

namespace kiosk::slides {

Theme Theme::for_screen(int width, int height, double text_scale) {
  Theme t;
  t.width = width;
  t.height = height;
  t.portrait = height > width;
  t.text_scale = text_scale;
  // Text scales with the shorter side: a portrait screen reads like a landscape one of its width.
  const double h = std::min(width, height);
  const auto px = [](double v) { return static_cast<int>(std::ceil(v)); };
  t.body_px = px(h / 28 * text_scale);
  t.label_px = t.body_px;
  t.title_px = px(h / 18 * text_scale);
  t.headline_px = px(h / 12 * text_scale);
  t.figure_px = px(h / 9 * text_scale);
  t.margin = px(std::min(width, height) / 24.0);
  t.gap = px(h / 40);
  t.footer_h = px(h / 13 * text_scale);
  return t;
}

}  // namespace kiosk::slides

namespace kiosk::slides {

namespace {

double channel(std::uint8_t c) {
  const double v = c / 255.0;
  return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4);
}

double luminance(render::Color c) { return 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b); }

}  // namespace

double contrast_ratio(render::Color a, render::Color b) {
  const double la = luminance(a), lb = luminance(b);
  return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

std::vector<TextPair> text_pairs(const Palette& p) {
  std::vector<TextPair> pairs;
  const std::pair<const char*, render::Color> backgrounds[] = {{"background", p.background}, {"panel", p.panel}};
  const std::pair<const char*, render::Color> foregrounds[] = {
      {"text", p.text},         {"muted", p.muted},       {"accent", p.accent},
      {"udsat", p.udsat},       {"parallelsamfund", p.parallelsamfund},
      {"omdannelse", p.omdannelse}, {"forebyggelse", p.forebyggelse}, {"none", p.none},
      {"not_listed", p.not_listed}};
  for (const auto& [bg_name, bg] : backgrounds) {
    for (const auto& [fg_name, fg] : foregrounds) pairs.push_back({fg_name, fg, bg});
  }
  pairs.push_back({"on_warning", p.on_warning, p.warning});
  // The notices: the band's words, the urgent screen's words and its "Vigtig besked" marker.
  pairs.push_back({"on_notice", p.on_notice, p.notice});
  pairs.push_back({"on_urgent", p.on_urgent, p.urgent});
  // The map's labels may lie on land.
  for (const auto& [fg_name, fg] : {std::pair{"text", p.text}, std::pair{"muted", p.muted}, std::pair{"accent", p.accent}}) {
    pairs.push_back({fg_name, fg, p.land});
  }
  // A group's count is written in the background colour on the group's marker.
  for (const auto& [fg_name, fg] : {std::pair{"omdannelse", p.omdannelse}, std::pair{"parallelsamfund", p.parallelsamfund},
                                    std::pair{"udsat", p.udsat}, std::pair{"forebyggelse", p.forebyggelse},
                                    std::pair{"muted", p.muted}}) {
    pairs.push_back({"background", p.background, fg});
    (void)fg_name;
  }
  return pairs;
}

}  // namespace kiosk::slides
