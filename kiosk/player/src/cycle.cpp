#include "player/cycle.h"

#include <algorithm>

namespace kiosk::player {

Cycle::Cycle(std::vector<Duration> durations, SteadyTime start, std::uint64_t round)
    : durations_(std::move(durations)), round_(round), started_(start) {
  for (auto& d : durations_) d = std::max(d, kMinDuration);
}

SteadyTime Cycle::next_change() const {
  if (durations_.empty() || paused_at_) return SteadyTime::max();
  return started_ + durations_[current_];
}

bool Cycle::advance(SteadyTime now) {
  if (durations_.empty() || paused_at_ || now < next_change()) return false;
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
  const auto elapsed = std::chrono::duration<float>(this->elapsed(now)).count();
  const auto total = std::chrono::duration<float>(durations_[current_]).count();
  return std::clamp(elapsed / total, 0.0f, 1.0f);
}

void Cycle::jump_to(std::size_t index, SteadyTime now) {
  if (durations_.empty()) return;
  current_ = index % durations_.size();
  started_ = now;
  if (paused_at_) paused_at_ = now;
}

void Cycle::pause(SteadyTime now) {
  if (!paused_at_) paused_at_ = now;
}

void Cycle::resume(SteadyTime now) {
  if (!paused_at_) return;
  started_ += now - *paused_at_;
  paused_at_.reset();
}

Duration Cycle::elapsed(SteadyTime now) const { return (paused_at_ ? *paused_at_ : now) - started_; }

Duration Cycle::duration() const { return durations_.empty() ? Duration::zero() : durations_[current_]; }

std::size_t language_of_round(std::uint64_t round, std::size_t languages, int rounds_per_language) {
  if (languages == 0) return 0;
  const auto rounds = static_cast<std::uint64_t>(std::max(1, rounds_per_language));
  return static_cast<std::size_t>(round / rounds % languages);
}

}  // namespace kiosk::player
