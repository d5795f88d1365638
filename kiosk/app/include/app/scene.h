// The scene is kiosk/screens' (the staff tool draws with it too); the kiosk names it as its own.
#pragma once

#include "screens/scene.h"

namespace kiosk::app {
using screens::check_languages;
using screens::check_playlist;
using screens::LoadedContent;
using screens::Scene;
}  // namespace kiosk::app
