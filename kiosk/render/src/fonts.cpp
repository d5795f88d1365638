#include "render/fonts.h"

#include <algorithm>

#include "platform/files.h"
#include "render/sdl_handles.h"

namespace kiosk::render {

struct FontSet::Face {
  Font font;
};

namespace {

// Sizes a layout can ask for are few (a handful per screen size), so the set stays small; the bound
// only guards against a layout bug asking for a new size every frame.
constexpr std::size_t kMaxOpenSizes = 48;

// A font file as large as the biggest CJK faces (Noto Sans CJK, some 20 MiB) still fits; the
// bound only stops a wrong path (a disk image, a video) from being read into memory.
constexpr std::size_t kMaxFontBytes = 32u << 20;

Result<std::string> read_font(const std::string& path) {
  auto bytes = read_file(path, kMaxFontBytes, "font file");
  if (bytes && bytes->empty()) return make_error("font file " + path + " is empty");
  return bytes;
}

}  // namespace

FontSet::~FontSet() = default;

Result<std::unique_ptr<FontSet>> FontSet::open(const std::string& regular_path, const std::string& bold_path) {
  std::unique_ptr<FontSet> set(new FontSet());
  const std::string paths[2] = {regular_path, bold_path};
  for (int i = 0; i < 2; ++i) {
    auto bytes = read_font(paths[i]);
    if (!bytes) return bytes.error();
    set->bytes_[i] = std::move(*bytes);
    set->paths_[i] = paths[i];
  }
  // Prove both files are fonts now, at start-up, rather than on the first frame.
  for (Weight w : {Weight::kRegular, Weight::kBold}) {
    if (!set->get(24, w)) return sdl_error("font file " + set->paths_[static_cast<int>(w)]);
  }
  return set;
}

TTF_Font* FontSet::get(int px, Weight weight) {
  px = std::clamp(px, 6, 600);
  const auto key = std::make_pair(px, weight);
  if (auto it = open_.find(key); it != open_.end()) return it->second->font.get();
  if (open_.size() >= kMaxOpenSizes) open_.erase(open_.begin());
  const auto& bytes = bytes_[static_cast<int>(weight)];
  SDL_RWops* rw = SDL_RWFromConstMem(bytes.data(), static_cast<int>(bytes.size()));
  Font font(TTF_OpenFontRW(rw, /*freesrc=*/1, px));
  if (!font) return nullptr;
  TTF_SetFontHinting(font.get(), TTF_HINTING_LIGHT);
  TTF_Font* raw = font.get();
  open_.emplace(key, std::make_unique<Face>(Face{std::move(font)}));
  return raw;
}

}  // namespace kiosk::render
