// The tree-walking evaluator of compiled FEEL (DMN 1.5 §10.3.2 "Semantics").
//
// Names and literals are read in place (no copy of the value); only nodes that compute something
// produce a new Value. Every undefined operation yields null and, when the caller collects
// diagnostics, a Diagnostic with the node's source position.
// Thread-safety: evaluation only reads the tree and the scope; the EvalContext is per call.
#pragma once

#include <memory>
#include <span>
#include <string>
#include <vector>

#include "feel/ast.h"
#include "feel/expression.h"

namespace ordo::feel {

struct EvalContext {
  const VariableScope* scope = nullptr;            // not owned; outlives the evaluation
  std::vector<Diagnostic>* diagnostics = nullptr;  // may be null: then no message is built
  const Value* input = nullptr;                    // the value of '?', when testing an input
  // The program being evaluated: function values defined by it keep it alive. May be null only
  // when the program defines no functions.
  const std::shared_ptr<const Program>* program = nullptr;
};

Value EvaluateNode(const Node* node, EvalContext& context);
// A unary test node (or any expression, used as one positive unary test) against `input`.
Value EvaluateTest(const Node* test, const Value& input, EvalContext& context);

// The property `name` of a value (DMN 1.5 Tables 64-67: date.year, duration.days, range.start),
// a context entry, or the list of each element's property.
// Calls a function value (a built-in or a Callable) with positional arguments, or with named ones
// when `names` is not null (one name per argument). Errors give null and a diagnostic at `at`.
Value Invoke(const Value& function, std::span<const Value> args, const std::vector<std::string>* names,
             const Node* at, EvalContext& context);

// DMN 1.5 §10.3.2.14 (for), §10.3.2.13 (function definitions), §10.3.2.8 (instance of).
Value EvaluateFor(const Node* n, EvalContext& context);
Value EvaluateQuantified(const Node* n, EvalContext& context);
Value DefineFunction(const Node* n, EvalContext& context);
Value EvaluateInstanceOf(const Node* n, EvalContext& context);

Value PathGet(const Value& base, std::string_view name, const Node* at, EvalContext& context);

}  // namespace ordo::feel
