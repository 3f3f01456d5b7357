#pragma once

// The server's names for the SQLite wrapper it shares with the kiosk (base/).

#include "mikhak/base/sqlite_database.hpp"

namespace mikhak::server {

using base::Database;
using base::SqliteError;
using base::Statement;
using base::Transaction;

}  // namespace mikhak::server
