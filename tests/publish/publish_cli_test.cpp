// kiosk-feed publish through the real binary, as staff run it: init, keygen, publish.toml, publish to
// a real nginx by WebDAV, then verify what the server serves as a kiosk would.
#include <catch2/catch.hpp>

#include <regex>

#include "nginx.h"
#include "test_support.h"

namespace {

using kiosk::testing::run_command;
using kiosk::testing::write_file;
using Catch::Matchers::Contains;

kiosk::testing::CommandRun feed_tool(const std::string& args, const std::string& env = "") {
  return run_command(env + " " + std::string(KIOSK_FEED_BINARY) + " " + args);
}

std::string value_of(const std::string& output, const std::string& key) {
  std::smatch m;
  if (std::regex_search(output, m, std::regex("(^|\n)" + key + "=([^\n]*)"))) return m[2];
  return "";
}

}  // namespace

TEST_CASE("kiosk-feed publish uploads to nginx by WebDAV and the served feed verifies", "[publish][cli][upload]") {
  kiosk::testing::Nginx nginx({.dav_location = "/kiosk/", .user = "kiosk", .password = "sommer-2026", .server_config = ""});
  kiosk::testing::TempDir dir;
  const std::string src = dir.file("src");
  REQUIRE(feed_tool("init " + src).exit_code == 0);
  REQUIRE(feed_tool("keygen --unprotected --dir " + dir.file("keys")).exit_code == 0);
  write_file(src + "/publish.toml", "to = \"" + nginx.url("/kiosk/") + "\"\nkey = \"../keys/kiosk-feed.key\"\nuser = \"kiosk\"\n");

  auto wrong = feed_tool("publish " + src, "KIOSK_FEED_UPLOAD_PASSWORD=vinter");
  INFO(wrong.output);
  CHECK(wrong.exit_code == 1);
  CHECK_THAT(wrong.output, Contains("kiosk-feed publish: PUT " + nginx.url("/kiosk/feed.json.minisig") +
                                    ": the server answered 401 Unauthorized"));
  CHECK_FALSE(std::filesystem::exists(nginx.root() / "kiosk/feed.json"));

  write_file(dir.file("upload-password"), "sommer-2026\n");
  auto published = feed_tool("publish " + src + " --upload-password-file " + dir.file("upload-password"));
  INFO(published.output);
  REQUIRE(published.exit_code == 0);
  CHECK(value_of(published.output, "version") == "2");  // above the build the refused upload kept
  CHECK(value_of(published.output, "to") == nginx.url("/kiosk/"));
  CHECK(value_of(published.output, "staging") == src + ".published");

  auto verified = feed_tool("verify " + nginx.url("/kiosk/feed.json") + " --pubkey " + dir.file("keys/kiosk-feed.pub"));
  INFO(verified.output);
  CHECK(verified.exit_code == 0);
  CHECK(value_of(verified.output, "version") == "2");

  CHECK(feed_tool("publish " + src + " --bogus").exit_code == 2);
}
