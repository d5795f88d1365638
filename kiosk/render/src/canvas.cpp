#include "render/canvas.h"

#include <algorithm>
#include <cmath>

#include <qrencode.h>

#include <memory>

#include "render/image_cache.h"
#include "render/sdl_handles.h"

namespace kiosk::render {

struct Canvas::CachedLine {
  Texture texture;
  int w = 0;
  int h = 0;
};

namespace {

constexpr float kPi = 3.14159265358979f;
// The white border the QR standard asks for around the code, in modules.
constexpr int kQrQuietModules = 4;

std::string cache_key(const std::string& line, const TextStyle& s) {
  std::string key;
  key.reserve(line.size() + 16);
  key += std::to_string(s.px);
  key += s.weight == Weight::kBold ? 'b' : 'r';
  key += static_cast<char>(s.color.r);
  key += static_cast<char>(s.color.g);
  key += static_cast<char>(s.color.b);
  key += static_cast<char>(s.color.a);
  key += line;
  return key;
}

}  // namespace

Canvas::Canvas(SDL_Renderer* renderer, FontSet& fonts, int width, int height, std::size_t text_cache_bytes)
    : renderer_(renderer),
      fonts_(fonts),
      width_(width),
      height_(height),
      lines_(text_cache_bytes ? text_cache_bytes : static_cast<std::size_t>(width) * static_cast<std::size_t>(height)) {
  SDL_SetRenderDrawBlendMode(renderer_, SDL_BLENDMODE_BLEND);
}

Canvas::~Canvas() = default;

void Canvas::clear(Color c) {
  SDL_SetRenderDrawColor(renderer_, c.r, c.g, c.b, c.a);
  SDL_RenderClear(renderer_);
}

void Canvas::fill(const Rect& r, Color c) {
  if (r.empty()) return;
  SDL_SetRenderDrawColor(renderer_, c.r, c.g, c.b, c.a);
  const SDL_Rect sr{r.x, r.y, r.w, r.h};
  SDL_RenderFillRect(renderer_, &sr);
}

void Canvas::outline(const Rect& r, int t, Color c) {
  fill({r.x, r.y, r.w, t}, c);
  fill({r.x, r.bottom() - t, r.w, t}, c);
  fill({r.x, r.y + t, t, r.h - 2 * t}, c);
  fill({r.right() - t, r.y + t, t, r.h - 2 * t}, c);
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

void Canvas::fill_circle(Point center, int radius, Color c) {
  if (radius <= 0) return;
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

void Canvas::ring(Point center, int radius, int thickness, Color c) {
  if (radius <= 0 || thickness <= 0) return;
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

void Canvas::line(Point a, Point b, int thickness, Color c) {
  const float dx = static_cast<float>(b.x - a.x), dy = static_cast<float>(b.y - a.y);
  const float len = std::sqrt(dx * dx + dy * dy);
  if (len <= 0) return;
  const float nx = -dy / len * static_cast<float>(thickness) / 2, ny = dx / len * static_cast<float>(thickness) / 2;
  const auto ax = static_cast<float>(a.x), ay = static_cast<float>(a.y), bx = static_cast<float>(b.x), by = static_cast<float>(b.y);
  geometry({ax + nx, ay + ny, bx + nx, by + ny, ax - nx, ay - ny, ax - nx, ay - ny, bx + nx, by + ny, bx - nx, by - ny}, c);
}

int Canvas::text_width(std::string_view text, int px, Weight weight) {
  TTF_Font* font = fonts_.get(px, weight);
  int w = 0, h = 0;
  if (!font || text.empty()) return 0;
  const std::string s(text);
  TTF_SizeUTF8(font, s.c_str(), &w, &h);
  return w;
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
  laid.layout = layout_text(text, box.w, fit, [&](std::string_view s) { return text_width(s, style.px, style.weight); });
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

Rect Canvas::text(std::string_view text, const Rect& box, const TextStyle& style) {
  Laid laid = lay_out(text, box, style);
  int y = box.y;
  for (const auto& line : laid.layout.lines) {
    int w = 0, h = 0;
    if (SDL_Texture* tex = line.empty() ? nullptr : line_texture(line, style, &w, &h)) {
      int x = box.x;
      if (style.align == Align::kCenter) x = box.x + (box.w - w) / 2;
      if (style.align == Align::kRight) x = box.right() - w;
      const SDL_Rect dst{x, y, w, h};
      SDL_RenderCopy(renderer_, tex, nullptr, &dst);
    }
    y += laid.advance;
  }
  if (recorder_ && !laid.layout.lines.empty()) {
    Rect seen = laid.used;
    if (clip_) {
      const int x0 = std::max(seen.x, clip_->x), y0 = std::max(seen.y, clip_->y);
      const int x1 = std::min(seen.right(), clip_->right()), y1 = std::min(seen.bottom(), clip_->bottom());
      seen = {x0, y0, x1 - x0, y1 - y0};
    }
    if (!seen.empty()) {
      std::string joined;
      for (const auto& line : laid.layout.lines) joined += (joined.empty() ? "" : "\n") + line;
      recorder_->push_back({std::move(joined), seen, style.px, laid.layout.truncated});
    }
  }
  return laid.used;
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
  fill(square, Color{255, 255, 255, 255});
  for (int y = 0; y < qr->width; ++y) {
    for (int x = 0; x < qr->width; ++x) {
      if (qr->data[y * qr->width + x] & 1) {
        fill({square.x + (x + kQrQuietModules) * unit, square.y + (y + kQrQuietModules) * unit, unit, unit}, Color{0, 0, 0, 255});
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
  clip_ = clip;
  if (!clip) {
    SDL_RenderSetClipRect(renderer_, nullptr);
    return;
  }
  const SDL_Rect r{clip->x, clip->y, clip->w, clip->h};
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
  const SDL_Rect dst{box.x + (box.w - size.w) / 2, box.y + (box.h - size.h) / 2, size.w, size.h};
  SDL_RenderCopy(renderer_, tex, nullptr, &dst);
  return {dst.x, dst.y, dst.w, dst.h};
}

SDL_Texture* Canvas::line_texture(const std::string& line, const TextStyle& style, int* w, int* h) {
  const std::string key = cache_key(line, style);
  if (const auto* cached = lines_.find(key)) {
    *w = (*cached)->w;
    *h = (*cached)->h;
    return (*cached)->texture.get();
  }
  TTF_Font* font = fonts_.get(style.px, style.weight);
  if (!font) return nullptr;
  Surface surface(TTF_RenderUTF8_Blended(font, line.c_str(), {style.color.r, style.color.g, style.color.b, style.color.a}));
  if (!surface) return nullptr;
  Texture texture(SDL_CreateTextureFromSurface(renderer_, surface.get()));
  if (!texture) return nullptr;
  const std::size_t bytes = static_cast<std::size_t>(surface->w) * static_cast<std::size_t>(surface->h) * 4;
  const auto& entry = lines_.insert(key, std::make_unique<CachedLine>(CachedLine{std::move(texture), surface->w, surface->h}), bytes);
  *w = entry->w;
  *h = entry->h;
  return entry->texture.get();
}

}  // namespace kiosk::render
