// kiosk-sync against a real HTTP server on 127.0.0.1 that misbehaves on purpose. Every case checks
// the outcome (and so the exit code), the log line, and that the cache holds exactly the old or
// exactly the new version.
#include <catch2/catch.hpp>
#include <filesystem>

#include "feed/feed_json.h"
#include "sync_fixture.h"

using namespace kiosk;
using namespace std::chrono_literals;
using syncer::Outcome;
using testing::Fault;
using testing::HttpRequest;
using testing::HttpResponse;

using testing::Fixture;
using testing::LogCapture;

TEST_CASE("a first sync applies the feed and its pictures", "[sync]") {
  Fixture f;
  const auto v1 = f.published(1);
  LogCapture log;
  const auto r = f.run();
  INFO(log.all());
  CHECK(r.outcome == Outcome::kUpdated);
  CHECK(syncer::exit_code(r.outcome) == 0);
  CHECK(log.contains("updated: applied version 1"));
  CHECK(r.objects_fetched == 2);
  f.check_holds(v1);
  for (const auto& a : v1.assets) CHECK(testing::read_file(f.settings.objects_dir + "/" + a.sha256) == f.publisher.objects()[a.sha256]);
  const auto st = f.state();
  CHECK(st.last_success == 1'800'000'000);
  CHECK(st.last_error.empty());
  CHECK_FALSE(st.etag.empty());
}

TEST_CASE("a sync with no change is one request answered 304", "[sync]") {
  Fixture f;
  const auto v1 = f.published(1);
  REQUIRE(f.run().outcome == Outcome::kUpdated);
  f.server.clear_log();
  LogCapture log;
  const auto r = f.run();
  CHECK(r.outcome == Outcome::kUpToDate);
  CHECK(syncer::exit_code(r.outcome) == 10);
  CHECK(r.requests == 1);
  CHECK(r.bytes == 0);
  CHECK(f.server.request_count() == 1);
  CHECK_FALSE(f.server.requests()[0].header("if-none-match").empty());
  CHECK(log.contains("up to date: feed.json not modified"));
  f.check_holds(v1);
}

TEST_CASE("a new version fetches only the pictures the kiosk lacks and drops the unused ones", "[sync]") {
  Fixture f;
  auto v1 = f.feed(1, 2);
  f.publisher.publish(v1);
  REQUIRE(f.run().outcome == Outcome::kUpdated);
  auto v2 = v1;
  v2.version = 2;
  v2.issued += 1;
  const auto changed = f.publisher.add_object("a changed picture");
  v2.assets[1] = changed;
  v2.content.results[1].image = changed.sha256;
  f.publisher.publish(v2);
  const auto r = f.run();
  CHECK(r.outcome == Outcome::kUpdated);
  CHECK(r.objects_fetched == 1);
  f.check_holds(v2);
  // Version 1 is still kept as the previous version, so its picture stays; a third version drops it.
  CHECK(std::filesystem::exists(f.settings.objects_dir + "/" + v1.assets[1].sha256));
  auto v3 = v2;
  v3.version = 3;
  v3.issued += 1;
  f.publisher.publish(v3);
  const auto r3 = f.run();
  CHECK(r3.outcome == Outcome::kUpdated);
  CHECK(r3.objects_fetched == 0);
  CHECK(r3.objects_removed == 1);
  CHECK_FALSE(std::filesystem::exists(f.settings.objects_dir + "/" + v1.assets[1].sha256));
}

TEST_CASE("network failures keep the old content and are retried with backoff", "[sync]") {
  Fixture f;
  const auto v1 = f.published(1);
  REQUIRE(f.run().outcome == Outcome::kUpdated);
  auto v2 = f.feed(2);
  f.publisher.publish(v2);
  f.slept.clear();

  SECTION("server down") {
    f.server.remove_route("/feed/feed.json");
    fetch::CurlClient client(Fixture::fast());
    syncer::HttpSource source("http://127.0.0.1:" + std::to_string(testing::unused_local_port()) + "/feed/feed.json", client,
                              [&](std::chrono::milliseconds d) { f.slept.push_back(d); }, f.policy, 1);
    LogCapture log;
    const auto r = syncer::sync_once(f.settings, source, f.clock);
    CHECK(r.outcome == Outcome::kNetworkFailure);
    CHECK(syncer::exit_code(r.outcome) == 20);
    CHECK(log.contains("network failure: feed.json:"));
    CHECK(log.contains("cannot connect"));
    CHECK(f.slept.size() == 3);  // four attempts
  }
  SECTION("a hang") {
    HttpResponse hang;
    hang.fault = Fault::kHang;
    f.server.route("/feed/feed.json", hang);
    f.policy.max_attempts = 1;
    LogCapture log;
    const auto r = f.run();
    CHECK(r.outcome == Outcome::kNetworkFailure);
    CHECK(log.contains("timed out"));
  }
  SECTION("1 byte per second") {
    HttpResponse slow = HttpResponse::ok(f.publisher.manifest());
    slow.fault = Fault::kSlow;
    slow.slow_interval = 1000ms;
    f.server.route("/feed/feed.json", slow);
    f.policy.max_attempts = 1;
    LogCapture log;
    const auto r = f.run();
    CHECK(r.outcome == Outcome::kNetworkFailure);
    CHECK(log.contains("timed out"));
  }
  SECTION("a truncated body") {
    HttpResponse cut = HttpResponse::ok(f.publisher.manifest());
    cut.fault = Fault::kTruncate;
    cut.truncate_at = 100;
    f.server.route("/feed/feed.json", cut);
    LogCapture log;
    const auto r = f.run();
    CHECK(r.outcome == Outcome::kNetworkFailure);
    CHECK(log.contains("transfer broken"));
    CHECK(f.slept.size() == 3);
  }
  SECTION("a connection reset") {
    HttpResponse reset = HttpResponse::ok(f.publisher.manifest());
    reset.fault = Fault::kReset;
    f.server.route("/feed/feed.json", reset);
    LogCapture log;
    const auto r = f.run();
    CHECK(r.outcome == Outcome::kNetworkFailure);
    CHECK(log.contains("network failure: feed.json:"));
  }
  SECTION("503 every time") {
    f.server.route("/feed/feed.json", HttpResponse::status_only(503));
    LogCapture log;
    const auto r = f.run();
    CHECK(r.outcome == Outcome::kNetworkFailure);
    CHECK(log.contains("HTTP 503 (after 4 attempts)"));
    REQUIRE(f.slept.size() == 3);
    // Full jitter stays under the exponential bounds 2 s, 4 s, 8 s.
    CHECK(f.slept[0] <= 2000ms);
    CHECK(f.slept[1] <= 4000ms);
    CHECK(f.slept[2] <= 8000ms);
  }
  SECTION("a 404 for an object is not retried") {
    f.publisher.objects().erase(v2.assets[0].sha256);
    LogCapture log;
    const auto r = f.run();
    CHECK(r.outcome == Outcome::kNetworkFailure);
    CHECK(log.contains("HTTP 404"));
    CHECK(f.slept.empty());
  }
  SECTION("a redirect to another scheme") {
    HttpResponse redirect = HttpResponse::status_only(302);
    redirect.headers.push_back({"Location", "ftp://127.0.0.1/feed.json"});
    f.server.route("/feed/feed.json", redirect);
    LogCapture log;
    const auto r = f.run();
    CHECK(r.outcome == Outcome::kNetworkFailure);
    CHECK(log.contains("refused redirect"));
  }
  f.check_holds(v1);
}

TEST_CASE("a 500 and a 429 with Retry-After are retried and then succeed", "[sync]") {
  Fixture f;
  const auto v1 = f.published(1);
  int calls = 0;
  const std::string manifest = f.publisher.manifest();
  SECTION("500 once") {
    f.server.route("/feed/feed.json", [&](const HttpRequest&) {
      return ++calls == 1 ? HttpResponse::status_only(500) : HttpResponse::ok(manifest);
    });
    const auto r = f.run();
    CHECK(r.outcome == Outcome::kUpdated);
    CHECK(f.slept.size() == 1);
  }
  SECTION("429 with Retry-After, capped") {
    f.server.route("/feed/feed.json", [&](const HttpRequest&) {
      HttpResponse busy = HttpResponse::status_only(429);
      busy.headers.push_back({"Retry-After", calls++ == 0 ? "7" : "100000"});
      return calls > 2 ? HttpResponse::ok(manifest) : busy;
    });
    const auto r = f.run();
    CHECK(r.outcome == Outcome::kUpdated);
    REQUIRE(f.slept.size() == 2);
    CHECK(f.slept[0] >= 7000ms);
    CHECK(f.slept[1] == 300000ms);  // Retry-After honoured up to the 300 s cap
  }
  f.check_holds(v1);
}

TEST_CASE("refused feeds keep the old content", "[sync]") {
  Fixture f;
  const auto v1 = f.published(1);
  REQUIRE(f.run().outcome == Outcome::kUpdated);
  auto v2 = f.feed(2);
  std::string expect;
  bool stale = false;
  const model::Feed* held = &v1;  // what the cache held before the refused run

  SECTION("malformed JSON inside a validly signed manifest") {
    f.publisher.publish_text("{\"format\": 1, \"version\": 2,");
    expect = "rejected: schema: feed is not valid JSON";
  }
  SECTION("an oversized manifest") {
    f.publisher.publish_text(std::string(feed::kMaxManifestBytes + 10, ' '));
    expect = "larger than the limit";
  }
  SECTION("a wrong signature") {
    f.publisher.publish(v2);
    f.publisher.publish_text(f.publisher.manifest() + " ");  // re-signed...
    const std::string good_sig = f.publisher.signature();
    f.publisher.publish(v2);                                  // ...then the manifest changes under it
    f.publisher.signature() = good_sig;
    expect = "rejected: signature: the signature does not match the content";
  }
  SECTION("an unknown key") {
    const auto stranger = feed::minisign::generate_key_pair();
    f.publisher.publish(v2);
    f.publisher.publish_text(f.publisher.manifest(), stranger.secret_key);
    expect = "which is not among the trusted keys";
  }
  SECTION("a missing signature") {
    f.publisher.publish(v2);
    f.server.route("/feed/feed.json.minisig", HttpResponse::status_only(404));
    expect = "rejected: signature: feed.json.minisig is missing";
  }
  SECTION("an older signed version") {
    // The cache holds version 2; then version 1, validly signed, is published again.
    f.publisher.publish(v2);
    REQUIRE(f.run().outcome == Outcome::kUpdated);
    f.publisher.publish(v1);
    expect = "rejected: rollback: the published version 1 is older than the cached version 2";
    stale = true;
    held = &v2;
  }
  SECTION("an expired manifest") {
    v2.expires = 1'800'000'000 - 1;
    f.publisher.publish(v2);
    expect = "rejected: expired: version 2 expired at";
    stale = true;
  }
  SECTION("a picture whose bytes do not match its hash") {
    f.publisher.publish(v2);
    f.publisher.objects()[v2.assets[0].sha256] = "other bytes of the same length!!";
    f.publisher.objects()[v2.assets[0].sha256].resize(v2.assets[0].size, '!');
    expect = "rejected: hash: object " + v2.assets[0].sha256 + ": its bytes hash to";
  }
  SECTION("an endless picture") {
    f.publisher.publish(v2);
    HttpResponse endless = HttpResponse::ok("");
    endless.fault = Fault::kEndless;
    f.server.route("/feed/objects/" + v2.assets[0].sha256, endless);
    expect = "rejected: object:";
  }
  LogCapture log;
  const auto r = f.run();
  INFO(log.all());
  CHECK(r.outcome == Outcome::kRejected);
  CHECK(syncer::exit_code(r.outcome) == 30);
  CHECK(log.contains(expect));
  CHECK(f.state().marked_stale == stale);
  CHECK_FALSE(f.state().last_error.empty());
  CHECK(f.cached_version() == held->version);
  f.check_holds(*held);
}

TEST_CASE("the same version again is up to date", "[sync]") {
  Fixture f;
  const auto v1 = f.published(1);
  REQUIRE(f.run().outcome == Outcome::kUpdated);
  f.publisher.publish_text(f.publisher.manifest() + "\n");  // new bytes, new ETag, same version
  LogCapture log;
  const auto r = f.run();
  CHECK(r.outcome == Outcome::kUpToDate);
  CHECK(log.contains("up to date: version 1 is the cached version"));
  f.check_holds(v1);
}

TEST_CASE("a full disk rolls back and the next run succeeds", "[sync]") {
  Fixture f;
  const auto v1 = f.published(1);
  REQUIRE(f.run().outcome == Outcome::kUpdated);
  auto v2 = f.feed(2);
  for (int i = 0; i < 60; ++i) {
    auto r = v2.content.results[3];
    r.id = "stor-" + std::to_string(i);
    r.body = std::string(7000, 'x');
    v2.content.results.push_back(r);
  }
  f.publisher.publish(v2);
  auto cache = cache::Cache::open(f.settings.database);
  REQUIRE(cache.ok());
  f.settings.open_options.max_page_count = 60;
  {
    LogCapture log;
    const auto r = f.run();
    INFO(log.all());
    CHECK(r.outcome == Outcome::kLocalFailure);
    CHECK(syncer::exit_code(r.outcome) == 40);
    CHECK(log.contains("full"));
  }
  f.check_holds(v1);
  f.settings.open_options.max_page_count.reset();
  CHECK(f.run().outcome == Outcome::kUpdated);
  f.check_holds(v2);
}

TEST_CASE("the sync waits for a clock that is not earlier than the build, for a while", "[sync]") {
  const std::int64_t build = 1'790'000'000;
  SECTION("a clock set by NTP after a minute") {
    FakeClock clock{WallTime{std::chrono::seconds(0)}};  // a board without a real-time clock boots in 1970
    int sleeps = 0;
    const bool sane = syncer::wait_for_sane_clock(clock, build, std::chrono::minutes(10), [&](std::chrono::milliseconds d) {
      clock.advance(d);
      if (++sleeps == 12) clock.set_wall(WallTime{std::chrono::seconds(build + 5)});
    });
    CHECK(sane);
    CHECK(sleeps == 12);
  }
  SECTION("a clock that never gets set") {
    FakeClock clock{WallTime{std::chrono::seconds(0)}};
    int sleeps = 0;
    const bool sane = syncer::wait_for_sane_clock(clock, build, std::chrono::minutes(10), [&](std::chrono::milliseconds d) {
      clock.advance(d);
      ++sleeps;
    });
    CHECK_FALSE(sane);
    CHECK(sleeps == 120);  // every 5 s for 10 minutes
  }
  SECTION("a sane clock does not wait") {
    FakeClock clock{WallTime{std::chrono::seconds(build)}};
    CHECK(syncer::wait_for_sane_clock(clock, build, std::chrono::minutes(10), [](std::chrono::milliseconds) { FAIL("slept"); }));
  }
}
