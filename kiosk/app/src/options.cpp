#include "app/options.h"

#include <charconv>

namespace kiosk::app {

namespace {

bool parse_int(const std::string& s, int& out) {
  if (s.empty()) return false;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc{} && end == s.data() + s.size();
}

}  // namespace

Result<Options> parse_options(const std::vector<std::string>& args) {
  Options o;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    const auto value = [&](const char* name) -> Result<std::string> {
      if (i + 1 >= args.size()) return make_error(std::string(name) + " needs a value");
      return args[++i];
    };
    if (a == "--help" || a == "-h") {
      o.help = true;
    } else if (a == "--version") {
      o.version = true;
    } else if (a == "--windowed") {
      o.windowed = true;
    } else if (a == "--config") {
      auto v = value("--config");
      if (!v) return v.error();
      o.config_path = *v;
    } else if (a == "--screenshot") {
      auto v = value("--screenshot");
      if (!v) return v.error();
      o.screenshot_dir = *v;
    } else if (a == "--rotate") {
      auto v = value("--rotate");
      if (!v) return v.error();
      int degrees = -1;
      if (!parse_int(*v, degrees) || (degrees != 0 && degrees != 90 && degrees != 180 && degrees != 270)) {
        return make_error("--rotate: '" + *v + "' is not one of 0, 90, 180, 270");
      }
      o.rotation = degrees;
    } else if (a == "--run-for") {
      auto v = value("--run-for");
      if (!v) return v.error();
      int seconds = 0;
      if (!parse_int(*v, seconds) || seconds < 1) return make_error("--run-for: '" + *v + "' is not a whole number of seconds");
      o.run_for_seconds = seconds;
    } else if (a == "--touch-script" || a == "--dump-frames") {
      auto v = value(a.c_str());
      if (!v) return v.error();
      (a == "--touch-script" ? o.touch_script : o.dump_frames) = *v;
    } else if (a == "--simulated-time") {
      o.simulated_time = true;
    } else if (a == "--fault") {
      auto v = value("--fault");
      if (!v) return v.error();
      if (*v != "black-frames") return make_error("--fault: '" + *v + "' is not a known fault (black-frames)");
      o.fault_black_frames = true;
    } else if (a == "--size") {
      auto v = value("--size");
      if (!v) return v.error();
      auto size = screens::parse_size(*v);
      if (!size) return size.error();
      o.size = *size;
    } else {
      return make_error("unknown argument '" + a + "' (see --help)");
    }
  }
  return o;
}

std::string usage_text() {
  return "Usage: kiosk [--config FILE] [--windowed] [--size WxH] [--rotate DEG]\n"
         "       kiosk --screenshot DIR [--size WxH] [--rotate DEG] [--config FILE]\n"
         "\n"
         "Shows the community-centre information display: the area's status, the milestones of the\n"
         "follow-up evaluation and the latest results, in a cycle.\n"
         "\n"
         "  --config FILE     configuration (default /etc/kiosk/kiosk.toml if it exists)\n"
         "  --windowed        a window instead of the whole screen (Escape closes it)\n"
         "  --size WxH        window or screenshot size in pixels, e.g. 1920x1080\n"
         "  --rotate DEG      turn the picture clockwise by 0, 90, 180 or 270 degrees\n"
         "                    (overrides screen.rotation; --size is the screen's own size)\n"
         "  --screenshot DIR  render every slide once to DIR/<nn>-<slide>.png without a display\n"
         "  --run-for SEC     stop after SEC seconds (benchmarks and soak tests)\n"
         "  --simulated-time  instead of waiting, move the clock on to the next thing to draw, so\n"
         "                    --run-for 604800 runs a week as fast as the machine can; logs memory\n"
         "                    and open files every simulated hour (soak tests)\n"
         "  --touch-script F  replay touches from F: lines of '<ms> down|move|up <x> <y>' in\n"
         "                    pixels of the upright picture, as real touch events (tests, demos)\n"
         "  --dump-frames DIR write each newly drawn screen to DIR/<nnn>-<view>.png\n"
         "  --version         print the version\n"
         "  --help            print this help\n";
}

}  // namespace kiosk::app
