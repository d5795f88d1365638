// kiosk-feed publish against a real nginx on 127.0.0.1 (WebDAV PUT), a local folder and rsync to a
// local path: what a kiosk then syncs, what goes over the wire and in which order, and that a failed
// upload leaves the old manifest and all its objects served.
#include <catch2/catch.hpp>

#include <algorithm>

#include "feed/feed_json.h"
#include "nginx.h"
#include "publish_fixture.h"

namespace {

namespace fs = std::filesystem;
using kiosk::testing::Nginx;
using kiosk::testing::NginxOptions;
using kiosk::testing::NginxRequest;
using kiosk::testing::read_file;
using kiosk::testing::StaffFolder;
using kiosk::testing::SyncingKiosk;
using Catch::Matchers::Contains;

const kiosk::fetch::CurlLibrary curl_library;

NginxOptions dav(std::string server_config = "") {
  return {.dav_location = "/kiosk/", .user = "kiosk", .password = "sommer-2026", .server_config = std::move(server_config)};
}
const kiosk::publish::UploadCredentials kRightPassword{.password = "sommer-2026", .netrc_file = ""};

std::vector<std::string> of_method(const std::vector<NginxRequest>& log, const std::string& method) {
  std::vector<std::string> uris;
  for (const auto& r : log) {
    if (r.method == method) uris.push_back(r.uri);
  }
  return uris;
}

// Every file the published folder `dir` holds, with its bytes.
std::map<std::string, std::string> files_of(const fs::path& dir) {
  std::map<std::string, std::string> files;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    if (e.is_regular_file()) files[fs::relative(e.path(), dir).string()] = read_file(e.path());
  }
  return files;
}

// The objects the manifest `feed_json` lists.
std::vector<std::string> objects_of(const std::string& feed_json) {
  auto feed = kiosk::feed::parse_feed(feed_json);
  REQUIRE(feed.ok());
  std::vector<std::string> shas;
  for (const auto& asset : feed->assets) shas.push_back(asset.sha256);
  return shas;
}

// The served feed.json and every object it lists are there, unchanged from `before`.
void check_still_served(const fs::path& root, const std::map<std::string, std::string>& before) {
  CHECK(read_file(root / "feed.json") == before.at("feed.json"));
  const auto shas = objects_of(before.at("feed.json"));
  CHECK(shas.size() >= 3);
  for (const auto& sha : shas) CHECK(read_file(root / "objects" / sha) == before.at("objects/" + sha));
}

}  // namespace

TEST_CASE("publish uploads to nginx by WebDAV, objects first and feed.json last, and a kiosk syncs it", "[publish][upload]") {
  Nginx nginx(dav());
  StaffFolder staff;
  staff.configure("to = \"" + nginx.url("/kiosk/") + "\"\nuser = \"kiosk\"");
  auto published = staff.publish(kRightPassword);
  REQUIRE(published.ok());
  CHECK(published->build.version == 1);
  CHECK(published->upload.objects.sent == 3);
  CHECK(published->upload.objects.present == 0);

  const auto puts = of_method(nginx.requests(), "PUT");
  REQUIRE(puts.size() == 5);
  for (std::size_t i = 0; i < 3; ++i) CHECK(puts[i].rfind("/kiosk/objects/", 0) == 0);
  CHECK(puts[3] == "/kiosk/feed.json.minisig");
  CHECK(puts[4] == "/kiosk/feed.json");

  SyncingKiosk kiosk(staff.public_key());
  const auto synced = kiosk.sync(nginx.url("/kiosk/feed.json"), staff.now);
  INFO(synced.message);
  REQUIRE(synced.outcome == kiosk::syncer::Outcome::kUpdated);
  CHECK(synced.version == 1);
  CHECK(synced.objects_fetched == 3);
  auto staged = kiosk::feed::parse_feed(read_file(fs::path(published->staging) / "feed.json"));
  REQUIRE(staged.ok());
  CHECK(kiosk.content() == staged->content);
}

