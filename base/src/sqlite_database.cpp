#include "mikhak/base/sqlite_database.hpp"

namespace mikhak::base {
namespace {

[[noreturn]] void fail(sqlite3* db, int code, std::string_view what) {
  throw SqliteError(sqlite3_extended_errcode(db) ? sqlite3_extended_errcode(db) : code,
                    "storage: " + std::string(what) + ": " + sqlite3_errmsg(db));
}

}  // namespace

std::unique_ptr<Database> Database::open(const std::filesystem::path& file, Mode mode) {
  // A connection is used by one thread at a time (the store's mutex or a reader's lease).
  int flags = SQLITE_OPEN_NOMUTEX;
  switch (mode) {
    case Mode::Writer:
      flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
      break;
    case Mode::Reader:
      // Read-write at the file level so it can maintain the shared WAL index like the writer.
      flags |= SQLITE_OPEN_READWRITE;
      break;
    case Mode::ReadOnly:
      flags |= SQLITE_OPEN_READONLY;
      break;
  }
  sqlite3* raw = nullptr;
  const int rc = sqlite3_open_v2(file.c_str(), &raw, flags, nullptr);
  auto db = std::make_unique<Database>(Passkey{}, raw);
  if (rc != SQLITE_OK) fail(raw, rc, "cannot open " + file.string());
  sqlite3_extended_result_codes(raw, 1);
  sqlite3_busy_timeout(raw, 5000);
  if (mode == Mode::Writer) {
    db->exec("PRAGMA journal_mode=WAL");
    db->exec("PRAGMA synchronous=FULL");
    db->exec("PRAGMA foreign_keys=ON");
  } else {
    db->exec("PRAGMA query_only=ON");
  }
  return db;
}

void Database::exec(std::string_view sql) {
  char* message = nullptr;
  const int rc = sqlite3_exec(db_.get(), std::string(sql).c_str(), nullptr, nullptr, &message);
  if (rc != SQLITE_OK) {
    const std::string text = message ? message : "";
    sqlite3_free(message);
    throw SqliteError(sqlite3_extended_errcode(db_.get()), "storage: " + text);
  }
}

Statement Database::prepare(std::string_view sql) {
  auto& entry = cache_[std::string(sql)];
  if (!entry) {
    entry = std::make_unique<CachedStatement>();
    sqlite3_stmt* stmt = nullptr;
    const int rc = sqlite3_prepare_v3(db_.get(), sql.data(), static_cast<int>(sql.size()),
                                      SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
    if (rc != SQLITE_OK) {
      cache_.erase(std::string(sql));
      fail(db_.get(), rc, "prepare");
    }
    entry->stmt.reset(stmt);
  }
  if (!entry->inUse) {
    entry->inUse = true;
    return Statement(db_.get(), entry->stmt.get(), entry.get());
  }
  // The same SQL twice at once (a nested use): a statement of its own.
  sqlite3_stmt* stmt = nullptr;
  const int rc =
      sqlite3_prepare_v2(db_.get(), sql.data(), static_cast<int>(sql.size()), &stmt, nullptr);
  if (rc != SQLITE_OK) fail(db_.get(), rc, "prepare");
  return Statement(db_.get(), stmt);
}

std::int64_t Database::lastInsertId() const { return sqlite3_last_insert_rowid(db_.get()); }
int Database::changes() const { return sqlite3_changes(db_.get()); }

Statement& Statement::bind(int index, std::int64_t value) {
  if (const int rc = sqlite3_bind_int64(stmt_.get(), index, value); rc != SQLITE_OK)
    fail(db_, rc, "bind");
  return *this;
}

Statement& Statement::bind(int index, std::string_view value) {
  if (const int rc = sqlite3_bind_text(stmt_.get(), index, value.data(),
                                       static_cast<int>(value.size()), SQLITE_TRANSIENT);
      rc != SQLITE_OK) {
    fail(db_, rc, "bind");
  }
  return *this;
}

Statement& Statement::bind(int index, std::nullopt_t) {
  if (const int rc = sqlite3_bind_null(stmt_.get(), index); rc != SQLITE_OK) fail(db_, rc, "bind");
  return *this;
}

bool Statement::step() {
  const int rc = sqlite3_step(stmt_.get());
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  fail(db_, rc, "step");
}

void Statement::reset() {
  sqlite3_reset(stmt_.get());
  sqlite3_clear_bindings(stmt_.get());
}

std::string Statement::text(int column) const {
  const auto* p = sqlite3_column_text(stmt_.get(), column);
  return p ? std::string(reinterpret_cast<const char*>(p),
                         static_cast<std::size_t>(sqlite3_column_bytes(stmt_.get(), column)))
           : std::string();
}

Transaction::Transaction(Database& db) : db_(db) { db_.exec("BEGIN IMMEDIATE"); }

Transaction::~Transaction() {
  if (!done_) {
    try {
      db_.exec("ROLLBACK");
    } catch (const SqliteError&) {  // NOLINT(bugprone-empty-catch): nothing left to undo
    }
  }
}

void Transaction::commit() {
  db_.exec("COMMIT");
  done_ = true;
}

}  // namespace mikhak::base
