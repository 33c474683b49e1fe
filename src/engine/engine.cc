#include "engine/engine.h"

#include <cassert>
#include <deque>
#include <string>

#include "base/log.h"
#include "dmn/decision_model.h"
#include "feel/expression.h"
#include "model/variables_scope.h"

namespace ordo::engine {
namespace {

using model::EventType;
using model::FlowNode;
using model::NodeKind;

std::string DiagnosticText(const std::vector<feel::Diagnostic>& diagnostics) {
  std::string text;
  for (const feel::Diagnostic& d : diagnostics) {
    if (!text.empty()) text += "; ";
    text += d.message;
  }
  return text;
}

// Splits "a, b ,c" into trimmed non-empty parts.
std::vector<std::string> SplitList(std::string_view text) {
  std::vector<std::string> parts;
  size_t start = 0;
  while (start <= text.size()) {
    size_t comma = text.find(',', start);
    if (comma == std::string_view::npos) comma = text.size();
    std::string_view part = text.substr(start, comma - start);
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    while (!part.empty() && part.back() == ' ') part.remove_suffix(1);
    if (!part.empty()) parts.emplace_back(part);
    start = comma + 1;
  }
  return parts;
}

}  // namespace

// One command's token run over one instance: a FIFO of steps processed until every path waits.
class Engine::Run {
 public:
  Run(Engine& engine, Instance& inst, TimestampMs now, EventOutput& out)
      : engine_(engine), inst_(inst), process_(*inst.process), now_(now), clock_(now), out_(out) {
    // The outermost run of an instance takes the steps that calls into it add (a called
    // instance that ends while its caller's run is still on the stack).
    registered_ = engine_.runs_.emplace(inst.id, this).second;
  }
  ~Run() {
    if (registered_) engine_.runs_.erase(inst_.id);
  }
  Run(const Run&) = delete;
  Run& operator=(const Run&) = delete;

  void Emit(model::Event event) {
    event.seq = inst_.last_seq + 1;
    event.at = now_;
    Status applied = engine_.applier_.Apply(inst_.id, event);
    // The engine only emits events that fit; a misfit is a bug in a processor.
    assert(applied.ok());
    if (!applied.ok()) log::Error("engine emitted a misfit event: " + applied.message());
    out_.push_back(EmittedEvent{inst_.id, std::move(event)});
  }

  void Activate(model::NodeIndex node) { queue_.push_back(Step{StepKind::kActivate, node, 0}); }
  void Behave(uint64_t ei) { queue_.push_back(Step{StepKind::kBehave, model::kNone, ei}); }
  void Complete(uint64_t ei) { queue_.push_back(Step{StepKind::kComplete, model::kNone, ei}); }

  // Processes every queued step, then ends the instance when nothing is left to do.
  void Drain() {
    while (!queue_.empty() && !inst_.finished()) {
      Step step = queue_.front();
      queue_.pop_front();
      switch (step.kind) {
        case StepKind::kActivate: DoActivate(step.node); break;
        case StepKind::kBehave: DoBehave(step.element_instance); break;
        case StepKind::kComplete: DoComplete(step.element_instance); break;
      }
    }
    if (!inst_.finished() && inst_.elements.empty() && (inst_.join_tokens.empty() || terminated_)) {
      model::Event e;
      e.type = EventType::kInstanceCompleted;
      e.key = inst_.id;
      Emit(std::move(e));
      if (inst_.parent_instance != 0) ReturnToCaller();
    }
  }

  // Terminates the instance: everything active in it (and in the instances it called), then the
  // instance itself.
  void TerminateInstance(const std::string& reason) {
    TerminateAll();
    queue_.clear();
    model::Event e;
    e.type = EventType::kInstanceTerminated;
    e.key = inst_.id;
    e.text = reason;
    Emit(std::move(e));
  }

  void RaiseIncident(uint64_t ei, IncidentKind kind, std::string message, uint64_t job = 0) {
    const ElementInstance& element = inst_.elements.at(ei);
    model::Event e;
    e.type = EventType::kIncidentRaised;
    e.key = engine_.keys_.Next();
    e.element = process_.nodes[element.node].id;
    e.element_instance = ei;
    e.name = IncidentKindName(kind);
    e.text = std::move(message);
    e.ref = job;
    Emit(std::move(e));
  }

  void SetVariables(uint64_t ei, const model::Variables& variables) {
    if (variables.empty()) return;
    model::Event e;
    e.type = EventType::kVariablesSet;
    e.key = ei;
    e.variables = variables;
    Emit(std::move(e));
  }

