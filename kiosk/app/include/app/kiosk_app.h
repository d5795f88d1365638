// The kiosk program: command line, configuration, content, and then either the display loop or a
// headless screenshot of every slide. The thin main() in kiosk/tool calls run_kiosk().
#pragma once

#include <string>
#include <vector>

#include "app/content_source.h"
#include "app/options.h"
#include "platform/clock.h"
#include "platform/result.h"
#include "screens/screenshot.h"

namespace kiosk::app {

// Exit codes of `kiosk`.
enum ExitCode : int {
  kExitOk = 0,
  kExitFailure = 1,    // start-up failed: config, fonts, default content, renderer
  kExitUsage = 2,      // bad command line
  kExitNoDisplay = 3,  // no display to open; --screenshot works without one
};

int run_kiosk(const std::vector<std::string>& args);

// `kiosk --screenshot`: kiosk/screens' (kiosk-feed preview draws the same).
using screens::render_screenshots;
using screens::ScreenshotRequest;

}  // namespace kiosk::app
