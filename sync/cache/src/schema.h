// The cache's schema as an ordered list of migrations; migration N takes user_version N-1 to N.
#pragma once

#include <sqlite3.h>

#include "platform/result.h"

namespace kiosk::cache {

// Brings the database to kSchemaVersion, each step in its own transaction. A database newer than
// this program is refused untouched.
Status migrate(sqlite3* db);

}  // namespace kiosk::cache
