// Behaviour of config::parse / load / load_for_program through the public header: defaults, every
// key, the shipped example file, and the exact wording and position of each kind of error.
#include <catch2/catch.hpp>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include <unistd.h>

#include <cctype>

#include "config/config.h"
#include "platform/ids.h"

namespace {

// How long the playlist shows the slide of `kind` (the first entry of it); zero when it is not in it.
std::chrono::seconds duration_of(const kiosk::config::Config& config, const std::string& kind) {
  for (const auto& show : config.playlist) {
    if (show.kind == kind) return show.duration;
  }
  return std::chrono::seconds(0);
}

namespace fs = std::filesystem;
using kiosk::config::Config;
using kiosk::config::Rotation;
using std::chrono::seconds;

constexpr const char* kPath = "t.toml";

// A file or directory under the system temp directory with a name no other run uses; removed on
// destruction.
class TempPath {
 public:
  TempPath() {
    static std::atomic<int> counter{0};
    std::random_device random;
    path_ = fs::temp_directory_path() /
            ("kiosk_config_test_" + std::to_string(random()) + "_" + std::to_string(counter++));
  }
  TempPath(const TempPath&) = delete;
  TempPath& operator=(const TempPath&) = delete;
  ~TempPath() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
  }

  std::string write(const std::string& text) const {
    std::ofstream(path_, std::ios::binary) << text;
    return str();
  }
  std::string str() const { return path_.string(); }

 private:
  fs::path path_;
};

// Standard padded base64, to build minisign-shaped keys from chosen bytes.
std::string base64(const std::string& bytes) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    const unsigned n = (static_cast<unsigned char>(bytes[i]) << 16) |
                       (static_cast<unsigned char>(bytes[i + 1]) << 8) |
                       static_cast<unsigned char>(bytes[i + 2]);
    for (int shift = 18; shift >= 0; shift -= 6) out += kAlphabet[(n >> shift) & 63];
  }
  if (i + 1 == bytes.size()) {
    const unsigned n = static_cast<unsigned char>(bytes[i]) << 16;
    out += std::string{kAlphabet[(n >> 18) & 63], kAlphabet[(n >> 12) & 63], '=', '='};
  } else if (i + 2 == bytes.size()) {
    const unsigned n = (static_cast<unsigned char>(bytes[i]) << 16) |
                       (static_cast<unsigned char>(bytes[i + 1]) << 8);
    out += std::string{kAlphabet[(n >> 18) & 63], kAlphabet[(n >> 12) & 63],
                       kAlphabet[(n >> 6) & 63], '='};
  }
  return out;
}

// "Ed" + 8-byte key id + 32-byte key: the shape of a minisign public key, with test bytes.
std::string test_key(char fill) { return base64("Ed" + std::string(40, fill)); }


// "a.a.a": a key of `parts` parts joined by `separator`.
std::string dotted_key(int parts, const std::string& separator = ".") {
  std::string key = "a";
  for (int i = 1; i < parts; ++i) key += separator + "a";
  return key;
}

std::string repeated(const std::string& text, int times) {
  std::string out;
  for (int i = 0; i < times; ++i) out += text;
  return out;
}

std::string error_of(const kiosk::Result<Config>& result) {
  REQUIRE_FALSE(result.ok());
  return result.error().message;
}

}  // namespace

TEST_CASE("the idle return time is read and checked", "[config]") {
  const auto config = kiosk::config::parse("[slides]\nidle_return_seconds = 90\n", kPath);
  REQUIRE(config.ok());
  CHECK(config->idle_return == std::chrono::seconds(90));
  CHECK(kiosk::config::parse("", kPath)->idle_return == std::chrono::seconds(60));
  CHECK_FALSE(kiosk::config::parse("[slides]\nidle_return_seconds = 0\n", kPath).ok());
}

TEST_CASE("empty text gives the built-in defaults", "[config]") {
  for (const char* text : {"", "\n\n", "# only a comment\n"}) {
    const auto config = kiosk::config::parse(text, kPath);
    REQUIRE(config.ok());
    CHECK(*config == Config{});
    CHECK(config->area == "vollsmose");
    CHECK(config->database == "/var/lib/kiosk/content.db");
    CHECK(config->assets_dir.empty());
    CHECK(config->width == 0);
    CHECK(config->height == 0);
    CHECK(config->rotation == Rotation::k0);
    CHECK_FALSE(config->allow_quit_keys);
    CHECK(duration_of(*config, "status") == seconds(12));
    CHECK(duration_of(*config, "timeline") == seconds(12));
    CHECK(duration_of(*config, "results") == seconds(12));
    CHECK(config->stale_after_days == 3);
    CHECK(config->feed_url.empty());
    CHECK(config->public_keys.empty());
    CHECK(config->source_path.empty());
  }
}

