// The bundled typefaces, opened at whatever pixel sizes the layout asks for. Each font file is read
// into memory once; every size shares those bytes.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "platform/result.h"

struct _TTF_Font;
typedef struct _TTF_Font TTF_Font;

namespace kiosk::render {

enum class Weight { kRegular, kBold };

class FontSet {
 public:
  // Reads both files. A missing or unreadable file is an error naming its path; a file SDL_ttf
  // cannot use is an error with SDL_ttf's words.
  static Result<std::unique_ptr<FontSet>> open(const std::string& regular_path, const std::string& bold_path);
  ~FontSet();
  FontSet(const FontSet&) = delete;
  FontSet& operator=(const FontSet&) = delete;

  // The font at `px` pixels (clamped to 6..600). Never null once open() succeeded, unless SDL_ttf
  // runs out of memory. Owned by the set; valid until the set is destroyed.
  TTF_Font* get(int px, Weight weight);

 private:
  FontSet() = default;
  struct Face;
  std::string bytes_[2];
  std::string paths_[2];
  std::map<std::pair<int, Weight>, std::unique_ptr<Face>> open_;
};

}  // namespace kiosk::render
