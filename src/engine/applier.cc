#include "engine/applier.h"

#include <string>

namespace ordo::engine {
namespace {

using model::EventType;

Status Misfit(const model::Event& e, std::string_view why) {
  return DataLoss(std::string(model::EventTypeName(e.type)) + " event seq " + std::to_string(e.seq) +
                  " does not fit the instance state: " + std::string(why));
}

}  // namespace

Status Applier::Apply(uint64_t instance_id, const model::Event& e) {
  if (e.type == EventType::kInstanceCreated) {
    if (state_.FindInstance(instance_id) != nullptr) return Misfit(e, "instance exists already");
    if (e.seq != 1) return Misfit(e, "an instance's log starts at seq 1");
    auto inst = std::make_unique<Instance>();
    inst->id = instance_id;
    inst->definition_id = e.ref;
    inst->process = resolver_.Resolve(e.ref);
    if (!inst->process) return Misfit(e, "definition " + std::to_string(e.ref) + " is unknown");
    inst->process_key = e.name;
    inst->version = static_cast<int>(e.number);
    inst->business_key = e.text;
    inst->parent_instance = e.parent_instance;
    inst->parent_element_instance = e.parent_instance != 0 ? e.element_instance : 0;
    inst->created_at = e.at;
    inst->variables = e.variables;
    inst->last_seq = 1;
    state_.Add(std::move(inst));
    return Status::Ok();
  }
  Instance* inst = state_.MutableInstance(instance_id);
  if (inst == nullptr) return Misfit(e, "instance " + std::to_string(instance_id) + " is unknown");
  if (e.seq != inst->last_seq + 1) return Misfit(e, "sequence numbers must be consecutive");
  RETURN_IF_ERROR(ApplyToInstance(*inst, e));
  inst->last_seq = e.seq;
  return Status::Ok();
}

Status Applier::ApplyToInstance(Instance& inst, const model::Event& e) {
  const model::Process& process = *inst.process;
  switch (e.type) {
    case EventType::kInstanceCreated:
      return Misfit(e, "instance exists already");

    case EventType::kElementActivated: {
      model::NodeIndex node = process.FindNode(e.element);
      if (node == model::kNone) return Misfit(e, "element '" + e.element + "' is not in the model");
      if (inst.elements.count(e.key)) return Misfit(e, "element instance exists already");
      if (!CanTransition(Lifecycle::kNone, Lifecycle::kActivated)) return Misfit(e, "lifecycle");
      ElementInstance& ei = inst.elements[e.key];
      ei.key = e.key;
      ei.node = node;
      ei.state = Lifecycle::kActivated;
      ei.activated_at = e.at;
      // A parallel join consumes one token from each incoming flow (BPMN 2.0.2 §13.3.4).
      const model::FlowNode& fn = process.nodes[node];
      if (fn.kind == model::NodeKind::kParallelGateway && fn.incoming.size() > 1) {
        auto& tokens = inst.join_tokens[node];
        tokens.resize(fn.incoming.size());
        for (uint32_t& t : tokens) {
          if (t == 0) return Misfit(e, "parallel join activated without a token on every flow");
          --t;
        }
        bool empty = true;
        for (uint32_t t : tokens) empty = empty && t == 0;
        if (empty) inst.join_tokens.erase(node);
      }
      return Status::Ok();
    }

    case EventType::kElementCompleted:
    case EventType::kElementTerminated: {
      auto it = inst.elements.find(e.key);
      if (it == inst.elements.end()) return Misfit(e, "element instance is not active");
      Lifecycle to = e.type == EventType::kElementCompleted ? Lifecycle::kCompleted : Lifecycle::kTerminated;
      if (!CanTransition(it->second.state, to)) return Misfit(e, "lifecycle does not allow it");
      inst.elements.erase(it);
      for (const std::string& flow_id : e.list1) {
        model::FlowIndex f = process.FindFlow(flow_id);
        if (f == model::kNone) return Misfit(e, "flow '" + flow_id + "' is not in the model");
        const model::SequenceFlow& flow = process.flows[f];
        const model::FlowNode& target = process.nodes[flow.target];
        if (target.kind == model::NodeKind::kParallelGateway && target.incoming.size() > 1) {
          auto& tokens = inst.join_tokens[flow.target];
          tokens.resize(target.incoming.size());
          for (size_t i = 0; i < target.incoming.size(); ++i) {
            if (target.incoming[i] == f) ++tokens[i];
          }
        }
      }
      return Status::Ok();
    }

    case EventType::kVariablesSet:
      for (const auto& [name, value] : e.variables) inst.variables.insert_or_assign(name, value);
      return Status::Ok();

    case EventType::kTaskCreated: {
      auto ei = inst.elements.find(e.element_instance);
      if (ei == inst.elements.end()) return Misfit(e, "task for an inactive element instance");
      Task& task = inst.tasks[e.key];
      task.id = e.key;
      task.element_instance = e.element_instance;
      task.element = e.element;
      task.name = e.name;
      task.assignee = e.text;
      task.candidate_groups = e.list1;
      task.candidate_users = e.list2;
      task.due_at = e.time;
      task.created_at = e.at;
      ei->second.task = e.key;
      state_.task_owner_[e.key] = inst.id;
      return Status::Ok();
    }

    case EventType::kTaskCompleted:
    case EventType::kTaskCanceled: {
      auto it = inst.tasks.find(e.key);
      if (it == inst.tasks.end() || it->second.status != TaskStatus::kOpen) return Misfit(e, "task is not open");
      it->second.status = e.type == EventType::kTaskCompleted ? TaskStatus::kCompleted : TaskStatus::kCanceled;
      it->second.completed_at = e.at;
      auto ei = inst.elements.find(it->second.element_instance);
      if (ei != inst.elements.end()) ei->second.task = 0;
      return Status::Ok();
    }

    case EventType::kJobCreated: {
      auto ei = inst.elements.find(e.element_instance);
      if (ei == inst.elements.end()) return Misfit(e, "job for an inactive element instance");
      Job& job = inst.jobs[e.key];
      job.id = e.key;
      job.element_instance = e.element_instance;
      job.element = e.element;
      job.type = e.name;
      job.retries = static_cast<int>(e.number);
      job.created_at = e.at;
      job.due_at = e.at;
      job.status = JobStatus::kActivatable;
      ei->second.job = e.key;
      state_.IndexJob(inst.id, job);
      return Status::Ok();
    }

    case EventType::kJobLocked: {
      auto it = inst.jobs.find(e.key);
      if (it == inst.jobs.end() || it->second.status != JobStatus::kActivatable) return Misfit(e, "job is not activatable");
      state_.UnindexJob(it->second);
      it->second.worker = e.name;
      it->second.lock_expires_at = e.time;
      it->second.status = JobStatus::kLocked;
      state_.IndexJob(inst.id, it->second);
      return Status::Ok();
    }

    case EventType::kJobLockExpired: {
      auto it = inst.jobs.find(e.key);
      if (it == inst.jobs.end() || it->second.status != JobStatus::kLocked) return Misfit(e, "job is not locked");
      state_.UnindexJob(it->second);
      it->second.worker.clear();
      it->second.lock_expires_at = 0;
      it->second.due_at = e.at;
      it->second.status = JobStatus::kActivatable;
      state_.IndexJob(inst.id, it->second);
      return Status::Ok();
    }

    case EventType::kJobCompleted:
    case EventType::kJobCanceled: {
      auto it = inst.jobs.find(e.key);
      if (it == inst.jobs.end()) return Misfit(e, "job is unknown");
      Job& job = it->second;
      if (e.type == EventType::kJobCompleted && job.status != JobStatus::kLocked) return Misfit(e, "job is not locked");
      state_.UnindexJob(job);
      job.status = e.type == EventType::kJobCompleted ? JobStatus::kCompleted : JobStatus::kCanceled;
      job.lock_expires_at = 0;
      state_.IndexJob(inst.id, job);
      auto ei = inst.elements.find(job.element_instance);
      if (ei != inst.elements.end()) ei->second.job = 0;
      return Status::Ok();
    }

    case EventType::kJobFailed: {
      auto it = inst.jobs.find(e.key);
      if (it == inst.jobs.end() || it->second.status != JobStatus::kLocked) return Misfit(e, "job is not locked");
      Job& job = it->second;
      state_.UnindexJob(job);
      job.retries = static_cast<int>(e.number);
      job.error_message = e.text;
      job.due_at = e.time;
      job.lock_expires_at = 0;
      job.worker.clear();
      job.status = job.retries > 0 ? JobStatus::kActivatable : JobStatus::kFailed;
      state_.IndexJob(inst.id, job);
      return Status::Ok();
    }

    case EventType::kIncidentRaised: {
      auto ei = inst.elements.find(e.element_instance);
      if (ei == inst.elements.end()) return Misfit(e, "incident on an inactive element instance");
      Incident& incident = inst.incidents[e.key];
      incident.id = e.key;
      incident.element_instance = e.element_instance;
      incident.element = e.element;
      if (!ParseIncidentKind(e.name, incident.kind)) return Misfit(e, "unknown incident kind '" + e.name + "'");
      incident.message = e.text;
      incident.job = e.ref;
      incident.created_at = e.at;
      incident.open = true;
      ei->second.incident = e.key;
      ++inst.open_incidents;
      state_.incident_owner_[e.key] = inst.id;
      return Status::Ok();
    }

    case EventType::kIncidentResolved: {
      auto it = inst.incidents.find(e.key);
      if (it == inst.incidents.end() || !it->second.open) return Misfit(e, "incident is not open");
      it->second.open = false;
      it->second.resolved_at = e.at;
      --inst.open_incidents;
      auto ei = inst.elements.find(it->second.element_instance);
      if (ei != inst.elements.end()) ei->second.incident = 0;
      if (e.ref != 0) {
        // A job incident is resolved by giving the job one more try, acquirable now.
        auto job = inst.jobs.find(e.ref);
        if (job == inst.jobs.end() || job->second.status != JobStatus::kFailed) return Misfit(e, "job is not failed");
        state_.UnindexJob(job->second);
        job->second.retries = 1;
        job->second.due_at = e.at;
        job->second.status = JobStatus::kActivatable;
        state_.IndexJob(inst.id, job->second);
      }
      return Status::Ok();
    }

    case EventType::kInstanceCompleted:
    case EventType::kInstanceTerminated:
      if (inst.finished()) return Misfit(e, "instance is finished already");
      if (e.type == EventType::kInstanceCompleted && !inst.elements.empty()) {
        return Misfit(e, "instance completed with active elements");
      }
      inst.status = e.type == EventType::kInstanceCompleted ? InstanceStatus::kCompleted : InstanceStatus::kTerminated;
      inst.join_tokens.clear();
      inst.ended_at = e.at;
      return Status::Ok();

    case EventType::kInstanceCalled: {
      auto ei = inst.elements.find(e.key);
      if (ei == inst.elements.end()) return Misfit(e, "call from an inactive element instance");
      if (ei->second.child != 0) return Misfit(e, "the element instance waits for another instance already");
      if (e.ref == 0) return Misfit(e, "no called instance");
      ei->second.child = e.ref;
      return Status::Ok();
    }

    case EventType::kDecisionEvaluated:
      // A record for the audit trail; the result reaches the state by the VariablesSet that follows.
      if (!inst.elements.count(e.key)) return Misfit(e, "decision evaluated for an inactive element instance");
      return Status::Ok();
  }
  return Misfit(e, "unknown event type");
}

}  // namespace ordo::engine
