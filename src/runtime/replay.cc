// VerifyProjections (runtime.h): the proof that the event log is the source of truth.
#include <map>

#include "engine/applier.h"
#include "model/event_codec.h"
#include "runtime/projection.h"
#include "runtime/runtime.h"

namespace ordo::runtime {
namespace {

std::string Text(const store::InstanceRow& r) {
  return std::to_string(r.id) + "|" + std::to_string(r.definition_id) + "|" + r.process_key + "|" +
         std::to_string(r.version) + "|" + r.business_key + "|" + store::InstanceStateName(r.state) + "|" +
         r.variables_json + "|" + r.active_json + "|" + std::to_string(r.created_at) + "|" +
         std::to_string(r.ended_at) + "|" + std::to_string(r.last_seq) + "|" + ToHex(r.last_hash);
}

std::string Join(const std::vector<std::string>& v) {
  std::string s;
  for (const auto& x : v) s += x + ",";
  return s;
}

std::string Text(const store::TaskRow& r) {
  return std::to_string(r.id) + "|" + std::to_string(r.instance_id) + "|" + std::to_string(r.element_instance) +
         "|" + r.element + "|" + r.name + "|" + r.assignee + "|" + Join(r.candidate_groups) + "|" +
         Join(r.candidate_users) + "|" + store::TaskStateName(r.state) + "|" + std::to_string(r.created_at) + "|" +
         std::to_string(r.completed_at);
}

std::string Text(const store::JobRow& r) {
  return std::to_string(r.id) + "|" + std::to_string(r.instance_id) + "|" + std::to_string(r.element_instance) +
         "|" + r.element + "|" + r.type + "|" + store::JobStateName(r.state) + "|" + std::to_string(r.retries) +
         "|" + r.worker + "|" + std::to_string(r.lock_expires_at) + "|" + std::to_string(r.due_at) + "|" +
         r.error_message + "|" + std::to_string(r.created_at);
}

std::string Text(const store::IncidentRow& r) {
  return std::to_string(r.id) + "|" + std::to_string(r.instance_id) + "|" + std::to_string(r.element_instance) +
         "|" + r.element + "|" + r.kind + "|" + r.message + "|" + std::to_string(r.job_id) + "|" +
         (r.state == store::IncidentState::kOpen ? "open" : "resolved") + "|" + std::to_string(r.created_at) +
         "|" + std::to_string(r.resolved_at);
}

std::string Text(const store::ElementInstanceRow& r) {
  return std::to_string(r.key) + "|" + std::to_string(r.instance_id) + "|" + r.element + "|" + r.state + "|" +
         std::to_string(r.activated_at);
}

Status Differs(std::string_view what, uint64_t id, const std::string& rebuilt, const std::string& stored) {
  return DataLoss(std::string(what) + " " + std::to_string(id) + " differs from its replayed log:\n  replayed: " +
                  rebuilt + "\n  stored:   " + stored);
}

}  // namespace

Status VerifyProjections(store::Store& store) {
  DefinitionRegistry registry;
  RETURN_IF_ERROR(LoadDefinitions(store, registry));
  engine::State state;
  engine::Applier applier(state, registry);
  std::map<uint64_t, Digest> heads;
  RETURN_IF_ERROR(store.ScanEvents([&](const store::EventRow& row) -> Status {
    Digest& head = heads[row.instance_id];
    std::string_view body = row.body;
    while (true) {
      size_t nl = body.find('\n');
      std::string_view line = body.substr(0, nl);
      head = model::ChainHash(head, line);
      ASSIGN_OR_RETURN(model::Event e, model::ParseCanonical(line));
      RETURN_IF_ERROR(applier.Apply(row.instance_id, e));
      if (nl == std::string_view::npos) break;
      body = body.substr(nl + 1);
    }
    return Status::Ok();
  }));
  for (const auto& [id, head] : heads) {
    const engine::Instance* inst = state.FindInstance(id);
    if (inst == nullptr) return DataLoss("instance " + std::to_string(id) + " did not replay");
    ASSIGN_OR_RETURN(std::optional<store::InstanceRow> stored, store.GetInstance(id));
    std::string rebuilt = Text(InstanceRowOf(*inst, head));
    if (!stored) return Differs("instance", id, rebuilt, "(missing)");
    if (rebuilt != Text(*stored)) return Differs("instance", id, rebuilt, Text(*stored));

    ASSIGN_OR_RETURN(std::vector<store::ElementInstanceRow> elements, store.ListElementInstances(id));
    std::string rebuilt_elements, stored_elements;
    for (const auto& [key, ei] : inst->elements) rebuilt_elements += Text(ElementRowOf(*inst, ei)) + ";";
    for (const auto& row : elements) stored_elements += Text(row) + ";";
    if (rebuilt_elements != stored_elements) return Differs("element instances of", id, rebuilt_elements, stored_elements);

    for (const auto& [task_id, task] : inst->tasks) {
      ASSIGN_OR_RETURN(std::optional<store::TaskRow> row, store.GetTask(task_id));
      std::string r = Text(TaskRowOf(*inst, task));
      if (!row || r != Text(*row)) return Differs("task", task_id, r, row ? Text(*row) : "(missing)");
    }
    for (const auto& [job_id, job] : inst->jobs) {
      ASSIGN_OR_RETURN(std::optional<store::JobRow> row, store.GetJob(job_id));
      std::string r = Text(JobRowOf(*inst, job));
      if (!row || r != Text(*row)) return Differs("job", job_id, r, row ? Text(*row) : "(missing)");
    }
    for (const auto& [incident_id, incident] : inst->incidents) {
      ASSIGN_OR_RETURN(std::optional<store::IncidentRow> row, store.GetIncident(incident_id));
      std::string r = Text(IncidentRowOf(*inst, incident));
      if (!row || r != Text(*row)) return Differs("incident", incident_id, r, row ? Text(*row) : "(missing)");
    }
  }
  return Status::Ok();
}

}  // namespace ordo::runtime