TEST_CASE("every key is read", "[config]") {
  const std::string text = R"(area = "gellerupparken-toveshoej"
[cache]
database = "/srv/kiosk/cache.db"
[assets]
dir = "/opt/kiosk/assets"
[screen]
width = 800
height = 480
rotation = 270
allow_quit_keys = true
[slides]
status_seconds = 5
timeline_seconds = 20
results_seconds = 45
stale_after_days = 7
[sync]
feed_url = "http://10.0.0.5/feed.json"
public_keys = [")" + test_key('a') +
                           R"(", ")" + test_key('b') + R"("]
root_keys = [")" + test_key('r') + R"("]
)";
  const auto config = kiosk::config::parse(text, kPath);
  REQUIRE(config.ok());
  CHECK(config->area == "gellerupparken-toveshoej");
  CHECK(config->database == "/srv/kiosk/cache.db");
  CHECK(config->assets_dir == "/opt/kiosk/assets");
  CHECK(config->width == 800);
  CHECK(config->height == 480);
  CHECK(config->rotation == Rotation::k270);
  CHECK(config->allow_quit_keys);
  CHECK(duration_of(*config, "status") == seconds(5));
  CHECK(duration_of(*config, "timeline") == seconds(20));
  CHECK(duration_of(*config, "results") == seconds(45));
  CHECK(config->stale_after_days == 7);
  CHECK(config->feed_url == "http://10.0.0.5/feed.json");
  CHECK(config->public_keys == std::vector<std::string>{test_key('a'), test_key('b')});
  CHECK(config->root_keys == std::vector<std::string>{test_key('r')});
  CHECK(config->source_path.empty());
}

TEST_CASE("dotted keys and inline tables are the same keys", "[config]") {
  const auto config =
      kiosk::config::parse("screen.rotation = 90\nslides = { stale_after_days = 30 }\n", kPath);
  REQUIRE(config.ok());
  CHECK(config->rotation == Rotation::k90);
  CHECK(config->stale_after_days == 30);
}

TEST_CASE("the shipped example file parses", "[config]") {
  const std::string path = KIOSK_SOURCE_DIR "/docs/examples/kiosk.toml";
  const auto config = kiosk::config::load(path);
  INFO((config.ok() ? std::string() : config.error().message));
  REQUIRE(config.ok());
  CHECK(config->area == "vollsmose");
  CHECK(config->id == "vollsmose-1");
  CHECK(config->report_url == "https://reports.example.org/kiosk/");
  CHECK(config->database == "/var/lib/kiosk/content.db");
  CHECK(config->assets_dir.empty());  // found beside the program
  CHECK(config->width == 0);  // the screen's own size
  CHECK(config->height == 0);
  CHECK(config->rotation == Rotation::k0);
  CHECK_FALSE(config->allow_quit_keys);
  CHECK(duration_of(*config, "status") == seconds(12));
  CHECK(duration_of(*config, "timeline") == seconds(12));
  CHECK(duration_of(*config, "results") == seconds(12));
  CHECK(config->stale_after_days == 3);
  CHECK(config->feed_url == "https://content.example.org/kiosk/feed.json");
  CHECK(config->public_keys.empty());
  CHECK(config->root_keys.empty());
  CHECK(config->source_path == path);
}

TEST_CASE("boundary values are accepted", "[config]") {
  const std::string text = R"(area = ")" + std::string(64, 'a') + R"("
[screen]
width = 160
height = 16384
[slides]
status_seconds = 1
timeline_seconds = 3600
results_seconds = 3600
stale_after_days = 365
[sync]
feed_url = ""
public_keys = []
)";
  const auto config = kiosk::config::parse(text, kPath);
  INFO((config.ok() ? std::string() : config.error().message));
  REQUIRE(config.ok());
  CHECK(config->width == 160);
  CHECK(config->height == 16384);
  CHECK(duration_of(*config, "status") == seconds(1));
  CHECK(duration_of(*config, "timeline") == seconds(3600));
  CHECK(config->stale_after_days == 365);
  REQUIRE(kiosk::config::parse("[slides]\nstale_after_days = 1\n", kPath).ok());
  REQUIRE(kiosk::config::parse("[screen]\nwidth = 0\nheight = 0\n", kPath).ok());
}

TEST_CASE("an unknown key names the dotted key and its line", "[config]") {
  const std::string text = "area = \"vollsmose\"\n\n[screen]\nrotation = 90\nwidht = 1920\n";
  CHECK(error_of(kiosk::config::parse(text, kPath)) == "t.toml:5:1: unknown key 'screen.widht'");
  CHECK(error_of(kiosk::config::parse("aera = \"x\"\n", kPath)) ==
        "t.toml:1:1: unknown key 'aera'");
  CHECK(error_of(kiosk::config::parse("[slides]\n  status.seconds = 3\n", kPath)) ==
        "t.toml:2:3: unknown table 'slides.status'");
}

TEST_CASE("an unknown table names the table and its header's line", "[config]") {
  const std::string text = "area = \"vollsmose\"\n[scren]\nwidth = 1920\n";
  CHECK(error_of(kiosk::config::parse(text, kPath)) == "t.toml:2:2: unknown table 'scren'");
  CHECK(error_of(kiosk::config::parse("[screen]\n[screen.size]\nw = 1\n", kPath)) ==
        "t.toml:2:9: unknown table 'screen.size'");
}

