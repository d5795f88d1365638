#include "render/fonts.h"

#include <algorithm>

#include "platform/files.h"
#include "render/sdl_handles.h"

namespace kiosk::render {

struct FontSet::OpenFont {
  Font font;
};

namespace {

// Sizes a layout can ask for are few (a handful per screen size, in up to three families), so the
// set stays small; the bound only guards against a layout bug asking for a new size every frame.
constexpr std::size_t kMaxOpenSizes = 64;

// A font file as large as the biggest CJK faces (Noto Sans CJK, some 20 MiB) still fits; the
// bound only stops a wrong path (a disk image, a video) from being read into memory.
constexpr std::size_t kMaxFontBytes = 32u << 20;

Result<std::string> read_font(const std::string& path) {
  auto bytes = read_file(path, kMaxFontBytes, "font file");
  if (bytes && bytes->empty()) return make_error("font file " + path + " is empty");
  return bytes;
}

std::string folder_of(const std::string& path) {
  const auto slash = path.rfind('/');
  return slash == std::string::npos ? "." : path.substr(0, slash);
}

}  // namespace

FontFiles FontFiles::in_folder(const std::string& dir) {
  return {
      .sans_regular = dir + "/NotoSans-Regular.ttf",
      .sans_bold = dir + "/NotoSans-Bold.ttf",
      .arabic_regular = dir + "/NotoSansArabic-Regular.ttf",
      .arabic_bold = dir + "/NotoSansArabic-Bold.ttf",
      .urdu_regular = dir + "/NotoNaskhArabic-Regular.ttf",
      .urdu_bold = dir + "/NotoNaskhArabic-Bold.ttf",
  };
}

FontSet::~FontSet() = default;

Result<std::unique_ptr<FontSet>> FontSet::open(const std::string& regular_path, const std::string& bold_path) {
  FontFiles files = FontFiles::in_folder(folder_of(regular_path));
  files.sans_regular = regular_path;
  files.sans_bold = bold_path;
  return open(files);
}

Result<std::unique_ptr<FontSet>> FontSet::open(const FontFiles& files) {
  std::unique_ptr<FontSet> set(new FontSet());
  const std::string* paths[kFaces][2] = {{&files.sans_regular, &files.sans_bold},
                                          {&files.arabic_regular, &files.arabic_bold},
                                          {&files.urdu_regular, &files.urdu_bold}};
  for (Face face : {Face::kSans, Face::kArabic, Face::kUrdu}) {
    const int f = static_cast<int>(face);
    for (Weight weight : {Weight::kRegular, Weight::kBold}) {
      const int w = static_cast<int>(weight);
      auto bytes = read_font(*paths[f][w]);
      if (!bytes) return bytes.error();
      set->bytes_[f][w] = std::move(*bytes);
      set->paths_[f][w] = *paths[f][w];
      // Prove the file is a font now, at start-up, rather than on the first frame; the size opened
      // for the proof is let go again, so a face nobody uses costs only its file's bytes.
      if (!set->get(24, weight, face)) return sdl_error("font file " + set->paths_[f][w]);
      set->open_.erase({24, weight, face});
    }
  }
  return set;
}

std::size_t FontSet::file_bytes() const {
  std::size_t total = 0;
  for (const auto& face : bytes_) {
    for (const auto& bytes : face) total += bytes.size();
  }
  return total;
}

TTF_Font* FontSet::get(int px, Weight weight, Face face) {
  px = std::clamp(px, 6, 600);
  const auto key = std::make_tuple(px, weight, face);
  if (auto it = open_.find(key); it != open_.end()) return it->second->font.get();
  if (open_.size() >= kMaxOpenSizes) open_.erase(open_.begin());
  const auto& bytes = bytes_[static_cast<int>(face)][static_cast<int>(weight)];
  SDL_RWops* rw = SDL_RWFromConstMem(bytes.data(), static_cast<int>(bytes.size()));
  Font font(TTF_OpenFontRW(rw, /*freesrc=*/1, px));
  if (!font) return nullptr;
  TTF_SetFontHinting(font.get(), TTF_HINTING_LIGHT);
  TTF_Font* raw = font.get();
  open_.emplace(key, std::make_unique<OpenFont>(OpenFont{std::move(font)}));
  return raw;
}

}  // namespace kiosk::render
