// MemoryStore: the Store kept in ordered maps in process memory. Same semantics as the SQL
// backends (the conformance suite runs against all of them) but nothing survives the process:
// for tests, simulation and benchmarks of the layers above the store, never for acknowledged work.
//
// Atomicity: Commit validates the whole batch first (new event keys, unique definition versions)
// and only then applies it, so a rejected batch leaves no trace.
// Thread-safety: every method takes one internal mutex; ScanEvents holds it while visiting, so a
// visitor must not call back into the store.
#pragma once

#include <map>
#include <mutex>
#include <string>
#include <utility>

#include "store/store.h"

namespace ordo::store {

class MemoryStore final : public Store {
 public:
  MemoryStore() = default;
  static std::unique_ptr<MemoryStore> Create() { return std::make_unique<MemoryStore>(); }
  MemoryStore(const MemoryStore&) = delete;
  MemoryStore& operator=(const MemoryStore&) = delete;

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

  std::string Describe() const override { return "memory (not durable)"; }

 private:
  // REQUIRES: mu_ held.
  Status Validate(const Transaction& txn) const;
  void Apply(const Transaction& txn);

  mutable std::mutex mu_;
  // Every map below is guarded by mu_.
  std::map<uint64_t, DefinitionRow> definitions_;
  std::map<std::pair<uint64_t, uint64_t>, EventRow> events_;  // (instance_id, seq_first)
  std::map<uint64_t, InstanceRow> instances_;
  std::map<uint64_t, ElementInstanceRow> element_instances_;
  std::map<uint64_t, TaskRow> tasks_;
  std::map<uint64_t, JobRow> jobs_;
  std::map<uint64_t, IncidentRow> incidents_;
  std::map<std::string, IdempotencyRow, std::less<>> idempotency_;
  std::optional<uint64_t> next_key_;
};

}  // namespace ordo::store