TEST_CASE("a wrong type names the key and both types and the line", "[config]") {
  using kiosk::config::parse;
  CHECK(error_of(parse("[screen]\nwidth = \"1920\"\nheight = 1080\n", kPath)) ==
        "t.toml:2:1: 'screen.width' must be an integer, not a string");
  CHECK(error_of(parse("area = 7\n", kPath)) ==
        "t.toml:1:1: 'area' must be a string, not an integer");
  CHECK(error_of(parse("[screen]\nallow_quit_keys = \"yes\"\n", kPath)) ==
        "t.toml:2:1: 'screen.allow_quit_keys' must be a boolean, not a string");
  CHECK(error_of(parse("[slides]\nstatus_seconds = 12.5\n", kPath)) ==
        "t.toml:2:1: 'slides.status_seconds' must be an integer, not a floating-point number");
  CHECK(error_of(parse("\nscreen = 1920\n", kPath)) ==
        "t.toml:2:1: 'screen' must be a table, not an integer");
  CHECK(error_of(parse("[sync]\npublic_keys = \"RW\"\n", kPath)) ==
        "t.toml:2:1: 'sync.public_keys' must be an array, not a string");
  CHECK(error_of(parse("[sync]\npublic_keys = [\n  1,\n]\n", kPath)) ==
        "t.toml:3:3: 'sync.public_keys[0]' must be a string, not an integer");
  CHECK(error_of(parse("[[cache]]\ndatabase = \"x\"\n", kPath)) ==
        "t.toml:1:3: 'cache' must be a table, not an array");
}

TEST_CASE("each out-of-range value names the key and the line", "[config]") {
  struct Case {
    std::string text;     // the offending key is always on line 2
    std::string message;  // expected, after "t.toml:2:1: "
  };
  const std::vector<Case> cases = {
      {"[screen]\nwidth = 159\nheight = 1080\n",
       "'screen.width' must be 0 or from 160 to 16384, not 159"},
      {"[screen]\nheight = 16385\nwidth = 1920\n",
       "'screen.height' must be 0 or from 160 to 16384, not 16385"},
      {"[screen]\nwidth = -1920\nheight = 1080\n",
       "'screen.width' must be 0 or from 160 to 16384, not -1920"},
      {"[screen]\nwidth = 1920\n",
       "'screen.width' and 'screen.height' must be both 0 (the display's own size) or both set, "
       "not 1920 and 0"},
      {"[screen]\nheight = 1080\nwidth = 0\n",
       "'screen.width' and 'screen.height' must be both 0 (the display's own size) or both set, "
       "not 0 and 1080"},
      {"[screen]\nrotation = 45\n", "'screen.rotation' must be 0, 90, 180 or 270, not 45"},
      {"[screen]\nrotation = -90\n", "'screen.rotation' must be 0, 90, 180 or 270, not -90"},
      {"[slides]\nstatus_seconds = 0\n", "'slides.status_seconds' must be from 1 to 3600, not 0"},
      {"[slides]\ntimeline_seconds = 3601\n",
       "'slides.timeline_seconds' must be from 1 to 3600, not 3601"},
      {"[slides]\nresults_seconds = -12\n",
       "'slides.results_seconds' must be from 1 to 3600, not -12"},
      {"[slides]\nstale_after_days = 0\n",
       "'slides.stale_after_days' must be from 1 to 365, not 0"},
      {"[slides]\nstale_after_days = 366\n",
       "'slides.stale_after_days' must be from 1 to 365, not 366"},
      {"#\narea = \"\"\n", "'area' must be 1 to 64 characters of a-z, 0-9 and '-', not \"\""},
      {"#\narea = \"Vollsmose\"\n",
       "'area' must be 1 to 64 characters of a-z, 0-9 and '-', not \"Vollsmose\""},
      {"#\narea = \"volls mose\"\n",
       "'area' must be 1 to 64 characters of a-z, 0-9 and '-', not \"volls mose\""},
      {"#\narea = \"" + std::string(65, 'a') + "\"\n",
       "'area' must be 1 to 64 characters of a-z, 0-9 and '-', not \"" + std::string(64, 'a') +
           "...\""},
      {"#\narea = \"a\\nb\"\n",
       "'area' must be 1 to 64 characters of a-z, 0-9 and '-', not \"a?b\""},
      {"[cache]\ndatabase = \"\"\n", "'cache.database' must not be empty"},
      {"[sync]\nfeed_url = \"ftp://content.example.org/feed.json\"\n",
       "'sync.feed_url' must be empty or start with http:// or https://, not "
       "\"ftp://content.example.org/feed.json\""},
      {"[sync]\nfeed_url = \"content.example.org/feed.json\"\n",
       "'sync.feed_url' must be empty or start with http:// or https://, not "
       "\"content.example.org/feed.json\""},
      {"[sync]\nfeed_url = \"https://\"\n",
       "'sync.feed_url' must be empty or start with http:// or https://, not \"https://\""},
      {"[sync]\npublic_keys = [\"" + test_key('a') + "\", \"" + test_key('b') + "\", \"" +
           test_key('c') + "\"]\n",
       "'sync.public_keys' holds 3 keys; at most 2 are allowed"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.text);
    CHECK(error_of(kiosk::config::parse(c.text, kPath)) == "t.toml:2:1: " + c.message);
  }
}

