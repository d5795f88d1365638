// Display power: the weekly schedule as staff write it, the backends against a fake sysfs folder
// and a fake command runner, and the controller under the fake clock.
#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

#include "platform/log.h"
#include "power/command_runner.h"
#include "power/controller.h"
#include "power/display_power.h"
#include "power/schedule.h"
#include "test_support.h"

namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using namespace kiosk::power;
using kiosk::FakeClock;
using kiosk::WallTime;
using kiosk::testing::read_file;
using kiosk::testing::TempDir;
using kiosk::testing::write_file;

std::vector<OnTime> day(std::string_view text) {
  auto parsed = parse_day(text);
  INFO(std::string(text));
  REQUIRE(parsed.ok());
  return *parsed;
}

std::string day_error(std::string_view text) {
  auto parsed = parse_day(text);
  REQUIRE_FALSE(parsed.ok());
  return parsed.error().message;
}

// The test's local time is UTC, computed without the C library's time zone.
LocalTime utc(WallTime wall) {
  const auto secs = std::chrono::duration_cast<std::chrono::seconds>(wall.time_since_epoch()).count();
  const long long days = secs / 86400;
  return {static_cast<int>((days + 3) % 7), static_cast<int>(secs % 86400 / 60)};  // 1970-01-01: a Thursday
}

WallTime at(int y, unsigned m, unsigned d, int hour, int minute) {
  using namespace std::chrono;
  return sys_days{year{y} / month{m} / std::chrono::day{d}} + hours{hour} + minutes{minute};
}

// Records each command and answers with the exit status it is given.
class FakeRunner final : public CommandRunner {
 public:
  kiosk::Result<int> run(const std::vector<std::string>& argv, std::chrono::milliseconds) override {
    commands.push_back(argv);
    if (!start_error.empty()) return kiosk::make_error(start_error);
    return exit_status;
  }
  bool available(const std::string& program) override { return program == "cec-ctl" && installed; }

  std::vector<std::vector<std::string>> commands;
  int exit_status = 0;
  std::string start_error;
  bool installed = true;
};

// Counts what the controller asks of the screen.
class RecordingBackend final : public DisplayPower {
 public:
  explicit RecordingBackend(std::vector<bool>* calls, const std::string* fail) : calls_(calls), fail_(fail) {}
  kiosk::Status set(bool on) override {
    calls_->push_back(on);
    if (!fail_->empty()) return kiosk::make_error(*fail_);
    return {};
  }
  std::string describe() const override { return "recording"; }

 private:
  std::vector<bool>* calls_;
  const std::string* fail_;
};

// A fake /sys/class/backlight with one panel.
fs::path fake_backlight(const TempDir& dir, const std::string& name = "10-0045") {
  const fs::path panel = dir.path() / "backlight" / name;
  fs::create_directories(panel);
  write_file(panel / "bl_power", "0\n");
  write_file(panel / "brightness", "255\n");
  return dir.path() / "backlight";
}

}  // namespace

TEST_CASE("a day is read as staff write it", "[power]") {
  CHECK(day("07:00-22:00") == std::vector<OnTime>{{420, 1320}});
  CHECK(day(" 13:00-22:00 , 07:00 - 12:00 ") == std::vector<OnTime>{{420, 720}, {780, 1320}});
  CHECK(day("on") == std::vector<OnTime>{{0, 1440}});
  CHECK(day("off").empty());
  CHECK(day("00:00-24:00") == std::vector<OnTime>{{0, 1440}});
  CHECK(format_day(day("13:00-22:00, 07:00-12:00")) == "07:00-12:00, 13:00-22:00");
  CHECK(format_day(day("00:00-24:00")) == "on");
  CHECK(format_day(day("off")) == "off");
}

TEST_CASE("a bad day says what is wrong with it", "[power]") {
  CHECK(day_error("7-22") == "\"7\" is not a time of day written HH:MM");
  CHECK(day_error("07:00") == "\"07:00\" is not a time range written HH:MM-HH:MM, nor \"on\" or \"off\"");
  CHECK(day_error("07:00-25:00") == "\"25:00\" is not a time of day from 00:00 to 24:00");
  CHECK(day_error("07:60-08:00") == "\"07:60\" is not a time of day from 00:00 to 24:00");
  CHECK(day_error("24:30-24:40") == "\"24:30\" is not a time of day from 00:00 to 24:00");
  CHECK(day_error("") == "is empty; write \"off\" for a day the screen stays off");
  CHECK(day_error("22:00-06:00") ==
        "\"22:00-06:00\" ends before it starts; a time crossing midnight is written as two days' ranges, e.g. "
        "\"22:00-24:00\" and, the next day, \"00:00-06:00\"");
  CHECK(day_error("07:00-12:00, 11:00-14:00") == "the ranges 07:00-12:00 and 11:00-14:00 overlap");
  CHECK(day_error("07:00-12:00,") == "\"\" is not a time range written HH:MM-HH:MM, nor \"on\" or \"off\"");
}

