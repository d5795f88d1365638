// The kiosk speaks systemd's notify protocol: READY=1 after its first frame, then WATCHDOG=1 from
// the render loop at half the watchdog interval. A real datagram socket plays systemd.
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include "test_support.h"

TEST_CASE("the kiosk tells systemd it is ready and pings the watchdog while it draws", "[app][systemd]") {
  kiosk::testing::TempDir dir;
  const std::string path = dir.file("notify");
  const int fd = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  REQUIRE(fd >= 0);
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  std::snprintf(addr.sun_path, sizeof addr.sun_path, "%s", path.c_str());
  REQUIRE(::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);

  kiosk::testing::write_file(dir.file("kiosk.toml"), "[cache]\ndatabase = \"" + dir.file("content.db") + "\"\n");
  const auto run = kiosk::testing::run_command("env SDL_VIDEODRIVER=dummy NOTIFY_SOCKET=" + path + " WATCHDOG_USEC=1000000 " +
                                               KIOSK_BINARY + " --config " + dir.file("kiosk.toml") +
                                               " --size 800x480 --run-for 4");
  INFO(run.output);
  REQUIRE(run.exit_code == 0);
  std::vector<std::string> messages;
  char buf[512];
  for (ssize_t n; (n = ::recv(fd, buf, sizeof buf, MSG_DONTWAIT)) > 0;) messages.emplace_back(buf, static_cast<std::size_t>(n));
  ::close(fd);
  REQUIRE_FALSE(messages.empty());
  CHECK_THAT(messages.front(), Catch::StartsWith("READY=1"));
  const auto pings = std::count(messages.begin(), messages.end(), "WATCHDOG=1");
  // Half a second apart over about four seconds of drawing.
  CHECK(pings >= 4);
  CHECK(pings <= 12);
}
