// A sync that heals itself: every case here once left a kiosk showing wrong or broken content, or no
// longer updating, until someone drove out and deleted its files (docs/sync.md, "When things go
// wrong"). Each runs the real syncer against a real HTTP server on 127.0.0.1 and real files.
#include <catch2/catch.hpp>
#include <filesystem>

#include "feed/feed_json.h"
#include "feed/trusted_keys.h"
#include "sync_fixture.h"

using namespace kiosk;
using namespace std::chrono_literals;
using syncer::Outcome;
using testing::Fixture;
using testing::HttpRequest;
using testing::HttpResponse;
using testing::LogCapture;

namespace {

namespace fs = std::filesystem;

std::string object_path(const Fixture& f, const std::string& sha) { return f.settings.objects_dir + "/" + sha; }

std::int64_t unix_of(const FakeClock& clock) {
  return std::chrono::duration_cast<std::chrono::seconds>(clock.wall().time_since_epoch()).count();
}

}  // namespace

TEST_CASE("pictures of the current version that went missing or bad are fetched again though the feed is unchanged", "[sync][heal]") {
  Fixture f;
  const auto v1 = f.published(1);
  REQUIRE(f.run().outcome == Outcome::kUpdated);
  const std::string gone = v1.assets[0].sha256, bad = v1.assets[1].sha256;
  fs::remove(object_path(f, gone));
  std::string bytes = testing::read_file(object_path(f, bad));
  bytes[0] ^= 0x20;  // same size, other bytes: what another run's clean-up or a bad card leaves
  testing::write_file(object_path(f, bad), bytes);

  // The next check, 15 minutes on: a missing picture is seen by its size at every run...
  f.clock.advance(15min);
  {
    LogCapture log;
    const auto r = f.run();
    INFO(log.all());
    CHECK(r.outcome == Outcome::kUpToDate);
    CHECK(r.objects_repaired == 1);
    CHECK(log.contains("1 of the 2 pictures of version 1 are missing or damaged on this kiosk (0 damaged)"));
    CHECK(testing::read_file(object_path(f, gone)) == f.publisher.objects()[gone]);
  }
  // ... changed bytes by the daily hash: 20 hours after the last one, not in the checks between.
  f.clock.advance(19h);
  CHECK(f.run().objects_repaired == 0);
  f.clock.advance(45min);
  LogCapture log;
  const auto r = f.run();
  INFO(log.all());
  CHECK(r.outcome == Outcome::kUpToDate);
  CHECK(r.objects_repaired == 1);
  CHECK(log.contains("1 of the 2 pictures of version 1 are missing or damaged on this kiosk (1 damaged)"));
  CHECK(testing::read_file(object_path(f, bad)) == f.publisher.objects()[bad]);
  CHECK(f.run().objects_repaired == 0);
}

TEST_CASE("with a full check every run the changed bytes are found at once", "[sync][heal]") {
  Fixture f;
  f.settings.full_check_every = std::chrono::seconds(0);
  const auto v1 = f.published(1);
  REQUIRE(f.run().outcome == Outcome::kUpdated);
  const std::string bad = v1.assets[1].sha256;
  std::string bytes = testing::read_file(object_path(f, bad));
  bytes[0] ^= 0x20;
  testing::write_file(object_path(f, bad), bytes);
  f.clock.advance(1min);
  CHECK(f.run().objects_repaired == 1);
  CHECK(testing::read_file(object_path(f, bad)) == f.publisher.objects()[bad]);
}

TEST_CASE("a feed issued far ahead of the kiosk's clock is refused and does not freeze the kiosk", "[sync][heal]") {
  Fixture f;
  f.published(1);
  REQUIRE(f.run().outcome == Outcome::kUpdated);
  auto future = f.feed(2);
  future.issued = 4'070'908'800;  // 2099-01-01
  future.expires = future.issued + 86400;
  f.publisher.publish(future);
  {
    LogCapture log;
    const auto r = f.run();
    INFO(log.all());
    CHECK(r.outcome == Outcome::kRejected);
    CHECK(log.contains("future: version 2 was issued at 2099-01-01T00:00:00Z, more than 24 h after this kiosk's clock"));
    CHECK(f.state().stale_reason.find("ahead of this kiosk's clock") != std::string::npos);
  }
  CHECK(f.cached_version() == 1);
  const auto v3 = f.published(3);  // an honest feed after it still applies
  CHECK(f.run().outcome == Outcome::kUpdated);
  f.check_holds(v3);
  CHECK(f.state().last_issued_seen == v3.issued);
}

