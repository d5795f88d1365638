#include "touch_input.h"

#include <sstream>

#include "platform/files.h"

namespace kiosk::app {

namespace {

constexpr SDL_TouchID kScriptTouchId = 4242;
// A script is a line per touch event; a minute of busy touching is some 10 KiB.
constexpr std::size_t kMaxTouchScriptBytes = 1u << 20;

player::TouchPhase phase_of(Uint32 type) {
  switch (type) {
    case SDL_FINGERDOWN:
    case SDL_MOUSEBUTTONDOWN: return player::TouchPhase::kDown;
    case SDL_FINGERUP:
    case SDL_MOUSEBUTTONUP: return player::TouchPhase::kUp;
    default: return player::TouchPhase::kMove;
  }
}

}  // namespace

std::optional<player::TouchEvent> to_touch(const SDL_Event& e, SDL_Window* window, SDL_Renderer* renderer,
                                           const render::Compositor& compositor, SteadyTime now) {
  int ow = 0, oh = 0;
  SDL_GetRendererOutputSize(renderer, &ow, &oh);
  render::Point out;
  std::int64_t finger = 0;
  switch (e.type) {
    case SDL_FINGERDOWN:
    case SDL_FINGERMOTION:
    case SDL_FINGERUP:
      // Finger positions are fractions of the touch surface, which covers the screen.
      out = {static_cast<int>(e.tfinger.x * static_cast<float>(ow)), static_cast<int>(e.tfinger.y * static_cast<float>(oh))};
      finger = static_cast<std::int64_t>(e.tfinger.fingerId);
      break;
    case SDL_MOUSEBUTTONDOWN:
    case SDL_MOUSEBUTTONUP:
    case SDL_MOUSEMOTION: {
      if (e.button.which == SDL_TOUCH_MOUSEID) return std::nullopt;  // SDL's copy of a touch
      if (e.type == SDL_MOUSEMOTION && !(e.motion.state & SDL_BUTTON_LMASK)) return std::nullopt;
      if (e.type != SDL_MOUSEMOTION && e.button.button != SDL_BUTTON_LEFT) return std::nullopt;
      int ww = 1, wh = 1;
      SDL_GetWindowSize(window, &ww, &wh);
      const int x = e.type == SDL_MOUSEMOTION ? e.motion.x : e.button.x;
      const int y = e.type == SDL_MOUSEMOTION ? e.motion.y : e.button.y;
      out = {x * ow / std::max(1, ww), y * oh / std::max(1, wh)};
      finger = -1;
      break;
    }
    default:
      return std::nullopt;
  }
  const render::Point p = compositor.to_logical(out);
  return player::TouchEvent{phase_of(e.type), finger, {static_cast<float>(p.x), static_cast<float>(p.y)}, now};
}

Result<std::vector<ScriptedTouch>> load_touch_script(const std::string& path) {
  const auto text = read_file(path, kMaxTouchScriptBytes, "touch script");
  if (!text) return text.error();
  std::istringstream in(*text);
  std::vector<ScriptedTouch> out;
  std::string line;
  for (int n = 1; std::getline(in, line); ++n) {
    if (const auto hash = line.find('#'); hash != std::string::npos) line.resize(hash);
    std::istringstream words(line);
    long long ms = 0;
    std::string phase;
    float x = 0, y = 0;
    if (!(words >> ms)) continue;  // blank
    if (!(words >> phase >> x >> y) || (phase != "down" && phase != "move" && phase != "up") || ms < 0) {
      return make_error(path + ":" + std::to_string(n) + ": expected '<ms> down|move|up <x> <y>'");
    }
    out.push_back({std::chrono::milliseconds(ms),
                   phase == "down" ? player::TouchPhase::kDown : phase == "up" ? player::TouchPhase::kUp : player::TouchPhase::kMove,
                   {x, y}});
  }
  return out;
}

void push_touch(const ScriptedTouch& t, SDL_Renderer* renderer, const render::Compositor& compositor) {
  int ow = 1, oh = 1;
  SDL_GetRendererOutputSize(renderer, &ow, &oh);
  const render::Point out = compositor.to_output(render::Point{static_cast<int>(t.pos.x), static_cast<int>(t.pos.y)});
  SDL_Event e{};
  e.type = t.phase == player::TouchPhase::kDown ? SDL_FINGERDOWN : t.phase == player::TouchPhase::kUp ? SDL_FINGERUP : SDL_FINGERMOTION;
  e.tfinger.touchId = kScriptTouchId;
  e.tfinger.fingerId = 1;
  e.tfinger.x = (static_cast<float>(out.x) + 0.5f) / static_cast<float>(ow);
  e.tfinger.y = (static_cast<float>(out.y) + 0.5f) / static_cast<float>(oh);
  e.tfinger.pressure = 1;
  SDL_PushEvent(&e);
}

}  // namespace kiosk::app
