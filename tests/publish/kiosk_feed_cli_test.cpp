// kiosk-feed end to end, as staff use it: init, edit, keygen, build, verify (a folder and a URL on
// 127.0.0.1), diff, preview; then kiosk-sync --import and kiosk --screenshot show the edit. Each
// bad input leaves the published folder exactly as it was.
#include <catch2/catch.hpp>
#include <set>

#include <SDL.h>
#include <SDL_image.h>
#include <sys/stat.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <regex>

#include "cache/cache.h"
#include "content_gen.h"
#include "feed/minisign.h"
#include "http_test_server.h"
#include "model/translations.h"
#include "test_support.h"

namespace {

namespace fs = std::filesystem;
using kiosk::testing::read_file;
using kiosk::testing::run_command;
using kiosk::testing::TempDir;
using kiosk::testing::write_file;

kiosk::testing::CommandRun feed_tool(const std::string& args) { return run_command(std::string(KIOSK_FEED_BINARY) + " " + args); }

// Every file under `dir` with its bytes: to prove a folder was not touched.
std::map<std::string, std::string> snapshot(const fs::path& dir) {
  std::map<std::string, std::string> files;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    if (e.is_regular_file()) files[fs::relative(e.path(), dir).string()] = read_file(e.path());
  }
  return files;
}

// The texts a screenshot drew (<slide>.txt), with wrapped lines joined again.
std::string slide_text(const std::string& path) {
  std::string text = read_file(path);
  std::replace(text.begin(), text.end(), '\n', ' ');
  return text;
}

// The value of `key=` in a command's key=value output.
std::string value_of(const std::string& output, const std::string& key) {
  std::smatch m;
  if (std::regex_search(output, m, std::regex("(^|\n)" + key + "=([^\n]*)"))) return m[2];
  return "";
}

// A picture `w` x `h` written by SDL_image, as a camera or a chart program would leave it: a
// gradient, or with `noise` random pixels that compress badly, like a photo at a camera's highest
// quality.
void write_picture(const fs::path& path, int w, int h, bool jpeg, bool noise = false, int quality = 90) {
  SDL_Surface* s = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
  REQUIRE(s != nullptr);
  for (int y = 0; y < h; ++y) {
    auto* row = reinterpret_cast<Uint32*>(static_cast<Uint8*>(s->pixels) + y * s->pitch);
    for (int x = 0; x < w; ++x) {
      row[x] = noise ? 0xff000000u | (static_cast<Uint32>(std::rand()) & 0xffffffu)
                     : 0xff000000u | (static_cast<Uint32>(x * 255 / w) << 16) | static_cast<Uint32>(y * 255 / h);
    }
  }
  REQUIRE((jpeg ? IMG_SaveJPG(s, path.c_str(), quality) : IMG_SavePNG(s, path.c_str())) == 0);
  SDL_FreeSurface(s);
}

// The staff's workspace: a source folder from init, an unprotected key, and a first build.
struct Workspace {
  TempDir dir;
  std::string src = dir.file("src");
  std::string out = dir.file("www");
  std::string key = dir.file("keys/kiosk-feed.key");
  std::string pub = dir.file("keys/kiosk-feed.pub");

  Workspace() {
    auto init = feed_tool("init " + src);
    INFO(init.output);
    REQUIRE(init.exit_code == 0);
    auto keygen = feed_tool("keygen --unprotected --dir " + dir.file("keys"));
    INFO(keygen.output);
    REQUIRE(keygen.exit_code == 0);
  }
  kiosk::testing::CommandRun build(const std::string& extra = "") {
    return feed_tool("build " + src + " " + out + " --key " + key + " " + extra);
  }
  // A kiosk beside the workspace (kiosk.toml, its cache in kiosk/content.db) to which kiosk-sync
  // imports the published folder.
  void sync_to_kiosk() {
    const std::string pub_line = kiosk::testing::run_command("tail -1 " + pub).output;
    write_file(dir.file("kiosk.toml"), "area = \"vollsmose\"\n[cache]\ndatabase = \"" + dir.file("kiosk/content.db") +
                                           "\"\n[sync]\npublic_keys = [\"" + pub_line.substr(0, pub_line.find('\n')) + "\"]\n");
    fs::create_directories(dir.file("kiosk"));  // the state folder systemd makes
    auto sync = run_command(std::string(KIOSK_SYNC_BINARY) + " --config " + dir.file("kiosk.toml") + " --import " + out);
    INFO(sync.output);
    REQUIRE(sync.exit_code == 0);
  }
  void set_heading(const std::string& file, const std::string& heading, const std::string& value) {
    const fs::path path = fs::path(src) / "results" / file;
    const std::string text = read_file(path);
    write_file(path, std::regex_replace(text, std::regex("(^|\n)" + heading + ": [^\n]*"), "$1" + heading + ": " + value,
                                        std::regex_constants::format_first_only));
  }
};

constexpr const char* kNewest = "omdannelsesomraader-2018-2024.txt";  // one of the two newest results

}  // namespace

