#include "bpmn/kinds.h"

#include <array>

#include "bpmn/bindings.h"
#include "bpmn/namespaces.h"

namespace ordo::bpmn {
namespace {

constexpr std::array<std::string_view, 15> kActivities = {
    "task",        "userTask",     "serviceTask",      "scriptTask",       "manualTask",
    "sendTask",    "receiveTask",  "businessRuleTask", "subProcess",       "adHocSubProcess",
    "transaction", "callActivity", "callChoreography", "choreographyTask", "subChoreography"};

constexpr std::array<std::string_view, 10> kOtherFlowNodes = {
    "startEvent",       "endEvent",        "intermediateCatchEvent", "intermediateThrowEvent", "boundaryEvent",
    "exclusiveGateway", "parallelGateway", "inclusiveGateway",       "eventBasedGateway",      "complexGateway"};

template <size_t N>
bool Contains(const std::array<std::string_view, N>& set, std::string_view s) {
  for (std::string_view k : set) {
    if (k == s) return true;
  }
  return false;
}

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

}  // namespace

bool IsFlowNodeKind(std::string_view local_name) {
  return Contains(kActivities, local_name) || Contains(kOtherFlowNodes, local_name);
}

bool IsActivityKind(std::string_view local_name) { return Contains(kActivities, local_name); }

std::string EventDefinitionOf(const Element& event) {
  for (const auto& c : event.children) {
    if (c->ns != ns::kModel) continue;
    if (EndsWith(c->local_name, "EventDefinition") || c->local_name == "eventDefinitionRef") {
      return c->local_name;
    }
  }
  return {};
}

std::optional<model::NodeKind> ModelKindOf(const Element& node) {
  using model::NodeKind;
  const std::string& k = node.local_name;
  if (k == "startEvent") return NodeKind::kStartEvent;
  if (k == "endEvent") {
    return EventDefinitionOf(node) == "terminateEventDefinition" ? NodeKind::kTerminateEndEvent : NodeKind::kEndEvent;
  }
  if (k == "task") return NodeKind::kTask;
  if (k == "userTask") return NodeKind::kUserTask;
  if (k == "serviceTask") return NodeKind::kServiceTask;
  if (k == "scriptTask") return NodeKind::kScriptTask;
  if (k == "businessRuleTask") {
    return IsJobBusinessRuleTask(node) ? NodeKind::kServiceTask : NodeKind::kBusinessRuleTask;
  }
  if (k == "manualTask") return NodeKind::kManualTask;
  if (k == "callActivity") return NodeKind::kCallActivity;
  if (k == "exclusiveGateway") return NodeKind::kExclusiveGateway;
  if (k == "parallelGateway") return NodeKind::kParallelGateway;
  return std::nullopt;
}

std::string UnsupportedReason(const Element& node) {
  const std::string& kind = node.local_name;
  if (!ModelKindOf(node)) {
    if (kind == "subProcess" && node.AttrOr("", "triggeredByEvent") == "true") {
      return "unsupported element kind 'subProcess' (event sub-process)";
    }
    return "unsupported element kind '" + kind + "'";
  }
  std::string definition = EventDefinitionOf(node);
  // BPMN 2.0.2 §10.5.2: only the none start event is instantiated by a plain "start" command;
  // §10.5.3: of the end events only none and terminate are executed so far.
  if (kind == "startEvent" && !definition.empty()) {
    return "unsupported element kind 'startEvent' with '" + definition + "' (only none start events are supported)";
  }
  if (kind == "endEvent" && !definition.empty() && definition != "terminateEventDefinition") {
    return "unsupported element kind 'endEvent' with '" + definition +
           "' (only none and terminate end events are supported)";
  }
  // §10.3.8 loop characteristics.
  for (std::string_view loop : {"multiInstanceLoopCharacteristics", "standardLoopCharacteristics"}) {
    if (node.Child(ns::kModel, loop)) {
      return "unsupported '" + std::string(loop) + "' on '" + kind + "' (loops and multi-instance " +
             "activities are not supported yet)";
    }
  }
  if (node.AttrOr("", "isForCompensation") == "true") {
    return "unsupported compensation handler '" + kind + "' (isForCompensation=\"true\")";
  }
  return {};
}

}  // namespace ordo::bpmn
