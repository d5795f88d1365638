// Owners for SDL, SDL_ttf and SDL_image handles, and the library start-up as an object. Private to
// the render and app modules; slides never see SDL types.
#pragma once

#include <SDL.h>
#include <SDL_image.h>
#include <SDL_ttf.h>

#include <memory>
#include <string>

#include "platform/result.h"

namespace kiosk::render {

template <auto Fn>
struct Deleter {
  template <class T>
  void operator()(T* p) const {
    Fn(p);
  }
};
using Window = std::unique_ptr<SDL_Window, Deleter<SDL_DestroyWindow>>;
using Renderer = std::unique_ptr<SDL_Renderer, Deleter<SDL_DestroyRenderer>>;
using Texture = std::unique_ptr<SDL_Texture, Deleter<SDL_DestroyTexture>>;
using Surface = std::unique_ptr<SDL_Surface, Deleter<SDL_FreeSurface>>;
using Font = std::unique_ptr<TTF_Font, Deleter<TTF_CloseFont>>;

// "<what>: <SDL_GetError()>", captured at the failing call.
inline Error sdl_error(const std::string& what) { return make_error(what + ": " + SDL_GetError()); }

// SDL (with the given subsystems), SDL_ttf and SDL_image, started for the lifetime of this object.
class SdlLibrary {
 public:
  static Result<std::unique_ptr<SdlLibrary>> start(Uint32 sdl_flags);
  ~SdlLibrary();
  SdlLibrary(const SdlLibrary&) = delete;
  SdlLibrary& operator=(const SdlLibrary&) = delete;

 private:
  SdlLibrary() = default;
  bool ttf_ = false;
  bool img_ = false;
};

}  // namespace kiosk::render