TEST_CASE("an edited title goes from the source folder through build and sync to the screen", "[publish][cli]") {
  Workspace ws;
  ws.set_heading(kNewest, "title", "Færre omdannelsesområder: ny overskrift");
  ws.set_heading(kNewest, "date", "2025-01-15");  // the newest result: the one the cycle shows first
  auto built = ws.build();
  INFO(built.output);
  REQUIRE(built.exit_code == 0);
  CHECK(value_of(built.output, "version") == "1");
  CHECK(value_of(built.output, "results") == "4");
  CHECK(fs::exists(fs::path(ws.out) / "feed.json.minisig"));

  auto verified = feed_tool("verify " + ws.out + " --pubkey " + ws.pub);
  INFO(verified.output);
  REQUIRE(verified.exit_code == 0);
  CHECK(value_of(verified.output, "result") == "ok");
  CHECK(value_of(verified.output, "version") == "1");

  // The stock minisign tool agrees with the signature and the .pub file.
  auto stock = run_command("/usr/bin/minisign -V -p " + ws.pub + " -m " + ws.out + "/feed.json");
  INFO(stock.output);
  CHECK(stock.exit_code == 0);

  // A kiosk: kiosk-sync imports the published folder, the kiosk renders from its cache.
  ws.sync_to_kiosk();
  auto shot = run_command(std::string(KIOSK_BINARY) + " --config " + ws.dir.file("kiosk.toml") + " --screenshot " +
                          ws.dir.file("shots") + " --size 1280x720");
  INFO(shot.output);
  REQUIRE(shot.exit_code == 0);
  CHECK(slide_text(ws.dir.file("shots/04-results.txt")).find("Færre omdannelsesområder: ny overskrift") != std::string::npos);
}

TEST_CASE("each bad input gives a clear error and leaves the published folder untouched", "[publish][cli]") {
  Workspace ws;
  REQUIRE(ws.build().exit_code == 0);
  const auto before = snapshot(ws.out);
  const auto refused = [&](const std::string& extra, const std::string& expected) {
    auto run = ws.build(extra);
    INFO(run.output);
    CHECK(run.exit_code == 1);
    CHECK(run.output.find(expected) != std::string::npos);
    CHECK(run.output.find("Nothing was written; " + ws.out + " is as it was.") != std::string::npos);
    CHECK(snapshot(ws.out) == before);
    for (const auto& e : fs::directory_iterator(ws.dir.path())) CHECK(e.path().filename().string().find(".building-") == std::string::npos);
  };
  const std::string original = read_file(fs::path(ws.src) / "results" / kNewest);
  const auto restore = [&] { write_file(fs::path(ws.src) / "results" / kNewest, original); };

  ws.set_heading(kNewest, "date", "2024-13-01");
  refused("", "results/" + std::string(kNewest) + ":2: date: \"2024-13-01\" is not a real date: there is no month 13");
  restore();

  ws.set_heading(kNewest, "date", "2024-12-01\npicture: mangler.jpg");
  refused("", "results/" + std::string(kNewest) + ":3: picture: \"mangler.jpg\" not found");
  restore();

  ws.set_heading(kNewest, "date", "2024-12-01\nareas: vollsmose, volsmose");
  refused("", "areas: unknown area \"volsmose\"; did you mean \"vollsmose\"?");
  restore();

  // A limit only the feed's validation knows, told in terms of the file staff wrote.
  ws.set_heading(kNewest, "title", std::string(130, 'x'));
  refused("", "results/" + std::string(kNewest) + ":1: title: is longer than 120 characters (130)");
  restore();
  const fs::path content_toml = fs::path(ws.src) / "content.toml";
  const std::string toml_text = read_file(content_toml);
  const auto name_at = toml_text.find("name = \"Vollsmose\"");
  REQUIRE(name_at != std::string::npos);
  const auto name_line = std::count(toml_text.begin(), toml_text.begin() + static_cast<long>(name_at), '\n') + 1;
  write_file(content_toml, toml_text.substr(0, name_at) + "name = \"" + std::string(90, 'V') + "\"" +
                               toml_text.substr(name_at + std::string("name = \"Vollsmose\"").size()));
  refused("", "content.toml:" + std::to_string(name_line) + ": name: is longer than 80 characters (90)");
  write_file(content_toml, toml_text);

  fs::copy_file(fs::path(ws.src) / "results" / kNewest, fs::path(ws.src) / "results" / "kopi.txt");
  refused("", "results/omdannelsesomraader-2018-2024.txt:1: the same title and date as results/kopi.txt");
  fs::remove(fs::path(ws.src) / "results" / "kopi.txt");

  refused("--key " + ws.pub, ws.pub + " is a public key (.pub); --key takes the secret key file");

  // A key past the date its comment gives.
  const std::string key_text = read_file(ws.key);
  write_file(ws.dir.file("old.key"), std::regex_replace(key_text, std::regex("valid until [0-9-]+"), "valid until 2020-01-01"));
  refused("--key " + ws.dir.file("old.key"), "the key " + ws.dir.file("old.key") + " expired on 2020-01-01");

  // A password-protected key and the wrong password.
  write_file(ws.dir.file("pw.txt"), "rigtigt kodeord\n");
  write_file(ws.dir.file("wrong.txt"), "forkert kodeord\n");
  auto locked = feed_tool("keygen --kdf fast --name locked --dir " + ws.dir.file("keys") + " --password-file " + ws.dir.file("pw.txt"));
  INFO(locked.output);
  REQUIRE(locked.exit_code == 0);
  CHECK(value_of(locked.output, "protected") == "yes");
  CHECK((fs::status(ws.dir.file("keys/locked.key")).permissions() & fs::perms::group_all) == fs::perms::none);
  refused("--key " + ws.dir.file("keys/locked.key") + " --password-file " + ws.dir.file("wrong.txt"), "wrong password");
  refused("--version 1", "version 1 is not newer than the published version 1; kiosks would refuse it");

  // The right password builds the next version.
  auto next = ws.build("--key " + ws.dir.file("keys/locked.key") + " --password-file " + ws.dir.file("pw.txt"));
  INFO(next.output);
  CHECK(next.exit_code == 0);
  CHECK(value_of(next.output, "version") == "2");
}

