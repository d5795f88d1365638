#include "player/navigator.h"

#include <algorithm>
#include <cmath>

namespace kiosk::player {

namespace {

double seconds(Duration d) { return std::chrono::duration<double>(d).count(); }

// Below this speed a fling has stopped (pixels per second).
constexpr double kRestingSpeed = 20;
// A fling's speed is taken from the movement of the last part of the drag.
constexpr auto kVelocityWindow = std::chrono::milliseconds(100);
// Inertia frames: about 60 per second.
constexpr auto kFrame = std::chrono::milliseconds(16);

}  // namespace

Navigator::Navigator(NavigatorSettings settings) : settings_(settings), swipe_from_width_(settings.swipe_distance <= 0) {
  if (swipe_from_width_) settings_.swipe_distance = settings_.width / 5;
}

void Navigator::resize(float width, float height, float tap_slop) {
  settings_.width = width;
  settings_.height = height;
  settings_.tap_slop = tap_slop;
  if (swipe_from_width_) settings_.swipe_distance = width / 5;
}

void Navigator::set_scroll_extent(float max_offset, float page) {
  max_scroll_ = std::max(0.0f, max_offset);
  page_ = page;
  scroll_ = std::clamp(scroll_, 0.0, max_scroll_);
}

void Navigator::set_list(const std::vector<std::string>& ids, float item_height) {
  list_ = ids;
  item_height_ = std::max(1.0f, item_height);
}

const HitRegion* Navigator::hit(Pos pos) const {
  // Later regions are drawn on top: they win.
  for (auto it = regions_.rbegin(); it != regions_.rend(); ++it) {
    if (it->box.contains(pos)) return &*it;
  }
  return nullptr;
}

void Navigator::scroll_to(double offset) { scroll_ = std::clamp(offset, 0.0, max_scroll_); }

Duration stay_notice_lead(Duration idle_return) {
  constexpr Duration kLead = std::chrono::seconds(20);
  return idle_return >= 2 * kLead ? kLead : idle_return / 2;
}

void Navigator::go(View v, SteadyTime at) {
  if (v == View::kCycle && view_ != View::kCycle) returned_ = true;
  if (v == View::kCycle) {
    // The session ends: its choices go with it.
    group_.clear();
    language_.clear();
    language_list_ = false;
    larger_text_ = false;
    paused_ = false;
    stay_notice_ = 0;
  }
  if (v != view_) {
    scroll_ = 0;
    velocity_ = 0;
  }
  view_ = v;
  last_input_ = at;
}

void Navigator::touch(const TouchEvent& e) {
  if (e.phase == TouchPhase::kDown) {
    if (finger_) return;  // a second finger: ignored
    finger_ = e.finger;
    down_pos_ = last_pos_ = e.pos;
    down_at_ = last_move_at_ = e.at;
    down_scroll_ = scroll_;
    dragging_ = false;
    velocity_ = 0;  // a touch stops a fling
    last_input_ = e.at;
    if (stay_notice_ > 0) {  // the notice takes the touch: more time, and nothing under it is pressed
      stay_notice_ = 0;
      swallowed_ = true;
      pressed_.reset();
      pressed_id_.clear();
      return;
    }
    const HitRegion* h = hit(e.pos);
    pressed_ = h ? std::optional<Target>(h->target) : std::nullopt;
    pressed_id_ = h ? h->id : "";
    corner_held_ = h && h->target == Target::kStaffCorner;
    return;
  }
  if (!finger_ || *finger_ != e.finger) return;  // stray or another finger
  last_input_ = e.at;
  if (swallowed_) {
    if (e.phase == TouchPhase::kUp) {
      finger_.reset();
      swallowed_ = false;
    }
    return;
  }
  const float dx = e.pos.x - down_pos_.x, dy = e.pos.y - down_pos_.y;
  if (e.phase == TouchPhase::kMove) {
    if (!dragging_ && std::hypot(dx, dy) > settings_.tap_slop) {
      dragging_ = true;
      pressed_.reset();
      corner_held_ = false;
    }
    if (dragging_ && view_ != View::kCycle) {
      // Dragging up moves the content up: the offset grows.
      const double step = last_pos_.y - e.pos.y;
      const double dt = seconds(e.at - last_move_at_);
      if (dt > 0) {
        const double instant = step / dt;
        // Smooth over the last moments of the drag; an old sample counts for less.
        const double w = std::min(1.0, dt / seconds(kVelocityWindow));
        velocity_ = velocity_ * (1 - w) + instant * w;
      }
      scroll_to(down_scroll_ - dy);
    }
    last_pos_ = e.pos;
    last_move_at_ = e.at;
    return;
  }
  // Up.
  finger_.reset();
  corner_held_ = false;
  const std::optional<Target> was_pressed = pressed_;
  pressed_.reset();
  if (long_pressed_) {  // the finger that opened the staff overlay leaves it open
    long_pressed_ = false;
    return;
  }
  if (!dragging_) {
    velocity_ = 0;
    if (overlay_) {
      overlay_ = false;  // a tap anywhere hides the staff overlay
      return;
    }
    if (was_pressed) tap(e.pos, e.at);
    else if (view_ == View::kCycle) tap(e.pos, e.at);
    return;
  }
  if (view_ == View::kCycle) {
    velocity_ = 0;
    if (std::fabs(dx) >= settings_.swipe_distance && std::fabs(dx) > std::fabs(dy)) swipe_ = dx < 0 ? +1 : -1;
    return;
  }
  // A release after a pause is no fling.
  if (e.at - last_move_at_ > kVelocityWindow) velocity_ = 0;
  if (std::fabs(velocity_) < kRestingSpeed) velocity_ = 0;
  last_update_ = e.at;
}

void Navigator::tap(Pos pos, SteadyTime at) {
  const HitRegion* h = hit(pos);
  // The open language list is answered first: a tap beside it only closes it.
  if (language_list_ && (!h || (h->target != Target::kLanguage && h->target != Target::kLanguages))) {
    language_list_ = false;
    return;
  }
  if (!h) return;
  switch (h->target) {
    case Target::kOpenBrowser:
      detail_from_ = View::kBrowser;
      go(View::kBrowser, at);
      break;
    case Target::kBack:
      go(view_ == View::kDetail ? detail_from_ : view_ == View::kArea ? View::kMap : View::kCycle, at);
      break;
    case Target::kOpenMap:
      group_.clear();
      go(View::kMap, at);
      break;
    case Target::kMapGroup:
      group_ = group_ == h->id ? "" : h->id;
      scroll_ = 0;
      velocity_ = 0;
      break;
    case Target::kArea:
      area_ = h->id;
      go(View::kArea, at);
      break;
    case Target::kPageUp:
      scroll_to(scroll_ - page_);
      break;
    case Target::kPageDown:
      scroll_to(scroll_ + page_);
      break;
    case Target::kFilterArea:
    case Target::kFilterAll: {
      const Filter f = h->target == Target::kFilterArea ? Filter::kThisArea : Filter::kAllAreas;
      if (f != filter_) scroll_ = 0;
      filter_ = f;
      break;
    }
    case Target::kLanguages:
      language_list_ = !language_list_;
      break;
    case Target::kLanguage:
      language_ = h->id;
      language_list_ = false;
      break;
    case Target::kLargerText:
      larger_text_ = !larger_text_;
      break;
    case Target::kPause:
      paused_ = !paused_;
      break;
    case Target::kStay:  // the touch itself gave the time
      break;
    case Target::kResult:
      selected_ = h->id;
      detail_from_ = view_ == View::kArea ? View::kArea : View::kBrowser;
      go(View::kDetail, at);
      break;
    default:
      break;
  }
}

bool Navigator::update(SteadyTime now) {
  bool changed = false;
  // Long press in the staff corner.
  if (finger_ && corner_held_ && !dragging_ && now - down_at_ >= settings_.long_press && !overlay_) {
    overlay_ = true;
    overlay_since_ = now;
    corner_held_ = false;
    long_pressed_ = true;
    pressed_.reset();
    changed = true;
  }
  if (overlay_ && now - overlay_since_ >= settings_.overlay_time) {
    overlay_ = false;
    changed = true;
  }
  // Inertia: the offset moves on at a speed that decays by the friction each second.
  if (velocity_ != 0 && !finger_) {
    const double dt = std::max(0.0, seconds(now - last_update_));
    const double decay = std::pow(settings_.friction_per_second, dt);
    const double k = std::log(settings_.friction_per_second);
    // The distance is the integral of v * friction^t over dt.
    const double distance = velocity_ * (decay - 1) / k;
    const double before = scroll_;
    scroll_to(scroll_ + distance);
    velocity_ *= decay;
    if (std::fabs(velocity_) < kRestingSpeed || scroll_ == before) velocity_ = 0;
    changed = changed || scroll_ != before;
  }
  last_update_ = now;
  follow_idle_time(now, changed);
  return changed;
}

// Nobody touched the screen for a while: the notice counts down, then back to the cycle; a paused
// cycle goes on.
void Navigator::follow_idle_time(SteadyTime now, bool& changed) {
  const Duration idle = now - last_input_;
  if (paused_ && view_ == View::kCycle && !finger_ && idle >= settings_.idle_return) {
    paused_ = false;
    changed = true;
  }
  if (view_ == View::kCycle || finger_) return;
  if (idle >= settings_.idle_return) {
    go(View::kCycle, now);
    changed = true;
    return;
  }
  const Duration left = settings_.idle_return - idle;
  const int notice = left <= stay_notice_lead(settings_.idle_return)
                         ? static_cast<int>(std::chrono::ceil<std::chrono::seconds>(left).count())
                         : 0;
  if (notice != stay_notice_) {
    stay_notice_ = notice;
    changed = true;
  }
}

SteadyTime Navigator::next_deadline() const {
  SteadyTime next = SteadyTime::max();
  if (velocity_ != 0 && !finger_) next = std::min(next, last_update_ + kFrame);
  if (finger_ && corner_held_ && !overlay_) next = std::min(next, down_at_ + settings_.long_press);
  if (overlay_) next = std::min(next, overlay_since_ + settings_.overlay_time);
  if (view_ != View::kCycle || paused_) {
    const SteadyTime return_at = last_input_ + settings_.idle_return;
    next = std::min(next, return_at);
    if (view_ != View::kCycle) {
      // The notice appears, then counts down a second at a time.
      const SteadyTime notice_at = return_at - stay_notice_lead(settings_.idle_return);
      if (notice_at > last_update_) {
        next = std::min(next, notice_at);
      } else {
        const Duration left = return_at - last_update_;
        const Duration tick = left - std::chrono::floor<std::chrono::seconds>(left - Duration(1));
        next = std::min(next, last_update_ + tick);
      }
    }
  }
  return next;
}

int Navigator::take_swipe() {
  const int s = swipe_;
  swipe_ = 0;
  return s;
}

bool Navigator::take_returned_to_cycle() {
  const bool r = returned_;
  returned_ = false;
  return r;
}

void Navigator::content_changed(const std::vector<std::string>& ids, float item_height) {
  if (view_ == View::kDetail && std::find(ids.begin(), ids.end(), selected_) == ids.end()) {
    view_ = detail_from_;
    selected_.clear();
  }
  // Keep the result that was at the top of the list at the top, where it still exists.
  const auto top_index = static_cast<std::size_t>(std::max(0.0, scroll_) / item_height_);
  if (view_ == View::kBrowser && top_index < list_.size()) {
    const auto it = std::find(ids.begin(), ids.end(), list_[top_index]);
    if (it != ids.end()) scroll_ = static_cast<double>(it - ids.begin()) * item_height + std::fmod(scroll_, item_height_);
  }
  list_ = ids;
  item_height_ = std::max(1.0f, item_height);
  max_scroll_ = std::max(0.0, static_cast<double>(ids.size()) * item_height_ - page_);
  scroll_ = std::clamp(scroll_, 0.0, max_scroll_);
}

}  // namespace kiosk::player