TEST_CASE("a bad public key names the key and the line and what is wrong", "[config]") {
  const auto error_for = [](const std::string& key) {
    return error_of(
        kiosk::config::parse("[sync]\npublic_keys = [\n  \"" + key + "\",\n]\n", kPath));
  };
  const std::string prefix = "t.toml:3:3: 'sync.public_keys[0]' is not a minisign public key: ";
  CHECK(error_for("RWQ...") == prefix + "it is not base64");
  CHECK(error_for("untrusted comment: minisign public key E7620F1842B4E81F") ==
        prefix + "it is not base64");
  CHECK(error_for(test_key('b') + "\\n") == prefix + "it is not base64");
  CHECK(error_for(base64("Ed" + std::string(39, 'k'))) ==
        prefix + "it decodes to 41 bytes, not 42");
  CHECK(error_for(base64("Ed" + std::string(41, 'k'))) ==
        prefix + "it decodes to 43 bytes, not 42");
  CHECK(error_for(base64("ED" + std::string(40, 'k'))) ==
        prefix + "it does not start with minisign's \"Ed\" marker");
  CHECK(error_for("") == prefix + "it decodes to 0 bytes, not 42");

  // The second of two keys, on the same line: position of that element.
  CHECK(error_of(kiosk::config::parse(
            "[sync]\npublic_keys = [\"" + test_key('a') + "\", \"RW==\"]\n", kPath)) ==
        "t.toml:2:" + std::to_string(16 + test_key('a').size() + 4) +
            ": 'sync.public_keys[1]' is not a minisign public key: it decodes to 1 bytes, not 42");
}

TEST_CASE("a TOML syntax error names the line and says in plain words what is wrong", "[config]") {
  const auto message =
      error_of(kiosk::config::parse("area = \"vollsmose\"\n[screen\nwidth = 1\n", kPath));
  CHECK_THAT(message, Catch::StartsWith("t.toml:2:") && Catch::Contains("the section heading `[screen` is not written right"));
  CHECK(message.find('\n') == std::string::npos);

  CHECK_THAT(error_of(kiosk::config::parse("[sync]\nfeed_url = \"https://kiosk.example/feed.json\n", kPath)),
             Catch::StartsWith("t.toml:2:") && Catch::Contains("has no closing \""));
  CHECK_THAT(error_of(kiosk::config::parse("a = 1\n\n\narea = = 2\n", kPath)),
             Catch::StartsWith("t.toml:4:") && Catch::Contains("could not determine value type"));
  CHECK_THAT(error_of(kiosk::config::parse("area = \"x\"\narea = \"y\"\n", kPath)),
             Catch::StartsWith("t.toml:2:") && Catch::Contains("area"));
}

TEST_CASE("several problems are reported together in file order", "[config]") {
  const std::string text =
      "area = \"Vollsmose\"\n"
      "[screen]\n"
      "rotation = 45\n"
      "widht = 1\n"
      "[slides]\n"
      "status_seconds = \"12\"\n";
  CHECK(error_of(kiosk::config::parse(text, "/etc/kiosk/kiosk.toml")) ==
        "/etc/kiosk/kiosk.toml:1:1: 'area' must be 1 to 64 characters of a-z, 0-9 and '-', not "
        "\"Vollsmose\"\n"
        "/etc/kiosk/kiosk.toml:3:1: 'screen.rotation' must be 0, 90, 180 or 270, not 45\n"
        "/etc/kiosk/kiosk.toml:4:1: unknown key 'screen.widht'\n"
        "/etc/kiosk/kiosk.toml:6:1: 'slides.status_seconds' must be an integer, not a string");
}

TEST_CASE("load reads a file and remembers where it came from", "[config]") {
  const TempPath file;
  const std::string path = file.write("area = \"bispehaven\"\n[screen]\nrotation = 180\n");
  const auto config = kiosk::config::load(path);
  REQUIRE(config.ok());
  CHECK(config->area == "bispehaven");
  CHECK(config->rotation == Rotation::k180);
  CHECK(config->source_path == path);

  const auto same = kiosk::config::load_for_program(path);
  REQUIRE(same.ok());
  CHECK(*same == *config);
}

TEST_CASE("load reports errors with the file's path", "[config]") {
  const TempPath file;
  const std::string path = file.write("[screen]\nwidht = 1920\n");
  CHECK(error_of(kiosk::config::load(path)) == path + ":2:1: unknown key 'screen.widht'");
}

TEST_CASE("a missing file is an error naming the path", "[config]") {
  const TempPath missing;
  CHECK(error_of(kiosk::config::load(missing.str())) == "config file not found: " + missing.str());
}

TEST_CASE("an unreadable file is an error with strerror's words", "[config]") {
  const TempPath directory;
  fs::create_directory(directory.str());
  CHECK(error_of(kiosk::config::load(directory.str())) ==
        "cannot read config file " + directory.str() + ": " + std::strerror(EISDIR));
}

TEST_CASE("load_for_program with an explicit missing path is an error", "[config]") {
  const TempPath missing;
  CHECK(error_of(kiosk::config::load_for_program(missing.str())) ==
        "config file not found: " + missing.str());
}

TEST_CASE("load_for_program without a path uses the default file or the defaults", "[config]") {
  const auto config = kiosk::config::load_for_program(std::nullopt);
  if (fs::exists(kiosk::config::kDefaultConfigPath)) {
    const auto expected = kiosk::config::load(kiosk::config::kDefaultConfigPath);
    REQUIRE(config.ok() == expected.ok());
    if (config.ok()) CHECK(*config == *expected);
  } else {
    REQUIRE(config.ok());
    CHECK(*config == Config{});
  }
}

