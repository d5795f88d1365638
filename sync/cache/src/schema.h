// The cache's schema as an ordered list of migrations; migration N takes user_version N-1 to N.
#pragma once

#include <sqlite3.h>

#include "platform/result.h"

namespace kiosk::cache {

// Brings the database to kSchemaVersion, each step in its own transaction. A database newer than
// this program is refused untouched.
Status migrate(sqlite3* db);

// The file's PRAGMA user_version: 0 for an empty file.
Result<int> user_version(sqlite3* db);

// The refusal of a file whose schema `version` is newer than this program's, or success.
Status known_schema(int version);

// Lets a read-only connection read a file of schema `file_version` (0: empty, no schema yet) as if it
// were kSchemaVersion, without touching the file: temporary views stand in for the tables and
// columns the migrations would add. SQLite looks in the temporary schema first, so they shadow the
// file's own; they live only on this connection. Called again when the file's version changes, it
// replaces the views of the earlier call.
Status present_as_current(sqlite3* db, int file_version);

}  // namespace kiosk::cache
