// SqliteStore: opening, configuration and the write path. Reads are in sqlite_reads.cc.
#include "store/sqlite/sqlite_store.h"

#include <sqlite3.h>

#include <algorithm>
#include <initializer_list>
#include <string_view>

#include "base/log.h"
#include "store/sqlite/migrations.h"
#include "store/sqlite/sqlite_rows.h"

namespace ordo::store {

using sqlite::Database;
using sqlite::StatementRef;

namespace {

// "INSERT INTO t (a, b, c) VALUES (?, ?, ?) ON CONFLICT (a) DO UPDATE SET b = excluded.b, ..."
// An upsert replaces the whole row in place; unlike INSERT OR REPLACE it does not delete first.
std::string UpsertSql(std::string_view table, std::initializer_list<std::string_view> columns) {
  std::string sql = "INSERT INTO ";
  sql += table;
  sql += " (";
  std::string values;
  std::string updates;
  bool first = true;
  for (std::string_view column : columns) {
    if (!first) {
      sql += ", ";
      values += ", ";
    }
    sql += column;
    values += "?";
    if (!first) {
      if (!updates.empty()) updates += ", ";
      updates += std::string(column) + " = excluded." + std::string(column);
    }
    first = false;
  }
  sql += ") VALUES (" + values + ") ON CONFLICT (" + std::string(*columns.begin()) +
         ") DO UPDATE SET " + updates;
  return sql;
}

const std::string& DefinitionUpsert() {
  static const std::string sql =
      UpsertSql("definitions", {"id", "key", "version", "name", "resource_name", "xml_sha256",
                                "xml", "deployment_id", "deployed_at", "kind"});
  return sql;
}

const std::string& InstanceUpsert() {
  static const std::string sql =
      UpsertSql("instances", {"id", "definition_id", "process_key", "version", "business_key",
                              "state", "variables_json", "active_json", "created_at", "ended_at",
                              "last_seq", "last_hash", "parent_instance_id"});
  return sql;
}

const std::string& ElementInstanceUpsert() {
  static const std::string sql = UpsertSql(
      "element_instances", {"key", "instance_id", "element", "state", "activated_at"});
  return sql;
}

const std::string& TaskUpsert() {
  static const std::string sql =
      UpsertSql("tasks", {"id", "instance_id", "element_instance", "element", "name", "assignee",
                          "candidate_groups", "candidate_users", "state", "created_at",
                          "completed_at", "due_at"});
  return sql;
}

const std::string& JobUpsert() {
  static const std::string sql =
      UpsertSql("jobs", {"id", "instance_id", "element_instance", "element", "type", "state",
                         "retries", "worker", "lock_expires_at", "due_at", "error_message",
                         "created_at"});
  return sql;
}

const std::string& IncidentUpsert() {
  static const std::string sql =
      UpsertSql("incidents", {"id", "instance_id", "element_instance", "element", "kind",
                              "message", "job_id", "state", "created_at", "resolved_at"});
  return sql;
}

const std::string& IdempotencyUpsert() {
  static const std::string sql = UpsertSql(
      "idempotency", {"scope", "request_hash", "status", "response", "created_at"});
  return sql;
}

std::string RowContext(std::string_view table, size_t index, uint64_t id) {
  return "writing " + std::string(table) + " row " + std::to_string(index) + " (id " +
         std::to_string(id) + ")";
}

Status ConfigureConnection(Database& db, const SqliteOptions& options, int cache_kib) {
  RETURN_IF_ERROR(db.Exec("PRAGMA busy_timeout = " + std::to_string(options.busy_timeout_ms)));
  RETURN_IF_ERROR(db.Exec("PRAGMA cache_size = -" + std::to_string(cache_kib)));
  RETURN_IF_ERROR(db.Exec("PRAGMA foreign_keys = OFF"));
  RETURN_IF_ERROR(db.Exec("PRAGMA temp_store = MEMORY"));
  return Status::Ok();
}

}  // namespace

Result<std::unique_ptr<SqliteStore>> SqliteStore::Open(const std::string& path,
                                                       const SqliteOptions& options) {
  if (path.empty() || path == ":memory:" || path.rfind("file::memory:", 0) == 0) {
    return InvalidArgument("sqlite store needs a database file, not '" + path +
                           "' (use MemoryStore for an in-memory store)");
  }
  ASSIGN_OR_RETURN(std::unique_ptr<Database> writer,
                   Database::Open(path, Database::Mode::kReadWriteCreate));
  RETURN_IF_ERROR(ConfigureConnection(*writer, options, options.cache_size_kib));
  ASSIGN_OR_RETURN(std::string journal_mode, writer->QueryText("PRAGMA journal_mode = WAL"));
  if (journal_mode != "wal") {
    return FailedPrecondition("sqlite " + path + ": could not enable WAL (journal_mode is " +
                              journal_mode + ")");
  }
  RETURN_IF_ERROR(writer->Exec(options.synchronous == Synchronous::kFull
                                   ? "PRAGMA synchronous = FULL"
                                   : "PRAGMA synchronous = NORMAL"));
  // With background checkpoints the writer's own automatic checkpoint is off; OnWalCommit (a WAL
  // hook, which replaces it) wakes the checkpointer instead.
  RETURN_IF_ERROR(writer->Exec("PRAGMA wal_autocheckpoint = " +
                               std::to_string(options.background_checkpoint ? 0 : options.wal_autocheckpoint_pages)));
  Status migrated = sqlite::ApplyMigrations(*writer);
  if (!migrated.ok()) return migrated.WithContext("sqlite " + path);
  // Prepared now, so a Commit that has begun never fails to prepare its COMMIT or ROLLBACK.
  for (const char* sql : {"BEGIN IMMEDIATE", "COMMIT", "ROLLBACK"}) {
    ASSIGN_OR_RETURN(StatementRef ignored, writer->Prepare(sql));
  }
  std::unique_ptr<SqliteStore> store(new SqliteStore(std::move(writer), options, journal_mode));
  if (options.background_checkpoint) {
    sqlite3_wal_hook(store->writer_->handle(), &SqliteStore::OnWalCommit, store.get());
    store->checkpointer_ = std::thread([s = store.get()] { s->CheckpointLoop(); });
  }
  return store;
}

SqliteStore::SqliteStore(std::unique_ptr<Database> writer, const SqliteOptions& options,
                         std::string journal_mode)
    : options_(options),
      journal_mode_(std::move(journal_mode)),
      writer_(std::move(writer)),
      readers_(
          [path = writer_->path(), options]() -> Result<std::unique_ptr<Database>> {
            ASSIGN_OR_RETURN(std::unique_ptr<Database> db,
                             Database::Open(path, Database::Mode::kReadWrite));
            RETURN_IF_ERROR(ConfigureConnection(*db, options, options.reader_cache_size_kib));
            RETURN_IF_ERROR(db->Exec("PRAGMA query_only = ON"));
            return db;
          },
          options.max_readers) {}

SqliteStore::~SqliteStore() {
  if (checkpointer_.joinable()) {
    {
      std::lock_guard lock(checkpoint_mu_);
      stopping_ = true;
    }
    checkpoint_cv_.notify_all();
    checkpointer_.join();
  }
  std::lock_guard lock(writer_mu_);
  if (writer_) sqlite3_wal_hook(writer_->handle(), nullptr, nullptr);
}

int SqliteStore::OnWalCommit(void* self, sqlite3* db, const char* schema, int wal_pages) {
  auto* store = static_cast<SqliteStore*>(self);
  const int threshold = std::max(1, store->options_.wal_autocheckpoint_pages);
  if (wal_pages >= 4 * threshold) {
    // The background thread is behind (or readers pin old frames): bound the WAL here.
    sqlite3_wal_checkpoint_v2(db, schema, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
    store->inline_checkpoints_.fetch_add(1, std::memory_order_relaxed);
  } else if (wal_pages >= threshold) {
    {
      std::lock_guard lock(store->checkpoint_mu_);
      store->checkpoint_wanted_ = true;
    }
    store->checkpoint_cv_.notify_one();
  }
  return SQLITE_OK;
}

void SqliteStore::CheckpointLoop() {
  // A connection of its own: a PASSIVE checkpoint runs beside the writer and the readers.
  Result<std::unique_ptr<sqlite::Database>> db =
      sqlite::Database::Open(writer_->path(), sqlite::Database::Mode::kReadWrite);
  if (!db.ok()) {
    log::Warning("sqlite: background checkpoints are off: " + db.status().ToString());
    return;
  }
  Status configured = ConfigureConnection(**db, options_, 1024);
  if (!configured.ok()) log::Warning("sqlite checkpointer: " + configured.ToString());
  std::unique_lock lock(checkpoint_mu_);
  for (;;) {
    checkpoint_cv_.wait(lock, [this] { return checkpoint_wanted_ || stopping_; });
    if (stopping_) return;
    checkpoint_wanted_ = false;
    lock.unlock();
    int rc = sqlite3_wal_checkpoint_v2((*db)->handle(), nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
    if (rc != SQLITE_OK && rc != SQLITE_BUSY) {
      log::Warning(std::string("sqlite: background checkpoint failed: ") + sqlite3_errstr(rc));
    }
    background_checkpoints_.fetch_add(1, std::memory_order_relaxed);
    lock.lock();
  }
}

std::string SqliteStore::Describe() const {
  std::string mode = journal_mode_ == "wal" ? "WAL" : journal_mode_;
  return "sqlite " + writer_->path() + " (" + mode + ", synchronous=" +
         (options_.synchronous == Synchronous::kFull ? "FULL" : "NORMAL") + ")";
}

Status SqliteStore::Commit(const Transaction& txn) {
  if (txn.empty()) return Status::Ok();
  std::lock_guard lock(writer_mu_);
  {
    ASSIGN_OR_RETURN(StatementRef begin, writer_->Prepare("BEGIN IMMEDIATE"));
    RETURN_IF_ERROR(begin->Run());
  }
  Status status = WriteBatch(txn);
  if (status.ok()) {
    Result<StatementRef> commit = writer_->Prepare("COMMIT");
    status = commit.ok() ? (*commit)->Run() : commit.status();
  }
  // After a failed statement or COMMIT the transaction may still be open (or SQLite may already
  // have rolled it back after an I/O error); either way nothing of the batch must remain.
  if (!status.ok() && !writer_->InAutocommit()) {
    Result<StatementRef> rollback = writer_->Prepare("ROLLBACK");
    if (rollback.ok()) (void)(*rollback)->Run();
  }
  return status;
}

Status SqliteStore::WriteBatch(const Transaction& txn) {
  RETURN_IF_ERROR(WriteDefinitions(txn));
  RETURN_IF_ERROR(WriteEvents(txn));
  RETURN_IF_ERROR(WriteInstances(txn));
  RETURN_IF_ERROR(WriteElementInstances(txn));
  RETURN_IF_ERROR(WriteTasks(txn));
  RETURN_IF_ERROR(WriteJobsAndIncidents(txn));
  return WriteIdempotencyAndMeta(txn);
}

Status SqliteStore::WriteDefinitions(const Transaction& txn) {
  if (txn.definitions.empty()) return Status::Ok();
  ASSIGN_OR_RETURN(StatementRef stmt, writer_->Prepare(DefinitionUpsert()));
  for (size_t i = 0; i < txn.definitions.size(); ++i) {
    const DefinitionRow& row = txn.definitions[i];
    stmt->BindUint64(1, row.id);
    stmt->BindText(2, row.key);
    stmt->BindInt64(3, row.version);
    stmt->BindText(4, row.name);
    stmt->BindText(5, row.resource_name);
    stmt->BindText(6, row.xml_sha256);
    stmt->BindText(7, row.xml);
    stmt->BindUint64(8, row.deployment_id);
    stmt->BindInt64(9, row.deployed_at);
    stmt->BindText(10, DefinitionKindName(row.kind));
    Status status = stmt->Run();
    if (!status.ok()) return status.WithContext(RowContext("definitions", i, row.id));
  }
  return Status::Ok();
}

Status SqliteStore::WriteEvents(const Transaction& txn) {
  if (txn.events.empty()) return Status::Ok();
  // A plain INSERT: an existing (instance_id, seq_first) fails the statement and so the batch.
  ASSIGN_OR_RETURN(StatementRef stmt,
                   writer_->Prepare("INSERT INTO events (instance_id, seq_first, seq_last, hash, "
                                    "body) VALUES (?, ?, ?, ?, ?)"));
  for (size_t i = 0; i < txn.events.size(); ++i) {
    const EventRow& row = txn.events[i];
    stmt->BindUint64(1, row.instance_id);
    stmt->BindUint64(2, row.seq_first);
    stmt->BindUint64(3, row.seq_last);
    stmt->BindDigest(4, row.hash);
    stmt->BindBlob(5, row.body.data(), row.body.size());
    Status status = stmt->Run();
    if (!status.ok()) {
      // A duplicate key means two writers raced on one chain or a command was replayed: a bug.
      return Status(status.code() == StatusCode::kUnavailable ? status.code()
                                                              : StatusCode::kInternal,
                    status.message())
          .WithContext("appending event row " + std::to_string(i) + " (instance " +
                       std::to_string(row.instance_id) + ", seq_first " +
                       std::to_string(row.seq_first) + ")");
    }
  }
  return Status::Ok();
}

Status SqliteStore::WriteInstances(const Transaction& txn) {
  if (txn.instances.empty()) return Status::Ok();
  ASSIGN_OR_RETURN(StatementRef stmt, writer_->Prepare(InstanceUpsert()));
  for (size_t i = 0; i < txn.instances.size(); ++i) {
    const InstanceRow& row = txn.instances[i];
    stmt->BindUint64(1, row.id);
    stmt->BindUint64(2, row.definition_id);
    stmt->BindText(3, row.process_key);
    stmt->BindInt64(4, row.version);
    stmt->BindText(5, row.business_key);
    stmt->BindText(6, InstanceStateName(row.state));
    stmt->BindText(7, row.variables_json);
    stmt->BindText(8, row.active_json);
    stmt->BindInt64(9, row.created_at);
    stmt->BindInt64(10, row.ended_at);
    stmt->BindUint64(11, row.last_seq);
    stmt->BindDigest(12, row.last_hash);
    stmt->BindUint64(13, row.parent_instance_id);
    Status status = stmt->Run();
    if (!status.ok()) return status.WithContext(RowContext("instances", i, row.id));
  }
  return Status::Ok();
}

Status SqliteStore::WriteElementInstances(const Transaction& txn) {
  if (!txn.element_instances.empty()) {
    ASSIGN_OR_RETURN(StatementRef stmt, writer_->Prepare(ElementInstanceUpsert()));
    for (size_t i = 0; i < txn.element_instances.size(); ++i) {
      const ElementInstanceRow& row = txn.element_instances[i];
      stmt->BindUint64(1, row.key);
      stmt->BindUint64(2, row.instance_id);
      stmt->BindText(3, row.element);
      stmt->BindText(4, row.state);
      stmt->BindInt64(5, row.activated_at);
      Status status = stmt->Run();
      if (!status.ok()) return status.WithContext(RowContext("element_instances", i, row.key));
    }
  }
  if (!txn.deleted_element_instances.empty()) {
    ASSIGN_OR_RETURN(StatementRef stmt,
                     writer_->Prepare("DELETE FROM element_instances WHERE key = ?"));
    for (uint64_t key : txn.deleted_element_instances) {
      stmt->BindUint64(1, key);
      RETURN_IF_ERROR(stmt->Run());
    }
  }
  return Status::Ok();
}

Status SqliteStore::WriteTasks(const Transaction& txn) {
  if (txn.tasks.empty()) return Status::Ok();
  ASSIGN_OR_RETURN(StatementRef stmt, writer_->Prepare(TaskUpsert()));
  for (size_t i = 0; i < txn.tasks.size(); ++i) {
    const TaskRow& row = txn.tasks[i];
    sqlite::EncodeNames(row.candidate_groups, groups_scratch_);
    sqlite::EncodeNames(row.candidate_users, users_scratch_);
    stmt->BindUint64(1, row.id);
    stmt->BindUint64(2, row.instance_id);
    stmt->BindUint64(3, row.element_instance);
    stmt->BindText(4, row.element);
    stmt->BindText(5, row.name);
    stmt->BindText(6, row.assignee);
    stmt->BindText(7, groups_scratch_);
    stmt->BindText(8, users_scratch_);
    stmt->BindText(9, TaskStateName(row.state));
    stmt->BindInt64(10, row.created_at);
    stmt->BindInt64(11, row.completed_at);
    stmt->BindInt64(12, row.due_at);
    Status status = stmt->Run();
    if (!status.ok()) return status.WithContext(RowContext("tasks", i, row.id));
  }
  return Status::Ok();
}

Status SqliteStore::WriteJobsAndIncidents(const Transaction& txn) {
  if (!txn.jobs.empty()) {
    ASSIGN_OR_RETURN(StatementRef stmt, writer_->Prepare(JobUpsert()));
    for (size_t i = 0; i < txn.jobs.size(); ++i) {
      const JobRow& row = txn.jobs[i];
      stmt->BindUint64(1, row.id);
      stmt->BindUint64(2, row.instance_id);
      stmt->BindUint64(3, row.element_instance);
      stmt->BindText(4, row.element);
      stmt->BindText(5, row.type);
      stmt->BindText(6, JobStateName(row.state));
      stmt->BindInt64(7, row.retries);
      stmt->BindText(8, row.worker);
      stmt->BindInt64(9, row.lock_expires_at);
      stmt->BindInt64(10, row.due_at);
      stmt->BindText(11, row.error_message);
      stmt->BindInt64(12, row.created_at);
      Status status = stmt->Run();
      if (!status.ok()) return status.WithContext(RowContext("jobs", i, row.id));
    }
  }
  if (!txn.incidents.empty()) {
    ASSIGN_OR_RETURN(StatementRef stmt, writer_->Prepare(IncidentUpsert()));
    for (size_t i = 0; i < txn.incidents.size(); ++i) {
      const IncidentRow& row = txn.incidents[i];
      stmt->BindUint64(1, row.id);
      stmt->BindUint64(2, row.instance_id);
      stmt->BindUint64(3, row.element_instance);
      stmt->BindText(4, row.element);
      stmt->BindText(5, row.kind);
      stmt->BindText(6, row.message);
      stmt->BindUint64(7, row.job_id);
      stmt->BindText(8, sqlite::IncidentStateName(row.state));
      stmt->BindInt64(9, row.created_at);
      stmt->BindInt64(10, row.resolved_at);
      Status status = stmt->Run();
      if (!status.ok()) return status.WithContext(RowContext("incidents", i, row.id));
    }
  }
  return Status::Ok();
}

Status SqliteStore::WriteIdempotencyAndMeta(const Transaction& txn) {
  if (!txn.idempotency.empty()) {
    ASSIGN_OR_RETURN(StatementRef stmt, writer_->Prepare(IdempotencyUpsert()));
    for (size_t i = 0; i < txn.idempotency.size(); ++i) {
      const IdempotencyRow& row = txn.idempotency[i];
      stmt->BindText(1, row.scope);
      stmt->BindText(2, row.request_hash);
      stmt->BindInt64(3, row.status);
      stmt->BindText(4, row.response);
      stmt->BindInt64(5, row.created_at);
      Status status = stmt->Run();
      if (!status.ok()) return status.WithContext("writing idempotency row " + std::to_string(i));
    }
  }
  if (txn.next_key) {
    ASSIGN_OR_RETURN(StatementRef stmt,
                     writer_->Prepare("INSERT INTO meta (name, value) VALUES ('next_key', ?) "
                                      "ON CONFLICT (name) DO UPDATE SET value = excluded.value"));
    stmt->BindUint64(1, *txn.next_key);
    RETURN_IF_ERROR(stmt->Run());
  }
  return Status::Ok();
}

Result<int64_t> SqliteStore::ExpireIdempotency(TimestampMs before) {
  std::lock_guard lock(writer_mu_);
  ASSIGN_OR_RETURN(StatementRef stmt,
                   writer_->Prepare("DELETE FROM idempotency WHERE created_at < ?"));
  stmt->BindInt64(1, before);
  RETURN_IF_ERROR(stmt->Run());
  return writer_->Changes();
}

}  // namespace ordo::store
