// Bindings: what a flow node or sequence flow asks the engine to do, read from the BPMN attributes
// and the vendor extensions users already have (Camunda 7 `camunda:`, Camunda 8 `zeebe:`, Ordo's
// own `ordo:`), with every expression compiled to FEEL.
//
// The validator calls these readers to collect problems; the transformer calls the same readers to
// build model::Process, so what is validated is exactly what runs. Each reader appends a Problem
// (with the owning element's id and the line of the most specific element or attribute holder)
// for everything it cannot honour and returns nullopt when the binding is unusable.
//
// Thread-safety: pure functions; the Element arguments are only read.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "bpmn/document.h"
#include "bpmn/problem.h"
#include "feel/expression.h"
#include "model/process.h"

namespace ordo::bpmn {

// A problem about `owner`, located at `at` (a descendant of owner, or owner itself).
Problem ProblemAt(const Element& owner, const Element& at, std::string message);
inline Problem ProblemAt(const Element& owner, std::string message) {
  return ProblemAt(owner, owner, std::move(message));
}

// Service task (BPMN 2.0.2 §10.3.3): the job type external workers fetch, from `ordo:jobType`,
// `<zeebe:taskDefinition type retries>`, or `camunda:type="external"` with `camunda:topic`.
// A Camunda 7 Java delegate (`camunda:class`, `camunda:delegateExpression="${bean}"`) becomes an
// external job whose type is the class or bean name (docs/decisions/0006): the Java never runs
// here, a worker subscribed to that type does the work. `camunda:expression` is refused.
std::optional<model::ServiceTaskSpec> ReadServiceTask(const Element& task, std::vector<Problem>* problems);

// Script task (§10.3.3): a FEEL script from `scriptFormat="feel"` with `<script>` (a missing
// format means FEEL), or `<zeebe:script expression="=..." resultVariable="...">`; the result
// variable from camunda:/zeebe:/ordo:resultVariable.
std::optional<model::ScriptTaskSpec> ReadScriptTask(const Element& task, std::vector<Problem>* problems);

// Business rule task (§10.3.3) that evaluates a deployed DMN decision in the engine: the decision
// from `camunda:decisionRef` (binding latest or version with camunda:decisionRefVersion; result
// via camunda:resultVariable and camunda:mapDecisionResult), `<zeebe:calledDecision decisionId
// resultVariable>` (the value as it is), or `ordo:decisionRef` with `ordo:resultVariable`. A
// business rule task with a job type (zeebe:taskDefinition, camunda:type="external") runs as a
// service task instead: see IsJobBusinessRuleTask.
std::optional<model::BusinessRuleTaskSpec> ReadBusinessRuleTask(const Element& task, std::vector<Problem>* problems);

// True when a businessRuleTask is implemented by an external worker rather than a decision.
bool IsJobBusinessRuleTask(const Element& task);

// User task (§10.3.3): assignee and candidate groups/users from `camunda:assignee`,
// `camunda:candidateGroups`, `camunda:candidateUsers` or `<zeebe:assignmentDefinition>`. A value
// is a comma-separated literal, FEEL when it starts with '=', or JUEL (translated). The due date
// from `<zeebe:taskSchedule dueDate>`, `camunda:dueDate` or `ordo:dueDate`: an ISO 8601 date-time
// or duration, or an expression giving one (or a FEEL date-time or duration).
std::optional<model::UserTaskSpec> ReadUserTask(const Element& task, std::vector<Problem>* problems);

// Call activity (§10.3.6): the called process from `calledElement` (a process id, JUEL or '='
// FEEL) or `<zeebe:calledElement processId propagateAllParentVariables propagateAllChildVariables>`;
// variables from `<camunda:in>`/`<camunda:out>` (source, sourceExpression, variables="all",
// businessKey="#{execution.processBusinessKey}"); camunda:calledElementBinding latest or version.
// Without vendor mappings every variable passes both ways.
std::optional<model::CallActivitySpec> ReadCallActivity(const Element& activity, std::vector<Problem>* problems);

// True when the sequence flow carries a <conditionExpression> element.
bool HasCondition(const Element& flow);

// Sequence flow condition (§10.3.1 conditional flows): the text of <conditionExpression> in FEEL
// (no language or a FEEL language; a leading '=' is stripped). nullopt when the flow is
// unconditional or the condition is unusable (then a problem was added).
std::optional<feel::Expression> ReadCondition(const Element& flow, std::vector<Problem>* problems);

// Vendor extensions that would change behaviour but do not run yet (input/output mappings,
// connectors) and JUEL in any other camunda: attribute of `element` are problems. Listeners
// (camunda:executionListener/taskListener with a script, class or expression; zeebe listeners)
// never run here: each one is a warning, and the model deploys without it (docs/decisions/0006).
void CheckVendorExtensions(const Element& element, std::vector<Problem>* problems, std::vector<Problem>* warnings);

}  // namespace ordo::bpmn
