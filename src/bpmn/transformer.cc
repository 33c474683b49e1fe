#include "bpmn/transformer.h"

#include <unordered_map>

#include "bpmn/bindings.h"
#include "bpmn/expressions.h"
#include "bpmn/kinds.h"
#include "bpmn/namespaces.h"
#include "bpmn/validator.h"

namespace ordo::bpmn {
namespace {

// REQUIRES: the document passed Validate, so every reference resolves and every binding reads.
// Problems found anyway (a reader disagreeing with the validator) are still collected.
std::shared_ptr<const model::Process> CompileProcess(const Element& element, std::vector<Problem>* problems) {
  auto process = std::make_shared<model::Process>();
  process->key = element.id;
  process->name = element.name;
  std::unordered_map<std::string_view, model::NodeIndex> node_of;
  std::vector<const Element*> node_elements;
  for (const auto& child : element.children) {
    if (child->ns != ns::kModel || !IsFlowNodeKind(child->local_name)) continue;
    std::optional<model::NodeKind> kind = ModelKindOf(*child);
    if (!kind) continue;
    model::FlowNode node;
    node.id = child->id;
    node.name = child->name;
    node.kind = *kind;
    switch (*kind) {
      case model::NodeKind::kUserTask:
        node.user_task = ReadUserTask(*child, problems);
        break;
      case model::NodeKind::kServiceTask:
        node.service_task = ReadServiceTask(*child, problems);
        break;
      case model::NodeKind::kScriptTask:
        node.script_task = ReadScriptTask(*child, problems);
        break;
      case model::NodeKind::kBusinessRuleTask:
        node.business_rule_task = ReadBusinessRuleTask(*child, problems);
        break;
      case model::NodeKind::kCallActivity:
        node.call_activity = ReadCallActivity(*child, problems);
        break;
      default:
        break;
    }
    node_of.emplace(child->id, static_cast<model::NodeIndex>(process->nodes.size()));
    node_elements.push_back(child.get());
    process->nodes.push_back(std::move(node));
  }

  for (const auto& child : element.children) {
    if (!child->IsModel("sequenceFlow")) continue;
    auto source = node_of.find(TrimSpace(child->AttrOr("", "sourceRef")));
    auto target = node_of.find(TrimSpace(child->AttrOr("", "targetRef")));
    if (source == node_of.end() || target == node_of.end()) continue;
    model::SequenceFlow flow;
    flow.id = child->id;
    flow.name = child->name;
    flow.source = source->second;
    flow.target = target->second;
    flow.condition = ReadCondition(*child, problems);
    auto index = static_cast<model::FlowIndex>(process->flows.size());
    process->nodes[flow.source].outgoing.push_back(index);
    process->nodes[flow.target].incoming.push_back(index);
    process->flows.push_back(std::move(flow));
  }

  for (size_t i = 0; i < node_elements.size(); ++i) {
    const std::string* ref = node_elements[i]->Attr("", "default");
    if (!ref) continue;
    model::FlowNode& node = process->nodes[i];
    for (model::FlowIndex out : node.outgoing) {
      if (process->flows[out].id == TrimSpace(*ref)) node.default_flow = out;
    }
  }
  process->Finish();
  return process;
}

}  // namespace

CompileOutput CompileDocument(const Document& document) {
  CompileOutput out;
  out.problems = Validate(document, &out.warnings);
  if (!out.problems.empty()) return out;
  for (const Element* process : document.Processes()) {
    if (!IsExecutable(*process)) continue;
    out.processes.push_back(CompileProcess(*process, &out.problems));
  }
  if (!out.problems.empty()) {
    out.processes.clear();
    SortProblems(out.problems);
  }
  return out;
}

Result<ProcessList> Compile(const Document& document) {
  CompileOutput out = CompileDocument(document);
  if (!out.problems.empty()) return ProblemsToStatus(out.problems);
  return std::move(out.processes);
}

}  // namespace ordo::bpmn
