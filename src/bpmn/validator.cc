#include "bpmn/validator.h"

#include <unordered_map>

#include "bpmn/bindings.h"
#include "bpmn/expressions.h"
#include "bpmn/kinds.h"
#include "bpmn/namespaces.h"

namespace ordo::bpmn {

bool IsExecutable(const Element& process) {
  const std::string* v = process.Attr("", "isExecutable");
  return !v || TrimSpace(*v) != "false";
}

namespace {

bool IsEvent(std::string_view kind) { return kind.find("Event") != std::string_view::npos; }

// Checks one executable process; appends to the shared problem list.
class ProcessChecker {
 public:
  ProcessChecker(const Document& document, const Element& process, std::vector<Problem>* problems,
                 std::vector<Problem>* warnings)
      : document_(document), process_(process), problems_(problems), warnings_(warnings) {}

  void Run() {
    CheckVendorExtensions(process_, problems_, warnings_);
    std::vector<const Element*> nodes;
    std::vector<const Element*> flows;
    for (const auto& child : process_.children) {
      if (child->ns != ns::kModel) continue;
      if (IsFlowNodeKind(child->local_name)) nodes.push_back(child.get());
      if (child->local_name == "sequenceFlow") flows.push_back(child.get());
    }
    bool has_none_start = false;
    for (const Element* node : nodes) {
      std::string reason = UnsupportedReason(*node);
      if (!reason.empty()) {
        Add(ProblemAt(*node, std::move(reason)));
        continue;
      }
      supported_.emplace(node, Edges{});
      if (node->local_name == "startEvent") has_none_start = true;
    }
    if (!has_none_start) {
      Add(ProblemAt(process_, "process '" + process_.id +
                                  "' has no none start event (a <startEvent> without an event "
                                  "definition), so it cannot be started"));
    }
    for (const Element* flow : flows) CheckFlow(*flow);
    for (const Element* node : nodes) {
      auto it = supported_.find(node);
      if (it != supported_.end()) CheckNode(*node, it->second);
    }
  }

 private:
  struct Edges {
    std::vector<const Element*> incoming;
    std::vector<const Element*> outgoing;
  };

  void Add(Problem p) { problems_->push_back(std::move(p)); }

  // The flow node a sourceRef/targetRef names, or null after reporting why it cannot be used.
  const Element* ResolveEnd(const Element& flow, std::string_view attribute) {
    const std::string* ref = flow.Attr("", attribute);
    std::string a(attribute);
    if (!ref || TrimSpace(*ref).empty()) {
      Add(ProblemAt(flow, "sequence flow has no " + a));
      return nullptr;
    }
    const Element* target = document_.FindById(TrimSpace(*ref));
    if (!target) {
      Add(ProblemAt(flow, a + " '" + *ref + "' does not name any element"));
      return nullptr;
    }
    if (target->ns != ns::kModel || !IsFlowNodeKind(target->local_name)) {
      Add(ProblemAt(flow, a + " '" + *ref + "' names a '" + target->local_name + "', not a flow node"));
      return nullptr;
    }
    if (target->parent != flow.parent) {
      Add(ProblemAt(flow, a + " '" + *ref + "' names a flow node outside " + flow.parent->local_name + " '" +
                              flow.parent->id + "'"));
      return nullptr;
    }
    return target;
  }

  void CheckFlow(const Element& flow) {
    CheckVendorExtensions(flow, problems_, warnings_);
    const Element* source = ResolveEnd(flow, "sourceRef");
    const Element* target = ResolveEnd(flow, "targetRef");
    if (source) {
      auto it = supported_.find(source);
      if (it != supported_.end()) it->second.outgoing.push_back(&flow);
    }
    if (target) {
      auto it = supported_.find(target);
      if (it != supported_.end()) it->second.incoming.push_back(&flow);
    }
    if (!HasCondition(flow)) return;
    if (source && source->local_name == "parallelGateway") {
      Add(ProblemAt(flow, "conditions on sequence flows out of parallel gateway '" + source->id +
                              "' are not allowed (a parallel gateway takes every outgoing flow)"));
      return;
    }
    if (source && IsEvent(source->local_name)) {
      Add(ProblemAt(flow, "conditions on sequence flows out of a '" + source->local_name +
                              "' are not allowed (only gateways and activities have conditional "
                              "flows)"));
      return;
    }
    (void)ReadCondition(flow, problems_);
  }

