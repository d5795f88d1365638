// The kiosk's command line.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "platform/result.h"
#include "screens/size.h"

namespace kiosk::app {

using screens::Size;  // kiosk/screens', as kiosk-feed preview reads --size too

struct Options {
  std::optional<std::string> config_path;     // --config FILE
  std::optional<std::string> screenshot_dir;  // --screenshot DIR
  std::optional<Size> size;                   // --size WxH
  std::optional<int> rotation;                // --rotate 0|90|180|270
  std::optional<int> run_for_seconds;         // --run-for SECONDS: stop after that long
  std::optional<std::string> touch_script;    // --touch-script FILE: replay touches (tests, demos)
  std::optional<std::string> dump_frames;     // --dump-frames DIR: a PNG of each redrawn screen
  bool fault_black_frames = false;            // --fault black-frames: the renderer outputs black (tests)
  bool simulated_time = false;                // --simulated-time: time jumps to each next thing to draw (soak tests)
  bool windowed = false;                      // --windowed
  bool help = false;                          // --help, -h
  bool version = false;                       // --version
};

// Parses argv (without argv[0]). Errors name the offending argument.
Result<Options> parse_options(const std::vector<std::string>& args);

std::string usage_text();

}  // namespace kiosk::app
