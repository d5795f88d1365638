#include "render/canvas.h"

#include <algorithm>
#include <cmath>

#include <qrencode.h>

#include <memory>

#include "render/image_cache.h"
#include "render/sdl_handles.h"
#include "text_line.h"

namespace kiosk::render {

struct Canvas::CachedLine {
  Texture texture;
  int w = 0;
  int h = 0;
  int rise = 0;
};

namespace {

constexpr float kPi = 3.14159265358979f;
// The white border the QR standard asks for around the code, in modules.
constexpr int kQrQuietModules = 4;

std::string cache_key(const std::string& line, const TextStyle& s, const LineSetting& setting) {
  std::string key;
  key.reserve(line.size() + 16);
  key += std::to_string(s.px);
  key += s.weight == Weight::kBold ? 'b' : 'r';
  key += setting.base == Direction::kRightToLeft ? '<' : '>';
  key += setting.arabic_face == Face::kUrdu ? 'u' : 'a';
  key += static_cast<char>(s.color.r);
  key += static_cast<char>(s.color.g);
  key += static_cast<char>(s.color.b);
  key += static_cast<char>(s.color.a);
  key += line;
  return key;
}

std::vector<std::string_view> paragraphs_of(std::string_view text) {
  std::vector<std::string_view> parts;
  for (std::size_t start = 0;;) {
    const auto end = text.find('\n', start);
    parts.push_back(text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
    if (end == std::string_view::npos) return parts;
    start = end + 1;
  }
}

Rect intersection(const Rect& a, const Rect& b) {
  const int x0 = std::max(a.x, b.x), y0 = std::max(a.y, b.y);
  const int x1 = std::min(a.right(), b.right()), y1 = std::min(a.bottom(), b.bottom());
  return {x0, y0, x1 - x0, y1 - y0};
}

}  // namespace

Canvas::Canvas(SDL_Renderer* renderer, FontSet& fonts, int width, int height, std::size_t text_cache_bytes)
    : renderer_(renderer),
      fonts_(fonts),
      width_(width),
      height_(height),
      lines_(text_cache_bytes ? text_cache_bytes : static_cast<std::size_t>(width) * static_cast<std::size_t>(height)),
      widths_(kWidthCacheBytes) {
  SDL_SetRenderDrawBlendMode(renderer_, SDL_BLENDMODE_BLEND);
}

Canvas::~Canvas() = default;

void Canvas::clear(Color c) {
  SDL_SetRenderDrawColor(renderer_, c.r, c.g, c.b, c.a);
  SDL_RenderClear(renderer_);
}

Rect Canvas::on_screen(const Rect& r) const {
  if (!mirrored()) return r;
  return {width_ - r.x - r.w, r.y, r.w, r.h};
}

Point Canvas::on_screen(Point p) const {
  if (!mirrored()) return p;
  return {width_ - p.x, p.y};
}

void Canvas::fill(const Rect& r, Color c) { fill_on_screen(on_screen(r), c); }

void Canvas::fill_on_screen(const Rect& r, Color c) {
  if (r.empty()) return;
  SDL_SetRenderDrawColor(renderer_, c.r, c.g, c.b, c.a);
  const SDL_Rect sr{r.x, r.y, r.w, r.h};
  SDL_RenderFillRect(renderer_, &sr);
}

void Canvas::outline(const Rect& logical, int t, Color c) {
  const Rect r = on_screen(logical);
  fill_on_screen({r.x, r.y, r.w, t}, c);
  fill_on_screen({r.x, r.bottom() - t, r.w, t}, c);
  fill_on_screen({r.x, r.y + t, t, r.h - 2 * t}, c);
  fill_on_screen({r.right() - t, r.y + t, t, r.h - 2 * t}, c);
}

void Canvas::geometry(const std::vector<float>& xy, Color c) {
  std::vector<SDL_Vertex> v(xy.size() / 2);
  for (std::size_t i = 0; i < v.size(); ++i) {
    v[i].position = {xy[2 * i], xy[2 * i + 1]};
    v[i].color = {c.r, c.g, c.b, c.a};
  }
  SDL_RenderGeometry(renderer_, nullptr, v.data(), static_cast<int>(v.size()), nullptr, 0);
}

void Canvas::fill_polygons(const std::vector<std::vector<PointF>>& rings, Color c) {
  if (mirrored()) {
    std::vector<std::vector<PointF>> mirrored_rings = rings;
    for (auto& ring : mirrored_rings) {
      for (PointF& p : ring) p.x = static_cast<float>(width_) - p.x;
    }
    KeepLeftToRight keep(*this);
    fill_polygons(mirrored_rings, c);
    return;
  }
  float top = static_cast<float>(height_), bottom = 0;
  for (const auto& ring : rings) {
    for (const PointF& p : ring) {
      top = std::min(top, p.y);
      bottom = std::max(bottom, p.y);
    }
  }
  const int y0 = std::max(0, static_cast<int>(std::floor(top))), y1 = std::min(height_, static_cast<int>(std::ceil(bottom)));
  std::vector<SDL_Rect> spans;
  std::vector<float> crossings;
  for (int y = y0; y < y1; ++y) {
    const float cy = static_cast<float>(y) + 0.5f;
    crossings.clear();
    for (const auto& ring : rings) {
      for (std::size_t i = 0, n = ring.size(); i < n; ++i) {
        const PointF& a = ring[i];
        const PointF& b = ring[(i + 1) % n];
        if ((a.y <= cy) == (b.y <= cy)) continue;  // the edge does not cross this row's centre line
        crossings.push_back(a.x + (cy - a.y) / (b.y - a.y) * (b.x - a.x));
      }
    }
    std::sort(crossings.begin(), crossings.end());
    for (std::size_t i = 0; i + 1 < crossings.size(); i += 2) {
      const int x0 = std::max(0, static_cast<int>(std::lround(crossings[i])));
      const int x1 = std::min(width_, static_cast<int>(std::lround(crossings[i + 1])));
      if (x1 > x0) spans.push_back({x0, y, x1 - x0, 1});
    }
  }
  SDL_SetRenderDrawColor(renderer_, c.r, c.g, c.b, c.a);
  SDL_RenderFillRects(renderer_, spans.data(), static_cast<int>(spans.size()));
}

void Canvas::fill_circle(Point logical_center, int radius, Color c) {
  if (radius <= 0) return;
  const Point center = on_screen(logical_center);
  const int segments = std::clamp(radius, 12, 96);
  std::vector<float> xy;
  xy.reserve(static_cast<std::size_t>(segments) * 6);
  const auto cx = static_cast<float>(center.x), cy = static_cast<float>(center.y), r = static_cast<float>(radius);
  for (int i = 0; i < segments; ++i) {
    const float a0 = 2 * kPi * static_cast<float>(i) / static_cast<float>(segments);
    const float a1 = 2 * kPi * static_cast<float>(i + 1) / static_cast<float>(segments);
    xy.insert(xy.end(), {cx, cy, cx + r * std::cos(a0), cy + r * std::sin(a0), cx + r * std::cos(a1), cy + r * std::sin(a1)});
  }
  geometry(xy, c);
}

void Canvas::ring(Point logical_center, int radius, int thickness, Color c) {
  if (radius <= 0 || thickness <= 0) return;
  const Point center = on_screen(logical_center);
  const int segments = std::clamp(radius, 12, 96);
  const auto cx = static_cast<float>(center.x), cy = static_cast<float>(center.y);
  const auto ro = static_cast<float>(radius), ri = static_cast<float>(std::max(0, radius - thickness));
  std::vector<float> xy;
  xy.reserve(static_cast<std::size_t>(segments) * 12);
  for (int i = 0; i < segments; ++i) {
    const float a0 = 2 * kPi * static_cast<float>(i) / static_cast<float>(segments);
    const float a1 = 2 * kPi * static_cast<float>(i + 1) / static_cast<float>(segments);
    const float o0x = cx + ro * std::cos(a0), o0y = cy + ro * std::sin(a0);
    const float o1x = cx + ro * std::cos(a1), o1y = cy + ro * std::sin(a1);
    const float i0x = cx + ri * std::cos(a0), i0y = cy + ri * std::sin(a0);
    const float i1x = cx + ri * std::cos(a1), i1y = cy + ri * std::sin(a1);
    xy.insert(xy.end(), {o0x, o0y, o1x, o1y, i0x, i0y, i0x, i0y, o1x, o1y, i1x, i1y});
  }
  geometry(xy, c);
}

void Canvas::line(Point logical_a, Point logical_b, int thickness, Color c) {
  const Point a = on_screen(logical_a), b = on_screen(logical_b);
  const float dx = static_cast<float>(b.x - a.x), dy = static_cast<float>(b.y - a.y);
  const float len = std::sqrt(dx * dx + dy * dy);
  if (len <= 0) return;
  const float nx = -dy / len * static_cast<float>(thickness) / 2, ny = dx / len * static_cast<float>(thickness) / 2;
  const auto ax = static_cast<float>(a.x), ay = static_cast<float>(a.y), bx = static_cast<float>(b.x), by = static_cast<float>(b.y);
  geometry({ax + nx, ay + ny, bx + nx, by + ny, ax - nx, ay - ny, ax - nx, ay - ny, bx + nx, by + ny, bx - nx, by - ny}, c);
}

Direction Canvas::base_direction(std::string_view paragraph) const {
  if (!mirrored() && !needs_bidi(paragraph)) return Direction::kLeftToRight;
  return paragraph_direction(paragraph, fallback_direction());
}

Face Canvas::arabic_face() const {
  const bool urdu = language_ == "ur" || language_.starts_with("ur-") || language_.starts_with("ur_");
  return urdu ? Face::kUrdu : Face::kArabic;
}

int Canvas::text_width(std::string_view text, int px, Weight weight) {
  if (text.empty()) return 0;
  const LineSetting setting{px, weight, base_direction(text), arabic_face()};
  // Laying a paragraph out measures every line it tries, and a slide is laid out again at each
  // redraw: the widths are kept (bidi and shaping cost more than the lookup).
  const std::string key = cache_key(std::string(text), TextStyle{px, weight, {}}, setting);
  if (const int* known = widths_.find(key)) return *known;
  const int width = shape_line(fonts_, text, setting).width;
  widths_.insert(key, width, key.size() + sizeof(int) + kWidthEntryOverhead);
  return width;
}

int Canvas::line_height(const TextStyle& style) {
  TTF_Font* font = fonts_.get(style.px, style.weight);
  const int h = font ? TTF_FontHeight(font) : style.px;
  return static_cast<int>(std::lround(static_cast<float>(h) * style.line_spacing));
}

Canvas::Laid Canvas::lay_out(std::string_view text, const Rect& box, const TextStyle& style) {
  const int advance = line_height(style);
  TTF_Font* font = fonts_.get(style.px, style.weight);
  const int glyph_height = font ? TTF_FontHeight(font) : style.px;
  // Lines that fit the box: the last one needs only its glyph height, not a full advance.
  int fit = box.h >= glyph_height ? 1 + (box.h - glyph_height) / std::max(1, advance) : 0;
  if (style.max_lines > 0) fit = std::min(fit, style.max_lines);
  Laid laid{{}, advance, {box.x, box.y, 0, 0}};
  if (fit == 0) {
    laid.layout.truncated = !text.empty();
    return laid;
  }
  laid.layout = layout_text(text, box.w, fit, [&](std::string_view s) { return text_width(s, style.px, style.weight); },
                            {.language = language_});
  const int n = static_cast<int>(laid.layout.lines.size());
  const int height = n > 0 ? (n - 1) * advance + glyph_height : 0;
  int x = box.x;
  if (style.align == Align::kCenter) x = box.x + (box.w - laid.layout.width) / 2;
  if (style.align == Align::kRight) x = box.right() - laid.layout.width;
  laid.used = {x, box.y, laid.layout.width, height};
  return laid;
}

Rect Canvas::measure(std::string_view text, const Rect& box, const TextStyle& style) {
  return lay_out(text, box, style).used;
}

// The left edge of a line `w` wide in `box`, before mirroring.
static int line_x(const Rect& box, int w, Align align) {
  if (align == Align::kCenter) return box.x + (box.w - w) / 2;
  if (align == Align::kRight) return box.right() - w;
  return box.x;
}

Rect Canvas::text(std::string_view text, const Rect& box, const TextStyle& style) {
  Laid laid = lay_out(text, box, style);
  // A paragraph's direction is found on the whole paragraph, before it was broken into lines.
  const auto paragraphs = paragraphs_of(text);
  std::vector<Direction> bases;
  for (int p : laid.layout.paragraph_of_line) {
    bases.push_back(bases.empty() || p != laid.layout.paragraph_of_line[bases.size() - 1]
                        ? base_direction(paragraphs[static_cast<std::size_t>(p)])
                        : bases.back());
  }
  int y = box.y;
  for (std::size_t i = 0; i < laid.layout.lines.size(); ++i) {
    const auto& line = laid.layout.lines[i];
    const LineTexture tex = line.empty() ? LineTexture{} : line_texture(line, style, bases[i]);
    if (tex.texture) {
      const Rect dst = on_screen({line_x(box, tex.w, style.align), y - tex.rise, tex.w, tex.h});
      const SDL_Rect sdl_dst{dst.x, dst.y, dst.w, dst.h};
      SDL_RenderCopy(renderer_, tex.texture, nullptr, &sdl_dst);
    }
    y += laid.advance;
  }
  if (recorder_ && !laid.layout.lines.empty()) record(laid, bases, box, style);
  return laid.used;
}

void Canvas::record(const Laid& laid, const std::vector<Direction>& bases, const Rect& box, const TextStyle& style) {
  Rect seen = on_screen(laid.used);
  if (clip_) seen = intersection(seen, *clip_);
  if (seen.empty()) return;
  DrawnText drawn{{}, seen, style.px, laid.layout.truncated, {}};
  for (std::size_t i = 0; i < laid.layout.lines.size(); ++i) {
    const auto& line = laid.layout.lines[i];
    drawn.text += (i == 0 ? "" : "\n") + line;
    const ShapedLine shaped = shape_line(fonts_, line, {style.px, style.weight, bases[i], arabic_face()});
    const int left = on_screen(Rect{line_x(box, shaped.width, style.align), 0, shaped.width, 1}).x;
    for (const auto& run : shaped.runs) {
      drawn.runs.push_back({static_cast<int>(i), run.run.text, left + run.x, run.w, run.run.direction, run.face});
    }
  }
  recorder_->push_back(std::move(drawn));
}

Rect Canvas::qr_code(std::string_view text, const Rect& box) {
  struct Free {
    void operator()(QRcode* q) const { QRcode_free(q); }
  };
  const std::string s(text);
  std::unique_ptr<QRcode, Free> qr(QRcode_encodeString(s.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1));
  if (!qr) return {};
  const int modules = qr->width + 2 * kQrQuietModules;
  const int unit = std::min(box.w, box.h) / modules;
  if (unit < 2) return {};
  const int side = unit * modules;
  const Rect square{box.x + (box.w - side) / 2, box.y + (box.h - side) / 2, side, side};
  // The square moves with the mirroring; the code inside it is never flipped, or it would not scan.
  const Rect screen = on_screen(square);
  fill_on_screen(screen, Color{255, 255, 255, 255});
  for (int y = 0; y < qr->width; ++y) {
    for (int x = 0; x < qr->width; ++x) {
      if (qr->data[y * qr->width + x] & 1) {
        fill_on_screen({screen.x + (x + kQrQuietModules) * unit, screen.y + (y + kQrQuietModules) * unit, unit, unit},
                       Color{0, 0, 0, 255});
      }
    }
  }
  return square;
}

int Canvas::qr_modules(std::string_view text) {
  const std::string s(text);
  QRcode* qr = QRcode_encodeString(s.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1);
  if (!qr) return 0;
  const int modules = qr->width + 2 * kQrQuietModules;
  QRcode_free(qr);
  return modules;
}

void Canvas::set_clip(const std::optional<Rect>& clip) {
  if (!clip) {
    clip_.reset();
    SDL_RenderSetClipRect(renderer_, nullptr);
    return;
  }
  clip_ = on_screen(*clip);
  const SDL_Rect r{clip_->x, clip_->y, clip_->w, clip_->h};
  SDL_RenderSetClipRect(renderer_, &r);
}

Rect Canvas::image(const std::string& sha256, const Rect& box) {
  if (box.empty()) return {};
  ImageSize size;
  SDL_Texture* tex = images_ ? images_->get(sha256, box.w, box.h, &size) : nullptr;
  if (!tex) {
    // Placeholder: a quiet frame of the box, so the layout stays as designed.
    outline(box, std::max(2, box.h / 60), Color{0x3A, 0x52, 0x72, 255});
    const int d = std::min(box.w, box.h) / 5;
    line({box.x + box.w / 2 - d, box.y + box.h / 2 - d}, {box.x + box.w / 2 + d, box.y + box.h / 2 + d}, std::max(2, d / 8),
         Color{0x3A, 0x52, 0x72, 255});
    line({box.x + box.w / 2 + d, box.y + box.h / 2 - d}, {box.x + box.w / 2 - d, box.y + box.h / 2 + d}, std::max(2, d / 8),
         Color{0x3A, 0x52, 0x72, 255});
    return box;
  }
  const Rect drawn{box.x + (box.w - size.w) / 2, box.y + (box.h - size.h) / 2, size.w, size.h};
  const Rect screen = on_screen(drawn);  // the picture moves with the mirroring, but is not flipped
  const SDL_Rect dst{screen.x, screen.y, screen.w, screen.h};
  SDL_RenderCopy(renderer_, tex, nullptr, &dst);
  return drawn;
}

Canvas::LineTexture Canvas::line_texture(const std::string& line, const TextStyle& style, Direction base) {
  const LineSetting setting{style.px, style.weight, base, arabic_face()};
  const std::string key = cache_key(line, style, setting);
  if (const auto* cached = lines_.find(key)) return {(*cached)->texture.get(), (*cached)->w, (*cached)->h, (*cached)->rise};
  int rise = 0;
  Surface surface = render_line(fonts_, shape_line(fonts_, line, setting), setting, style.color, &rise);
  if (!surface) return {};
  Texture texture(SDL_CreateTextureFromSurface(renderer_, surface.get()));
  if (!texture) return {};
  const std::size_t bytes = static_cast<std::size_t>(surface->w) * static_cast<std::size_t>(surface->h) * 4;
  const auto& entry =
      lines_.insert(key, std::make_unique<CachedLine>(CachedLine{std::move(texture), surface->w, surface->h, rise}), bytes);
  return {entry->texture.get(), entry->w, entry->h, entry->rise};
}

}  // namespace kiosk::render