TEST_CASE("the power table sets the week and how the screen is switched", "[config][power]") {
  const std::string text = R"([power]
sunday = "off"
every_day = "07:00-22:00"
saturday = "09:00-12:00, 14:00-18:00"
backend = "cec"
cec_device = "/dev/cec1"
backlight_dir = "/tmp/backlight"
wake_minutes = 15
)";
  const auto config = kiosk::config::parse(text, kPath);
  REQUIRE(config.ok());
  using kiosk::power::OnTime;
  for (int d = 0; d < 5; ++d) CHECK(config->power_schedule.day(d) == std::vector<OnTime>{{420, 1320}});
  CHECK(config->power_schedule.day(5) == std::vector<OnTime>{{540, 720}, {840, 1080}});
  CHECK(config->power_schedule.day(6).empty());
  CHECK(config->power_backend.backend == kiosk::power::Backend::kCec);
  CHECK(config->power_backend.cec_device == "/dev/cec1");
  CHECK(config->power_backend.backlight_dir == "/tmp/backlight");
  CHECK(config->wake_on_touch == std::chrono::minutes(15));

  const auto defaults = kiosk::config::parse("", kPath);
  REQUIRE(defaults.ok());
  CHECK(defaults->power_schedule.always_on());
  CHECK(defaults->power_backend.backend == kiosk::power::Backend::kAuto);
  CHECK(defaults->power_backend.backlight_dir == "/sys/class/backlight");
  CHECK(defaults->wake_on_touch == std::chrono::minutes(5));
}

TEST_CASE("a bad power setting names the key and the line", "[config][power]") {
  using kiosk::config::parse;
  CHECK(error_of(parse("[power]\nmonday = \"22:00-06:00\"\n", kPath)) ==
        "t.toml:2:1: 'power.monday': \"22:00-06:00\" ends before it starts; a time crossing midnight is written as two "
        "days' ranges, e.g. \"22:00-24:00\" and, the next day, \"00:00-06:00\"");
  CHECK(error_of(parse("[power]\nevery_day = \"7-22\"\n", kPath)) ==
        "t.toml:2:1: 'power.every_day': \"7\" is not a time of day written HH:MM");
  CHECK(error_of(parse("[power]\nmonday = 7\n", kPath)) == "t.toml:2:1: 'power.monday' must be a string, not an integer");
  CHECK(error_of(parse("[power]\nbackend = \"hdmi\"\n", kPath)) ==
        "t.toml:2:1: 'power.backend' must be \"auto\", \"backlight\", \"cec\" or \"black\", not \"hdmi\"");
  CHECK(error_of(parse("[power]\nwake_minutes = 0\n", kPath)) == "t.toml:2:1: 'power.wake_minutes' must be from 1 to 240, not 0");
  CHECK(error_of(parse("[power]\ncec_device = \"\"\n", kPath)) == "t.toml:2:1: 'power.cec_device' must not be empty");
  CHECK(error_of(parse("[power]\nmondays = \"on\"\n", kPath)) ==
        "t.toml:2:1: unknown key 'power.mondays'; the days are monday, tuesday, wednesday, thursday, friday, "
        "saturday, sunday, weekdays, weekend and every_day");
}

TEST_CASE("the root keys are read and checked as the public keys are", "[config]") {
  using kiosk::config::parse;
  const auto config = parse("[sync]\nroot_keys = [\"" + test_key('r') + "\", \"" + test_key('s') + "\"]\n", kPath);
  REQUIRE(config.ok());
  CHECK(config->root_keys == std::vector<std::string>{test_key('r'), test_key('s')});
  CHECK(config->public_keys.empty());
  CHECK(parse("", kPath)->root_keys.empty());

  CHECK(error_of(parse("[sync]\nroot_keys = [\"" + test_key('a') + "\", \"" + test_key('b') + "\", \"" +
                           test_key('c') + "\"]\n",
                       kPath)) == "t.toml:2:1: 'sync.root_keys' holds 3 keys; at most 2 are allowed");
  CHECK(error_of(parse("[sync]\nroot_keys = [\"RWQ...\"]\n", kPath)) ==
        "t.toml:2:14: 'sync.root_keys[0]' is not a minisign public key: it is not base64");
  CHECK(error_of(parse("[sync]\nroot_keys = [\"" + base64("ED" + std::string(40, 'k')) + "\"]\n", kPath)) ==
        "t.toml:2:14: 'sync.root_keys[0]' is not a minisign public key: it does not start with minisign's \"Ed\" "
        "marker");
  CHECK(error_of(parse("[sync]\nroot_keys = [1]\n", kPath)) ==
        "t.toml:2:14: 'sync.root_keys[0]' must be a string, not an integer");
}

