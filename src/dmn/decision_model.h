// DecisionModel: an executable DMN model (DMN 1.5 chapter 6 decision requirements graph, §6.3.7
// business knowledge models, §6.3.10 decision services, §6.3.3 imports).
//
// Compile() resolves every requirement (href) and compiles every expression of the main model
// and the models it imports. Evaluate() computes one decision: its required decisions first,
// each once per evaluation (memoised), in requirement order; input data comes from `inputs` by
// name (an imported model's input data from the context named by the import). Values are checked
// against their declared types; an expression that failed to compile, a cycle or a type
// mismatch gives null for that decision with a diagnostic, never an error for the whole model.
// Thread-safety: a DecisionModel is immutable and cheap to copy; Evaluate() may run concurrently.
// Function values it returns (a BKM, a decision service) keep the model alive.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "dmn/model.h"
#include "feel/expression.h"
#include "feel/value.h"

namespace ordo::dmn {

// What one evaluation did, for audit and explanation (DMN 1.5 §6.3.2 decision evaluation,
// §8.2.10 hit policies): each decision that was evaluated, once, in evaluation order (required
// decisions before the decisions that require them).
struct DecisionTrace {
  std::string decision_id;
  std::string decision_name;
  // For a decision whose logic is a decision table: the rules that matched, 1-based index in the
  // table and the rule's id attribute ("" if none), in table order. A FIRST table lists only the
  // rule it took; a table whose inputs fail their input values lists none.
  std::vector<int> matched_rules;
  std::vector<std::string> matched_rule_ids;
  bool is_table = false;
};

struct EvaluationTrace {
  std::vector<DecisionTrace> decisions;
};

struct DecisionModelImpl;

class DecisionModel {
 public:
  // `imported` holds candidate models for the imports of `main` (matched by namespace).
  static Result<DecisionModel> Compile(const Definitions& main, const std::vector<Definitions>& imported = {});
  // Reads `path`, and for its imports every other .dmn file in the same folder.
  static Result<DecisionModel> LoadFile(const std::string& path);
  // Compiles a model from DMN XML text held in memory. Imports are not resolved: only elements
  // of this document can be required. Errors: InvalidArgument "model.dmn:LINE: ..." for XML that
  // does not read, or a requirement that names no element of the document.
  static Result<DecisionModel> FromXml(std::string_view xml);

  // The decision (or decision service) named `name` (or with that id) of the main model.
  // NotFound when there is none; otherwise the value, null on an evaluation error.
  // When `trace` is given, every decision evaluated is appended to it (see EvaluationTrace);
  // without it nothing is recorded and nothing is allocated for tracing.
  Result<feel::Value> Evaluate(std::string_view name, const feel::VariableScope& inputs,
                               std::vector<feel::Diagnostic>* diagnostics = nullptr,
                               EvaluationTrace* trace = nullptr) const;
  // A decision service invoked directly (§6.3.10): its parameters from `inputs` by name; the
  // single output decision's value, or a context of the output decisions.
  Result<feel::Value> EvaluateService(std::string_view name, const feel::VariableScope& inputs,
                                      std::vector<feel::Diagnostic>* diagnostics = nullptr) const;

  const std::string& name() const;
  // Names of the main model's decisions, in document order.
  std::vector<std::string> DecisionNames() const;
  // Ids of the main model's decisions, in document order.
  std::vector<std::string> DecisionIds() const;

  // Every expression of the main model's decisions and knowledge models that did not compile
  // (Compile keeps them, and evaluating such a decision gives null with a diagnostic): the
  // element's id, the line of the expression, and the reason. Deployment refuses a model that
  // has any.
  struct Problem {
    std::string element;
    int line = 0;
    std::string message;
  };
  std::vector<Problem> Problems() const;

  // The same model, but each decision also sees every name of the `inputs` given to Evaluate
  // (after its own requirements): the variable context a BPMN business rule task evaluates a
  // decision in, where Camunda-style tables read process variables without input data
  // elements. A function value such an evaluation returns must not be called once `inputs` is
  // gone.
  DecisionModel WithVariableContext() const;

 private:
  explicit DecisionModel(std::shared_ptr<const DecisionModelImpl> impl) : impl_(std::move(impl)) {}
  std::shared_ptr<const DecisionModelImpl> impl_;
  bool variable_context_ = false;
};

}  // namespace ordo::dmn