  // Terminates every active element instance (closing its task, job and incident) in key order.
  void TerminateAll() {
    std::vector<uint64_t> keys;
    for (const auto& [key, ei] : inst_.elements) keys.push_back(key);
    for (uint64_t key : keys) {
      const ElementInstance ei = inst_.elements.at(key);
      const std::string& element = process_.nodes[ei.node].id;
      if (ei.child != 0) {
        // §10.3.6: the called instance ends with the activity that waits for it.
        if (Instance* child = engine_.state_.MutableInstance(ei.child); child != nullptr && !child->finished()) {
          Run child_run(engine_, *child, now_, out_);
          child_run.TerminateInstance("the calling instance " + std::to_string(inst_.id) + " ended its call activity '" +
                                      element + "'");
        }
      }
      if (ei.task != 0) {
        model::Event e;
        e.type = EventType::kTaskCanceled;
        e.key = ei.task;
        e.element = element;
        e.element_instance = key;
        Emit(std::move(e));
      }
      if (ei.job != 0) {
        const Job& job = inst_.jobs.at(ei.job);
        if (job.status != JobStatus::kCompleted && job.status != JobStatus::kCanceled) {
          model::Event e;
          e.type = EventType::kJobCanceled;
          e.key = ei.job;
          e.element = element;
          e.element_instance = key;
          Emit(std::move(e));
        }
      }
      if (ei.incident != 0) {
        model::Event e;
        e.type = EventType::kIncidentResolved;
        e.key = ei.incident;
        e.element = element;
        e.element_instance = key;
        Emit(std::move(e));
      }
      model::Event e;
      e.type = EventType::kElementTerminated;
      e.key = key;
      e.element = element;
      Emit(std::move(e));
    }
  }

 private:
  enum class StepKind { kActivate, kBehave, kComplete };
  struct Step {
    StepKind kind;
    model::NodeIndex node;
    uint64_t element_instance;
  };

  void DoActivate(model::NodeIndex node) {
    model::Event e;
    e.type = EventType::kElementActivated;
    e.key = engine_.keys_.Next();
    e.element = process_.nodes[node].id;
    e.name = model::NodeKindName(process_.nodes[node].kind);
    uint64_t ei = e.key;
    Emit(std::move(e));
    DoBehave(ei);
  }

  // The activation behaviour of each element kind (BPMN 2.0.2 §13.3 and §13.5).
  void DoBehave(uint64_t ei) {
    if (!inst_.elements.count(ei)) return;  // terminated meanwhile
    const FlowNode& node = process_.nodes[inst_.elements.at(ei).node];
    switch (node.kind) {
      case NodeKind::kStartEvent:
      case NodeKind::kEndEvent:
      case NodeKind::kTask:
      case NodeKind::kManualTask:
      case NodeKind::kExclusiveGateway:
      case NodeKind::kParallelGateway:
        Complete(ei);
        return;
      case NodeKind::kTerminateEndEvent: {
        // §13.5.6: a terminate end event ends every activity of the process at once.
        model::Event e;
        e.type = EventType::kElementCompleted;
        e.key = ei;
        e.element = node.id;
        Emit(std::move(e));
        TerminateAll();
        queue_.clear();
        terminated_ = true;  // tokens waiting at joins die with the instance
        return;
      }
      case NodeKind::kUserTask: BehaveUserTask(ei, node); return;
      case NodeKind::kBusinessRuleTask: BehaveBusinessRuleTask(ei, node); return;
      case NodeKind::kCallActivity: BehaveCallActivity(ei, node); return;
      case NodeKind::kServiceTask: {
        model::Event e;
        e.type = EventType::kJobCreated;
        e.key = engine_.keys_.Next();
        e.element = node.id;
        e.element_instance = ei;
        e.name = node.service_task->job_type;
        e.number = node.service_task->retries;
        Emit(std::move(e));
        return;
      }
      case NodeKind::kScriptTask: {
        std::vector<feel::Diagnostic> diagnostics;
        model::VariablesScope scope(inst_.variables, &clock_);
        feel::Value result = node.script_task->script.Evaluate(scope, &diagnostics);
        if (result.is_null() && !diagnostics.empty()) {
          RaiseIncident(ei, IncidentKind::kActivation,
                        "script of '" + node.id + "' failed: " + DiagnosticText(diagnostics));
          return;
        }
        if (!node.script_task->result_variable.empty()) {
          model::Variables vars;
          vars.emplace(node.script_task->result_variable, std::move(result));
          SetVariables(ei, vars);
        }
        Complete(ei);
        return;
      }
    }
  }

