// Where the shown content comes from: the cache kiosk-sync fills, or, when there is none or it
// cannot be read, the default content shipped in the assets. The display never starts empty.
#pragma once

#include <string>

#include "config/config.h"
#include "model/content.h"
#include "platform/result.h"
#include "slides/slide.h"

namespace kiosk::app {

struct LoadedContent {
  model::Content content;
  slides::ContentOrigin origin;
};

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

// The default content from the assets. Errors name the file.
Result<LoadedContent> load_default_content(const AssetPaths& assets);

// The cache's current version when the database exists and reads cleanly, else the default content
// (each fallback logged once with its reason). Fails only when the default content fails too.
Result<LoadedContent> load_content(const config::Config& config, const AssetPaths& assets);

}  // namespace kiosk::app
