#include "player/cycle.h"

#include <algorithm>

namespace kiosk::player {

Cycle::Cycle(std::vector<Duration> durations, SteadyTime start) : durations_(std::move(durations)), started_(start) {
  for (auto& d : durations_) d = std::max(d, kMinDuration);
}

SteadyTime Cycle::next_change() const {
  if (durations_.empty()) return SteadyTime::max();
  return started_ + durations_[current_];
}

bool Cycle::advance(SteadyTime now) {
  if (durations_.empty() || now < next_change()) return false;
  const std::size_t before = current_;
  // Skip whole rounds at once so a gap of days costs no more than one round.
  Duration round{};
  for (const auto d : durations_) round += d;
  const auto rounds = (now - started_) / round;
  started_ += round * rounds;
  round_ += static_cast<std::uint64_t>(rounds);
  while (now >= started_ + durations_[current_]) {
    started_ += durations_[current_];
    current_ = (current_ + 1) % durations_.size();
    if (current_ == 0) ++round_;
  }
  return current_ != before || rounds > 0;
}

float Cycle::progress(SteadyTime now) const {
  if (durations_.empty()) return 0;
  const auto elapsed = std::chrono::duration<float>(now - started_).count();
  const auto total = std::chrono::duration<float>(durations_[current_]).count();
  return std::clamp(elapsed / total, 0.0f, 1.0f);
}

void Cycle::jump_to(std::size_t index, SteadyTime now) {
  if (durations_.empty()) return;
  current_ = index % durations_.size();
  started_ = now;
}

}  // namespace kiosk::player
