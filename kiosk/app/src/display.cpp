#include "display.h"

#include <cstdio>
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <tuple>
#include <string>

#include "app/kiosk_app.h"
#include "app/content_watch.h"
#include "render/png.h"
#include "slides/touch_views.h"
#include "app/staff_facts.h"
#include "touch_input.h"
#include "app/scene.h"
#include "platform/log.h"
#include "platform/process.h"
#include "platform/service_notify.h"
#include "player/cycle.h"
#include "power/command_runner.h"
#include "power/controller.h"
#include "power/display_power.h"
#include "render/compositor.h"
#include "render/frame_watch.h"
#include "render/image_cache.h"
#include "render/sdl_handles.h"

namespace kiosk::app {
namespace {

using namespace std::chrono_literals;

constexpr Size kDefaultWindow{1280, 720};
// The footer's progress bar moves in steps of about this; between steps nothing is drawn.
constexpr auto kProgressStep = 1000ms;
// Frame pacing during a transition when the renderer has no vsync to wait on.
constexpr auto kFrameInterval = 16ms;
// The longest the loop goes without presenting a frame (the watchdog's evidence of life).
constexpr auto kKeepAlive = 5s;
// How often the presented frame is read back and judged (the render-verified watchdog).
constexpr auto kRenderCheck = 5s;
// How often the cache is asked whether kiosk-sync committed a new version.
constexpr auto kWatchInterval = 2s;
// The next slide of the cycle is drawn this long before its turn, while the screen is still, so
// that every frame of its transition is a copy.
constexpr auto kPrepareAhead = 1s;

// Video drivers to try, in order, unless SDL_VIDEODRIVER says otherwise: a desktop session when
// there is one, else the console through KMS/DRM (how the kiosk runs under systemd). Probing for a
// compositor that is not there only prints noise.
void choose_video_drivers() {
  if (std::getenv("SDL_VIDEODRIVER")) return;
  std::string drivers;
  if (std::getenv("WAYLAND_DISPLAY")) drivers += "wayland,";
  if (std::getenv("DISPLAY")) drivers += "x11,";
  drivers += "kmsdrm";
  SDL_SetHint(SDL_HINT_VIDEODRIVER, drivers.c_str());
}

// Waits up to `timeout_ms` for an event. SDL waits natively only on some video drivers; on the
// others (KMS/DRM on the console, where the kiosk runs) SDL_WaitEventTimeout wakes every
// millisecond, which would cost a few percent of a core on a static slide. There, the kiosk
// sleeps in short slices and looks for events between them: input is noticed within one slice.
bool wait_for_event(SDL_Event* e, int timeout_ms) {
  static const bool native = [] {
    const std::string d = SDL_GetCurrentVideoDriver() ? SDL_GetCurrentVideoDriver() : "";
    return d == "x11" || d == "wayland";
  }();
  if (native) return SDL_WaitEventTimeout(e, timeout_ms) != 0;
  constexpr int kSliceMs = 15;
  const Uint64 end = SDL_GetTicks64() + static_cast<Uint64>(std::max(0, timeout_ms));
  while (true) {
    if (SDL_PollEvent(e)) return true;
    const Uint64 now = SDL_GetTicks64();
    if (now >= end) return false;
    SDL_Delay(static_cast<Uint32>(std::min<Uint64>(kSliceMs, end - now)));
  }
}

void no_display(const std::string& why) {
  std::fprintf(stderr, "kiosk: no display available (%s); to render the slides without one, run: kiosk --screenshot DIR\n",
               why.c_str());
}

struct Window {
  render::Window window;
  render::Renderer renderer;
  bool vsync = false;
};

// The renderer for the window, made the same way at the start and after every rebuild: the
// accelerated one (OpenGL ES 2 on the Pi's KMS/DRM) with vsync and slide textures, else SDL's
// software renderer. `w.vsync` says whether presenting waits for the display, which paces the
// transitions. The software renderer draws into the window's own framebuffer: in an X window SDL
// would otherwise put that framebuffer on OpenGL too, loading Mesa for nothing (about 110 MB).
Status create_renderer(Window& w) {
  const char* asked = SDL_GetHint(SDL_HINT_RENDER_DRIVER);
  if (asked && std::string(asked) == "software") SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
  w.renderer.reset();
  w.renderer.reset(SDL_CreateRenderer(w.window.get(), -1,
                                      SDL_RENDERER_ACCELERATED | SDL_RENDERER_PRESENTVSYNC | SDL_RENDERER_TARGETTEXTURE));
  if (!w.renderer) {
    log::warning(std::string("no accelerated renderer (") + SDL_GetError() + "); using the software renderer");
    SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
    w.renderer.reset(SDL_CreateRenderer(w.window.get(), -1, SDL_RENDERER_SOFTWARE | SDL_RENDERER_TARGETTEXTURE));
  }
  if (!w.renderer) return render::sdl_error("creating a renderer");
  SDL_RendererInfo info{};
  if (SDL_GetRendererInfo(w.renderer.get(), &info) != 0) return render::sdl_error("reading what the renderer can do");
  // SDL's software renderer reports vsync but does not wait for the display: frames are paced by
  // the loop's own interval there.
  w.vsync = (info.flags & SDL_RENDERER_PRESENTVSYNC) && std::string(info.name) != "software";
  log::info(std::string("renderer: ") + info.name + (w.vsync ? ", vsync" : ", no vsync") +
            ((info.flags & SDL_RENDERER_TARGETTEXTURE) ? ", slide textures" : ", no slide textures"));
  return Status::success();
}

Result<Window> open_window(const Options& options, const config::Config& config) {
  const bool windowed = options.windowed || options.size.has_value();
  Size size = options.size.value_or(config.width > 0 ? Size{config.width, config.height} : kDefaultWindow);
  Uint32 flags = SDL_WINDOW_SHOWN | SDL_WINDOW_ALLOW_HIGHDPI;
  if (windowed) {
    flags |= SDL_WINDOW_RESIZABLE;
  } else {
    flags |= config.width > 0 ? SDL_WINDOW_FULLSCREEN : SDL_WINDOW_FULLSCREEN_DESKTOP;
  }
  int x = SDL_WINDOWPOS_CENTERED, y = SDL_WINDOWPOS_CENTERED;
  SDL_DisplayMode desktop;
  if (!windowed && config.width == 0 && SDL_GetDesktopDisplayMode(0, &desktop) == 0) {
    // Ask for the whole screen up front too: without a window manager (a bare X server) the
    // fullscreen flag alone leaves the window at its requested size.
    size = {desktop.w, desktop.h};
    x = y = 0;
  }
  Window w;
  w.window.reset(SDL_CreateWindow("Kiosk", x, y, size.w, size.h, flags));
  if (!w.window) return render::sdl_error("creating the window");
  if (!windowed) SDL_ShowCursor(SDL_DISABLE);
  if (auto s = create_renderer(w); !s) return s.error();
  return w;
}

// Everything that draws, rebuilt when the output size changes or the renderer loses its textures.
struct Stage {
  std::unique_ptr<render::Compositor> compositor;
  std::unique_ptr<render::ImageCache> images;
  slides::Theme theme;
};

Result<Stage> make_stage(SDL_Renderer* renderer, render::FontSet& fonts, int rotation, const std::string& objects) {
  int w = 0, h = 0;
  if (SDL_GetRendererOutputSize(renderer, &w, &h) != 0) return render::sdl_error("reading the output size");
  auto compositor = render::Compositor::create(renderer, fonts, w, h, rotation);
  if (!compositor) return compositor.error();
  Stage stage;
  stage.compositor = std::move(*compositor);
  stage.images = std::make_unique<render::ImageCache>(renderer, objects, static_cast<std::size_t>(w) * h * 2);
  stage.compositor->canvas().set_images(stage.images.get());
  stage.theme = slides::Theme::for_screen(stage.compositor->width(), stage.compositor->height());
  return stage;
}

// The screen's power by the configured week. Without a [power] schedule the kiosk leaves the screen
// alone (an always-on screen needs no commands); with one, a backend that cannot be used is logged
// and the screen only shows black while off.
power::PowerController make_power(const config::Config& config, power::CommandRunner& runner) {
  std::unique_ptr<power::DisplayPower> backend;
  const bool scheduled = !config.power_schedule.always_on();
  if (!scheduled && config.power_backend.backend == power::Backend::kAuto) {
    backend = std::make_unique<power::BlackScreen>();
  } else if (auto chosen = power::choose_backend(config.power_backend, runner)) {
    backend = std::move(*chosen);
  } else {
    log::error("display power: " + chosen.error().message + "; the screen shows black while it should be off");
    backend = std::make_unique<power::BlackScreen>();
  }
  if (scheduled) {
    std::string week;
    for (int d = 0; d < 7; ++d) {
      week += (d ? ", " : "") + std::string(power::kWeekdays[static_cast<std::size_t>(d)]) + " " +
              power::format_day(config.power_schedule.day(d));
    }
    log::info("display power: " + backend->describe() + "; on " + week);
  }
  return power::PowerController(config.power_schedule, config.wake_on_touch, std::move(backend));
}

// After the screen or TV comes back it may offer another mode: a fullscreen window that follows
// the desktop takes the display's current size again.
void follow_display_mode(SDL_Window* window) {
  if (!(SDL_GetWindowFlags(window) & SDL_WINDOW_FULLSCREEN_DESKTOP)) return;
  SDL_DisplayMode mode;
  const int display = SDL_GetWindowDisplayIndex(window);
  if (display < 0 || SDL_GetDesktopDisplayMode(display, &mode) != 0) return;
  int w = 0, h = 0;
  SDL_GetWindowSize(window, &w, &h);
  if (w != mode.w || h != mode.h) SDL_SetWindowSize(window, mode.w, mode.h);
}

}  // namespace

int run_display(const Options& options, const config::Config& config, const AssetPaths& assets, SteadyTime started) {
  // Closing the window is a user action handled below; SDL_QUIT then only means SIGTERM/SIGINT.
  SDL_SetHint(SDL_HINT_QUIT_ON_LAST_WINDOW_CLOSE, "0");
  // Touches and mouse clicks are handled each as themselves, not copied into one another.
  SDL_SetHint(SDL_HINT_TOUCH_MOUSE_EVENTS, "0");
  SDL_SetHint(SDL_HINT_MOUSE_TOUCH_EVENTS, "0");
  choose_video_drivers();
  auto sdl = render::SdlLibrary::start(SDL_INIT_VIDEO | SDL_INIT_EVENTS);
  if (!sdl) {
    no_display(sdl.error().message);
    return kExitNoDisplay;
  }
  auto fonts = render::FontSet::open(assets.font_regular(), assets.font_bold());
  if (!fonts) {
    log::error(fonts.error().message);
    return kExitFailure;
  }
  auto window = open_window(options, config);
  if (!window) {
    no_display(window.error().message);
    return kExitNoDisplay;
  }
  SDL_Renderer* renderer = window->renderer.get();  // replaced when the render check rebuilds it
  ContentWatch watch(config.database);
  watch.changed();  // takes note of the cache as it is now
  auto loaded = load_content(config, assets);
  if (!loaded) {
    log::error(loaded.error().message);
    return kExitFailure;
  }
  auto content = std::make_unique<LoadedContent>(std::move(*loaded));
  const int rotation = options.rotation.value_or(static_cast<int>(config.rotation));
  auto stage = make_stage(renderer, **fonts, rotation, objects_dir(config));
  if (!stage) {
    log::error(stage.error().message);
    return kExitFailure;
  }
  const bool quit_keys = options.windowed || options.size.has_value() || config.allow_quit_keys;

  // The clock the loop runs on: the system's, or with --simulated-time one that the loop moves on
  // itself to the next thing to draw instead of waiting.
  SystemClock system_clock;
  std::optional<FakeClock> simulated;
  if (options.simulated_time) simulated.emplace(system_clock.wall());
  const Clock& clock = simulated ? static_cast<const Clock&>(*simulated) : system_clock;
  auto scene = std::make_unique<Scene>(*content, config);
  const auto durations = scene->durations();
  player::Cycle cycle({durations.begin(), durations.end()}, clock.steady());
  player::NavigatorSettings nav_settings;
  nav_settings.idle_return = config.idle_return;
  nav_settings.width = static_cast<float>(stage->compositor->width());
  nav_settings.height = static_cast<float>(stage->compositor->height());
  nav_settings.tap_slop = static_cast<float>(slides::touch_target_px(stage->theme)) / 2;
  player::Navigator nav(nav_settings);
  power::SpawnRunner power_runner;
  power::PowerController power = make_power(config, power_runner);
  bool screen_on = true;
  std::vector<ScriptedTouch> script;
  if (options.touch_script) {
    auto loaded_script = load_touch_script(*options.touch_script);
    if (!loaded_script) {
      log::error(loaded_script.error().message);
      return kExitFailure;
    }
    script = std::move(*loaded_script);
  }
  std::size_t next_scripted = 0;
  int dumped = 0;

  float list_item_height = 1;  // of the browser's list, as last drawn
  // Draws what the navigator says is on screen (a slide of the cycle, the browser, a detail, the
  // staff overlay) and tells the navigator where the touchable things now are.
  const auto draw_screen = [&](render::Compositor::Change change, SteadyTime now) {
    slides::ViewLayout layout;
    const slides::ViewState vs{nav.filter(), nav.scroll(), nav.pressed(), nav.pressed_id(), nav.selected()};
    const std::size_t round = static_cast<std::size_t>(cycle.round());
    auto shown = stage->compositor->show(
        [&](render::Canvas& canvas) {
          const WallTime wall = clock.wall();
          const auto ctx = scene->context(wall, round);
          switch (nav.view()) {
            case player::View::kCycle:
              scene->draw(cycle.current(), canvas, wall, round);
              layout = slides::cycle_regions(stage->theme, scene->kind(cycle.current()).tap_opens_browser);
              break;
            case player::View::kBrowser:
              layout = slides::draw_browser(canvas, stage->theme, ctx, vs);
              break;
            case player::View::kDetail:
              layout = slides::draw_detail(canvas, stage->theme, ctx, vs);
              break;
          }
          if (nav.overlay()) {
            slides::draw_staff_overlay(canvas, stage->theme,
                                       staff_facts(config, scene->content(), stage->compositor->width(),
                                                   stage->compositor->height(), started, wall, ctx.stale));
          }
        },
        change, now);
    if (!shown) log::error(shown.error().message);
    nav.set_hit_regions(layout.regions);
    nav.set_scroll_extent(layout.max_scroll, layout.page);
    if (nav.view() == player::View::kBrowser) {
      nav.set_list(layout.ids, layout.item_height);
      list_item_height = layout.item_height;
    }
  };
  // What a slide drawn ahead of its turn shows: which slide, in which round, with which minute on
  // the clock. It is used only if all three are still so when its turn comes.
  const auto coming_key = [](std::size_t index, std::uint64_t round, std::chrono::sys_time<std::chrono::minutes> minute) {
    return std::to_string(index) + " " + std::to_string(round) + " " + std::to_string(minute.time_since_epoch().count());
  };
  // What, of the navigator's state, changes the picture.
  const auto nav_state = [&] {
    return std::make_tuple(nav.view(), nav.scroll(), nav.filter(), nav.pressed(), nav.pressed_id(), nav.overlay(),
                           nav.selected());
  };
  // Everything drawn again for the output's current size: after a resize, a lost renderer, or the
  // screen coming back on.
  const auto relayout = [&](SteadyTime at) {
    auto rebuilt = make_stage(renderer, **fonts, rotation, objects_dir(config));
    if (!rebuilt) {
      log::error(rebuilt.error().message);
      return;
    }
    stage = std::move(rebuilt);
    nav.resize(static_cast<float>(stage->compositor->width()), static_cast<float>(stage->compositor->height()),
               static_cast<float>(slides::touch_target_px(stage->theme)) / 2);
    draw_screen(render::Compositor::Change::kCut, at);
  };
  const auto stop_at = !options.run_for_seconds ? SteadyTime::max()
                       : simulated             ? clock.steady() + std::chrono::seconds(*options.run_for_seconds)
                                               : started + std::chrono::seconds(*options.run_for_seconds);
  // Simulated time: memory and open files once a simulated hour, for the soak test.
  SteadyTime next_soak_report = simulated ? clock.steady() : SteadyTime::max();

  draw_screen(render::Compositor::Change::kCut, clock.steady());
  SteadyTime first_frame_at = SteadyTime::max();
  ServiceNotifier service;
  SteadyTime last_present = clock.steady();
  // The longest a correct screen stays unchanged: a slide's time or the browser's idle time, plus
  // the clock's minute and a margin.
  const auto max_still = std::max(*std::max_element(durations.begin(), durations.end()), config.idle_return) + 90s;
  render::FrameWatch frame_watch(max_still);
  SteadyTime next_render_check = clock.steady() + kRenderCheck;
  int failed_checks = 0;
  SteadyTime next_watch = clock.steady() + kWatchInterval;
  bool first_frame = true;
  bool dirty = true;
  bool redrawn = true;     // something new was drawn that has not been presented still yet
  bool was_moving = false;  // the last frame was part of a transition
  long long drawn_step = -1;
  auto drawn_minute = std::chrono::floor<std::chrono::minutes>(clock.wall());
  std::string unpreparable;  // the coming slide that could not be drawn ahead: not tried again
  while (true) {
    SteadyTime now = clock.steady();
    if (now >= next_soak_report) {
      const auto hours = std::chrono::duration_cast<std::chrono::hours>(now - SteadyTime{}).count();
      log::info("soak: hour " + std::to_string(hours) + ", RSS " + std::to_string(current_rss_kb().value_or(-1)) +
                " KiB, open files " + std::to_string(open_fd_count().value_or(-1)));
      next_soak_report = now + std::chrono::hours(1);
    }
    if (now >= stop_at) {
      if (auto kb = peak_rss_kb()) log::info("stopping after --run-for; peak RSS " + std::to_string(*kb) + " KiB");
      power.leave_on();
      return kExitOk;
    }
    if (const auto change = power.update(now, clock.wall()); change && *change != screen_on) {
      screen_on = *change;
      const std::string why = power.reason(clock.wall());
      if (screen_on) {
        follow_display_mode(window->window.get());
        relayout(now);
        cycle.jump_to(0, now);
        draw_screen(render::Compositor::Change::kCut, now);
        frame_watch.reset();
        next_render_check = now + kRenderCheck;
        log::info("display power: screen on (" + why + "), laid out for " + std::to_string(stage->compositor->width()) +
                  "x" + std::to_string(stage->compositor->height()));
        service.status("showing slides");
      } else {
        log::info("display power: screen off (" + why + ")");
        service.status("screen " + why);
      }
      dirty = redrawn = true;
    }
    // A scripted touch waits, too, until the screen before it is still and presented, as a
    // person's would: the replay shows the same screens on a slow machine (an emulator) as on a fast one.
    while (next_scripted < script.size() && first_frame_at != SteadyTime::max() &&
           now >= first_frame_at + script[next_scripted].at && !redrawn && !stage->compositor->moving(now)) {
      push_touch(script[next_scripted++], renderer, *stage->compositor);
    }
    if (now >= next_watch) {
      next_watch = now + kWatchInterval;
      // A new version from kiosk-sync slides in over what is shown: no restart, no blank frame.
      if (watch.changed()) {
        if (auto fresh = load_content(config, assets)) {
          auto fresh_content = std::make_unique<LoadedContent>(std::move(*fresh));
          scene = std::make_unique<Scene>(*fresh_content, config);
          content = std::move(fresh_content);
          std::vector<std::string> ids;
          for (const auto* r : slides::filtered_results(content->content, scene->area(), nav.filter())) ids.push_back(r->id);
          nav.content_changed(ids, list_item_height);
          draw_screen(render::Compositor::Change::kTransition, now);
          dirty = redrawn = true;
        } else {
          log::error(fresh.error().message);
        }
      }
    }
    // Timeouts, long press and inertia move on with time.
    const auto before = nav_state();
    nav.update(now);
    if (nav.take_returned_to_cycle()) {
      cycle.jump_to(cycle.current(), now);
      draw_screen(render::Compositor::Change::kTransition, now);
      dirty = redrawn = true;
    } else if (nav_state() != before) {
      draw_screen(render::Compositor::Change::kRedraw, now);
      dirty = redrawn = true;
    }
    if (const int swipe = nav.take_swipe(); swipe != 0 && nav.view() == player::View::kCycle) {
      const auto n = static_cast<long long>(cycle.size());
      cycle.jump_to(static_cast<std::size_t>((static_cast<long long>(cycle.current()) + swipe + n) % n), now);
      draw_screen(render::Compositor::Change::kTransition, now);
      dirty = redrawn = true;
    }
    // The cycle waits while someone touches the screen or browses, and while the screen is off.
    if (nav.view() != player::View::kCycle || nav.touching() || !screen_on) {
      cycle.jump_to(cycle.current(), now);
    } else if (cycle.advance(now)) {
      const auto minute = std::chrono::floor<std::chrono::minutes>(clock.wall());
      if (stage->compositor->prepared() == coming_key(cycle.current(), cycle.round(), minute) && !nav.overlay() &&
          stage->compositor->show_prepared(render::Compositor::Change::kTransition, now)) {
        nav.set_hit_regions(slides::cycle_regions(stage->theme, scene->kind(cycle.current()).tap_opens_browser).regions);
        nav.set_scroll_extent(0, 0);
      } else {
        draw_screen(render::Compositor::Change::kTransition, now);
      }
      drawn_minute = minute;
      dirty = redrawn = true;
    }
    if (screen_on && std::chrono::floor<std::chrono::minutes>(clock.wall()) != drawn_minute) {
      draw_screen(render::Compositor::Change::kRedraw, now);
      drawn_minute = std::chrono::floor<std::chrono::minutes>(clock.wall());
      dirty = redrawn = true;
    }
    const long long step = screen_on ? (now - cycle.started()) / kProgressStep : drawn_step;
    const bool moving = stage->compositor->moving(now);
    // The frame after a transition ends shows the slide exactly in place.
    // A frame at least every few seconds whatever is shown, so the watchdog hears from the loop.
    if (dirty || moving || was_moving || step != drawn_step || now - last_present >= kKeepAlive) {
      was_moving = moving;
      const float progress = std::min(1.0f, static_cast<float>(std::chrono::duration<double>(kProgressStep * step) /
                                                                std::chrono::duration<double>(cycle.next_change() - cycle.started())));
      stage->compositor->compose(now, nav.view() == player::View::kCycle ? slides::progress_overlay(stage->theme, progress)
                                                                         : std::vector<render::Compositor::Overlay>{});
      if (options.fault_black_frames || !screen_on) {  // off; or, for the tests, a renderer gone wrong
        SDL_SetRenderDrawColor(renderer, 0, 0, 0, 255);
        SDL_RenderClear(renderer);
      }
      if (now >= next_render_check && !moving && screen_on) {
        next_render_check = now + kRenderCheck;
        int w = 0, h = 0;
        SDL_GetRendererOutputSize(renderer, &w, &h);
        auto thumbnail = render::read_thumbnail(renderer, w, h, 32, 18);
        const auto verdict = thumbnail ? frame_watch.check(*thumbnail, now) : render::FrameWatch::Verdict::kSingleColour;
        if (verdict == render::FrameWatch::Verdict::kAlive) {
          failed_checks = 0;
        } else {
          ++failed_checks;
          const std::string what = verdict == render::FrameWatch::Verdict::kFrozen ? "has not changed for too long"
                                                                                   : "shows a single colour";
          if (failed_checks == 1) {
            // Rebuild the renderer and everything drawn with it, then draw the screen again.
            log::error("render check: the screen " + what + "; rebuilding the renderer");
            stage = Result<Stage>(make_error("rebuilding"));
            const Status remade = create_renderer(*window);
            renderer = window->renderer.get();
            if (remade) stage = make_stage(renderer, **fonts, rotation, objects_dir(config));
            if (!remade || !stage) {
              log::error("render check: the renderer could not be rebuilt; stopping");
              return kExitFailure;
            }
            frame_watch.reset();
            draw_screen(render::Compositor::Change::kCut, now);
            dirty = redrawn = true;
            continue;
          }
          if (failed_checks == 2) {
            log::error("render check: the screen still " + what + " after a rebuild; no longer pinging the watchdog");
            service.stop_watchdog("render check failed: the screen " + what);
            if (!service.watchdog_enabled()) return kExitFailure;  // nobody else will restart it
          }
        }
      }
      if (options.dump_frames && redrawn && !moving) {
        char name[64];
        std::snprintf(name, sizeof name, "/%03d-%s.png", dumped++,
                      nav.view() == player::View::kCycle ? scene->name(cycle.current())
                      : nav.view() == player::View::kBrowser ? "browser" : "detail");
        int w = 0, h = 0;
        SDL_GetRendererOutputSize(renderer, &w, &h);
        std::error_code ec;
        std::filesystem::create_directories(*options.dump_frames, ec);
        if (auto pixels = render::read_pixels(renderer, w, h)) (void)render::save_png(pixels->get(), *options.dump_frames + name);
      }
      if (!moving) redrawn = false;
      SDL_RenderPresent(renderer);
      last_present = clock.steady();
      dirty = false;
      drawn_step = step;
      if (first_frame) {
        first_frame = false;
        first_frame_at = clock.steady();
        const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(system_clock.steady() - started).count();
        int w = 0, h = 0;
        SDL_GetRendererOutputSize(renderer, &w, &h);
        log::info("first frame presented " + std::to_string(ms) + " ms after start (" + std::to_string(w) + "x" +
                  std::to_string(h) + ", " + SDL_GetCurrentVideoDriver() + ")");
        service.ready();
      }
      service.frame_presented(last_present);
    }

    // Sleep until the next thing that changes the picture, or an event. During a transition or a
    // fling the renderer's vsync paces the frames; without vsync, a frame interval does.
    now = clock.steady();
    std::chrono::steady_clock::duration wait;
    using D = std::chrono::steady_clock::duration;
    const SteadyTime next_touch =
        next_scripted < script.size() && first_frame_at != SteadyTime::max() ? first_frame_at + script[next_scripted].at : SteadyTime::max();
    if (!screen_on) {
      // Off: a black frame for the watchdog every few seconds, and a look at the schedule.
      wait = std::min({D(last_present + kKeepAlive - std::min(last_present + kKeepAlive, now)), D(next_watch - now),
                       D(next_touch - std::min(next_touch, now)),
                       D(stop_at - now), D(power.next_deadline() - std::min(power.next_deadline(), now)),
                       std::chrono::duration_cast<D>(std::chrono::floor<std::chrono::minutes>(clock.wall()) + 1min - clock.wall())});
    } else if (stage->compositor->moving(now) || nav.moving() || was_moving) {
      wait = window->vsync ? D::zero() : D(kFrameInterval);
    } else {
      // Still: draw the coming slide now if its turn is near, then work out the wait again.
      if (nav.view() == player::View::kCycle && !nav.touching() && !nav.overlay() && cycle.size() > 1 &&
          cycle.next_change() - now <= kPrepareAhead) {
        const std::size_t next = (cycle.current() + 1) % cycle.size();
        const std::uint64_t round = cycle.round() + (next == 0 ? 1 : 0);
        const WallTime at = clock.wall() + std::chrono::duration_cast<std::chrono::system_clock::duration>(cycle.next_change() - now);
        const std::string key = coming_key(next, round, std::chrono::floor<std::chrono::minutes>(at));
        if (stage->compositor->prepared() != key && key != unpreparable) {
          auto drawn = stage->compositor->prepare(
              [&](render::Canvas& canvas) { scene->draw(next, canvas, at, static_cast<std::size_t>(round)); }, key);
          if (drawn) continue;
          log::error(drawn.error().message + "; the slide is drawn when its turn comes");
          unpreparable = key;
        }
      }
      const auto wall = clock.wall();
      const auto next_minute = std::chrono::floor<std::chrono::minutes>(wall) + 1min;
      wait = std::min({D(cycle.next_change() - now), D(cycle.started() + kProgressStep * (drawn_step + 1) - now),
                       std::chrono::duration_cast<D>(next_minute - wall), D(stop_at - now), D(next_watch - now),
                       D(nav.next_deadline() - std::min(nav.next_deadline(), now)), D(next_touch - std::min(next_touch, now)),
                       D(last_present + kKeepAlive - std::min(last_present + kKeepAlive, now)),
                       D(power.next_deadline() - std::min(power.next_deadline(), now))});
    }
    const int wait_ms = static_cast<int>(std::clamp<long long>(std::chrono::ceil<std::chrono::milliseconds>(wait).count(), 0, 60'000));
    SDL_Event e;
    if (simulated) {
      // Events already waiting (a scripted touch) are taken first; only then does time move on.
      if (!SDL_PollEvent(&e)) {
        simulated->advance(std::chrono::milliseconds(std::max(1, wait_ms)));
        if (!SDL_PollEvent(&e)) continue;
      }
    } else if (!wait_for_event(&e, wait_ms)) {
      continue;
    }
    do {
      if (auto touch = to_touch(e, window->window.get(), renderer, *stage->compositor, clock.steady())) {
        // While the screen is off a touch only wakes it; the rest of that finger goes nowhere.
        if (touch->phase == player::TouchPhase::kDown && power.touch(clock.steady(), clock.wall())) {
          log::info("display power: woken by a touch");
          break;
        }
        if (!screen_on) continue;
        // Answered in the next frame: the state changes now and the loop draws it straight away.
        const auto before_touch = nav_state();
        const player::View view_before = nav.view();
        nav.touch(*touch);
        if (nav_state() != before_touch) {
          draw_screen(nav.view() != view_before ? render::Compositor::Change::kTransition : render::Compositor::Change::kRedraw,
                      clock.steady());
          dirty = redrawn = true;
        }
        continue;
      }
      switch (e.type) {
        case SDL_QUIT:
          service.stopping();
          power.leave_on();
          log::info("stopping on request");
          return kExitOk;
        case SDL_WINDOWEVENT:
          if (e.window.event == SDL_WINDOWEVENT_CLOSE && quit_keys) return kExitOk;
          if (e.window.event == SDL_WINDOWEVENT_SIZE_CHANGED) relayout(clock.steady());
          dirty = true;
          break;
        case SDL_RENDER_TARGETS_RESET:
        case SDL_RENDER_DEVICE_RESET: {
          // The slide textures are gone: draw the screen again into new ones.
          relayout(clock.steady());
          dirty = true;
          break;
        }
        case SDL_KEYDOWN: {
          // Only the configured keys quit; no key leaves the kiosk otherwise.
          const bool ctrl_q = e.key.keysym.sym == SDLK_q && (e.key.keysym.mod & KMOD_CTRL);
          if (quit_keys && (e.key.keysym.sym == SDLK_ESCAPE || ctrl_q)) return kExitOk;
          break;
        }
        default:
          break;
      }
    } while (SDL_PollEvent(&e));
  }
}

}  // namespace kiosk::app
