#include "platform/clock.h"

namespace kiosk {

SteadyTime SystemClock::steady() const { return std::chrono::steady_clock::now(); }
WallTime SystemClock::wall() const { return std::chrono::system_clock::now(); }

}  // namespace kiosk
