// The syncer tests' kiosk: a cache folder, a publisher, a real HTTP server on 127.0.0.1, a fake clock,
// and the delays the syncer asked to sleep. Shared by the test files of tests/sync.
#pragma once

#include <catch2/catch.hpp>

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "cache/cache.h"
#include "content_gen.h"
#include "fetch/curl_client.h"
#include "http_test_server.h"
#include "platform/log.h"
#include "publisher.h"
#include "syncer/syncer.h"
#include "test_support.h"

namespace kiosk::testing {

using namespace std::chrono_literals;

inline const fetch::CurlLibrary curl_library;

// Captures the log lines of one run.
class LogCapture {
 public:
  LogCapture() {
    log::set_sink([this](log::Level, std::string_view line) { lines_.emplace_back(line); });
  }
  ~LogCapture() { log::set_sink({}); }
  bool contains(const std::string& needle) const {
    return std::any_of(lines_.begin(), lines_.end(), [&](const auto& l) { return l.find(needle) != std::string::npos; });
  }
  std::string all() const {
    std::string out;
    for (const auto& l : lines_) out += l + "\n";
    return out;
  }

 private:
  std::vector<std::string> lines_;
};

// One kiosk: a cache folder, a publisher, a server, and the delays the syncer asked to sleep.
class Fixture {
 public:
  Fixture() {
    publisher.serve(server);
    settings.database = dir.file("content.db");
    settings.objects_dir = dir.file("objects");
    settings.keys = {publisher.keys().public_key};
  }

  // feed(version), published.
  model::Feed published(std::uint64_t version) {
    model::Feed f = feed(version);
    publisher.publish(f);
    return f;
  }

  model::Feed feed(std::uint64_t version, int pictures = 2) {
    model::Feed f = default_feed();
    f.version = version;
    f.issued = 1'790'000'000 + static_cast<std::int64_t>(version);
    f.expires = 4'000'000'000;
    for (int i = 0; i < pictures; ++i) {
      const auto ref = publisher.add_object("picture " + std::to_string(i) + " of version " + std::to_string(version));
      f.assets.push_back(ref);
      f.content.results[static_cast<std::size_t>(i)].image = ref.sha256;
    }
    return f;
  }

  syncer::Report run(fetch::CurlOptions options = fast()) { return run_at(publisher.feed_url(server), clock, options); }

  // One run from `url`, on `with` as its clock. A wait the syncer asks for is recorded in `slept`,
  // and moves the fake clock on when `sleeping_moves_clock` (so time limits are met without waiting).
  syncer::Report run_at(const std::string& url, const Clock& with, fetch::CurlOptions options = fast()) {
    fetch::CurlClient client(options);
    syncer::HttpSource source(url, client, [this](std::chrono::milliseconds d) {
      slept.push_back(d);
      if (sleeping_moves_clock) clock.advance(d);
    }, policy, 42);
    return syncer::sync_once(settings, source, with);
  }

  static fetch::CurlOptions fast() { return {2s, 100, 1s, 3, "kiosk-sync/test"}; }

  std::uint64_t cached_version() {
    auto cache = cache::Cache::open(settings.database);
    REQUIRE(cache.ok());
    auto v = cache->current_version();
    REQUIRE(v.ok());
    return v->value_or(0);
  }
  // The cache holds exactly `feed`'s content (or, for nullopt, nothing).
  void check_holds(const std::optional<model::Feed>& feed) {
    auto cache = cache::Cache::open(settings.database);
    REQUIRE(cache.ok());
    CHECK(*cache->quick_check() == "ok");
    auto snap = cache->read_current();
    REQUIRE(snap.ok());
    if (!feed) {
      CHECK_FALSE(snap->has_value());
      return;
    }
    REQUIRE(snap->has_value());
    CHECK((*snap)->info.version == feed->version);
    CHECK((*snap)->content == feed->content);
  }
  cache::SyncState state() {
    auto cache = cache::Cache::open(settings.database);
    REQUIRE(cache.ok());
    return *cache->sync_state();
  }

  TempDir dir;
  HttpTestServer server;
  Publisher publisher;
  syncer::Settings settings;
  syncer::RetryPolicy policy{4, 2000ms, 60000ms, 300s};
  std::vector<std::chrono::milliseconds> slept;
  bool sleeping_moves_clock = false;
  FakeClock clock{WallTime{std::chrono::seconds(1'800'000'000)}};
};

}  // namespace kiosk::testing
