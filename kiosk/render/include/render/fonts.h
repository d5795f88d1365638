// The bundled typefaces, opened at whatever pixel sizes the layout asks for. Each font file is read
// into memory once, at open(); a face is opened at a size the first time that size is asked for,
// and every size shares those bytes.
//
// Three families, each regular and bold: Noto Sans for Latin script and everything that is not
// Arabic script; Noto Sans Arabic for Arabic and Farsi; Noto Naskh Arabic for Urdu (Noto Nastaliq
// Urdu is the usual Urdu style, but its words rise far above Noto Sans' line, see
// docs/architecture.md, "Text").
#pragma once

#include <map>
#include <memory>
#include <string>
#include <tuple>
#include <vector>

#include "platform/result.h"

struct _TTF_Font;
typedef struct _TTF_Font TTF_Font;

namespace kiosk::render {

enum class Weight { kRegular, kBold };

enum class Face { kSans, kArabic, kUrdu };

struct FontFiles {
  std::string sans_regular, sans_bold;
  std::string arabic_regular, arabic_bold;
  std::string urdu_regular, urdu_bold;

  // The bundled file names in `dir` (assets/fonts in the source tree, share/kiosk/fonts installed).
  static FontFiles in_folder(const std::string& dir);
};

class FontSet {
 public:
  // Reads every file. A missing or unreadable file is an error naming its path; a file SDL_ttf
  // cannot use is an error with SDL_ttf's words.
  static Result<std::unique_ptr<FontSet>> open(const FontFiles& files);
  // Noto Sans from these two files; the Arabic-script faces from the bundled names in the folder of
  // `regular_path`.
  static Result<std::unique_ptr<FontSet>> open(const std::string& regular_path, const std::string& bold_path);
  ~FontSet();
  FontSet(const FontSet&) = delete;
  FontSet& operator=(const FontSet&) = delete;

  // The font at `px` pixels (clamped to 6..600). Never null once open() succeeded, unless SDL_ttf
  // runs out of memory. Owned by the set; valid until the set is destroyed. Its direction and script
  // (TTF_SetFontDirection, TTF_SetFontScriptName) are whatever the last user set.
  TTF_Font* get(int px, Weight weight, Face face = Face::kSans);

  // Bytes of font files held in memory.
  std::size_t file_bytes() const;

 private:
  FontSet() = default;
  struct OpenFont;
  static constexpr int kFaces = 3;
  std::string bytes_[kFaces][2];
  std::string paths_[kFaces][2];
  std::map<std::tuple<int, Weight, Face>, std::unique_ptr<OpenFont>> open_;
};

}  // namespace kiosk::render
