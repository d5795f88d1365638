// One sync: fetch the signed feed, verify it before parsing anything, check its version and expiry
// against what the cache holds, fetch the pictures the kiosk lacks, and apply the new version to the
// cache in one transaction. Whatever fails, the cache keeps its last good content; the outcome and
// any error are recorded in the cache's sync state for the display and for `kiosk-sync --status`.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "cache/cache.h"
#include "feed/minisign.h"
#include "platform/clock.h"
#include "syncer/source.h"

namespace kiosk::syncer {

// How a run ended. Each has its own exit code (docs/sync.md).
enum class Outcome {
  kUpdated,         // a new version was applied
  kUpToDate,        // the published version is the one the kiosk has
  kNetworkFailure,  // the feed or an object could not be fetched
  kRejected,        // the feed was refused: signature, rollback, expired, hash, schema, size
  kLocalFailure,    // the cache or the disk failed (full, unwritable, damaged)
};

int exit_code(Outcome outcome);
const char* to_string(Outcome outcome);

struct Settings {
  std::string database;                          // the cache
  std::string objects_dir;                       // the pictures, beside the cache
  std::vector<feed::minisign::PublicKey> keys;   // one or two trusted keys
  cache::OpenOptions open_options;               // fault seams for tests
};

struct Report {
  Outcome outcome = Outcome::kLocalFailure;
  std::string message;          // one line: what happened
  std::uint64_t version = 0;    // the version the cache holds afterwards (0: none)
  std::size_t requests = 0;
  std::uint64_t bytes = 0;      // body bytes fetched
  std::size_t objects_fetched = 0;
  std::size_t objects_removed = 0;
};

// Waits until the wall clock reads `not_before` (unix seconds) or later, looking every 5 s, for at
// most `patience`. A board without a real-time clock boots in the past until NTP answers; checking
// expiry then would refuse good feeds or accept expired ones. True when the clock is sane.
bool wait_for_sane_clock(const Clock& clock, std::int64_t not_before, std::chrono::minutes patience, const Sleeper& sleep);

// Runs one sync from `source`. `clock.wall()` is "now" for the expiry check and the sync state.
Report sync_once(const Settings& settings, Source& source, const Clock& clock);

}  // namespace kiosk::syncer
