// Every slide of a content version drawn off-screen to PNG, with the texts drawn beside each:
// `kiosk --screenshot` and `kiosk-feed preview`.
#pragma once

#include <string>

#include "config/config.h"
#include "platform/clock.h"
#include "platform/result.h"
#include "screens/assets.h"
#include "screens/scene.h"
#include "screens/size.h"

namespace kiosk::screens {

struct ScreenshotRequest {
  std::string dir;    // created if needed
  Size size;          // the screen's own size; with rotation 90/270 the slides are laid out turned
  int rotation = 0;   // degrees clockwise
  WallTime now;       // the time shown (clock, the timeline's today)
  // How many rounds of the results slide to render (it tells up to five results in turn, one per
  // round): 1 for the cycle's first screen of each slide, 5 to see every result it shows.
  int result_rounds = 1;
  // Also the touch views: the browser (this area, all areas) and each result in detail, after the
  // cycle's slides (<nn>-browser.png, <nn>-browser-all.png, <nn>-detail-<id>[-<page>].png).
  bool touch_views = false;
  // The touch map: the map view, the map with its largest group opened, and the kiosk's own area's
  // card (<nn>-areamap.png, <nn>-areamap-<group>.png, <nn>-area-<id>.png); after the other touch
  // views, and with touch_views too.
  bool map_views = false;
};

// Renders each cycle slide once, with the real renderer on an off-screen surface (SDL's dummy video
// driver, software rendering) through the same compositor as the screen, to
// <dir>/<nn>-<slide>.png (<nn>-results-<round>.png for several rounds, until they repeat), and beside each the texts
// drawn on it, one block per text, to <nn>-<slide>.txt: what a person reads on the slide, for
// checking content without looking at pictures. `started` is when the process began, for the
// first-frame log line.
Status render_screenshots(const ScreenshotRequest& request, const LoadedContent& content, const AssetPaths& assets,
                          const config::Config& config, SteadyTime started);

}  // namespace kiosk::screens
