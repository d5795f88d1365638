// kiosk_bench: the display's cost in figures, on this machine, headless (SDL's dummy video driver,
// software rendering). Prints one line per figure; not a test (nothing here fails on a slow run).
//
//   first frame      the real `kiosk` binary, from exec to its first presented frame (its own log)
//   transition       compose + present of each frame of a slide-in, p50/p99, at 1080p and 4K
//   static CPU       CPU time of the real binary over 10 s on one slide, as % of one core
//   peak RSS         the real binary's high-water mark (VmHWM) while cycling with transitions
//
// Each on the built-in default content and on a large feed (1,000 results, 200 pictures).
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <SDL.h>
#include <SDL_ttf.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "app/content_source.h"
#include "app/scene.h"
#include "cache/cache.h"
#include "content_gen.h"
#include "render/compositor.h"
#include "render/image_cache.h"
#include "render/sdl_handles.h"
#include "test_support.h"

using namespace kiosk;
using Stopwatch = std::chrono::steady_clock;

namespace {

struct Run {
  double cpu_seconds = 0;
  std::string log;
};

// Runs the kiosk binary with `args`, headless, and returns its CPU time, peak RSS and stderr.
Run run_kiosk(const std::string& args, const std::string& log_path) {
  const std::string cmd = "exec env SDL_VIDEODRIVER=dummy " + std::string(KIOSK_BINARY) + " " + args + " 2>" + log_path;
  const pid_t pid = fork();
  if (pid == 0) {
    execl("/bin/sh", "sh", "-c", cmd.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  int status = 0;
  rusage usage{};
  wait4(pid, &status, 0, &usage);
  Run r;
  r.cpu_seconds = usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6 + usage.ru_stime.tv_sec + usage.ru_stime.tv_usec / 1e6;
  r.log = testing::read_file(log_path);
  return r;
}

// The kiosk's own peak RSS, which it logs when --run-for ends (rusage of a forked child would
// include the benchmark's own memory).
double peak_rss_mb(const std::string& log) {
  std::smatch m;
  static const std::regex re("peak RSS ([0-9]+) KiB");
  return std::regex_search(log, m, re) ? std::stod(m[1]) / 1024.0 : -1;
}

int first_frame_ms(const std::string& log) {
  std::smatch m;
  static const std::regex re("first frame presented ([0-9]+) ms");
  return std::regex_search(log, m, re) ? std::stoi(m[1]) : -1;
}

std::string write_config(const testing::TempDir& dir, const std::string& name, const std::string& database, int seconds) {
  const std::string path = dir.file(name);
  std::ofstream(path) << "[cache]\ndatabase = \"" << database << "\"\n[slides]\nstatus_seconds = " << seconds
                      << "\ntimeline_seconds = " << seconds << "\nresults_seconds = " << seconds << "\n";
  return path;
}

struct Percentiles {
  double p50, p99, max;
};

Percentiles percentiles(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  const auto at = [&](double q) { return v[std::min(v.size() - 1, static_cast<std::size_t>(q * static_cast<double>(v.size())))]; };
  return {at(0.50), at(0.99), v.back()};
}

// Frame times of slide-in transitions between the cycle's slides, composed and presented on a
// software renderer of `w` x `h`.
Percentiles transition_frames(const app::LoadedContent& content, const std::string& objects, int w, int h) {
  render::Surface surface(SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888));
  render::Renderer renderer(SDL_CreateSoftwareRenderer(surface.get()));
  auto fonts = render::FontSet::open(testing::source_path("assets/fonts/NotoSans-Regular.ttf"),
                                     testing::source_path("assets/fonts/NotoSans-Bold.ttf"));
  auto compositor = render::Compositor::create(renderer.get(), **fonts, w, h, 0);
  render::ImageCache images(renderer.get(), objects, static_cast<std::size_t>(w) * h * 2);
  (*compositor)->canvas().set_images(&images);
  app::Scene scene(content, "vollsmose", 3);
  const slides::Theme theme = slides::Theme::for_screen(w, h);
  std::vector<double> frames;
  FakeClock clock;
  constexpr int kTransitions = 12;
  constexpr int kFramesEach = 24;  // 400 ms at 60 fps
  for (int t = 0; t < kTransitions; ++t) {
    const std::size_t slide = static_cast<std::size_t>(t) % scene.size();
    (void)(*compositor)->show([&](render::Canvas& c) { scene.draw(slide, c, clock.wall(), static_cast<std::size_t>(t)); },
                              render::Compositor::Change::kTransition, clock.steady());
    for (int f = 0; f < kFramesEach; ++f) {
      clock.advance(std::chrono::milliseconds(400) / kFramesEach);
      const auto start = Stopwatch::now();
      (*compositor)->compose(clock.steady(), slides::progress_overlay(theme, 0.5f));
      SDL_RenderPresent(renderer.get());
      frames.push_back(std::chrono::duration<double, std::milli>(Stopwatch::now() - start).count());
    }
  }
  return percentiles(frames);
}

void report(const char* content_name, const std::string& database, const std::string& objects, const testing::TempDir& dir,
            const app::LoadedContent& content) {
  // First frame: the median of five cold starts of the real binary.
  std::vector<double> first;
  for (int i = 0; i < 5; ++i) {
    const Run r = run_kiosk("--config " + write_config(dir, "first.toml", database, 3600) + " --size 1920x1080 --run-for 1",
                            dir.file("first.log"));
    first.push_back(first_frame_ms(r.log));
  }
  std::sort(first.begin(), first.end());
  std::printf("%-8s first frame (1920x1080, software): %.0f ms (median of 5; min %.0f, max %.0f)\n", content_name, first[2],
              first.front(), first.back());

  for (const auto& [w, h] : {std::pair{1920, 1080}, std::pair{3840, 2160}}) {
    const Percentiles p = transition_frames(content, objects, w, h);
    std::printf("%-8s transition frame %dx%d: p50 %.2f ms, p99 %.2f ms, max %.2f ms (%d frames)\n", content_name, w, h, p.p50,
                p.p99, p.max, 12 * 24);
  }

  // Static CPU: a 12 s run minus a 2 s run of the same start, so start-up cancels out.
  const std::string still = write_config(dir, "still.toml", database, 3600);
  const Run short_run = run_kiosk("--config " + still + " --size 1920x1080 --run-for 2", dir.file("short.log"));
  const Run long_run = run_kiosk("--config " + still + " --size 1920x1080 --run-for 12", dir.file("long.log"));
  const double static_cpu = (long_run.cpu_seconds - short_run.cpu_seconds) / 10.0 * 100.0;
  std::printf("%-8s static slide CPU over 10 s (1920x1080): %.2f %% of one core\n", content_name, std::max(0.0, static_cpu));

  // Peak RSS while cycling: 2 s per slide, so several transitions happen.
  const Run cycling = run_kiosk("--config " + write_config(dir, "cycle.toml", database, 2) + " --size 1920x1080 --run-for 10",
                                dir.file("cycle.log"));
  std::printf("%-8s peak RSS cycling with transitions (1920x1080): %.1f MB\n", content_name,
              std::max(peak_rss_mb(cycling.log), peak_rss_mb(long_run.log)));
}

}  // namespace

int main() {
  if (SDL_Init(0) != 0 || TTF_Init() != 0) {
    std::fprintf(stderr, "kiosk_bench: SDL: %s\n", SDL_GetError());
    return 1;
  }
  testing::TempDir dir;
  std::printf("kiosk_bench: headless (SDL dummy video driver, software renderer), %ld cores\n", sysconf(_SC_NPROCESSORS_ONLN));

  const app::AssetPaths assets{testing::source_path("assets")};
  auto defaults = app::load_default_content(assets);
  if (!defaults) {
    std::fprintf(stderr, "kiosk_bench: %s\n", defaults.error().message.c_str());
    return 1;
  }
  report("default", dir.file("none/content.db"), dir.file("none/objects"), dir, *defaults);

  // The large feed, applied to a real cache with its pictures beside it as kiosk-sync leaves them.
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
  report("large", dir.file("large/content.db"), dir.file("large/objects"), dir, *large_content);
  TTF_Quit();
  SDL_Quit();
  return 0;
}
