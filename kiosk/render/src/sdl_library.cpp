#include "render/sdl_handles.h"

namespace kiosk::render {

Result<std::unique_ptr<SdlLibrary>> SdlLibrary::start(Uint32 sdl_flags) {
  std::unique_ptr<SdlLibrary> lib(new SdlLibrary());
  if (SDL_Init(sdl_flags) != 0) return sdl_error("SDL_Init");
  if (TTF_Init() != 0) return sdl_error("TTF_Init");
  lib->ttf_ = true;
  const int formats = IMG_INIT_PNG | IMG_INIT_JPG;
  if ((IMG_Init(formats) & formats) != formats) return sdl_error("IMG_Init");
  lib->img_ = true;
  return lib;
}

SdlLibrary::~SdlLibrary() {
  if (img_) IMG_Quit();
  if (ttf_) TTF_Quit();
  SDL_Quit();
}

}  // namespace kiosk::render
