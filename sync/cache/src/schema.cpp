#include "schema.h"

#include <array>
#include <string>

#include "cache/cache.h"
#include "sqlite.h"

namespace kiosk::cache {
namespace {

// Versions are unsigned 64-bit in the feed and stored as their two's-complement bit pattern in
// SQLite's signed INTEGER; the cache never orders versions in SQL, only in C++ (see cache.cpp).
constexpr const char* kSchema1 = R"sql(
CREATE TABLE versions (
  version    INTEGER PRIMARY KEY,
  format     INTEGER NOT NULL,
  issued     INTEGER NOT NULL,
  expires    INTEGER NOT NULL,
  applied_at INTEGER NOT NULL,
  source     TEXT NOT NULL
);
-- Exactly one row once content was applied: the version shown and the one kept before it.
CREATE TABLE current (
  id       INTEGER PRIMARY KEY CHECK (id = 1),
  version  INTEGER NOT NULL REFERENCES versions(version),
  previous INTEGER REFERENCES versions(version)
);
CREATE TABLE areas (
  version INTEGER NOT NULL REFERENCES versions(version) ON DELETE CASCADE,
  ord     INTEGER NOT NULL,
  id      TEXT NOT NULL,
  name    TEXT NOT NULL,
  kommune TEXT NOT NULL,
  lat     REAL,
  lon     REAL,
  note    TEXT NOT NULL,
  PRIMARY KEY (version, id)
);
CREATE TABLE area_categories (
  version  INTEGER NOT NULL,
  area_id  TEXT NOT NULL,
  year     INTEGER NOT NULL,
  category TEXT NOT NULL,
  PRIMARY KEY (version, area_id, year),
  FOREIGN KEY (version, area_id) REFERENCES areas(version, id) ON DELETE CASCADE
);
CREATE TABLE national_counts (
  version         INTEGER NOT NULL REFERENCES versions(version) ON DELETE CASCADE,
  date            TEXT NOT NULL,
  udsatte         INTEGER NOT NULL,
  parallelsamfund INTEGER NOT NULL,
  omdannelse      INTEGER NOT NULL,
  forebyggelse    INTEGER,
  PRIMARY KEY (version, date)
);
CREATE TABLE criteria (
  version INTEGER NOT NULL REFERENCES versions(version) ON DELETE CASCADE,
  ord     INTEGER NOT NULL,
  id      TEXT NOT NULL,
  title   TEXT NOT NULL,
  text    TEXT NOT NULL,
  summary TEXT NOT NULL,
  PRIMARY KEY (version, id)
);
CREATE TABLE milestones (
  version INTEGER NOT NULL REFERENCES versions(version) ON DELETE CASCADE,
  ord     INTEGER NOT NULL,
  id      TEXT NOT NULL,
  date    TEXT NOT NULL,
  track   TEXT NOT NULL,
  title   TEXT NOT NULL,
  text    TEXT NOT NULL,
  PRIMARY KEY (version, id)
);
CREATE TABLE results (
  version      INTEGER NOT NULL REFERENCES versions(version) ON DELETE CASCADE,
  ord          INTEGER NOT NULL,
  id           TEXT NOT NULL,
  date         TEXT NOT NULL,
  title        TEXT NOT NULL,
  summary      TEXT NOT NULL,
  body         TEXT NOT NULL,
  publisher    TEXT NOT NULL,
  image        TEXT NOT NULL,
  link         TEXT NOT NULL,
  series_title TEXT,
  series_unit  TEXT,
  series_kind  TEXT,
  PRIMARY KEY (version, id)
);
CREATE INDEX results_by_date ON results(version, date DESC);
CREATE TABLE result_areas (
  version   INTEGER NOT NULL,
  result_id TEXT NOT NULL,
  ord       INTEGER NOT NULL,
  area_id   TEXT NOT NULL,
  PRIMARY KEY (version, result_id, area_id),
  FOREIGN KEY (version, result_id) REFERENCES results(version, id) ON DELETE CASCADE,
  FOREIGN KEY (version, area_id) REFERENCES areas(version, id) ON DELETE CASCADE
);
CREATE TABLE series_points (
  version   INTEGER NOT NULL,
  result_id TEXT NOT NULL,
  ord       INTEGER NOT NULL,
  label     TEXT NOT NULL,
  value     REAL NOT NULL,
  PRIMARY KEY (version, result_id, ord),
  FOREIGN KEY (version, result_id) REFERENCES results(version, id) ON DELETE CASCADE
);
CREATE TABLE version_assets (
  version    INTEGER NOT NULL REFERENCES versions(version) ON DELETE CASCADE,
  sha256     TEXT NOT NULL,
  size       INTEGER NOT NULL,
  media_type TEXT NOT NULL,
  PRIMARY KEY (version, sha256)
);
)sql";

// What kiosk-sync remembers between runs, for conditional requests, rollback and freeze checks, and
// the display's stale marker. One row.
constexpr const char* kSchema2 = R"sql(
CREATE TABLE sync_state (
  id                INTEGER PRIMARY KEY CHECK (id = 1),
  last_attempt      INTEGER NOT NULL DEFAULT 0,
  last_success      INTEGER NOT NULL DEFAULT 0,
  last_error        TEXT NOT NULL DEFAULT '',
  last_outcome      TEXT NOT NULL DEFAULT '',
  etag              TEXT NOT NULL DEFAULT '',
  last_modified     TEXT NOT NULL DEFAULT '',
  last_issued_seen  INTEGER NOT NULL DEFAULT 0,
  marked_stale      INTEGER NOT NULL DEFAULT 0
);
INSERT INTO sync_state(id) VALUES (1);
)sql";

