// What the screen shows when people touch it: the cycle, the results browser, one result in
// detail, the map of the areas or one area's card; plus the staff overlay. Pure logic over touch events and time points, so every gesture
// (tap, drag, fling, swipe, long press) and every timeout is tested with a fake clock.
//
// A touch session (from the first touch view until the idle return) also holds what the resident
// chose for it: a language from the language list, and larger text. Both end at the idle return,
// which a notice ("Bliv her") announces in time (WCAG 2.2.1). The cycle itself may be paused by a
// tap on its pause control (WCAG 2.2.2) until a second tap or the idle time.
//
// The view layer draws the current state and tells the navigator, after each draw, where the
// touchable things are (hit regions) and how far the scrollable content reaches.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "platform/clock.h"

namespace kiosk::player {

using Duration = std::chrono::steady_clock::duration;

struct Pos {
  float x = 0, y = 0;
};

struct Box {
  float x = 0, y = 0, w = 0, h = 0;
  bool contains(Pos p) const { return p.x >= x && p.y >= y && p.x < x + w && p.y < y + h; }
};

enum class TouchPhase { kDown, kMove, kUp };

struct TouchEvent {
  TouchPhase phase = TouchPhase::kDown;
  std::int64_t finger = 0;  // which finger; only the first one down is followed
  Pos pos;                  // logical pixels of the (upright) picture
  SteadyTime at{};
};

// kMap: the map of the areas (a group of several may be opened into a list beside it); kArea: one
// area's card, whose results open in kDetail.
enum class View { kCycle, kBrowser, kDetail, kMap, kArea };
enum class Filter { kThisArea, kAllAreas };

enum class Target {
  kNone,
  kOpenBrowser,  // "Se alle resultater" on the results slide, or the slide itself
  kBack,
  kPageUp,
  kPageDown,
  kFilterArea,
  kFilterAll,
  kResult,       // a result in the list; HitRegion::id names it
  kStaffCorner,  // the top-left corner: a long press opens the staff overlay
  kOpenMap,      // "Se områdekort" on the status slide, or the map slide itself
  kMapGroup,     // a group of several areas on the map: opens (or closes) its list; id names it
  kArea,         // an area on the map or in a group's list: opens its card; id is the area's
  kLanguages,    // the language button of a touch view: opens (or closes) the list of languages
  kLanguage,     // one language in that list: the session goes on in it; id is its code
  kLargerText,   // turns larger text on or off for the session
  kPause,        // the cycle's pause control: holds the slide, or lets it go on
  kStay,         // "Bliv her" on the notice before the idle return: more time
};

struct HitRegion {
  Box box;
  Target target = Target::kNone;
  std::string id;  // for kResult, kMapGroup and kArea
};

struct NavigatorSettings {
  Duration idle_return = std::chrono::seconds(60);  // back to the cycle after this long untouched
  Duration long_press = std::chrono::seconds(5);    // in the staff corner
  Duration overlay_time = std::chrono::seconds(30);
  float tap_slop = 24;       // pixels a finger may wander and still tap
  float swipe_distance = 0;  // pixels of horizontal travel for a swipe (0: a fifth of the width)
  float width = 1920;        // of the logical picture
  float height = 1080;
  // Fling: the list keeps moving at the release speed, slowing by this factor per second.
  double friction_per_second = 0.05;
};

// How long before the idle return the "Bliv her" notice shows: 20 s, or half the idle time when
// that is under 40 s, so the notice never covers more than half of a visit's quiet time.
Duration stay_notice_lead(Duration idle_return);

class Navigator {
 public:
  explicit Navigator(NavigatorSettings settings);

  // The picture has a new size (a rotated or replugged screen): swipes and taps are measured anew.
  void resize(float width, float height, float tap_slop);

  void set_hit_regions(std::vector<HitRegion> regions) { regions_ = std::move(regions); }
  // The browser list or the detail text can scroll from 0 to `max_offset`; `page` is one screenful.
  void set_scroll_extent(float max_offset, float page);

