#include "power/display_power.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

namespace kiosk::power {
namespace {

namespace fs = std::filesystem;

// bl_power takes the framebuffer blanking levels: FB_BLANK_UNBLANK and FB_BLANK_POWERDOWN.
constexpr const char* kBacklightOn = "0\n";
constexpr const char* kBacklightOff = "4\n";

Status write_file(const std::string& path, const char* text) {
  errno = 0;
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) return make_error("cannot open " + path + " for writing: " + std::strerror(errno));
  out << text;
  out.flush();
  if (!out) return make_error("cannot write " + path + ": " + std::strerror(errno));
  return {};
}

}  // namespace

Result<std::unique_ptr<SysfsBacklight>> SysfsBacklight::find(const std::string& dir) {
  std::error_code ec;
  std::vector<std::string> files;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const fs::path file = it->path() / "bl_power";
    if (fs::exists(file, ec)) files.push_back(file.string());
  }
  if (ec && ec != std::errc::no_such_file_or_directory) return make_error("cannot list " + dir + ": " + ec.message());
  if (files.empty()) return make_error("no backlight found: no " + dir + "/*/bl_power");
  std::sort(files.begin(), files.end());
  return std::unique_ptr<SysfsBacklight>(new SysfsBacklight(std::move(files)));
}

Status SysfsBacklight::set(bool on) {
  for (const auto& file : files_) {
    if (auto written = write_file(file, on ? kBacklightOn : kBacklightOff); !written) return written;
  }
  return {};
}

std::string SysfsBacklight::describe() const {
  std::string out = "backlight";
  for (const auto& f : files_) out += " " + f;
  return out;
}

Status CecDisplay::set(bool on) {
  // --playback claims a logical address first; the adapter has none after boot.
  const std::vector<std::string> argv = {"cec-ctl", "--device", device_, "--playback", "--to", "0",
                                         on ? "--image-view-on" : "--standby"};
  auto rc = runner_.run(argv, kTimeout);
  if (!rc) return rc.error();
  if (*rc != 0) {
    return make_error("cec-ctl could not switch the TV " + std::string(on ? "on" : "off") + " (exit status " +
                      std::to_string(*rc) + ")");
  }
  return {};
}

Result<std::unique_ptr<DisplayPower>> choose_backend(const BackendSettings& settings, CommandRunner& runner) {
  const auto cec = [&]() -> Result<std::unique_ptr<DisplayPower>> {
    std::error_code ec;
    if (!fs::exists(settings.cec_device, ec)) return make_error("no HDMI-CEC device " + settings.cec_device);
    if (!runner.available("cec-ctl")) return make_error("cec-ctl not found (it is in Debian's v4l-utils package)");
    return std::unique_ptr<DisplayPower>(std::make_unique<CecDisplay>(settings.cec_device, runner));
  };
  switch (settings.backend) {
    case Backend::kBacklight: {
      auto found = SysfsBacklight::find(settings.backlight_dir);
      if (!found) return found.error();
      return std::unique_ptr<DisplayPower>(std::move(*found));
    }
    case Backend::kCec:
      return cec();
    case Backend::kBlack:
      return std::unique_ptr<DisplayPower>(std::make_unique<BlackScreen>());
    case Backend::kAuto:
      break;
  }
  if (auto found = SysfsBacklight::find(settings.backlight_dir)) return std::unique_ptr<DisplayPower>(std::move(*found));
  if (auto found = cec()) return found;
  return std::unique_ptr<DisplayPower>(std::make_unique<BlackScreen>());
}

}  // namespace kiosk::power
