// kiosk-feed build through publish/build.h: it refuses, from the source folder, whatever a kiosk
// would refuse or a staff machine should not take on (files too large to read, pictures cut short,
// damaged or too large to decode, pictures outside the source folder, a manifest over the kiosk's
// limit), and it keeps the pictures of earlier versions published for a while.
#include <catch2/catch.hpp>

#include <SDL.h>
#include <SDL_image.h>
#include <sys/resource.h>
#include <unistd.h>

#include <filesystem>

#include "content_gen.h"
#include "feed/feed_json.h"
#include "feed/hash.h"
#include "publish/build.h"
#include "source/source_folder.h"
#include "test_support.h"

namespace {

namespace fs = std::filesystem;
using kiosk::testing::read_file;
using kiosk::testing::write_file;
namespace publish = kiosk::publish;

const kiosk::WallTime kMonday = kiosk::WallTime{} + std::chrono::hours(24 * 20'000);
constexpr std::chrono::hours kDay{24};

// A source folder made from the default content, and where it is published.
struct Workspace {
  kiosk::testing::TempDir dir;
  fs::path src = dir.path() / "src";
  fs::path out = dir.path() / "www";
  kiosk::feed::minisign::KeyPair keys = kiosk::feed::minisign::generate_key_pair();

  Workspace() {
    const auto feed = kiosk::testing::default_feed();
    REQUIRE(kiosk::source::write_source(src.string(), feed.content, feed.source));
  }
  // results/<id>.txt with a picture line (when given) and a summary.
  fs::path add_result(const std::string& id, const std::string& picture, const std::string& body = "") {
    const fs::path file = src / "results" / (id + ".txt");
    write_file(file, "title: Resultat " + id + "\ndate: 2024\npublisher: Test\n" + (picture.empty() ? "" : "picture: " + picture + "\n") +
                         "\nResumé af " + id + ".\n" + (body.empty() ? "" : "\n" + body + "\n"));
    return file;
  }
  publish::BuildOptions options(kiosk::WallTime now = kMonday) const {
    publish::BuildOptions o;
    o.source_dir = src.string();
    o.out_dir = out.string();
    o.now = now;
    return o;
  }
  kiosk::Result<publish::Assembled> assemble() const { return publish::assemble_feed(options()); }
  kiosk::Result<publish::BuildReport> build(kiosk::WallTime now) const { return publish::build_feed(options(now), keys.secret_key); }
  // The error assemble_feed() gives; fails the test when it succeeds.
  std::string refusal() const {
    auto assembled = assemble();
    REQUIRE_FALSE(assembled);
    return assembled.error().message;
  }
};

// A `w` x `h` picture with a gradient in `colour`, saved by SDL_image as PNG or JPEG at `path`.
enum class Format { kPng, kJpeg };
std::string save_picture(const fs::path& path, int w, int h, Format format, Uint32 colour = 0x3366cc) {
  SDL_Surface* s = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
  REQUIRE(s != nullptr);
  for (int y = 0; y < h; ++y) {
    auto* row = reinterpret_cast<Uint32*>(static_cast<Uint8*>(s->pixels) + y * s->pitch);
    for (int x = 0; x < w; ++x) row[x] = 0xff000000u | (colour ^ static_cast<Uint32>((x * 7 + y * 13) & 0xff));
  }
  REQUIRE((format == Format::kPng ? IMG_SavePNG(s, path.c_str()) : IMG_SaveJPG(s, path.c_str(), 90)) == 0);
  SDL_FreeSurface(s);
  return read_file(path);
}

std::uint32_t crc32(std::string_view bytes) {
  std::uint32_t crc = 0xffffffffu;
  for (unsigned char b : bytes) {
    crc ^= b;
    for (int k = 0; k < 8; ++k) crc = (crc >> 1) ^ (0xedb88320u & (0u - (crc & 1u)));
  }
  return ~crc;
}

std::string be32(std::uint32_t v) {
  return {static_cast<char>(v >> 24), static_cast<char>(v >> 16), static_cast<char>(v >> 8), static_cast<char>(v)};
}

// A PNG chunk with its length and CRC.
std::string png_chunk(const std::string& type, const std::string& data) {
  return be32(static_cast<std::uint32_t>(data.size())) + type + data + be32(crc32(type + data));
}

// The largest memory this process has used so far, in KiB.
long max_rss_kib() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

// A file of `bytes` zero bytes that takes no room on the disk.
void sparse_file(const fs::path& path, off_t bytes) {
  write_file(path, "");
  REQUIRE(::truncate(path.c_str(), bytes) == 0);
}

}  // namespace

TEST_CASE("a result file too large to be one is refused by its size without being read", "[publish][limits]") {
  Workspace ws;
  sparse_file(ws.src / "results" / "stor.txt", 220ll << 20);
  const long before = max_rss_kib();
  const std::string error = ws.refusal();
  CHECK(error.find((ws.src / "results" / "stor.txt").string() +
                   ": is 220.0 MiB; a text file in the source folder may be at most 1 MiB. Is it the right file?") != std::string::npos);
  CHECK(max_rss_kib() - before < 50 * 1024);  // reading it whole took twice its size
}

TEST_CASE("a content.toml too large to be one is refused by its size without being read", "[publish][limits]") {
  Workspace ws;
  sparse_file(ws.src / "content.toml", (1 << 20) + 1);
  CHECK(ws.refusal().find((ws.src / "content.toml").string() + ": is 1.1 MiB; a text file in the source folder may be at most 1 MiB") !=
        std::string::npos);
}

TEST_CASE("a picture file larger than the tool reads is refused by its size", "[publish][limits]") {
  Workspace ws;
  sparse_file(ws.src / "results" / "plakat.jpg", 100ll << 20);
  const fs::path result = ws.add_result("plakat", "plakat.jpg");
  const long before = max_rss_kib();
  const std::string error = ws.refusal();
  CHECK(error.find("results/plakat.txt:4: picture: ") != std::string::npos);
  CHECK(error.find("plakat.jpg: is 100.0 MB, more than the 64.0 MB this tool reads for a picture; save it smaller first") !=
        std::string::npos);
  CHECK(max_rss_kib() - before < 50 * 1024);
}

TEST_CASE("a picture whose header declares more pixels than the tool decodes is refused before decoding", "[publish][limits]") {
  Workspace ws;
  // A PNG header that claims 10950 x 10950 (decoding it took 955 MB), followed by nothing.
  std::string ihdr = be32(10950) + be32(10950) + std::string("\x08\x06\x00\x00\x00", 5);
  write_file(ws.src / "results" / "scanning.png", std::string("\x89PNG\r\n\x1a\n", 8) + png_chunk("IHDR", ihdr));
  ws.add_result("scanning", "scanning.png");
  CHECK(ws.refusal().find("scanning.png: 10950 x 10950 pixels (119 megapixels) is more than the 40 megapixels this tool decodes; "
                          "scale it down first") != std::string::npos);
}

TEST_CASE("a PNG cut short is refused and names its result file and line", "[publish][limits]") {
  Workspace ws;
  const std::string png = save_picture(ws.src / "results" / "kort.png", 800, 600, Format::kPng);
  REQUIRE(png.size() > 5000);
  write_file(ws.src / "results" / "kort.png", png.substr(0, 5000));
  ws.add_result("kort", "kort.png");
  const std::string error = ws.refusal();
  CHECK(error.find("results/kort.txt:4: picture: ") != std::string::npos);
  CHECK(error.find("kort.png: the file ends before the picture does (cut short when it was copied?); copy or save it again") !=
        std::string::npos);
}

TEST_CASE("a JPEG cut short is refused although SDL_image decodes it", "[publish][limits]") {
  Workspace ws;
  const std::string jpeg = save_picture(ws.src / "results" / "foto.jpg", 640, 480, Format::kJpeg);
  const std::string cut = jpeg.substr(0, jpeg.size() / 2);
  // What the kiosk's decoder makes of it: a picture, its lower half grey.
  SDL_Surface* decoded = IMG_Load_RW(SDL_RWFromConstMem(cut.data(), static_cast<int>(cut.size())), 1);
  CHECK(decoded != nullptr);
  SDL_FreeSurface(decoded);
  write_file(ws.src / "results" / "foto.jpg", cut);
  ws.add_result("foto", "foto.jpg");
  CHECK(ws.refusal().find("foto.jpg: the file ends before the picture does") != std::string::npos);
}

TEST_CASE("a damaged PNG small enough to be kept as it is is still decoded and refused", "[publish][limits]") {
  Workspace ws;
  std::string png = save_picture(ws.src / "results" / "diagram.png", 400, 300, Format::kPng);
  const auto idat = png.find("IDAT");
  REQUIRE(idat != std::string::npos);
  for (std::size_t i = idat + 40; i < idat + 60; ++i) png[i] = static_cast<char>(png[i] ^ 0x5a);  // the length and IEND intact
  write_file(ws.src / "results" / "diagram.png", png);
  ws.add_result("diagram", "diagram.png");
  CHECK(ws.refusal().find("diagram.png: cannot be decoded (") != std::string::npos);
}

TEST_CASE("a picture a kiosk would not take, over the model's largest asset, is refused", "[publish][limits]") {
  Workspace ws;
  // A small PNG carrying 33 MiB besides its pixels, in a private chunk a decoder skips: kept byte for
  // byte, it would be larger than kMaxAssetBytes.
  const std::string png = save_picture(ws.src / "results" / "tung.png", 64, 48, Format::kPng);
  const std::size_t after_ihdr = 8 + 25;
  write_file(ws.src / "results" / "tung.png",
             png.substr(0, after_ihdr) + png_chunk("prVt", std::string(33u << 20, 'x')) + png.substr(after_ihdr));
  ws.add_result("tung", "tung.png");
  CHECK(ws.refusal().find("tung.png: would be published as 33.0 MB, more than the 32.0 MB a kiosk takes; save it again as JPEG, "
                          "or as PNG without extra data") != std::string::npos);
}

TEST_CASE("a picture outside the source folder is refused with its result file and line", "[publish][limits]") {
  Workspace ws;
  save_picture(ws.dir.path() / "udenfor.png", 40, 30, Format::kPng);
  save_picture(ws.src / "fælles.png", 40, 30, Format::kPng, 0x00ff00);

  ws.add_result("absolut", (ws.dir.path() / "udenfor.png").string());
  CHECK(ws.refusal().find("results/absolut.txt:4: picture: \"" + (ws.dir.path() / "udenfor.png").string() +
                          "\" is a path from the top of the disk; put the picture in results/ and give its name") != std::string::npos);
  fs::remove(ws.src / "results" / "absolut.txt");

  ws.add_result("op", "../fælles.png");  // in the source folder, but not in results/
  CHECK(ws.refusal().find("results/op.txt:4: picture: \"../fælles.png\" leads out of results/ with '..'; put the picture in "
                          "results/ and give its name") != std::string::npos);
  fs::remove(ws.src / "results" / "op.txt");

  fs::create_symlink(ws.dir.path() / "udenfor.png", ws.src / "results" / "genvej.png");
  ws.add_result("genvej", "genvej.png");
  CHECK(ws.refusal().find("results/genvej.txt:4: picture: \"genvej.png\" is a link to " + (ws.dir.path() / "udenfor.png").string() +
                          ", outside the source folder; copy the picture into results/") != std::string::npos);

  // A link that stays in the source folder is fine.
  fs::remove(ws.src / "results" / "genvej.png");
  fs::create_symlink(ws.src / "fælles.png", ws.src / "results" / "genvej.png");
  auto assembled = ws.assemble();
  INFO((assembled ? "" : assembled.error().message));
  CHECK(assembled);
}

TEST_CASE("a manifest larger than a kiosk reads is refused with its size, the limit and what to shorten", "[publish][limits]") {
  Workspace ws;
  for (int i = 0; i < 700; ++i) ws.add_result("rapport-" + std::to_string(1000 + i), "", std::string(6000, 'x'));
  const std::string error = ws.refusal();
  INFO(error);
  CHECK(error.rfind("feed.json would be 4.", 0) == 0);
  CHECK(error.find(" bytes), more than the 4.0 MB (4194304 bytes) a kiosk accepts; split results or shorten texts: there are 704 "
                   "results, the longest results/rapport-1000.txt, results/rapport-1001.txt, results/rapport-1002.txt") !=
        std::string::npos);
}

TEST_CASE("pictures that leave the feed stay published for the grace period, then go", "[publish][retired]") {
  Workspace ws;
  const std::string a = save_picture(ws.src / "results" / "a.png", 40, 30, Format::kPng, 0xff0000);
  const std::string b = save_picture(ws.src / "results" / "b.png", 40, 30, Format::kPng, 0x00ff00);
  const std::string c = save_picture(ws.src / "results" / "c.png", 40, 30, Format::kPng, 0x0000ff);
  const fs::path objects = ws.out / "objects";
  const auto published = [&](const std::string& bytes) { return fs::exists(objects / kiosk::feed::sha256_hex(bytes)); };
  const auto listed = [&](const std::string& bytes) {
    return read_file(ws.out / "feed.json").find(kiosk::feed::sha256_hex(bytes)) != std::string::npos;
  };

  ws.add_result("a", "a.png");
  ws.add_result("b", "b.png");
  REQUIRE(ws.build(kMonday));
  CHECK((published(a) && published(b)));

  // Version 2: B leaves, C comes. B stays for kiosks that read version 1, and the ledger says since when.
  fs::remove(ws.src / "results" / "b.txt");
  ws.add_result("c", "c.png");
  auto second = ws.build(kMonday);
  REQUIRE(second);
  CHECK((published(a) && published(b) && published(c)));
  CHECK_FALSE(listed(b));
  CHECK(second->old_objects_kept == 1);
  CHECK(read_file(ws.out / ".kiosk-feed-retired").find(kiosk::feed::sha256_hex(b) + " " +
                                                       kiosk::feed::format_timestamp(second->issued) + "\n") != std::string::npos);

  // A build within the grace period keeps it, and keeps the time it left.
  auto third = ws.build(kMonday + 6 * kDay);
  REQUIRE(third);
  CHECK(published(b));
  CHECK(read_file(ws.out / ".kiosk-feed-retired").find(kiosk::feed::format_timestamp(second->issued)) != std::string::npos);

  // Seven days after it left, it goes; what the feed lists never does.
  auto fourth = ws.build(kMonday + 7 * kDay);
  REQUIRE(fourth);
  CHECK_FALSE(published(b));
  CHECK(fourth->old_objects_dropped == 1);
  CHECK((published(a) && published(c) && listed(a) && listed(c)));
  CHECK_FALSE(fs::exists(ws.out / ".kiosk-feed-retired"));
}

TEST_CASE("keep_old_objects 0 publishes only the feed's own pictures", "[publish][retired]") {
  Workspace ws;
  const std::string a = save_picture(ws.src / "results" / "a.png", 40, 30, Format::kPng, 0xff0000);
  ws.add_result("a", "a.png");
  REQUIRE(ws.build(kMonday));
  fs::remove(ws.src / "results" / "a.txt");
  auto options = ws.options(kMonday + kDay);
  options.keep_old_objects = std::chrono::seconds(0);
  REQUIRE(publish::build_feed(options, ws.keys.secret_key));
  CHECK(fs::is_empty(ws.out / "objects"));
}

TEST_CASE("a build warns of a result dated after the day of its clock, and a refusal lists the warnings too", "[publish]") {
  Workspace ws;
  // 2025-02-01 12:00 UTC, that day in any European time zone; after every result of the default content.
  const kiosk::WallTime noon = kMonday + 120 * kDay + std::chrono::hours(12);
  write_file(ws.src / "results" / "i-dag.txt", "title: I dag\ndate: 2025-02-01\npublisher: Test\n\nResumé.\n");
  write_file(ws.src / "results" / "i-morgen.txt", "title: I morgen\ndate: 2025-02-02\npublisher: Test\n\nResumé.\n");
  const std::string ahead = "; the newest result is shown first, so this one stays first until then. Is the year right?";
  auto assembled = publish::assemble_feed(ws.options(noon));
  INFO((assembled ? std::string() : assembled.error().message));
  REQUIRE(assembled);
  CHECK(assembled->warnings == std::vector<std::string>{"results/i-morgen.txt:2: date: \"2025-02-02\" is after today, 2025-02-01" + ahead});
  // A day later the same result is no longer ahead.
  auto next_day = publish::assemble_feed(ws.options(noon + kDay));
  REQUIRE(next_day);
  CHECK(next_day->warnings.empty());

  // Refused by the feed's validation: the warning comes with the reason.
  write_file(ws.src / "results" / "i-dag.txt", "title: " + std::string(130, 'x') + "\ndate: 2025-02-01\npublisher: Test\n\nResumé.\n");
  auto refused = publish::assemble_feed(ws.options(noon));
  REQUIRE_FALSE(refused);
  CHECK(refused.error().message == "results/i-dag.txt:1: title: is longer than 120 characters (130)\n"
                                   "warning: results/i-morgen.txt:2: date: \"2025-02-02\" is after today, 2025-02-01" + ahead);
}

TEST_CASE("a notice's picture is published with the feed, and a notice that ended before the build is left out", "[publish][notices]") {
  Workspace w;
  fs::create_directories(w.src / "notices");
  save_picture(w.src / "notices" / "varme.png", 64, 48, Format::kPng);
  write_file(w.src / "notices" / "varme.txt", "title: Varmen er afbrudt i blok 3\nlevel: urgent\nuntil: 2024-10-20 15:00\npicture: varme.png\n");
  write_file(w.src / "notices" / "gammel.txt", "title: Gammel besked\nuntil: 2024-10-01 12:00\n");
  auto assembled = w.assemble();
  if (!assembled) FAIL(assembled.error().message);
  const auto& notices = assembled->feed.content.notices;
  REQUIRE(notices.size() == 1);
  CHECK(notices[0].id == "varme");
  REQUIRE(notices[0].image.size() == 64);
  CHECK(assembled->objects.count(notices[0].image) == 1);
  CHECK(std::any_of(assembled->feed.assets.begin(), assembled->feed.assets.end(),
                    [&](const auto& a) { return a.sha256 == notices[0].image && a.media_type == "image/png"; }));
  std::string warnings;
  for (const auto& w8 : assembled->warnings) warnings += w8 + "\n";
  CHECK_THAT(warnings, Catch::Contains("notices/gammel.txt") && Catch::Contains("ended"));
}
