// The content cache: one SQLite file (WAL, synchronous=FULL, foreign keys on) that kiosk-sync writes
// and the kiosk reads. It holds the current content version and the one before it; a version is
// written in one transaction, so a reader, a crash or a power cut sees the old or the new version,
// never a mix.
//
// Not thread-safe: one Cache per thread. Several processes may open the same file.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "model/content.h"
#include "platform/result.h"

struct sqlite3;

namespace kiosk::cache {

// `name` in the folder of the database (the kiosk's state folder): "report.json" is the display's
// report, which kiosk-sync sends (docs/fleet.md), "report.png" its picture.
std::string beside(const std::string& database, const std::string& name);
// Where the pictures of the feed live: objects/<sha256> in the folder of the database.
std::string objects_dir_beside(const std::string& database);
inline constexpr const char* kReportFile = "report.json";
inline constexpr const char* kReportPictureFile = "report.png";

// The schema this program reads and writes (PRAGMA user_version). Opening migrates older files.
inline constexpr int kSchemaVersion = 6;

struct VersionInfo {
  std::uint64_t epoch = 0;      // the version line it belongs to (see TrustRecord); 0 before any
  std::uint64_t version = 0;
  std::int64_t issued = 0;      // unix seconds, from the feed
  std::int64_t expires = 0;     // unix seconds, from the feed
  std::int64_t applied_at = 0;  // unix seconds, when this cache committed it
  std::string source;
};

// One content version as read in one read transaction.
struct Snapshot {
  VersionInfo info;
  model::Content content;
  std::vector<model::AssetRef> assets;
};

// What kiosk-sync remembers between runs (times are unix seconds; 0 = never).
struct SyncState {
  std::int64_t last_attempt = 0;
  std::int64_t last_success = 0;     // last run that ended updated or up to date
  std::string last_error;            // the last run's error, empty after a success
  std::string last_outcome;          // "updated", "up to date", "network failure", ...
  std::string etag;                  // of the last manifest fetched, for If-None-Match
  std::string last_modified;         // of the last manifest fetched, for If-Modified-Since
  std::int64_t last_issued_seen = 0; // the highest `issued` of any applied manifest (freeze check)
  bool marked_stale = false;         // what is published was refused (expired, rollback): show stale
  std::string stale_reason;          // why, in words for staff; empty when not marked stale
  std::string validators_url;        // the URL `etag` and `last_modified` came from
  std::int64_t last_full_check = 0;  // when the bytes of every picture of the version shown were last hashed
  friend bool operator==(const SyncState&, const SyncState&) = default;
};

// The version line of an epoch. Epoch 0 (content applied before any keys document) and epoch 1 (the
// first keys document) are one line: the first keys.json a kiosk sees must not let an older feed in.
// A new line starts at epoch 2.
inline std::uint64_t version_line(std::uint64_t epoch) { return epoch < 1 ? 1 : epoch; }

// The outcome a run records when it starts; still there afterwards means it never finished.
inline constexpr const char* kRunningOutcome = "running";

// The exact bytes a version was verified from: the manifest and its minisign signature, and the
// version line (epoch) it was accepted in. Kept so that what the kiosk shows can be checked against
// what was signed, long after the fact.
struct SignedManifest {
  std::string manifest;
  std::string signature;
  std::uint64_t epoch = 0;
};

// The last keys document (keys.json) a root key signed, as fetched: kiosk-sync verifies it again on
// every run, so a damaged copy is never trusted.
struct TrustRecord {
  std::uint64_t serial = 0;
  std::uint64_t epoch = 0;
  std::string document;
  std::string signature;
  friend bool operator==(const TrustRecord&, const TrustRecord&) = default;
};

// What a look at a cache file found (examine()).
enum class Health {
  kAbsent,   // no file: a fresh cache will be made
  kHealthy,  // SQLite's quick_check passes and the current version matches its digest
  kDamaged,  // unreadable as a database, a failed quick_check, or content that no longer matches
};
struct Examination {
  Health health = Health::kAbsent;
  std::string detail;  // for kDamaged: what is wrong, in SQLite's words where it has them
};

// Looks at the cache at `path` without changing it (read-only, see Cache::open_read_only). An error means it could not tell (the file is
// locked, not readable, or written by a newer program): that is not damage.
Result<Examination> examine(const std::string& path);

// Moves a damaged cache (and its -wal and -shm files) aside to `<path>.damaged-<UTC time>`, kept
// for staff; keeps the newest `keep` such copies and removes older ones. Returns the new path.
Result<std::string> quarantine(const std::string& path, std::int64_t now_unix, int keep = 2);

struct OpenOptions {
  // A fault seam for tests: SQLite's max_page_count on this connection, to make "disk full" happen.
  std::optional<int> max_page_count;
};

class Cache {
 public:
  // Opens (creating if needed) and migrates the database at `path`: kiosk-sync's way, the only
  // writer. Errors name the path and carry SQLite's message; a file from a newer program (higher
  // user_version) is refused, not touched.
  static Result<Cache> open(const std::string& path, const OpenOptions& options = {});

