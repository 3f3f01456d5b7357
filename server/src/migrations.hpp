#pragma once

#include "sqlite_db.hpp"

namespace mikhak::server {

// Brings the schema to the newest version, one numbered step at a time, each in its own
// transaction; the version lives in PRAGMA user_version. Returns the version reached.
// Refuses a database newer than this program knows (a downgrade would lose data).
int migrate(Database& db);

int latestSchemaVersion();

}  // namespace mikhak::server
