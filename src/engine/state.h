// The engine's state: every unfinished process instance with its element instances, tasks, jobs,
// incidents and variables, plus the indexes commands need (task -> instance, activatable jobs by
// type). Only appliers (applier.h) change it; processors read it through `const State&` and emit
// events.
//
// Ownership: State owns its instances. Instances hold shared pointers to their immutable process
// models. Thread-safety: none; the runtime gives one thread at a time access.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "base/clock.h"
#include "engine/lifecycle.h"
#include "model/event.h"
#include "model/process.h"

namespace ordo::dmn {
class DecisionModel;
}

namespace ordo::engine {

enum class InstanceStatus : uint8_t { kActive, kCompleted, kTerminated };
enum class TaskStatus : uint8_t { kOpen, kCompleted, kCanceled };
enum class JobStatus : uint8_t { kActivatable, kLocked, kCompleted, kFailed, kCanceled };

// Why an element instance is stuck, so resolving the incident knows which step to run again.
enum class IncidentKind : uint8_t { kActivation, kCompletion, kJob };
const char* IncidentKindName(IncidentKind kind);
bool ParseIncidentKind(std::string_view name, IncidentKind& out);

struct ElementInstance {
  uint64_t key = 0;
  model::NodeIndex node = model::kNone;
  Lifecycle state = Lifecycle::kNone;
  TimestampMs activated_at = 0;
  uint64_t task = 0;      // open user task, if any
  uint64_t job = 0;       // job, if any
  uint64_t incident = 0;  // open incident, if any
  uint64_t child = 0;     // the instance a call activity started and waits for, if any
};

struct Task {
  uint64_t id = 0;
  uint64_t element_instance = 0;
  std::string element;
  std::string name;
  std::string assignee;
  std::vector<std::string> candidate_groups;
  std::vector<std::string> candidate_users;
  TaskStatus status = TaskStatus::kOpen;
  TimestampMs due_at = 0;  // 0: no due date
  TimestampMs created_at = 0;
  TimestampMs completed_at = 0;
};

struct Job {
  uint64_t id = 0;
  uint64_t element_instance = 0;
  std::string element;
  std::string type;
  JobStatus status = JobStatus::kActivatable;
  int retries = 0;
  std::string worker;
  TimestampMs lock_expires_at = 0;
  TimestampMs due_at = 0;
  std::string error_message;
  TimestampMs created_at = 0;
};

struct Incident {
  uint64_t id = 0;
  uint64_t element_instance = 0;
  std::string element;
  IncidentKind kind = IncidentKind::kActivation;
  std::string message;
  uint64_t job = 0;
  bool open = true;
  TimestampMs created_at = 0;
  TimestampMs resolved_at = 0;
};

struct Instance {
  uint64_t id = 0;
  uint64_t definition_id = 0;
  std::shared_ptr<const model::Process> process;
  std::string process_key;
  int version = 0;
  std::string business_key;
  // For an instance started by a call activity (BPMN 2.0.2 §10.3.6): the calling instance and its
  // element instance, which waits until this one ends.
  uint64_t parent_instance = 0;
  uint64_t parent_element_instance = 0;
  InstanceStatus status = InstanceStatus::kActive;
  TimestampMs created_at = 0;
  TimestampMs ended_at = 0;
  uint64_t last_seq = 0;
  model::Variables variables;
  std::map<uint64_t, ElementInstance> elements;  // unfinished element instances by key
  // Parallel joins: tokens waiting per gateway node, one counter per incoming flow (in the
  // order of FlowNode::incoming). BPMN 2.0.2 §13.3.4.
  std::map<model::NodeIndex, std::vector<uint32_t>> join_tokens;
  std::map<uint64_t, Task> tasks;
  std::map<uint64_t, Job> jobs;
  std::map<uint64_t, Incident> incidents;
  int open_incidents = 0;

  bool finished() const { return status != InstanceStatus::kActive; }
};

// Finds the process model of a definition id (the runtime keeps every deployed model compiled).
// A deployed decision as a business rule task calls it.
struct ResolvedDecision {
  uint64_t definition_id = 0;
  std::string key;  // the decision id
  int version = 0;
  std::shared_ptr<const dmn::DecisionModel> model;  // evaluates `key` with the caller's variables in scope
  // The names of the decision's outputs (a table's output clauses, otherwise the decision's
  // name), and whether its value is a list with one item per matched rule (a table with hit
  // policy COLLECT without aggregation, RULE ORDER or OUTPUT ORDER): how a Camunda 7 result
  // mapping sees it.
  std::vector<std::string> output_names;
  bool one_item_per_rule = false;
};

// A deployed process a call activity starts.
struct ResolvedProcess {
  uint64_t definition_id = 0;
  int version = 0;
  std::shared_ptr<const model::Process> process;
};

class DefinitionResolver {
 public:
  virtual ~DefinitionResolver() = default;
  // nullptr when unknown.
  virtual std::shared_ptr<const model::Process> Resolve(uint64_t definition_id) const = 0;
  // The definition's version number (1, 2, ...); 0 when unknown.
  virtual int Version(uint64_t definition_id) const = 0;
  // The process `key` at `version`, or its newest version; nullopt when none is deployed.
  virtual std::optional<ResolvedProcess> FindProcess(std::string_view key, std::optional<int> version) const {
    (void)key;
    (void)version;
    return std::nullopt;
  }
  // The decision `key` at `version`, or its newest version; nullopt when none is deployed.
  virtual std::optional<ResolvedDecision> FindDecision(std::string_view key, std::optional<int> version) const {
    (void)key;
    (void)version;
    return std::nullopt;
  }
};

class State {
 public:
  State() = default;
  State(const State&) = delete;
  State& operator=(const State&) = delete;

  const Instance* FindInstance(uint64_t id) const;
  Instance* MutableInstance(uint64_t id);
  // The instance owning a task/job/incident; 0 when unknown.
  uint64_t TaskOwner(uint64_t task) const;
  uint64_t JobOwner(uint64_t job) const;
  uint64_t IncidentOwner(uint64_t incident) const;

  const std::unordered_map<uint64_t, std::unique_ptr<Instance>>& instances() const { return instances_; }

  // Activatable jobs of `type` ordered by (due time, id).
  const std::set<std::pair<TimestampMs, uint64_t>>* ActivatableJobs(std::string_view type) const;
  // Locked jobs ordered by (lock expiry, id).
  const std::set<std::pair<TimestampMs, uint64_t>>& LockedJobs() const { return locked_jobs_; }

  // Drops an instance and its index entries (finished instances are evicted after commit; a
  // failed commit drops touched instances before reloading them).
  void Remove(uint64_t id);

 private:
  friend class Applier;
  Instance& Add(std::unique_ptr<Instance> instance);
  void IndexJob(uint64_t instance, const Job& job);
  void UnindexJob(const Job& job);

  std::unordered_map<uint64_t, std::unique_ptr<Instance>> instances_;
  std::unordered_map<uint64_t, uint64_t> task_owner_;
  std::unordered_map<uint64_t, uint64_t> job_owner_;
  std::unordered_map<uint64_t, uint64_t> incident_owner_;
  std::map<std::string, std::set<std::pair<TimestampMs, uint64_t>>, std::less<>> activatable_jobs_;
  std::set<std::pair<TimestampMs, uint64_t>> locked_jobs_;
};

}  // namespace ordo::engine
