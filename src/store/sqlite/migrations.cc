#include "store/sqlite/migrations.h"

#include <chrono>
#include <string>

namespace ordo::store::sqlite {
namespace {

// Column conventions: ids, keys and sequence numbers are INTEGER (uint64 stored as its int64 bit
// pattern); timestamps are INTEGER milliseconds since the epoch; states are their names from
// rows.h; digests are 32-byte BLOBs; lists of names are JSON arrays of strings.
constexpr const char* kInitialSchema = R"sql(
CREATE TABLE definitions (
  id            INTEGER PRIMARY KEY,
  key           TEXT NOT NULL,
  version       INTEGER NOT NULL,
  name          TEXT NOT NULL,
  resource_name TEXT NOT NULL,
  xml_sha256    TEXT NOT NULL,
  xml           TEXT NOT NULL,
  deployment_id INTEGER NOT NULL,
  deployed_at   INTEGER NOT NULL,
  UNIQUE (key, version)  -- its index also serves lookups by key
);

-- The append-only log. The key is (instance_id, seq_first), so two writers can never fork a chain.
-- A rowid table, not WITHOUT ROWID: an event row is often over 1 KB, and a WITHOUT ROWID
-- table keeps only ~1 KB of a row on a 4 KiB page, spilling the rest into a whole overflow page
-- (measured: 4.8 KB stored per 1 KB row). The key lives in its own unique index.
CREATE TABLE events (
  instance_id INTEGER NOT NULL,
  seq_first   INTEGER NOT NULL,
  seq_last    INTEGER NOT NULL,
  hash        BLOB NOT NULL,
  body        BLOB NOT NULL,
  PRIMARY KEY (instance_id, seq_first)
);

CREATE TABLE instances (
  id             INTEGER PRIMARY KEY,
  definition_id  INTEGER NOT NULL,
  process_key    TEXT NOT NULL,
  version        INTEGER NOT NULL,
  business_key   TEXT NOT NULL,
  state          TEXT NOT NULL,
  variables_json TEXT NOT NULL,
  active_json    TEXT NOT NULL,
  created_at     INTEGER NOT NULL,
  ended_at       INTEGER NOT NULL,
  last_seq       INTEGER NOT NULL,
  last_hash      BLOB NOT NULL
);
CREATE INDEX instances_by_process ON instances (process_key, id);
CREATE INDEX instances_by_state ON instances (state, id);

CREATE TABLE element_instances (
  key          INTEGER PRIMARY KEY,
  instance_id  INTEGER NOT NULL,
  element      TEXT NOT NULL,
  state        TEXT NOT NULL,
  activated_at INTEGER NOT NULL
);
CREATE INDEX element_instances_by_instance ON element_instances (instance_id, key);

CREATE TABLE tasks (
  id               INTEGER PRIMARY KEY,
  instance_id      INTEGER NOT NULL,
  element_instance INTEGER NOT NULL,
  element          TEXT NOT NULL,
  name             TEXT NOT NULL,
  assignee         TEXT NOT NULL,
  candidate_groups TEXT NOT NULL,
  candidate_users  TEXT NOT NULL,
  state            TEXT NOT NULL,
  created_at       INTEGER NOT NULL,
  completed_at     INTEGER NOT NULL
);
CREATE INDEX tasks_by_state ON tasks (state, id);
CREATE INDEX tasks_by_instance ON tasks (instance_id, id);
CREATE INDEX tasks_by_assignee ON tasks (assignee, id);

CREATE TABLE jobs (
  id               INTEGER PRIMARY KEY,
  instance_id      INTEGER NOT NULL,
  element_instance INTEGER NOT NULL,
  element          TEXT NOT NULL,
  type             TEXT NOT NULL,
  state            TEXT NOT NULL,
  retries          INTEGER NOT NULL,
  worker           TEXT NOT NULL,
  lock_expires_at  INTEGER NOT NULL,
  due_at           INTEGER NOT NULL,
  error_message    TEXT NOT NULL,
  created_at       INTEGER NOT NULL
);
CREATE INDEX jobs_by_instance ON jobs (instance_id, id);
CREATE INDEX jobs_by_state_type ON jobs (state, type, due_at);

CREATE TABLE incidents (
  id               INTEGER PRIMARY KEY,
  instance_id      INTEGER NOT NULL,
  element_instance INTEGER NOT NULL,
  element          TEXT NOT NULL,
  kind             TEXT NOT NULL,
  message          TEXT NOT NULL,
  job_id           INTEGER NOT NULL,
  state            TEXT NOT NULL,
  created_at       INTEGER NOT NULL,
  resolved_at      INTEGER NOT NULL
);
CREATE INDEX incidents_by_instance ON incidents (instance_id, id);

CREATE TABLE idempotency (
  scope        TEXT PRIMARY KEY,
  request_hash TEXT NOT NULL,
  status       INTEGER NOT NULL,
  response     TEXT NOT NULL,
  created_at   INTEGER NOT NULL
);
CREATE INDEX idempotency_by_age ON idempotency (created_at);

CREATE TABLE meta (
  name  TEXT PRIMARY KEY,
  value
) WITHOUT ROWID;
)sql";

// Decisions (DMN) are deployed beside processes: a definition now has a kind, and a key is unique
// per kind ("invoice" may name both a process and a decision). SQLite cannot change a UNIQUE
// constraint in place, so the table is rebuilt; every stored row becomes a process.
constexpr const char* kDefinitionKinds = R"sql(
CREATE TABLE definitions_new (
  id            INTEGER PRIMARY KEY,
  kind          TEXT NOT NULL,
  key           TEXT NOT NULL,
  version       INTEGER NOT NULL,
  name          TEXT NOT NULL,
  resource_name TEXT NOT NULL,
  xml_sha256    TEXT NOT NULL,
  xml           TEXT NOT NULL,
  deployment_id INTEGER NOT NULL,
  deployed_at   INTEGER NOT NULL,
  UNIQUE (kind, key, version)
);
INSERT INTO definitions_new (id, kind, key, version, name, resource_name, xml_sha256, xml,
                             deployment_id, deployed_at)
  SELECT id, 'process', key, version, name, resource_name, xml_sha256, xml, deployment_id,
         deployed_at FROM definitions;
DROP TABLE definitions;
ALTER TABLE definitions_new RENAME TO definitions;
)sql";

