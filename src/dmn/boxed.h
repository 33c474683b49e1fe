// Compiled boxed expressions (DMN 1.5 §10.2, §7.3.4) and the scopes they evaluate in.
//
// A CompiledBoxed is built once from the document model with every FEEL text compiled; a FEEL
// text that does not compile is kept as its Status and evaluates to null with that message, so
// one bad expression never stops the rest of a model. Scopes are shared and chained
// (ChainScope): a function defined in a boxed context keeps the scope it was defined in alive.
// Thread-safety: CompiledBoxed is immutable; an EvalState belongs to one evaluation.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "dmn/model.h"
#include "dmn/types.h"
#include "feel/expression.h"
#include "feel/value.h"

namespace ordo::dmn {

// A scope of named values over a parent; entries may be appended while it is being built (a
// boxed context: later entries see earlier ones).
class ChainScope final : public feel::VariableScope {
 public:
  explicit ChainScope(std::shared_ptr<const ChainScope> parent = nullptr) : parent_(std::move(parent)) {}
  const feel::Value* Find(std::string_view name) const override;
  // Its own clock when set, else its parent's.
  const Clock* clock() const override { return clock_ ? clock_ : parent_ ? parent_->clock() : nullptr; }
  // REQUIRES: `clock` outlives every evaluation in this scope and the scopes chained to it.
  void set_clock(const Clock* clock) { clock_ = clock; }
  void Add(std::string name, feel::Value value) { entries_.emplace_back(std::move(name), std::move(value)); }
  void Reserve(size_t entries) { entries_.reserve(entries); }
  // Names found nowhere in the chain are looked up here last (the caller's variables when a model
  // evaluates with its variable context); not owned, must outlive every lookup.
  void SetFallback(const feel::VariableScope* fallback) { fallback_ = fallback; }
  const feel::ContextEntries& entries() const { return entries_; }
  const std::shared_ptr<const ChainScope>& parent() const { return parent_; }

 private:
  std::shared_ptr<const ChainScope> parent_;
  const Clock* clock_ = nullptr;
  feel::ContextEntries entries_;
  const feel::VariableScope* fallback_ = nullptr;
};
using ScopePtr = std::shared_ptr<ChainScope>;

// What one evaluation carries along: where messages go, and the model's types.
struct EvalState {
  std::vector<feel::Diagnostic>* diagnostics = nullptr;  // may be null
  const TypeSystem* types = nullptr;                     // not owned; outlives the evaluation
  void Report(std::string message, int line = 0) const;
};

struct CompiledTable;

struct CompiledBoxed {
  BoxedKind kind = BoxedKind::kNone;
  int line = 0;
  Status error;                     // a FEEL text that did not compile
  feel::Expression expression;      // kLiteral; kInvocation: the callee
  TypeRef type;                     // the typeRef of the expression, when it has one
  std::vector<std::string> names;
  std::vector<TypeRef> name_types;  // kContext entries, kFunctionDefinition parameters
  std::vector<std::shared_ptr<const CompiledBoxed>> children;
  std::shared_ptr<const CompiledTable> table;
  bool java = false;  // kFunctionDefinition of kind "Java": children[0] is its {class, method signature}
};

// `names`: the names in scope where the expression stands (the model's DRG elements, and the
// parameters and context entries around it), so that FEEL texts can mention names holding
// keywords or symbols (DMN 1.5 §10.3.1.2); the boxed expression's own parameters and entries
// are added for its children.
std::shared_ptr<const CompiledBoxed> CompileBoxed(const Boxed& doc, const TypeSystem& types,
                                                  const std::vector<std::string>& names = {});
feel::Value EvaluateBoxed(const CompiledBoxed& boxed, const ScopePtr& scope, const EvalState& state);

// A function value whose body is a boxed expression (a BKM's or a boxed function definition):
// parameters are bound in a new scope over `closure`, checked against their types.
feel::Value MakeBoxedFunction(std::string name, std::shared_ptr<const CompiledBoxed> definition, ScopePtr closure,
                              const TypeSystem* types);

}  // namespace ordo::dmn
