#include <catch2/catch.hpp>

#include "app/options.h"

using kiosk::app::parse_options;

TEST_CASE("the command line is parsed", "[app]") {
  auto o = parse_options({"--config", "/tmp/k.toml", "--screenshot", "out", "--size", "800x480", "--windowed"});
  REQUIRE(o.ok());
  CHECK(*o->config_path == "/tmp/k.toml");
  CHECK(*o->screenshot_dir == "out");
  CHECK(o->size->w == 800);
  CHECK(o->size->h == 480);
  CHECK(o->windowed);
  CHECK(parse_options({"--help"})->help);
  CHECK(parse_options({"-h"})->help);
  CHECK(parse_options({"--version"})->version);
  CHECK_FALSE(parse_options({})->windowed);
}

TEST_CASE("bad arguments are named", "[app]") {
  CHECK_THAT(parse_options({"--fullscreen"}).error().message, Catch::Contains("unknown argument '--fullscreen'"));
  CHECK_THAT(parse_options({"--config"}).error().message, Catch::Contains("--config needs a value"));
  CHECK_THAT(parse_options({"--size", "big"}).error().message, Catch::Contains("'big' is not of the form WIDTHxHEIGHT"));
  CHECK_THAT(parse_options({"--size", "1920x"}).error().message, Catch::Contains("not of the form"));
  CHECK_THAT(parse_options({"--size", "100x100"}).error().message, Catch::Contains("outside 160..16384"));
  CHECK_THAT(parse_options({"--size", "20000x1080"}).error().message, Catch::Contains("outside"));
}