int64_t NowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

Status MigrateInTransaction(Database& db) {
  RETURN_IF_ERROR(db.Exec(
      "CREATE TABLE IF NOT EXISTS schema_version ("
      "version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)"));
  ASSIGN_OR_RETURN(int current, CurrentSchemaVersion(db));
  int latest = LatestSchemaVersion();
  if (current > latest) {
    return FailedPrecondition("database " + db.path() + " has schema version " +
                              std::to_string(current) + ", newer than this binary supports (" +
                              std::to_string(latest) + "); use a newer ordo");
  }
  for (const Migration& migration : Migrations()) {
    if (migration.version <= current) continue;
    Status applied = db.Exec(migration.sql);
    if (!applied.ok()) {
      return applied.WithContext("applying schema migration " + std::to_string(migration.version) +
                                 " (" + migration.name + ")");
    }
    ASSIGN_OR_RETURN(StatementRef record,
                     db.Prepare("INSERT INTO schema_version (version, name, applied_at) "
                                "VALUES (?, ?, ?)"));
    record->BindInt64(1, migration.version);
    record->BindText(2, migration.name);
    record->BindInt64(3, NowMs());
    RETURN_IF_ERROR(record->Run());
  }
  return Status::Ok();
}

}  // namespace

// Call activities (the calling instance) and user task due dates.
constexpr const char* kCallsAndDueDates = R"sql(
ALTER TABLE instances ADD COLUMN parent_instance_id INTEGER NOT NULL DEFAULT 0;
CREATE INDEX instances_by_parent ON instances (parent_instance_id, id);
ALTER TABLE tasks ADD COLUMN due_at INTEGER NOT NULL DEFAULT 0;
)sql";

const std::vector<Migration>& Migrations() {
  static const std::vector<Migration> kMigrations = {
      {1, "initial schema", kInitialSchema},
      {2, "definition kinds (processes and decisions)", kDefinitionKinds},
      {3, "calling instances and task due dates", kCallsAndDueDates},
  };
  return kMigrations;
}

int LatestSchemaVersion() { return Migrations().back().version; }

Result<int> CurrentSchemaVersion(Database& db) {
  ASSIGN_OR_RETURN(StatementRef exists,
                   db.Prepare("SELECT count(*) FROM sqlite_schema "
                              "WHERE type = 'table' AND name = 'schema_version'"));
  ASSIGN_OR_RETURN(bool row, exists->Step());
  if (!row || exists->ColumnInt64(0) == 0) return 0;
  ASSIGN_OR_RETURN(StatementRef max, db.Prepare("SELECT COALESCE(MAX(version), 0) FROM schema_version"));
  ASSIGN_OR_RETURN(row, max->Step());
  return row ? static_cast<int>(max->ColumnInt64(0)) : 0;
}

Status ApplyMigrations(Database& db) {
  RETURN_IF_ERROR(db.Exec("BEGIN IMMEDIATE"));
  Status status = MigrateInTransaction(db);
  if (status.ok()) status = db.Exec("COMMIT");
  if (!status.ok() && !db.InAutocommit()) {
    (void)db.Exec("ROLLBACK");
  }
  return status;
}

}  // namespace ordo::store::sqlite
