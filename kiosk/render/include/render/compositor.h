// Puts slides on the screen. Each slide is drawn once into a texture of the logical (upright) size;
// every frame is then a cheap copy of that texture to the output, turned by the configured
// rotation, with small overlays (the progress bar) on top. A change of slide can slide the new one
// in over kTransition; a redraw (the clock's minute) replaces the picture in place.
//
// The same code serves the window and the headless screenshots, so what tests see is what
// residents see.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "platform/clock.h"
#include "platform/result.h"
#include "render/canvas.h"
#include "render/geometry.h"

struct SDL_Renderer;
struct SDL_Texture;

namespace kiosk::render {

class Compositor {
 public:
  static constexpr std::chrono::milliseconds kTransition{400};

  enum class Change {
    kCut,         // the new slide appears at once
    kTransition,  // the new slide slides in from the right over kTransition
    kRedraw,      // the shown slide is drawn again in place (no motion)
  };

  struct Overlay {
    Rect rect;  // logical coordinates
    Color color;
  };

  // `output_w` x `output_h` is the renderer's output; `rotation_degrees` (0, 90, 180, 270, clockwise)
  // turns the picture, and 90/270 swap the logical size.
  static Result<std::unique_ptr<Compositor>> create(SDL_Renderer* renderer, FontSet& fonts, int output_w, int output_h,
                                                    int rotation_degrees);
  ~Compositor();

  int width() const { return canvas_.width(); }
  int height() const { return canvas_.height(); }
  Canvas& canvas() { return canvas_; }

  // Draws a slide with `draw` (on canvas(), in logical coordinates) and makes it the shown one.
  Status show(const std::function<void(Canvas&)>& draw, Change change, SteadyTime now);

  // Draws a slide that is to come, ahead of its time, into a texture of its own (the cycle does it
  // in the idle second before a change), so that the change costs no drawing and every frame of its
  // transition is a copy. `key` names what was drawn; another prepare() replaces it.
  Status prepare(const std::function<void(Canvas&)>& draw, std::string key);
  // The key of the slide prepare() drew, or empty.
  const std::string& prepared() const { return prepared_key_; }
  // Makes the prepared slide the shown one, as show() would have with its drawing; an error when
  // none is prepared.
  Status show_prepared(Change change, SteadyTime now);
  void forget_prepared();

  // True while a transition is running at `now`.
  bool moving(SteadyTime now) const;
  SteadyTime transition_end() const { return transition_end_; }

  // Composes the frame for `now` on the output (without presenting it): the shown slide, or the
  // two in transition, then `overlays` on top.
  void compose(SteadyTime now, const std::vector<Overlay>& overlays);

  // Where a point of the output (a touch) lies in the logical, upright picture, and back.
  Point to_logical(Point output) const;
  Point to_output(Point logical) const;

  // Forgets the slide textures (after the renderer lost them); the next show() starts afresh.
  void invalidate();

 private:
  Compositor(SDL_Renderer* renderer, FontSet& fonts, int output_w, int output_h, int rotation);
  struct Slide;
  void copy(SDL_Texture* texture, Rect logical);
  Result<std::unique_ptr<Slide>> make_slide();
  Status draw_into(Slide& slide, const std::function<void(Canvas&)>& draw);
  void put_on_screen(std::unique_ptr<Slide> next, Change change, SteadyTime now);
  Rect to_output(Rect logical) const;

  SDL_Renderer* renderer_;
  int output_w_;
  int output_h_;
  int rotation_;
  std::uint32_t slide_format_;  // SDL_PixelFormatEnum of the slide textures
  Canvas canvas_;
  std::unique_ptr<Slide> shown_;
  std::unique_ptr<Slide> leaving_;  // during a transition
  std::unique_ptr<Slide> prepared_;
  std::string prepared_key_;
  SteadyTime transition_start_{};
  SteadyTime transition_end_{};
};

}  // namespace kiosk::render