TEST_CASE("a second publish PUTs only the changed picture, then the signature and feed.json", "[publish][upload]") {
  Nginx nginx(dav());
  StaffFolder staff;
  staff.configure("to = \"" + nginx.url("/kiosk/") + "\"\nuser = \"kiosk\"");
  REQUIRE(staff.publish(kRightPassword).ok());
  SyncingKiosk kiosk(staff.public_key());
  REQUIRE(kiosk.sync(nginx.url("/kiosk/feed.json"), staff.now).version == 1);

  staff.set_picture(staff.result_files()[0], 99);
  staff.now += std::chrono::minutes(10);
  nginx.clear_requests();
  auto published = staff.publish(kRightPassword);
  REQUIRE(published.ok());
  CHECK(published->build.version == 2);
  CHECK(published->replaced == 1);
  CHECK(published->upload.objects.sent == 1);
  CHECK(published->upload.objects.present == 3);  // the two unchanged and the replaced one, kept 7 days

  const auto log = nginx.requests();
  const auto puts = of_method(log, "PUT");
  REQUIRE(puts.size() == 3);
  CHECK(puts[0].rfind("/kiosk/objects/", 0) == 0);
  CHECK(puts[1] == "/kiosk/feed.json.minisig");
  CHECK(puts[2] == "/kiosk/feed.json");
  CHECK(log.back().uri == "/kiosk/feed.json");  // nothing after the manifest
  CHECK(of_method(log, "HEAD").size() == 4);

  const auto synced = kiosk.sync(nginx.url("/kiosk/feed.json"), staff.now);
  INFO(synced.message);
  CHECK(synced.version == 2);
  CHECK(synced.objects_fetched == 1);
}

TEST_CASE("a wrong WebDAV password stops before feed.json and the old feed stays served", "[publish][upload]") {
  Nginx nginx(dav());
  StaffFolder staff;
  staff.configure("to = \"" + nginx.url("/kiosk/") + "\"\nuser = \"kiosk\"");
  REQUIRE(staff.publish(kRightPassword).ok());
  const auto before = files_of(nginx.root() / "kiosk");

  staff.set_picture(staff.result_files()[1], 42);
  auto refused = staff.publish({.password = "vinter-2025", .netrc_file = ""});
  REQUIRE_FALSE(refused.ok());
  CHECK_THAT(refused.error().message, Contains("PUT " + nginx.url("/kiosk/objects/")));
  CHECK_THAT(refused.error().message, Contains("401 Unauthorized: the user name or password is wrong (user kiosk)"));
  CHECK_THAT(refused.error().message, Contains("feed.json was not sent"));
  CHECK(files_of(nginx.root() / "kiosk") == before);
  check_still_served(nginx.root() / "kiosk", before);

  // The next publish with the right password is above the build kept from the refused one.
  auto published = staff.publish(kRightPassword);
  REQUIRE(published.ok());
  CHECK(published->build.version == 3);
}

TEST_CASE("without a password given, the WebDAV password comes from a netrc file", "[publish][upload]") {
  Nginx nginx(dav());
  StaffFolder staff(1);
  staff.configure("to = \"" + nginx.url("/kiosk/") + "\"\nuser = \"kiosk\"");
  kiosk::testing::write_file(staff.dir.file("netrc"), "machine 127.0.0.1 login kiosk password sommer-2026\n");
  auto published = staff.publish({.password = std::nullopt, .netrc_file = staff.dir.file("netrc")});
  INFO((published.ok() ? "" : published.error().message));
  CHECK(published.ok());
  kiosk::testing::write_file(staff.dir.file("netrc"), "machine 127.0.0.1 login kiosk password vinter\n");
  staff.set_picture(staff.result_files()[0], 5);
  CHECK_THAT(staff.publish({.password = std::nullopt, .netrc_file = staff.dir.file("netrc")}).error().message, Contains("401"));
}

TEST_CASE("a server refusing feed.json leaves the old manifest, its signature and its objects served", "[publish][upload]") {
  // Kiosks read feed.json; the server takes no PUT of it.
  Nginx nginx(dav("    location = /kiosk/feed.json { limit_except GET HEAD { deny all; } }\n"));
  StaffFolder staff;
  fs::create_directories(nginx.root() / "kiosk");
  staff.configure("to = \"" + (nginx.root() / "kiosk").string() + "\"");  // the first one through the folder
  REQUIRE(staff.publish().ok());
  const auto before = files_of(nginx.root() / "kiosk");

  staff.configure("to = \"" + nginx.url("/kiosk/") + "\"\nuser = \"kiosk\"");
  staff.set_picture(staff.result_files()[1], 43);
  auto refused = staff.publish(kRightPassword);
  REQUIRE_FALSE(refused.ok());
  CHECK_THAT(refused.error().message, Contains("PUT " + nginx.url("/kiosk/feed.json") + ": the server answered 403 Forbidden"));
  CHECK_THAT(refused.error().message, Contains("The old feed.json.minisig was put back"));
  check_still_served(nginx.root() / "kiosk", before);
  CHECK(read_file(nginx.root() / "kiosk/feed.json.minisig") == before.at("feed.json.minisig"));
  const auto puts = of_method(nginx.requests(), "PUT");
  REQUIRE(puts.size() == 4);  // the new picture, the signature, feed.json (refused), the old signature
  CHECK(puts[2] == "/kiosk/feed.json");
  CHECK(puts[3] == "/kiosk/feed.json.minisig");
}

