// The facts the staff overlay shows: how this screen is doing, read when the overlay is drawn.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "app/content_source.h"
#include "config/config.h"
#include "platform/clock.h"

namespace kiosk::app {

std::vector<std::pair<std::string, std::string>> staff_facts(const config::Config& config, const LoadedContent& content,
                                                             int width, int height, SteadyTime started, WallTime now,
                                                             bool stale);

}  // namespace kiosk::app