TEST_CASE("a version beyond 2^63-1 is refused and later versions still apply", "[sync][heal]") {
  Fixture f;
  f.published(1);
  REQUIRE(f.run().outcome == Outcome::kUpdated);
  auto beyond = f.feed(18446744073709551615ull);
  beyond.issued = 1'790'000'100;
  f.publisher.publish(beyond);
  {
    LogCapture log;
    CHECK(f.run().outcome == Outcome::kRejected);
    CHECK(log.contains("version: is larger than 9223372036854775807"));
  }
  CHECK(f.cached_version() == 1);
  CHECK(f.run().outcome == Outcome::kRejected);
  const auto v2 = f.published(2);
  CHECK(f.run().outcome == Outcome::kUpdated);
  f.check_holds(v2);
}

TEST_CASE("a leaked feed key is replaced through a root-signed keys.json and a new version line", "[sync][heal][keys]") {
  Fixture f;
  const auto root = feed::minisign::generate_key_pair();
  const auto fresh = feed::minisign::generate_key_pair();
  f.settings.root_keys = {root.public_key};
  std::string keys_json, keys_sig;
  f.server.route("/feed/keys.json", [&](const HttpRequest&) { return keys_json.empty() ? HttpResponse::status_only(404) : HttpResponse::ok(keys_json); });
  f.server.route("/feed/keys.json.minisig", [&](const HttpRequest&) { return keys_sig.empty() ? HttpResponse::status_only(404) : HttpResponse::ok(keys_sig); });
  const auto publish_keys = [&](std::uint64_t serial, std::uint64_t epoch, const feed::minisign::KeyPair& feed_key,
                                const feed::minisign::KeyPair& signer) {
    feed::TrustedKeys doc{serial, epoch, 1'790'000'000, {feed_key.public_key}, ""};
    keys_json = feed::to_json(doc);
    keys_sig = feed::minisign::sign(keys_json, signer.secret_key, "keys");
  };

  // Before any keys.json the configured key is trusted; then the key leaks and the thief publishes
  // the highest version there is, which every kiosk applies.
  f.published(3);
  REQUIRE(f.run().outcome == Outcome::kUpdated);
  auto stolen = f.feed(9223372036854775807ull);
  stolen.issued = 1'790'000'100;
  stolen.content.results.front().title = "Falsk indhold";
  f.publisher.publish(stolen);
  REQUIRE(f.run().outcome == Outcome::kUpdated);
  REQUIRE(f.cached_version() == 9223372036854775807ull);

  // Staff sign a keys document with the offline root key: only the new feed key, a new epoch.
  publish_keys(1, 2, fresh, root);
  auto honest = f.feed(1);
  f.publisher.publish_text(feed::to_json(honest), fresh.secret_key);
  {
    LogCapture log;
    const auto r = f.run();
    INFO(log.all());
    CHECK(r.outcome == Outcome::kUpdated);
    CHECK(log.contains("keys.json serial 1 accepted"));
    CHECK(log.contains("applied version 1 (epoch 2)"));
  }
  f.check_holds(honest);

  // The old key is no longer trusted, whatever version it signs.
  f.publisher.publish(stolen);
  {
    LogCapture log;
    CHECK(f.run().outcome == Outcome::kRejected);
    CHECK(log.contains("signature:"));
  }
  f.check_holds(honest);

  // A keys document not signed by the root is refused, and an older serial is ignored.
  const auto thief = feed::minisign::generate_key_pair();
  publish_keys(5, 5, thief, thief);
  auto next = f.feed(2);
  f.publisher.publish_text(feed::to_json(next), fresh.secret_key);
  {
    LogCapture log;
    CHECK(f.run().outcome == Outcome::kUpdated);
    CHECK(log.contains("keys.json refused"));
  }
  f.check_holds(next);
}

TEST_CASE("the first keys.json a kiosk sees keeps its version line and lets no older feed in", "[sync][heal][keys]") {
  Fixture f;
  const auto root = feed::minisign::generate_key_pair();
  f.settings.root_keys = {root.public_key};
  const auto v5 = f.published(5);
  REQUIRE(f.run().outcome == Outcome::kUpdated);
  const feed::TrustedKeys doc{1, 1, 1'790'000'000, {f.publisher.keys().public_key}, ""};
  const std::string keys_json = feed::to_json(doc);
  f.server.route("/feed/keys.json", HttpResponse::ok(keys_json));
  f.server.route("/feed/keys.json.minisig", HttpResponse::ok(feed::minisign::sign(keys_json, root.secret_key, "keys")));
  f.published(4);  // an older feed, validly signed, replayed as the keys document arrives
  LogCapture log;
  CHECK(f.run().outcome == Outcome::kRejected);
  CHECK(log.contains("keys.json serial 1 accepted"));
  CHECK(log.contains("rollback"));
  f.check_holds(v5);
}

TEST_CASE("HTTP validators go only to the URL they came from", "[sync][heal]") {
  Fixture f;
  f.published(1);
  REQUIRE(f.run().outcome == Outcome::kUpdated);
  REQUIRE_FALSE(f.state().etag.empty());
  // The new server answers 304 to any conditional request, as some caches and CDNs do.
  const auto v2 = f.feed(2);
  const std::string manifest = feed::to_json(v2);
  const std::string minisig = feed::minisign::sign(manifest, f.publisher.keys().secret_key, "kiosk feed");
  std::vector<std::string> conditions;
  f.server.route("/new/feed.json", [&](const HttpRequest& req) {
    conditions.push_back(req.header("if-none-match") + req.header("if-modified-since"));
    if (!conditions.back().empty()) return HttpResponse::status_only(304);
    return HttpResponse::ok(manifest);
  });
  f.server.route("/new/feed.json.minisig", HttpResponse::ok(minisig));
  f.server.set_fallback([&](const HttpRequest& req) {
    const std::string sha = req.path.substr(req.path.rfind('/') + 1);
    return f.publisher.objects().count(sha) ? HttpResponse::ok(f.publisher.objects()[sha]) : HttpResponse::status_only(404);
  });
  const auto r = f.run_at(f.server.url("/new/feed.json"), f.clock);
  CHECK(r.outcome == Outcome::kUpdated);
  REQUIRE(conditions.size() == 1);
  CHECK(conditions[0].empty());
  f.check_holds(v2);
  CHECK(f.state().validators_url == f.server.url("/new/feed.json"));
}

TEST_CASE("a server that drips bytes cannot keep a run past its time limit", "[sync][heal][slow]") {
  Fixture f;
  f.published(1);
  f.settings.time_limit = 2s;
  HttpResponse drip = HttpResponse::ok(f.publisher.manifest());
  drip.fault = testing::Fault::kSlow;
  drip.slow_interval = 5ms;  // 200 bytes a second: fast enough for curl's low-speed limit
  f.server.route("/feed/feed.json", drip);
  SystemClock real;
  LogCapture log;
  const auto started = std::chrono::steady_clock::now();
  const auto r = f.run_at(f.publisher.feed_url(f.server), real);
  const auto took = std::chrono::steady_clock::now() - started;
  INFO(log.all());
  CHECK(r.outcome == Outcome::kNetworkFailure);
  CHECK(log.contains("time limit: the run stopped after 2 s"));
  CHECK(took < 10s);
  CHECK(f.state().last_outcome == "network failure");
}

TEST_CASE("Retry-After beyond the run's time limit ends the run instead of waiting", "[sync][heal]") {
  Fixture f;
  f.published(1);
  f.sleeping_moves_clock = true;
  HttpResponse busy = HttpResponse::status_only(503);
  busy.headers.push_back({"Retry-After", "999999"});
  f.server.route("/feed/feed.json", busy);
  LogCapture log;
  const auto r = f.run();
  INFO(log.all());
  CHECK(r.outcome == Outcome::kNetworkFailure);
  CHECK(log.contains("would come after the run's time limit"));
  std::chrono::milliseconds waited{0};
  for (const auto d : f.slept) waited += d;
  CHECK(waited <= f.settings.time_limit);
}

TEST_CASE("a damaged cache is moved aside and rebuilt from the feed", "[sync][heal][damage]") {
  Fixture f;
  const auto v1 = f.published(1);
  std::string damage;
  SECTION("a text file") { damage = "not a database\n"; }
  SECTION("a truncated database") {
    REQUIRE(f.run().outcome == Outcome::kUpdated);
    damage = testing::read_file(f.settings.database).substr(0, 3000);
    fs::remove(f.settings.database + "-wal");
  }
  testing::write_file(f.settings.database, damage);
  LogCapture log;
  const auto r = f.run();
  INFO(log.all());
  CHECK(r.outcome == Outcome::kUpdated);
  REQUIRE_FALSE(r.quarantined.empty());
  CHECK(testing::read_file(r.quarantined) == damage);
  CHECK(log.contains("is damaged"));
  CHECK(log.contains("moved it aside to " + r.quarantined));
  f.check_holds(v1);
  LogCapture quiet;
  CHECK(f.run().outcome == Outcome::kUpToDate);
  CHECK_FALSE(quiet.contains("damaged"));
}

TEST_CASE("content changed on the disk is found, moved aside and fetched again", "[sync][heal][damage]") {
  Fixture f;
  const auto v1 = f.published(1);
  REQUIRE(f.run().outcome == Outcome::kUpdated);
  {
    auto cache = cache::Cache::open(f.settings.database);  // the last connection checkpoints the log
  }
  std::string bytes = testing::read_file(f.settings.database);
  const auto at = bytes.find("Landsbyggefonden");
  REQUIRE(at != std::string::npos);
  bytes[at + 15] = 'x';
  testing::write_file(f.settings.database, bytes);
  LogCapture log;
  const auto r = f.run();
  INFO(log.all());
  CHECK(r.outcome == Outcome::kUpdated);
  CHECK(log.contains("no longer matches the digest"));
  CHECK_FALSE(r.quarantined.empty());
  f.check_holds(v1);
}

TEST_CASE("a signature that does not match because of a publish in between is fetched again once", "[sync][heal]") {
  Fixture f;
  f.published(1);
  const std::string old_sig = f.publisher.signature();
  const auto v2 = f.published(2);
  int asked = 0;
  f.server.route("/feed/feed.json.minisig", [&](const HttpRequest&) {
    return HttpResponse::ok(++asked == 1 ? old_sig : f.publisher.signature());  // the first is from before the swap
  });
  LogCapture log;
  const auto r = f.run();
  INFO(log.all());
  CHECK(r.outcome == Outcome::kUpdated);
  CHECK(asked == 2);
  CHECK(log.contains("fetching feed.json and its signature again"));
  f.check_holds(v2);
}

TEST_CASE("an expired feed left on the server is said plainly though the server answers 304", "[sync][heal]") {
  Fixture f;
  auto v1 = f.feed(1);
  v1.expires = unix_of(f.clock) + 3600;
  f.publisher.publish(v1);
  REQUIRE(f.run().outcome == Outcome::kUpdated);
  f.clock.advance(2h);
  LogCapture log;
  const auto r = f.run();
  INFO(log.all());
  CHECK(r.outcome == Outcome::kRejected);
  CHECK(log.contains("expired: the published version 1 expired at"));
  const auto st = f.state();
  CHECK(st.marked_stale);
  CHECK(st.stale_reason.find("staff must publish a new one") != std::string::npos);
  f.check_holds(v1);
}

TEST_CASE("a refused rollback says which version is published and which is shown", "[sync][heal]") {
  Fixture f;
  f.published(5);
  REQUIRE(f.run().outcome == Outcome::kUpdated);
  f.published(4);
  CHECK(f.run().outcome == Outcome::kRejected);
  CHECK(f.state().stale_reason == "the published feed is version 4, older than version 5 shown here (a rollback, or a publish from an old copy)");
}