// What makes the cache check itself and heal: each version's version line (epoch), a digest of its
// content and the signed bytes it came from; why content is marked stale and which URL the HTTP
// validators belong to; the keys document a root key signed.
constexpr const char* kSchema3 = R"sql(
ALTER TABLE versions ADD COLUMN epoch INTEGER NOT NULL DEFAULT 0;
ALTER TABLE versions ADD COLUMN content_sha256 TEXT NOT NULL DEFAULT '';
ALTER TABLE versions ADD COLUMN manifest BLOB;
ALTER TABLE versions ADD COLUMN signature TEXT;
ALTER TABLE sync_state ADD COLUMN stale_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE sync_state ADD COLUMN validators_url TEXT NOT NULL DEFAULT '';
CREATE TABLE trust (
  id        INTEGER PRIMARY KEY CHECK (id = 1),
  serial    INTEGER NOT NULL,
  epoch     INTEGER NOT NULL,
  document  BLOB NOT NULL,
  signature TEXT NOT NULL
);
)sql";

// Whether an area's position is only rough, such as its town's (feed format 1's
// position.approximate); positions stored before it are exact, as the feeds then said nothing else.
constexpr const char* kSchema4 = R"sql(
ALTER TABLE areas ADD COLUMN approximate INTEGER NOT NULL DEFAULT 0;
)sql";

// The translations of the content's texts (feed format 1's translations), one row per text: `owner`
// is the kind of object (model::Translatable::kind), `owner_id` its id (a chart's: its result's).
// Versions stored before it have none.
constexpr const char* kSchema5 = R"sql(
CREATE TABLE translations (
  version  INTEGER NOT NULL REFERENCES versions(version) ON DELETE CASCADE,
  owner    TEXT NOT NULL,
  owner_id TEXT NOT NULL,
  language TEXT NOT NULL,
  field    TEXT NOT NULL,
  text     TEXT NOT NULL,
  PRIMARY KEY (version, owner, owner_id, language, field)
);
)sql";

// Staff's notices and the community centre's events (feed format 1's content.notices and
// content.events), the areas each concerns (`owner` is "notice" or "event"), and the time window of
// a result (NULL: no bound). Versions stored before it have none and show always. And when the
// pictures' bytes were last hashed whole, which a run every 15 minutes does once a day.
constexpr const char* kSchema6 = R"sql(
ALTER TABLE sync_state ADD COLUMN last_full_check INTEGER NOT NULL DEFAULT 0;
ALTER TABLE results ADD COLUMN show_from INTEGER;
ALTER TABLE results ADD COLUMN show_until INTEGER;
CREATE TABLE notices (
  version    INTEGER NOT NULL REFERENCES versions(version) ON DELETE CASCADE,
  ord        INTEGER NOT NULL,
  id         TEXT NOT NULL,
  level      TEXT NOT NULL,
  title      TEXT NOT NULL,
  text       TEXT NOT NULL,
  image      TEXT NOT NULL,
  show_from  INTEGER,
  show_until INTEGER NOT NULL,
  PRIMARY KEY (version, id)
);
CREATE TABLE events (
  version INTEGER NOT NULL REFERENCES versions(version) ON DELETE CASCADE,
  ord     INTEGER NOT NULL,
  id      TEXT NOT NULL,
  title   TEXT NOT NULL,
  starts  INTEGER NOT NULL,
  ends    INTEGER,
  place   TEXT NOT NULL,
  text    TEXT NOT NULL,
  PRIMARY KEY (version, id)
);
CREATE TABLE item_areas (
  version  INTEGER NOT NULL,
  owner    TEXT NOT NULL,
  owner_id TEXT NOT NULL,
  ord      INTEGER NOT NULL,
  area_id  TEXT NOT NULL,
  PRIMARY KEY (version, owner, owner_id, area_id),
  FOREIGN KEY (version) REFERENCES versions(version) ON DELETE CASCADE,
  FOREIGN KEY (version, area_id) REFERENCES areas(version, id) ON DELETE CASCADE
);
)sql";

constexpr std::array<const char*, kSchemaVersion> kMigrations = {kSchema1, kSchema2, kSchema3, kSchema4, kSchema5, kSchema6};

