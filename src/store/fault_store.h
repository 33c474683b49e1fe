// FaultInjectingStore: wraps another Store and makes chosen commits fail, to prove that the layers
// above survive a commit that did not happen (retry, no acknowledgement, no half-applied state).
// A failed commit returns Unavailable and applies nothing: the wrapped store never sees it. Reads
// always pass through.
//
// Failure plans (the latest call replaces the previous plan):
//   FailNthCommit(n)       the n-th commit from now fails (n = 1: the next one), then none;
//   FailEveryCommit()      every commit fails until Heal();
//   FailFraction(p, seed)  each commit fails with probability p, reproducibly for a seed.
//
// Ownership: owns the wrapped store.
// Thread-safety: as the wrapped Store; the plan may be changed from any thread.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <random>

#include "store/store.h"

namespace ordo::store {

class FaultInjectingStore final : public Store {
 public:
  // REQUIRES: inner != nullptr.
  explicit FaultInjectingStore(std::unique_ptr<Store> inner);
  FaultInjectingStore(const FaultInjectingStore&) = delete;
  FaultInjectingStore& operator=(const FaultInjectingStore&) = delete;

  // REQUIRES: n >= 1.
  void FailNthCommit(int64_t n);
  void FailEveryCommit();
  // REQUIRES: 0 <= fraction <= 1.
  void FailFraction(double fraction, uint64_t seed);
  // Back to passing every commit through.
  void Heal();

  // Counts since construction; an empty batch counts as a commit too.
  int64_t commits_attempted() const;
  int64_t commits_failed() const;

  Store& inner() { return *inner_; }

  Status Commit(const Transaction& txn) override;
  Result<std::optional<uint64_t>> NextKey() override { return inner_->NextKey(); }

  Result<std::vector<DefinitionRow>> ListDefinitions(bool all_versions) override {
    return inner_->ListDefinitions(all_versions);
  }
  Result<std::optional<DefinitionRow>> GetDefinition(uint64_t id) override {
    return inner_->GetDefinition(id);
  }
  Result<std::optional<DefinitionRow>> LatestDefinition(std::string_view key, DefinitionKind kind) override {
    return inner_->LatestDefinition(key, kind);
  }

  Result<std::optional<InstanceRow>> GetInstance(uint64_t id) override {
    return inner_->GetInstance(id);
  }
  Result<std::vector<InstanceRow>> ListInstances(const InstanceFilter& filter,
                                                 const Page& page) override {
    return inner_->ListInstances(filter, page);
  }
  Result<std::vector<uint64_t>> ListUnfinishedInstanceIds() override {
    return inner_->ListUnfinishedInstanceIds();
  }
  Result<std::vector<ElementInstanceRow>> ListElementInstances(uint64_t instance_id) override {
    return inner_->ListElementInstances(instance_id);
  }

  Result<std::vector<EventRow>> ListEvents(uint64_t instance_id) override {
    return inner_->ListEvents(instance_id);
  }
  Status ScanEvents(const std::function<Status(const EventRow&)>& visit) override {
    return inner_->ScanEvents(visit);
  }

  Result<std::optional<TaskRow>> GetTask(uint64_t id) override { return inner_->GetTask(id); }
  Result<std::vector<TaskRow>> ListTasks(const TaskFilter& filter, const Page& page) override {
    return inner_->ListTasks(filter, page);
  }
  Result<std::optional<JobRow>> GetJob(uint64_t id) override { return inner_->GetJob(id); }
  Result<std::vector<JobRow>> ListJobs(uint64_t instance_id) override {
    return inner_->ListJobs(instance_id);
  }
  Result<std::optional<IncidentRow>> GetIncident(uint64_t id) override {
    return inner_->GetIncident(id);
  }
  Result<std::vector<IncidentRow>> ListIncidents(uint64_t instance_id) override {
    return inner_->ListIncidents(instance_id);
  }

  Result<std::optional<IdempotencyRow>> GetIdempotency(std::string_view scope) override {
    return inner_->GetIdempotency(scope);
  }
  Result<int64_t> ExpireIdempotency(TimestampMs before) override {
    return inner_->ExpireIdempotency(before);
  }

  // The wrapped store's description with the active plan: "faults(every commit) over memory ...".
  std::string Describe() const override;

 private:
  enum class Plan { kNone, kNth, kEvery, kFraction };

  // Decides whether the commit now starting fails. REQUIRES: mu_ held.
  bool ShouldFail();

  std::unique_ptr<Store> inner_;
  mutable std::mutex mu_;
  // Guarded by mu_:
  Plan plan_ = Plan::kNone;
  int64_t countdown_ = 0;  // kNth: commits left until the failing one
  double fraction_ = 0;
  std::mt19937_64 random_;
  int64_t attempted_ = 0;
  int64_t failed_ = 0;
};

}  // namespace ordo::store
