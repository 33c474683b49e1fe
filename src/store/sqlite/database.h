// A thin RAII layer over the sqlite3 C API: a Database owns one connection, a Statement owns one
// prepared statement, and a Database caches its prepared statements by SQL text so hot paths
// prepare once and then only bind, step and reset.
//
// Ownership: Database owns its connection and every cached Statement; a StatementRef borrows a
// cached statement and resets it when it goes out of scope (an unreset statement would keep a
// read snapshot open and pin the WAL).
// Thread-safety: none. A connection is used by one thread at a time (opened with
// SQLITE_OPEN_NOMUTEX); callers provide the exclusion (SqliteStore's writer mutex, reader pool).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include "base/sha256.h"
#include "base/status.h"

struct sqlite3;
struct sqlite3_stmt;

namespace ordo::store::sqlite {

// Maps an sqlite3 result code to a Status code: busy, locked, I/O and disk-full errors are
// Unavailable (retrying may succeed), corruption is DataLoss, the rest Internal.
Status ErrorStatus(int rc, std::string_view what, sqlite3* db);

class Statement {
 public:
  Statement(sqlite3_stmt* stmt, sqlite3* db) : stmt_(stmt), db_(db) {}
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  // Parameters are 1-based. Text and blobs are bound without copying (SQLITE_STATIC):
  // REQUIRES: the bound bytes outlive the next Step()/Run().
  void BindInt64(int index, int64_t value);
  void BindUint64(int index, uint64_t value) { BindInt64(index, static_cast<int64_t>(value)); }
  void BindText(int index, std::string_view text);
  void BindBlob(int index, const void* data, size_t size);
  void BindDigest(int index, const Digest& digest) { BindBlob(index, digest.data(), digest.size()); }
  void BindNull(int index);

  // Advances one row: true when a row is available, false when done.
  Result<bool> Step();
  // Steps to completion (for statements without result rows) and resets.
  Status Run();
  void Reset();
  // Resets and drops every binding, so no pointer into a caller's buffer outlives the call.
  void Clear();

  // Columns are 0-based. REQUIRES: the last Step() returned true.
  int64_t ColumnInt64(int column) const;
  uint64_t ColumnUint64(int column) const { return static_cast<uint64_t>(ColumnInt64(column)); }
  bool ColumnIsNull(int column) const;
  // Views into SQLite's buffer, valid until the next Step()/Reset().
  std::string_view ColumnView(int column) const;
  std::string ColumnText(int column) const { return std::string(ColumnView(column)); }
  // A 32-byte blob; a NULL or wrongly sized value reads as all zero.
  Digest ColumnDigest(int column) const;

  // The SQL text, for error messages.
  std::string_view sql() const;

 private:
  sqlite3_stmt* stmt_;
  sqlite3* db_;  // not owned; the Database that prepared this statement outlives it
};

// Borrows a cached statement; clears it on destruction.
class StatementRef {
 public:
  explicit StatementRef(Statement* statement) : statement_(statement) {}
  ~StatementRef() {
    if (statement_ != nullptr) statement_->Clear();
  }
  StatementRef(StatementRef&& other) noexcept : statement_(other.statement_) {
    other.statement_ = nullptr;
  }
  StatementRef(const StatementRef&) = delete;
  StatementRef& operator=(const StatementRef&) = delete;
  StatementRef& operator=(StatementRef&&) = delete;

  Statement* operator->() const { return statement_; }
  Statement& operator*() const { return *statement_; }

 private:
  Statement* statement_;  // owned by the Database's cache
};

class Database {
 public:
  enum class Mode { kReadWriteCreate, kReadWrite };

  static Result<std::unique_ptr<Database>> Open(const std::string& path, Mode mode);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  // Runs one or more statements without results (DDL, PRAGMA assignments, BEGIN/COMMIT).
  Status Exec(std::string_view sql);
  // Runs a statement returning a single value, e.g. "PRAGMA journal_mode=WAL".
  Result<std::string> QueryText(std::string_view sql);

  // Returns the cached prepared statement for sql, preparing it on first use.
  Result<StatementRef> Prepare(std::string_view sql);

  // Rows changed by the last INSERT/UPDATE/DELETE.
  int64_t Changes() const;
  // True while no transaction is open.
  bool InAutocommit() const;
  sqlite3* handle() const { return db_; }
  const std::string& path() const { return path_; }

 private:
  Database(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}

  sqlite3* db_;
  std::string path_;
  // Statements must be finalized before the connection closes: the destructor clears this first.
  struct SqlHash {
    using is_transparent = void;  // lookups by string_view do not allocate
    size_t operator()(std::string_view sql) const { return std::hash<std::string_view>()(sql); }
  };
  std::unordered_map<std::string, std::unique_ptr<Statement>, SqlHash, std::equal_to<>> cache_;
};

}  // namespace ordo::store::sqlite
