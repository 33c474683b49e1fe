#include "dmn/decision_table.h"

#include <algorithm>
#include <array>

#include "feel/ops.h"

namespace ordo::dmn {

using feel::Value;

namespace {

Result<HitPolicy> ParseHitPolicy(const std::string& text) {
  if (text == "UNIQUE" || text == "U") return HitPolicy::kUnique;
  if (text == "ANY" || text == "A") return HitPolicy::kAny;
  if (text == "PRIORITY" || text == "P") return HitPolicy::kPriority;
  if (text == "FIRST" || text == "F") return HitPolicy::kFirst;
  if (text == "RULE ORDER" || text == "R") return HitPolicy::kRuleOrder;
  if (text == "OUTPUT ORDER" || text == "O") return HitPolicy::kOutputOrder;
  if (text == "COLLECT" || text == "C") return HitPolicy::kCollect;
  return InvalidArgument("unknown hit policy '" + text + "'");
}

Result<Aggregation> ParseAggregation(const std::string& text) {
  if (text.empty()) return Aggregation::kNone;
  if (text == "SUM") return Aggregation::kSum;
  if (text == "MIN") return Aggregation::kMin;
  if (text == "MAX") return Aggregation::kMax;
  if (text == "COUNT") return Aggregation::kCount;
  return InvalidArgument("unknown aggregation '" + text + "'");
}

bool IsBlank(const std::string& text) { return text.find_first_not_of(" \t\r\n") == std::string::npos; }

// The priority of an output value: its position in the output values (§8.2.10); unlisted last.
size_t Priority(const CompiledTable::Output& output, const Value& v) {
  for (size_t i = 0; i < output.priorities.size(); ++i) {
    if (output.priorities[i] == v) return i;
  }
  return output.priorities.size();
}

// Compares two rule results by the outputs' priorities, first output first.
bool HigherPriority(const CompiledTable& table, const std::vector<Value>& a, const std::vector<Value>& b) {
  for (size_t i = 0; i < table.outputs.size(); ++i) {
    size_t pa = Priority(table.outputs[i], a[i]), pb = Priority(table.outputs[i], b[i]);
    if (pa != pb) return pa < pb;
  }
  return false;
}

Value Shape(const CompiledTable& table, const std::vector<Value>& outputs) {
  if (table.outputs.size() == 1) return outputs[0];
  feel::ContextEntries entries;
  for (size_t i = 0; i < table.outputs.size(); ++i) entries.emplace_back(table.outputs[i].name, outputs[i]);
  return Value::Context(std::move(entries));
}

Value Aggregate(const CompiledTable& table, const std::vector<std::vector<Value>>& hits, const EvalState& state) {
  if (table.outputs.size() != 1) {
    state.Report("an aggregation needs a table with one output");
    return Value::Null();
  }
  if (table.aggregation == Aggregation::kCount) {
    std::vector<Value> distinct;
    for (const auto& h : hits) {
      if (std::find(distinct.begin(), distinct.end(), h[0]) == distinct.end()) distinct.push_back(h[0]);
    }
    return Value::Int(static_cast<int64_t>(distinct.size()));
  }
  if (hits.empty()) return Value::Null();
  Value acc = hits[0][0];
  for (size_t i = 1; i < hits.size(); ++i) {
    const Value& v = hits[i][0];
    std::string error;
    if (table.aggregation == Aggregation::kSum) {
      acc = feel::Arithmetic(feel::Op::kAdd, acc, v, &error);
    } else {
      std::optional<int> order = feel::Order(v, acc);
      if (!order) {
        error = "cannot compare " + v.ToString() + " and " + acc.ToString();
        acc = Value::Null();
      } else if ((table.aggregation == Aggregation::kMin && *order < 0) ||
                 (table.aggregation == Aggregation::kMax && *order > 0)) {
        acc = v;
      }
    }
    if (!error.empty()) {
      state.Report("decision table aggregation: " + error);
      return Value::Null();
    }
  }
  return acc;
}

}  // namespace

Result<std::shared_ptr<const CompiledTable>> CompileTable(const DecisionTableDoc& doc, const TypeSystem& types,
                                                          const std::vector<std::string>& names) {
  const feel::CompileOptions options = types.CompileOptionsFor(names);
  auto table = std::make_shared<CompiledTable>();
  ASSIGN_OR_RETURN(table->hit_policy, ParseHitPolicy(doc.hit_policy));
  ASSIGN_OR_RETURN(table->aggregation, ParseAggregation(doc.aggregation));
  for (const InputClause& clause : doc.inputs) {
    CompiledTable::Input input;
    Result<feel::Expression> e = feel::Expression::Compile(clause.expression, options);
    if (!e.ok()) return e.status().WithContext("input expression '" + clause.expression + "'");
    input.expression = *e;
    if (!IsBlank(clause.input_values)) {
      Result<feel::Expression> allowed = feel::Expression::CompileUnaryTests(clause.input_values, options);
      if (allowed.ok()) input.allowed = *allowed;
    }
    input.type = types.Resolve(clause.type_ref);
    table->inputs.push_back(std::move(input));
  }
  for (const OutputClause& clause : doc.outputs) {
    CompiledTable::Output output;
    output.name = clause.name;
    output.type = types.Resolve(clause.type_ref);
    if (!IsBlank(clause.output_values)) {
      Result<feel::Expression> allowed = feel::Expression::CompileUnaryTests(clause.output_values, options);
      if (allowed.ok()) output.allowed = *allowed;
      Result<feel::Expression> list = feel::Expression::Compile("[" + clause.output_values + "]");
      if (list.ok()) {
        feel::MapScope empty;
        Value values = list->Evaluate(empty);
        if (values.is_list()) output.priorities = values.as_list();
      }
    }
    if (!IsBlank(clause.default_output)) {
      Result<feel::Expression> d = feel::Expression::Compile(clause.default_output, options);
      if (!d.ok()) return d.status().WithContext("default output entry");
      output.default_output = *d;
    }
    table->outputs.push_back(std::move(output));
  }
  if (table->outputs.empty()) return InvalidArgument("a decision table needs an output");
  for (const RuleDoc& r : doc.rules) {
    CompiledTable::Rule rule;
    rule.line = r.line;
    rule.id = r.id;
    std::string where = "rule " + (r.id.empty() ? std::to_string(table->rules.size() + 1) : r.id);
    if (r.input_entries.size() != doc.inputs.size() || r.output_entries.size() != doc.outputs.size()) {
      return InvalidArgument(where + ": the number of entries does not match the columns");
    }
    for (const std::string& text : r.input_entries) {
      Result<feel::Expression> t = feel::Expression::CompileUnaryTests(IsBlank(text) ? "-" : text, options);
      if (!t.ok()) return t.status().WithContext(where + " input entry '" + text + "'");
      rule.tests.push_back(*t);
    }
    for (const std::string& text : r.output_entries) {
      if (IsBlank(text)) {
        rule.outputs.emplace_back();
        continue;
      }
      Result<feel::Expression> o = feel::Expression::Compile(text, options);
      if (!o.ok()) return o.status().WithContext(where + " output entry '" + text + "'");
      rule.outputs.push_back(*o);
    }
    table->rules.push_back(std::move(rule));
  }
  return std::shared_ptr<const CompiledTable>(std::move(table));
}

// DMN 1.5 §8.2.10 (hit policy), §8.3.
Value EvaluateTable(const CompiledTable& table, const feel::VariableScope& scope, const EvalState& state,
                    std::vector<int>* matched_rules) {
  // The input values, inline for the usual narrow table (no allocation per evaluation).
  const size_t input_count = table.inputs.size();
  std::array<Value, 8> inline_inputs;
  std::vector<Value> wide_inputs;
  Value* inputs = inline_inputs.data();
  if (input_count > inline_inputs.size()) {
    wide_inputs.resize(input_count);
    inputs = wide_inputs.data();
  }
  for (size_t i = 0; i < input_count; ++i) {
    const CompiledTable::Input& input = table.inputs[i];
    Value v = input.expression.Evaluate(scope, state.diagnostics);
    if (input.allowed && !v.is_null() && !input.allowed->EvaluateUnaryTests(v, scope).is_true()) {
      state.Report("input " + v.ToString() + " is not one of the input values of '" + input.expression.source() + "'");
      return Value::Null();
    }
    inputs[i] = std::move(v);
  }
  std::vector<std::vector<Value>> hits;
  for (size_t r = 0; r < table.rules.size(); ++r) {
    const CompiledTable::Rule& rule = table.rules[r];
    bool matched = true;
    for (size_t i = 0; i < input_count && matched; ++i) {
      matched = rule.tests[i].EvaluateUnaryTests(inputs[i], scope, state.diagnostics).is_true();
    }
    if (!matched) continue;
    if (matched_rules) matched_rules->push_back(static_cast<int>(r));
    std::vector<Value> outputs;
    outputs.reserve(rule.outputs.size());
    for (size_t i = 0; i < rule.outputs.size(); ++i) {
      Value v = rule.outputs[i].Evaluate(scope, state.diagnostics);
      const CompiledTable::Output& output = table.outputs[i];
      if (output.allowed && !v.is_null() && !output.allowed->EvaluateUnaryTests(v, scope).is_true()) {
        state.Report("output " + v.ToString() + " is not one of the output values", rule.line);
        return Value::Null();
      }
      outputs.push_back(std::move(v));
    }
    hits.push_back(std::move(outputs));
    if (table.hit_policy == HitPolicy::kFirst) break;
  }
  if (hits.empty()) {
    bool has_default = std::any_of(table.outputs.begin(), table.outputs.end(),
                                   [](const CompiledTable::Output& o) { return o.default_output.has_value(); });
    if (table.aggregation == Aggregation::kCount) return Value::Int(0);
    if (!has_default) return Value::Null();
    std::vector<Value> defaults;
    for (const CompiledTable::Output& o : table.outputs) {
      defaults.push_back(o.default_output ? o.default_output->Evaluate(scope, state.diagnostics) : Value::Null());
    }
    return Shape(table, defaults);
  }
  switch (table.hit_policy) {
    case HitPolicy::kUnique:
      if (hits.size() > 1) {
        state.Report("hit policy UNIQUE: " + std::to_string(hits.size()) + " rules matched");
        return Value::Null();
      }
      return Shape(table, hits[0]);
    case HitPolicy::kAny:
      for (const auto& h : hits) {
        if (h != hits[0]) {
          state.Report("hit policy ANY: matching rules give different outputs");
          return Value::Null();
        }
      }
      return Shape(table, hits[0]);
    case HitPolicy::kFirst:
      return Shape(table, hits[0]);
    case HitPolicy::kPriority: {
      const std::vector<Value>* best = &hits[0];
      for (const auto& h : hits) {
        if (HigherPriority(table, h, *best)) best = &h;
      }
      return Shape(table, *best);
    }
    case HitPolicy::kOutputOrder: {
      std::stable_sort(hits.begin(), hits.end(),
                       [&](const std::vector<Value>& a, const std::vector<Value>& b) { return HigherPriority(table, a, b); });
      [[fallthrough]];
    }
    case HitPolicy::kRuleOrder:
    case HitPolicy::kCollect: {
      if (table.hit_policy == HitPolicy::kCollect && table.aggregation != Aggregation::kNone) {
        return Aggregate(table, hits, state);
      }
      std::vector<Value> results;
      results.reserve(hits.size());
      for (const auto& h : hits) results.push_back(Shape(table, h));
      return Value::List(std::move(results));
    }
  }
  return Value::Null();
}

}  // namespace ordo::dmn
