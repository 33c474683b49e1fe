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

struct DecisionModelImpl;

class DecisionModel {
 public:
  // `imported` holds candidate models for the imports of `main` (matched by namespace).
  static Result<DecisionModel> Compile(const Definitions& main, const std::vector<Definitions>& imported = {});
  // Reads `path`, and for its imports every other .dmn file in the same folder.
  static Result<DecisionModel> LoadFile(const std::string& path);

  // The decision (or decision service) named `name` (or with that id) of the main model.
  // NotFound when there is none; otherwise the value, null on an evaluation error.
  Result<feel::Value> Evaluate(std::string_view name, const feel::VariableScope& inputs,
                               std::vector<feel::Diagnostic>* diagnostics = nullptr) const;
  // A decision service invoked directly (§6.3.10): its parameters from `inputs` by name; the
  // single output decision's value, or a context of the output decisions.
  Result<feel::Value> EvaluateService(std::string_view name, const feel::VariableScope& inputs,
                                      std::vector<feel::Diagnostic>* diagnostics = nullptr) const;

  const std::string& name() const;
  // Names of the main model's decisions, in document order.
  std::vector<std::string> DecisionNames() const;

 private:
  explicit DecisionModel(std::shared_ptr<const DecisionModelImpl> impl) : impl_(std::move(impl)) {}
  std::shared_ptr<const DecisionModelImpl> impl_;
};

}  // namespace ordo::dmn