TEST_CASE("build will not replace a folder that is not a published feed", "[publish][cli]") {
  Workspace ws;
  fs::create_directories(ws.dir.file("documents"));
  write_file(ws.dir.file("documents/budget.txt"), "important");
  auto run = feed_tool("build " + ws.src + " " + ws.dir.file("documents") + " --key " + ws.key);
  INFO(run.output);
  CHECK(run.exit_code == 1);
  CHECK(run.output.find("holds other files and no feed.json") != std::string::npos);
  CHECK(read_file(ws.dir.file("documents/budget.txt")) == "important");

  const auto before = snapshot(ws.src);
  for (const std::string& out : {ws.src, ws.src + "/www", ws.dir.path().string()}) {
    auto nested = feed_tool("build " + ws.src + " " + out + " --key " + ws.key);
    INFO(nested.output);
    CHECK(nested.exit_code == 1);
    CHECK(nested.output.find("must be apart, neither inside the other") != std::string::npos);
  }
  CHECK(snapshot(ws.src) == before);
}

TEST_CASE("pictures are scaled to the largest screen and kept as they are when small enough", "[publish][cli]") {
  Workspace ws;
  write_picture(fs::path(ws.src) / "results" / "foto.jpg", 5000, 3000, true);
  write_picture(fs::path(ws.src) / "results" / "diagram.png", 800, 600, false);
  write_picture(fs::path(ws.src) / "results" / "kamera.jpg", 640, 480, true, true, 100);
  write_picture(fs::path(ws.src) / "results" / "lille.jpg", 640, 480, true, false, 85);
  ws.set_heading(kNewest, "date", "2024-12-01\npicture: foto.jpg");
  ws.set_heading("udsatte-omraader-2018-2024.txt", "date", "2024-12-01\npicture: diagram.png");
  ws.set_heading("gellerupparken-fysisk-baseline.txt", "date", "2020\npicture: kamera.jpg");
  ws.set_heading("mjoelnerparken-fysisk-baseline.txt", "date", "2022\npicture: lille.jpg");
  auto built = ws.build();
  INFO(built.output);
  REQUIRE(built.exit_code == 0);
  CHECK(value_of(built.output, "pictures") == "4");
  CHECK(value_of(built.output, "pictures_scaled") == "2");  // the large photo, and the one at quality 100
  const auto published = [&](const std::string& name) {
    const std::string bytes = read_file(fs::path(ws.src) / "results" / name);
    for (const auto& e : fs::directory_iterator(fs::path(ws.out) / "objects")) {
      if (read_file(e.path()) == bytes) return true;
    }
    return false;
  };
  CHECK(published("lille.jpg"));    // small enough already: byte for byte
  CHECK(published("diagram.png"));
  CHECK_FALSE(published("kamera.jpg"));
  std::vector<std::pair<int, int>> sizes;
  for (const auto& e : fs::directory_iterator(fs::path(ws.out) / "objects")) {
    SDL_Surface* s = IMG_Load(e.path().c_str());
    REQUIRE(s != nullptr);
    sizes.emplace_back(s->w, s->h);
    SDL_FreeSurface(s);
  }
  std::sort(sizes.begin(), sizes.end());
  CHECK(sizes == std::vector<std::pair<int, int>>{{640, 480}, {640, 480}, {800, 600}, {3600, 2160}});
}

TEST_CASE("verify checks a feed served over HTTP and refuses a changed one", "[publish][cli]") {
  Workspace ws;
  write_picture(fs::path(ws.src) / "results" / "diagram.png", 400, 300, false);
  ws.set_heading(kNewest, "date", "2024-12-01\npicture: diagram.png");
  REQUIRE(ws.build().exit_code == 0);
  kiosk::testing::HttpTestServer server;
  const fs::path www = ws.out;
  server.set_fallback([www](const kiosk::testing::HttpRequest& req) {
    const fs::path file = www / req.path.substr(std::string("/kiosk/").size());
    if (req.path.rfind("/kiosk/", 0) != 0 || !fs::is_regular_file(file)) return kiosk::testing::HttpResponse::status_only(404);
    return kiosk::testing::HttpResponse::ok(read_file(file));
  });
  auto ok = feed_tool("verify " + server.url("/kiosk/feed.json") + " --pubkey " + ws.pub);
  INFO(ok.output);
  CHECK(ok.exit_code == 0);
  CHECK(value_of(ok.output, "pictures") == "1");

  // A picture that is not what the manifest signed.
  const auto object = fs::directory_iterator(fs::path(ws.out) / "objects")->path();
  write_file(object, read_file(object) + "x");
  auto bad_object = feed_tool("verify " + server.url("/kiosk/feed.json") + " --pubkey " + ws.pub);
  INFO(bad_object.output);
  CHECK(bad_object.exit_code == 1);
  CHECK(value_of(bad_object.output, "result") == "refused");

  // A manifest changed after signing.
  const std::string manifest = read_file(fs::path(ws.out) / "feed.json");
  write_file(fs::path(ws.out) / "feed.json", std::regex_replace(manifest, std::regex("Landsbyggefonden"), "Landsbyggefonden!",
                                                                std::regex_constants::format_first_only));
  auto tampered = feed_tool("verify " + ws.out + " --pubkey " + ws.pub);
  INFO(tampered.output);
  CHECK(tampered.exit_code == 1);
  CHECK(value_of(tampered.output, "reason") == "signature: the signature does not match the content");

  // Another key.
  auto other = feed_tool("keygen --unprotected --name other --dir " + ws.dir.file("keys"));
  REQUIRE(other.exit_code == 0);
  auto wrong_key = feed_tool("verify " + ws.out + " --pubkey " + ws.dir.file("keys/other.pub"));
  CHECK(wrong_key.exit_code == 1);
  CHECK(value_of(wrong_key.output, "reason").find("which is not among the trusted keys") != std::string::npos);
}

