// What slides draw on: filled shapes and laid-out text on one SDL renderer, in pixels of the target
// (a window or an off-screen surface; the drawing code cannot tell which). Text is rasterized once per
// (line, size, weight, colour, direction, face) and kept in a bounded cache of textures.
//
// Right to left: with set_direction(Direction::kRightToLeft) every rectangle and point a slide
// passes is mirrored about the vertical centre line (x' = width - x - w), so a slide written for
// Danish lays itself out from the right for Arabic, Urdu and Farsi. Pictures, QR codes and glyphs
// are never flipped. A KeepLeftToRight scope turns the mirroring off for what must stay as it is
// (a chart's time axis, a timeline, a map). Text is set by the Unicode Bidirectional Algorithm in
// either direction (bidi.h), and in the face its script needs (fonts.h).
//
// Slides include this header only; it keeps SDL's headers out.
#pragma once

#include <list>
#include <optional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "render/bidi.h"
#include "render/fonts.h"
#include "render/geometry.h"
#include "render/lru_cache.h"
#include "render/text_layout.h"

struct SDL_Renderer;
struct SDL_Texture;

namespace kiosk::render {

// Where lines sit in their box. kLeft is the start of a line and kRight its end: on a right-to-left
// canvas kLeft puts text against the box's right edge (the names stay, as most slides are Danish).
enum class Align { kLeft, kCenter, kRight };

class ImageCache;

// One directional run of a drawn line, as it lies on the screen.
struct DrawnRun {
  int line = 0;      // which line of the text, from 0
  std::string text;  // its characters in reading order
  int x = 0;         // screen pixels: the run's left edge and width
  int w = 0;
  Direction direction = Direction::kLeftToRight;
  Face face = Face::kSans;
};

// One run of text as it was laid out and drawn: for tests that check nothing overlaps or leaves
// the screen, and that text is large enough.
struct DrawnText {
  std::string text;  // the lines, joined by "\n"
  Rect used;         // where its pixels are, on the screen (mirrored on a right-to-left canvas)
  int px = 0;        // font size
  bool truncated = false;
  std::vector<DrawnRun> runs;  // each line's runs, leftmost first, line by line
};

struct TextStyle {
  int px = 32;                     // font size in pixels
  Weight weight = Weight::kRegular;
  Color color{255, 255, 255, 255};
  Align align = Align::kLeft;
  int max_lines = 0;               // 0: as many as fit the box
  float line_spacing = 1.0f;       // line advance as a multiple of the font's line height (Noto's has ample leading)
};

class Canvas {
 public:
  // Texture bytes the text cache may hold before it evicts the least recently used lines.
  // By default a quarter of one screen of 32-bit pixels (2 MB at 1080p): finished slides are kept as
  // whole pictures by the compositor, so text is rasterized again only when a slide is redrawn
  // (its turn in the cycle, the clock's minute), and the cache need hold little more than one
  // slide's lines.
  Canvas(SDL_Renderer* renderer, FontSet& fonts, int width, int height, std::size_t text_cache_bytes = 0);
  ~Canvas();
  Canvas(const Canvas&) = delete;
  Canvas& operator=(const Canvas&) = delete;

  int width() const { return width_; }
  int height() const { return height_; }
  Rect bounds() const { return {0, 0, width_, height_}; }

  // The direction of the slides' language: kRightToLeft mirrors the drawing (see above) and is
  // the direction of a paragraph without a strong character. kLeftToRight by default.
  void set_direction(Direction direction) { direction_ = direction; }
  Direction direction() const { return direction_; }
  // The language of the text drawn ("da", "ar", "ur", a BCP 47 tag): Urdu is set in the Urdu face,
  // and line breaking follows the language's rules. "da" by default.
  void set_language(std::string language) { language_ = std::move(language); }
  const std::string& language() const { return language_; }

  // While it lives, drawing is not mirrored (and a paragraph without a strong character reads left
  // to right): for what runs left to right in every language, such as time axes and maps.
  class KeepLeftToRight {
   public:
    explicit KeepLeftToRight(Canvas& canvas) : canvas_(canvas) { ++canvas_.keep_left_to_right_; }
    ~KeepLeftToRight() { --canvas_.keep_left_to_right_; }
    KeepLeftToRight(const KeepLeftToRight&) = delete;
    KeepLeftToRight& operator=(const KeepLeftToRight&) = delete;

   private:
    Canvas& canvas_;
  };