TEST_CASE("a NUL in any string and a control character in a path name the key and the line", "[config]") {
  using kiosk::config::parse;
  const std::string nul = " must not contain a NUL character (\\u0000)";
  // Paths: "/x\u0000y.db" would open "/x".
  CHECK(error_of(parse("[cache]\ndatabase = \"/x\\u0000y.db\"\n", kPath)) == "t.toml:2:1: 'cache.database'" + nul);
  CHECK(error_of(parse("[cache]\ndatabase = \"\\u0000\"\n", kPath)) == "t.toml:2:1: 'cache.database'" + nul);
  CHECK(error_of(parse("[power]\ncec_device = \"/dev/cec0\\u0000\"\n", kPath)) ==
        "t.toml:2:1: 'power.cec_device'" + nul);
  // Strings that are not paths.
  CHECK(error_of(parse("#\narea = \"vollsmose\\u0000\"\n", kPath)) == "t.toml:2:1: 'area'" + nul);
  CHECK(error_of(parse("[power]\nbackend = \"cec\\u0000\"\n", kPath)) == "t.toml:2:1: 'power.backend'" + nul);
  CHECK(error_of(parse("[power]\nmonday = \"on\\u0000\"\n", kPath)) == "t.toml:2:1: 'power.monday'" + nul);
  CHECK(error_of(parse("[sync]\npublic_keys = [\"" + test_key('a') + "\\u0000\"]\n", kPath)) ==
        "t.toml:2:16: 'sync.public_keys[0]'" + nul);

  const std::string control = " must not contain a control character (\\u00";
  CHECK(error_of(parse("[assets]\ndir = \"/srv/kiosk\\n\"\n", kPath)) ==
        "t.toml:2:1: 'assets.dir'" + control + "0a)");
  CHECK(error_of(parse("[cache]\ndatabase = \"/srv/\\tcache.db\"\n", kPath)) ==
        "t.toml:2:1: 'cache.database'" + control + "09)");
  CHECK(error_of(parse("[power]\nbacklight_dir = \"\\u001b[31m\"\n", kPath)) ==
        "t.toml:2:1: 'power.backlight_dir'" + control + "1b)");
  CHECK(error_of(parse("[power]\ncec_device = \"/dev/cec0\\u007f\"\n", kPath)) ==
        "t.toml:2:1: 'power.cec_device'" + control + "7f)");
  CHECK(error_of(parse("[sync]\nfeed_url = \"https://example.org/feed.json\\r\"\n", kPath)) ==
        "t.toml:2:1: 'sync.feed_url'" + control + "0d)");
  // Any other character is a path's own business.
  const auto config = parse("[assets]\ndir = \"/srv/kiosk/æøå ~!\\\"#[]{}\"\n", kPath);
  REQUIRE(config.ok());
  CHECK(config->assets_dir == "/srv/kiosk/æøå ~!\"#[]{}");
}

TEST_CASE("a key or table header of too many dotted parts is refused before toml++ reads it", "[config]") {
  using kiosk::config::parse;
  const std::string too_many = ": the key has 50000 dotted parts; at most 16 are allowed";
  CHECK(error_of(parse("area = \"vollsmose\"\n[" + dotted_key(50000) + "]\n", kPath)) == "t.toml:2:2" + too_many);
  CHECK(error_of(parse("[[" + dotted_key(50000) + "]]\n", kPath)) == "t.toml:1:3" + too_many);
  CHECK(error_of(parse("[sync]\n" + dotted_key(50000) + " = 1\n", kPath)) == "t.toml:2:1" + too_many);
  CHECK(error_of(parse("[screen]\nx = { " + dotted_key(17) + " = 1 }\n", kPath)) ==
        "t.toml:2:7: the key has 17 dotted parts; at most 16 are allowed");
  CHECK(error_of(parse("[screen]\nx = { y = [1, 2], " + dotted_key(17, " . ") + " = 1 }\n", kPath)) ==
        "t.toml:2:19: the key has 17 dotted parts; at most 16 are allowed");
  CHECK(error_of(parse("[\"a\".'a'.a.\"a\"." + dotted_key(13) + "]\n", kPath)) ==
        "t.toml:1:2: the key has 17 dotted parts; at most 16 are allowed");
  // 16 parts reach toml++ and the usual checks.
  CHECK(error_of(parse("screen." + dotted_key(15) + " = 1\n", kPath)) == "t.toml:1:8: unknown table 'screen.a'");
}

TEST_CASE("arrays and inline tables nested too deep are refused before toml++ reads them", "[config]") {
  using kiosk::config::parse;
  CHECK(error_of(parse("x = " + std::string(10000, '[') + std::string(10000, ']') + "\n", kPath)) ==
        "t.toml:1:21: arrays and inline tables nested 10000 deep; at most 16 are allowed");
  CHECK(error_of(parse("#\nx = " + repeated("{a=", 10000) + "1" + std::string(10000, '}') + "\n", kPath)) ==
        "t.toml:2:53: arrays and inline tables nested 10000 deep; at most 16 are allowed");
  // Placed at the bracket that goes past the bound, also when the file ends inside the value.
  CHECK(error_of(parse("[sync]\npublic_keys = [\n  " + repeated("[{a=", 9) + "\n", kPath)) ==
        "t.toml:3:32: arrays and inline tables nested 19 deep; at most 16 are allowed");
  // 16 deep reaches toml++ and the usual checks.
  CHECK(error_of(parse("[sync]\npublic_keys = " + std::string(16, '[') + std::string(16, ']') + "\n", kPath)) ==
        "t.toml:2:16: 'sync.public_keys[0]' must be a string, not an array");
}

