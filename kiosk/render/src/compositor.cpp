#include "render/compositor.h"

#include <algorithm>
#include <cmath>

#include "render/sdl_handles.h"

namespace kiosk::render {

struct Compositor::Slide {
  Texture texture;
};

namespace {

// Slow at both ends, quick in the middle: the slide settles instead of stopping hard.
float ease_in_out(float t) { return t < 0.5f ? 4 * t * t * t : 1 - std::pow(-2 * t + 2, 3.0f) / 2; }

}  // namespace

Compositor::Compositor(SDL_Renderer* renderer, FontSet& fonts, int output_w, int output_h, int rotation)
    : renderer_(renderer),
      output_w_(output_w),
      output_h_(output_h),
      rotation_(rotation),
      slide_format_(SDL_PIXELFORMAT_ARGB8888),
      canvas_(renderer, fonts, rotation % 180 == 0 ? output_w : output_h, rotation % 180 == 0 ? output_h : output_w) {}

Compositor::~Compositor() = default;

Result<std::unique_ptr<Compositor>> Compositor::create(SDL_Renderer* renderer, FontSet& fonts, int output_w, int output_h,
                                                       int rotation_degrees) {
  if (rotation_degrees != 0 && rotation_degrees != 90 && rotation_degrees != 180 && rotation_degrees != 270) {
    return make_error("rotation must be 0, 90, 180 or 270 degrees, not " + std::to_string(rotation_degrees));
  }
  SDL_RendererInfo info;
  if (SDL_GetRendererInfo(renderer, &info) != 0) return sdl_error("querying the renderer");
  if (!(info.flags & SDL_RENDERER_TARGETTEXTURE)) {
    return make_error(std::string("the renderer '") + info.name + "' cannot draw into textures");
  }
  auto compositor = std::unique_ptr<Compositor>(new Compositor(renderer, fonts, output_w, output_h, rotation_degrees));
  // Without a GPU, finished slides live in the process's own memory and every frame copies one:
  // 16-bit pictures halve both. Text edges keep 32 to 64 levels per channel, which no one sees
  // across a room. GPU renderers keep 32-bit slides in video memory.
  if (info.flags & SDL_RENDERER_SOFTWARE) compositor->slide_format_ = SDL_PIXELFORMAT_RGB565;
  return compositor;
}

Status Compositor::show(const std::function<void(Canvas&)>& draw, Change change, SteadyTime now) {
  forget_prepared();
  auto next = std::make_unique<Slide>();
  // A redraw reuses the shown texture: no second screen-sized buffer for the minute tick.
  if (change == Change::kRedraw && shown_) {
    next = std::move(shown_);
  } else if (auto made = make_slide(); made) {
    next = std::move(*made);
  } else {
    return made.error();
  }
  if (auto s = draw_into(*next, draw); !s) return s;
  put_on_screen(std::move(next), change, now);
  return Status::success();
}

Status Compositor::prepare(const std::function<void(Canvas&)>& draw, std::string key) {
  forget_prepared();
  auto made = make_slide();
  if (!made) return made.error();
  if (auto s = draw_into(**made, draw); !s) return s;
  prepared_ = std::move(*made);
  prepared_key_ = std::move(key);
  return Status::success();
}

Status Compositor::show_prepared(Change change, SteadyTime now) {
  if (!prepared_) return make_error("no slide is prepared");
  put_on_screen(std::move(prepared_), change, now);
  prepared_key_.clear();
  return Status::success();
}

void Compositor::forget_prepared() {
  prepared_.reset();
  prepared_key_.clear();
}

Result<std::unique_ptr<Compositor::Slide>> Compositor::make_slide() {
  auto slide = std::make_unique<Slide>();
  slide->texture.reset(SDL_CreateTexture(renderer_, slide_format_, SDL_TEXTUREACCESS_TARGET, width(), height()));
  if (!slide->texture) return sdl_error("creating a slide texture");
  SDL_SetTextureBlendMode(slide->texture.get(), SDL_BLENDMODE_NONE);
  return slide;
}

Status Compositor::draw_into(Slide& slide, const std::function<void(Canvas&)>& draw) {
  if (SDL_SetRenderTarget(renderer_, slide.texture.get()) != 0) return sdl_error("drawing into a slide texture");
  draw(canvas_);
  SDL_SetRenderTarget(renderer_, nullptr);
  return Status::success();
}

void Compositor::put_on_screen(std::unique_ptr<Slide> next, Change change, SteadyTime now) {
  if (change == Change::kTransition && shown_) {
    leaving_ = std::move(shown_);
    transition_start_ = now;
    transition_end_ = now + kTransition;
  } else if (change != Change::kRedraw) {
    leaving_.reset();
    transition_end_ = now;
  }
  shown_ = std::move(next);
}

bool Compositor::moving(SteadyTime now) const { return leaving_ && now < transition_end_; }

Rect Compositor::to_output(Rect r) const {
  const int lw = width(), lh = height();
  switch (rotation_) {
    case 90: return {lh - r.bottom(), r.x, r.h, r.w};
    case 180: return {lw - r.right(), lh - r.bottom(), r.w, r.h};
    case 270: return {r.y, lw - r.right(), r.h, r.w};
    default: return r;
  }
}

Point Compositor::to_logical(Point p) const {
  const int lw = width(), lh = height();
  switch (rotation_) {
    case 90: return {p.y, lh - p.x};
    case 180: return {lw - p.x, lh - p.y};
    case 270: return {lw - p.y, p.x};
    default: return p;
  }
}

Point Compositor::to_output(Point p) const {
  const int lw = width(), lh = height();
  switch (rotation_) {
    case 90: return {lh - p.y, p.x};
    case 180: return {lw - p.x, lh - p.y};
    case 270: return {p.y, lw - p.x};
    default: return p;
  }
}

void Compositor::copy(SDL_Texture* texture, Rect logical) {
  if (rotation_ == 0) {
    const SDL_Rect dst{logical.x, logical.y, logical.w, logical.h};
    SDL_RenderCopy(renderer_, texture, nullptr, &dst);
    return;
  }
  // RenderCopyEx turns about the destination's centre: place an upright rect of the logical size
  // on the output centre of where the logical rect lands.
  const Rect out = to_output(logical);
  const int cx = out.x + out.w / 2, cy = out.y + out.h / 2;
  const SDL_Rect dst{cx - logical.w / 2, cy - logical.h / 2, logical.w, logical.h};
  SDL_RenderCopyEx(renderer_, texture, nullptr, &dst, rotation_, nullptr, SDL_FLIP_NONE);
}

void Compositor::compose(SteadyTime now, const std::vector<Overlay>& overlays) {
  const int lw = width(), lh = height();
  if (!shown_) {
    SDL_SetRenderDrawColor(renderer_, 0, 0, 0, 255);
    SDL_RenderClear(renderer_);
    return;
  }
  if (moving(now)) {
    const float t = std::chrono::duration<float>(now - transition_start_).count() /
                    std::chrono::duration<float>(transition_end_ - transition_start_).count();
    const int offset = static_cast<int>(std::lround(ease_in_out(std::clamp(t, 0.0f, 1.0f)) * static_cast<float>(lw)));
    copy(leaving_->texture.get(), {-offset, 0, lw, lh});
    copy(shown_->texture.get(), {lw - offset, 0, lw, lh});
  } else {
    leaving_.reset();  // its memory is not needed once the transition is over
    copy(shown_->texture.get(), {0, 0, lw, lh});
  }
  for (const Overlay& o : overlays) {
    const Rect r = to_output(o.rect);
    SDL_SetRenderDrawColor(renderer_, o.color.r, o.color.g, o.color.b, o.color.a);
    const SDL_Rect sr{r.x, r.y, r.w, r.h};
    SDL_RenderFillRect(renderer_, &sr);
  }
}

void Compositor::invalidate() {
  shown_.reset();
  leaving_.reset();
  forget_prepared();
}

}  // namespace kiosk::render
