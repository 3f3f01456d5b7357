#pragma once

#include "sqlite_db.hpp"

namespace mikhak::server {

// Brings the schema to the newest version, one numbered step at a time, each in its own
// transaction; the version lives in PRAGMA user_version. Returns the version reached.
// Refuses a database newer than this program knows (a downgrade would lose data).
int migrate(Database& db);

int latestSchemaVersion();
// The version a database is at (0 for a new file).
int schemaVersion(Database& db);

}  // namespace mikhak::server