  // Where a rectangle the slide passes lands on the screen: itself, or mirrored while mirroring.
  // Touch views map their hit regions with it. Mirroring twice gives the rectangle back.
  Rect on_screen(const Rect& r) const;
  Point on_screen(Point p) const;

  void clear(Color c);
  void fill(const Rect& r, Color c);
  void outline(const Rect& r, int thickness, Color c);
  void fill_circle(Point center, int radius, Color c);
  void ring(Point center, int radius, int thickness, Color c);
  void line(Point a, Point b, int thickness, Color c);
  // Fills the area inside `rings` (closed polygons in pixels, even-odd: a ring inside another is a
  // hole) row by row: each row of pixels whose centre lies inside is one span.
  void fill_polygons(const std::vector<std::vector<PointF>>& rings, Color c);

  // Lays `text` out in `box` (see text_layout.h): at most style.max_lines lines and never more than
  // fit the box's height. Returns the rectangle the drawn lines occupy (empty when nothing fit).
  Rect text(std::string_view text, const Rect& box, const TextStyle& style);
  // The same layout without drawing: for sizing boxes before drawing into them.
  Rect measure(std::string_view text, const Rect& box, const TextStyle& style);
  // Width of `text` on one line.
  int text_width(std::string_view text, int px, Weight weight);
  // Vertical advance of one line at this style.
  int line_height(const TextStyle& style);

  // Draws picture `sha256` scaled to fit `box` (aspect kept, centred), or a placeholder when it
  // cannot be shown. Returns the drawn rectangle (like every returned rectangle, in the slide's
  // coordinates, before mirroring).
  Rect image(const std::string& sha256, const Rect& box);
  void set_images(ImageCache* images) { images_ = images; }

  // A QR code of `text` (error correction M), as large as fits `box`, dark modules on white with
  // the quiet zone the standard asks for. Returns the drawn square, or an empty rect when the text
  // cannot be encoded or the box is too small for modules of at least 2 pixels.
  Rect qr_code(std::string_view text, const Rect& box);
  // The side of that QR code in modules, quiet zone included (0 when the text cannot be encoded):
  // for sizing a box in which every module gets at least 2 pixels.
  static int qr_modules(std::string_view text);

  // Limits drawing to `clip` (nullopt: the whole canvas), for scrolled lists and texts.
  void set_clip(const std::optional<Rect>& clip);

  // While set, every text() call appends what it drew: the part inside the clip, when any is, where
  // it is on the screen.
  void set_recorder(std::vector<DrawnText>* recorder) { recorder_ = recorder; }

  std::size_t cached_text_bytes() const { return lines_.bytes(); }

 private:
  struct Laid {
    TextLayout layout;
    int advance;
    Rect used;
  };
  Laid lay_out(std::string_view text, const Rect& box, const TextStyle& style);
  struct LineTexture {
    SDL_Texture* texture = nullptr;
    int w = 0, h = 0;
    int rise = 0;  // the picture starts this far above the line's box (see text_line.h)
  };
  LineTexture line_texture(const std::string& line, const TextStyle& style, Direction base);
  void record(const Laid& laid, const std::vector<Direction>& bases, const Rect& box, const TextStyle& style);
  bool mirrored() const { return direction_ == Direction::kRightToLeft && keep_left_to_right_ == 0; }
  // The direction of a paragraph without a strong character.
  Direction fallback_direction() const { return mirrored() ? Direction::kRightToLeft : Direction::kLeftToRight; }
  Direction base_direction(std::string_view paragraph) const;
  Face arabic_face() const;
  // Drawing in screen pixels, after mirroring.
  void fill_on_screen(const Rect& r, Color c);
  void geometry(const std::vector<float>& xy, Color c);

  struct CachedLine;
  SDL_Renderer* renderer_;
  FontSet& fonts_;
  int width_;
  int height_;
  LruCache<std::unique_ptr<CachedLine>> lines_;
  // Measured widths of lines by their text and setting: a few thousand lines' worth, about as many
  // as all the slides and touch views of one content version try while laying themselves out.
  static constexpr std::size_t kWidthCacheBytes = 256u << 10;
  static constexpr std::size_t kWidthEntryOverhead = 96;  // the map's node and the LRU list's
  LruCache<int> widths_;
  ImageCache* images_ = nullptr;
  std::vector<DrawnText>* recorder_ = nullptr;
  std::optional<Rect> clip_;  // on the screen
  Direction direction_ = Direction::kLeftToRight;
  int keep_left_to_right_ = 0;
  std::string language_ = "da";
};

}  // namespace kiosk::render
