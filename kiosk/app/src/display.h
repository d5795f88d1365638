// The on-screen loop: a window (fullscreen unless asked otherwise) that cycles the slides and draws
// only when something changes.
#pragma once

#include "app/content_source.h"
#include "app/options.h"
#include "config/config.h"
#include "platform/clock.h"

namespace kiosk::app {

// Returns the process exit code. `started` is when the process began, for the first-frame log.
// The display is opened before the content is read, so that a machine without one gets a single
// clear line and nothing else.
int run_display(const Options& options, const config::Config& config, const AssetPaths& assets, SteadyTime started);

}  // namespace kiosk::app