  void CheckNode(const Element& node, const Edges& edges) {
    const std::string& kind = node.local_name;
    CheckVendorExtensions(node, problems_, warnings_);
    if (kind == "startEvent") {
      if (!edges.incoming.empty()) {
        Add(ProblemAt(node, "a start event must not have incoming sequence flows"));
      }
    } else if (edges.incoming.empty()) {
      Add(ProblemAt(node, "'" + kind +
                              "' has no incoming sequence flow (only start events may "
                              "begin a path)"));
    }
    if (kind == "endEvent" && !edges.outgoing.empty()) {
      Add(ProblemAt(node, "an end event must not have outgoing sequence flows"));
    }
    // An exclusive gateway exists to choose an outgoing flow; elsewhere a missing outgoing flow is
    // an implicit end of the token (§10.3.1).
    if (kind == "exclusiveGateway" && edges.outgoing.empty()) {
      Add(ProblemAt(node, "'" + kind + "' has no outgoing sequence flow to choose from"));
    }
    if (kind == "userTask") (void)ReadUserTask(node, problems_);
    if (kind == "serviceTask") (void)ReadServiceTask(node, problems_);
    if (kind == "scriptTask") (void)ReadScriptTask(node, problems_);
    if (kind == "callActivity") (void)ReadCallActivity(node, problems_);
    if (kind == "businessRuleTask") {
      if (IsJobBusinessRuleTask(node)) {
        (void)ReadServiceTask(node, problems_);
      } else {
        (void)ReadBusinessRuleTask(node, problems_);
      }
    }

    // BPMN 2.0.2 §10.6.2 / §10.3.1: the default flow is taken when no condition holds.
    const Element* default_flow = nullptr;
    if (const std::string* ref = node.Attr("", "default");
        ref && (kind == "exclusiveGateway" || IsActivityKind(kind))) {
      for (const Element* out : edges.outgoing) {
        if (out->id == TrimSpace(*ref)) default_flow = out;
      }
      if (!default_flow) {
        Add(ProblemAt(node, "default flow '" + *ref + "' is not an outgoing sequence flow of this element"));
      } else if (HasCondition(*default_flow)) {
        Add(ProblemAt(*default_flow, "the default flow of '" + node.id + "' must not have a condition"));
      }
    }
    if (kind == "exclusiveGateway" && edges.outgoing.size() > 1) {
      for (const Element* out : edges.outgoing) {
        if (out != default_flow && !HasCondition(*out)) {
          Add(ProblemAt(*out, "sequence flow out of exclusive gateway '" + node.id +
                                  "' needs a condition or must be the gateway's default flow"));
        }
      }
    }
  }

  const Document& document_;
  const Element& process_;
  std::vector<Problem>* problems_;  // not owned; outlives the checker
  std::vector<Problem>* warnings_;  // may be null
  std::unordered_map<const Element*, Edges> supported_;
};

void CheckDuplicateIds(const Document& document, std::vector<Problem>* problems) {
  std::unordered_map<std::string_view, const Element*> first;
  for (const Element* e : document.elements_with_id()) {
    auto [it, inserted] = first.emplace(e->id, e);
    if (!inserted) {
      problems->push_back(
          ProblemAt(*e, "duplicate id '" + e->id + "' (also used on line " + std::to_string(it->second->line) + ")"));
    }
  }
}

}  // namespace

std::vector<Problem> Validate(const Document& document, std::vector<Problem>* warnings) {
  std::vector<Problem> problems;
  CheckDuplicateIds(document, &problems);
  std::vector<const Element*> processes = document.Processes();
  const Element& definitions = document.definitions();
  if (processes.empty()) {
    problems.push_back(ProblemAt(definitions, "the document defines no process"));
  }
  bool any_executable = false;
  for (const Element* process : processes) {
    if (!IsExecutable(*process)) continue;
    any_executable = true;
    ProcessChecker(document, *process, &problems, warnings).Run();
  }
  if (!any_executable) {
    for (const Element* process : processes) {
      problems.push_back(ProblemAt(*process, "process '" + process->id +
                                                 "' is not executable (isExecutable=\"false\") "
                                                 "and the document has no executable process"));
    }
  }
  SortProblems(problems);
  if (warnings != nullptr) SortProblems(*warnings);
  return problems;
}

}  // namespace ordo::bpmn
