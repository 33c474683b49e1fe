// Decision tables (DMN 1.5 §8.2-§8.3): compiled once, evaluated with every hit policy
// (U, A, P, F, R, O, C, C+, C<, C>, C#), input and output value lists, output priorities and
// default outputs.
// Thread-safety: a CompiledTable is immutable; evaluation only reads it.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "dmn/boxed.h"
#include "dmn/model.h"
#include "feel/expression.h"

namespace ordo::dmn {

enum class HitPolicy : uint8_t { kUnique, kAny, kPriority, kFirst, kRuleOrder, kOutputOrder, kCollect };
enum class Aggregation : uint8_t { kNone, kSum, kMin, kMax, kCount };

struct CompiledTable {
  struct Input {
    feel::Expression expression;
    std::optional<feel::Expression> allowed;  // inputValues
    TypeRef type;
  };
  struct Output {
    std::string name;
    std::optional<feel::Expression> allowed;  // outputValues
    std::vector<feel::Value> priorities;      // outputValues as values, highest priority first
    std::optional<feel::Expression> default_output;
    TypeRef type;
  };
  struct Rule {
    std::vector<feel::Expression> tests;    // one per input
    std::vector<feel::Expression> outputs;  // one per output
    std::string id;                         // the rule's id attribute, "" when absent
    int line = 0;
  };
  HitPolicy hit_policy = HitPolicy::kUnique;
  Aggregation aggregation = Aggregation::kNone;
  std::vector<Input> inputs;
  std::vector<Output> outputs;
  std::vector<Rule> rules;
};

// Errors: InvalidArgument naming the rule and cell whose text does not compile, or an unknown
// hit policy.
// `names`: the names in scope (see CompileBoxed).
Result<std::shared_ptr<const CompiledTable>> CompileTable(const DecisionTableDoc& doc, const TypeSystem& types,
                                                          const std::vector<std::string>& names = {});

// The table's result: the single output's value, or a context of the outputs, or (for the
// collecting hit policies) a list of those; null plus a diagnostic when the hit policy is
// violated or an input is outside its input values. When `matched` is given, the 0-based indexes
// of the rules that matched are appended to it, in table order (a FIRST table stops at its first).
feel::Value EvaluateTable(const CompiledTable& table, const feel::VariableScope& scope, const EvalState& state,
                          std::vector<int>* matched = nullptr);

}  // namespace ordo::dmn