TEST_CASE("the schedule says whether the screen is on and when it next comes on", "[power]") {
  WeekSchedule week;
  CHECK(week.always_on());
  for (int d = 0; d < 5; ++d) week.set_day(d, day("07:00-22:00"));
  week.set_day(5, day("10:00-12:00, 14:00-16:00"));
  week.set_day(6, day("off"));
  CHECK_FALSE(week.always_on());
  CHECK_FALSE(week.on_at({0, 419}));
  CHECK(week.on_at({0, 420}));
  CHECK(week.on_at({0, 1319}));
  CHECK_FALSE(week.on_at({0, 1320}));
  CHECK_FALSE(week.on_at({5, 12 * 60}));
  CHECK(week.on_at({5, 15 * 60}));
  CHECK_FALSE(week.on_at({6, 12 * 60}));

  CHECK(describe(*week.next_start({0, 300})) == "monday 07:00");
  CHECK(describe(*week.next_start({0, 420})) == "tuesday 07:00");
  CHECK(describe(*week.next_start({4, 23 * 60})) == "saturday 10:00");
  CHECK(describe(*week.next_start({5, 13 * 60})) == "saturday 14:00");
  CHECK(describe(*week.next_start({6, 0})) == "monday 07:00");

  // An evening that runs on past midnight: the next start is the evening's, not 00:00.
  WeekSchedule late;
  for (int d = 0; d < 7; ++d) late.set_day(d, day("00:00-01:00, 18:00-24:00"));
  CHECK(describe(*late.next_start({2, 120})) == "wednesday 18:00");

  WeekSchedule never;
  for (int d = 0; d < 7; ++d) never.set_day(d, {});
  CHECK_FALSE(never.next_start({3, 600}).has_value());
}

TEST_CASE("the backlight backend writes bl_power of every panel", "[power]") {
  TempDir dir;
  const fs::path sys = fake_backlight(dir);
  fake_backlight(dir, "rpi_backlight");
  auto backlight = SysfsBacklight::find(sys.string());
  REQUIRE(backlight.ok());
  CHECK((*backlight)->files().size() == 2);
  REQUIRE((*backlight)->set(false).ok());
  CHECK(read_file(sys / "10-0045" / "bl_power") == "4\n");
  CHECK(read_file(sys / "rpi_backlight" / "bl_power") == "4\n");
  CHECK(read_file(sys / "10-0045" / "brightness") == "255\n");
  REQUIRE((*backlight)->set(true).ok());
  CHECK(read_file(sys / "10-0045" / "bl_power") == "0\n");
}

TEST_CASE("a missing or unwritable backlight is an error naming the path", "[power]") {
  TempDir dir;
  auto none = SysfsBacklight::find(dir.file("nothing"));
  REQUIRE_FALSE(none.ok());
  CHECK(none.error().message == "no backlight found: no " + dir.file("nothing") + "/*/bl_power");

  const fs::path sys = fake_backlight(dir);
  auto backlight = SysfsBacklight::find(sys.string());
  REQUIRE(backlight.ok());
  // Where the file cannot be opened for writing (a folder stands in for a read-only sysfs file,
  // which even root cannot write).
  fs::remove(sys / "10-0045" / "bl_power");
  fs::create_directory(sys / "10-0045" / "bl_power");
  auto set = (*backlight)->set(false);
  REQUIRE_FALSE(set.ok());
  CHECK(set.error().message.rfind("cannot open " + (sys / "10-0045" / "bl_power").string() + " for writing: ", 0) == 0);
}

