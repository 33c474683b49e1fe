// Which BPMN element kinds exist as flow nodes, and which of them the engine executes today.
//
// BPMN 2.0.2 §10.1 and §8.3.13 list the FlowNode subclasses; the engine's model (model/process.h)
// covers a subset. For everything outside it the validator reports exactly what is unsupported
// (the kind, the event definition, the loop marker), so a modeller knows what to change and the
// list shrinks as the engine grows.
//
// Thread-safety: pure functions over immutable tables.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "bpmn/document.h"
#include "model/process.h"

namespace ordo::bpmn {

// True for the local names of BPMN FlowNode subclasses (events, activities, gateways,
// choreography activities), whether or not the engine executes them.
bool IsFlowNodeKind(std::string_view local_name);

// True for activities (§10.3): tasks, sub-processes and call activities.
bool IsActivityKind(std::string_view local_name);

// The event definitions (§10.5.1) of an event element, e.g. "timerEventDefinition"; the first one
// found, or empty for a none event. An eventDefinitionRef counts as "eventDefinitionRef".
std::string EventDefinitionOf(const Element& event);

// REQUIRES: node is a flow node in the BPMN model namespace.
// Empty when the engine executes this node; otherwise a full sentence saying what is unsupported.
std::string UnsupportedReason(const Element& node);

// The model kind for a node UnsupportedReason accepts; nullopt otherwise.
std::optional<model::NodeKind> ModelKindOf(const Element& node);

}  // namespace ordo::bpmn