TEST_CASE("brackets and dots in strings and comments are not nesting", "[config]") {
  const std::string brackets(40, '['), dots(40, '.'), dotted = dotted_key(40);
  const std::string text =
      "# " + brackets + " " + dotted + "\n" +                                           //
      "[assets] # " + brackets + "\n" +                                                 //
      "dir = \"/srv/\\\"" + brackets + dots + "\\\\\"\n" +                              // basic, escapes
      "[cache]\n" +                                                                     //
      "database = '/srv/" + brackets + dots + "\\'\n" +                                 // literal
      "[sync]\n" +                                                                      //
      "feed_url = \"\"\"\nhttps://example.org/\\\n  \\\"\"\"" + brackets + dotted + "\\\"\"\"\"\"\n" +  // multi-line basic
      "[power]\n" +                                                                     //
      "\"backlight_dir\" = '''\n" + brackets + dots + "'''\n" +                         // multi-line literal
      "cec_device = '''/dev/" + brackets + "'''''\n";
  const auto config = kiosk::config::parse(text, kPath);
  INFO((config.ok() ? std::string() : config.error().message));
  REQUIRE(config.ok());
  CHECK(config->assets_dir == "/srv/\"" + brackets + dots + "\\");
  CHECK(config->database == "/srv/" + brackets + dots + "\\");
  CHECK(config->feed_url == "https://example.org/\"\"\"" + brackets + dotted + "\"\"");
  CHECK(config->power_backend.backlight_dir == brackets + dots);
  CHECK(config->power_backend.cec_device == "/dev/" + brackets + "''");
  // A quoted key holding dots is one part.
  CHECK(error_of(kiosk::config::parse("\"" + dotted + "\" = 1\n", kPath)) == "t.toml:1:1: unknown key '" + dotted + "'");
  // Up to two quotes just inside a multi-line string's closing delimiter belong to the string: x
  // holds the strings a", [, a' and [, so y is 16 deep, not 18.
  const std::string quotes = "[sync]\nx = [\"\"\"a\"\"\"\", \"[\", '''a'''', '[']\ny = " + std::string(16, '[') +
                             std::string(16, ']') + "\n";
  CHECK(error_of(kiosk::config::parse(quotes, kPath)) ==
        "t.toml:2:1: unknown key 'sync.x'\nt.toml:3:1: unknown key 'sync.y'");
}

TEST_CASE("the cycle is the slides.show playlist, in order, each for its seconds", "[config][playlist]") {
  const auto config = kiosk::config::parse(
      "[[slides.show]]\nkind = \"timeline\"\nseconds = 20\n[[slides.show]]\nkind = \"status\"\n[[slides.show]]\nkind = \"timeline\"\nseconds = 5\n",
      kPath);
  REQUIRE(config.ok());
  REQUIRE(config->playlist.size() == 3);
  CHECK(config->playlist[0].kind == "timeline");
  CHECK(config->playlist[0].duration == std::chrono::seconds(20));
  CHECK(config->playlist[0].line == 2);
  CHECK(config->playlist[1].kind == "status");
  CHECK(config->playlist[1].duration == std::chrono::seconds(12));
  CHECK(config->playlist[2].duration == std::chrono::seconds(5));
  // Without a playlist: the default five, with the seconds of the older keys.
  const auto old_keys = kiosk::config::parse("[slides]\nresults_seconds = 45\n", kPath);
  REQUIRE(old_keys.ok());
  REQUIRE(old_keys->playlist.size() == 5);
  CHECK(old_keys->playlist[1].kind == "map");
  CHECK(old_keys->playlist[3].kind == "results");
  CHECK(old_keys->playlist[3].duration == std::chrono::seconds(45));
  CHECK(old_keys->playlist[4].kind == "events");
  CHECK(old_keys->playlist[4].duration == std::chrono::seconds(12));
  CHECK(old_keys->playlist[0].duration == std::chrono::seconds(12));
}

TEST_CASE("a wrong slides.show entry is named with its line and how to write it", "[config][playlist]") {
  CHECK_THAT(error_of(kiosk::config::parse("[slides]\nstatus_seconds = 5\n[[slides.show]]\nkind = \"status\"\n", kPath)),
             Catch::Contains("t.toml:2:") && Catch::Contains("'slides.status_seconds' and [[slides.show]] are both given; write seconds = 5 in the [[slides.show]] entry with kind = \"status\" instead"));
  CHECK_THAT(error_of(kiosk::config::parse("[[slides.show]]\nseconds = 5\n", kPath)),
             Catch::Contains("t.toml:1:") && Catch::Contains("[[slides.show]] number 1 has no kind"));
  CHECK_THAT(error_of(kiosk::config::parse("[[slides.show]]\nkind = \"Kort over\"\n", kPath)),
             Catch::Contains("t.toml:2:") && Catch::Contains("a slide kind such as \"status\""));
  CHECK_THAT(error_of(kiosk::config::parse("[[slides.show]]\nkind = \"status\"\nseconds = 0\n", kPath)),
             Catch::Contains("t.toml:3:") && Catch::Contains("from 1 to 3600"));
  CHECK_THAT(error_of(kiosk::config::parse("[[slides.show]]\nkind = \"status\"\nsekunder = 5\n", kPath)),
             Catch::Contains("t.toml:3:") && Catch::Contains("unknown key"));
  CHECK_THAT(error_of(kiosk::config::parse("[slides]\nshow = []\n", kPath)), Catch::Contains("lists no slide"));
}