  // The key a reference names: its text, or its expression's string value. False (with an
  // incident naming `what`) when the expression gives anything else.
  bool EvaluateKey(uint64_t ei, const FlowNode& node, const model::TextOrExpression& ref, const char* what,
                   std::string& key) {
    if (!ref.expression) {
      key = ref.text;
      return true;
    }
    std::vector<feel::Diagnostic> diagnostics;
    model::VariablesScope scope(inst_.variables, &clock_);
    feel::Value v = ref.expression->Evaluate(scope, &diagnostics);
    if (!v.is_string()) {
      RaiseIncident(ei, IncidentKind::kActivation,
                    std::string(what) + " of '" + node.id + "' did not evaluate to a string" +
                        (diagnostics.empty() ? ", got " + v.ToString() : ": " + DiagnosticText(diagnostics)));
      return false;
    }
    key = v.as_string();
    return true;
  }

  // A business rule task (BPMN 2.0.2 §10.3.3) evaluates a deployed decision with the instance's
  // variables in scope (DMN 1.5 §6.3.7), records which rules matched, maps the result into the
  // result variable and completes. A missing decision, an evaluation diagnostic or a result the
  // mapping cannot take raises an incident; resolving it evaluates again (perhaps against a
  // decision deployed meanwhile).
  void BehaveBusinessRuleTask(uint64_t ei, const FlowNode& node) {
    const model::BusinessRuleTaskSpec& spec = *node.business_rule_task;
    std::string key;
    if (!EvaluateKey(ei, node, spec.decision, "the decision reference", key)) return;
    std::optional<ResolvedDecision> decision = engine_.resolver_.FindDecision(key, spec.version);
    if (!decision || !decision->model) {
      RaiseIncident(ei, IncidentKind::kActivation,
                    "no decision '" + key + "'" + (spec.version ? " version " + std::to_string(*spec.version) : "") +
                        " is deployed (business rule task '" + node.id + "')");
      return;
    }
    std::vector<feel::Diagnostic> diagnostics;
    dmn::EvaluationTrace trace;
    model::VariablesScope scope(inst_.variables, &clock_);
    Result<feel::Value> value = decision->model->Evaluate(key, scope, &diagnostics, &trace);
    std::string where = "decision '" + key + "' version " + std::to_string(decision->version);
    if (!value.ok()) {
      RaiseIncident(ei, IncidentKind::kActivation, where + " could not be evaluated: " + value.status().message());
      return;
    }
    if (!diagnostics.empty()) {
      RaiseIncident(ei, IncidentKind::kActivation, where + " failed: " + DiagnosticText(diagnostics));
      return;
    }
    std::string mapping_error;
    feel::Value mapped = MapDecisionResult(*decision, spec.mapping, *value, mapping_error);
    if (!mapping_error.empty()) {
      RaiseIncident(ei, IncidentKind::kActivation,
                    where + ": " + mapping_error + " (camunda:mapDecisionResult=\"" +
                        model::DecisionResultMappingName(spec.mapping) + "\" of '" + node.id + "')");
      return;
    }
    model::Event e;
    e.type = EventType::kDecisionEvaluated;
    e.key = ei;
    e.element = node.id;
    e.ref = decision->definition_id;
    e.name = key;
    e.number = decision->version;
    for (const dmn::DecisionTrace& d : trace.decisions) {
      for (size_t i = 0; i < d.matched_rules.size(); ++i) {
        e.list1.push_back(d.decision_id + "#" + std::to_string(d.matched_rules[i]));
        e.list2.push_back(i < d.matched_rule_ids.size() ? d.matched_rule_ids[i] : std::string());
      }
    }
    e.variables.emplace(key, *value);
    Emit(std::move(e));
    if (!spec.result_variable.empty()) {
      model::Variables vars;
      vars.emplace(spec.result_variable, std::move(mapped));
      SetVariables(ei, vars);
    }
    Complete(ei);
  }

