// The files the programs ship (fonts, default content) and where the pictures of results are.
#pragma once

#include <string>

#include "config/config.h"

namespace kiosk::screens {

// The files the program ships: fonts and default content.
struct AssetPaths {
  std::string dir;
  std::string font_regular() const { return dir + "/fonts/NotoSans-Regular.ttf"; }
  std::string font_bold() const { return dir + "/fonts/NotoSans-Bold.ttf"; }
  std::string default_feed() const { return dir + "/content/default-feed.json"; }
};

// The assets directory: the config's assets.dir if set; else <exe>/../share/kiosk when installed;
// else the source tree's assets/ that this binary was built from.
AssetPaths find_assets(const config::Config& config);

// Where kiosk-sync keeps the pictures of results: objects/<sha256> beside the database.
std::string objects_dir(const config::Config& config);

}  // namespace kiosk::screens
