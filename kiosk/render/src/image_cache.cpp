#include "render/image_cache.h"

#include <algorithm>
#include <vector>

#include "platform/files.h"
#include "render/sdl_handles.h"

namespace kiosk::render {

namespace {

std::uint32_t be32(std::string_view b, std::size_t at) {
  return (static_cast<std::uint32_t>(static_cast<unsigned char>(b[at])) << 24) |
         (static_cast<std::uint32_t>(static_cast<unsigned char>(b[at + 1])) << 16) |
         (static_cast<std::uint32_t>(static_cast<unsigned char>(b[at + 2])) << 8) |
         static_cast<std::uint32_t>(static_cast<unsigned char>(b[at + 3]));
}
unsigned be16(std::string_view b, std::size_t at) {
  return (static_cast<unsigned>(static_cast<unsigned char>(b[at])) << 8) | static_cast<unsigned char>(b[at + 1]);
}

std::optional<ImageSize> png_dimensions(std::string_view b) {
  // Signature, then the IHDR chunk: length(4) "IHDR" width(4) height(4).
  static constexpr std::string_view kSignature("\x89PNG\r\n\x1a\n", 8);
  if (b.size() < 24 || b.substr(0, 8) != kSignature || b.substr(12, 4) != "IHDR") return std::nullopt;
  const auto w = be32(b, 16), h = be32(b, 20);
  if (w == 0 || h == 0 || w > 0x7fffffff || h > 0x7fffffff) return std::nullopt;
  return ImageSize{static_cast<int>(std::min<std::uint32_t>(w, 1u << 30)), static_cast<int>(std::min<std::uint32_t>(h, 1u << 30))};
}

std::optional<ImageSize> jpeg_dimensions(std::string_view b) {
  if (b.size() < 4 || static_cast<unsigned char>(b[0]) != 0xFF || static_cast<unsigned char>(b[1]) != 0xD8) return std::nullopt;
  std::size_t i = 2;
  // Walk the marker segments up to the first start-of-frame, which holds height and width.
  while (i + 4 <= b.size()) {
    if (static_cast<unsigned char>(b[i]) != 0xFF) return std::nullopt;
    const auto marker = static_cast<unsigned char>(b[i + 1]);
    if (marker == 0xFF) {  // fill byte
      ++i;
      continue;
    }
    if (marker == 0xD8 || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
      i += 2;
      continue;
    }
    const unsigned length = be16(b, i + 2);
    if (length < 2) return std::nullopt;
    const bool sof = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
    if (sof) {
      if (i + 9 > b.size()) return std::nullopt;
      const unsigned h = be16(b, i + 5), w = be16(b, i + 7);
      if (w == 0 || h == 0) return std::nullopt;
      return ImageSize{static_cast<int>(w), static_cast<int>(h)};
    }
    i += 2 + length;
  }
  return std::nullopt;
}

}  // namespace

std::optional<ImageSize> image_dimensions(std::string_view bytes) {
  if (auto png = png_dimensions(bytes)) return png;
  return jpeg_dimensions(bytes);
}

struct ImageCache::Entry {
  Texture texture;
  ImageSize size;
};

ImageCache::ImageCache(SDL_Renderer* renderer, std::string objects_dir, std::size_t budget_bytes)
    : renderer_(renderer), dir_(std::move(objects_dir)), entries_(budget_bytes) {}

ImageCache::~ImageCache() = default;

SDL_Texture* ImageCache::get(const std::string& sha256, int box_w, int box_h, ImageSize* size) {
  if (box_w <= 0 || box_h <= 0 || failed_.count(sha256)) return nullptr;
  const std::string key = sha256 + "@" + std::to_string(box_w) + "x" + std::to_string(box_h);
  if (const auto* cached = entries_.find(key)) {
    *size = (*cached)->size;
    return (*cached)->texture.get();
  }

  const std::string path = dir_ + "/" + sha256;
  const auto refuse = [&](const std::string& message) -> SDL_Texture* {
    if (failed_.size() < 4096) failed_.insert(sha256);
    log_once_.write(log::Level::kWarning, sha256, message + "; showing a placeholder");
    return nullptr;
  };
  const auto fail = [&](const std::string& why) { return refuse("image " + path + ": " + why); };
  auto read = read_file(path, kMaxImageFileBytes, "image");
  if (!read) return refuse(read.error().message);
  const std::string& bytes = *read;

  const auto declared = image_dimensions(bytes);
  if (!declared) return fail("not a PNG or JPEG file");
  if (declared->w > kMaxImageSide || declared->h > kMaxImageSide ||
      static_cast<long long>(declared->w) * declared->h > kMaxImagePixels) {
    return fail("refused before decoding: declares " + std::to_string(declared->w) + "x" + std::to_string(declared->h) +
                " pixels, more than " + std::to_string(kMaxImageSide) + " per side or " +
                std::to_string(kMaxImagePixels) + " in all");
  }

  Surface decoded(IMG_Load_RW(SDL_RWFromConstMem(bytes.data(), static_cast<int>(bytes.size())), 1));
  if (!decoded) return fail(std::string("cannot decode: ") + IMG_GetError());
  // Scale once, to the size it is shown at, keeping the aspect ratio.
  const double scale = std::min(static_cast<double>(box_w) / decoded->w, static_cast<double>(box_h) / decoded->h);
  const ImageSize shown{std::max(1, static_cast<int>(decoded->w * scale)), std::max(1, static_cast<int>(decoded->h * scale))};
  Surface rgba(SDL_ConvertSurfaceFormat(decoded.get(), SDL_PIXELFORMAT_ARGB8888, 0));
  decoded.reset();
  if (!rgba) return fail(std::string("cannot convert: ") + SDL_GetError());
  Surface scaled(SDL_CreateRGBSurfaceWithFormat(0, shown.w, shown.h, 32, SDL_PIXELFORMAT_ARGB8888));
  if (!scaled) return fail(std::string("cannot scale: ") + SDL_GetError());
  SDL_SetSurfaceBlendMode(rgba.get(), SDL_BLENDMODE_NONE);
  if (SDL_SoftStretchLinear(rgba.get(), nullptr, scaled.get(), nullptr) != 0 &&
      SDL_BlitScaled(rgba.get(), nullptr, scaled.get(), nullptr) != 0) {
    return fail(std::string("cannot scale: ") + SDL_GetError());
  }
  rgba.reset();
  Texture texture(SDL_CreateTextureFromSurface(renderer_, scaled.get()));
  if (!texture) return fail(std::string("cannot make a texture: ") + SDL_GetError());

  const std::size_t entry_bytes = static_cast<std::size_t>(shown.w) * static_cast<std::size_t>(shown.h) * 4;
  *size = shown;
  return entries_.insert(key, std::make_unique<Entry>(Entry{std::move(texture), shown}), entry_bytes)->texture.get();
}

}  // namespace kiosk::render