  // Camunda 7's decision result (a list of rule results, each a map from output name to value)
  // and its four mappings; kValue passes the value through.
  static feel::Value MapDecisionResult(const ResolvedDecision& d, model::DecisionResultMapping mapping,
                                       const feel::Value& value, std::string& error) {
    using M = model::DecisionResultMapping;
    if (mapping == M::kValue) return value;
    std::vector<feel::Value> results;
    if (d.one_item_per_rule && value.is_list()) {
      results = value.as_list();
    } else if (!value.is_null()) {
      results.push_back(value);
    }
    auto entries_of = [&d](const feel::Value& r) -> feel::ContextEntries {
      if (d.output_names.size() > 1 && r.is_context()) return r.as_context();
      feel::ContextEntries one;
      one.emplace_back(d.output_names.empty() ? std::string("result") : d.output_names.front(), r);
      return one;
    };
    switch (mapping) {
      case M::kValue: break;
      case M::kResultList: {
        std::vector<feel::Value> list;
        list.reserve(results.size());
        for (const feel::Value& r : results) list.push_back(feel::Value::Context(entries_of(r)));
        return feel::Value::List(std::move(list));
      }
      case M::kSingleResult:
        if (results.size() > 1) {
          error = "the decision matched " + std::to_string(results.size()) + " rules; singleResult needs at most one";
          return feel::Value::Null();
        }
        return results.empty() ? feel::Value::Null() : feel::Value::Context(entries_of(results.front()));
      case M::kSingleEntry: {
        if (results.size() > 1) {
          error = "the decision matched " + std::to_string(results.size()) + " rules; singleEntry needs at most one";
          return feel::Value::Null();
        }
        if (results.empty()) return feel::Value::Null();
        feel::ContextEntries entries = entries_of(results.front());
        if (entries.size() != 1) {
          error = "the result has " + std::to_string(entries.size()) + " entries; singleEntry needs exactly one";
          return feel::Value::Null();
        }
        return entries.front().second;
      }
      case M::kCollectEntries: {
        std::vector<feel::Value> list;
        for (const feel::Value& r : results) {
          feel::ContextEntries entries = entries_of(r);
          if (entries.size() != 1) {
            error = "a result has " + std::to_string(entries.size()) + " entries; collectEntries needs exactly one";
            return feel::Value::Null();
          }
          list.push_back(entries.front().second);
        }
        return feel::Value::List(std::move(list));
      }
    }
    return value;
  }

  // Evaluates an assignment attribute: fixed text, or FEEL giving a string or a list of strings.
  bool EvaluateAssignment(uint64_t ei, const FlowNode& node, const model::TextOrExpression& spec,
                          const char* what, std::vector<std::string>& out) {
    if (!spec.expression) {
      out = SplitList(spec.text);
      return true;
    }
    std::vector<feel::Diagnostic> diagnostics;
    model::VariablesScope scope(inst_.variables, &clock_);
    feel::Value v = spec.expression->Evaluate(scope, &diagnostics);
    if (v.is_string()) {
      out = SplitList(v.as_string());
      return true;
    }
    if (v.is_list()) {
      for (const feel::Value& item : v.as_list()) {
        if (!item.is_string()) {
          RaiseIncident(ei, IncidentKind::kActivation,
                        std::string(what) + " of '" + node.id + "' must be strings, got " + item.ToString());
          return false;
        }
        out.push_back(item.as_string());
      }
      return true;
    }
    if (v.is_null() && diagnostics.empty()) return true;
    RaiseIncident(ei, IncidentKind::kActivation,
                  std::string(what) + " of '" + node.id + "' did not evaluate to a string or list" +
                      (diagnostics.empty() ? ", got " + v.ToString() : ": " + DiagnosticText(diagnostics)));
    return false;
  }

  void BehaveUserTask(uint64_t ei, const FlowNode& node) {
    std::vector<std::string> assignee, groups, users;
    const model::UserTaskSpec& spec = *node.user_task;
    if (!EvaluateAssignment(ei, node, spec.assignee, "assignee", assignee)) return;
    if (!EvaluateAssignment(ei, node, spec.candidate_groups, "candidate groups", groups)) return;
    if (!EvaluateAssignment(ei, node, spec.candidate_users, "candidate users", users)) return;
    TimestampMs due_at = 0;
    if (!spec.due_date.empty()) {
      std::vector<feel::Diagnostic> diagnostics;
      feel::Value v = feel::Value::String(spec.due_date.text);
      if (spec.due_date.expression) {
        model::VariablesScope scope(inst_.variables, &clock_);
        v = spec.due_date.expression->Evaluate(scope, &diagnostics);
      }
      if (!v.is_null() || !diagnostics.empty()) {
        std::optional<int64_t> due = model::DueAt(v, now_);
        if (!due) {
          RaiseIncident(ei, IncidentKind::kActivation,
                        "the due date of '" + node.id + "' is not a date-time or duration" +
                            (diagnostics.empty() ? ", got " + v.ToString() : ": " + DiagnosticText(diagnostics)));
          return;
        }
        // 0 means "none" in the event; an instant at the epoch itself moves by a millisecond.
        due_at = *due == 0 ? 1 : *due;
      }
    }
    model::Event e;
    e.type = EventType::kTaskCreated;
    e.key = engine_.keys_.Next();
    e.element = node.id;
    e.element_instance = ei;
    e.name = node.name;
    e.text = assignee.empty() ? std::string() : assignee.front();
    e.list1 = std::move(groups);
    e.list2 = std::move(users);
    e.time = due_at;
    Emit(std::move(e));
  }

