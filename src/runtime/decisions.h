// DMN documents as deployments: telling a DMN document from a BPMN one, and compiling every
// decision of it into what the registry keeps and a business rule task calls.
//
// Thread-safety: pure functions.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "bpmn/problem.h"
#include "dmn/decision_model.h"

namespace ordo::runtime {

enum class DocumentKind : uint8_t { kBpmn, kDmn, kUnknown };

// Looks at the root element only: <definitions> in a DMN namespace (any version 1.1-1.5) is
// kDmn, in the BPMN 2.0 model namespace kBpmn, anything else kUnknown.
DocumentKind SniffDocumentKind(std::string_view xml);

struct CompiledDecision {
  std::string key;   // the decision's id
  std::string name;
  std::shared_ptr<const dmn::DecisionModel> model;  // the whole document, with its variable context
  std::vector<std::string> output_names;            // see engine::ResolvedDecision
  bool one_item_per_rule = false;
};

struct DecisionCompileResult {
  std::vector<CompiledDecision> decisions;  // in document order
  std::vector<bpmn::Problem> problems;      // {element (decision id or empty), line, message}
  bool ok() const { return problems.empty(); }
};

// Reads a DMN document and compiles its decisions. A document without decisions, a decision
// without an id, two decisions with one id, or XML that does not read are problems.
DecisionCompileResult CompileDecisions(std::string_view xml);

}  // namespace ordo::runtime