TEST_CASE("publish to a local folder writes only the new pictures and a feed a kiosk verifies", "[publish][upload]") {
  StaffFolder staff;
  kiosk::testing::TempDir www;
  staff.configure("to = \"" + www.path().string() + "\"");
  auto first = staff.publish();
  REQUIRE(first.ok());
  CHECK(first->upload.objects.sent == 3);
  staff.set_picture(staff.result_files()[2], 77);
  auto second = staff.publish();
  REQUIRE(second.ok());
  CHECK(second->build.version == 2);
  CHECK(second->upload.objects.sent == 1);
  CHECK(second->upload.objects.present == 3);
  const auto manifest = read_file(www.path() / "feed.json");
  CHECK(kiosk::feed::minisign::verify(manifest, read_file(www.path() / "feed.json.minisig"), {staff.public_key()}).ok());
  for (const auto& sha : objects_of(manifest)) CHECK(fs::exists(www.path() / "objects" / sha));
  CHECK(manifest == read_file(fs::path(second->staging) / "feed.json"));
  // Nothing left half-written beside the files.
  for (const auto& e : fs::recursive_directory_iterator(www.path())) {
    CHECK(e.path().filename().string().find(".uploading-") == std::string::npos);
  }
}

TEST_CASE("publish by rsync to a local path sends only the pictures the destination lacks", "[publish][upload]") {
  StaffFolder staff;
  kiosk::testing::TempDir www;
  staff.configure("to = \"" + (www.path() / "kiosk").string() + "\"\nmethod = \"rsync\"");
  auto first = staff.publish();
  INFO((first.ok() ? "" : first.error().message));
  REQUIRE(first.ok());
  CHECK(first->upload.objects.sent == 3);
  CHECK(files_of(www.path() / "kiosk") == files_of(fs::path(first->staging)));
  // Uploaded a day ago: rsync's own check (size and time) would send them again; they are the same.
  for (const auto& e : fs::directory_iterator(www.path() / "kiosk/objects")) {
    fs::last_write_time(e.path(), fs::last_write_time(e.path()) - std::chrono::hours(24));
  }
  staff.set_picture(staff.result_files()[0], 55);
  auto second = staff.publish();
  REQUIRE(second.ok());
  CHECK(second->replaced == 1);
  CHECK(second->upload.objects.sent == 1);
  CHECK(second->upload.objects.present == 3);
  CHECK(read_file(www.path() / "kiosk/feed.json") == read_file(fs::path(second->staging) / "feed.json"));
  CHECK(read_file(www.path() / "kiosk/feed.json.minisig") == read_file(fs::path(second->staging) / "feed.json.minisig"));
}

TEST_CASE("the version is above the destination's feed.json as well as the kept build", "[publish][upload]") {
  StaffFolder staff;
  kiosk::testing::TempDir www;
  staff.configure("to = \"" + www.path().string() + "\"");
  REQUIRE(staff.publish().ok());
  // Someone published version 7 there from another machine.
  auto feed = kiosk::feed::parse_feed(read_file(www.path() / "feed.json"));
  REQUIRE(feed.ok());
  feed->version = 7;
  kiosk::testing::write_file(www.path() / "feed.json", kiosk::feed::to_json(*feed));
  auto published = staff.publish();
  REQUIRE(published.ok());
  CHECK(published->replaced == 7);
  CHECK(published->build.version == 8);
}