TEST_CASE("a picture that leaves the feed stays published and verify takes the folder as it is", "[publish][cli]") {
  Workspace ws;
  write_picture(fs::path(ws.src) / "results" / "gammel.png", 400, 300, false);
  write_picture(fs::path(ws.src) / "results" / "ny.jpg", 400, 300, true);
  ws.set_heading(kNewest, "date", "2024-12-01\npicture: gammel.png");
  REQUIRE(ws.build().exit_code == 0);
  const std::string old_object = fs::directory_iterator(fs::path(ws.out) / "objects")->path().filename();
  ws.set_heading(kNewest, "picture", "ny.jpg");
  auto second = ws.build();
  INFO(second.output);
  REQUIRE(second.exit_code == 0);
  CHECK(value_of(second.output, "pictures") == "1");
  CHECK(value_of(second.output, "old_pictures_kept") == "1");
  CHECK(fs::exists(fs::path(ws.out) / "objects" / old_object));
  CHECK(read_file(fs::path(ws.out) / "feed.json").find(old_object) == std::string::npos);
  CHECK(read_file(fs::path(ws.out) / ".kiosk-feed-retired").rfind("#", 0) == 0);
  auto verified = feed_tool("verify " + ws.out + " --pubkey " + ws.pub);
  INFO(verified.output);
  CHECK(verified.exit_code == 0);
  CHECK(value_of(verified.output, "pictures") == "1");

  auto dropped = ws.build("--keep-old-objects 0");
  INFO(dropped.output);
  CHECK(dropped.exit_code == 0);
  CHECK(value_of(dropped.output, "old_pictures_removed") == "1");
  CHECK_FALSE(fs::exists(fs::path(ws.out) / "objects" / old_object));
  CHECK(ws.build("--keep-old-objects 366").exit_code == 2);
}

TEST_CASE("diff says what changed between two published feeds", "[publish][cli]") {
  Workspace ws;
  REQUIRE(ws.build().exit_code == 0);
  fs::copy(ws.out, ws.dir.file("old"), fs::copy_options::recursive);
  ws.set_heading(kNewest, "title", "Ny overskrift");
  REQUIRE(ws.build().exit_code == 0);
  auto diff = feed_tool("diff " + ws.dir.file("old") + " " + ws.out);
  INFO(diff.output);
  CHECK(diff.exit_code == 0);
  CHECK(diff.output.find("version 1 -> 2") != std::string::npos);
  CHECK(diff.output.find("\"Ny overskrift\"") != std::string::npos);
}

TEST_CASE("diff names a file that is not a feed, such as a web server's error page", "[publish][cli]") {
  Workspace ws;
  REQUIRE(ws.build().exit_code == 0);
  // What curl without -f saves on a first publish: the server's 404 page.
  write_file(ws.dir.file("server-feed.json"), "<html>\r\n<head><title>404 Not Found</title></head>\r\n</html>\r\n");
  auto html = feed_tool("diff " + ws.dir.file("server-feed.json") + " " + ws.out);
  INFO(html.output);
  CHECK(html.exit_code == 1);
  CHECK(html.output.find(ws.dir.file("server-feed.json") + ": not a feed (HTML page?): it begins with \"<html>\"") != std::string::npos);
  CHECK(html.output.find("curl -fsS") != std::string::npos);
  CHECK(html.output.find("parse error") == std::string::npos);
  // Other text that is not JSON, either side.
  write_file(ws.dir.file("notes.txt"), "Forbidden\n");
  auto text = feed_tool("diff " + ws.out + " " + ws.dir.file("notes.txt"));
  INFO(text.output);
  CHECK(text.exit_code == 1);
  CHECK(text.output.find(ws.dir.file("notes.txt") + ": not a feed (HTML page?): it begins with \"Forbidden\"") != std::string::npos);
  // An empty download.
  write_file(ws.dir.file("empty.json"), "");
  auto empty = feed_tool("diff " + ws.dir.file("empty.json") + " " + ws.out);
  INFO(empty.output);
  CHECK(empty.exit_code == 1);
  CHECK(empty.output.find(ws.dir.file("empty.json") + ": not a feed: the file is empty") != std::string::npos);
}

