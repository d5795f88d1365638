#include "text_line.h"

#include <algorithm>
#include <string>

namespace kiosk::render {
namespace {

// The font of `run`, told the run's direction and script so HarfBuzz shapes it as such (Arabic
// letters joined, right to left). Fonts are shared between runs, so this is set before every use.
TTF_Font* font_for(FontSet& fonts, const PlacedRun& run, const LineSetting& setting) {
  TTF_Font* font = fonts.get(setting.px, setting.weight, run.face);
  if (!font) return nullptr;
  const bool rtl = run.run.direction == Direction::kRightToLeft;
  TTF_SetFontDirection(font, rtl ? TTF_DIRECTION_RTL : TTF_DIRECTION_LTR);
  TTF_SetFontScriptName(font, run.run.script == Script::kArabic ? "Arab" : "Latn");
  return font;
}

}  // namespace

ShapedLine shape_line(FontSet& fonts, std::string_view line, const LineSetting& setting) {
  ShapedLine shaped;
  for (TextRun& run : visual_runs(line, setting.base)) {
    PlacedRun placed{std::move(run), Face::kSans, shaped.width, 0};
    if (placed.run.script == Script::kArabic) placed.face = setting.arabic_face;
    if (TTF_Font* font = font_for(fonts, placed, setting)) {
      int h = 0;
      TTF_SizeUTF8(font, placed.run.text.c_str(), &placed.w, &h);
    }
    shaped.width += placed.w;
    shaped.runs.push_back(std::move(placed));
  }
  return shaped;
}

Surface render_line(FontSet& fonts, const ShapedLine& shaped, const LineSetting& setting, Color color, int* rise) {
  *rise = 0;
  const SDL_Color sdl_color{color.r, color.g, color.b, color.a};
  if (shaped.runs.empty()) return nullptr;
  if (shaped.runs.size() == 1 && shaped.runs[0].face == Face::kSans) {
    TTF_Font* font = font_for(fonts, shaped.runs[0], setting);
    return Surface(font ? TTF_RenderUTF8_Blended(font, shaped.runs[0].run.text.c_str(), sdl_color) : nullptr);
  }
  // Runs share one baseline. The picture spans the highest ascent and deepest descent of the faces
  // in it, and starts `rise` pixels above where a Noto Sans line would.
  TTF_Font* sans = fonts.get(setting.px, setting.weight, Face::kSans);
  if (!sans) return nullptr;
  int ascent = TTF_FontAscent(sans), below = TTF_FontHeight(sans) - TTF_FontAscent(sans);
  for (const auto& run : shaped.runs) {
    if (TTF_Font* font = fonts.get(setting.px, setting.weight, run.face)) {
      ascent = std::max(ascent, TTF_FontAscent(font));
      below = std::max(below, TTF_FontHeight(font) - TTF_FontAscent(font));
    }
  }
  Surface line(SDL_CreateRGBSurfaceWithFormat(0, std::max(1, shaped.width), ascent + below, 32, SDL_PIXELFORMAT_ARGB8888));
  if (!line) return nullptr;
  SDL_FillRect(line.get(), nullptr, SDL_MapRGBA(line->format, color.r, color.g, color.b, 0));
  for (const auto& run : shaped.runs) {
    TTF_Font* font = font_for(fonts, run, setting);
    if (!font || run.run.text.empty()) continue;
    Surface piece(TTF_RenderUTF8_Blended(font, run.run.text.c_str(), sdl_color));
    if (!piece) continue;
    // Runs do not overlap, so each is copied as it is (blending onto the transparent line would
    // darken the glyphs' edges).
    SDL_SetSurfaceBlendMode(piece.get(), SDL_BLENDMODE_NONE);
    SDL_Rect dst{run.x, ascent - TTF_FontAscent(font), piece->w, piece->h};
    SDL_BlitSurface(piece.get(), nullptr, line.get(), &dst);
  }
  *rise = ascent - TTF_FontAscent(sans);
  return line;
}

}  // namespace kiosk::render
