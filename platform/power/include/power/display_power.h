// Switching the physical screen on and off. Three backends, tried in this order by "auto":
//   backlight  the official Raspberry Pi touchscreens: writes 0 (on) or 4 (powered down) to
//              /sys/class/backlight/*/bl_power;
//   cec        a TV on HDMI: `cec-ctl --to 0 --image-view-on` / `--standby` (Debian's v4l-utils);
//   black      neither exists: the kiosk only shows a black screen while off.
// Whatever the backend, the kiosk draws black while the screen is off, so a screen that ignored
// the command still shows nothing.
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "platform/result.h"
#include "power/command_runner.h"

namespace kiosk::power {

class DisplayPower {
 public:
  virtual ~DisplayPower() = default;
  virtual Status set(bool on) = 0;
  // For the log and the staff overlay: "backlight /sys/class/backlight/10-0045/bl_power".
  virtual std::string describe() const = 0;
};

// Every `<dir>/*/bl_power`. Error if the folder has none.
class SysfsBacklight final : public DisplayPower {
 public:
  static Result<std::unique_ptr<SysfsBacklight>> find(const std::string& dir);
  Status set(bool on) override;
  std::string describe() const override;
  const std::vector<std::string>& files() const { return files_; }

 private:
  explicit SysfsBacklight(std::vector<std::string> files) : files_(std::move(files)) {}
  std::vector<std::string> files_;
};

// HDMI-CEC through cec-ctl on `device` (/dev/cec0), as a playback device talking to the TV (0).
class CecDisplay final : public DisplayPower {
 public:
  static constexpr std::chrono::milliseconds kTimeout{5000};
  CecDisplay(std::string device, CommandRunner& runner) : device_(std::move(device)), runner_(runner) {}
  Status set(bool on) override;
  std::string describe() const override { return "HDMI-CEC through cec-ctl on " + device_; }

 private:
  std::string device_;
  CommandRunner& runner_;
};

// No hardware control: off is a black screen.
class BlackScreen final : public DisplayPower {
 public:
  Status set(bool) override { return {}; }
  std::string describe() const override { return "black screen (no backlight or HDMI-CEC control found)"; }
};

enum class Backend { kAuto, kBacklight, kCec, kBlack };

struct BackendSettings {
  Backend backend = Backend::kAuto;
  std::string backlight_dir = "/sys/class/backlight";
  std::string cec_device = "/dev/cec0";
  bool operator==(const BackendSettings&) const = default;
};

// The backend to use. An explicitly asked-for backend that is not there is an error naming what
// is missing; "auto" falls back to the black screen.
Result<std::unique_ptr<DisplayPower>> choose_backend(const BackendSettings& settings, CommandRunner& runner);

}  // namespace kiosk::power