// The views that let a reader see a file of schema `v` as the current schema: what the migrations
// after `v` add, with the values a migration gives old rows. A file of schema 0 (empty) has no tables:
// it reads as a cache with no version, no pictures, no sync yet and no keys document.
std::string stand_ins(int v) {
  static_assert(kSchemaVersion == 6, "a new schema needs its stand-ins here for the files before it");
  std::string sql;
  const auto view = [&sql](const char* name, const char* select) {
    sql += std::string("CREATE TEMP VIEW ") + name + " AS " + select + ";";
  };
  if (v < 1) {
    view("current", "SELECT NULL AS id, NULL AS version, NULL AS previous WHERE 0");
    view("version_assets", "SELECT NULL AS version, NULL AS sha256, NULL AS size, NULL AS media_type WHERE 0");
    view("versions",
         "SELECT NULL AS version, NULL AS format, NULL AS issued, NULL AS expires, NULL AS applied_at, NULL AS source, "
         "0 AS epoch, '' AS content_sha256, NULL AS manifest, NULL AS signature WHERE 0");
  } else if (v < 3) {
    view("versions", "SELECT *, 0 AS epoch, '' AS content_sha256, NULL AS manifest, NULL AS signature FROM main.versions");
  }
  if (v < 2) {
    view("sync_state",
         "SELECT 1 AS id, 0 AS last_attempt, 0 AS last_success, '' AS last_error, '' AS last_outcome, '' AS etag, "
         "'' AS last_modified, 0 AS last_issued_seen, 0 AS marked_stale, '' AS stale_reason, '' AS validators_url, "
         "0 AS last_full_check");
  } else if (v < 3) {
    view("sync_state", "SELECT *, '' AS stale_reason, '' AS validators_url, 0 AS last_full_check FROM main.sync_state");
  } else if (v < 6) {
    view("sync_state", "SELECT *, 0 AS last_full_check FROM main.sync_state");
  }
  if (v < 3) view("trust", "SELECT NULL AS id, NULL AS serial, NULL AS epoch, NULL AS document, NULL AS signature WHERE 0");
  if (v >= 1 && v < 4) view("areas", "SELECT *, 0 AS approximate FROM main.areas");
  if (v < 5) {
    view("translations",
         "SELECT NULL AS version, NULL AS owner, NULL AS owner_id, NULL AS language, NULL AS field, NULL AS text WHERE 0");
  }
  if (v >= 1 && v < 6) view("results", "SELECT *, NULL AS show_from, NULL AS show_until FROM main.results");
  if (v < 6) {
    view("notices",
         "SELECT NULL AS version, NULL AS ord, NULL AS id, NULL AS level, NULL AS title, NULL AS text, NULL AS image, "
         "NULL AS show_from, NULL AS show_until WHERE 0");
    view("events",
         "SELECT NULL AS version, NULL AS ord, NULL AS id, NULL AS title, NULL AS starts, NULL AS ends, NULL AS place, "
         "NULL AS text WHERE 0");
    view("item_areas", "SELECT NULL AS version, NULL AS owner, NULL AS owner_id, NULL AS ord, NULL AS area_id WHERE 0");
  }
  return sql;
}

constexpr std::array<const char*, 11> kStandInNames = {"current", "version_assets", "versions", "sync_state", "trust", "areas",
                                                       "translations", "results", "notices", "events", "item_areas"};

}  // namespace

Result<int> user_version(sqlite3* db) {
  auto stmt = sqlite::Stmt::prepare(db, "PRAGMA user_version");
  if (!stmt) return stmt.error();
  if (!stmt->step()) return sqlite::error(db, "reading the schema version");
  return static_cast<int>(stmt->int64(0));
}

Status known_schema(int version) {
  if (version <= kSchemaVersion) return Status::success();
  return make_error("the cache has schema version " + std::to_string(version) + ", newer than this program's " +
                    std::to_string(kSchemaVersion) + "; refusing to touch it (update the program)");
}

Status present_as_current(sqlite3* db, int file_version) {
  std::string sql;
  for (const char* name : kStandInNames) sql += std::string("DROP VIEW IF EXISTS temp.") + name + ";";
  sql += stand_ins(file_version);
  return sqlite::exec(db, sql, "reading a cache of schema " + std::to_string(file_version));
}

Status migrate(sqlite3* db) {
  auto version = user_version(db);
  if (!version) return version.error();
  if (auto known = known_schema(*version); !known) return known;
  for (int v = *version; v < kSchemaVersion; ++v) {
    auto tx = sqlite::Transaction::begin(db, sqlite::Transaction::Kind::kWrite);
    if (!tx) return tx.error();
    // Another process may have migrated while this one waited for the write lock.
    auto now = user_version(db);
    if (!now) return now.error();
    if (*now > v) continue;
    const std::string step = "migrating the cache to schema " + std::to_string(v + 1);
    if (auto s = sqlite::exec(db, kMigrations[static_cast<std::size_t>(v)], step); !s) return s;
    if (auto s = sqlite::exec(db, "PRAGMA user_version = " + std::to_string(v + 1), step); !s) return s;
    if (auto s = tx->commit(); !s) return s;
  }
  return Status::success();
}

}  // namespace kiosk::cache
