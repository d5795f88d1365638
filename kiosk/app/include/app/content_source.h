// Where the shown content comes from: the cache kiosk-sync fills, or, when there is none or it
// cannot be read, the default content shipped in the assets. The display never starts empty.
#pragma once

#include "config/config.h"
#include "platform/result.h"
#include "screens/assets.h"
#include "screens/scene.h"

namespace kiosk::app {

// The assets, where the pictures are and the content a scene shows are kiosk/screens' (the staff
// tool uses them too); the kiosk names them as its own.
using screens::AssetPaths;
using screens::find_assets;
using screens::LoadedContent;
using screens::objects_dir;

// The default content from the assets. Errors name the file.
Result<LoadedContent> load_default_content(const AssetPaths& assets);

// The cache's current version when the database exists and reads cleanly, else the default content
// (each fallback logged once with its reason). Fails only when the default content fails too.
Result<LoadedContent> load_content(const config::Config& config, const AssetPaths& assets);

}  // namespace kiosk::app