TEST_CASE("preview draws every slide of a source folder with the kiosk's renderer", "[publish][cli]") {
  Workspace ws;
  ws.set_heading(kNewest, "title", "Forhåndsvist overskrift");
  auto preview = feed_tool("preview " + ws.src + " " + ws.dir.file("png") + " --size 800x480 --area vollsmose");
  INFO(preview.output);
  REQUIRE(preview.exit_code == 0);
  CHECK(fs::exists(ws.dir.file("png/01-status.png")));
  CHECK(fs::exists(ws.dir.file("png/03-timeline.png")));
  CHECK(fs::exists(ws.dir.file("png/04-results-1.png")));
  CHECK(slide_text(ws.dir.file("png/04-results-1.txt")).find("Forhåndsvist overskrift") != std::string::npos);
  CHECK(slide_text(ws.dir.file("png/01-status.txt")).find("Vollsmose") != std::string::npos);
  // Then what residents see by touch: the browser, and every result in detail.
  CHECK(fs::exists(ws.dir.file("png/05-browser.png")));
  CHECK(fs::exists(ws.dir.file("png/06-browser-all.png")));
  std::set<std::string> details;  // each result's detail has a number of its own, as NN-detail-<id>[-<page>]
  bool edited_in_detail = false;
  for (const auto& e : fs::directory_iterator(ws.dir.file("png"))) {
    const std::string name = e.path().filename().string();
    if (name.find("-detail-") != 2 || e.path().extension() != ".txt") continue;
    details.insert(name.substr(0, 2));
    edited_in_detail |= slide_text(e.path().string()).find("Forhåndsvist overskrift") != std::string::npos;
  }
  CHECK(edited_in_detail);
  std::size_t results = 0;
  for (const auto& e : fs::directory_iterator(fs::path(ws.src) / "results")) {
    results += e.path().extension() == ".txt" && !e.path().stem().has_extension();  // not a translation, <id>.<language>.txt
  }
  CHECK(details.size() == results);
  SDL_Surface* s = IMG_Load(ws.dir.file("png/01-status.png").c_str());
  REQUIRE(s != nullptr);
  CHECK(s->w == 800);
  CHECK(s->h == 480);
  SDL_FreeSurface(s);
  // A published folder previews the same way; nothing is written to it.
  REQUIRE(ws.build().exit_code == 0);
  const auto before = snapshot(ws.out);
  CHECK(feed_tool("preview " + ws.out + " " + ws.dir.file("png2")).exit_code == 0);
  CHECK(snapshot(ws.out) == before);
}

TEST_CASE("keygen will not overwrite a key and the command line is checked", "[publish][cli]") {
  TempDir dir;
  REQUIRE(feed_tool("keygen --unprotected --dir " + dir.path().string()).exit_code == 0);
  auto again = feed_tool("keygen --unprotected --dir " + dir.path().string());
  CHECK(again.exit_code == 1);
  CHECK(again.output.find("already exists") != std::string::npos);
  auto no_terminal = feed_tool("keygen --dir " + dir.file("x") + " </dev/null");
  CHECK(no_terminal.exit_code == 1);
  CHECK(feed_tool("build a").exit_code == 2);
  CHECK(feed_tool("frobnicate").exit_code == 2);
  CHECK(feed_tool("build a b").output.find("give --key") != std::string::npos);
  CHECK(feed_tool("--help").exit_code == 0);
}

TEST_CASE("every command prints its own help with --help or -h", "[publish][cli]") {
  for (const std::string& command : std::vector<std::string>{"init", "keygen", "build", "verify", "trust", "preview", "diff"}) {
    for (const std::string& asked : {command + " --help", command + " -h", "help " + command, command + " --bogus a b --help"}) {
      auto help = feed_tool(asked);
      INFO(asked << "\n" << help.output);
      CHECK(help.exit_code == 0);
      CHECK(help.output.rfind("Usage: kiosk-feed " + command + " ", 0) == 0);
      CHECK(help.output.find("unknown option") == std::string::npos);
    }
  }
  auto keygen = feed_tool("keygen --help");
  CHECK(keygen.output.find("--password-file FILE") != std::string::npos);
  CHECK(keygen.output.find("$KIOSK_FEED_PASSWORD") != std::string::npos);
  CHECK(keygen.output.find("at least 8 characters") != std::string::npos);
  CHECK(keygen.output.find("key=value") != std::string::npos);
  // A mistake points to the command's own help.
  auto unknown = feed_tool("keygen --passwordfile x");
  CHECK(unknown.exit_code == 2);
  CHECK(unknown.output.find("unknown option --passwordfile\nRun kiosk-feed keygen --help for its arguments.") != std::string::npos);
}