  // A call activity (BPMN 2.0.2 §10.3.6) starts the latest (or the bound) version of the called
  // process as a child instance with the variables its in-mappings pass, and waits until that
  // instance completes; then the out-mappings bring variables back and the activity completes
  // (ReturnToCaller). A called process that is not deployed, an in-mapping that fails, or calls
  // nested deeper than kMaxCallDepth raise an incident; resolving it tries the call again.
  void BehaveCallActivity(uint64_t ei, const FlowNode& node) {
    const model::CallActivitySpec& spec = *node.call_activity;
    std::string key;
    if (!EvaluateKey(ei, node, spec.called_element, "the called process", key)) return;
    // The called instance's place in its chain of calls (the root instance is 1).
    int depth = 2;
    for (const Instance* i = &inst_; i != nullptr && i->parent_instance != 0;
         i = engine_.state_.FindInstance(i->parent_instance)) {
      ++depth;
    }
    if (depth > kMaxCallDepth) {
      RaiseIncident(ei, IncidentKind::kActivation,
                    "call activity '" + node.id + "' would nest calls " + std::to_string(depth) +
                        " deep; at most " + std::to_string(kMaxCallDepth) + " are allowed (a process calling itself?)");
      return;
    }
    std::optional<ResolvedProcess> called = engine_.resolver_.FindProcess(key, spec.version);
    if (!called || !called->process) {
      RaiseIncident(ei, IncidentKind::kActivation,
                    "no process '" + key + "'" + (spec.version ? " version " + std::to_string(*spec.version) : "") +
                        " is deployed (call activity '" + node.id + "')");
      return;
    }
    if (called->process->none_start_events.empty()) {
      RaiseIncident(ei, IncidentKind::kActivation,
                    "process '" + key + "' has no none start event to start it by (call activity '" + node.id + "')");
      return;
    }
    model::Variables variables;
    if (spec.all_in) variables = inst_.variables;
    for (const model::VariableMapping& m : spec.in) {
      feel::Value value;
      if (!MapVariable(ei, node, m, inst_.variables, IncidentKind::kActivation, value)) return;
      variables.insert_or_assign(m.target, std::move(value));
    }
    uint64_t child_id = engine_.keys_.Next();
    model::Event call;
    call.type = EventType::kInstanceCalled;
    call.key = ei;
    call.element = node.id;
    call.ref = child_id;
    call.name = key;
    call.number = called->version;
    Emit(std::move(call));
    Status started = engine_.StartInstance(child_id, called->definition_id, called->process, called->version,
                                           spec.business_key_from_caller ? inst_.business_key : std::string(),
                                           std::move(variables), inst_.id, ei, now_, out_);
    // Only a bug makes the created event misfit (the id is fresh); it is logged like any misfit.
    if (!started.ok()) log::Error("call activity '" + node.id + "': " + started.message());
  }

  // The value a mapping passes: the `source` variable of `from` (null when it has none), or its
  // expression evaluated there. False (with an incident) when the expression fails.
  bool MapVariable(uint64_t ei, const FlowNode& node, const model::VariableMapping& m, const model::Variables& from,
                   IncidentKind kind, feel::Value& value) {
    if (!m.expression) {
      auto it = from.find(m.source);
      value = it == from.end() ? feel::Value::Null() : it->second;
      return true;
    }
    std::vector<feel::Diagnostic> diagnostics;
    model::VariablesScope scope(from, &clock_);
    value = m.expression->Evaluate(scope, &diagnostics);
    if (!diagnostics.empty()) {
      // An in-mapping fails while activating (resolving calls again), an out-mapping while
      // completing (resolving completes).
      const char* direction = kind == IncidentKind::kActivation ? "in" : "out";
      RaiseIncident(ei, kind,
                    std::string("the ") + direction + "-mapping of '" + m.target + "' of call activity '" + node.id +
                        "' failed: " + DiagnosticText(diagnostics));
      return false;
    }
    return true;
  }

  // This (called) instance completed: its caller's activity takes the out-mapped variables and
  // completes, unless it ended meanwhile.
  void ReturnToCaller() {
    Instance* parent = engine_.state_.MutableInstance(inst_.parent_instance);
    if (parent == nullptr || parent->finished()) return;
    auto it = parent->elements.find(inst_.parent_element_instance);
    if (it == parent->elements.end() || it->second.child != inst_.id) return;
    auto active = engine_.runs_.find(parent->id);
    if (active != engine_.runs_.end()) {
      active->second->AcceptReturn(inst_);
      return;
    }
    Run run(engine_, *parent, now_, out_);
    run.AcceptReturn(inst_);
    run.Drain();
  }

