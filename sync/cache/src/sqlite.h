// Thin owners for SQLite handles, private to the cache module. Every error carries sqlite3_errmsg()
// of the connection, captured at the failing call.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "platform/result.h"

namespace kiosk::cache::sqlite {

struct CloseDb {
  void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
struct FinalizeStmt {
  void operator()(sqlite3_stmt* s) const { sqlite3_finalize(s); }
};
using DbHandle = std::unique_ptr<sqlite3, CloseDb>;
using StmtHandle = std::unique_ptr<sqlite3_stmt, FinalizeStmt>;

// "<what>: <sqlite message>"
Error error(sqlite3* db, std::string_view what);

// Runs one or more statements without results.
Status exec(sqlite3* db, const std::string& sql, std::string_view what);

// A prepared statement. Bind by 1-based index; step() until it returns false.
class Stmt {
 public:
  static Result<Stmt> prepare(sqlite3* db, std::string_view sql);

  Stmt& bind(int i, std::int64_t v);
  Stmt& bind(int i, int v) { return bind(i, static_cast<std::int64_t>(v)); }
  Stmt& bind(int i, double v);
  Stmt& bind(int i, std::string_view v);
  Stmt& bind_null(int i);
  Stmt& bind_blob(int i, std::string_view bytes);
  template <class T>
  Stmt& bind(int i, const std::optional<T>& v) {
    return v ? bind(i, *v) : bind_null(i);
  }

  // Executes a statement that returns no rows, then resets it for the next bindings.
  Status run(std::string_view what);
  // Advances to the next row: true with a row, false at the end or on error (see `status()`).
  bool step();
  Status status(std::string_view what) const;
  void reset();

  std::int64_t int64(int col) const { return sqlite3_column_int64(stmt_.get(), col); }
  double real(int col) const { return sqlite3_column_double(stmt_.get(), col); }
  bool is_null(int col) const { return sqlite3_column_type(stmt_.get(), col) == SQLITE_NULL; }
  std::string text(int col) const;
  std::string blob(int col) const;

 private:
  Stmt(sqlite3* db, StmtHandle s) : db_(db), stmt_(std::move(s)) {}
  sqlite3* db_;
  StmtHandle stmt_;
  int last_ = SQLITE_OK;
};

// A transaction that rolls back unless committed.
class Transaction {
 public:
  enum class Kind { kRead, kWrite };
  static Result<Transaction> begin(sqlite3* db, Kind kind);
  Transaction(Transaction&& other) noexcept : db_(other.db_) { other.db_ = nullptr; }
  Transaction& operator=(Transaction&&) = delete;
  ~Transaction();
  Status commit();

 private:
  explicit Transaction(sqlite3* db) : db_(db) {}
  sqlite3* db_;
};

}  // namespace kiosk::cache::sqlite