TEST_CASE("a new key's password has at least 8 characters and a key with a shorter one still signs", "[publish][cli]") {
  Workspace ws;
  const std::string keys = ws.dir.file("keys");
  const auto keygen = [&](const std::string& name, const std::string& password, bool from_file) {
    write_file(ws.dir.file("pw.txt"), password + "\n");
    const std::string command = "keygen --kdf fast --name " + name + " --dir " + keys;
    return from_file ? feed_tool(command + " --password-file " + ws.dir.file("pw.txt"))
                     : run_command("KIOSK_FEED_PASSWORD='" + password + "' " + KIOSK_FEED_BINARY + " " + command + " </dev/null");
  };
  for (const bool from_file : {true, false}) {
    INFO((from_file ? "--password-file" : "KIOSK_FEED_PASSWORD"));
    auto short_one = keygen("short", "abc", from_file);
    INFO(short_one.output);
    CHECK(short_one.exit_code == 1);
    CHECK(short_one.output.find("the password is 3 characters; a new key's password must be at least 8") != std::string::npos);
    CHECK(short_one.output.find("Nothing was written.") != std::string::npos);
    CHECK_FALSE(fs::exists(keys + "/short.key"));
    CHECK_FALSE(fs::exists(keys + "/short.pub"));
    // Characters, not bytes: "æøå1234" is 7 characters in 10 bytes.
    auto seven = keygen("seven", "æøå1234", from_file);
    INFO(seven.output);
    CHECK(seven.exit_code == 1);
    CHECK(seven.output.find("the password is 7 characters") != std::string::npos);
    const std::string eight_name = from_file ? "eight-file" : "eight-env";
    auto eight = keygen(eight_name, "æøå12345", from_file);
    INFO(eight.output);
    CHECK(eight.exit_code == 0);
    CHECK(value_of(eight.output, "protected") == "yes");
  }

  // A key made before the rule, with a 3-character password, still opens for signing.
  namespace ms = kiosk::feed::minisign;
  const ms::KeyPair pair = ms::generate_key_pair();
  auto old_key = ms::format_minisign_secret_key(pair.secret_key, "abc", ms::kKdfLimitsFast);
  REQUIRE(old_key.ok());
  write_file(ws.dir.file("old.key"), *old_key);
  write_file(ws.dir.file("old-pw.txt"), "abc\n");
  auto built = ws.build("--key " + ws.dir.file("old.key") + " --password-file " + ws.dir.file("old-pw.txt"));
  INFO(built.output);
  CHECK(built.exit_code == 0);
  CHECK(value_of(built.output, "version") == "1");
  auto from_env = run_command("KIOSK_FEED_PASSWORD=abc " + std::string(KIOSK_FEED_BINARY) + " build " + ws.src + " " + ws.out +
                              " --key " + ws.dir.file("old.key") + " </dev/null");
  INFO(from_env.output);
  CHECK(from_env.exit_code == 0);
  CHECK(value_of(from_env.output, "version") == "2");
}

TEST_CASE("trust signs keys.json with the root key, and build keeps it", "[publish][cli][trust]") {
  Workspace ws;
  REQUIRE(ws.build().exit_code == 0);
  REQUIRE(feed_tool("keygen --unprotected --name root --dir " + ws.dir.file("keys")).exit_code == 0);
  const std::string root = " --root-key " + ws.dir.file("keys/root.key");
  auto trusted = feed_tool("trust " + ws.out + root + " --feed-key " + ws.pub + " --note 'første nøgle'");
  INFO(trusted.output);
  REQUIRE(trusted.exit_code == 0);
  CHECK(value_of(trusted.output, "serial") == "1");
  CHECK(value_of(trusted.output, "epoch") == "1");
  const fs::path keys_json = fs::path(ws.out) / "keys.json";
  CHECK(read_file(keys_json).find("\"note\": \"første nøgle\"") != std::string::npos);
  // The stock minisign agrees with the root key's signature.
  auto stock = run_command("/usr/bin/minisign -V -p " + ws.dir.file("keys/root.pub") + " -m " + keys_json.string());
  INFO(stock.output);
  CHECK(stock.exit_code == 0);

  // A build swaps in a whole new folder: the pair comes along unchanged.
  const std::string document = read_file(keys_json);
  const std::string signature = read_file(fs::path(ws.out) / "keys.json.minisig");
  auto rebuilt = ws.build();
  INFO(rebuilt.output);
  REQUIRE(rebuilt.exit_code == 0);
  CHECK(value_of(rebuilt.output, "version") == "2");
  CHECK(read_file(keys_json) == document);
  CHECK(read_file(fs::path(ws.out) / "keys.json.minisig") == signature);

  auto verified = feed_tool("verify " + ws.out + " --root-key-pub " + ws.dir.file("keys/root.pub"));
  INFO(verified.output);
  CHECK(verified.exit_code == 0);
  CHECK(value_of(verified.output, "keys_serial") == "1");
  CHECK(value_of(verified.output, "keys_root_checked") == "yes");
  CHECK(value_of(verified.output, "feed_key_listed") == "yes");

  // The next document follows this one's serial and keeps its epoch.
  auto second = feed_tool("trust " + ws.out + root + " --feed-key " + ws.pub);
  INFO(second.output);
  CHECK(second.exit_code == 0);
  CHECK(value_of(second.output, "serial") == "2");
  CHECK(value_of(second.output, "epoch") == "1");
  CHECK(read_file(keys_json).find("note") == std::string::npos);

  // A second root key the kiosks trust signs the next one when it names the root key of this one.
  REQUIRE(feed_tool("keygen --unprotected --name spare-root --dir " + ws.dir.file("keys")).exit_code == 0);
  const std::string spare = " --root-key " + ws.dir.file("keys/spare-root.key");
  auto unnamed = feed_tool("trust " + ws.out + spare + " --feed-key " + ws.pub);
  INFO(unnamed.output);
  CHECK(unnamed.exit_code == 1);
  CHECK(unnamed.output.find("does not verify with the root key") != std::string::npos);
  auto named = feed_tool("trust " + ws.out + spare + " --root-key-pub " + ws.dir.file("keys/root.pub") + " --feed-key " + ws.pub);
  INFO(named.output);
  CHECK(named.exit_code == 0);
  CHECK(value_of(named.output, "serial") == "3");
}

