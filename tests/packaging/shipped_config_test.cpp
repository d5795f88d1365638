// The /etc/kiosk/kiosk.toml the package installs (KIOSK_SHIPPED_CONFIG, the file CMake installs)
// must change nothing: read by the kiosk's own config loader it gives the built-in defaults, and
// the values it shows commented out are those defaults, for every key the example documents. So a
// 7" panel gets its own size, and the file cannot drift from the code again.
#include <catch2/catch.hpp>

#include <regex>
#include <set>
#include <sstream>
#include <string>

#include "config/config.h"
#include "test_support.h"

namespace {

using kiosk::config::Config;
using kiosk::testing::read_file;
using kiosk::testing::source_path;

// The file with each commented-out setting (`# key = value`) made live; prose comments stay.
std::string uncommented(const std::string& text) {
  static const std::regex setting(R"(^#[ \t]*([a-z_]+[ \t]*=.*)$)");
  static const std::regex entry(R"(^#[ \t]*(\[\[[a-z_.]+\]\])[ \t]*$)");  // # [[slides.show]]
  std::istringstream in(text);
  std::string out, line;
  while (std::getline(in, line)) out += std::regex_replace(std::regex_replace(line, setting, "$1"), entry, "$1") + "\n";
  return out;
}

// The dotted keys set in TOML text that has one `key = value` per line under `[table]` headers,
// as both files have.
std::set<std::string> keys_set(const std::string& text) {
  static const std::regex header(R"(^\[([a-z_]+)\][ \t]*$)");
  static const std::regex setting(R"(^([a-z_]+)[ \t]*=)");
  std::set<std::string> keys;
  std::istringstream in(text);
  std::string line, table;
  std::smatch m;
  while (std::getline(in, line)) {
    if (std::regex_search(line, m, header)) table = m[1].str() + ".";
    else if (std::regex_search(line, m, setting)) keys.insert(table + m[1].str());
  }
  return keys;
}

std::string joined(const std::set<std::string>& keys) {
  std::string out;
  for (const auto& k : keys) out += k + " ";
  return out;
}

}  // namespace

TEST_CASE("the installed kiosk.toml gives exactly the built-in defaults", "[packaging]") {
  auto config = kiosk::config::load(KIOSK_SHIPPED_CONFIG);
  INFO((config.ok() ? std::string() : config.error().message));
  REQUIRE(config.ok());
  CHECK(config->source_path == KIOSK_SHIPPED_CONFIG);
  config->source_path.clear();
  CHECK(config->width == 0);  // the screen's own size, whatever screen is plugged in
  CHECK(config->height == 0);
  CHECK(*config == Config{});
}

TEST_CASE("each setting commented out in the installed kiosk.toml shows its built-in default", "[packaging]") {
  const std::string live = uncommented(read_file(KIOSK_SHIPPED_CONFIG));
  INFO(live);
  const auto config = kiosk::config::parse(live, KIOSK_SHIPPED_CONFIG);
  INFO((config.ok() ? std::string() : config.error().message));
  REQUIRE(config.ok());
  CHECK(*config == Config{});
}

TEST_CASE("the installed kiosk.toml shows every key the example documents, and no other", "[packaging]") {
  const auto shipped = keys_set(uncommented(read_file(KIOSK_SHIPPED_CONFIG)));
  const auto example = keys_set(read_file(source_path("docs/examples/kiosk.toml")));
  INFO("installed: " << joined(shipped));
  INFO("example:   " << joined(example));
  REQUIRE_FALSE(example.empty());
  CHECK(shipped == example);
}
