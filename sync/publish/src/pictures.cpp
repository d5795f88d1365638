#include "publish/pictures.h"

#include <SDL.h>
#include <SDL_image.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>

#include "render/image_cache.h"

namespace kiosk::publish {
namespace {

struct FreeSurface {
  void operator()(SDL_Surface* s) const { SDL_FreeSurface(s); }
};
using Surface = std::unique_ptr<SDL_Surface, FreeSurface>;

Surface stretch(SDL_Surface* from, int w, int h) {
  Surface to(SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, from->format->format));
  if (!to || SDL_SoftStretchLinear(from, nullptr, to.get(), nullptr) != 0) return nullptr;
  return to;
}

// Halving with linear sampling averages each 2x2 block: a box filter without aliasing; the last
// step, less than a halving, is linear.
Surface scale_down(Surface picture, int w, int h) {
  while (picture && picture->w / 2 >= w && picture->h / 2 >= h) picture = stretch(picture.get(), picture->w / 2, picture->h / 2);
  if (picture && (picture->w != w || picture->h != h)) picture = stretch(picture.get(), w, h);
  return picture;
}

bool has_transparency(SDL_Surface* s) {
  if (!s->format->Amask) return false;
  for (int y = 0; y < s->h; ++y) {
    const auto* row = reinterpret_cast<const Uint32*>(static_cast<const Uint8*>(s->pixels) + y * s->pitch);
    for (int x = 0; x < s->w; ++x) {
      if ((row[x] & s->format->Amask) != s->format->Amask) return true;
    }
  }
  return false;
}

Result<std::string> read_all(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return make_error(path + ": cannot be read");
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// An SDL_RWops that appends what SDL_image writes to a string.
struct StringSink {
  static SDL_RWops* open(std::string* out) {
    SDL_RWops* rw = SDL_AllocRW();
    if (!rw) return nullptr;
    rw->type = SDL_RWOPS_UNKNOWN;
    rw->hidden.unknown.data1 = out;
    rw->size = [](SDL_RWops* ctx) -> Sint64 { return static_cast<Sint64>(buffer(ctx).size()); };
    rw->seek = [](SDL_RWops* ctx, Sint64 offset, int whence) -> Sint64 {
      const auto size = static_cast<Sint64>(buffer(ctx).size());
      // Writers only ask where they are, at the end (libpng, libjpeg never seek back).
      return whence == RW_SEEK_END || whence == RW_SEEK_CUR ? (offset == 0 ? size : -1) : (offset == size ? size : -1);
    };
    rw->read = [](SDL_RWops*, void*, size_t, size_t) -> size_t { return 0; };
    rw->write = [](SDL_RWops* ctx, const void* data, size_t size, size_t count) -> size_t {
      buffer(ctx).append(static_cast<const char*>(data), size * count);
      return count;
    };
    rw->close = [](SDL_RWops* ctx) -> int {
      SDL_FreeRW(ctx);
      return 0;
    };
    return rw;
  }
  static std::string& buffer(SDL_RWops* ctx) { return *static_cast<std::string*>(ctx->hidden.unknown.data1); }
};

Result<std::string> encode(SDL_Surface* surface, bool png, const std::string& path) {
  std::string bytes;
  SDL_RWops* rw = StringSink::open(&bytes);
  const int rc = !rw ? -1 : png ? IMG_SavePNG_RW(surface, rw, 1) : IMG_SaveJPG_RW(surface, rw, 1, kJpegQuality);
  if (rc != 0 || bytes.empty()) return make_error(path + ": cannot encode the scaled picture (" + SDL_GetError() + ")");
  return bytes;
}

}  // namespace

Result<Picture> prepare_picture(const std::string& path) {
  auto original = read_all(path);
  if (!original) return original.error();
  const auto size = render::image_dimensions(*original);
  const bool is_png = original->rfind("\x89PNG", 0) == 0;
  const bool is_jpeg = original->rfind("\xFF\xD8\xFF", 0) == 0;
  if (size && static_cast<long long>(size->w) * size->h > kMaxSourcePixels) {
    return make_error(path + ": " + std::to_string(size->w) + " x " + std::to_string(size->h) +
                      " pixels is more than a kiosk picture needs; scale it down first");
  }
  const bool fits = size && size->w <= kMaxPictureWidth && size->h <= kMaxPictureHeight;
  if (fits && is_png) return Picture{std::move(*original), "image/png", size->w, size->h, false};
  SDL_RWops* rw = SDL_RWFromConstMem(original->data(), static_cast<int>(original->size()));
  Surface decoded(rw ? IMG_Load_RW(rw, 1) : nullptr);
  if (!decoded) return make_error(path + ": not a picture this tool can read (" + SDL_GetError() + "); use JPEG or PNG");
  Surface picture(SDL_ConvertSurfaceFormat(decoded.get(), SDL_PIXELFORMAT_ARGB8888, 0));
  if (!picture) return make_error(path + ": " + SDL_GetError());
  const double factor = std::min({1.0, static_cast<double>(kMaxPictureWidth) / picture->w,
                                  static_cast<double>(kMaxPictureHeight) / picture->h});
  const int w = std::max(1, static_cast<int>(picture->w * factor + 0.5));
  const int h = std::max(1, static_cast<int>(picture->h * factor + 0.5));
  picture = scale_down(std::move(picture), w, h);
  if (!picture) return make_error(path + ": cannot scale the picture (" + SDL_GetError() + ")");
  const bool png = is_png || has_transparency(picture.get());
  auto bytes = encode(picture.get(), png, path);
  if (!bytes) return bytes.error();
  // A JPEG that fits is kept as it is unless recompressing saves a good part of it (a camera's
  // highest quality setting); every recompression loses a little.
  if (fits && is_jpeg && bytes->size() * 4 > original->size() * 3) {
    return Picture{std::move(*original), "image/jpeg", size->w, size->h, false};
  }
  return Picture{std::move(*bytes), png ? "image/png" : "image/jpeg", w, h, true};
}

}  // namespace kiosk::publish
