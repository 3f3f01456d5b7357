#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>

#include "mikhak/base/storage_error.hpp"

namespace mikhak::base {

// A failed SQLite call. Storage code turns the ones data can cause into Result values; the rest
// (disk gone, database corrupt) propagate: the server answers 503, the kiosk says its store failed.
class SqliteError : public StorageError {
 public:
  SqliteError(int code, const std::string& message)
      : StorageError(message, (code & 0xFF) == SQLITE_CONSTRAINT, (code & 0xFF) == SQLITE_FULL),
        code_(code) {}
  int code() const { return code_; }
  bool constraint() const { return conflict(); }

 private:
  int code_;
};

class Statement;

struct SqliteCloser {
  void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
struct StatementFinalizer {
  void operator()(sqlite3_stmt* stmt) const { sqlite3_finalize(stmt); }
};

// A statement kept by the connection: preparing SQL costs more than running it on a small table.
struct CachedStatement {
  std::unique_ptr<sqlite3_stmt, StatementFinalizer> stmt;
  bool inUse = false;
};

// What a Statement does with its handle when done: a cached one is reset for the next caller, an
// uncached one finalized.
struct StatementRelease {
  CachedStatement* cached = nullptr;
  void operator()(sqlite3_stmt* stmt) const {
    if (cached) {
      sqlite3_reset(stmt);
      sqlite3_clear_bindings(stmt);
      cached->inUse = false;
    } else {
      sqlite3_finalize(stmt);
    }
  }
};

// One SQLite connection. WAL, synchronous=FULL (a check-in or a ticket acknowledged to a kiosk is
// on disk), foreign keys on, and a busy timeout so a second connection waits instead of failing.
class Database {
 public:
  enum class Mode {
    Writer,    // creates the file if need be
    Reader,    // beside a writer in the same process: shares its WAL, refuses to write
    ReadOnly,  // a tool reading a server's file: never creates, migrates or writes it
  };
  static std::unique_ptr<Database> open(const std::filesystem::path& file,
                                        Mode mode = Mode::Writer);
  class Passkey {
    friend class Database;
    Passkey() = default;
  };
  Database(Passkey, sqlite3* db) : db_(db) {}
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  void exec(std::string_view sql);
  // A prepared statement, from the connection's cache when the same SQL was prepared before and
  // is not in use. The connection is used by one thread at a time (SqliteStore's mutex).
  Statement prepare(std::string_view sql);
  std::int64_t lastInsertId() const;
  int changes() const;
  sqlite3* handle() const { return db_.get(); }

 private:
  std::unique_ptr<sqlite3, SqliteCloser> db_;  // declared first: closed after the statements
  std::unordered_map<std::string, std::unique_ptr<CachedStatement>> cache_;
};

// A prepared statement: bind by position from 1, step, read columns from 0.
class Statement {
 public:
  Statement(sqlite3* db, sqlite3_stmt* stmt, CachedStatement* cached = nullptr)
      : db_(db), stmt_(stmt, StatementRelease{cached}) {}

  Statement& bind(int index, std::int64_t value);
  Statement& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
  Statement& bind(int index, std::string_view value);
  Statement& bind(int index, const char* value) { return bind(index, std::string_view(value)); }
  Statement& bind(int index, const std::string& value) {
    return bind(index, std::string_view(value));
  }
  Statement& bind(int index, std::nullopt_t);
  template <typename T>
  Statement& bind(int index, const std::optional<T>& value) {
    return value ? bind(index, *value) : bind(index, std::nullopt);
  }

  // True while there is a row to read.
  bool step();
  // Runs a statement that returns no rows.
  void run() {
    while (step()) {
    }
  }
  void reset();

  std::int64_t integer(int column) const { return sqlite3_column_int64(stmt_.get(), column); }
  std::string text(int column) const;
  bool isNull(int column) const { return sqlite3_column_type(stmt_.get(), column) == SQLITE_NULL; }

 private:
  sqlite3* db_;
  std::unique_ptr<sqlite3_stmt, StatementRelease> stmt_;
};

// BEGIN IMMEDIATE ... COMMIT, rolled back if the scope is left without commit().
class Transaction {
 public:
  explicit Transaction(Database& db);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  void commit();

 private:
  Database& db_;
  bool done_ = false;
};

}  // namespace mikhak::base
