// Touch and mouse input for the navigator: SDL finger events (and the mouse, acting as a finger on a
// desktop) become TouchEvents in pixels of the upright picture; a touch script replays recorded
// touches as real SDL finger events, for tests and demonstrations.
#pragma once

#include <SDL.h>

#include <optional>
#include <string>
#include <vector>

#include "platform/clock.h"
#include "platform/result.h"
#include "player/navigator.h"
#include "render/compositor.h"

namespace kiosk::app {

// Nullopt for events that are not touches (or are the mouse copy of a touch).
std::optional<player::TouchEvent> to_touch(const SDL_Event& e, SDL_Window* window, SDL_Renderer* renderer,
                                           const render::Compositor& compositor, SteadyTime now);

struct ScriptedTouch {
  std::chrono::milliseconds at;  // after the first frame
  player::TouchPhase phase;
  player::Pos pos;  // upright picture pixels
};

// Lines "<ms> down|move|up <x> <y>"; '#' starts a comment. Errors name the file and line.
Result<std::vector<ScriptedTouch>> load_touch_script(const std::string& path);

// Pushes the touch as the SDL finger event a touch screen would send.
void push_touch(const ScriptedTouch& t, SDL_Renderer* renderer, const render::Compositor& compositor);

}  // namespace kiosk::app