  void touch(const TouchEvent& event);
  // Moves time on: inertia, the long press, the overlay's and the idle timeouts. Returns true when
  // what should be on screen changed.
  bool update(SteadyTime now);
  // When update() must run next even without input (a fling frame, a long press, a timeout).
  SteadyTime next_deadline() const;

  View view() const { return view_; }
  Filter filter() const { return filter_; }
  float scroll() const { return static_cast<float>(scroll_); }
  const std::string& selected() const { return selected_; }
  // The area whose card shows (or showed, under a detail opened from it).
  const std::string& area() const { return area_; }
  // The map's opened group, empty when none.
  const std::string& group() const { return group_; }
  // Where Back from the detail goes: the browser, or the card it was opened from.
  View detail_from() const { return detail_from_; }
  std::optional<Target> pressed() const { return pressed_; }
  const std::string& pressed_id() const { return pressed_id_; }
  bool overlay() const { return overlay_; }
  bool moving() const { return velocity_ != 0; }
  // The language the resident chose for this touch session by its code, empty while none was
  // chosen (the views are drawn in the cycle's). Cleared at the return to the cycle.
  const std::string& language() const { return language_; }
  // The list of languages is open over the touch view.
  bool language_list() const { return language_list_; }
  // Larger text for this touch session; off again at the return to the cycle.
  bool larger_text() const { return larger_text_; }
  // The cycle is paused on its slide (the display holds its Cycle while this is true).
  bool paused() const { return paused_; }
  // Whole seconds left before the idle return while the "Bliv her" notice shows, else 0. Updated
  // by update(); a touch anywhere hides it and starts the idle time again, and goes no further.
  int stay_notice() const { return stay_notice_; }
  bool touching() const { return finger_.has_value(); }

  // A swipe on the cycle since the last call: +1 next slide, -1 previous, 0 none.
  int take_swipe();
  // True once after the screen went back to the cycle (a timeout or Back), so the cycle restarts.
  bool take_returned_to_cycle();

  // The content changed while someone browses: `ids` are the results the current filter shows, in
  // order. The browser keeps the first result it showed at the top where it still exists; a detail
  // whose result is gone goes back to the list.
  void content_changed(const std::vector<std::string>& ids, float item_height);

  // Remembers the ids shown in the list, top to bottom, with their height, to keep the place.
  void set_list(const std::vector<std::string>& ids, float item_height);

 private:
  void tap(Pos pos, SteadyTime at);
  void go(View v, SteadyTime at);
  const HitRegion* hit(Pos pos) const;
  void scroll_to(double offset);
  void follow_idle_time(SteadyTime now, bool& changed);

  NavigatorSettings settings_;
  bool swipe_from_width_ = false;  // the swipe distance follows the width
  std::vector<HitRegion> regions_;
  View view_ = View::kCycle;
  Filter filter_ = Filter::kThisArea;
  std::string selected_;
  std::string area_;
  std::string group_;
  View detail_from_ = View::kBrowser;
  double scroll_ = 0;
  double max_scroll_ = 0;
  float page_ = 0;
  std::vector<std::string> list_;
  float item_height_ = 1;

  // The followed finger.
  std::optional<std::int64_t> finger_;
  Pos down_pos_;
  Pos last_pos_;
  SteadyTime down_at_{};
  SteadyTime last_move_at_{};
  double down_scroll_ = 0;
  bool dragging_ = false;
  double velocity_ = 0;  // px/s, positive scrolls towards the end
  SteadyTime last_update_{};
  std::optional<Target> pressed_;
  std::string pressed_id_;

  SteadyTime last_input_{};
  bool overlay_ = false;
  SteadyTime overlay_since_{};
  bool corner_held_ = false;
  bool long_pressed_ = false;
  int swipe_ = 0;
  bool returned_ = false;

  std::string language_;
  bool language_list_ = false;
  bool larger_text_ = false;
  bool paused_ = false;
  int stay_notice_ = 0;
  bool swallowed_ = false;  // the finger down hid the notice: it does nothing else
};

}  // namespace kiosk::player
