// kiosk_bench: the display's cost in figures, on this machine, on three display paths. Prints one
// line per figure; not a test (nothing here fails on a slow run).
//
//   dummy        SDL's dummy video driver, software renderer (headless)
//   x11-software an X window on a private Xvfb, SDL_RENDER_DRIVER=software
//   x11-gles2    an X window on a private Xvfb, SDL_RENDER_DRIVER=opengles2 (Mesa llvmpipe), the
//                renderer a Raspberry Pi uses (there on KMS/DRM with its GPU)
//
//   first frame  the real `kiosk` binary, from its exec to the moment its log line "first frame
//                presented" reaches the benchmark
//   transition   every frame of a slide-in, in-process on the same renderer as the path, as the
//                display does it: the incoming slide is drawn ahead (Compositor::prepare, in the
//                idle second before the change; its time is reported apart), and the first frame
//                includes putting it on screen (show_prepared);
//                p50/p99/max at 1080p and 4K, and the CPU time they took (a present with vsync
//                may wait for the refresh, which the CPU time leaves out)
//   idle CPU     CPU time of the real binary between 10 s and 30 s after its start, on one slide
//                (no transition), as % of one core
//   peak RSS     the real binary's high-water mark (VmHWM) while cycling with transitions
//   Mesa         whether the real binary mapped Mesa's drivers (libgallium/swrast/llvmpipe)
//   languages    peak RSS of the real binary cycling every slide kind once in Danish alone, and
//                once in each of Danish, Arabic and Urdu (three faces, three catalogues, three
//                localized contents), 2 s per slide
//
// The default content on every path; the large feed (1,000 results, 200 pictures) on dummy.
// `kiosk_bench [PATH...]` runs only the named paths.
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <SDL.h>
#include <SDL_ttf.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <optional>
#include <regex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "app/content_source.h"
#include "app/report.h"
#include "app/scene.h"
#include "cache/cache.h"
#include "content_gen.h"
#include "render/compositor.h"
#include "render/image_cache.h"
#include "render/sdl_handles.h"
#include "slides/slide_kinds.h"
#include "test_support.h"
#include "xvfb.h"

using namespace kiosk;
using Stopwatch = std::chrono::steady_clock;