TEST_CASE("after a leaked feed key, trust and build start a new key and version line", "[publish][cli][trust]") {
  Workspace ws;
  REQUIRE(ws.build("--version 1000").exit_code == 0);
  for (const std::string name : {"root", "new", "stranger"}) {
    REQUIRE(feed_tool("keygen --unprotected --name " + name + " --dir " + ws.dir.file("keys")).exit_code == 0);
  }
  const std::string root = " --root-key " + ws.dir.file("keys/root.key");
  const std::string new_pub = ws.dir.file("keys/new.pub");
  REQUIRE(feed_tool("trust " + ws.out + root + " --feed-key " + ws.pub).exit_code == 0);

  const auto before = snapshot(ws.out);
  const auto refused = [&](const std::string& args, const std::string& expected) {
    auto run = feed_tool("trust " + ws.out + " " + args);
    INFO(run.output);
    CHECK(run.exit_code == 1);
    CHECK(run.output.find(expected) != std::string::npos);
    CHECK(snapshot(ws.out) == before);
  };
  // A new line with the leaked key, or beside it, could be started by a feed it signed.
  refused(root + " --feed-key " + ws.pub + " --new-epoch",
          "--new-epoch starts a new version line, but feed key " + value_of(feed_tool("verify " + ws.out + " --pubkey " + ws.pub).output, "key_id") +
              " is trusted now too");
  refused(root + " --feed-key " + new_pub + " --feed-key " + ws.pub + " --new-epoch", "is trusted now too");
  // Dropping the key of the published feed without a new line leaves kiosks refusing it.
  refused(root + " --feed-key " + new_pub, "the published feed.json does not verify with the listed feed keys");
  // Only the root key that signed the current document signs the next.
  refused("--root-key " + ws.dir.file("keys/stranger.key") + " --feed-key " + new_pub + " --new-epoch",
          "does not verify with the root key");
  refused("--root-key " + ws.dir.file("keys/new.key") + " --feed-key " + new_pub, "the root key must not also be a feed key");
  refused(root + " --feed-key " + new_pub + " --new-epoch --note 'two\nlines'", "note: must be one line without control characters");

  auto recovered = feed_tool("trust " + ws.out + root + " --feed-key " + new_pub + " --new-epoch --note 'the May key leaked'");
  INFO(recovered.output);
  REQUIRE(recovered.exit_code == 0);
  CHECK(value_of(recovered.output, "serial") == "2");
  CHECK(value_of(recovered.output, "epoch") == "2");
  CHECK(value_of(recovered.output, "new_epoch") == "yes");

  // The published feed is by a key the kiosks no longer trust: verify says so, and the versions
  // start afresh with the new key.
  auto stale = feed_tool("verify " + ws.out + " --pubkey " + ws.pub + " --root-key-pub " + ws.dir.file("keys/root.pub"));
  INFO(stale.output);
  CHECK(stale.exit_code == 1);
  CHECK(value_of(stale.output, "reason").find("which keys.json (serial 2) does not list") != std::string::npos);
  auto fresh = ws.build("--key " + ws.dir.file("keys/new.key") + " --version 1");
  INFO(fresh.output);
  REQUIRE(fresh.exit_code == 0);
  CHECK(value_of(fresh.output, "version") == "1");
  auto verified = feed_tool("verify " + ws.out + " --root-key-pub " + ws.dir.file("keys/root.pub"));
  INFO(verified.output);
  CHECK(verified.exit_code == 0);
  CHECK(value_of(verified.output, "version") == "1");
  CHECK(value_of(verified.output, "keys_epoch") == "2");
  // Within the new line, versions only grow again.
  auto again = ws.build("--key " + ws.dir.file("keys/new.key") + " --version 1");
  CHECK(again.exit_code == 1);
  CHECK(again.output.find("version 1 is not newer than the published version 1") != std::string::npos);
}

TEST_CASE("trust checks its command line and the folder it writes to", "[publish][cli][trust]") {
  Workspace ws;
  REQUIRE(feed_tool("keygen --unprotected --name root --dir " + ws.dir.file("keys")).exit_code == 0);
  const std::string root = " --root-key " + ws.dir.file("keys/root.key");
  CHECK(feed_tool("trust " + ws.out + " --feed-key " + ws.pub).exit_code == 2);
  CHECK(feed_tool("trust " + ws.out + root).exit_code == 2);
  std::string five;
  for (int i = 0; i < 5; ++i) five += " --feed-key " + ws.pub;
  CHECK(feed_tool("trust " + ws.out + root + five).exit_code == 2);
  // Not beside a published feed: the next build would refuse the folder.
  auto empty = feed_tool("trust " + ws.out + root + " --feed-key " + ws.pub);
  INFO(empty.output);
  CHECK(empty.exit_code == 1);
  CHECK(empty.output.find("no feed.json in " + ws.out) != std::string::npos);
  CHECK_FALSE(fs::exists(ws.out));

  REQUIRE(ws.build().exit_code == 0);
  // A new version line must not start with the feed published now.
  auto own_feed = feed_tool("trust " + ws.out + root + " --feed-key " + ws.pub + " --new-epoch");
  INFO(own_feed.output);
  CHECK(own_feed.exit_code == 1);
  CHECK(own_feed.output.find("the published feed.json is signed by feed key") != std::string::npos);
  // A document without its signature is not taken as the one to follow.
  REQUIRE(feed_tool("trust " + ws.out + root + " --feed-key " + ws.pub).exit_code == 0);
  fs::remove(fs::path(ws.out) / "keys.json.minisig");
  auto unsigned_document = feed_tool("trust " + ws.out + root + " --feed-key " + ws.pub);
  INFO(unsigned_document.output);
  CHECK(unsigned_document.exit_code == 1);
  CHECK(unsigned_document.output.find("holds keys.json without keys.json.minisig") != std::string::npos);

  // A mistake in the command line is found before anyone is asked for the root key's password.
  write_file(ws.dir.file("pw.txt"), "rodens kodeord\n");
  REQUIRE(feed_tool("keygen --kdf fast --name locked-root --dir " + ws.dir.file("keys") + " --password-file " +
                    ws.dir.file("pw.txt")).exit_code == 0);
  auto bad_note = feed_tool("trust " + ws.out + " --root-key " + ws.dir.file("keys/locked-root.key") + " --feed-key " +
                            ws.pub + " --note '" + std::string(401, 'x') + "' </dev/null");
  INFO(bad_note.output);
  CHECK(bad_note.exit_code == 1);
  CHECK(bad_note.output.find("note: is longer than 400 characters (401)") != std::string::npos);
}

