#include "platform/service_notify.h"

#include <systemd/sd-daemon.h>

namespace kiosk {

ServiceNotifier::ServiceNotifier() {
  uint64_t usec = 0;
  if (sd_watchdog_enabled(0, &usec) > 0) interval_ = std::chrono::microseconds(usec);
}

void ServiceNotifier::ready() { sd_notify(0, "READY=1\nSTATUS=showing slides"); }

void ServiceNotifier::frame_presented(SteadyTime now) {
  if (stopped_ || !watchdog_enabled() || now - last_ping_ < interval_ / 2) return;
  sd_notify(0, "WATCHDOG=1");
  last_ping_ = now;
}

void ServiceNotifier::stopping() { sd_notify(0, "STOPPING=1"); }

void ServiceNotifier::status(const std::string& text) {
  if (!stopped_) sd_notifyf(0, "STATUS=%s", text.c_str());
}

void ServiceNotifier::stop_watchdog(const std::string& reason) {
  stopped_ = true;
  sd_notifyf(0, "STATUS=%s", reason.c_str());
}

}  // namespace kiosk
