// Pictures of results: read from the content-addressed object store (<objects dir>/<sha256>),
// checked, decoded with SDL_image, scaled once to the size they are shown at, and kept as textures
// in a bounded cache. A missing, broken or absurdly large picture is logged once and drawn as a
// placeholder by the canvas; it never stops a slide.
#pragma once

#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "platform/log.h"
#include "render/lru_cache.h"

struct SDL_Renderer;
struct SDL_Texture;

namespace kiosk::render {

struct ImageSize {
  int w = 0;
  int h = 0;
};

// Refused before decoding: a picture larger than this cannot be meant for a kiosk, and decoding it
// could exhaust the memory of a small board.
inline constexpr int kMaxImageSide = 8192;
inline constexpr long long kMaxImagePixels = 24'000'000;
inline constexpr std::size_t kMaxImageFileBytes = 32u << 20;

// Width and height from a PNG or JPEG header, without decoding; nullopt for anything else.
std::optional<ImageSize> image_dimensions(std::string_view bytes);

class ImageCache {
 public:
  ImageCache(SDL_Renderer* renderer, std::string objects_dir, std::size_t budget_bytes);
  ~ImageCache();
  ImageCache(const ImageCache&) = delete;
  ImageCache& operator=(const ImageCache&) = delete;

  // The picture `sha256` scaled to fit `box_w` x `box_h` (aspect kept), or null when it cannot be
  // shown; `size` receives the scaled size. A failure is remembered: the file is not read again.
  SDL_Texture* get(const std::string& sha256, int box_w, int box_h, ImageSize* size);

  std::size_t cached_bytes() const { return entries_.bytes(); }
  const std::string& objects_dir() const { return dir_; }

 private:
  struct Entry;
  SDL_Renderer* renderer_;
  std::string dir_;
  LruCache<std::unique_ptr<Entry>> entries_;  // by sha256@box size
  std::set<std::string> failed_;
  log::Once log_once_;
};

}  // namespace kiosk::render
