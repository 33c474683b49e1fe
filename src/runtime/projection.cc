#include "runtime/projection.h"

#include "base/json.h"
#include "feel/json.h"

namespace ordo::runtime {

std::string VariablesJson(const model::Variables& variables) {
  std::string out = "{";
  bool first = true;
  for (const auto& [name, value] : variables) {
    if (!first) out += ',';
    first = false;
    json::AppendQuoted(out, name);
    out += ':';
    json::AppendSerialized(out, feel::ToJson(value));
  }
  out += '}';
  return out;
}

store::InstanceRow InstanceRowOf(const engine::Instance& inst, const Digest& last_hash) {
  store::InstanceRow row;
  row.id = inst.id;
  row.definition_id = inst.definition_id;
  row.process_key = inst.process_key;
  row.version = inst.version;
  row.business_key = inst.business_key;
  row.parent_instance_id = inst.parent_instance;
  switch (inst.status) {
    case engine::InstanceStatus::kActive:
      row.state = inst.open_incidents > 0 ? store::InstanceState::kIncident : store::InstanceState::kActive;
      break;
    case engine::InstanceStatus::kCompleted: row.state = store::InstanceState::kCompleted; break;
    case engine::InstanceStatus::kTerminated: row.state = store::InstanceState::kTerminated; break;
  }
  row.variables_json = VariablesJson(inst.variables);
  std::string active = "[";
  bool first = true;
  for (const auto& [key, ei] : inst.elements) {
    if (!first) active += ',';
    first = false;
    json::AppendQuoted(active, inst.process->nodes[ei.node].id);
  }
  active += ']';
  row.active_json = std::move(active);
  row.created_at = inst.created_at;
  row.ended_at = inst.ended_at;
  row.last_seq = inst.last_seq;
  row.last_hash = last_hash;
  return row;
}

store::ElementInstanceRow ElementRowOf(const engine::Instance& inst, const engine::ElementInstance& ei) {
  store::ElementInstanceRow row;
  row.key = ei.key;
  row.instance_id = inst.id;
  row.element = inst.process->nodes[ei.node].id;
  row.state = engine::LifecycleName(ei.state);
  row.activated_at = ei.activated_at;
  return row;
}

store::TaskRow TaskRowOf(const engine::Instance& inst, const engine::Task& task) {
  store::TaskRow row;
  row.id = task.id;
  row.instance_id = inst.id;
  row.element_instance = task.element_instance;
  row.element = task.element;
  row.name = task.name;
  row.assignee = task.assignee;
  row.candidate_groups = task.candidate_groups;
  row.candidate_users = task.candidate_users;
  row.due_at = task.due_at;
  switch (task.status) {
    case engine::TaskStatus::kOpen: row.state = store::TaskState::kOpen; break;
    case engine::TaskStatus::kCompleted: row.state = store::TaskState::kCompleted; break;
    case engine::TaskStatus::kCanceled: row.state = store::TaskState::kCanceled; break;
  }
  row.created_at = task.created_at;
  row.completed_at = task.completed_at;
  return row;
}

store::JobRow JobRowOf(const engine::Instance& inst, const engine::Job& job) {
  store::JobRow row;
  row.id = job.id;
  row.instance_id = inst.id;
  row.element_instance = job.element_instance;
  row.element = job.element;
  row.type = job.type;
  switch (job.status) {
    case engine::JobStatus::kActivatable: row.state = store::JobState::kActivatable; break;
    case engine::JobStatus::kLocked: row.state = store::JobState::kLocked; break;
    case engine::JobStatus::kCompleted: row.state = store::JobState::kCompleted; break;
    case engine::JobStatus::kFailed: row.state = store::JobState::kFailed; break;
    case engine::JobStatus::kCanceled: row.state = store::JobState::kCanceled; break;
  }
  row.retries = job.retries;
  row.worker = job.worker;
  row.lock_expires_at = job.lock_expires_at;
  row.due_at = job.due_at;
  row.error_message = job.error_message;
  row.created_at = job.created_at;
  return row;
}

store::IncidentRow IncidentRowOf(const engine::Instance& inst, const engine::Incident& incident) {
  store::IncidentRow row;
  row.id = incident.id;
  row.instance_id = inst.id;
  row.element_instance = incident.element_instance;
  row.element = incident.element;
  row.kind = engine::IncidentKindName(incident.kind);
  row.message = incident.message;
  row.job_id = incident.job;
  row.state = incident.open ? store::IncidentState::kOpen : store::IncidentState::kResolved;
  row.created_at = incident.created_at;
  row.resolved_at = incident.resolved_at;
  return row;
}

}  // namespace ordo::runtime