TEST_CASE("the CEC backend runs cec-ctl and reports its failures", "[power]") {
  FakeRunner runner;
  CecDisplay tv("/dev/cec1", runner);
  REQUIRE(tv.set(false).ok());
  REQUIRE(tv.set(true).ok());
  using Argv = std::vector<std::string>;
  CHECK(runner.commands ==
        std::vector<Argv>{{"cec-ctl", "--device", "/dev/cec1", "--playback", "--to", "0", "--standby"},
                          {"cec-ctl", "--device", "/dev/cec1", "--playback", "--to", "0", "--image-view-on"}});
  runner.exit_status = 1;
  auto failed = tv.set(false);
  REQUIRE_FALSE(failed.ok());
  CHECK(failed.error().message == "cec-ctl could not switch the TV off (exit status 1)");
  runner.start_error = "cannot run cec-ctl: No such file or directory";
  CHECK(tv.set(true).error().message == "cannot run cec-ctl: No such file or directory");
}

TEST_CASE("auto picks the backlight then CEC then a black screen", "[power]") {
  TempDir dir;
  FakeRunner runner;
  BackendSettings settings;
  settings.backlight_dir = dir.file("backlight");
  settings.cec_device = dir.file("cec0");

  auto black = choose_backend(settings, runner);
  REQUIRE(black.ok());
  CHECK((*black)->describe() == "black screen (no backlight or HDMI-CEC control found)");

  write_file(settings.cec_device, "");
  CHECK((*choose_backend(settings, runner))->describe() == "HDMI-CEC through cec-ctl on " + settings.cec_device);
  runner.installed = false;
  CHECK((*choose_backend(settings, runner))->describe().rfind("black screen", 0) == 0);

  fake_backlight(dir);
  CHECK((*choose_backend(settings, runner))->describe() ==
        "backlight " + (dir.path() / "backlight" / "10-0045" / "bl_power").string());
}

TEST_CASE("an asked-for backend that is not there is an error", "[power]") {
  TempDir dir;
  FakeRunner runner;
  runner.installed = false;
  BackendSettings settings;
  settings.backlight_dir = dir.file("backlight");
  settings.cec_device = dir.file("cec0");
  settings.backend = Backend::kBacklight;
  CHECK(choose_backend(settings, runner).error().message == "no backlight found: no " + settings.backlight_dir + "/*/bl_power");
  settings.backend = Backend::kCec;
  CHECK(choose_backend(settings, runner).error().message == "no HDMI-CEC device " + settings.cec_device);
  write_file(settings.cec_device, "");
  CHECK(choose_backend(settings, runner).error().message == "cec-ctl not found (it is in Debian's v4l-utils package)");
  settings.backend = Backend::kBlack;
  CHECK(choose_backend(settings, runner).ok());
}

TEST_CASE("the controller follows the schedule and re-asserts every 10 minutes", "[power]") {
  WeekSchedule week;
  for (int d = 0; d < 7; ++d) week.set_day(d, day("07:00-22:00"));
  std::vector<bool> calls;
  const std::string fail;
  FakeClock clock(at(2026, 11, 23, 6, 58));  // a Monday
  PowerController power(week, 5min, std::make_unique<RecordingBackend>(&calls, &fail), utc);

  CHECK(power.update(clock.steady(), clock.wall()) == std::optional<bool>(false));
  CHECK(calls == std::vector<bool>{false});
  CHECK(power.reason(clock.wall()) == "off by the schedule until monday 07:00");
  clock.advance(1min);
  CHECK_FALSE(power.update(clock.steady(), clock.wall()).has_value());
  clock.advance(1min);
  CHECK(power.update(clock.steady(), clock.wall()) == std::optional<bool>(true));
  CHECK(power.on());
  CHECK(power.reason(clock.wall()) == "on by the schedule");
  CHECK(calls == std::vector<bool>{false, true});

  // Nothing changes for an hour: the state is sent again every 10 minutes, and nothing is reported.
  for (int i = 0; i < 60; ++i) {
    clock.advance(1min);
    CHECK_FALSE(power.update(clock.steady(), clock.wall()).has_value());
  }
  CHECK(calls.size() == 2 + 6);
  CHECK(std::all_of(calls.begin() + 1, calls.end(), [](bool on) { return on; }));
  CHECK(power.next_deadline() <= clock.steady() + 10min);

  clock.set_wall(at(2026, 11, 23, 22, 0));
  CHECK(power.update(clock.steady(), clock.wall()) == std::optional<bool>(false));
  CHECK(calls.back() == false);
  CHECK(power.reason(clock.wall()) == "off by the schedule until tuesday 07:00");

  // Stopping leaves the screen on.
  power.leave_on();
  CHECK(calls.back() == true);
  CHECK(power.on());
}