TEST_CASE("build and preview print the warnings with file and line and still build", "[publish][cli]") {
  Workspace ws;
  ws.set_heading(kNewest, "date", "2099-01-01");  // ahead of the tool's clock for as long as a feed can be dated
  write_picture(fs::path(ws.src) / "results" / "glemt.jpg", 40, 30, true);
  const std::string future = "results/" + std::string(kNewest) + ":2: date: \"2099-01-01\" is after today, ";
  const std::string unused = "results/glemt.jpg: no result shows this picture; name it on a result's 'picture:' line, or remove it";

  auto built = ws.build();
  INFO(built.output);
  REQUIRE(built.exit_code == 0);
  CHECK(built.output.find("kiosk-feed build: warning: " + future) != std::string::npos);
  CHECK(built.output.find("kiosk-feed build: warning: " + unused + "\n") != std::string::npos);
  CHECK(value_of(built.output, "warnings") == "2");
  CHECK(value_of(built.output, "version") == "1");

  auto preview = feed_tool("preview " + ws.src + " " + ws.dir.file("png") + " --size 800x480");
  INFO(preview.output);
  REQUIRE(preview.exit_code == 0);
  CHECK(preview.output.find("kiosk-feed preview: warning: " + future) != std::string::npos);
  CHECK(preview.output.find("kiosk-feed preview: warning: " + unused + "\n") != std::string::npos);
}

TEST_CASE("build and preview say how many texts each language has translated, and a translation reaches the feed", "[publish][cli]") {
  Workspace ws;  // the default content, with its translations
  const auto default_coverage = kiosk::model::coverage(kiosk::testing::default_feed().content);
  const auto translated_before = [&](std::string_view language) {
    const auto it = std::find_if(default_coverage.begin(), default_coverage.end(), [&](const auto& c) { return c.language == language; });
    REQUIRE(it != default_coverage.end());
    return it->translated;
  };
  // Somali: a language the default content translates no result into, so the file adds two texts.
  const std::string id = fs::path(kNewest).stem().string();
  REQUIRE_FALSE(fs::exists(fs::path(ws.src) / "results" / (id + ".so.txt")));
  write_file(fs::path(ws.src) / "results" / (id + ".so.txt"), "title: Cinwaanka natiijada\n\nSoo koobidda natiijada.\n");
  auto built = ws.build();
  INFO(built.output);
  REQUIRE(built.exit_code == 0);
  const std::string texts = value_of(built.output, "texts");
  CHECK(texts == std::to_string(default_coverage.front().texts));
  const std::string so = std::to_string(translated_before("so") + 2);
  CHECK(value_of(built.output, "translated_so") == so);
  CHECK(value_of(built.output, "translated_en") == std::to_string(translated_before("en")));
  const std::string feed = read_file(ws.out + "/feed.json");
  CHECK(feed.find("Cinwaanka natiijada") != std::string::npos);
  // and through kiosk-sync into a kiosk's cache
  ws.sync_to_kiosk();
  auto cache = kiosk::cache::Cache::open_read_only(ws.dir.file("kiosk/content.db"));
  REQUIRE(cache.ok());
  auto snap = cache->read_current();
  REQUIRE(snap.ok());
  REQUIRE(snap->has_value());
  const auto& results = (*snap)->content.results;
  const auto synced = std::find_if(results.begin(), results.end(), [&](const auto& r) { return r.id == id; });
  REQUIRE(synced != results.end());
  CHECK(synced->translations.at("so") == std::map<std::string, std::string>{{"title", "Cinwaanka natiijada"}, {"summary", "Soo koobidda natiijada."}});

  auto verbose = ws.build("--verbose");
  INFO(verbose.output);
  REQUIRE(verbose.exit_code == 0);
  CHECK(verbose.output.find("\nmissing_so=result " + id + ": body\n") != std::string::npos);

  auto preview = feed_tool("preview " + ws.src + " " + ws.dir.file("png") + " --size 800x480");
  INFO(preview.output);
  REQUIRE(preview.exit_code == 0);
  CHECK(preview.output.find("translations: so: " + so + " of " + texts + " texts\n") != std::string::npos);
  CHECK(preview.output.find("translations: en: " + std::to_string(translated_before("en")) + " of " + texts + " texts\n") !=
        std::string::npos);

  // A translation of a result that is not there is refused, naming the file; nothing is published.
  write_file(fs::path(ws.src) / "results" / "ingen-saadan.ar.txt", "title: x\n");
  const auto before = snapshot(ws.out);
  auto refused = ws.build();
  CHECK(refused.exit_code == 1);
  CHECK(refused.output.find("results/ingen-saadan.ar.txt: translates results/ingen-saadan.txt, which does not exist") != std::string::npos);
  CHECK(snapshot(ws.out) == before);
}
