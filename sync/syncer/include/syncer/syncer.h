// One sync: fetch the signed feed, verify it before parsing anything, check its version and expiry
// against what the cache holds, fetch the pictures the kiosk lacks, and apply the new version to the
// cache in one transaction. Whatever fails, the cache keeps its last good content; the outcome and
// any error are recorded in the cache's sync state for the display and for `kiosk-sync --status`.
//
// A run also heals what it finds: it takes turns with other runs (a lock beside the cache), moves a
// damaged cache aside and builds a fresh one, checks every picture of the current version and fetches
// what is missing or wrong even when the feed is unchanged, and stops by itself before its time limit.
// docs/sync.md lists every case with its exit code and what `--status` says.
#pragma once

#include <atomic>
#include <chrono>
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
  kUpToDate,        // the published version is the one the kiosk has (and its pictures are whole)
  kNetworkFailure,  // the feed or an object could not be fetched, or the run's time ran out
  kRejected,        // the feed was refused: signature, rollback, expired, future, hash, schema, size
  kLocalFailure,    // the cache or the disk failed (full, unwritable)
  kBusy,            // another run held the lock for longer than this one would wait
  kInterrupted,     // stopped by a signal (systemd stop, shutdown) before it finished
};

int exit_code(Outcome outcome);
const char* to_string(Outcome outcome);

// A feed `issued` further ahead of the kiosk's clock than this is refused: accepting it would make
// every honest feed after it look frozen (older than one already seen) until that date.
inline constexpr std::chrono::hours kMaxIssuedAhead{24};
// What a run hashes of the pictures it already has, to find bytes that changed on the disk; beyond it
// only their sizes are checked (256 MiB: about 1.5 s on a Raspberry Pi 4's SD card).
inline constexpr std::uint64_t kMaxCheckedBytesPerRun = 256u << 20;

struct Settings {
  std::string database;                          // the cache
  std::string objects_dir;                       // the pictures, beside the cache
  std::vector<feed::minisign::PublicKey> keys;   // the trusted feed keys of the configuration
  // Offline root keys (sync.root_keys): a keys.json they sign replaces `keys` and may start a new
  // version line (docs/keys.md). Empty: keys.json is not fetched.
  std::vector<feed::minisign::PublicKey> root_keys;
  // The whole run stops with a network failure when this runs out (the unit allows 15 min).
  std::chrono::seconds time_limit{600};
  // How often the bytes of the pictures already here are hashed whole (within
  // kMaxCheckedBytesPerRun); the runs between check only their sizes. A run every 15 minutes then
  // reads the pictures once a day, not 96 times. 0: every run.
  std::chrono::seconds full_check_every = std::chrono::hours(20);
  // How long a run waits for another run's lock before it gives up with kBusy.
  std::chrono::seconds lock_wait{60};
  // Set by a signal handler: the run stops at the next step and records that it was interrupted.
  const std::atomic<bool>* stop = nullptr;
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
  std::size_t objects_repaired = 0;  // pictures of the current version found missing or wrong, fetched again
  std::string quarantined;      // where a damaged cache was moved, when this run moved one
};

// Waits until the wall clock reads `not_before` (unix seconds) or later, looking every 5 s, for at
// most `patience`. A board without a real-time clock boots in the past until NTP answers; checking
// expiry then would refuse good feeds or accept expired ones. True when the clock is sane; false
// also when `stop` is raised meanwhile.
bool wait_for_sane_clock(const Clock& clock, std::int64_t not_before, std::chrono::minutes patience, const Sleeper& sleep,
                         const std::atomic<bool>* stop = nullptr);

// Runs one sync from `source`. `clock.wall()` is "now" for the expiry check and the sync state;
// `clock.steady()` measures the time limit.
Report sync_once(const Settings& settings, Source& source, const Clock& clock);

// The lock file that runs against `database` take turns on.
std::string lock_path(const std::string& database);

}  // namespace kiosk::syncer