namespace {

struct Path {
  const char* name;
  const char* video_driver;   // SDL_VIDEODRIVER
  const char* render_driver;  // SDL_RENDER_DRIVER, or null for SDL's choice
};

const Path kPaths[] = {{"dummy", "dummy", nullptr}, {"x11-software", "x11", "software"}, {"x11-gles2", "x11", "opengles2"}};

std::string g_display;  // the private Xvfb's display, for the X11 paths

struct Run {
  double first_frame_ms = -1;  // exec to the first-frame log line
  double idle_cpu = -1;        // % of one core between 10 s and 30 s, when asked
  bool mesa = false;           // Mesa's drivers mapped
  std::string log;
};

double cpu_seconds(pid_t pid) {
  const std::string stat = kiosk::testing::read_file("/proc/" + std::to_string(pid) + "/stat");
  const auto close = stat.rfind(')');
  if (close == std::string::npos) return -1;
  std::istringstream fields(stat.substr(close + 2));
  std::string f;
  long utime = 0, stime = 0;
  for (int i = 3; i <= 15 && fields >> f; ++i) {
    if (i == 14) utime = std::stol(f);
    if (i == 15) stime = std::stol(f);
  }
  return static_cast<double>(utime + stime) / static_cast<double>(sysconf(_SC_CLK_TCK));
}

bool maps_mesa(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/maps");
  std::string line;
  while (std::getline(in, line)) {
    if (line.find("libgallium") != std::string::npos || line.find("swrast_dri") != std::string::npos ||
        line.find("libLLVM") != std::string::npos)
      return true;
  }
  return false;
}

// Runs the kiosk binary on `path` with `args` (exec'd directly, no shell), reading its log as it
// comes. With `idle`, samples its CPU time 10 s and 30 s after the exec.
Run run_kiosk(const Path& path, const std::vector<std::string>& args, bool idle = false) {
  int out[2];
  if (pipe(out) != 0) return {};
  const auto exec_at = Stopwatch::now();
  const pid_t pid = fork();
  if (pid == 0) {
    ::dup2(out[1], 2);
    ::close(out[0]);
    ::close(out[1]);
    ::setenv("SDL_VIDEODRIVER", path.video_driver, 1);
    if (path.render_driver) ::setenv("SDL_RENDER_DRIVER", path.render_driver, 1);
    if (std::strcmp(path.video_driver, "x11") == 0) ::setenv("DISPLAY", g_display.c_str(), 1);
    std::vector<char*> argv{const_cast<char*>(KIOSK_BINARY)};
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    execv(KIOSK_BINARY, argv.data());
    _exit(127);
  }
  ::close(out[1]);
  Run r;
  FILE* log = fdopen(out[0], "r");
  char line[4096];
  double cpu_at_10 = -1;
  std::optional<Stopwatch::time_point> next_sample;
  if (idle) next_sample = exec_at + std::chrono::seconds(10);
  while (std::fgets(line, sizeof line, log)) {
    r.log += line;
    if (r.first_frame_ms < 0 && std::strstr(line, "first frame presented")) {
      r.first_frame_ms = std::chrono::duration<double, std::milli>(Stopwatch::now() - exec_at).count();
      r.mesa = maps_mesa(pid);
      if (!idle) continue;
      // The kiosk logs nothing while a slide stays up: sample its CPU from here, then read on.
      std::this_thread::sleep_until(exec_at + std::chrono::seconds(10));
      cpu_at_10 = cpu_seconds(pid);
      std::this_thread::sleep_until(exec_at + std::chrono::seconds(30));
      r.idle_cpu = (cpu_seconds(pid) - cpu_at_10) / 20.0 * 100.0;
      r.mesa = r.mesa || maps_mesa(pid);
    }
  }
  fclose(log);
  int status = 0;
  waitpid(pid, &status, 0);
  return r;
}

// The kiosk's own peak RSS, which it logs when --run-for ends (rusage of a forked child would
// include the benchmark's own memory).
double peak_rss_mb(const std::string& log) {
  std::smatch m;
  static const std::regex re("peak RSS ([0-9]+) KiB");
  return std::regex_search(log, m, re) ? std::stod(m[1]) / 1024.0 : -1;
}

std::string write_config(const testing::TempDir& dir, const std::string& name, const std::string& database, int seconds) {
  const std::string path = dir.file(name);
  std::ofstream(path) << "[cache]\ndatabase = \"" << database << "\"\n[slides]\nstatus_seconds = " << seconds
                      << "\ntimeline_seconds = " << seconds << "\nresults_seconds = " << seconds << "\n";
  return path;
}

// Every slide kind for `seconds`, the cycle in `languages` (a TOML list), one round each.
std::string write_language_config(const testing::TempDir& dir, const std::string& name, const std::string& database,
                                  const std::string& languages, int seconds) {
  const std::string path = dir.file(name);
  std::ofstream out(path);
  out << "languages = " << languages << "\n[cache]\ndatabase = \"" << database << "\"\n";
  for (const auto& kind : slides::SlideKinds::built_in().all()) {
    out << "[[slides.show]]\nkind = \"" << kind.name << "\"\nseconds = " << seconds << "\n";
  }
  return path;
}

// Peak RSS with three languages against Danish alone, each run long enough to show every slide in
// every language it has once.
void language_memory(const Path& path, const char* label, const std::string& database, const testing::TempDir& dir) {
  constexpr int kSeconds = 2;
  const int kinds = static_cast<int>(slides::SlideKinds::built_in().all().size());
  const auto peak = [&](const std::string& languages, int count) {
    const std::string run_for = std::to_string(kinds * kSeconds * count + 2);
    const Run r = run_kiosk(path, {"--config", write_language_config(dir, "languages.toml", database, languages, kSeconds), "--size",
                                   "1920x1080", "--run-for", run_for});
    return peak_rss_mb(r.log);
  };
  const double danish = peak("[\"da\"]", 1);
  const double three = peak("[\"da\", \"ar\", \"ur\"]", 3);
  std::printf("%-22s peak RSS every slide once per language (1920x1080): Danish alone %.1f MB, da+ar+ur %.1f MB (+%.1f MB)\n",
              label, danish, three, three - danish);
}

struct Percentiles {
  double p50, p99, max;
};

Percentiles percentiles(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  const auto at = [&](double q) { return v[std::min(v.size() - 1, static_cast<std::size_t>(q * static_cast<double>(v.size())))]; };
  return {at(0.50), at(0.99), v.back()};
}

// A renderer of `w` x `h` on `path` as the display makes it: the dummy path's software renderer on
// a surface, or an X window's renderer with the display's flags.
struct Target {
  render::Surface surface;
  render::Window window;
  render::Renderer renderer;
  std::string name;
};

std::optional<Target> make_target(const Path& path, int w, int h) {
  Target t;
  if (std::strcmp(path.video_driver, "dummy") == 0) {
    t.surface.reset(SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888));
    t.renderer.reset(SDL_CreateSoftwareRenderer(t.surface.get()));
  } else {
    SDL_SetHint(SDL_HINT_RENDER_DRIVER, path.render_driver);
    // As the display's create_renderer: no GL under SDL's software framebuffer.
    if (std::strcmp(path.render_driver, "software") == 0) SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
    t.window.reset(SDL_CreateWindow("kiosk_bench", 0, 0, w, h, SDL_WINDOW_SHOWN));
    if (!t.window) return std::nullopt;
    t.renderer.reset(SDL_CreateRenderer(t.window.get(), -1,
                                        SDL_RENDERER_ACCELERATED | SDL_RENDERER_PRESENTVSYNC | SDL_RENDERER_TARGETTEXTURE));
  }
  if (!t.renderer) return std::nullopt;
  SDL_RendererInfo info{};
  SDL_GetRendererInfo(t.renderer.get(), &info);
  t.name = info.name;
  return t;
}

