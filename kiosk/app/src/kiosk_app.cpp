#include "app/kiosk_app.h"

#include <cstdio>

#include "config/config.h"
#include "display.h"
#include "app/scene.h"
#include "platform/log.h"

namespace kiosk::app {

int run_kiosk(const std::vector<std::string>& args) {
  const SteadyTime started = SystemClock().steady();
  auto options = parse_options(args);
  if (!options) {
    std::fprintf(stderr, "kiosk: %s\n", options.error().message.c_str());
    return kExitUsage;
  }
  if (options->help) {
    std::fputs(usage_text().c_str(), stdout);
    return kExitOk;
  }
  if (options->version) {
    std::printf("kiosk %s\n", KIOSK_VERSION);
    return kExitOk;
  }

  auto config = config::load_for_program(options->config_path);
  if (!config) {
    std::fprintf(stderr, "kiosk: %s\n", config.error().message.c_str());
    return kExitFailure;
  }
  for (const Status& checked : {check_playlist(*config), check_languages(*config)}) {
    if (!checked) {
      std::fprintf(stderr, "kiosk: %s\n", checked.error().message.c_str());
      return kExitFailure;
    }
  }
  const AssetPaths assets = find_assets(*config);
  if (options->screenshot_dir) {
    auto content = load_content(*config, assets);
    if (!content) {
      std::fprintf(stderr, "kiosk: %s\n", content.error().message.c_str());
      return kExitFailure;
    }
    const ScreenshotRequest request{
        *options->screenshot_dir,
        options->size.value_or(config->width > 0 ? Size{config->width, config->height} : Size{1920, 1080}),
        options->rotation.value_or(static_cast<int>(config->rotation)), SystemClock().wall()};
    if (auto s = render_screenshots(request, *content, assets, *config, started); !s) {
      std::fprintf(stderr, "kiosk: %s\n", s.error().message.c_str());
      return kExitFailure;
    }
    return kExitOk;
  }
  return run_display(*options, *config, assets, started);
}

}  // namespace kiosk::app