  // Opens the cache at `path` for reading only, as the display and `kiosk-sync --status` do: never
  // creates, migrates or writes the file, so a reader with fewer rights than kiosk-sync (or a file
  // that is empty) is left as it was. A missing file is an error. A file of an older schema reads as
  // if migrated (kiosk-sync migrates it on its next run), an empty one as a cache without content; one
  // from a newer program is refused. The write methods fail on such a connection.
  //
  // A WAL file is read with its `-shm` index beside it. While another connection has the cache open
  // the index exists and any reader that can read it can read the cache; when nobody has it open,
  // SQLite creates the index (owned like the database) if the folder allows, and the open fails if
  // not. `immutable=1` would read without it, but it also takes no locks and ignores the `-wal`, so
  // a kiosk-sync run that commits meanwhile could be read half-written: not used.
  static Result<Cache> open_read_only(const std::string& path);

  Cache(Cache&&) noexcept;
  Cache& operator=(Cache&&) noexcept;
  ~Cache();

  // Stores `feed` as the new current version in one transaction, keeping the previous current
  // version and deleting older ones, with a digest of its content (see read_current) and the signed
  // bytes it came from. The feed is validated first. Refused when (epoch, version) is not newer than
  // the current one's: a new epoch starts a fresh version line. On any error nothing changes and the
  // error names the step and carries SQLite's message.
  Status apply(const model::Feed& feed, std::int64_t now_unix, const SignedManifest& from = {});

  // The current version, read in one read transaction; nullopt when no version was ever applied.
  // Content that no longer passes validation or no longer matches the digest taken when it was
  // applied (a damaged file, bytes changed on the disk) is an error, never shown.
  Result<std::optional<Snapshot>> read_current();

  // The signed bytes the current version was applied from; nullopt without a version, or for one
  // applied before schema 3 kept them.
  Result<std::optional<SignedManifest>> current_manifest();

  // The keys document kiosk-sync last accepted; nullopt when none.
  Result<std::optional<TrustRecord>> trust();
  Status set_trust(const TrustRecord& record);

  // Cheap: the current version number, or nullopt.
  Result<std::optional<std::uint64_t>> current_version();

  // The file's PRAGMA user_version.
  Result<int> schema_version();

  Result<SyncState> sync_state();
  Status set_sync_state(const SyncState& state);

  // The sha256 of every asset the kept versions (current and previous) list: what the object store
  // must keep.
  Result<std::vector<std::string>> referenced_assets();

  // SQLite's PRAGMA data_version on this connection: changes when another connection commits, so
  // the display notices kiosk-sync's new version without re-reading anything.
  Result<std::int64_t> data_version();

  // PRAGMA quick_check: "ok" or SQLite's description of the damage.
  Result<std::string> quick_check();
  // PRAGMA integrity_check: the same, and also checks that every index matches its table (slower).
  Result<std::string> integrity_check();

 private:
  struct Db;
  explicit Cache(std::unique_ptr<Db> db);
  Result<std::string> check(const std::string& pragma);
  // On a read-only connection: refuses a newer schema and shows an older one as the current one.
  Status readable();
  std::unique_ptr<Db> db_;
};

}  // namespace kiosk::cache