// What the display draws with on `path` at `w` x `h`: the renderer, the fonts, the compositor and
// the pictures of `objects`. Destroyed in the reverse order, the renderer last.
struct BenchStage {
  Target target;
  std::unique_ptr<render::FontSet> fonts;
  std::unique_ptr<render::Compositor> compositor;
  std::unique_ptr<render::ImageCache> images;
};

std::optional<BenchStage> make_stage(const Path& path, int w, int h, const std::string& objects) {
  auto target = make_target(path, w, h);
  if (!target) return std::nullopt;
  BenchStage stage{std::move(*target), nullptr, nullptr, nullptr};
  auto fonts = render::FontSet::open(testing::source_path("assets/fonts/NotoSans-Regular.ttf"),
                                     testing::source_path("assets/fonts/NotoSans-Bold.ttf"));
  if (!fonts) return std::nullopt;
  stage.fonts = std::move(*fonts);
  auto compositor = render::Compositor::create(stage.target.renderer.get(), *stage.fonts, w, h, 0);
  if (!compositor) return std::nullopt;
  stage.compositor = std::move(*compositor);
  stage.images = std::make_unique<render::ImageCache>(stage.target.renderer.get(), objects, static_cast<std::size_t>(w) * h * 2);
  stage.compositor->canvas().set_images(stage.images.get());
  return stage;
}

// Every frame of slide-in transitions between the cycle's slides on `path` at `w` x `h`: the first
// frame of each includes drawing the incoming slide.
struct Frames {
  Percentiles wall;      // the frame's time, including a present that waits for the screen's refresh
  Percentiles cpu;       // the process's CPU time in it, all threads (Mesa draws on several)
  Percentiles prepared;  // drawing the incoming slide ahead, before its transition
};

double process_cpu_ms() {
  timespec t{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) * 1e3 + static_cast<double>(t.tv_nsec) / 1e6;
}