  void AcceptReturn(const Instance& child) {
    uint64_t ei = child.parent_element_instance;
    const FlowNode& node = process_.nodes[inst_.elements.at(ei).node];
    const model::CallActivitySpec& spec = *node.call_activity;
    model::Variables variables;
    if (spec.all_out) variables = child.variables;
    for (const model::VariableMapping& m : spec.out) {
      feel::Value value;
      if (!MapVariable(ei, node, m, child.variables, IncidentKind::kCompletion, value)) return;
      variables.insert_or_assign(m.target, std::move(value));
    }
    SetVariables(ei, variables);
    Complete(ei);
  }

  // Evaluates a flow's condition. Returns false and raises an incident when it is not a boolean.
  bool ConditionHolds(uint64_t ei, const model::SequenceFlow& flow, bool& holds) {
    std::vector<feel::Diagnostic> diagnostics;
    model::VariablesScope scope(inst_.variables, &clock_);
    feel::Value v = flow.condition->Evaluate(scope, &diagnostics);
    if (v.is_bool()) {
      holds = v.as_bool();
      return true;
    }
    RaiseIncident(ei, IncidentKind::kCompletion,
                  "condition '" + flow.condition->source() + "' of sequence flow '" + flow.id +
                      "' did not evaluate to a boolean" +
                      (diagnostics.empty() ? ", got " + v.ToString() : ": " + DiagnosticText(diagnostics)));
    return false;
  }

  // Chooses the outgoing flows (BPMN 2.0.2 §13.3.4 exclusive gateway, §13.2.1 activities) and
  // completes the element instance, passing a token along each chosen flow.
  void DoComplete(uint64_t ei_key) {
    if (!inst_.elements.count(ei_key)) return;  // terminated meanwhile
    const ElementInstance& ei = inst_.elements.at(ei_key);
    const FlowNode& node = process_.nodes[ei.node];
    std::vector<model::FlowIndex> taken;
    if (node.kind == NodeKind::kExclusiveGateway) {
      for (model::FlowIndex f : node.outgoing) {
        if (f == node.default_flow) continue;
        const model::SequenceFlow& flow = process_.flows[f];
        bool holds = true;
        if (flow.condition && !ConditionHolds(ei_key, flow, holds)) return;
        if (holds) {
          taken.push_back(f);
          break;
        }
      }
      if (taken.empty()) {
        if (node.default_flow == model::kNone) {
          RaiseIncident(ei_key, IncidentKind::kCompletion,
                        "no outgoing sequence flow of gateway '" + node.id +
                            "' has a condition that holds, and it has no default flow");
          return;
        }
        taken.push_back(node.default_flow);
      }
    } else {
      bool any_conditional = false;
      for (model::FlowIndex f : node.outgoing) {
        if (f == node.default_flow) continue;
        const model::SequenceFlow& flow = process_.flows[f];
        bool holds = true;
        if (flow.condition && node.kind != NodeKind::kParallelGateway) {
          any_conditional = true;
          if (!ConditionHolds(ei_key, flow, holds)) return;
        }
        if (holds) taken.push_back(f);
      }
      if (taken.empty() && node.default_flow != model::kNone) taken.push_back(node.default_flow);
      if (taken.empty() && any_conditional) {
        RaiseIncident(ei_key, IncidentKind::kCompletion,
                      "no outgoing sequence flow of '" + node.id + "' has a condition that holds");
        return;
      }
    }
    model::Event e;
    e.type = EventType::kElementCompleted;
    e.key = ei_key;
    e.element = node.id;
    for (model::FlowIndex f : taken) e.list1.push_back(process_.flows[f].id);
    Emit(std::move(e));
    for (model::FlowIndex f : taken) {
      model::NodeIndex target = process_.flows[f].target;
      const FlowNode& t = process_.nodes[target];
      if (t.kind == NodeKind::kParallelGateway && t.incoming.size() > 1) {
        // The join fires once every incoming flow holds a token (§13.3.4).
        auto it = inst_.join_tokens.find(target);
        bool ready = it != inst_.join_tokens.end();
        if (ready) {
          for (uint32_t count : it->second) ready = ready && count > 0;
        }
        if (ready) Activate(target);
      } else {
        Activate(target);
      }
    }
  }

