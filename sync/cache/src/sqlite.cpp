#include "sqlite.h"

namespace kiosk::cache::sqlite {

Error error(sqlite3* db, std::string_view what) {
  return make_error(std::string(what) + ": " + (db ? sqlite3_errmsg(db) : "out of memory"));
}

Status exec(sqlite3* db, const std::string& sql, std::string_view what) {
  if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK) return error(db, what);
  return Status::success();
}

Result<Stmt> Stmt::prepare(sqlite3* db, std::string_view sql) {
  sqlite3_stmt* raw = nullptr;
  if (sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()), &raw, nullptr) != SQLITE_OK) {
    return error(db, "preparing '" + std::string(sql.substr(0, 60)) + "'");
  }
  return Stmt(db, StmtHandle(raw));
}

Stmt& Stmt::bind(int i, std::int64_t v) {
  sqlite3_bind_int64(stmt_.get(), i, v);
  return *this;
}
Stmt& Stmt::bind(int i, double v) {
  sqlite3_bind_double(stmt_.get(), i, v);
  return *this;
}
Stmt& Stmt::bind(int i, std::string_view v) {
  sqlite3_bind_text(stmt_.get(), i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
  return *this;
}
Stmt& Stmt::bind_blob(int i, std::string_view bytes) {
  sqlite3_bind_blob64(stmt_.get(), i, bytes.data(), bytes.size(), SQLITE_TRANSIENT);
  return *this;
}
Stmt& Stmt::bind_null(int i) {
  sqlite3_bind_null(stmt_.get(), i);
  return *this;
}

Status Stmt::run(std::string_view what) {
  last_ = sqlite3_step(stmt_.get());
  Status s = status(what);
  reset();
  return s;
}

bool Stmt::step() {
  last_ = sqlite3_step(stmt_.get());
  return last_ == SQLITE_ROW;
}

Status Stmt::status(std::string_view what) const {
  if (last_ == SQLITE_ROW || last_ == SQLITE_DONE || last_ == SQLITE_OK) return Status::success();
  return error(db_, what);
}

void Stmt::reset() {
  sqlite3_reset(stmt_.get());
  sqlite3_clear_bindings(stmt_.get());
}

std::string Stmt::text(int col) const {
  const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_.get(), col));
  return p ? std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(stmt_.get(), col))) : std::string();
}

std::string Stmt::blob(int col) const {
  const auto* p = static_cast<const char*>(sqlite3_column_blob(stmt_.get(), col));
  return p ? std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(stmt_.get(), col))) : std::string();
}

Result<Transaction> Transaction::begin(sqlite3* db, Kind kind) {
  // IMMEDIATE takes the write lock up front, so a writer never fails half-way on a busy lock.
  const char* sql = kind == Kind::kWrite ? "BEGIN IMMEDIATE" : "BEGIN";
  if (sqlite3_exec(db, sql, nullptr, nullptr, nullptr) != SQLITE_OK) return error(db, "starting a transaction");
  return Transaction(db);
}

Transaction::~Transaction() {
  if (db_) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
}

Status Transaction::commit() {
  sqlite3* db = db_;
  db_ = nullptr;
  if (sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr) != SQLITE_OK) {
    Error e = error(db, "committing");
    sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
    return e;
  }
  return Status::success();
}

}  // namespace kiosk::cache::sqlite
