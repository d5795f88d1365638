// Reading text back from pixels with Tesseract (Debian tesseract-ocr with its Arabic and Urdu
// models): the words a resident would read off the screen, with where each lies.
#pragma once

#include <SDL.h>

#include <string>
#include <vector>

namespace kiosk::testing {

struct OcrWord {
  std::string text;
  int left = 0, top = 0, width = 0, height = 0;
  int line = 0;        // Tesseract's block/paragraph/line, as one number
  double confidence = 0;
};

// Writes `surface` (any 32-bit format) as a grey PNG with dark text on a light ground, which
// Tesseract reads best (slides draw light text on a dark ground), then runs
// `tesseract <png> - -l <languages> --psm <psm> tsv` and returns its words. `name` names the PNG,
// kept in KIOSK_KEEP_PNG_DIR when that is set.
std::vector<OcrWord> read_words(SDL_Surface* surface, const std::string& languages, int psm, const std::string& name);

// The words of `text` (split at spaces, punctuation trimmed) that occur among `read`.
double share_of_words_read(const std::string& text, const std::vector<OcrWord>& read);

}  // namespace kiosk::testing