TEST_CASE("publish.toml: the method follows from to, and mistakes are named with their line", "[publish][upload]") {
  StaffFolder staff(0);
  using kiosk::publish::UploadMethod;
  const auto method_for = [&](const std::string& to) {
    staff.configure("to = \"" + to + "\"");
    auto config = kiosk::publish::read_publish_config(staff.src());
    REQUIRE(config.ok());
    return config->method;
  };
  CHECK(method_for("https://web.example.org/kiosk/") == UploadMethod::kWebDav);
  CHECK(method_for("staff@web.example.org:/var/www/kiosk") == UploadMethod::kRsync);
  CHECK(method_for("/srv/www/kiosk") == UploadMethod::kFolder);
  CHECK(method_for("www/kiosk") == UploadMethod::kFolder);

  staff.configure("to = \"www\"");
  auto config = kiosk::publish::read_publish_config(staff.src());
  REQUIRE(config.ok());
  CHECK(config->to == (fs::path(staff.src()) / "www").string());
  CHECK(config->key == staff.dir.file("feed.key"));
  CHECK(config->staging == staff.src() + ".published");
  CHECK(kiosk::publish::read_publish_config(staff.src() + "/")->staging == staff.src() + ".published");

  kiosk::testing::write_file(staff.src() + "/publish.toml",
                             "to = \"https://web.example.org/kiosk/\"\nmethod = \"rsync\"\nuser = 3\nkeep_old_objects_days = 400\nbogus = 1\n");
  auto bad = kiosk::publish::read_publish_config(staff.src());
  REQUIRE_FALSE(bad.ok());
  CHECK_THAT(bad.error().message, Contains("publish.toml:2: method = \"rsync\" cannot reach to = \"https://web.example.org/kiosk/\""));
  CHECK_THAT(bad.error().message, Contains("publish.toml:3: user must be text in quotes"));
  CHECK_THAT(bad.error().message, Contains("publish.toml:4: keep_old_objects_days must be a whole number from 0 to 365"));
  CHECK_THAT(bad.error().message, Contains("publish.toml:5: unknown key 'bogus'"));
  CHECK_THAT(bad.error().message, Contains("publish.toml: key is missing"));

  kiosk::testing::write_file(staff.src() + "/publish.toml", "to = \"/srv/www\nkey = \"k\"\n");
  CHECK_THAT(kiosk::publish::read_publish_config(staff.src()).error().message, Contains("publish.toml:1: "));
  fs::remove(staff.src() + "/publish.toml");
  CHECK_THAT(kiosk::publish::read_publish_config(staff.src()).error().message, Contains("publish.toml is missing: write it"));
}

TEST_CASE("a password is not sent over plain http to another machine", "[publish][upload]") {
  kiosk::publish::PublishConfig config;
  config.to = "http://web.example.org/kiosk/";
  config.method = kiosk::publish::UploadMethod::kWebDav;
  config.user = "kiosk";
  auto refused = kiosk::publish::open_destination(config, kRightPassword);
  REQUIRE_FALSE(refused.ok());
  CHECK_THAT(refused.error().message, Contains("give an https:// address"));
  config.to = "http://127.0.0.1:8080/kiosk/";
  CHECK(kiosk::publish::open_destination(config, kRightPassword).ok());
}

TEST_CASE("a kiosk checking every 15 minutes costs one 304 a check, and the check after a notice is published brings it", "[publish][upload][notices]") {
  Nginx nginx(dav());
  StaffFolder staff(0);
  staff.configure("to = \"" + nginx.url("/kiosk/") + "\"\nuser = \"kiosk\"");
  REQUIRE(staff.publish(kRightPassword).ok());
  SyncingKiosk kiosk(staff.public_key());
  const std::string url = nginx.url("/kiosk/feed.json");
  REQUIRE(kiosk.sync(url, staff.now).outcome == kiosk::syncer::Outcome::kUpdated);

  // Four checks with nothing new: one conditional GET each, answered 304, a few hundred bytes.
  nginx.clear_requests();
  for (int check = 1; check <= 4; ++check) {
    const auto r = kiosk.sync(url, staff.now + std::chrono::minutes(15 * check));
    INFO(r.message);
    CHECK(r.outcome == kiosk::syncer::Outcome::kUpToDate);
  }
  const auto quiet = nginx.requests();
  REQUIRE(quiet.size() == 4);
  for (const auto& r : quiet) {
    CHECK(r.method == "GET");
    CHECK(r.uri == "/kiosk/feed.json");
    CHECK(r.status == 304);
    CHECK(r.bytes() < 1000);
  }

  // Staff write a notice and publish; the next check fetches the manifest and its signature.
  fs::create_directories(fs::path(staff.src()) / "notices");
  kiosk::testing::write_file(staff.src() + "/notices/varme.txt", "title: Varmen er afbrudt i blok 3\nlevel: urgent\nuntil: 2026-09-22 15:00\n");
  staff.now += std::chrono::minutes(61);
  REQUIRE(staff.publish(kRightPassword).ok());
  nginx.clear_requests();
  const auto r = kiosk.sync(url, staff.now + std::chrono::minutes(14));
  INFO(r.message);
  CHECK(r.outcome == kiosk::syncer::Outcome::kUpdated);
  const auto fetched = nginx.requests();
  CHECK(of_method(fetched, "GET") == std::vector<std::string>{"/kiosk/feed.json", "/kiosk/feed.json.minisig"});
  const auto content = kiosk.content();
  REQUIRE(content.notices.size() == 1);
  CHECK(content.notices[0].title == "Varmen er afbrudt i blok 3");
  CHECK(content.notices[0].level == kiosk::model::NoticeLevel::kUrgent);
}