std::optional<Frames> transition_frames(const Path& path, const app::LoadedContent& content, const std::string& objects,
                                        int w, int h, std::string& renderer_name) {
  auto stage = make_stage(path, w, h, objects);
  if (!stage) {
    std::fprintf(stderr, "kiosk_bench: %s renderer at %dx%d: %s\n", path.name, w, h, SDL_GetError());
    return std::nullopt;
  }
  renderer_name = stage->target.name;
  SDL_Renderer* renderer = stage->target.renderer.get();
  auto& compositor = stage->compositor;
  app::Scene scene(content, "vollsmose", 3);
  const slides::Theme theme = slides::Theme::for_screen(w, h);
  std::vector<double> frames, cpu, prepared;
  FakeClock clock;
  constexpr int kTransitions = 12;
  constexpr int kFramesEach = 24;  // 400 ms at 60 fps
  for (int t = 0; t < kTransitions; ++t) {
    const std::size_t slide = static_cast<std::size_t>(t) % scene.size();
    const auto ahead = Stopwatch::now();
    (void)compositor->prepare([&](render::Canvas& c) { scene.draw(slide, c, clock.wall(), static_cast<std::size_t>(t)); },
                                 std::to_string(t));
    prepared.push_back(std::chrono::duration<double, std::milli>(Stopwatch::now() - ahead).count());
    auto start = Stopwatch::now();
    double cpu_start = process_cpu_ms();
    (void)compositor->show_prepared(render::Compositor::Change::kTransition, clock.steady());
    for (int f = 0; f < kFramesEach; ++f) {
      if (f > 0) start = Stopwatch::now(), cpu_start = process_cpu_ms();
      clock.advance(std::chrono::milliseconds(400) / kFramesEach);
      compositor->compose(clock.steady(), slides::progress_overlay(theme, 0.5f));
      SDL_RenderPresent(renderer);
      frames.push_back(std::chrono::duration<double, std::milli>(Stopwatch::now() - start).count());
      cpu.push_back(process_cpu_ms() - cpu_start);
    }
  }
  return Frames{percentiles(frames), percentiles(cpu), percentiles(prepared)};
}

// Drawing each kind of slide once into its texture, as the display does ahead of its turn: the
// median and the slowest of 10 draws at 1920x1080.
void slide_draw_times(const Path& path, const char* label, const app::LoadedContent& content, const std::string& objects) {
  auto stage = make_stage(path, 1920, 1080, objects);
  if (!stage) return;
  auto& target = stage->target;
  auto& compositor = stage->compositor;
  config::Config config;
  config.area = "vollsmose";
  config.playlist.clear();
  for (const auto& kind : slides::SlideKinds::built_in().all()) config.playlist.push_back({kind.name});
  const app::Scene scene(content, config);
  FakeClock clock;
  std::string line;
  for (std::size_t i = 0; i < scene.size(); ++i) {
    std::vector<double> times;
    for (int n = 0; n < 10; ++n) {
      const auto start = Stopwatch::now();
      (void)compositor->prepare([&](render::Canvas& c) { scene.draw(i, c, clock.wall(), 0); }, std::to_string(n));
      SDL_RenderFlush(target.renderer.get());
      times.push_back(std::chrono::duration<double, std::milli>(Stopwatch::now() - start).count());
    }
    std::sort(times.begin(), times.end());
    char one[96];
    std::snprintf(one, sizeof one, "%s%s %.1f/%.1f", line.empty() ? "" : ", ", scene.name(i), times[5], times.back());
    line += one;
  }
  std::printf("%-22s slide drawn (1920x1080, %s), median/max ms: %s\n", label, target.name.c_str(), line.c_str());
}