TEST_CASE("the languages and the rounds each stays are read, in the cycle's order", "[config][languages]") {
  const auto config = kiosk::config::parse("#\nlanguages = [\"da\", \"ar\", \"so\"]\n[slides]\nrounds_per_language = 3\n", kPath);
  REQUIRE(config.ok());
  CHECK(config->languages.codes == std::vector<std::string>{"da", "ar", "so"});
  CHECK(config->languages.line == 2);
  CHECK(config->rounds_per_language == 3);
  const auto defaults = kiosk::config::parse("", kPath);
  CHECK(defaults->languages.codes == std::vector<std::string>{"da"});
  CHECK(defaults->rounds_per_language == 1);
  const auto seven = kiosk::config::parse("languages = [\"en\", \"da\", \"ar\", \"so\", \"tr\", \"ur\", \"fa\"]\n[slides]\nrounds_per_language = 20\n", kPath);
  REQUIRE(seven.ok());
  CHECK(seven->languages.codes.front() == "en");
  CHECK(seven->rounds_per_language == 20);
}

TEST_CASE("a wrong languages list or rounds_per_language names the key and the line", "[config][languages]") {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"#\nlanguages = []\n", "t.toml:2:1: 'languages' must list 1 to 7 languages, not 0"},
      {"#\nlanguages = [\"da\", \"en\", \"ar\", \"so\", \"tr\", \"ur\", \"fa\", \"de\"]\n",
       "t.toml:2:1: 'languages' must list 1 to 7 languages, not 8"},
      {"#\nlanguages = [\"da\", \"DA\"]\n",
       "t.toml:2:20: 'languages[1]' must be a two-letter lowercase language code such as \"da\", not \"DA\""},
      {"#\nlanguages = [\"dansk\"]\n",
       "t.toml:2:14: 'languages[0]' must be a two-letter lowercase language code such as \"da\", not \"dansk\""},
      {"#\nlanguages = [\"da\", \"ar\", \"da\"]\n",
       "t.toml:2:26: 'languages[2]' names \"da\" a second time; list each language once"},
      {"#\nlanguages = [\"da\", 2]\n", "t.toml:2:20: 'languages[1]' must be a string, not an integer"},
      {"#\nlanguages = \"da\"\n", "t.toml:2:1: 'languages' must be an array, not a string"},
      {"[slides]\nrounds_per_language = 0\n", "t.toml:2:1: 'slides.rounds_per_language' must be from 1 to 20, not 0"},
      {"[slides]\nrounds_per_language = 21\n", "t.toml:2:1: 'slides.rounds_per_language' must be from 1 to 20, not 21"},
  };
  for (const auto& [text, message] : cases) {
    CAPTURE(text);
    CHECK(error_of(kiosk::config::parse(text, kPath)) == message);
  }
}

TEST_CASE("the kiosk id and the report's address and user are read and checked", "[config][report]") {
  using kiosk::config::parse;
  auto config = parse("id = \"gellerup-1\"\n[sync]\nreport_url = \"https://reports.example.dk/kiosk/\"\n"
                      "report_user = \"gellerup-1\"\n",
                      kPath);
  REQUIRE(config.ok());
  CHECK(config->id == "gellerup-1");
  CHECK(config->report_url == "https://reports.example.dk/kiosk/");
  CHECK(config->report_user == "gellerup-1");
  CHECK(*kiosk::config::kiosk_id(*config) == "gellerup-1");
  const auto defaults = parse("", kPath);
  CHECK(defaults->id.empty());
  CHECK(defaults->report_url.empty());

  CHECK(parse("id = \"\"\n", kPath)->id.empty());  // the host name
  CHECK(error_of(parse("id = \"Gellerup 1\"\n", kPath)) ==
        "t.toml:1:1: 'id' must be empty or 1 to 64 characters of a-z, 0-9 and '-', not \"Gellerup 1\"");
  CHECK(error_of(parse("[sync]\n\nreport_url = \"ftp://reports.example.dk/\"\n", kPath)) ==
        "t.toml:3:1: 'sync.report_url' must be empty or start with http:// or https://, not "
        "\"ftp://reports.example.dk/\"");
  CHECK(error_of(parse("[sync]\nreport_user = \"kiosk:secret\"\n", kPath)) ==
        "t.toml:2:1: 'sync.report_user' must be empty or up to 64 printable characters without ':' or spaces, not "
        "\"kiosk:secret\"");
}

TEST_CASE("without an id the kiosk is named by its host name", "[config][report]") {
  const auto config = kiosk::config::parse("", kPath);
  char host[256] = "";
  REQUIRE(::gethostname(host, sizeof host - 1) == 0);
  std::string expected(host);
  expected = expected.substr(0, expected.find('.'));
  for (char& c : expected) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  const auto id = kiosk::config::kiosk_id(*config);
  if (kiosk::is_valid_id(expected)) {
    REQUIRE(id.ok());
    CHECK(*id == expected);
  } else {
    REQUIRE_FALSE(id.ok());
    CHECK_THAT(id.error().message, Catch::Contains("set id in kiosk.toml"));
  }
}
