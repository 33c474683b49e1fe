#include "model/process.h"

namespace ordo::model {

const char* NodeKindName(NodeKind kind) {
  switch (kind) {
    case NodeKind::kStartEvent: return "startEvent";
    case NodeKind::kEndEvent: return "endEvent";
    case NodeKind::kTerminateEndEvent: return "endEvent";
    case NodeKind::kTask: return "task";
    case NodeKind::kManualTask: return "manualTask";
    case NodeKind::kUserTask: return "userTask";
    case NodeKind::kServiceTask: return "serviceTask";
    case NodeKind::kScriptTask: return "scriptTask";
    case NodeKind::kBusinessRuleTask: return "businessRuleTask";
    case NodeKind::kExclusiveGateway: return "exclusiveGateway";
    case NodeKind::kParallelGateway: return "parallelGateway";
  }
  return "?";
}

const char* DecisionResultMappingName(DecisionResultMapping m) {
  switch (m) {
    case DecisionResultMapping::kValue: return "value";
    case DecisionResultMapping::kResultList: return "resultList";
    case DecisionResultMapping::kSingleResult: return "singleResult";
    case DecisionResultMapping::kSingleEntry: return "singleEntry";
    case DecisionResultMapping::kCollectEntries: return "collectEntries";
  }
  return "?";
}

void Process::Finish() {
  node_index_.clear();
  flow_index_.clear();
  none_start_events.clear();
  for (NodeIndex i = 0; i < nodes.size(); ++i) {
    node_index_.emplace(nodes[i].id, i);
    if (nodes[i].kind == NodeKind::kStartEvent) none_start_events.push_back(i);
  }
  for (FlowIndex i = 0; i < flows.size(); ++i) flow_index_.emplace(flows[i].id, i);
}

NodeIndex Process::FindNode(std::string_view id) const {
  auto it = node_index_.find(std::string(id));
  return it == node_index_.end() ? kNone : it->second;
}

FlowIndex Process::FindFlow(std::string_view id) const {
  auto it = flow_index_.find(std::string(id));
  return it == flow_index_.end() ? kNone : it->second;
}

}  // namespace ordo::model
