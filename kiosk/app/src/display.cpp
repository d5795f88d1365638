#include "display.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <optional>
#include <string>
#include <tuple>

#include "app/content_watch.h"
#include "app/kiosk_app.h"
#include "app/report.h"
#include "app/scene.h"
#include "app/staff_facts.h"
#include "cache/cache.h"
#include "platform/log.h"
#include "platform/files.h"
#include "platform/process.h"
#include "platform/service_notify.h"
#include "player/cycle.h"
#include "power/command_runner.h"
#include "power/controller.h"
#include "power/display_power.h"
#include "render/frame_watch.h"
#include "render/png.h"
#include "slides/touch_views.h"
#include "touch_input.h"
#include "window.h"

namespace kiosk::app {
namespace {

using namespace std::chrono_literals;
using Duration = std::chrono::steady_clock::duration;
using Minute = std::chrono::sys_time<std::chrono::minutes>;
using Change = render::Compositor::Change;

// The footer's progress bar moves in steps of about this; between steps nothing is drawn.
constexpr auto kProgressStep = 1000ms;
// Frame pacing during a transition when the renderer has no vsync to wait on.
constexpr auto kFrameInterval = 16ms;
// The longest the loop goes without presenting a frame (the watchdog's evidence of life).
constexpr auto kKeepAlive = 5s;
// How often the presented frame is read back and judged (the render-verified watchdog).
constexpr auto kRenderCheck = 5s;
// How often the cache is asked whether kiosk-sync committed a new version (PRAGMA data_version: no
// disk read), so that a notice is on screen within 2 s of kiosk-sync's commit.
constexpr auto kWatchInterval = 1s;
// How often the display writes its report (report.json and report.png beside the cache) for
// kiosk-sync to send; also at the first frame, when the screen goes on or off, and at a failed render check.
constexpr auto kReportInterval = 5min;
// The next slide of the cycle is drawn this long before its turn, while the screen is still, so
// that every frame of its transition is a copy.
constexpr auto kPrepareAhead = 1s;

void no_display(const std::string& why) {
  std::fprintf(stderr, "kiosk: no display available (%s); to render the slides without one, run: kiosk --screenshot DIR\n",
               why.c_str());
}

// How long until `t`; nothing if it has come.
Duration until(SteadyTime t, SteadyTime now) { return t - std::min(t, now); }

Minute minute_of(WallTime t) { return std::chrono::floor<std::chrono::minutes>(t); }

// What a slide drawn ahead of its turn shows: which slide of which scene, in which round, with which
// minute on the clock. It is used only if all four are still so when its turn comes.
std::string coming_key(std::uint64_t scene, std::size_t index, std::uint64_t round, Minute minute) {
  return std::to_string(scene) + " " + std::to_string(index) + " " + std::to_string(round) + " " +
         std::to_string(minute.time_since_epoch().count());
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

// What run_display opens before the loop starts: each can fail with its own message.
struct Opened {
  render::FontSet& fonts;
  Window& window;
  ContentWatch& watch;
  std::unique_ptr<LoadedContent> content;
  Stage stage;
  std::vector<ScriptedTouch> script;
};

// The display loop. Each turn it follows what moves on by itself (the power schedule, a touch
// script, the cache, the navigator's timeouts, the cycle), presents a frame if the picture changed,
// then waits, for as long as the state it is in allows, for an event or the next thing to draw.
class DisplayLoop {
 public:
  enum class State {
    kCycling,     // a slide of the cycle stands still until its turn ends
    kTransition,  // the picture moves (a slide or view sliding in, a fling): frame after frame
    kBrowsing,    // a touch view (browser, detail) stands still until a touch or the idle return
    kScreenOff,   // the schedule has the screen off: a black frame now and then for the watchdog
    kRecovering,  // the render check failed: the renderer and everything drawn are made again
  };

  DisplayLoop(const Options& options, const config::Config& config, const AssetPaths& assets, SteadyTime started,
              Opened opened);
  int run();

 private:
  const Clock& clock() const { return simulated_ ? static_cast<const Clock&>(*simulated_) : system_clock_; }
  State state(SteadyTime now) const;
  std::optional<int> turn();

  // Each turn, in this order.
  void report_soak(SteadyTime now);
  std::optional<int> recover(SteadyTime now);
  void follow_power(SteadyTime now);
  void replay_script(SteadyTime now);
  void follow_content(SteadyTime now);
  void follow_schedule(SteadyTime now);
  // Shows `scene` from now on: the cycle starts again at the urgent notice when one has come, else
  // at the slide of the same kind as the one on screen (or the first), and the screen moves to it.
  void adopt_scene(std::unique_ptr<Scene> scene, SteadyTime now);
  void follow_navigator(SteadyTime now);
  void follow_cycle(SteadyTime now);
  bool frame_due(SteadyTime now) const;
  std::optional<int> present(SteadyTime now);
  bool prepare_coming(SteadyTime now);
  Duration time_to_wait(State state, SteadyTime now) const;
  std::optional<int> wait_and_handle_events(Duration wait);

  // Parts of those.
  std::optional<int> check_render(SteadyTime now);
  void show_next_slide(SteadyTime now);
  void dump_frame();
  // Writes report.json and report.png: the state now, the frame on the renderer's target.
  void write_report(SteadyTime now);
  // What a touch did that the daily counts count: a touch view opened, a result opened, a language chosen.
  void count_usage(player::View view_before, const std::string& language_before);
  void first_frame_presented();
  bool handle_touch(const player::TouchEvent& touch);
  std::optional<int> handle_event(const SDL_Event& e);

  // Draws what the navigator says is on screen and tells the navigator where the touchable things
  // now are; `changed()` marks that for the next frame.
  void draw_screen(Change change, SteadyTime now);
  void relayout(SteadyTime now);
  void changed() { dirty_ = redrawn_ = true; }
  long long progress_step(SteadyTime now) const;
  // When the progress bar moves a step next; never while the cycle is paused.
  SteadyTime next_progress_step() const;
  // The configured language the screen is drawn in: the one a resident chose for the touch
  // session, else the one of the cycle's round.
  std::size_t shown_language() const;
  // The current slide's touchable things, where they lie when drawn in configured language `language`.
  std::vector<player::HitRegion> cycle_regions(std::size_t language) const;
  // The touch views' sizes: the stage's, or with larger text chosen for the session 1.5 times the text.
  slides::Theme view_theme() const;
  auto nav_state() const {
    return std::make_tuple(nav_.view(), nav_.scroll(), nav_.filter(), nav_.pressed(), nav_.pressed_id(), nav_.overlay(),
                           nav_.selected(), nav_.area(), nav_.group(), nav_.language(), nav_.language_list(),
                           nav_.larger_text(), nav_.paused(), nav_.stay_notice());
  }

  const Options& options_;
  const config::Config& config_;
  const AssetPaths& assets_;
  const SteadyTime started_;
  // When the kiosk started on the loop's clock: started_, or with --simulated-time the fake clock's start.
  SteadyTime uptime_from_;
  render::FontSet& fonts_;
  Window& window_;
  SDL_Renderer* renderer_;  // replaced when the render check rebuilds it
  const int rotation_;
  Stage stage_;
  // The clock the loop runs on: the system's, or with --simulated-time one that the loop moves on
  // itself to the next thing to draw instead of waiting.
  SystemClock system_clock_;
  std::optional<FakeClock> simulated_;
  ContentWatch& watch_;
  std::unique_ptr<LoadedContent> content_;
  std::unique_ptr<Scene> scene_;
  std::uint64_t scene_number_ = 0;  // counts the scenes made, for the slides drawn ahead
  player::Cycle cycle_;
  player::Navigator nav_;
  power::SpawnRunner power_runner_;
  power::PowerController power_;
  ServiceNotifier service_;
  render::FrameWatch frame_watch_;
  std::vector<ScriptedTouch> script_;
  const bool quit_keys_;
  const SteadyTime stop_at_;

  std::size_t next_scripted_ = 0;
  int dumped_ = 0;
  float list_item_height_ = 1;  // of the browser's list, as last drawn
  SteadyTime next_soak_report_;  // simulated time: memory and open files once a simulated hour
  SteadyTime first_frame_at_ = SteadyTime::max();
  SteadyTime last_present_;
  SteadyTime next_render_check_;
  SteadyTime next_watch_;
  int failed_checks_ = 0;
  UsageCounts usage_;
  RenderCheckState render_state_;
  SteadyTime next_report_ = SteadyTime::max();  // from the first frame on
  bool report_due_ = false;
  log::Once report_problems_;
  bool screen_on_ = true;
  bool recovering_ = false;
  bool dirty_ = true;
  bool redrawn_ = true;      // something new was drawn that has not been presented still yet
  bool was_moving_ = false;  // the last frame was part of a transition
  long long drawn_step_ = -1;
  Minute drawn_minute_;
  std::string unpreparable_;  // the coming slide that could not be drawn ahead: not tried again
};

// The counts of the report this display wrote before its restart; none when there is none.
UsageCounts counts_so_far(const config::Config& config) {
  const std::string path = cache::beside(config.database, cache::kReportFile);
  FileProblem problem;
  auto text = read_file(path, 1 << 20, "report", &problem);
  if (!text) {
    if (problem.kind != FileProblem::Kind::kMissing) log::warning("report: " + text.error().message + "; the counts start afresh");
    return {};
  }
  auto counts = UsageCounts::from_report(*text);
  if (!counts) {
    log::warning("report: " + path + " is damaged (" + counts.error().message + "); the counts start afresh");
    return {};
  }
  return std::move(*counts);
}

player::NavigatorSettings navigator_settings(const config::Config& config, const Stage& stage) {
  player::NavigatorSettings settings;
  settings.idle_return = config.idle_return;
  settings.width = static_cast<float>(stage.compositor->width());
  settings.height = static_cast<float>(stage.compositor->height());
  settings.tap_slop = static_cast<float>(slides::touch_target_px(stage.theme)) / 2;
  return settings;
}

// The longest a correct screen stays unchanged: a slide's time or the browser's idle time, plus the
// clock's minute and a margin.
Duration max_still(const Scene& scene, const config::Config& config) {
  const auto durations = scene.durations();
  return std::max(*std::max_element(durations.begin(), durations.end()), config.idle_return) + 90s;
}

DisplayLoop::DisplayLoop(const Options& options, const config::Config& config, const AssetPaths& assets,
                         SteadyTime started, Opened opened)
    : options_(options),
      config_(config),
      assets_(assets),
      started_(started),
      fonts_(opened.fonts),
      window_(opened.window),
      renderer_(opened.window.renderer.get()),
      rotation_(options.rotation.value_or(static_cast<int>(config.rotation))),
      stage_(std::move(opened.stage)),
      simulated_(options.simulated_time ? std::optional<FakeClock>(FakeClock(system_clock_.wall())) : std::nullopt),
      watch_(opened.watch),
      content_(std::move(opened.content)),
      scene_(std::make_unique<Scene>(*content_, config, clock().wall())),
      cycle_([&] {
        const auto d = scene_->durations();
        return std::vector<Duration>(d.begin(), d.end());
      }(), clock().steady()),
      nav_(navigator_settings(config, stage_)),
      power_(make_power(config, power_runner_)),
      frame_watch_(max_still(*scene_, config)),
      script_(std::move(opened.script)),
      quit_keys_(options.windowed || options.size.has_value() || config.allow_quit_keys),
      stop_at_(!options.run_for_seconds ? SteadyTime::max()
               : simulated_             ? clock().steady() + std::chrono::seconds(*options.run_for_seconds)
                                        : started + std::chrono::seconds(*options.run_for_seconds)),
      next_soak_report_(simulated_ ? clock().steady() : SteadyTime::max()),
      last_present_(clock().steady()),
      next_render_check_(clock().steady() + kRenderCheck),
      next_watch_(clock().steady() + kWatchInterval),
      drawn_minute_(minute_of(clock().wall())) {
  usage_ = counts_so_far(config);
  uptime_from_ = simulated_ ? clock().steady() : started_;
}

int DisplayLoop::run() {
  usage_.count(UsageCounts::Event::kSlideShown, clock().wall());  // the first slide
  draw_screen(Change::kCut, clock().steady());
  while (true) {
    if (const auto exit = turn()) return *exit;
  }
}

DisplayLoop::State DisplayLoop::state(SteadyTime now) const {
  if (recovering_) return State::kRecovering;
  if (!screen_on_) return State::kScreenOff;
  if (stage_.compositor->moving(now) || nav_.moving() || was_moving_) return State::kTransition;
  if (nav_.view() != player::View::kCycle) return State::kBrowsing;
  return State::kCycling;
}

std::optional<int> DisplayLoop::turn() {
  const SteadyTime now = clock().steady();
  report_soak(now);
  if (now >= stop_at_) {
    write_report(now);
    if (auto kb = peak_rss_kb()) log::info("stopping after --run-for; peak RSS " + std::to_string(*kb) + " KiB");
    power_.leave_on();
    return kExitOk;
  }
  if (state(now) == State::kRecovering) return recover(now);
  follow_power(now);
  replay_script(now);
  follow_content(now);
  follow_schedule(now);
  follow_navigator(now);
  follow_cycle(now);
  if (frame_due(now)) {
    if (auto exit = present(now)) return exit;
    if (recovering_) return std::nullopt;  // rebuilt in the next turn; this frame is not shown
  }
  const State waiting = state(clock().steady());
  // Still in the cycle: draw the coming slide now if its turn is near, then work out the wait again.
  if (waiting == State::kCycling && prepare_coming(clock().steady())) return std::nullopt;
  return wait_and_handle_events(time_to_wait(waiting, clock().steady()));
}

void DisplayLoop::report_soak(SteadyTime now) {
  if (now < next_soak_report_) return;
  const auto hours = std::chrono::duration_cast<std::chrono::hours>(now - SteadyTime{}).count();
  log::info("soak: hour " + std::to_string(hours) + ", RSS " + std::to_string(current_rss_kb().value_or(-1)) +
            " KiB, open files " + std::to_string(open_fd_count().value_or(-1)));
  next_soak_report_ = now + std::chrono::hours(1);
}

// Rebuilds the renderer and everything drawn with it, then draws the screen again.
std::optional<int> DisplayLoop::recover(SteadyTime now) {
  recovering_ = false;
  stage_ = Stage{};  // the old textures go with the old renderer
  const Status remade = create_renderer(window_);
  renderer_ = window_.renderer.get();
  Result<Stage> stage = remade ? make_stage(renderer_, fonts_, rotation_, objects_dir(config_)) : Result<Stage>(remade.error());
  if (!stage) {
    log::error("render check: the renderer could not be rebuilt (" + stage.error().message + "); stopping");
    return kExitFailure;
  }
  stage_ = std::move(*stage);
  frame_watch_.reset();
  draw_screen(Change::kCut, now);
  changed();
  return std::nullopt;
}

void DisplayLoop::follow_power(SteadyTime now) {
  const auto on = power_.update(now, clock().wall());
  if (!on || *on == screen_on_) return;
  screen_on_ = *on;
  const std::string why = power_.reason(clock().wall());
  if (screen_on_) {
    follow_display_mode(window_.window.get());
    cycle_.jump_to(0, now);
    relayout(now);
    frame_watch_.reset();
    next_render_check_ = now + kRenderCheck;
    log::info("display power: screen on (" + why + "), laid out for " + std::to_string(stage_.compositor->width()) + "x" +
              std::to_string(stage_.compositor->height()));
    service_.status("showing slides");
  } else {
    log::info("display power: screen off (" + why + ")");
    service_.status("screen " + why);
  }
  report_due_ = true;
  changed();
}

// A scripted touch waits, too, until the screen before it is still and presented, as a person's
// would: the replay shows the same screens on a slow machine (an emulator) as on a fast one.
void DisplayLoop::replay_script(SteadyTime now) {
  while (next_scripted_ < script_.size() && first_frame_at_ != SteadyTime::max() &&
         now >= first_frame_at_ + script_[next_scripted_].at && !redrawn_ && !stage_.compositor->moving(now)) {
    push_touch(script_[next_scripted_++], renderer_, *stage_.compositor);
  }
}

// A new version from kiosk-sync slides in over what is shown: no restart, no blank frame.
void DisplayLoop::follow_content(SteadyTime now) {
  if (now < next_watch_) return;
  next_watch_ = now + kWatchInterval;
  if (!watch_.changed()) return;
  auto fresh = load_content(config_, assets_);
  if (!fresh) {
    log::error(fresh.error().message);
    return;
  }
  auto fresh_content = std::make_unique<LoadedContent>(std::move(*fresh));
  auto scene = std::make_unique<Scene>(*fresh_content, config_, clock().wall());
  auto old_content = std::move(content_);  // the old scene reads it until it is replaced
  content_ = std::move(fresh_content);
  adopt_scene(std::move(scene), now);
}

// A notice starts or ends, a slide's schedule switches, an event is over, the clock was set back: the
// scene for the new moment.
void DisplayLoop::follow_schedule(SteadyTime now) {
  if (!scene_->outdated(clock().wall())) return;
  adopt_scene(std::make_unique<Scene>(*content_, config_, clock().wall()), now);
}

void DisplayLoop::adopt_scene(std::unique_ptr<Scene> scene, SteadyTime now) {
  const std::string shown = scene_->name(cycle_.current());
  const bool urgent_before = scene_->size() > 0 && scene_->urgent(0);
  std::size_t start = 0;
  const bool urgent_came = scene->size() > 0 && scene->urgent(0) &&
                           (!urgent_before || scene->showing().notices != scene_->showing().notices);
  if (!urgent_came) {
    for (std::size_t i = 0; i < scene->size(); ++i) {
      if (scene->name(i) == shown) {
        start = i;
        break;
      }
    }
  }
  scene_ = std::move(scene);
  ++scene_number_;
  const auto round = cycle_.round();
  const bool paused = cycle_.paused();
  const auto d = scene_->durations();
  cycle_ = player::Cycle(std::vector<Duration>(d.begin(), d.end()), now, round);
  cycle_.jump_to(start, now);
  if (paused) cycle_.pause(now);
  if (urgent_came) log::info("notices: an urgent notice is on screen before every slide");
  // The results the list under the view shows: the browser's, or the card's (also under a detail
  // opened from the card).
  const bool card = nav_.view() == player::View::kArea ||
                    (nav_.view() == player::View::kDetail && nav_.detail_from() == player::View::kArea);
  std::vector<std::string> ids;
  for (const auto* r : card ? slides::area_results(scene_->showing(), nav_.area())
                            : slides::filtered_results(scene_->showing(), scene_->area(), nav_.filter())) {
    ids.push_back(r->id);
  }
  nav_.content_changed(ids, list_item_height_);
  draw_screen(Change::kTransition, now);
  changed();
}

// Timeouts, long press and inertia move on with time; a swipe in the cycle turns it.
void DisplayLoop::follow_navigator(SteadyTime now) {
  const auto before = nav_state();
  nav_.update(now);
  if (nav_.take_returned_to_cycle()) {
    cycle_.jump_to(cycle_.current(), now);
    draw_screen(Change::kTransition, now);
    changed();
  } else if (nav_state() != before) {
    draw_screen(Change::kRedraw, now);
    changed();
  }
  if (const int swipe = nav_.take_swipe(); swipe != 0 && nav_.view() == player::View::kCycle) {
    const auto n = static_cast<long long>(cycle_.size());
    cycle_.jump_to(static_cast<std::size_t>((static_cast<long long>(cycle_.current()) + swipe + n) % n), now);
    draw_screen(Change::kTransition, now);
    changed();
  }
}

// The cycle waits while someone touches the screen or browses, and while the screen is off; it
// holds its slide and progress while paused. The slide on screen is drawn again when the clock's
// minute turns.
void DisplayLoop::follow_cycle(SteadyTime now) {
  if (nav_.paused()) {
    cycle_.pause(now);
  } else {
    cycle_.resume(now);
  }
  if (nav_.view() != player::View::kCycle || nav_.touching() || !screen_on_) {
    cycle_.jump_to(cycle_.current(), now);
  } else if (cycle_.advance(now)) {
    show_next_slide(now);
  }
  if (screen_on_ && minute_of(clock().wall()) != drawn_minute_) {
    draw_screen(Change::kRedraw, now);
    drawn_minute_ = minute_of(clock().wall());
    changed();
  }
}

// The slide whose turn it is, drawn ahead if it could be, else now.
void DisplayLoop::show_next_slide(SteadyTime now) {
  usage_.count(UsageCounts::Event::kSlideShown, clock().wall());
  const Minute minute = minute_of(clock().wall());
  if (stage_.compositor->prepared() == coming_key(scene_number_, cycle_.current(), cycle_.round(), minute) && !nav_.overlay() &&
      stage_.compositor->show_prepared(Change::kTransition, now)) {
    nav_.set_hit_regions(cycle_regions(scene_->language_of_round(cycle_.round())));
    nav_.set_scroll_extent(0, 0);
  } else {
    draw_screen(Change::kTransition, now);
  }
  drawn_minute_ = minute;
  changed();
}

long long DisplayLoop::progress_step(SteadyTime now) const {
  return screen_on_ ? cycle_.elapsed(now) / kProgressStep : drawn_step_;
}

SteadyTime DisplayLoop::next_progress_step() const {
  if (cycle_.paused()) return SteadyTime::max();
  return cycle_.started() + kProgressStep * (drawn_step_ + 1);
}

std::size_t DisplayLoop::shown_language() const {
  if (nav_.view() != player::View::kCycle) {
    if (const auto chosen = scene_->find_language(nav_.language())) return *chosen;
  }
  return scene_->language_of_round(cycle_.round());
}

std::vector<player::HitRegion> DisplayLoop::cycle_regions(std::size_t language) const {
  auto regions = slides::cycle_regions(stage_.theme, scene_->kind(cycle_.current())).regions;
  if (scene_->language(language).right_to_left()) slides::mirror_regions(regions, static_cast<float>(stage_.theme.width));
  return regions;
}

slides::Theme DisplayLoop::view_theme() const {
  if (!nav_.larger_text()) return stage_.theme;
  return slides::Theme::for_screen(stage_.theme.width, stage_.theme.height, slides::Theme::kLargerText);
}

// Something new to show, a frame of a transition or the one after it (the slide exactly in place),
// a step of the progress bar, or a frame at least every few seconds so the watchdog hears from the loop.
bool DisplayLoop::frame_due(SteadyTime now) const {
  return dirty_ || stage_.compositor->moving(now) || was_moving_ || progress_step(now) != drawn_step_ ||
         now - last_present_ >= kKeepAlive;
}

std::optional<int> DisplayLoop::present(SteadyTime now) {
  const bool moving = stage_.compositor->moving(now);
  const long long step = progress_step(now);
  was_moving_ = moving;
  const float progress = std::min(1.0f, static_cast<float>(std::chrono::duration<double>(kProgressStep * step) /
                                                            std::chrono::duration<double>(cycle_.duration())));
  stage_.compositor->compose(now, nav_.view() == player::View::kCycle ? slides::progress_overlay(stage_.theme, progress)
                                                                      : std::vector<render::Compositor::Overlay>{});
  if (options_.fault_black_frames || !screen_on_) {  // off; or, for the tests, a renderer gone wrong
    SDL_SetRenderDrawColor(renderer_, 0, 0, 0, 255);
    SDL_RenderClear(renderer_);
  }
  if (now >= next_render_check_ && !moving && screen_on_) {
    if (auto exit = check_render(now)) return exit;
    if (recovering_) return std::nullopt;
  }
  if ((report_due_ || now >= next_report_) && !moving) write_report(now);
  if (options_.dump_frames && redrawn_ && !moving) dump_frame();
  if (!moving) redrawn_ = false;
  SDL_RenderPresent(renderer_);
  last_present_ = clock().steady();
  dirty_ = false;
  drawn_step_ = step;
  if (first_frame_at_ == SteadyTime::max()) first_frame_presented();
  service_.frame_presented(last_present_);
  return std::nullopt;
}

// Reads the composed frame back and judges it. The first failure rebuilds the renderer; the second
// in a row stops the watchdog pings, so that systemd restarts the kiosk.
std::optional<int> DisplayLoop::check_render(SteadyTime now) {
  next_render_check_ = now + kRenderCheck;
  int w = 0, h = 0;
  SDL_GetRendererOutputSize(renderer_, &w, &h);
  auto thumbnail = render::read_thumbnail(renderer_, w, h, 32, 18);
  const auto verdict = thumbnail ? frame_watch_.check(*thumbnail, now) : render::FrameWatch::Verdict::kSingleColour;
  const auto wall = std::chrono::duration_cast<std::chrono::seconds>(clock().wall().time_since_epoch()).count();
  render_state_.checked = wall;
  if (verdict == render::FrameWatch::Verdict::kAlive) {
    failed_checks_ = 0;
    render_state_.ok = true;
    render_state_.problem.clear();
    render_state_.failed_in_a_row = 0;
    return std::nullopt;
  }
  ++failed_checks_;
  const std::string what =
      verdict == render::FrameWatch::Verdict::kFrozen ? "has not changed for too long" : "shows a single colour";
  render_state_ = {.ok = false, .problem = "the screen " + what, .failed_in_a_row = failed_checks_, .checked = wall,
                   .last_failure = wall};
  if (failed_checks_ == 1) {
    log::error("render check: the screen " + what + "; rebuilding the renderer");
    write_report(now);  // staff see the wrong frame itself, whatever happens next
    recovering_ = true;
  } else if (failed_checks_ == 2) {
    log::error("render check: the screen still " + what + " after a rebuild; no longer pinging the watchdog");
    write_report(now);
    service_.stop_watchdog("render check failed: the screen " + what);
    if (!service_.watchdog_enabled()) return kExitFailure;  // nobody else will restart it
  }
  return std::nullopt;
}

void DisplayLoop::dump_frame() {
  char name[64];
  std::snprintf(name, sizeof name, "/%03d-%s.png", dumped_++,
                nav_.view() == player::View::kCycle     ? scene_->name(cycle_.current())
                : nav_.view() == player::View::kBrowser ? "browser"
                : nav_.view() == player::View::kMap     ? "areamap"
                : nav_.view() == player::View::kArea    ? ("area-" + nav_.area()).c_str()
                                                        : "detail");
  int w = 0, h = 0;
  SDL_GetRendererOutputSize(renderer_, &w, &h);
  std::error_code ec;
  std::filesystem::create_directories(*options_.dump_frames, ec);
  if (auto pixels = render::read_pixels(renderer_, w, h)) (void)render::save_png(pixels->get(), *options_.dump_frames + name);
}

void DisplayLoop::write_report(SteadyTime now) {
  report_due_ = false;
  next_report_ = now + kReportInterval;
  const std::string path = cache::beside(config_.database, cache::kReportFile);
  std::error_code ec;
  if (!std::filesystem::is_directory(std::filesystem::path(path).parent_path(), ec)) {
    report_problems_.write(log::Level::kInfo, "no folder",
                           "report: no state folder " + std::filesystem::path(path).parent_path().string() +
                               " (beside the cache); no report is written");
    return;
  }
  const WallTime wall = clock().wall();
  const auto unix = [](WallTime t) { return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count(); };
  int w = 0, h = 0;
  SDL_GetRendererOutputSize(renderer_, &w, &h);
  const auto uptime = std::chrono::duration_cast<std::chrono::seconds>(now - uptime_from_).count();
  DisplayState state{.written = unix(wall),
                     .started = unix(wall) - uptime,
                     .uptime_seconds = uptime,
                     .content_version = content_->origin.version,
                     .built_in = content_->origin.built_in,
                     .expires = content_->origin.expires_unix,
                     .stale = slides::is_stale(content_->origin, wall, config_.stale_after_days),
                     .screen_on = screen_on_,
                     .screen_why = power_.reason(wall),
                     .width = w,
                     .height = h,
                     .render = render_state_,
                     .errors = log::recent_errors()};
  if (state.stale) state.stale_reason = slides::stale_reason(content_->origin, wall);
  for (const Error& e : write_report_files(renderer_, std::move(state), usage_, config_.database)) {
    report_problems_.write(log::Level::kWarning, e.message, "report: " + e.message);
  }
}

void DisplayLoop::count_usage(player::View view_before, const std::string& language_before) {
  const WallTime wall = clock().wall();
  const player::View view = nav_.view();
  if (view_before == player::View::kCycle && view != player::View::kCycle) {
    usage_.count(UsageCounts::Event::kTouchSession, wall);
  }
  if (view == player::View::kDetail && view_before != player::View::kDetail) {
    usage_.count(UsageCounts::Event::kResultOpened, wall);
  }
  if (!nav_.language().empty() && nav_.language() != language_before) usage_.language_chosen(nav_.language(), wall);
}

void DisplayLoop::first_frame_presented() {
  first_frame_at_ = clock().steady();
  report_due_ = true;  // written with the next still frame: a new kiosk reports at once
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(system_clock_.steady() - started_).count();
  int w = 0, h = 0;
  SDL_GetRendererOutputSize(renderer_, &w, &h);
  log::info("first frame presented " + std::to_string(ms) + " ms after start (" + std::to_string(w) + "x" +
            std::to_string(h) + ", " + SDL_GetCurrentVideoDriver() + ")");
  service_.ready();
}

// Draws the cycle's next slide ahead of its turn, while the screen is still. True if it drew.
bool DisplayLoop::prepare_coming(SteadyTime now) {
  if (nav_.touching() || nav_.overlay() || cycle_.size() < 2 || cycle_.next_change() - now > kPrepareAhead) return false;
  const std::size_t next = (cycle_.current() + 1) % cycle_.size();
  const std::uint64_t round = cycle_.round() + (next == 0 ? 1 : 0);
  const WallTime at = clock().wall() + std::chrono::duration_cast<std::chrono::system_clock::duration>(cycle_.next_change() - now);
  const std::string key = coming_key(scene_number_, next, round, minute_of(at));
  if (stage_.compositor->prepared() == key || key == unpreparable_) return false;
  auto drawn = stage_.compositor->prepare(
      [&](render::Canvas& canvas) {
        scene_->draw(next, canvas, at, static_cast<std::size_t>(round), scene_->language_of_round(round));
      },
      key);
  if (drawn) return true;
  log::error(drawn.error().message + "; the slide is drawn when its turn comes");
  unpreparable_ = key;
  return false;
}

// Until the next thing that changes the picture, or an event. During a transition or a fling the
// renderer's vsync paces the frames; without vsync, a frame interval does.
Duration DisplayLoop::time_to_wait(State state, SteadyTime now) const {
  const SteadyTime next_touch = next_scripted_ < script_.size() && first_frame_at_ != SteadyTime::max()
                                    ? first_frame_at_ + script_[next_scripted_].at
                                    : SteadyTime::max();
  const WallTime wall = clock().wall();
  const auto next_minute = std::chrono::duration_cast<Duration>(minute_of(wall) + 1min - wall);
  // Whatever the state: the end of --run-for, the cache, a scripted touch, the keep-alive frame, the
  // power schedule and the scene's next change (a notice's start or end, a slide's schedule).
  const auto scene_change = scene_->changes_at();
  const Duration to_scene_change =
      scene_change ? std::chrono::duration_cast<Duration>(std::max(*scene_change - wall, WallTime::duration::zero()))
                   : Duration::max();
  const Duration always = std::min({until(stop_at_, now), until(next_watch_, now), until(next_touch, now),
                                    until(last_present_ + kKeepAlive, now), until(power_.next_deadline(), now),
                                    to_scene_change});
  switch (state) {
    case State::kRecovering:
      return Duration::zero();
    case State::kTransition:
      return window_.vsync ? Duration::zero() : Duration(kFrameInterval);
    case State::kScreenOff:
      return std::min(always, next_minute);
    case State::kCycling:
    case State::kBrowsing:
      break;
  }
  return std::min({always, next_minute, until(cycle_.next_change(), now),
                   until(next_progress_step(), now), until(nav_.next_deadline(), now)});
}

std::optional<int> DisplayLoop::wait_and_handle_events(Duration wait) {
  const int wait_ms =
      static_cast<int>(std::clamp<long long>(std::chrono::ceil<std::chrono::milliseconds>(wait).count(), 0, 60'000));
  SDL_Event e;
  if (simulated_) {
    // Events already waiting (a scripted touch) are taken first; only then does time move on.
    if (!SDL_PollEvent(&e)) {
      simulated_->advance(std::chrono::milliseconds(std::max(1, wait_ms)));
      if (!SDL_PollEvent(&e)) return std::nullopt;
    }
  } else if (!wait_for_event(&e, wait_ms)) {
    return std::nullopt;
  }
  do {
    if (auto touch = to_touch(e, window_.window.get(), renderer_, *stage_.compositor, clock().steady())) {
      if (handle_touch(*touch)) break;
      continue;
    }
    if (auto exit = handle_event(e)) return exit;
  } while (SDL_PollEvent(&e));
  return std::nullopt;
}

// True if the touch woke the screen: the rest of that finger goes nowhere.
bool DisplayLoop::handle_touch(const player::TouchEvent& touch) {
  if (touch.phase == player::TouchPhase::kDown && power_.touch(clock().steady(), clock().wall())) {
    log::info("display power: woken by a touch");
    return true;
  }
  if (!screen_on_) return false;
  // Answered in the next frame: the state changes now and the loop draws it straight away.
  const auto before = nav_state();
  const player::View view_before = nav_.view();
  const std::string language_before = nav_.language();
  nav_.touch(touch);
  count_usage(view_before, language_before);
  if (nav_state() != before) {
    draw_screen(nav_.view() != view_before ? Change::kTransition : Change::kRedraw, clock().steady());
    changed();
  }
  return false;
}

std::optional<int> DisplayLoop::handle_event(const SDL_Event& e) {
  switch (e.type) {
    case SDL_QUIT:  // SIGTERM or SIGINT: closing the window is handled below
      service_.stopping();
      write_report(clock().steady());  // the day's counts so far, kept for the next start
      power_.leave_on();
      log::info("stopping on request");
      return kExitOk;
    case SDL_WINDOWEVENT:
      if (e.window.event == SDL_WINDOWEVENT_CLOSE && quit_keys_) return kExitOk;
      if (e.window.event == SDL_WINDOWEVENT_SIZE_CHANGED) relayout(clock().steady());
      dirty_ = true;
      break;
    case SDL_RENDER_TARGETS_RESET:
    case SDL_RENDER_DEVICE_RESET:  // the slide textures are gone: draw the screen again into new ones
      relayout(clock().steady());
      dirty_ = true;
      break;
    case SDL_KEYDOWN: {
      // Only the configured keys quit; no key leaves the kiosk otherwise.
      const bool ctrl_q = e.key.keysym.sym == SDLK_q && (e.key.keysym.mod & KMOD_CTRL);
      if (quit_keys_ && (e.key.keysym.sym == SDLK_ESCAPE || ctrl_q)) return kExitOk;
      break;
    }
    default:
      break;
  }
  return std::nullopt;
}

void DisplayLoop::draw_screen(Change change, SteadyTime now) {
  slides::ViewLayout layout;
  slides::ViewState vs{.filter = nav_.filter(),
                       .scroll = nav_.scroll(),
                       .pressed = nav_.pressed(),
                       .pressed_id = nav_.pressed_id(),
                       .selected = nav_.selected(),
                       .area = nav_.area(),
                       .group = nav_.group(),
                       .language_list = nav_.language_list(),
                       .larger_text = nav_.larger_text(),
                       .stay_notice = nav_.stay_notice()};
  for (std::size_t i = 0; i < scene_->language_count(); ++i) vs.languages.push_back(&scene_->language(i));
  const std::size_t round = static_cast<std::size_t>(cycle_.round());
  const std::size_t language = shown_language();
  const slides::Theme theme = view_theme();
  auto shown = stage_.compositor->show(
      [&](render::Canvas& canvas) {
        const WallTime wall = clock().wall();
        const auto ctx = scene_->context(wall, round, language);
        if (nav_.view() == player::View::kCycle) {
          scene_->draw(cycle_.current(), canvas, wall, round, language,
                       nav_.paused() ? slides::PauseControl::kResume : slides::PauseControl::kPause);
          layout.regions = cycle_regions(language);
        } else {
          scene_->set_language(canvas, language);
          layout = slides::draw_touch_view(nav_.view(), canvas, theme, ctx, vs);
        }
        if (nav_.overlay()) {
          slides::draw_staff_overlay(canvas, stage_.theme,
                                     staff_facts(config_, scene_->content(), stage_.compositor->width(),
                                                 stage_.compositor->height(), started_, wall, ctx.stale));
        }
      },
      change, now);
  if (!shown) log::error(shown.error().message);
  nav_.set_hit_regions(layout.regions);
  nav_.set_scroll_extent(layout.max_scroll, layout.page);
  if (nav_.view() == player::View::kBrowser) {
    nav_.set_list(layout.ids, layout.item_height);
    list_item_height_ = layout.item_height;
  }
}

// Everything drawn again for the output's current size: after a resize, a lost renderer, or the
// screen coming back on. If the stage cannot be made again, the old one draws.
void DisplayLoop::relayout(SteadyTime now) {
  if (auto rebuilt = make_stage(renderer_, fonts_, rotation_, objects_dir(config_))) {
    stage_ = std::move(*rebuilt);
    nav_.resize(static_cast<float>(stage_.compositor->width()), static_cast<float>(stage_.compositor->height()),
                static_cast<float>(slides::touch_target_px(stage_.theme)) / 2);
  } else {
    log::error(rebuilt.error().message);
  }
  draw_screen(Change::kCut, now);
}

}  // namespace

int run_display(const Options& options, const config::Config& config, const AssetPaths& assets, SteadyTime started) {
  // Closing the window is a user action handled by the loop; SDL_QUIT then only means SIGTERM/SIGINT.
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
  ContentWatch watch(config.database);
  watch.changed();  // takes note of the cache as it is now
  auto loaded = load_content(config, assets);
  if (!loaded) {
    log::error(loaded.error().message);
    return kExitFailure;
  }
  const int rotation = options.rotation.value_or(static_cast<int>(config.rotation));
  auto stage = make_stage(window->renderer.get(), **fonts, rotation, objects_dir(config));
  if (!stage) {
    log::error(stage.error().message);
    return kExitFailure;
  }
  std::vector<ScriptedTouch> script;
  if (options.touch_script) {
    auto loaded_script = load_touch_script(*options.touch_script);
    if (!loaded_script) {
      log::error(loaded_script.error().message);
      return kExitFailure;
    }
    script = std::move(*loaded_script);
  }
  DisplayLoop loop(options, config, assets, started,
                   Opened{**fonts, *window, watch, std::make_unique<LoadedContent>(std::move(*loaded)),
                          std::move(*stage), std::move(script)});
  return loop.run();
}

}  // namespace kiosk::app
