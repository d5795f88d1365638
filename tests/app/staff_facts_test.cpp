// The staff panel speaks Danish and local time, as the screen's clock does.
#include <catch2/catch.hpp>

#include "app/staff_facts.h"
#include "cache/cache.h"
#include "syncer/syncer.h"
#include "test_support.h"
#include "time_zone.h"

using namespace kiosk;

namespace {

using kiosk::testing::unix_at;

std::string fact(const std::vector<std::pair<std::string, std::string>>& facts, const std::string& label) {
  for (const auto& [l, v] : facts) {
    if (l == label) return v;
  }
  FAIL("no fact '" << label << "'");
  return "";
}

}  // namespace

TEST_CASE("the staff panel shows the sync times in local time and the outcome in Danish", "[app][staff]") {
  const kiosk::testing::TimeZone zone("Europe/Copenhagen");
  kiosk::testing::TempDir dir;
  config::Config config;
  config.database = dir.file("content.db");
  {
    auto cache = cache::Cache::open(config.database);
    REQUIRE(cache.ok());
    cache::SyncState state;
    state.last_attempt = unix_at("2026-12-14T17:47:15Z");
    state.last_success = unix_at("2026-07-01T10:05:00Z");  // summer time: two hours ahead of UTC
    state.last_outcome = "network failure";
    state.last_error = "feed.json: could not connect";
    REQUIRE(cache->set_sync_state(state).ok());
  }
  app::LoadedContent content;
  content.origin = {false, 9, unix_at("2026-07-01T10:05:00Z"), unix_at("2026-12-10T23:30:00Z"), unix_at("2026-07-01T10:05:00Z"), false};
  const WallTime now{std::chrono::seconds(unix_at("2026-12-14T18:00:00Z"))};
  const auto facts = app::staff_facts(config, content, 800, 480, SystemClock().steady(), now, true);
  CHECK(fact(facts, "Sidste synk-forsøg") == "14. december 2026 kl. 18.47 (netværksfejl)");
  CHECK(fact(facts, "Sidste gode synk") == "1. juli 2026 kl. 12.05");
  CHECK(fact(facts, "Udløber") == "11. december 2026 kl. 00.30");
  CHECK(fact(facts, "Forældet") == "ja: udløbet 11. december 2026");
}

TEST_CASE("the staff panel names a missing cache and where it is looked for", "[app][staff]") {
  kiosk::testing::TempDir dir;
  config::Config config;
  config.database = dir.file("content.db");
  const auto facts = app::staff_facts(config, {}, 800, 480, SystemClock().steady(), SystemClock().wall(), false);
  CHECK(fact(facts, "Synk") == "ingen cache endnu (" + config.database + ")");
  CHECK(fact(facts, "Forældet") == "nej");
}

TEST_CASE("every outcome kiosk-sync stores has Danish words on the staff panel", "[app][staff]") {
  using syncer::Outcome;
  const std::pair<std::string, std::string> expected[] = {
      {syncer::to_string(Outcome::kUpdated), "opdateret"},
      {syncer::to_string(Outcome::kUpToDate), "uændret"},
      {syncer::to_string(Outcome::kNetworkFailure), "netværksfejl"},
      {syncer::to_string(Outcome::kRejected), "afvist"},
      {syncer::to_string(Outcome::kLocalFailure), "lokal fejl (disk eller database)"},
      {syncer::to_string(Outcome::kBusy), "optaget af en anden kørsel"},
      {syncer::to_string(Outcome::kInterrupted), "afbrudt"},
      {cache::kRunningOutcome, "i gang eller afbrudt"},
  };
  for (const auto& [stored, danish] : expected) {
    INFO(stored);
    CHECK(app::danish_outcome(stored) == danish);
  }
  CHECK(app::danish_outcome("something new") == "something new");  // shown as stored rather than hidden
}