TEST_CASE("a touch while off wakes the screen for the wake time after the last touch", "[power]") {
  WeekSchedule week;
  for (int d = 0; d < 7; ++d) week.set_day(d, day("07:00-22:00"));
  std::vector<bool> calls;
  const std::string fail;
  FakeClock clock(at(2026, 11, 24, 23, 0));
  PowerController power(week, 5min, std::make_unique<RecordingBackend>(&calls, &fail), utc);
  REQUIRE(power.update(clock.steady(), clock.wall()) == std::optional<bool>(false));

  CHECK(power.touch(clock.steady(), clock.wall()));  // woke it: this touch goes no further
  CHECK(power.update(clock.steady(), clock.wall()) == std::optional<bool>(true));
  CHECK(power.reason(clock.wall()) == "on for 5 minutes after a touch");
  CHECK(power.next_deadline() == clock.steady() + 5min);
  clock.advance(4min);
  CHECK_FALSE(power.touch(clock.steady(), clock.wall()));  // on already: an ordinary touch, and 5 more minutes
  clock.advance(4min);
  CHECK_FALSE(power.update(clock.steady(), clock.wall()).has_value());
  CHECK(power.on());
  clock.advance(1min);
  CHECK(power.update(clock.steady(), clock.wall()) == std::optional<bool>(false));
  CHECK(calls == std::vector<bool>{false, true, false});

  // During the schedule's on-time a touch reaches the screen, and the screen does not go off under
  // the finger of someone still browsing when the on-time ends.
  clock.set_wall(at(2026, 11, 25, 21, 58));
  REQUIRE(power.update(clock.steady(), clock.wall()) == std::optional<bool>(true));
  CHECK_FALSE(power.touch(clock.steady(), clock.wall()));
  clock.advance(2min);
  CHECK_FALSE(power.update(clock.steady(), clock.wall()).has_value());
  CHECK(power.on());
  clock.advance(3min);
  CHECK(power.update(clock.steady(), clock.wall()) == std::optional<bool>(false));
}

TEST_CASE("a failing backend is logged once and the state still changes", "[power]") {
  std::vector<std::string> lines;
  kiosk::log::set_sink([&](kiosk::log::Level, std::string_view line) { lines.emplace_back(line); });
  WeekSchedule week;
  for (int d = 0; d < 7; ++d) week.set_day(d, {});
  std::vector<bool> calls;
  std::string fail = "cannot open /sys/class/backlight/x/bl_power for writing: Permission denied";
  FakeClock clock(at(2026, 11, 24, 12, 0));
  PowerController power(week, 5min, std::make_unique<RecordingBackend>(&calls, &fail), utc);
  CHECK(power.update(clock.steady(), clock.wall()) == std::optional<bool>(false));
  CHECK_FALSE(power.on());
  for (int i = 0; i < 3; ++i) {
    clock.advance(10min);
    (void)power.update(clock.steady(), clock.wall());
  }
  CHECK(calls.size() == 4);
  fail.clear();
  clock.advance(10min);
  (void)power.update(clock.steady(), clock.wall());
  kiosk::log::set_sink({});
  REQUIRE(lines.size() == 2);
  CHECK(lines[0].find("display power: " + std::string("cannot open /sys/class/backlight/x/bl_power for writing: "
                                                      "Permission denied; the screen shows black while it should be off")) !=
        std::string::npos);
  CHECK(lines[1].find("display power: recording works again") != std::string::npos);
  CHECK(power.reason(clock.wall()) == "off by the schedule all week");
}

TEST_CASE("the spawn runner returns exit statuses and stops a hung command", "[power]") {
  SpawnRunner runner;
  CHECK(runner.available("sh"));
  CHECK_FALSE(runner.available("no-such-program-for-the-kiosk"));
  CHECK(*runner.run({"sh", "-c", "exit 3"}, 5000ms) == 3);
  CHECK(*runner.run({"true"}, 5000ms) == 0);
  auto missing = runner.run({"no-such-program-for-the-kiosk"}, 5000ms);
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().message == "cannot run no-such-program-for-the-kiosk: not found in PATH");
  auto hung = runner.run({"sleep", "30"}, 100ms);
  REQUIRE_FALSE(hung.ok());
  CHECK(hung.error().message == "sleep did not finish within 100 ms and was stopped");
}
