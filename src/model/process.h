// The executable process model: an immutable, validated graph of flow nodes and sequence flows
// with every expression pre-compiled. The BPMN reader (and later the checklist format) compile to
// it; the engine executes it. It holds no document details (DI, unknown extensions): those stay in
// the reader's document model.
//
// Ownership: a Process owns its nodes and flows; node and flow references are indexes into its
// vectors, valid for the Process's lifetime. A Process is never mutated after Build(), so it is
// safe to share between threads (as std::shared_ptr<const Process>).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "feel/expression.h"

namespace ordo::model {

using NodeIndex = uint32_t;
using FlowIndex = uint32_t;
inline constexpr uint32_t kNone = UINT32_MAX;

// BPMN 2.0.2 §10 flow-node kinds the engine executes.
enum class NodeKind : uint8_t {
  kStartEvent,        // none start event (§10.5.2)
  kEndEvent,          // none end event (§10.5.3)
  kTerminateEndEvent, // end event with terminateEventDefinition (§10.5.3)
  kTask,              // abstract task: passes straight through
  kManualTask,        // §10.3.3: performed without the engine; passes through
  kUserTask,          // §10.3.3: waits for a person to complete a task
  kServiceTask,       // §10.3.3: waits for an external worker to complete a job
  kScriptTask,        // §10.3.3: evaluates a FEEL expression in the engine
  kBusinessRuleTask,  // §10.3.3: evaluates a deployed DMN decision in the engine
  kCallActivity,      // §10.3.6: starts a deployed process as a child instance and waits for it
  kExclusiveGateway,  // §10.6.2
  kParallelGateway,   // §10.6.4
};

const char* NodeKindName(NodeKind kind);

// The instant a due date means when read at `now_ms` (ms since the epoch, UTC): a date-time (UTC
// when it has no offset), a date (its midnight UTC), a duration counted from `now_ms`, or a string
// in the ISO 8601 form of one of those. nullopt for anything else or out of range.
std::optional<int64_t> DueAt(const feel::Value& value, int64_t now_ms);

// A value that is either fixed text or a FEEL expression evaluated when the element activates
// (Camunda 8's "=expr"). Used for assignee, candidate groups/users.
struct TextOrExpression {
  std::string text;                           // the literal, when expression is empty
  std::optional<feel::Expression> expression; // evaluated against the instance variables
  bool empty() const { return text.empty() && !expression; }
};

struct UserTaskSpec {
  TextOrExpression assignee;
  TextOrExpression candidate_groups;  // comma-separated list, or an expression giving a list/string
  TextOrExpression candidate_users;
  // When the task is due: an ISO 8601 date-time, or a duration counted from the task's creation
  // (text or an expression giving either; FEEL's now() is the creating command's time). Empty: none.
  TextOrExpression due_date;
};

struct ServiceTaskSpec {
  std::string job_type;  // camunda:topic, zeebe:taskDefinition type, or ordo:jobType
  int retries = 3;       // zeebe:taskDefinition retries, default 3
};

struct ScriptTaskSpec {
  feel::Expression script;
  std::string result_variable;  // empty: the result is discarded
};

// How a decision's result becomes a process variable.
enum class DecisionResultMapping : uint8_t {
  kValue,           // Camunda 8 zeebe:calledDecision and Ordo: the decision's value as it is
  kResultList,      // camunda:mapDecisionResult="resultList" (the default): a list of contexts,
                    // one per matched rule, keyed by output name
  kSingleResult,    // "singleResult": the one rule's context (null when none matched)
  kSingleEntry,     // "singleEntry": the one rule's one output value
  kCollectEntries,  // "collectEntries": the one output's value of every matched rule, as a list
};

const char* DecisionResultMappingName(DecisionResultMapping m);

struct BusinessRuleTaskSpec {
  TextOrExpression decision;    // the decision id: camunda:decisionRef, zeebe:calledDecision decisionId
  std::optional<int> version;   // camunda:decisionRefBinding="version"; absent: the latest version
  std::string result_variable;  // empty: the result is discarded
  DecisionResultMapping mapping = DecisionResultMapping::kValue;
};

// One variable passed into a called process or back out of it (camunda:in / camunda:out).
struct VariableMapping {
  std::string target;
  std::string source;                        // a variable of the other scope, when no expression
  std::optional<feel::Expression> expression; // camunda:sourceExpression, evaluated in the source scope
};

struct CallActivitySpec {
  TextOrExpression called_element;  // the called process's key (calledElement, zeebe:calledElement)
  std::optional<int> version;       // camunda:calledElementBinding="version"; absent: the latest
  bool all_in = false;              // every variable of the caller goes in
  bool all_out = false;             // every variable of the called instance comes back
  std::vector<VariableMapping> in;
  std::vector<VariableMapping> out;
  bool business_key_from_caller = false;  // camunda:in businessKey="#{execution.processBusinessKey}"
};

struct FlowNode {
  std::string id;
  std::string name;
  NodeKind kind = NodeKind::kTask;
  std::vector<FlowIndex> incoming;
  std::vector<FlowIndex> outgoing;
  FlowIndex default_flow = kNone;  // exclusive gateway or activity default flow
  std::optional<UserTaskSpec> user_task;
  std::optional<ServiceTaskSpec> service_task;
  std::optional<ScriptTaskSpec> script_task;
  std::optional<BusinessRuleTaskSpec> business_rule_task;
  std::optional<CallActivitySpec> call_activity;
};

struct SequenceFlow {
  std::string id;
  std::string name;
  NodeIndex source = kNone;
  NodeIndex target = kNone;
  std::optional<feel::Expression> condition;  // absent: unconditional
};

class Process {
 public:
  std::string key;   // the BPMN process id; instances are started by it
  std::string name;
  std::vector<FlowNode> nodes;
  std::vector<SequenceFlow> flows;
  std::vector<NodeIndex> none_start_events;

  // Builds the id index and start-event list. Call once after filling nodes and flows.
  void Finish();

  // kNone when absent.
  NodeIndex FindNode(std::string_view id) const;
  FlowIndex FindFlow(std::string_view id) const;

 private:
  std::unordered_map<std::string, NodeIndex> node_index_;
  std::unordered_map<std::string, FlowIndex> flow_index_;
};

}  // namespace ordo::model
