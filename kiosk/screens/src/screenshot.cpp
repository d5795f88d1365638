#include "screens/screenshot.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
#include <system_error>

#include "platform/log.h"
#include "render/compositor.h"
#include "render/image_cache.h"
#include "render/png.h"
#include "slides/touch_views.h"

namespace kiosk::screens {

namespace {

// A long result is drawn a page at a time, as a resident scrolls it, up to this many pictures.
constexpr int kMaxDetailPages = 6;

}  // namespace

Status render_screenshots(const ScreenshotRequest& request, const LoadedContent& content, const AssetPaths& assets,
                          const config::Config& config, SteadyTime started) {
  std::error_code ec;
  std::filesystem::create_directories(request.dir, ec);
  if (ec) return make_error("screenshot directory " + request.dir + ": " + ec.message());

  SDL_SetHint(SDL_HINT_VIDEODRIVER, "dummy");
  auto sdl = render::SdlLibrary::start(SDL_INIT_VIDEO);
  if (!sdl) return sdl.error();
  auto fonts = render::FontSet::open(assets.font_regular(), assets.font_bold());
  if (!fonts) return fonts.error();

  const Size size = request.size;
  render::Surface target(SDL_CreateRGBSurfaceWithFormat(0, size.w, size.h, 32, SDL_PIXELFORMAT_ARGB8888));
  if (!target) return render::sdl_error("allocating the screenshot surface");
  render::Renderer renderer(SDL_CreateSoftwareRenderer(target.get()));
  if (!renderer) return render::sdl_error("creating the software renderer");
  auto compositor = render::Compositor::create(renderer.get(), **fonts, size.w, size.h, request.rotation);
  if (!compositor) return compositor.error();
  render::ImageCache images(renderer.get(), objects_dir(config), static_cast<std::size_t>(size.w) * size.h * 4);
  (*compositor)->canvas().set_images(&images);

  const slides::Theme theme = slides::Theme::for_screen((*compositor)->width(), (*compositor)->height());
  Scene scene(content, config, request.now);
  std::size_t shot = 0;
  // Draws one screen through the compositor as the display would, writes <dir>/<name>.png and the
  // texts drawn to <name>.txt; returns the texts.
  const auto shoot = [&](const std::string& name, const std::function<void(render::Canvas&)>& draw,
                         const std::vector<render::Compositor::Overlay>& overlays) -> Result<std::string> {
    const SteadyTime now = SystemClock().steady();
    std::vector<render::DrawnText> texts;
    (*compositor)->canvas().set_recorder(&texts);
    auto shown = (*compositor)->show(draw, render::Compositor::Change::kCut, now);
    (*compositor)->canvas().set_recorder(nullptr);
    if (!shown) return shown.error();
    std::string all_text;
    for (const auto& t : texts) all_text += t.text + "\n\n";
    (*compositor)->compose(now, overlays);
    SDL_RenderPresent(renderer.get());
    if (shot++ == 0) {
      const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(SystemClock().steady() - started).count();
      log::info("first frame rendered " + std::to_string(ms) + " ms after start (" + std::to_string(size.w) + "x" +
                std::to_string(size.h) + ", software)");
    }
    const auto base = std::filesystem::path(request.dir) / name;
    if (auto s = render::save_png(target.get(), base.string() + ".png"); !s) return s.error();
    std::ofstream text_file(base.string() + ".txt", std::ios::binary);
    text_file << all_text;
    if (!text_file) return make_error("cannot write " + base.string() + ".txt");
    return all_text;
  };
  const auto numbered = [](std::size_t n, const std::string& rest) {
    char number[16];
    std::snprintf(number, sizeof number, "%02zu-", n);
    return number + rest;
  };

  std::size_t n = 0;
  std::vector<std::string> urgent_seen;  // the urgent screens come before every slide: each notice once
  for (std::size_t i = 0; i < scene.size(); ++i) {
    // A slide that shows different screens in turn (the results slide) is drawn for each round asked.
    const bool in_turns = scene.kind(i).rounds > 1;
    const int rounds = in_turns ? std::clamp(request.result_rounds, 1, scene.kind(i).rounds) : 1;
    std::vector<std::string> seen;  // the texts of each round drawn, to stop when they repeat
    ++n;
    for (int round = 0; round < rounds; ++round) {
      const std::string name = numbered(n, std::string(scene.name(i)) + (rounds > 1 ? "-" + std::to_string(round + 1) : ""));
      auto texts = shoot(name, [&](render::Canvas& canvas) { scene.draw(i, canvas, request.now, static_cast<std::size_t>(round)); },
                         slides::progress_overlay(theme, 0.5f));
      if (!texts) return texts.error();
      if (scene.urgent(i)) {
        if (std::find(urgent_seen.begin(), urgent_seen.end(), *texts) != urgent_seen.end()) {
          std::filesystem::remove(std::filesystem::path(request.dir) / (name + ".png"), ec);
          std::filesystem::remove(std::filesystem::path(request.dir) / (name + ".txt"), ec);
          --n;
          break;
        }
        urgent_seen.push_back(*texts);
      }
      if (in_turns) {
        // Fewer results than rounds: the rotation has come round to the first again.
        if (std::find(seen.begin(), seen.end(), *texts) != seen.end()) {
          std::filesystem::remove(std::filesystem::path(request.dir) / (name + ".png"), ec);
          std::filesystem::remove(std::filesystem::path(request.dir) / (name + ".txt"), ec);
          break;
        }
        seen.push_back(*texts);
      }
    }
  }
  if (!request.touch_views && !request.map_views) return Status::success();
  const auto ctx = scene.context(request.now, 0);
  // A touch view's state as a session starts: the configured languages for its language button.
  const auto session = [&] {
    slides::ViewState state;
    for (std::size_t i = 0; i < scene.language_count(); ++i) state.languages.push_back(&scene.language(i));
    return state;
  };
  if (request.touch_views) {
    // What a resident sees after touching: the browser (this area, then all areas), and every result
    // in detail, a picture per page where it scrolls.
    const auto browser = [&](player::Filter filter, const std::string& name) -> Result<slides::ViewLayout> {
      slides::ViewState state = session();
      state.filter = filter;
      slides::ViewLayout layout;
      auto texts = shoot(numbered(++n, name), [&](render::Canvas& canvas) { layout = slides::draw_browser(canvas, theme, ctx, state); }, {});
      if (!texts) return texts.error();
      return layout;
    };
    if (auto here = browser(player::Filter::kThisArea, "browser"); !here) return here.error();
    auto all = browser(player::Filter::kAllAreas, "browser-all");
    if (!all) return all.error();
    // The session's controls: the list of languages open (with more than one), larger text, and the
    // notice before the idle return.
    const auto session_shot = [&](const std::string& name, const slides::ViewState& state, const slides::Theme& shown) {
      return shoot(numbered(++n, name), [&](render::Canvas& canvas) {
        (void)slides::draw_touch_view(player::View::kBrowser, canvas, shown, ctx, state);
      }, {});
    };
    slides::ViewState listed = session();
    listed.language_list = true;
    if (listed.languages.size() > 1) {
      if (auto shot = session_shot("browser-languages", listed, theme); !shot) return shot.error();
    }
    slides::ViewState larger = session();
    larger.larger_text = true;
    const auto larger_theme = slides::Theme::for_screen(theme.width, theme.height, slides::Theme::kLargerText);
    if (auto shot = session_shot("browser-larger-text", larger, larger_theme); !shot) return shot.error();
    slides::ViewState notice = session();
    notice.stay_notice = 15;
    if (auto shot = session_shot("browser-stay-notice", notice, theme); !shot) return shot.error();
    for (const std::string& id : all->ids) {
      slides::ViewState state = session();
      state.selected = id;
      ++n;
      const std::string name = numbered(n, "detail-" + id);
      for (int page = 1; page <= kMaxDetailPages; ++page) {
        slides::ViewLayout layout;
        auto texts = shoot(page == 1 ? name : name + "-" + std::to_string(page),
                           [&](render::Canvas& canvas) { layout = slides::draw_detail(canvas, theme, ctx, state); }, {});
        if (!texts) return texts.error();
        if (state.scroll >= layout.max_scroll) break;
        if (page == 1) {  // it scrolls: the pages are numbered from the first
          const auto base = std::filesystem::path(request.dir) / name;
          for (const char* ext : {".png", ".txt"}) {
            std::filesystem::rename(base.string() + ext, base.string() + "-1" + ext, ec);
            if (ec) return make_error("cannot rename " + base.string() + ext + ": " + ec.message());
          }
        }
        state.scroll = std::min(layout.max_scroll, state.scroll + layout.page);
      }
    }
  }

  // The touch map: the map, its largest group opened, and the own area's card.
  const auto map_view = [&](const std::string& name, const slides::ViewState& state) -> Result<slides::ViewLayout> {
    slides::ViewLayout layout;
    auto texts = shoot(numbered(++n, name), [&](render::Canvas& canvas) { layout = slides::draw_map_view(canvas, theme, ctx, state); }, {});
    if (!texts) return texts.error();
    return layout;
  };
  auto map = map_view("areamap", session());
  if (!map) return map.error();
  const player::HitRegion* largest = nullptr;
  for (const auto& r : map->regions) {
    if (r.target == player::Target::kMapGroup && (!largest || r.box.w * r.box.h > largest->box.w * largest->box.h)) largest = &r;
  }
  if (largest) {
    slides::ViewState state = session();
    state.group = largest->id;
    if (auto opened = map_view("areamap-" + largest->id, state); !opened) return opened.error();
  }
  if (ctx.area) {
    slides::ViewState state = session();
    state.area = ctx.area->id;
    auto texts = shoot(numbered(++n, "area-" + ctx.area->id),
                       [&](render::Canvas& canvas) { (void)slides::draw_area_card(canvas, theme, ctx, state); }, {});
    if (!texts) return texts.error();
  }
  return Status::success();
}

}  // namespace kiosk::screens
