// The whole way of the kiosks' reports, with the real programs: three kiosks' displays write their
// reports, their kiosk-sync sends them to nginx's WebDAV folder on 127.0.0.1 with basic auth, and
// kiosk-feed fleet reads them back and flags the kiosk whose screen is black and those showing an
// older version than the one published.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <filesystem>

#include "content_gen.h"
#include "feed/minisign.h"
#include "nginx.h"
#include "publisher.h"
#include "test_support.h"

using namespace kiosk;
using Catch::Contains;

namespace {

constexpr const char* kPassword = "reports-secret";

class FieldKiosk {
 public:
  FieldKiosk(std::string id, const testing::Nginx& nginx, const testing::Publisher& publisher) : id_(std::move(id)) {
    testing::write_file(dir_.file("kiosk.toml"),
                        "id = \"" + id_ + "\"\narea = \"gellerup\"\n[cache]\ndatabase = \"" + dir_.file("content.db") +
                            "\"\n[sync]\nfeed_url = \"" + nginx.url("/feed/feed.json") + "\"\npublic_keys = [\"" +
                            feed::minisign::public_key_line(publisher.keys().public_key) + "\"]\nreport_url = \"" +
                            nginx.url("/reports/") + "\"\nreport_user = \"kiosk\"\n");
    std::filesystem::create_directories(dir_.file("credentials"));
    testing::write_file(dir_.file("credentials/report-password"), std::string(kPassword) + "\n");
  }
  // The display for a few seconds of simulated time; `fault` as the command line takes it.
  void show(const std::string& fault = "") {
    const auto run = testing::run_command("env SDL_VIDEODRIVER=dummy " + std::string(KIOSK_BINARY) + " --config " +
                                          dir_.file("kiosk.toml") + " --size 640x360 --simulated-time --run-for 7 " + fault);
    INFO(run.output);
    REQUIRE(std::filesystem::exists(dir_.file("report.json")));
  }
  testing::CommandRun check() {
    return testing::run_command("CREDENTIALS_DIRECTORY=" + dir_.file("credentials") + " " + KIOSK_SYNC_BINARY + " --config " +
                                dir_.file("kiosk.toml"));
  }

 private:
  std::string id_;
  testing::TempDir dir_;
};

// The table's row of kiosk `id`.
std::string row_of(const std::string& table, const std::string& id) {
  const auto at = table.find("\n" + id + " ");
  if (at == std::string::npos) return "";
  return table.substr(at + 1, table.find('\n', at + 1) - at - 1);
}

}  // namespace

TEST_CASE("kiosks send their reports to nginx and kiosk-feed fleet flags the black screen and the stale versions", "[report][fleet]") {
  testing::Nginx nginx({.dav_location = "/reports/", .user = "kiosk", .password = kPassword, .server_config = ""});
  testing::Publisher publisher;
  publisher.publish(testing::numbered_feed(1, 2));
  publisher.write_to((nginx.root() / "feed").string());

  FieldKiosk black("gellerup-1", nginx, publisher), behind("gellerup-2", nginx, publisher), fine("gellerup-3", nginx, publisher);
  for (FieldKiosk* k : {&black, &behind}) REQUIRE(k->check().exit_code == 0);  // version 1
  black.show("--fault black-frames");
  behind.show();
  for (FieldKiosk* k : {&black, &behind}) {
    const auto sent = k->check();  // up to date; sends the report the display wrote
    INFO(sent.output);
    CHECK(sent.exit_code == 10);
    CHECK_THAT(sent.output, Contains("report: sent "));
  }
  // Version 2 is published; only the third kiosk has checked since.
  publisher.publish(testing::numbered_feed(2, 2));
  publisher.write_to((nginx.root() / "feed").string());
  REQUIRE(fine.check().exit_code == 0);
  fine.show();
  REQUIRE(fine.check().exit_code == 10);

  testing::TempDir out;
  const auto fleet = testing::run_command(std::string(KIOSK_FEED_BINARY) + " fleet " + (nginx.root() / "reports").string() +
                                          " --feed " + nginx.url("/feed/feed.json") + " --html " + out.file("fleet.html") +
                                          " --csv " + out.file("counts.csv"));
  INFO(fleet.output);
  CHECK(fleet.exit_code == 1);  // some need attention
  CHECK_THAT(fleet.output, Contains("gellerup-1: black screen") && Contains("gellerup-1: stale: shows version 1, published 2") &&
                               Contains("gellerup-2: stale: shows version 1, published 2"));
  CHECK(fleet.output.find("gellerup-2: black") == std::string::npos);
  const std::string fine_row = row_of(fleet.output, "gellerup-3");
  CHECK_THAT(fine_row, Contains("2 / 2"));
  CHECK(fleet.output.find("gellerup-3:") == std::string::npos);  // nothing to say about it
  CHECK_THAT(fleet.output, Contains("3 kiosks, 2 need attention"));

  // The page shows each kiosk with its picture; the counts have a row per kiosk and day.
  const std::string page = testing::read_file(out.file("fleet.html"));
  for (const char* id : {"gellerup-1", "gellerup-2", "gellerup-3"}) CHECK_THAT(page, Contains(id));
  CHECK_THAT(page, Contains("data:image/png;base64,"));
  const std::string csv = testing::read_file(out.file("counts.csv"));
  for (const char* id : {"gellerup-1", "gellerup-2", "gellerup-3"}) CHECK_THAT(csv, Contains(std::string(",") + id + ",gellerup,"));
}
