#include "power/controller.h"

#include "platform/log.h"

namespace kiosk::power {

PowerController::PowerController(WeekSchedule schedule, std::chrono::steady_clock::duration wake,
                                 std::unique_ptr<DisplayPower> backend, ToLocal to_local)
    : schedule_(std::move(schedule)), wake_(wake), backend_(std::move(backend)), to_local_(std::move(to_local)) {}

bool PowerController::wanted(SteadyTime now, WallTime wall) const {
  return schedule_.on_at(to_local_(wall)) || now < awake_until_;
}

std::optional<bool> PowerController::update(SteadyTime now, WallTime wall) {
  const bool want = wanted(now, wall);
  const bool changed = !on_ || *on_ != want;
  if (!changed && now < next_assert_) return std::nullopt;
  next_assert_ = now + kReassert;
  on_ = want;
  if (auto set = backend_->set(want); !set) {
    // Logged when it first fails and when the failure changes, not every 10 minutes.
    if (set.error().message != last_failure_) {
      log::error("display power: " + set.error().message + "; the screen shows black while it should be off");
    }
    last_failure_ = set.error().message;
  } else if (!last_failure_.empty()) {
    log::info("display power: " + backend_->describe() + " works again");
    last_failure_.clear();
  }
  if (!changed) return std::nullopt;
  return want;
}

bool PowerController::touch(SteadyTime now, WallTime) {
  const bool was_off = !on();
  awake_until_ = now + wake_;
  return was_off;
}

void PowerController::leave_on() {
  if (on()) return;
  if (auto set = backend_->set(true); !set) log::error("display power: " + set.error().message);
  on_ = true;
}

std::string PowerController::reason(WallTime wall) const {
  const LocalTime local = to_local_(wall);
  if (schedule_.on_at(local)) return "on by the schedule";
  if (on()) {
    const auto minutes = std::chrono::duration_cast<std::chrono::minutes>(wake_).count();
    return "on for " + std::to_string(minutes) + (minutes == 1 ? " minute" : " minutes") + " after a touch";
  }
  const auto next = schedule_.next_start(local);
  return next ? "off by the schedule until " + describe(*next) : "off by the schedule all week";
}

SteadyTime PowerController::next_deadline() const {
  return on_ && *on_ && awake_until_ > SteadyTime{} && awake_until_ < next_assert_ ? awake_until_ : next_assert_;
}

}  // namespace kiosk::power