// Writing the display's report, as the loop does every 5 minutes on a still frame: the frame read
// back at 320x180, the PNG and the JSON each written whole (flushed to the disk). The median and
// the slowest of 10 at 1920x1080, on the path's renderer after a slide was composed.
void report_write_times(const Path& path, const char* label, const app::LoadedContent& content, const std::string& objects,
                        const testing::TempDir& dir) {
  auto stage = make_stage(path, 1920, 1080, objects);
  if (!stage) return;
  auto& target = stage->target;
  auto& compositor = stage->compositor;
  const app::Scene scene(content, "vollsmose", 1);
  FakeClock clock;
  (void)compositor->show([&](render::Canvas& c) { scene.draw(0, c, clock.wall(), 0); }, render::Compositor::Change::kCut,
                            clock.steady());
  compositor->compose(clock.steady(), {});
  app::UsageCounts counts;
  for (int day = 0; day < 14; ++day) counts.count(app::UsageCounts::Event::kSlideShown, clock.wall() + std::chrono::hours(24 * day));
  std::vector<double> times;
  for (int n = 0; n < 10; ++n) {
    const auto start = Stopwatch::now();
    const auto problems = app::write_report_files(target.renderer.get(), {.width = 1920, .height = 1080}, counts,
                                                  dir.file("report-state/content.db"));
    times.push_back(std::chrono::duration<double, std::milli>(Stopwatch::now() - start).count());
    if (!problems.empty()) std::printf("%-22s report: %s\n", label, problems.front().message.c_str());
  }
  std::sort(times.begin(), times.end());
  std::printf("%-22s report written (1920x1080 read back at 320x180, PNG and JSON flushed): median %.1f ms, max %.1f ms\n",
              label, times[5], times.back());
}

// Making the scene anew, as the display does when a notice starts or ends, a slide's schedule switches
// or kiosk-sync commits: the content as showing now, in three languages, with the slides. The loop
// does it between two frames, before drawing the screen of the new scene.
void scene_times(const char* content_name, const app::LoadedContent& loaded) {
  app::LoadedContent content = loaded;
  const std::int64_t now = 1'800'000'000;
  model::Notice urgent;
  urgent.id = "varme";
  urgent.level = model::NoticeLevel::kUrgent;
  urgent.title = "Varmen er afbrudt i blok 3";
  urgent.show_until = now + 3600;
  model::Notice info = urgent;
  info.id = "moede";
  info.level = model::NoticeLevel::kInfo;
  info.title = "Beboermøde torsdag kl. 19 i beboerhuset";
  content.content.notices = {urgent, info};
  config::Config config;
  config.area = "vollsmose";
  config.languages.codes = {"da", "ar", "ur"};
  std::vector<double> times;
  std::size_t slides = 0;
  for (int n = 0; n < 10; ++n) {
    const auto start = Stopwatch::now();
    const app::Scene scene(content, config, WallTime{std::chrono::seconds(now)});
    times.push_back(std::chrono::duration<double, std::milli>(Stopwatch::now() - start).count());
    slides = scene.size();
  }
  std::sort(times.begin(), times.end());
  std::printf("%-22s scene made anew (da+ar+ur, an urgent and an info notice, %zu slides): median %.1f ms, max %.1f ms\n",
              content_name, slides, times[5], times.back());
}

