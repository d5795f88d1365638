// Colours and sizes of the display, derived from the screen so the same slide fits 800x480 and
// 3840x2160 alike. Sizes are fractions of the screen's shorter side (the height in landscape):
// body text 1/28, headlines 1/12. A touch session may ask for larger text (EN 301 549 5.1.4): every
// text size, the footer and so the touch targets grow by the text scale; margins and gaps stay.
#pragma once

#include "render/canvas.h"
#include "render/geometry.h"

#include <vector>

namespace kiosk::slides {

struct Palette {
  render::Color background{0x0B, 0x1A, 0x2E};
  render::Color panel{0x13, 0x27, 0x42};
  render::Color text{0xFF, 0xFF, 0xFF};
  render::Color muted{0xC8, 0xD4, 0xE3};
  render::Color accent{0xFF, 0xD1, 0x66};     // the next milestone, today's marker, highlights
  render::Color physical{0x7F, 0xD1, 0xFF};   // physical track
  render::Color social{0xFF, 0xB3, 0xA1};     // social track
  render::Color both{0xC9, 0xB8, 0xFF};       // both tracks
  render::Color rule{0x3A, 0x52, 0x72};       // lines and hollow markers (not text)
  render::Color warning{0xFF, 0xD1, 0x66};    // background of the stale marker
  render::Color on_warning{0x0B, 0x1A, 0x2E}; // text on it
  render::Color udsat{0xFF, 0xE0, 0x8A};
  render::Color parallelsamfund{0xFF, 0xB8, 0x6B};
  render::Color omdannelse{0xFF, 0x9D, 0x85};
  render::Color forebyggelse{0x9C, 0xD8, 0xFF};
  render::Color none{0xA8, 0xE6, 0xB4};
  render::Color not_listed{0xB4, 0xC0, 0xCE};  // off the ghetto/parallelsamfund list: a quiet grey
  render::Color land{0x21, 0x3E, 0x66};  // the map's land; labels on it are in text, muted or accent
  render::Color notice{0xF2, 0xF5, 0xF9};     // the info notices' band: light on the dark slides
  render::Color on_notice{0x0B, 0x1A, 0x2E};  // its text
  render::Color urgent{0x7A, 0x0E, 0x12};     // the urgent screen's background: a still, dark red
  render::Color on_urgent{0xFF, 0xFF, 0xFF};  // its text
};

// A foreground/background pair that text is drawn in; all of them must reach 7:1 (WCAG AAA).
struct TextPair {
  const char* name;
  render::Color fg;
  render::Color bg;
};

// Every pair of colours the slides draw text in.
std::vector<TextPair> text_pairs(const Palette& p);

// WCAG 2 contrast ratio of two opaque colours, 1..21.
double contrast_ratio(render::Color a, render::Color b);

struct Theme {
  Palette colors;
  int width = 0;
  int height = 0;
  int margin = 0;     // outer margin
  int gap = 0;        // between blocks
  int body_px = 0;    // body text: 1/28 of the shorter side
  int label_px = 0;   // small headings, same minimum as body
  int title_px = 0;   // slide titles
  int headline_px = 0;  // the big word of a slide: 1/12 of the shorter side
  int figure_px = 0;    // big numbers
  int footer_h = 0;
  bool portrait = false;
  double text_scale = 1.0;

  // Larger text: one and a half times the size.
  static constexpr double kLargerText = 1.5;

  static Theme for_screen(int width, int height, double text_scale = 1.0);

  render::TextStyle body() const { return {body_px, render::Weight::kRegular, colors.text}; }
  render::TextStyle muted_body() const { return {body_px, render::Weight::kRegular, colors.muted}; }
  render::TextStyle label() const { return {label_px, render::Weight::kBold, colors.muted}; }
  render::TextStyle title() const { return {title_px, render::Weight::kBold, colors.text}; }
  render::TextStyle headline() const { return {headline_px, render::Weight::kBold, colors.text}; }
};

}  // namespace kiosk::slides
