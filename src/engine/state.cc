#include "engine/state.h"

namespace ordo::engine {

const char* IncidentKindName(IncidentKind kind) {
  switch (kind) {
    case IncidentKind::kActivation: return "activation";
    case IncidentKind::kCompletion: return "completion";
    case IncidentKind::kJob: return "job";
  }
  return "?";
}

bool ParseIncidentKind(std::string_view name, IncidentKind& out) {
  for (IncidentKind k : {IncidentKind::kActivation, IncidentKind::kCompletion, IncidentKind::kJob}) {
    if (name == IncidentKindName(k)) {
      out = k;
      return true;
    }
  }
  return false;
}

const Instance* State::FindInstance(uint64_t id) const {
  auto it = instances_.find(id);
  return it == instances_.end() ? nullptr : it->second.get();
}

Instance* State::MutableInstance(uint64_t id) {
  auto it = instances_.find(id);
  return it == instances_.end() ? nullptr : it->second.get();
}

uint64_t State::TaskOwner(uint64_t task) const {
  auto it = task_owner_.find(task);
  return it == task_owner_.end() ? 0 : it->second;
}

uint64_t State::JobOwner(uint64_t job) const {
  auto it = job_owner_.find(job);
  return it == job_owner_.end() ? 0 : it->second;
}

uint64_t State::IncidentOwner(uint64_t incident) const {
  auto it = incident_owner_.find(incident);
  return it == incident_owner_.end() ? 0 : it->second;
}

const std::set<std::pair<TimestampMs, uint64_t>>* State::ActivatableJobs(std::string_view type) const {
  auto it = activatable_jobs_.find(type);
  return it == activatable_jobs_.end() ? nullptr : &it->second;
}

Instance& State::Add(std::unique_ptr<Instance> instance) {
  Instance& ref = *instance;
  instances_[instance->id] = std::move(instance);
  return ref;
}

void State::IndexJob(uint64_t instance, const Job& job) {
  job_owner_[job.id] = instance;
  if (job.status == JobStatus::kActivatable) {
    activatable_jobs_[job.type].emplace(job.due_at, job.id);
  } else if (job.status == JobStatus::kLocked) {
    locked_jobs_.emplace(job.lock_expires_at, job.id);
  }
}

void State::UnindexJob(const Job& job) {
  if (job.status == JobStatus::kActivatable) {
    auto it = activatable_jobs_.find(job.type);
    if (it != activatable_jobs_.end()) {
      it->second.erase({job.due_at, job.id});
      if (it->second.empty()) activatable_jobs_.erase(it);
    }
  } else if (job.status == JobStatus::kLocked) {
    locked_jobs_.erase({job.lock_expires_at, job.id});
  }
}

void State::Remove(uint64_t id) {
  auto it = instances_.find(id);
  if (it == instances_.end()) return;
  Instance& inst = *it->second;
  for (const auto& [task_id, task] : inst.tasks) task_owner_.erase(task_id);
  for (const auto& [job_id, job] : inst.jobs) {
    UnindexJob(job);
    job_owner_.erase(job_id);
  }
  for (const auto& [incident_id, incident] : inst.incidents) incident_owner_.erase(incident_id);
  instances_.erase(it);
}

}  // namespace ordo::engine