void report(const Path& path, const char* content_name, const std::string& database, const std::string& objects,
            const testing::TempDir& dir, const app::LoadedContent& content) {
  const std::string label = std::string(path.name) + " " + content_name;
  // First frame: the median of five cold starts of the real binary.
  std::vector<double> first;
  bool mesa = false;
  for (int i = 0; i < 5; ++i) {
    const Run r = run_kiosk(path, {"--config", write_config(dir, "first.toml", database, 3600), "--size", "1920x1080", "--run-for", "1"});
    first.push_back(r.first_frame_ms);
    mesa = mesa || r.mesa;
  }
  std::sort(first.begin(), first.end());
  std::printf("%-22s first frame from exec (1920x1080): %.0f ms (median of 5; min %.0f, max %.0f)\n", label.c_str(), first[2],
              first.front(), first.back());

  slide_draw_times(path, label.c_str(), content, objects);
  std::filesystem::create_directories(dir.file("report-state"));
  report_write_times(path, label.c_str(), content, objects, dir);
  for (const auto& [w, h] : {std::pair{1920, 1080}, std::pair{3840, 2160}}) {
    std::string renderer_name;
    const auto p = transition_frames(path, content, objects, w, h, renderer_name);
    if (!p) continue;
    std::printf("%-22s transition frame %dx%d (%s): p50 %.2f ms, p99 %.2f ms, max %.2f ms; CPU p50 %.2f ms, max %.2f ms "
                "(%d frames); incoming slide drawn ahead: p50 %.2f ms, max %.2f ms\n",
                label.c_str(), w, h, renderer_name.c_str(), p->wall.p50, p->wall.p99, p->wall.max, p->cpu.p50, p->cpu.max, 12 * 24,
                p->prepared.p50, p->prepared.max);
  }

  // Idle CPU: one slide that stays up for an hour, between 10 s and 30 s after the exec.
  const Run still = run_kiosk(path, {"--config", write_config(dir, "still.toml", database, 3600), "--size", "1920x1080", "--run-for", "31"},
                              true);
  std::printf("%-22s idle CPU 10-30 s after start (1920x1080): %.2f %% of one core\n", label.c_str(), std::max(0.0, still.idle_cpu));

  // Peak RSS while cycling: 2 s per slide, so several transitions happen.
  const Run cycling = run_kiosk(path, {"--config", write_config(dir, "cycle.toml", database, 2), "--size", "1920x1080", "--run-for", "10"});
  std::printf("%-22s peak RSS cycling with transitions (1920x1080): %.1f MB; Mesa loaded: %s\n", label.c_str(),
              std::max(peak_rss_mb(cycling.log), peak_rss_mb(still.log)), mesa || still.mesa ? "yes" : "no");
  language_memory(path, label.c_str(), database, dir);
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<Path> paths;
  for (int i = 1; i < argc; ++i) {
    for (const Path& p : kPaths) {
      if (p.name == std::string(argv[i])) paths.push_back(p);
    }
  }
  if (paths.empty()) paths.assign(std::begin(kPaths), std::end(kPaths));

  testing::Xvfb xvfb(3840, 2160);
  if (xvfb.display().empty()) {
    std::fprintf(stderr, "kiosk_bench: Xvfb did not start (package xvfb); the X11 paths need it\n");
    return 1;
  }
  g_display = xvfb.display();
  ::setenv("DISPLAY", g_display.c_str(), 1);
  SDL_SetHint(SDL_HINT_VIDEODRIVER, "x11");
  if (SDL_Init(SDL_INIT_VIDEO) != 0 || TTF_Init() != 0) {
    std::fprintf(stderr, "kiosk_bench: SDL: %s\n", SDL_GetError());
    return 1;
  }
  testing::TempDir dir;
  std::printf("kiosk_bench: %ld cores; X11 paths on a private Xvfb %s (Mesa llvmpipe for GLES2)\n", sysconf(_SC_NPROCESSORS_ONLN),
              g_display.c_str());

  const app::AssetPaths assets{testing::source_path("assets")};
  auto defaults = app::load_default_content(assets);
  if (!defaults) {
    std::fprintf(stderr, "kiosk_bench: %s\n", defaults.error().message.c_str());
    return 1;
  }
  for (const Path& p : paths) report(p, "default", dir.file("none/content.db"), dir.file("none/objects"), dir, *defaults);
  scene_times("default", *defaults);

  // The large feed, applied to a real cache with its pictures beside it as kiosk-sync leaves them.
  if (std::find_if(paths.begin(), paths.end(), [](const Path& p) { return std::strcmp(p.name, "dummy") == 0; }) == paths.end()) return 0;
  std::filesystem::create_directories(dir.file("large"));
  const model::Feed large = testing::large_feed(1000, 200, dir.file("large/objects"));
  {
    auto cache = cache::Cache::open(dir.file("large/content.db"));
    if (!cache || !cache->apply(large, 1'800'000'000)) {
      std::fprintf(stderr, "kiosk_bench: cannot build the large cache\n");
      return 1;
    }
  }
  config::Config large_config;
  large_config.database = dir.file("large/content.db");
  auto large_content = app::load_content(large_config, assets);
  report(kPaths[0], "large", dir.file("large/content.db"), dir.file("large/objects"), dir, *large_content);
  scene_times("large", *large_content);
  TTF_Quit();
  SDL_Quit();
  return 0;
}
