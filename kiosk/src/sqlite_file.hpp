#pragma once

// The kiosk's own small SQLite wrapper (the kiosk does not link the server library). Calls throw
// SqliteFailure; OfflineStore turns every failure into an Error at its API, so nothing escapes.

#include <sqlite3.h>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>

namespace mikhak::kiosk {

class SqliteFailure : public std::runtime_error {
 public:
  SqliteFailure(int code, const std::string& message) : std::runtime_error(message), code_(code) {}
  int code() const { return code_; }  // extended result code
  bool full() const { return (code_ & 0xFF) == SQLITE_FULL; }

 private:
  int code_;
};

struct SqliteCloser {
  void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
struct SqliteFinalizer {
  void operator()(sqlite3_stmt* stmt) const { sqlite3_finalize(stmt); }
};

// A prepared statement: bind by position from 1, step, read columns from 0.
class SqliteStatement {
 public:
  SqliteStatement(sqlite3* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}

  SqliteStatement& bind(int index, std::int64_t value);
  SqliteStatement& bind(int index, int value) {
    return bind(index, static_cast<std::int64_t>(value));
  }
  SqliteStatement& bind(int index, std::string_view value);
  SqliteStatement& bind(int index, const char* value) {
    return bind(index, std::string_view(value));
  }
  SqliteStatement& bind(int index, const std::string& value) {
    return bind(index, std::string_view(value));
  }
  SqliteStatement& bindNull(int index);

  bool step();  // true while there is a row to read
  void run() {
    while (step()) {
    }
  }

  std::int64_t integer(int column) const { return sqlite3_column_int64(stmt_.get(), column); }
  std::string text(int column) const;
  bool isNull(int column) const { return sqlite3_column_type(stmt_.get(), column) == SQLITE_NULL; }

 private:
  sqlite3* db_;
  std::unique_ptr<sqlite3_stmt, SqliteFinalizer> stmt_;
};

// One connection, used by one thread at a time.
class SqliteFile {
 public:
  // Opens (creating if need be) read-write; WAL, synchronous=FULL: a committed transaction is on
  // the disk, not in a cache, when the call returns.
  static std::unique_ptr<SqliteFile> open(const std::filesystem::path& file);
  explicit SqliteFile(sqlite3* db) : db_(db) {}

  void exec(std::string_view sql);
  SqliteStatement prepare(std::string_view sql);
  int changes() const { return sqlite3_changes(db_.get()); }
  sqlite3* handle() const { return db_.get(); }

 private:
  std::unique_ptr<sqlite3, SqliteCloser> db_;
};

// BEGIN IMMEDIATE ... COMMIT, rolled back if the scope is left without commit().
class SqliteTransaction {
 public:
  explicit SqliteTransaction(SqliteFile& db);
  ~SqliteTransaction();
  SqliteTransaction(const SqliteTransaction&) = delete;
  SqliteTransaction& operator=(const SqliteTransaction&) = delete;
  void commit();

 private:
  SqliteFile& db_;
  bool done_ = false;
};

}  // namespace mikhak::kiosk
