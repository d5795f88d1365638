#include "screens/assets.h"

#include <filesystem>

#include "cache/cache.h"

namespace kiosk::screens {

namespace fs = std::filesystem;

AssetPaths find_assets(const config::Config& config) {
  if (!config.assets_dir.empty()) return {config.assets_dir};
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    const fs::path installed = exe.parent_path().parent_path() / "share" / "kiosk";
    if (fs::exists(installed / "content" / "default-feed.json", ec)) return {installed.string()};
  }
  return {KIOSK_SOURCE_ASSET_DIR};
}

std::string objects_dir(const config::Config& config) { return cache::objects_dir_beside(config.database); }

}  // namespace kiosk::screens
