// Store: Ordo's durable state behind one interface, with SQLite, in-memory and (later) PostgreSQL
// backends. Writes are batches: a Transaction collects a whole group commit (many commands'
// events, projection rows, idempotency records) and Store::Commit applies it atomically and
// durably. Nothing is visible to readers before Commit returns OK; on error nothing of the batch is
// applied. The interface never asks for a per-row round trip, so a network backend can pipeline or
// COPY a batch.
//
// Thread-safety: Commit is called by one writer at a time (the runtime's commit thread); the read
// methods may be called from any thread concurrently with Commit.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "store/rows.h"

namespace ordo::store {

// A batch of writes. Upserts replace the whole row with the same primary key.
struct Transaction {
  std::vector<DefinitionRow> definitions;
  std::vector<EventRow> events;  // appends; (instance_id, seq_first) must be new
  std::vector<InstanceRow> instances;
  std::vector<ElementInstanceRow> element_instances;
  std::vector<uint64_t> deleted_element_instances;
  std::vector<TaskRow> tasks;
  std::vector<JobRow> jobs;
  std::vector<IncidentRow> incidents;
  std::vector<IdempotencyRow> idempotency;
  std::optional<uint64_t> next_key;  // the key allocator's high-water mark

  bool empty() const {
    return definitions.empty() && events.empty() && instances.empty() &&
           element_instances.empty() && deleted_element_instances.empty() && tasks.empty() &&
           jobs.empty() && incidents.empty() && idempotency.empty() && !next_key;
  }
};

// Keyset pagination: items after `after_id`, at most `limit`.
struct Page {
  uint64_t after_id = 0;
  int limit = 100;
};

struct InstanceFilter {
  std::string process_key;                 // empty: any
  std::optional<InstanceState> state;      // absent: any
  uint64_t parent_instance_id = 0;         // 0: any; else the instances that one's call activities started
};

struct TaskFilter {
  std::optional<TaskState> state;
  uint64_t instance_id = 0;                // 0: any
  std::string assignee;                    // empty: any
  std::string candidate_group;             // empty: any
};

class Store {
 public:
  virtual ~Store() = default;

  // Applies the batch atomically; durable when it returns OK (SQLite: synchronous=FULL).
  virtual Status Commit(const Transaction& txn) = 0;

  virtual Result<std::optional<uint64_t>> NextKey() = 0;

  // Definitions.
  // Processes first, then decisions; by key and version within each kind.
  virtual Result<std::vector<DefinitionRow>> ListDefinitions(bool all_versions) = 0;
  virtual Result<std::optional<DefinitionRow>> GetDefinition(uint64_t id) = 0;
  // The newest version of the process (or decision) `key`.
  virtual Result<std::optional<DefinitionRow>> LatestDefinition(
      std::string_view key, DefinitionKind kind = DefinitionKind::kProcess) = 0;

  // Instances.
  virtual Result<std::optional<InstanceRow>> GetInstance(uint64_t id) = 0;
  virtual Result<std::vector<InstanceRow>> ListInstances(const InstanceFilter& filter,
                                                         const Page& page) = 0;
  // Ids of instances that are not finished (active or incident), ascending.
  virtual Result<std::vector<uint64_t>> ListUnfinishedInstanceIds() = 0;
  virtual Result<std::vector<ElementInstanceRow>> ListElementInstances(uint64_t instance_id) = 0;

  // The event log.
  virtual Result<std::vector<EventRow>> ListEvents(uint64_t instance_id) = 0;
  // Every event row of every instance, ordered by (instance_id, seq_first); stops early when the
  // visitor returns a non-OK status (and returns it).
  virtual Status ScanEvents(const std::function<Status(const EventRow&)>& visit) = 0;

  // Tasks, jobs, incidents.
  virtual Result<std::optional<TaskRow>> GetTask(uint64_t id) = 0;
  virtual Result<std::vector<TaskRow>> ListTasks(const TaskFilter& filter, const Page& page) = 0;
  virtual Result<std::optional<JobRow>> GetJob(uint64_t id) = 0;
  virtual Result<std::vector<JobRow>> ListJobs(uint64_t instance_id) = 0;
  virtual Result<std::optional<IncidentRow>> GetIncident(uint64_t id) = 0;
  virtual Result<std::vector<IncidentRow>> ListIncidents(uint64_t instance_id) = 0;

  virtual Result<std::optional<IdempotencyRow>> GetIdempotency(std::string_view scope) = 0;
  // Removes idempotency records older than `before`; returns how many.
  virtual Result<int64_t> ExpireIdempotency(TimestampMs before) = 0;

  // A short description for logs and benchmark output: "sqlite var/ordo.db (WAL, synchronous=FULL)".
  virtual std::string Describe() const = 0;
};

}  // namespace ordo::store
