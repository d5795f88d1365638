// A result's picture as the feed carries it: never larger than the largest screen a kiosk drives
// (3840 x 2160), so a kiosk never decodes more than it can show. A photo straight off a phone
// (4000 x 3000, 5 MB) becomes a 2880 x 2160 JPEG of well under 1 MB.
#pragma once

#include <string>

#include "platform/result.h"

namespace kiosk::publish {

inline constexpr int kMaxPictureWidth = 3840;
inline constexpr int kMaxPictureHeight = 2160;
// What the tool agrees to read and decode at all, checked before decoding (the size from the file
// system, the pixels from the PNG or JPEG header): a camera's photos, not a poster scan. Decoding
// and scaling a 40-megapixel picture peaked at 290 MB (JPEG) and 330 MB (PNG) in kiosk-feed build;
// a 120-megapixel one took 955 MB, too much for a small staff machine.
inline constexpr unsigned long long kMaxSourceFileBytes = 64ull << 20;
inline constexpr long long kMaxSourcePixels = 40'000'000;
inline constexpr int kJpegQuality = 85;

struct Picture {
  std::string bytes;
  std::string media_type;  // "image/jpeg" or "image/png"
  int width = 0;
  int height = 0;
  bool rewritten = false;  // false: the file's own bytes, already small enough
};

// Reads, decodes in full, scales (aspect kept, box-filtered down by halves, then linearly) and
// re-encodes the JPEG or PNG at `path`: PNG stays PNG (it may be a chart or have transparency), JPEG
// stays JPEG at quality 85. A PNG that already fits is kept byte for byte, and so is a JPEG that fits
// unless recompressing it saves more than a quarter of its bytes. Refused, with an error that names
// the path: anything but JPEG and PNG, a file over kMaxSourceFileBytes or kMaxSourcePixels, a file
// cut short or damaged, and a result a kiosk would not show (over the model's kMaxAssetBytes).
Result<Picture> prepare_picture(const std::string& path);

}  // namespace kiosk::publish
