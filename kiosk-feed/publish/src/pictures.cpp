#include "publish/pictures.h"

#include <SDL.h>
#include <SDL_image.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string_view>

#include "model/validate.h"
#include "publish/diff.h"
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

// The file's bytes; refused by its size before reading when it is larger than the tool decodes.
Result<std::string> read_picture_file(const std::string& path) {
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);
  if (ec) return make_error(path + ": cannot be read (" + ec.message() + ")");
  if (size > kMaxSourceFileBytes) {
    return make_error(path + ": is " + size_text(size) + ", more than the " + size_text(kMaxSourceFileBytes) +
                      " this tool reads for a picture; save it smaller first");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return make_error(path + ": cannot be read");
  std::string bytes(static_cast<std::size_t>(size), '\0');  // no more than that, even if the file grows meanwhile
  in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  bytes.resize(static_cast<std::size_t>(in.gcount()));
  return bytes;
}

std::uint32_t big_endian(std::string_view b, std::size_t at, std::size_t width) {
  std::uint32_t value = 0;
  for (std::size_t i = 0; i < width; ++i) value = (value << 8) | static_cast<unsigned char>(b[at + i]);
  return value;
}

// Whether the PNG's chunks run whole up to IEND.
bool png_is_whole(std::string_view b) {
  std::size_t at = 8;  // after the signature
  while (at + 12 <= b.size()) {
    const std::uint32_t length = big_endian(b, at, 4);
    if (length > b.size() - at - 12) return false;
    if (b.substr(at + 4, 4) == "IEND") return true;
    at += 12 + length;  // length, type, data, CRC
  }
  return false;
}

// Whether the JPEG's segments and scans run whole up to the end-of-image marker.
bool jpeg_is_whole(std::string_view b) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(b[i]); };
  // In entropy-coded data 0xFF is followed by 0x00 (a stuffed byte) or a restart marker; anything
  // else starts the next marker.
  const auto marker_at = [&](std::size_t i) {
    return byte(i) == 0xFF && byte(i + 1) != 0x00 && (byte(i + 1) < 0xD0 || byte(i + 1) > 0xD7);
  };
  std::size_t at = 2;  // after start-of-image
  while (at + 2 <= b.size()) {
    if (byte(at) != 0xFF) return false;
    const unsigned marker = byte(at + 1);
    if (marker == 0xFF) {  // fill byte
      ++at;
      continue;
    }
    if (marker == 0xD9) return true;  // end of image
    if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD8)) {  // markers without a segment
      at += 2;
      continue;
    }
    if (at + 4 > b.size()) return false;
    const std::uint32_t length = big_endian(b, at + 2, 2);
    if (length < 2 || length > b.size() - at - 2) return false;
    at += 2 + length;
    if (marker != 0xDA) continue;
    // A start-of-scan header is followed by the entropy-coded data, up to the next marker.
    while (at + 1 < b.size() && !marker_at(at)) ++at;
  }
  return false;
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

// The kiosk's own limits on what it shows; what the scaling makes is within them by construction.
static_assert(kMaxPictureWidth <= render::kMaxImageSide && kMaxPictureHeight <= render::kMaxImageSide);
static_assert(static_cast<long long>(kMaxPictureWidth) * kMaxPictureHeight <= render::kMaxImagePixels);
constexpr std::uint64_t kMaxPublishedBytes = std::min<std::uint64_t>(model::Limits::kMaxAssetBytes, render::kMaxImageFileBytes);

// `picture` when a kiosk would take it: a PNG kept byte for byte may carry more than its pixels.
Result<Picture> publishable(Picture picture, const std::string& path) {
  if (picture.bytes.size() > kMaxPublishedBytes) {
    return make_error(path + ": would be published as " + size_text(picture.bytes.size()) + ", more than the " +
                      size_text(kMaxPublishedBytes) + " a kiosk takes; save it again as JPEG, or as PNG without extra data");
  }
  return picture;
}

Result<std::string> encode(SDL_Surface* surface, bool png, const std::string& path) {
  std::string bytes;
  SDL_RWops* rw = StringSink::open(&bytes);
  const int rc = !rw ? -1 : png ? IMG_SavePNG_RW(surface, rw, 1) : IMG_SaveJPG_RW(surface, rw, 1, kJpegQuality);
  if (rc != 0 || bytes.empty()) return make_error(path + ": cannot encode the scaled picture (" + SDL_GetError() + ")");
  return bytes;
}

}  // namespace

Result<Picture> prepare_picture(const std::string& path) {
  auto original = read_picture_file(path);
  if (!original) return original.error();
  const bool is_png = original->rfind("\x89PNG", 0) == 0;
  const bool is_jpeg = original->rfind("\xFF\xD8\xFF", 0) == 0;
  if (!is_png && !is_jpeg) return make_error(path + ": is not a JPEG or PNG file; save the picture as JPEG or PNG");
  const auto size = render::image_dimensions(*original);
  if (!size) return make_error(path + ": the picture's header is damaged; save or copy the picture again");
  const long long pixels = static_cast<long long>(size->w) * size->h;
  if (pixels > kMaxSourcePixels) {
    return make_error(path + ": " + std::to_string(size->w) + " x " + std::to_string(size->h) + " pixels (" +
                      std::to_string(pixels / 1'000'000) + " megapixels) is more than the " +
                      std::to_string(kMaxSourcePixels / 1'000'000) + " megapixels this tool decodes; scale it down first");
  }
  // SDL_image decodes a JPEG cut short without an error (the rest comes out grey), and libpng may
  // not read a PNG's last chunk: the file is checked to run whole to its end marker.
  if (!(is_png ? png_is_whole(*original) : jpeg_is_whole(*original))) {
    return make_error(path + ": the file ends before the picture does (cut short when it was copied?); copy or save it again");
  }
  // Decoded in full even when its bytes are kept, so that a damaged picture is refused here and
  // not shown as a placeholder on every kiosk.
  SDL_RWops* rw = SDL_RWFromConstMem(original->data(), static_cast<int>(original->size()));
  Surface decoded(rw ? IMG_LoadTyped_RW(rw, 1, is_png ? "PNG" : "JPG") : nullptr);
  if (!decoded) {
    return make_error(path + ": cannot be decoded (" + IMG_GetError() + "); the file is damaged, save or copy it again");
  }
  const bool fits = size->w <= kMaxPictureWidth && size->h <= kMaxPictureHeight;
  if (fits && is_png) {
    return publishable({.bytes = std::move(*original), .media_type = "image/png", .width = size->w, .height = size->h}, path);
  }
  Surface picture(SDL_ConvertSurfaceFormat(decoded.get(), SDL_PIXELFORMAT_ARGB8888, 0));
  decoded.reset();
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
    return publishable({.bytes = std::move(*original), .media_type = "image/jpeg", .width = size->w, .height = size->h}, path);
  }
  const char* media_type = png ? "image/png" : "image/jpeg";
  return publishable({.bytes = std::move(*bytes), .media_type = media_type, .width = w, .height = h, .rewritten = true}, path);
}

}  // namespace kiosk::publish
