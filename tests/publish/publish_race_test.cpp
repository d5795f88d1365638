// Publishing while kiosks fetch: `kiosk-feed build` into the folder a web server serves, again and
// again, while kiosks sync from it. No sync may fail because of a publish (an object gone, a
// manifest and signature from two different publishes), and every kiosk ends on a complete version.
#include <catch2/catch.hpp>

#include <SDL.h>
#include <SDL_image.h>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <filesystem>
#include <thread>

#include "content_gen.h"
#include "feed/hash.h"
#include "fetch/curl_client.h"
#include "http_test_server.h"
#include "publish/build.h"
#include "source/source_folder.h"
#include "syncer/syncer.h"
#include "test_support.h"

using namespace kiosk;
using testing::HttpRequest;
using testing::HttpResponse;

namespace {

namespace fs = std::filesystem;

const fetch::CurlLibrary curl_library;

// A small picture whose colour makes it differ from every other round's.
void save_picture(const fs::path& path, int round) {
  SDL_Surface* s = SDL_CreateRGBSurfaceWithFormat(0, 64, 48, 32, SDL_PIXELFORMAT_ARGB8888);
  REQUIRE(s != nullptr);
  SDL_FillRect(s, nullptr, 0xff000000u | static_cast<Uint32>(round * 2654435761u & 0xffffffu));
  REQUIRE(IMG_SavePNG(s, path.c_str()) == 0);
  SDL_FreeSurface(s);
}

// Serves the published folder as an ordinary static web server does: each request opens the path
// as it is at that moment.
HttpResponse serve_file(const fs::path& root, const HttpRequest& req) {
  const fs::path file = root / req.path.substr(1);
  std::error_code ec;
  if (req.path.find("..") != std::string::npos || !fs::is_regular_file(file, ec)) return HttpResponse::status_only(404);
  return HttpResponse::ok(testing::read_file(file));
}

}  // namespace

TEST_CASE("100 syncs while 40 publishes happen: none fails and every kiosk ends on a complete version", "[sync][publish][race]") {
  testing::TempDir dir;
  const fs::path src = dir.path() / "src", www = dir.path() / "www";
  const auto content = testing::default_feed();
  REQUIRE(source::write_source(src.string(), content.content, content.source));
  const auto keys = feed::minisign::generate_key_pair();
  const auto publish_round = [&](int round) {
    for (int k = 0; k < 3; ++k) {
      save_picture(src / "results" / ("billede-" + std::to_string(k) + ".png"), round * 3 + k);
      testing::write_file(src / "results" / ("nyt-" + std::to_string(k) + ".txt"),
                          "title: Nyt resultat " + std::to_string(k) + "\ndate: 2024\npublisher: Test\npicture: billede-" +
                              std::to_string(k) + ".png\n\nUdgave " + std::to_string(round) + ".\n");
    }
    publish::BuildOptions o;
    o.source_dir = src.string();
    o.out_dir = (www / "feed").string();
    o.now = std::chrono::system_clock::now();
    auto built = publish::build_feed(o, keys.secret_key);
    REQUIRE(built.ok());
  };
  publish_round(0);

  testing::HttpTestServer server;
  server.set_fallback([&](const HttpRequest& req) { return serve_file(www, req); });
  constexpr int kKiosks = 4, kPublishes = 40, kSyncs = 100;
  std::vector<std::unique_ptr<testing::TempDir>> kiosks;
  for (int i = 0; i < kKiosks; ++i) kiosks.push_back(std::make_unique<testing::TempDir>());
  const auto sync = [&](int kiosk) {
    syncer::Settings settings;
    settings.database = kiosks[static_cast<std::size_t>(kiosk)]->file("content.db");
    settings.objects_dir = kiosks[static_cast<std::size_t>(kiosk)]->file("objects");
    settings.keys = {keys.public_key};
    // Generous timeouts: the race is the subject, not a loaded test machine stalling for two seconds.
    fetch::CurlClient client({std::chrono::seconds(15), 100, std::chrono::seconds(15), 3, "kiosk-sync/test"});
    syncer::HttpSource source(server.url("/feed/feed.json"), client, [](std::chrono::milliseconds) {}, {1, {}, {}, {}}, 7);
    SystemClock clock;
    return syncer::sync_once(settings, source, clock);
  };

  // Each publish starts as soon as the sync after the previous one has finished, so it overlaps
  // whichever sync is running then: a publish lands in the middle of a run again and again. (A
  // run fetches a mismatched feed.json and signature up to four times; publishes back to back with
  // no sync between, every few milliseconds, are no staff's pace and would only test the machine's
  // load.)
  std::atomic<int> published{0};
  std::mutex mutex;
  std::condition_variable synced;
  int syncs = 0;
  std::thread publisher([&] {
    for (int round = 1; round <= kPublishes; ++round) {
      publish_round(round);
      published = round;
      std::unique_lock<std::mutex> lock(mutex);
      const int seen = syncs;
      synced.wait(lock, [&] { return syncs > seen; });
    }
  });
  int failed = 0, updated = 0;
  std::string failures;
  while (syncs < kSyncs || published < kPublishes) {
    const auto r = sync(syncs % kKiosks);
    {
      std::lock_guard<std::mutex> lock(mutex);
      ++syncs;
    }
    synced.notify_all();
    if (r.outcome == syncer::Outcome::kUpdated) ++updated;
    if (r.outcome != syncer::Outcome::kUpdated && r.outcome != syncer::Outcome::kUpToDate) {
      ++failed;
      failures += std::string(syncer::to_string(r.outcome)) + ": " + r.message + "\n";
    }
  }
  publisher.join();
  INFO(failures);
  CHECK(failed == 0);
  // The figure for docs/testing.md.
  std::printf("publish race: %d syncs (%d applied a new version) while %d publishes happened: %d failed\n", syncs, updated,
              kPublishes, failed);

  // One more sync each after the last publish: all on the last version, with every picture whole.
  for (int k = 0; k < kKiosks; ++k) {
    const auto r = sync(k);
    CHECK((r.outcome == syncer::Outcome::kUpdated || r.outcome == syncer::Outcome::kUpToDate));
    auto cache = cache::Cache::open(kiosks[static_cast<std::size_t>(k)]->file("content.db"));
    REQUIRE(cache.ok());
    auto snap = cache->read_current();
    REQUIRE(snap.ok());
    REQUIRE(snap->has_value());
    CHECK((*snap)->info.version == static_cast<std::uint64_t>(kPublishes + 1));
    for (const auto& a : (*snap)->assets) {
      CHECK(feed::sha256_hex(testing::read_file(kiosks[static_cast<std::size_t>(k)]->path() / "objects" / a.sha256)) == a.sha256);
    }
  }
}
