// The kiosk speaks systemd's notify protocol: READY=1 after its first frame, then WATCHDOG=1 from
// the render loop at half the watchdog interval. A real datagram socket plays systemd.
#include <sys/socket.h>
#include <sys/un.h>
#include <poll.h>
#include <unistd.h>

#include <atomic>
#include <thread>

#include <catch2/catch.hpp>
#include <sstream>

#include "test_support.h"

namespace {

struct Notified {
  kiosk::testing::CommandRun run;
  std::vector<std::string> messages;
};

// Runs the kiosk headless for `seconds` with a socket playing systemd (watchdog interval 1 s).
Notified run_with_systemd(const std::string& extra, int seconds) {
  kiosk::testing::TempDir dir;
  const std::string path = dir.file("notify");
  const int fd = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  REQUIRE(fd >= 0);
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  std::snprintf(addr.sun_path, sizeof addr.sun_path, "%s", path.c_str());
  REQUIRE(::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
  kiosk::testing::write_file(dir.file("kiosk.toml"), "[cache]\ndatabase = \"" + dir.file("content.db") + "\"\n");
  // Read as systemd does, while the kiosk runs: a full socket queue would block its sd_notify.
  Notified out;
  std::atomic<bool> done{false};
  std::thread reader([&] {
    char buf[512];
    while (!done) {
      pollfd p{fd, POLLIN, 0};
      if (::poll(&p, 1, 50) > 0) {
        const ssize_t n = ::recv(fd, buf, sizeof buf, MSG_DONTWAIT);
        if (n > 0) out.messages.emplace_back(buf, static_cast<std::size_t>(n));
      }
    }
  });
  out.run = kiosk::testing::run_command("env SDL_VIDEODRIVER=dummy NOTIFY_SOCKET=" + path + " WATCHDOG_USEC=1000000 " +
                                        KIOSK_BINARY + " --config " + dir.file("kiosk.toml") + " --size 800x480 --run-for " +
                                        std::to_string(seconds) + " " + extra);
  done = true;
  reader.join();
  char buf[512];
  for (ssize_t n; (n = ::recv(fd, buf, sizeof buf, MSG_DONTWAIT)) > 0;) out.messages.emplace_back(buf, static_cast<std::size_t>(n));
  ::close(fd);
  return out;
}

}  // namespace

TEST_CASE("a renderer that outputs black is rebuilt and then the watchdog is left to restart the kiosk", "[app][systemd][watchdog]") {
  const Notified n = run_with_systemd("--fault black-frames", 13);
  INFO(n.run.output);
  CHECK_THAT(n.run.output, Catch::Contains("render check: the screen shows a single colour; rebuilding the renderer"));
  CHECK_THAT(n.run.output, Catch::Contains("render check: the screen still shows a single colour after a rebuild"));
  // The rebuilt renderer is made as the first was: the same kind, vsync and slide textures.
  std::vector<std::string> renderers;
  std::istringstream lines(n.run.output);
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind("renderer: ", 0) == 0) renderers.push_back(line);
  }
  REQUIRE(renderers.size() == 2);
  CHECK(renderers[0] == renderers[1]);
  CHECK_THAT(renderers[0], Catch::Contains("slide textures"));
  const auto status = std::find_if(n.messages.begin(), n.messages.end(),
                                   [](const std::string& m) { return m.rfind("STATUS=render check failed", 0) == 0; });
  REQUIRE(status != n.messages.end());
  CHECK(std::count(n.messages.begin(), status, "WATCHDOG=1") >= 4);   // pinged while it still hoped
  CHECK(std::count(status, n.messages.end(), "WATCHDOG=1") == 0);     // and never after
}

TEST_CASE("a healthy screen passes the render check", "[app][systemd][watchdog]") {
  const Notified n = run_with_systemd("", 11);
  INFO(n.run.output);
  CHECK(n.run.exit_code == 0);
  CHECK_THAT(n.run.output, !Catch::Contains("render check"));
  CHECK(std::count(n.messages.begin(), n.messages.end(), "WATCHDOG=1") >= 8);  // a frame, and so a ping, every second
}

TEST_CASE("the kiosk tells systemd it is ready and pings the watchdog while it draws", "[app][systemd]") {
  const Notified n = run_with_systemd("", 4);
  INFO(n.run.output);
  REQUIRE(n.run.exit_code == 0);
  REQUIRE_FALSE(n.messages.empty());
  CHECK_THAT(n.messages.front(), Catch::StartsWith("READY=1"));
  const auto pings = std::count(n.messages.begin(), n.messages.end(), "WATCHDOG=1");
  // At most every half interval (0.5 s), at least with each second's frame, over four seconds.
  CHECK(pings >= 3);
  CHECK(pings <= 9);
}
