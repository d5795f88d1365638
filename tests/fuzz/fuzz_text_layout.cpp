// Text layout with the real font: any bytes, any width and line limit. Nothing crashes; there are
// never more lines than allowed; and for valid UTF-8, lines fit the width unless one character alone
// is wider, and no character is split.
#include <SDL.h>
#include <SDL_ttf.h>

#include <cstdint>
#include <cstdlib>
#include <string>

#include "model/validate.h"
#include "render/text_layout.h"

namespace {

TTF_Font* font() {
  static TTF_Font* f = [] {
    if (TTF_Init() != 0) std::abort();
    TTF_Font* opened = TTF_OpenFont(KIOSK_SOURCE_DIR "/assets/fonts/NotoSans-Regular.ttf", 32);
    if (!opened) std::abort();
    return opened;
  }();
  return f;
}

int measure(std::string_view text) {
  const std::string s(text);
  int w = 0, h = 0;
  if (TTF_SizeUTF8(font(), s.c_str(), &w, &h) != 0) return 0;
  return w;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 2 || size > 4096) return 0;
  const int max_width = 20 + data[0] * 8;  // 20..2060 px
  const int max_lines = data[1] % 8;       // 0: no limit
  const std::string_view text(reinterpret_cast<const char*>(data + 2), size - 2);
  const auto layout = kiosk::render::layout_text(text, max_width, max_lines, measure);
  if (max_lines > 0 && static_cast<int>(layout.lines.size()) > max_lines) std::abort();
  // The kiosk only ever lays out valid UTF-8 (model::validate refuses anything else); other bytes
  // must not crash anything, but SDL_ttf measures them as nothing, so widths mean nothing there.
  const bool utf8 = kiosk::model::is_valid_utf8(text);
  if (!utf8) return 0;
  for (const auto& line : layout.lines) {
    const bool one_character = kiosk::model::utf8_length(line) <= 1;
    // The ellipsis may stand alone on a line narrower than itself.
    if (measure(line) > max_width && !one_character && line != "\xE2\x80\xA6") std::abort();
    if (!kiosk::model::is_valid_utf8(line)) std::abort();  // never a split character
  }
  return 0;
}
