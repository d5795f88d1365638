// Telling systemd how the kiosk is doing (sd_notify): READY=1 once the first frame is on screen, and
// WATCHDOG=1 from the render loop, only after a frame was presented, so a hung renderer gets the
// service restarted. Without systemd (no NOTIFY_SOCKET) every call does nothing.
#pragma once

#include <chrono>
#include <string>

#include "platform/clock.h"

namespace kiosk {

class ServiceNotifier {
 public:
  ServiceNotifier();

  void ready();
  // Call after each presented frame; pings at most every half watchdog interval.
  void frame_presented(SteadyTime now);
  void stopping();
  // What `systemctl status` shows under the unit ("screen off by the schedule until ...").
  void status(const std::string& text);
  // Stops the watchdog pings for good, saying why: systemd then restarts the service.
  void stop_watchdog(const std::string& reason);

  bool watchdog_enabled() const { return interval_.count() > 0; }
  std::chrono::microseconds interval() const { return interval_; }

 private:
  std::chrono::microseconds interval_{0};
  SteadyTime last_ping_{};
  bool stopped_ = false;
};

}  // namespace kiosk
