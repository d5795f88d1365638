// soak: the real kiosk binary for days of simulated time (--simulated-time: the clock moves on to
// the next thing to draw instead of waiting), headless, with every slide and its transitions, the
// screen going off each night by a [power] schedule, a touch session every hour, and kiosk-sync
// importing a new version (with pictures) again and again while it runs. The kiosk logs its
// resident memory and open files every simulated hour; after the warm-up, memory may grow by at
// most 1 MiB and the open files may not grow at all.
//
// Usage: soak [hours] [WxH]   (default 168 hours, 480x270). Exit status 1 when a limit is broken.
// ctest runs it for 4 hours; docs/testing.md has a week's run.
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <regex>
#include <string>
#include <thread>
#include <vector>

#include "content_gen.h"
#include "feed/minisign.h"
#include "publisher.h"
#include "test_support.h"

using namespace kiosk;

namespace {

constexpr long kMaxGrowthKiB = 1024;

// A touch session at minute 30 of every hour: a tap mid-screen (on the results slide it opens the
// browser), a tap on the first row of a list, Back in the top-left corner; the browser then returns
// to the cycle by itself. Times in ms after the first frame, in simulated time.
std::string touch_script(int hours, int w, int h) {
  std::string script;
  for (int hour = 0; hour < hours; ++hour) {
    const long t = hour * 3'600'000L + 1'800'000L;
    const auto tap = [&](long at, int x, int y) {
      script += std::to_string(at) + " down " + std::to_string(x) + " " + std::to_string(y) + "\n" +
                std::to_string(at + 80) + " up " + std::to_string(x) + " " + std::to_string(y) + "\n";
    };
    tap(t, w / 2, h / 2);
    tap(t + 2000, w * 3 / 4, h / 5);
    tap(t + 4000, w / 20, h / 20);
  }
  return script;
}

}  // namespace

int main(int argc, char** argv) {
  const int hours = argc > 1 ? std::max(2, std::atoi(argv[1])) : 168;
  const std::string size = argc > 2 ? argv[2] : "480x270";
  const int w = std::atoi(size.c_str()), h = std::atoi(size.c_str() + size.find('x') + 1);
  const int warm_up = std::max(1, hours / 7);  // a simulated day of a week

  testing::TempDir dir;
  testing::Publisher publisher;
  testing::write_file(dir.file("kiosk.toml"),
                      "[cache]\ndatabase = \"" + dir.file("state/content.db") +
                          "\"\n[slides]\nstatus_seconds = 60\ntimeline_seconds = 60\nresults_seconds = 60\n"
                          "idle_return_seconds = 30\n[power]\nevery_day = \"06:00-23:00\"\nbackend = \"black\"\n"
                          "[sync]\npublic_keys = [\"" + feed::minisign::public_key_line(publisher.keys().public_key) + "\"]\n");
  std::filesystem::create_directories(dir.file("state"));
  testing::write_file(dir.file("touches.txt"), touch_script(hours, w, h));

  // Versions with pictures, published to a folder that kiosk-sync imports.
  const auto publish = [&](std::uint64_t version) {
    model::Feed feed = testing::large_feed(40, 4, dir.file("pictures"), 320, 200);
    feed.version = version;
    feed.issued = 1'700'000'000 + static_cast<std::int64_t>(version);
    feed.expires = 4'000'000'000;
    for (auto& r : feed.content.results) r.title = "Version " + std::to_string(version) + ": " + r.title;
    std::map<std::string, std::string> renamed;
    for (auto& a : feed.assets) {
      const auto added = publisher.add_object(testing::read_file(dir.file("pictures/" + a.sha256)), a.media_type);
      renamed[a.sha256] = added.sha256;
      a = added;
    }
    for (auto& r : feed.content.results) {
      if (!r.image.empty()) r.image = renamed[r.image];
    }
    publisher.publish(feed);
    publisher.write_to(dir.file("usb"));
  };
  const auto sync = [&] {
    int status = 0;
    waitpid(testing::spawn_quiet({KIOSK_SYNC_PATH, "--config", dir.file("kiosk.toml"), "--import", dir.file("usb")}), &status,
            0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  };
  publish(1);
  const auto first = testing::run_command(std::string(KIOSK_SYNC_PATH) + " --config " + dir.file("kiosk.toml") +
                                          " --import " + dir.file("usb"));
  if (first.exit_code != 0) {
    std::fprintf(stderr, "soak: the first import failed:\n%s", first.output.c_str());
    return 1;
  }

  const auto start = std::chrono::steady_clock::now();
  const std::string log = dir.file("kiosk.log");
  const pid_t kiosk = fork();
  if (kiosk == 0) {
    const int fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    ::dup2(fd, 2);
    setenv("SDL_VIDEODRIVER", "dummy", 1);
    execl(KIOSK_PATH, "kiosk", "--config", dir.file("kiosk.toml").c_str(), "--size", size.c_str(), "--simulated-time",
          "--run-for", std::to_string(hours * 3600).c_str(), "--touch-script", dir.file("touches.txt").c_str(),
          static_cast<char*>(nullptr));
    _exit(127);
  }
  // New versions while the kiosk runs, as fast as kiosk-sync applies them.
  int applied = 0;
  for (std::uint64_t version = 2;; ++version) {
    int status = 0;
    if (waitpid(kiosk, &status, WNOHANG) == kiosk) {
      if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        std::fprintf(stderr, "soak: the kiosk ended badly; its log:\n%s", testing::read_file(log).c_str());
        return 1;
      }
      break;
    }
    publish(version);
    applied += sync() == 0;
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
  }
  const double minutes = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count() / 60;

  // "soak: hour 25, RSS 18044 KiB, open files 6"
  const std::string text = testing::read_file(log);
  const std::regex line("soak: hour ([0-9]+), RSS ([0-9]+) KiB, open files ([0-9]+)");
  long rss_at_warm_up = -1, max_rss = 0, min_fds = 1 << 30, max_fds = 0, reports = 0;
  for (std::sregex_iterator it(text.begin(), text.end(), line), end; it != end; ++it) {
    const int hour = std::stoi((*it)[1]);
    const long rss = std::stol((*it)[2]), fds = std::stol((*it)[3]);
    ++reports;
    if (hour < warm_up) continue;
    if (hour == warm_up) rss_at_warm_up = rss;
    max_rss = std::max(max_rss, rss);
    min_fds = std::min(min_fds, fds);
    max_fds = std::max(max_fds, fds);
  }
  const long growth = max_rss - rss_at_warm_up;
  std::size_t offs = 0;
  int screen_offs = 0;
  while ((offs = text.find("display power: screen off", offs)) != std::string::npos) ++screen_offs, ++offs;
  std::printf("soak: %d simulated hours at %s in %.1f real minutes; %d versions applied while it ran; the screen went "
              "off %d times (each night, and again after each touch that woke it at night)\n",
              hours, size.c_str(), minutes, applied, screen_offs);
  std::printf("soak: RSS %ld KiB after the %d-hour warm-up, at most %ld KiB after it: growth %ld KiB (limit %ld)\n",
              rss_at_warm_up, warm_up, max_rss, growth, kMaxGrowthKiB);
  std::printf("soak: open files %ld to %ld after the warm-up; %ld hourly reports\n", min_fds, max_fds, reports);
  const bool ok = rss_at_warm_up > 0 && reports >= hours && growth <= kMaxGrowthKiB && min_fds == max_fds && applied > 0;
  if (!ok) std::printf("soak: FAILED\n%s", text.substr(text.size() > 4000 ? text.size() - 4000 : 0).c_str());
  return ok ? 0 : 1;
}
