// FEEL hot paths: compiling an expression, and evaluating a compiled one (what the engine does
// for every gateway condition and decision-table cell). Compile and evaluate are measured apart.
#include <benchmark/benchmark.h>

#include <cstdlib>

#include "feel/expression.h"

namespace ordo::feel {
namespace {

struct Case {
  const char* source;
  bool unary_tests;
};

constexpr Case kCases[] = {
    {R"(amount > 1000 and risk = "high")", false},
    {R"(date("2024-01-01") + duration("P1D"))", false},
    {"sum([1,2,3])", false},
    {"[1000..5000]", true},
};

MapScope MakeScope() {
  MapScope scope;
  scope.Set("amount", Value::Int(1500));
  scope.Set("risk", Value::String("high"));
  return scope;
}

Expression MustCompile(const Case& c) {
  Result<Expression> e = c.unary_tests ? Expression::CompileUnaryTests(c.source) : Expression::Compile(c.source);
  if (!e.ok()) std::abort();
  return *e;
}

void BM_Compile(benchmark::State& state) {
  const Case& c = kCases[state.range(0)];
  state.SetLabel(c.source);
  for (auto _ : state) {
    Result<Expression> e = c.unary_tests ? Expression::CompileUnaryTests(c.source) : Expression::Compile(c.source);
    benchmark::DoNotOptimize(e);
  }
}
BENCHMARK(BM_Compile)->DenseRange(0, 3);

void BM_Evaluate(benchmark::State& state) {
  const Case& c = kCases[state.range(0)];
  state.SetLabel(c.unary_tests ? std::string(c.source) + " against 2500" : c.source);
  Expression e = MustCompile(c);
  MapScope scope = MakeScope();
  const Value input = Value::Int(2500);
  for (auto _ : state) {
    Value v = c.unary_tests ? e.EvaluateUnaryTests(input, scope) : e.Evaluate(scope);
    benchmark::DoNotOptimize(v);
  }
}
BENCHMARK(BM_Evaluate)->DenseRange(0, 3);

}  // namespace
}  // namespace ordo::feel

BENCHMARK_MAIN();
