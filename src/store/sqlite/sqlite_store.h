// SqliteStore: the Store on one SQLite file, the default backend for a single machine.
//
// Durability: the database runs in WAL mode with synchronous=FULL, so a Commit that returned OK
// survives power loss; throughput comes from group commit (one transaction per batch), not from
// weaker syncing. synchronous=NORMAL exists only as the explicitly named
// Synchronous::kNormalNotDurable, for throwaway databases (never for acknowledged commands).
//
// Connections: one writer connection, used by Commit and ExpireIdempotency under a mutex, and a
// pool of reader connections, each read call borrowing one for its duration. Prepared statements
// are cached per connection and reused.
// Checkpoints: by default a thread of the store copies WAL frames into the database file (a
// PASSIVE checkpoint on its own connection) once the WAL passes the threshold, so commits never
// wait for one.
// Schema: numbered migrations (store/sqlite/migrations.h) are applied by Open; a database written
// by a newer binary is refused.
// Thread-safety: as Store: Commit from one thread at a time (further callers wait on the writer
// mutex), reads from any thread concurrently with Commit.
#pragma once

#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "store/sqlite/connection_pool.h"
#include "store/sqlite/database.h"
#include "store/store.h"

namespace ordo::store {

enum class Synchronous {
  kFull,              // fsync at every commit: required for acknowledged commands
  kNormalNotDurable,  // WAL + NORMAL: a power loss may drop the last commits
};

struct SqliteOptions {
  Synchronous synchronous = Synchronous::kFull;
  int busy_timeout_ms = 5000;
  int cache_size_kib = 64 * 1024;        // page cache of the writer connection
  int reader_cache_size_kib = 16 * 1024;  // page cache of each reader connection
  int max_readers = 4;
  int wal_autocheckpoint_pages = 4000;  // checkpoint when the WAL passes ~16 MB
  // Checkpoint on a thread of the store's own (with its own connection) instead of inside the
  // commit that crosses the threshold, so no acknowledged command waits for a checkpoint. The
  // writer still checkpoints itself if the WAL grows past 4x the threshold (the checkpointer is
  // behind, or long readers hold old frames).
  bool background_checkpoint = true;
};

class SqliteStore final : public Store {
 public:
  // Opens (creating if needed) the database file at path and migrates it.
  // Errors: InvalidArgument for an empty or in-memory path, FailedPrecondition for a database
  // newer than this binary, Unavailable when the file cannot be opened or locked.
  static Result<std::unique_ptr<SqliteStore>> Open(const std::string& path,
                                                   const SqliteOptions& options = {});
  ~SqliteStore() override;
  SqliteStore(const SqliteStore&) = delete;
  SqliteStore& operator=(const SqliteStore&) = delete;

  Status Commit(const Transaction& txn) override;
  Result<std::optional<uint64_t>> NextKey() override;

  Result<std::vector<DefinitionRow>> ListDefinitions(bool all_versions) override;
  Result<std::optional<DefinitionRow>> GetDefinition(uint64_t id) override;
  Result<std::optional<DefinitionRow>> LatestDefinition(std::string_view key,
                                                        DefinitionKind kind = DefinitionKind::kProcess) override;

  Result<std::optional<InstanceRow>> GetInstance(uint64_t id) override;
  Result<std::vector<InstanceRow>> ListInstances(const InstanceFilter& filter,
                                                 const Page& page) override;
  Result<std::vector<uint64_t>> ListUnfinishedInstanceIds() override;
  Result<std::vector<ElementInstanceRow>> ListElementInstances(uint64_t instance_id) override;

  Result<std::vector<EventRow>> ListEvents(uint64_t instance_id) override;
  Status ScanEvents(const std::function<Status(const EventRow&)>& visit) override;

  Result<std::optional<TaskRow>> GetTask(uint64_t id) override;
  Result<std::vector<TaskRow>> ListTasks(const TaskFilter& filter, const Page& page) override;
  Result<std::optional<JobRow>> GetJob(uint64_t id) override;
  Result<std::vector<JobRow>> ListJobs(uint64_t instance_id) override;
  Result<std::optional<IncidentRow>> GetIncident(uint64_t id) override;
  Result<std::vector<IncidentRow>> ListIncidents(uint64_t instance_id) override;

  Result<std::optional<IdempotencyRow>> GetIdempotency(std::string_view scope) override;
  Result<int64_t> ExpireIdempotency(TimestampMs before) override;

  // "sqlite var/ordo.db (WAL, synchronous=FULL)"
  std::string Describe() const override;

 private:
  SqliteStore(std::unique_ptr<sqlite::Database> writer, const SqliteOptions& options,
              std::string journal_mode);

  // Writes every row of the batch inside the open transaction. REQUIRES: writer_mu_ held.
  Status WriteBatch(const Transaction& txn);
  Status WriteDefinitions(const Transaction& txn);
  Status WriteEvents(const Transaction& txn);
  Status WriteInstances(const Transaction& txn);
  Status WriteElementInstances(const Transaction& txn);
  Status WriteTasks(const Transaction& txn);
  Status WriteJobsAndIncidents(const Transaction& txn);
  Status WriteIdempotencyAndMeta(const Transaction& txn);

  const SqliteOptions options_;
  const std::string journal_mode_;  // as SQLite reported it, e.g. "wal"

  std::mutex writer_mu_;
  std::unique_ptr<sqlite::Database> writer_;  // guarded by writer_mu_

  // Background checkpoints (SqliteOptions::background_checkpoint).
  static int OnWalCommit(void* self, sqlite3* db, const char* schema, int wal_pages);
  void CheckpointLoop();
  std::thread checkpointer_;
  std::mutex checkpoint_mu_;
  std::condition_variable checkpoint_cv_;
  bool checkpoint_wanted_ = false;  // guarded by checkpoint_mu_
  bool stopping_ = false;           // guarded by checkpoint_mu_
  std::atomic<uint64_t> background_checkpoints_{0};
  std::atomic<uint64_t> inline_checkpoints_{0};

 public:
  // Checkpoints run so far by the background thread and by the writer itself (for tests and
  // benchmarks).
  uint64_t background_checkpoints() const { return background_checkpoints_.load(); }
  uint64_t inline_checkpoints() const { return inline_checkpoints_.load(); }

 private:
  // Scratch for JSON-encoded name lists, bound without copying. Guarded by writer_mu_.
  std::string groups_scratch_;
  std::string users_scratch_;

  sqlite::ConnectionPool readers_;
};

}  // namespace ordo::store
