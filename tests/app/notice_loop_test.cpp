// Notices through the real display loop: on the loop's fake clock (--simulated-time) an urgent notice
// comes before every slide from its start and is gone after its end; with the real clock, a notice
// that kiosk-sync applies to the cache of a running kiosk is on its screen within 2 s.
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <thread>

#include "app/kiosk_app.h"
#include "cache_files.h"
#include "feed/minisign.h"
#include "publisher.h"
#include "test_support.h"

using namespace kiosk;
using namespace std::chrono_literals;

namespace {

namespace fs = std::filesystem;

std::int64_t unix_now() { return std::chrono::duration_cast<std::chrono::seconds>(SystemClock().wall().time_since_epoch()).count(); }

// The dumped frames' slide names in order ("000-status.png" -> "status"), a slide drawn again in place
// counted once.
std::vector<std::string> turns_in(const std::string& frames) {
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(frames)) names.push_back(e.path().filename().string());
  std::sort(names.begin(), names.end());
  std::vector<std::string> turns;
  for (const auto& name : names) {
    const std::string kind = name.substr(4, name.size() - 8);
    if (turns.empty() || turns.back() != kind) turns.push_back(kind);
  }
  return turns;
}

std::string joined(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += s + " ";
  return out;
}

model::Notice urgent_notice(std::int64_t from, std::int64_t until) {
  model::Notice n;
  n.id = "varme";
  n.level = model::NoticeLevel::kUrgent;
  n.title = "Varmen er afbrudt i blok 3";
  n.text = "Fra kl. 9 til kl. 15.";
  if (from) n.show_from = from;
  n.show_until = until;
  return n;
}

}  // namespace

TEST_CASE("on the loop's fake clock an urgent notice comes before every slide from its start and is gone after its end", "[app][notices][loop]") {
  testing::TempDir dir;
  auto feed = testing::default_feed_as_version(3);
  const std::int64_t now = unix_now();
  // starts 7 s into the run and ends 12 s later: the turns before, during and after it
  feed.content.notices = {urgent_notice(now + 7, now + 19)};
  {
    auto cache = testing::open_cache(dir.file("content.db"));
    REQUIRE(cache.apply(feed, now).ok());
  }
  testing::write_file(dir.file("kiosk.toml"), "[cache]\ndatabase = \"" + dir.file("content.db") +
                                                  "\"\n[slides]\nnotice_seconds = 3\n"
                                                  "[[slides.show]]\nkind = \"status\"\nseconds = 2\n"
                                                  "[[slides.show]]\nkind = \"timeline\"\nseconds = 2\n");
  ::setenv("SDL_VIDEODRIVER", "dummy", 1);
  const int exit = app::run_kiosk({"--config", dir.file("kiosk.toml"), "--size", "640x360", "--simulated-time", "--run-for",
                                   "30", "--dump-frames", dir.file("frames")});
  ::unsetenv("SDL_VIDEODRIVER");
  REQUIRE(exit == 0);
  const auto turns = turns_in(dir.file("frames"));
  INFO(joined(turns));
  const auto first = std::find(turns.begin(), turns.end(), "notice");
  REQUIRE(first != turns.end());
  const auto last = std::find(turns.rbegin(), turns.rend(), "notice").base() - 1;
  // before its start: slides only, at least the three that fit in 7 s
  CHECK(first - turns.begin() >= 3);
  // while valid: the notice before each slide, the cycle going on between its showings
  std::vector<std::string> during(first, last + 1);
  REQUIRE(during.size() >= 3);
  for (std::size_t i = 0; i < during.size(); ++i) CHECK((during[i] == "notice") == (i % 2 == 0));
  CHECK(std::count(during.begin(), during.end(), "status") >= 1);
  CHECK(std::count(during.begin(), during.end(), "timeline") >= 1);
  // after its end: slides only again, for the rest of the 30 s
  CHECK(turns.end() - last >= 4);
}

TEST_CASE("a notice kiosk-sync applies is on a running kiosk's screen within 2 s", "[app][notices][loop]") {
  testing::TempDir dir;
  testing::Publisher publisher;
  const std::string config = dir.file("kiosk.toml");
  testing::write_file(config, "[cache]\ndatabase = \"" + dir.file("content.db") + "\"\n[sync]\npublic_keys = [\"" +
                                  feed::minisign::public_key_line(publisher.keys().public_key) +
                                  "\"]\n[[slides.show]]\nkind = \"status\"\nseconds = 30\n");
  auto feed = testing::default_feed_as_version(1);
  feed.issued = unix_now() - 60;
  feed.expires = feed.issued + 86400 * 14;
  publisher.publish(feed);
  publisher.write_to(dir.file("usb-1"));
  const auto first = testing::run_command(std::string(KIOSK_SYNC_BINARY) + " --config " + config + " --import " + dir.file("usb-1"));
  INFO(first.output);
  REQUIRE(first.exit_code == 0);

  // The kiosk, as a process of its own with the real clock, on SDL's dummy driver.
  ::setenv("SDL_VIDEODRIVER", "dummy", 1);
  std::vector<std::string> argv = {KIOSK_PATH, "--config", config, "--size", "640x360", "--run-for", "12",
                                   "--dump-frames", dir.file("frames")};
  if (*KIOSK_EMULATOR) argv.insert(argv.begin(), KIOSK_EMULATOR);
  const pid_t kiosk = testing::spawn_quiet(argv);
  ::unsetenv("SDL_VIDEODRIVER");
  REQUIRE(kiosk > 0);
  // Its first frame: the status slide, without a notice.
  const auto deadline = std::chrono::steady_clock::now() + 10s;
  while (!fs::exists(dir.file("frames/000-status.png")) && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(20ms);  // polling for the other process's file; no result depends on it
  }
  REQUIRE(fs::exists(dir.file("frames/000-status.png")));

  feed.version = 2;
  feed.content.notices = {urgent_notice(0, unix_now() + 3600)};
  publisher.publish(feed);
  publisher.write_to(dir.file("usb-2"));
  const auto sync_started = std::chrono::system_clock::now();
  const auto second = testing::run_command(std::string(KIOSK_SYNC_BINARY) + " --config " + config + " --import " + dir.file("usb-2"));
  INFO(second.output);
  REQUIRE(second.exit_code == 0);
  int status = 0;
  REQUIRE(::waitpid(kiosk, &status, 0) == kiosk);
  CHECK(WIFEXITED(status));

  // The first frame of the notice, dumped as the kiosk presented it: its time against the sync's start.
  std::optional<fs::path> shown;
  for (const auto& e : fs::directory_iterator(dir.file("frames"))) {
    const std::string name = e.path().filename().string();
    if (name.find("-notice.png") != std::string::npos && (!shown || name < shown->filename().string())) shown = e.path();
  }
  REQUIRE(shown.has_value());
  struct stat st {};
  REQUIRE(::stat(shown->c_str(), &st) == 0);
  const auto on_screen = std::chrono::system_clock::time_point(std::chrono::seconds(st.st_mtim.tv_sec) +
                                                               std::chrono::nanoseconds(st.st_mtim.tv_nsec));
  const auto latency = std::chrono::duration_cast<std::chrono::milliseconds>(on_screen - sync_started);
  std::printf("notice on screen %lld ms after kiosk-sync --import started\n", static_cast<long long>(latency.count()));
  CHECK(latency < 2s);
}