  Engine& engine_;
  Instance& inst_;
  const model::Process& process_;
  TimestampMs now_;
  ManualClock clock_;  // FEEL's now() is the command's time
  EventOutput& out_;
  std::deque<Step> queue_;
  bool terminated_ = false;
  bool registered_ = false;
};

Result<uint64_t> Engine::CreateInstance(const CreateInstanceCommand& command, TimestampMs now, EventOutput& out) {
  std::shared_ptr<const model::Process> process = resolver_.Resolve(command.definition_id);
  if (!process) return NotFound("process definition " + std::to_string(command.definition_id) + " is unknown");
  if (process->none_start_events.empty()) {
    return FailedPrecondition("process '" + process->key + "' has no none start event to start it by");
  }
  uint64_t id = keys_.Next();
  // The version is recorded by the resolver's caller; the model itself does not know it.
  RETURN_IF_ERROR(StartInstance(id, command.definition_id, process, resolver_.Version(command.definition_id),
                                command.business_key, command.variables, 0, 0, now, out));
  return id;
}

Status Engine::StartInstance(uint64_t id, uint64_t definition_id, const std::shared_ptr<const model::Process>& process,
                             int version, std::string business_key, model::Variables variables,
                             uint64_t parent_instance, uint64_t parent_element_instance, TimestampMs now,
                             EventOutput& out) {
  model::Event created;
  created.type = EventType::kInstanceCreated;
  created.seq = 1;
  created.at = now;
  created.key = id;
  created.ref = definition_id;
  created.name = process->key;
  created.text = std::move(business_key);
  created.variables = std::move(variables);
  created.number = version;
  created.parent_instance = parent_instance;
  created.element_instance = parent_element_instance;
  Status applied = applier_.Apply(id, created);
  if (!applied.ok()) return Internal("could not create instance: " + applied.message());
  out.push_back(EmittedEvent{id, std::move(created)});
  Instance& inst = *state_.MutableInstance(id);
  Run run(*this, inst, now, out);
  run.Activate(process->none_start_events.front());
  run.Drain();
  return Status::Ok();
}

Status Engine::CompleteTask(uint64_t task_id, const model::Variables& variables, TimestampMs now, EventOutput& out) {
  uint64_t owner = state_.TaskOwner(task_id);
  Instance* inst = owner ? state_.MutableInstance(owner) : nullptr;
  if (inst == nullptr) return NotFound("task " + std::to_string(task_id) + " does not exist");
  const Task& task = inst->tasks.at(task_id);
  if (task.status != TaskStatus::kOpen) {
    return FailedPrecondition("task " + std::to_string(task_id) + " is " +
                              (task.status == TaskStatus::kCompleted ? "completed" : "canceled") + " already");
  }
  uint64_t ei = task.element_instance;
  Run run(*this, *inst, now, out);
  run.SetVariables(ei, variables);
  model::Event e;
  e.type = EventType::kTaskCompleted;
  e.key = task_id;
  e.element = task.element;
  e.element_instance = ei;
  run.Emit(std::move(e));
  run.Complete(ei);
  run.Drain();
  return Status::Ok();
}

Result<std::vector<AcquiredJob>> Engine::AcquireJobs(std::string_view type, std::string_view worker, int max,
                                                     int64_t lock_ms, TimestampMs now, EventOutput& out) {
  if (max <= 0) return InvalidArgument("max must be at least 1");
  if (lock_ms <= 0) return InvalidArgument("lockMs must be positive");
  if (worker.empty()) return InvalidArgument("worker must not be empty");
  std::vector<std::pair<uint64_t, uint64_t>> picked;  // (job, instance)
  if (const auto* queue = state_.ActivatableJobs(type)) {
    for (const auto& [due, job] : *queue) {
      if (due > now || static_cast<int>(picked.size()) >= max) break;
      picked.emplace_back(job, state_.JobOwner(job));
    }
  }
  std::vector<AcquiredJob> acquired;
  for (const auto& [job_id, owner] : picked) {
    Instance& inst = *state_.MutableInstance(owner);
    const Job& job = inst.jobs.at(job_id);
    Run run(*this, inst, now, out);
    model::Event e;
    e.type = EventType::kJobLocked;
    e.key = job_id;
    e.element = job.element;
    e.name = std::string(worker);
    e.time = now + lock_ms;
    run.Emit(std::move(e));
    acquired.push_back(AcquiredJob{job_id, owner, job.type, job.element, job.retries, now + lock_ms});
  }
  return acquired;
}

namespace {

Status CheckLease(const Job& job, std::string_view worker) {
  if (job.status != JobStatus::kLocked) {
    return FailedPrecondition("job " + std::to_string(job.id) +
                              " is not locked by a worker (its lock expired, or it was never acquired)");
  }
  if (!worker.empty() && worker != job.worker) {
    return Conflict("job " + std::to_string(job.id) + " is locked by worker '" + job.worker + "', not '" +
                    std::string(worker) + "'");
  }
  return Status::Ok();
}

// The instance holding `job_id`, when the job is locked by `worker` (any worker when empty).
Result<Instance*> LeasedJobOwner(State& state, uint64_t job_id, std::string_view worker) {
  uint64_t owner = state.JobOwner(job_id);
  Instance* inst = owner ? state.MutableInstance(owner) : nullptr;
  if (inst == nullptr) return NotFound("job " + std::to_string(job_id) + " does not exist or is finished");
  RETURN_IF_ERROR(CheckLease(inst->jobs.at(job_id), worker));
  return inst;
}

}  // namespace

Status Engine::CompleteJob(uint64_t job_id, std::string_view worker, const model::Variables& variables,
                           TimestampMs now, EventOutput& out) {
  ASSIGN_OR_RETURN(Instance* inst, LeasedJobOwner(state_, job_id, worker));
  const Job& job = inst->jobs.at(job_id);
  uint64_t ei = job.element_instance;
  Run run(*this, *inst, now, out);
  run.SetVariables(ei, variables);
  model::Event e;
  e.type = EventType::kJobCompleted;
  e.key = job_id;
  e.element = job.element;
  e.element_instance = ei;
  run.Emit(std::move(e));
  run.Complete(ei);
  run.Drain();
  return Status::Ok();
}

Status Engine::FailJob(uint64_t job_id, std::string_view worker, int retries, const std::string& message,
                       int64_t backoff_ms, TimestampMs now, EventOutput& out) {
  if (backoff_ms < 0) return InvalidArgument("backoffMs must not be negative");
  ASSIGN_OR_RETURN(Instance* inst, LeasedJobOwner(state_, job_id, worker));
  const Job& job = inst->jobs.at(job_id);
  uint64_t ei = job.element_instance;
  Run run(*this, *inst, now, out);
  model::Event e;
  e.type = EventType::kJobFailed;
  e.key = job_id;
  e.element = job.element;
  e.number = retries < 0 ? 0 : retries;
  e.text = message;
  e.time = now + backoff_ms;
  run.Emit(std::move(e));
  if (retries <= 0) {
    run.RaiseIncident(ei, IncidentKind::kJob,
                      "job of '" + job.element + "' failed with no retries left" +
                          (message.empty() ? std::string() : ": " + message),
                      job_id);
  }
  return Status::Ok();
}

Status Engine::ResolveIncident(uint64_t incident_id, const model::Variables& variables, TimestampMs now,
                               EventOutput& out) {
  uint64_t owner = state_.IncidentOwner(incident_id);
  Instance* inst = owner ? state_.MutableInstance(owner) : nullptr;
  if (inst == nullptr) return NotFound("incident " + std::to_string(incident_id) + " does not exist or its instance is finished");
  const Incident& incident = inst->incidents.at(incident_id);
  if (!incident.open) return FailedPrecondition("incident " + std::to_string(incident_id) + " is resolved already");
  uint64_t ei = incident.element_instance;
  IncidentKind kind = incident.kind;
  Run run(*this, *inst, now, out);
  run.SetVariables(ei, variables);
  model::Event e;
  e.type = EventType::kIncidentResolved;
  e.key = incident_id;
  e.element = incident.element;
  e.element_instance = ei;
  e.ref = kind == IncidentKind::kJob ? incident.job : 0;
  run.Emit(std::move(e));
  // Retry the step that failed; a job incident needs nothing more (the job is acquirable again).
  if (kind == IncidentKind::kActivation) run.Behave(ei);
  if (kind == IncidentKind::kCompletion) run.Complete(ei);
  run.Drain();
  return Status::Ok();
}

Status Engine::CancelInstance(uint64_t instance_id, const std::string& reason, TimestampMs now, EventOutput& out) {
  Instance* inst = state_.MutableInstance(instance_id);
  if (inst == nullptr) return NotFound("instance " + std::to_string(instance_id) + " is not running");
  if (inst->finished()) return FailedPrecondition("instance " + std::to_string(instance_id) + " is finished already");
  if (inst->parent_instance != 0) {
    // Its caller waits for it: ending it alone would leave the caller waiting forever.
    return FailedPrecondition("instance " + std::to_string(instance_id) + " was started by a call activity of instance " +
                              std::to_string(inst->parent_instance) + "; cancel that instance instead");
  }
  Run run(*this, *inst, now, out);
  run.TerminateInstance(reason);
  return Status::Ok();
}

int Engine::ExpireJobLocks(TimestampMs now, EventOutput& out) {
  std::vector<uint64_t> expired;
  for (const auto& [expiry, job] : state_.LockedJobs()) {
    if (expiry > now) break;
    expired.push_back(job);
  }
  for (uint64_t job_id : expired) {
    Instance& inst = *state_.MutableInstance(state_.JobOwner(job_id));
    Run run(*this, inst, now, out);
    model::Event e;
    e.type = EventType::kJobLockExpired;
    e.key = job_id;
    e.element = inst.jobs.at(job_id).element;
    run.Emit(std::move(e));
  }
  return static_cast<int>(expired.size());
}

}  // namespace ordo::engine
