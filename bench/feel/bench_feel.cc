// FEEL and DMN hot paths: compiling an expression (parse), evaluating a compiled one (what the
// engine does for every gateway condition and decision-table cell), and one whole decision
// table evaluated through DecisionModel. Compile and evaluate are measured apart.
//
// The expressions and their variables are exactly those of the feelin peer's bench.mjs
// (../shared/peers/feelin), which bench/run-all runs right after this, so the two print side by
// side. feelin parses on every call: compare its figure with Ordo's compile + evaluate too.
// The decision table is the DMN TCK's compliance-level-2/0004-simpletable-U ("Approval Status",
// three inputs, hit policy UNIQUE); its folder comes from ORDO_DMN_TCK_DIR or the build's default.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <string>

#include "dmn/decision_model.h"
#include "feel/expression.h"

namespace ordo::feel {
namespace {

struct Case {
  const char* source;
  bool unary_tests;
};

// The peer's CASES, then its UNARY tests, in its order.
constexpr Case kCases[] = {
    {R"(amount > 1000 and risk = "high")", false},
    {R"(date("2024-01-01") + duration("P1D"))", false},
    {"sum([1,2,3])", false},
    {R"(if Applicant Age < 25 then "young" else "adult")", false},
    {"for x in [1,2,3,4,5] return x * 2", false},
    {"string length(upper case(name)) + 1", false},
    {"some item in order.items satisfies item.price > 100", false},
    {"[1000..5000]", true},
    {R"("gold", "silver")", true},
    {R"(> date("2020-01-01"))", true},
};
constexpr int kCaseCount = static_cast<int>(sizeof kCases / sizeof kCases[0]);

Value Price(int64_t price) { return Value::Context({{"price", Value::Int(price)}}); }

// The peer's contexts, merged: no two cases use one name differently.
MapScope MakeScope() {
  MapScope scope;
  scope.Set("amount", Value::Int(1500));
  scope.Set("risk", Value::String("high"));
  scope.Set("Applicant Age", Value::Int(30));
  scope.Set("name", Value::String("Jane Doe"));
  scope.Set("order", Value::Context({{"items", Value::List({Price(10), Price(50), Price(150)})}}));
  return scope;
}

// The peer's `?` for each unary test.
Value UnaryInput(int index) {
  switch (index) {
    case 7:
      return Value::Int(1500);
    case 8:
      return Value::String("silver");
    default: {
      Result<Expression> date = Expression::Compile(R"(date("2021-06-01"))");
      MapScope empty;
      return date.ok() ? date->Evaluate(empty) : Value::Null();
    }
  }
}

Result<Expression> CompileCase(const Case& c) {
  return c.unary_tests ? Expression::CompileUnaryTests(c.source) : Expression::Compile(c.source);
}

void BM_Compile(benchmark::State& state) {
  const Case& c = kCases[state.range(0)];
  state.SetLabel(c.source);
  for (auto _ : state) {
    Result<Expression> e = CompileCase(c);
    benchmark::DoNotOptimize(e);
  }
}
BENCHMARK(BM_Compile)->DenseRange(0, kCaseCount - 1);

void BM_Evaluate(benchmark::State& state) {
  const int index = static_cast<int>(state.range(0));
  const Case& c = kCases[index];
  Result<Expression> compiled = CompileCase(c);
  if (!compiled.ok()) {
    state.SkipWithError(compiled.status().ToString().c_str());
    return;
  }
  const Expression e = *compiled;
  const MapScope scope = MakeScope();
  const Value input = c.unary_tests ? UnaryInput(index) : Value::Null();
  const Value result = c.unary_tests ? e.EvaluateUnaryTests(input, scope) : e.Evaluate(scope);
  state.SetLabel(std::string(c.source) + (c.unary_tests ? " [? = " + input.ToString() + "]" : "") + " => " +
                 result.ToString());
  for (auto _ : state) {
    Value v = c.unary_tests ? e.EvaluateUnaryTests(input, scope) : e.Evaluate(scope);
    benchmark::DoNotOptimize(v);
  }
}
BENCHMARK(BM_Evaluate)->DenseRange(0, kCaseCount - 1);

std::string TckDir() {
  const char* dir = std::getenv("ORDO_DMN_TCK_DIR");
  return dir && *dir ? dir : ORDO_DMN_TCK_DEFAULT_DIR;
}

// TCK 0004-simpletable-U through DecisionModel::Evaluate: requirements, three input expressions,
// both rules' unary tests, hit policy and the result's type check, as `ordo decide` runs it.
void BM_DecisionTable0004(benchmark::State& state) {
  const std::string file = TckDir() + "/compliance-level-2/0004-simpletable-U/0004-simpletable-U.dmn";
  Result<dmn::DecisionModel> model = dmn::DecisionModel::LoadFile(file);
  if (!model.ok()) {
    state.SkipWithError(model.status().ToString().c_str());
    return;
  }
  MapScope inputs;
  inputs.Set("Age", Value::Int(18));
  inputs.Set("RiskCategory", Value::String("Medium"));
  inputs.Set("isAffordable", Value::Bool(true));
  Result<Value> result = model->Evaluate("Approval Status", inputs);
  state.SetLabel("0004-simpletable-U Approval Status => " + (result.ok() ? result->ToString() : result.status().ToString()));
  for (auto _ : state) {
    Result<Value> v = model->Evaluate("Approval Status", inputs);
    benchmark::DoNotOptimize(v);
  }
}
BENCHMARK(BM_DecisionTable0004);

}  // namespace
}  // namespace ordo::feel

BENCHMARK_MAIN();
