#include "sqlite_file.hpp"

namespace mikhak::kiosk {
namespace {

[[noreturn]] void fail(sqlite3* db, int code, std::string_view what) {
  const int extended = db ? sqlite3_extended_errcode(db) : code;
  throw SqliteFailure(extended ? extended : code,
                      "OfflineStore: " + std::string(what) + ": " +
                          (db ? sqlite3_errmsg(db) : sqlite3_errstr(code)));
}

}  // namespace

std::unique_ptr<SqliteFile> SqliteFile::open(const std::filesystem::path& file) {
  sqlite3* raw = nullptr;
  const int rc =
      sqlite3_open_v2(file.c_str(), &raw,
                      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  auto db = std::make_unique<SqliteFile>(raw);
  if (rc != SQLITE_OK) fail(raw, rc, "cannot open " + file.string());
  sqlite3_extended_result_codes(raw, 1);
  sqlite3_busy_timeout(raw, 5000);
  db->exec("PRAGMA journal_mode=WAL");
  db->exec("PRAGMA synchronous=FULL");
  db->exec("PRAGMA foreign_keys=ON");
  return db;
}

void SqliteFile::exec(std::string_view sql) {
  char* message = nullptr;
  const int rc = sqlite3_exec(db_.get(), std::string(sql).c_str(), nullptr, nullptr, &message);
  if (rc != SQLITE_OK) {
    const std::string text = message ? message : sqlite3_errstr(rc);
    sqlite3_free(message);
    throw SqliteFailure(sqlite3_extended_errcode(db_.get()), "OfflineStore: " + text);
  }
}

SqliteStatement SqliteFile::prepare(std::string_view sql) {
  sqlite3_stmt* stmt = nullptr;
  const int rc =
      sqlite3_prepare_v2(db_.get(), sql.data(), static_cast<int>(sql.size()), &stmt, nullptr);
  if (rc != SQLITE_OK) fail(db_.get(), rc, "prepare");
  return SqliteStatement(db_.get(), stmt);
}

SqliteStatement& SqliteStatement::bind(int index, std::int64_t value) {
  if (const int rc = sqlite3_bind_int64(stmt_.get(), index, value); rc != SQLITE_OK)
    fail(db_, rc, "bind");
  return *this;
}

SqliteStatement& SqliteStatement::bind(int index, std::string_view value) {
  if (const int rc = sqlite3_bind_text(stmt_.get(), index, value.data(),
                                       static_cast<int>(value.size()), SQLITE_TRANSIENT);
      rc != SQLITE_OK) {
    fail(db_, rc, "bind");
  }
  return *this;
}

SqliteStatement& SqliteStatement::bindNull(int index) {
  if (const int rc = sqlite3_bind_null(stmt_.get(), index); rc != SQLITE_OK) fail(db_, rc, "bind");
  return *this;
}

bool SqliteStatement::step() {
  const int rc = sqlite3_step(stmt_.get());
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  fail(db_, rc, "step");
}

std::string SqliteStatement::text(int column) const {
  const auto* p = sqlite3_column_text(stmt_.get(), column);
  return p ? std::string(reinterpret_cast<const char*>(p),
                         static_cast<std::size_t>(sqlite3_column_bytes(stmt_.get(), column)))
           : std::string();
}

SqliteTransaction::SqliteTransaction(SqliteFile& db) : db_(db) { db_.exec("BEGIN IMMEDIATE"); }

SqliteTransaction::~SqliteTransaction() {
  if (!done_) {
    try {
      db_.exec("ROLLBACK");
    } catch (const SqliteFailure&) {  // NOLINT(bugprone-empty-catch): nothing left to undo
    }
  }
}

void SqliteTransaction::commit() {
  db_.exec("COMMIT");
  done_ = true;
}

}  // namespace mikhak::kiosk
