// The figures the README and docs/ state that the code decides: sizes, times, limits and every
// default in docs/configuration.md's table are read out of the text and compared with the code, so
// the docs cannot drift from it. (Measured figures live in docs/performance.md with how they were
// measured; the systemd scores are checked by tests/systemd/check_units.sh.)
#include <catch2/catch.hpp>

#include <regex>
#include <sstream>

#include "config/config.h"
#include "feed/feed_json.h"
#include "render/compositor.h"
#include "slides/theme.h"
#include "slides/touch_views.h"
#include "test_support.h"

using namespace kiosk;

namespace {

std::string doc(const std::string& path) {
  std::string text = testing::read_file(testing::source_path(path));
  // Sentences wrap anywhere: one space for every run of blanks and line ends.
  text = std::regex_replace(text, std::regex("[ \\n]+"), " ");
  return text;
}

// The number in the first match of `pattern` (its first group), or -1 when the text does not say it.
long stated(const std::string& text, const std::string& pattern) {
  std::smatch m;
  if (!std::regex_search(text, m, std::regex(pattern))) return -1;
  return std::stol(m[1].str());
}

}  // namespace

TEST_CASE("the README's sizes, times and limits are the code's", "[docs]") {
  const std::string readme = doc("README.md");
  const slides::Theme theme = slides::Theme::for_screen(1920, 1080);
  CHECK(stated(readme, R"(at least 1/28 of the screen's shorter side \((\d+) px at 1080p\))") == theme.body_px);
  CHECK(stated(readme, R"(Touch targets are at least 1/22\.5 of the screen's shorter side \(9 mm on a 24" screen\) and a line of body text high \((\d+) px at 1080p\))") ==
        slides::touch_target_px(theme));
  CHECK(stated(readme, R"(Slides change with a (\d+) ms slide-in)") == render::Compositor::kTransition.count());
  CHECK(stated(readme, R"(a manifest over (\d+) MiB)") == static_cast<long>(feed::kMaxManifestBytes >> 20));
  const config::Config defaults;
  REQUIRE(defaults.playlist.size() == 5);
  CHECK(defaults.playlist[0].kind == "status");
  CHECK(defaults.playlist[1].kind == "map");
  CHECK(defaults.playlist[2].kind == "timeline");
  CHECK(defaults.playlist[3].kind == "results");
  CHECK(defaults.playlist[4].kind == "events");
  for (const auto& show : defaults.playlist) {
    CHECK(stated(readme, R"(cycles status -> map -> timeline -> results -> events, (\d+) s each by default)") == show.duration.count());
  }
  CHECK(stated(readme, R"(`slides\.idle_return_seconds` \((\d+) s\))") == defaults.idle_return.count());
}

TEST_CASE("every default in the configuration table is the program's default", "[docs]") {
  const std::string text = testing::read_file(testing::source_path("docs/configuration.md"));
  // | `screen.width` | integer | `0` | ...
  const std::regex row(R"(^\| `([a-z_]+)\.([a-z_]+)` \| ([a-z ]+) \| `([^`]*)` \|)");
  const std::regex top_row(R"(^\| `([a-z_]+)` \| ([a-z ]+) \| `([^`]*)` \|)");
  std::istringstream lines(text);
  int rows = 0;
  for (std::string line; std::getline(lines, line);) {
    std::smatch m;
    std::string toml;
    if (std::regex_search(line, m, row)) {
      toml = "[" + m[1].str() + "]\n" + m[2].str() + " = " + m[4].str() + "\n";
    } else if (std::regex_search(line, m, top_row)) {
      toml = m[1].str() + " = " + m[3].str() + "\n";
    } else {
      continue;
    }
    ++rows;
    INFO("docs/configuration.md: " << line);
    // A key set to the stated default gives exactly the built-in defaults.
    auto parsed = config::parse(toml, "configuration.md");
    INFO((parsed ? "" : parsed.error().message));
    REQUIRE(parsed.ok());
    config::Config expected;
    expected.source_path = parsed->source_path;
    CHECK(*parsed == expected);
  }
  // The table's rows with a literal default (power.monday ... sunday defaults to every_day's).
  CHECK(rows >= 20);
}
