// sync_bench: what a nightly sync costs, against a local server, in requests, bytes and time:
// the first sync of a 1,000-result feed with 200 pictures, a sync with no change, and a sync where
// one picture changed. Prints one line per figure; not a test.
#include <chrono>
#include <cstdio>
#include <random>

#include "content_gen.h"
#include "fetch/curl_client.h"
#include "http_test_server.h"
#include "platform/log.h"
#include "publisher.h"
#include "syncer/syncer.h"
#include "test_support.h"

using namespace kiosk;

namespace {

struct Measured {
  syncer::Report report;
  double ms;
};

Measured run(const syncer::Settings& settings, const std::string& url, const Clock& clock) {
  fetch::CurlClient client;
  syncer::HttpSource source(url, client, [](std::chrono::milliseconds) {});
  const auto start = std::chrono::steady_clock::now();
  auto report = syncer::sync_once(settings, source, clock);
  return {report, std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count()};
}

void print(const char* what, const Measured& m) {
  std::printf("%-34s %-11s %7.0f ms, %4zu requests, %9llu bytes, %3zu objects fetched\n", what,
              syncer::to_string(m.report.outcome), m.ms, m.report.requests,
              static_cast<unsigned long long>(m.report.bytes), m.report.objects_fetched);
}

}  // namespace

int main() {
  fetch::CurlLibrary curl;
  log::set_sink([](log::Level, std::string_view) {});
  testing::TempDir dir;
  testing::HttpTestServer server;
  testing::Publisher publisher;
  publisher.serve(server);

  // 1,000 results; 200 of them with a picture of 40 KiB of random bytes.
  testing::TempDir scratch;
  model::Feed feed = testing::large_feed(1000, 0, scratch.file("objects"));
  feed.version = 1;
  std::mt19937 rng(7);
  for (std::size_t i = 0; i < 200; ++i) {
    std::string bytes(40 * 1024, '\0');
    for (auto& b : bytes) b = static_cast<char>(rng());
    const auto ref = publisher.add_object(bytes);
    feed.assets.push_back(ref);
    feed.content.results[i * 5].image = ref.sha256;
  }
  publisher.publish(feed);
  const syncer::Settings settings{dir.file("content.db"), dir.file("objects"), {publisher.keys().public_key}, {}};
  FakeClock clock{WallTime{std::chrono::seconds(1'800'000'000)}};
  const std::string url = publisher.feed_url(server);

  std::printf("sync_bench: local HTTP server, feed of %zu results, %zu objects (%zu bytes of manifest)\n",
              feed.content.results.size(), feed.assets.size(), publisher.manifest().size());
  print("first sync (everything new)", run(settings, url, clock));
  print("no change (conditional GET)", run(settings, url, clock));

  std::string changed(40 * 1024, 'x');
  const auto ref = publisher.add_object(changed);
  feed.version = 2;
  feed.issued += 1;
  feed.assets[0] = ref;
  feed.content.results[0].image = ref.sha256;
  publisher.publish(feed);
  print("one picture changed", run(settings, url, clock));
  return 0;
}
