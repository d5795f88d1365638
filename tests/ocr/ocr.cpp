#include "ocr.h"

#include <SDL_image.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <set>
#include <sstream>
#include <stdexcept>

#include "render/sdl_handles.h"
#include "test_support.h"

namespace kiosk::testing {
namespace {

std::string run(const std::string& command) {
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(command.c_str(), "r"), pclose);
  if (!pipe) throw std::runtime_error("cannot run " + command);
  std::string out;
  std::array<char, 4096> buf;
  std::size_t n;
  while ((n = fread(buf.data(), 1, buf.size(), pipe.get())) > 0) out.append(buf.data(), n);
  return out;
}

// `text` without Arabic vowel marks (harakat, U+064B-U+065F and the dagger alif U+0670) and the
// tatweel U+0640, which readers and Tesseract may leave out, and with hyphens as spaces: a range
// such as 2018-2024 is two numbers, whichever order Tesseract gives them in.
std::string without_marks(const std::string& text) {
  std::string out;
  for (std::size_t i = 0; i < text.size();) {
    const auto lead = static_cast<unsigned char>(text[i]);
    if (lead == 0xD9 && i + 1 < text.size()) {
      const auto next = static_cast<unsigned char>(text[i + 1]);
      const unsigned cp = 0x640 + (next & 0x3F);  // U+0640..U+067F
      if (cp == 0x640 || (cp >= 0x64B && cp <= 0x65F) || cp == 0x670) {
        i += 2;
        continue;
      }
    }
    out += text[i] == '-' ? ' ' : text[i];
    ++i;
  }
  return out;
}

// Splits at spaces and drops punctuation at either end of a word (Latin and Arabic marks), and the
// invisible direction marks Tesseract puts around a Latin word inside Arabic (LRM, RLM, ALM).
std::vector<std::string> words_of(const std::string& text) {
  static const std::string kTrim[] = {".", ",", ":", ";", "!", "?", "(", ")", "\"", "'", "«", "»", "،", "؛", "؟", "۔",
                                    "\u200e", "\u200f", "\u061c"};
  std::vector<std::string> out;
  std::istringstream in(without_marks(text));
  std::string w;
  while (in >> w) {
    bool trimmed = true;
    while (trimmed && !w.empty()) {
      trimmed = false;
      for (const auto& t : kTrim) {
        if (w.size() >= t.size() && w.compare(w.size() - t.size(), t.size(), t) == 0) {
          w.erase(w.size() - t.size());
          trimmed = true;
        }
        if (w.size() >= t.size() && w.compare(0, t.size(), t) == 0) {
          w.erase(0, t.size());
          trimmed = true;
        }
      }
    }
    if (!w.empty()) out.push_back(w);
  }
  return out;
}

}  // namespace

std::vector<OcrWord> read_words(SDL_Surface* surface, const std::string& languages, int psm, const std::string& name) {
  render::Surface grey(SDL_ConvertSurfaceFormat(surface, SDL_PIXELFORMAT_ARGB8888, 0));
  if (!grey) throw std::runtime_error(SDL_GetError());
  // Light text on a dark ground becomes dark on light: Tesseract's models were trained so.
  auto* px = static_cast<Uint32*>(grey->pixels);
  for (int y = 0; y < grey->h; ++y) {
    for (int x = 0; x < grey->w; ++x) {
      Uint32& p = px[y * (grey->pitch / 4) + x];
      const int luma = (((p >> 16) & 0xFF) * 299 + ((p >> 8) & 0xFF) * 587 + (p & 0xFF) * 114) / 1000;
      const Uint32 v = static_cast<Uint32>(255 - luma);
      p = 0xFF000000u | (v << 16) | (v << 8) | v;
    }
  }
  const char* keep = std::getenv("KIOSK_KEEP_PNG_DIR");
  TempDir dir;
  const std::string png = (keep ? std::string(keep) : dir.path().string()) + "/" + name + ".png";
  if (IMG_SavePNG(grey.get(), png.c_str()) != 0) throw std::runtime_error(IMG_GetError());
  const std::string tsv =
      run("tesseract '" + png + "' - -l " + languages + " --psm " + std::to_string(psm) + " tsv 2>/dev/null");
  std::vector<OcrWord> words;
  std::istringstream lines(tsv);
  std::string line;
  std::getline(lines, line);  // the column names
  while (std::getline(lines, line)) {
    std::vector<std::string> cols;
    std::istringstream fields(line);
    std::string f;
    while (std::getline(fields, f, '\t')) cols.push_back(f);
    if (cols.size() < 12 || cols[0] != "5" || cols[11].empty()) continue;  // level 5: a word
    OcrWord w;
    w.line = std::stoi(cols[2]) * 10000 + std::stoi(cols[3]) * 100 + std::stoi(cols[4]);
    w.left = std::stoi(cols[6]);
    w.top = std::stoi(cols[7]);
    w.width = std::stoi(cols[8]);
    w.height = std::stoi(cols[9]);
    w.confidence = std::stod(cols[10]);
    for (const auto& piece : words_of(cols[11])) {
      w.text = piece;
      words.push_back(w);
    }
  }
  return words;
}

double share_of_words_read(const std::string& text, const std::vector<OcrWord>& read) {
  const auto wanted = words_of(text);
  if (wanted.empty()) return 0;
  std::multiset<std::string> seen;
  for (const auto& w : read) seen.insert(w.text);
  int found = 0;
  for (const auto& w : wanted) {
    auto it = seen.find(w);
    if (it != seen.end()) {
      ++found;
      seen.erase(it);
    }
  }
  return static_cast<double>(found) / static_cast<double>(wanted.size());
}

}  // namespace kiosk::testing
