#include "store/sqlite/database.h"

#include <sqlite3.h>

#include <cstring>

namespace ordo::store::sqlite {

Status ErrorStatus(int rc, std::string_view what, sqlite3* db) {
  std::string message(what);
  message += ": ";
  message += db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  switch (rc & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
    case SQLITE_IOERR:
    case SQLITE_FULL:
    case SQLITE_CANTOPEN:
    case SQLITE_NOMEM:
    case SQLITE_PROTOCOL:
      return Unavailable(std::move(message));
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return DataLoss(std::move(message));
    default:
      return Internal(std::move(message));
  }
}

Statement::~Statement() { sqlite3_finalize(stmt_); }

void Statement::BindInt64(int index, int64_t value) { sqlite3_bind_int64(stmt_, index, value); }

void Statement::BindText(int index, std::string_view text) {
  sqlite3_bind_text(stmt_, index, text.data(), static_cast<int>(text.size()), SQLITE_STATIC);
}

void Statement::BindBlob(int index, const void* data, size_t size) {
  // A zero-length blob with a null pointer would bind NULL; keep it an empty blob.
  static const char kEmpty = 0;
  sqlite3_bind_blob(stmt_, index, size == 0 ? &kEmpty : data, static_cast<int>(size),
                    SQLITE_STATIC);
}

void Statement::BindNull(int index) { sqlite3_bind_null(stmt_, index); }

Result<bool> Statement::Step() {
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  Status status = ErrorStatus(rc, sql(), db_);
  sqlite3_reset(stmt_);
  return status;
}

Status Statement::Run() {
  int rc;
  do {
    rc = sqlite3_step(stmt_);
  } while (rc == SQLITE_ROW);
  if (rc != SQLITE_DONE) {
    Status status = ErrorStatus(rc, sql(), db_);
    sqlite3_reset(stmt_);
    return status;
  }
  sqlite3_reset(stmt_);
  return Status::Ok();
}

void Statement::Reset() { sqlite3_reset(stmt_); }

void Statement::Clear() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

int64_t Statement::ColumnInt64(int column) const { return sqlite3_column_int64(stmt_, column); }

bool Statement::ColumnIsNull(int column) const {
  return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
}

std::string_view Statement::ColumnView(int column) const {
  // sqlite3_column_blob works for text too and does not convert encodings.
  const void* data = sqlite3_column_blob(stmt_, column);
  int size = sqlite3_column_bytes(stmt_, column);
  if (data == nullptr || size <= 0) return {};
  return {static_cast<const char*>(data), static_cast<size_t>(size)};
}

Digest Statement::ColumnDigest(int column) const {
  Digest digest{};
  std::string_view bytes = ColumnView(column);
  if (bytes.size() == digest.size()) std::memcpy(digest.data(), bytes.data(), digest.size());
  return digest;
}

std::string_view Statement::sql() const {
  const char* text = sqlite3_sql(stmt_);
  return text != nullptr ? std::string_view(text) : std::string_view();
}

Result<std::unique_ptr<Database>> Database::Open(const std::string& path, Mode mode) {
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
  if (mode == Mode::kReadWriteCreate) flags |= SQLITE_OPEN_CREATE;
  sqlite3* db = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
  if (rc != SQLITE_OK) {
    Status status = ErrorStatus(rc, "opening " + path, db);
    sqlite3_close_v2(db);  // a handle is returned even on failure
    return status;
  }
  sqlite3_extended_result_codes(db, 1);
  return std::unique_ptr<Database>(new Database(db, path));
}

Database::~Database() {
  cache_.clear();
  sqlite3_close_v2(db_);
}

Status Database::Exec(std::string_view sql) {
  std::string text(sql);
  char* error = nullptr;
  int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &error);
  if (rc == SQLITE_OK) return Status::Ok();
  std::string what = text.size() > 80 ? text.substr(0, 80) + "..." : text;
  Status status = ErrorStatus(rc, what, db_);
  sqlite3_free(error);
  return status;
}

Result<std::string> Database::QueryText(std::string_view sql) {
  ASSIGN_OR_RETURN(StatementRef statement, Prepare(sql));
  ASSIGN_OR_RETURN(bool row, statement->Step());
  if (!row) return Internal(std::string(sql) + ": no result row");
  return statement->ColumnText(0);
}

Result<StatementRef> Database::Prepare(std::string_view sql) {
  auto it = cache_.find(sql);
  if (it != cache_.end()) return StatementRef(it->second.get());
  std::string key(sql);
  sqlite3_stmt* stmt = nullptr;
  int rc = sqlite3_prepare_v3(db_, key.data(), static_cast<int>(key.size()),
                              SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
  if (rc != SQLITE_OK) return ErrorStatus(rc, "preparing " + key, db_);
  auto [inserted, _] = cache_.emplace(std::move(key), std::make_unique<Statement>(stmt, db_));
  return StatementRef(inserted->second.get());
}

int64_t Database::Changes() const { return sqlite3_changes64(db_); }

bool Database::InAutocommit() const { return sqlite3_get_autocommit(db_) != 0; }

}  // namespace ordo::store::sqlite
