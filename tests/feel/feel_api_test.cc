// feel::Expression: compile errors with positions, limits, diagnostics, scopes, threads.
#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

#include "feel/expression.h"

namespace ordo::feel {
namespace {

Status CompileError(std::string_view source) {
  Result<Expression> e = Expression::Compile(source);
  return e.ok() ? Status::Ok() : e.status();
}

TEST(FeelCompile, ErrorsNameLineAndColumn) {
  Status s = CompileError("a +\n  * 2");
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(s.message(), "line 2, column 3: expected an expression, found '*'");

  s = CompileError("if x then 1");
  EXPECT_EQ(s.message(), "line 1, column 12: expected 'else', found end of input");

  s = CompileError("\"été\" + $");
  EXPECT_EQ(s.message(), "line 1, column 9: unexpected '$'");  // columns count code points

  s = CompileError("{a: 1,\n b + 2}");
  EXPECT_EQ(s.message(), "line 2, column 4: expected ':' after the context key, found '+'");

  s = CompileError("");
  EXPECT_EQ(s.message(), "line 1, column 1: expected an expression, found end of input");
}

TEST(FeelCompile, InvalidUtf8IsRejected) {
  Status s = CompileError("\"ab\xff\"");
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(s.message().find("invalid UTF-8"), std::string::npos);
}

TEST(FeelCompile, DeepNestingIsResourceExhausted) {
  std::string deep(300, '(');
  deep += "1";
  deep += std::string(300, ')');
  Status s = CompileError(deep);
  EXPECT_EQ(s.code(), StatusCode::kResourceExhausted);
  EXPECT_NE(s.message().find("nested deeper than 256"), std::string::npos);

  std::string ok(200, '(');
  ok += "1";
  ok += std::string(200, ')');
  EXPECT_TRUE(CompileError(ok).ok());

  std::string lists(1000, '[');
  EXPECT_EQ(CompileError(lists).code(), StatusCode::kResourceExhausted);
  std::string negations(100000, '-');
  EXPECT_EQ(CompileError(negations + "1").code(), StatusCode::kResourceExhausted);
}

TEST(FeelCompile, LongOperatorChainsAreBounded) {
  std::string chain = "1";
  for (int i = 0; i < 5000; ++i) chain += " + 1";
  EXPECT_EQ(CompileError(chain).code(), StatusCode::kResourceExhausted);
  std::string shorter = "1";
  for (int i = 0; i < 500; ++i) shorter += " + 1";
  Result<Expression> e = Expression::Compile(shorter);
  ASSERT_TRUE(e.ok());
  EXPECT_EQ(e->Evaluate(MapScope()).ToString(), "501");
}

TEST(FeelCompile, SourceLengthIsBounded) {
  std::string huge(kMaxSourceBytes + 1, ' ');
  EXPECT_EQ(CompileError(huge).code(), StatusCode::kResourceExhausted);
}

// A context literal can double a value with each entry; evaluation stops at the value limits.
TEST(FeelEvaluate, ExponentialValuesAreCutOff) {
  std::string source = "{e0: [1, 1]";
  for (int i = 1; i < 40; ++i)
    source += ", e" + std::to_string(i) + ": [e" + std::to_string(i - 1) + ", e" + std::to_string(i - 1) + "]";
  source += "}";
  Result<Expression> e = Expression::Compile(source);
  ASSERT_TRUE(e.ok()) << e.status().ToString();
  std::vector<Diagnostic> diagnostics;
  Value v = e->Evaluate(MapScope(), &diagnostics);
  EXPECT_TRUE(v.is_null());
  ASSERT_FALSE(diagnostics.empty());
  EXPECT_EQ(diagnostics.back().message, "value too large or nested too deeply");

  std::string strings = "{s0: \"0123456789abcdef\"";
  for (int i = 1; i < 40; ++i)
    strings += ", s" + std::to_string(i) + ": s" + std::to_string(i - 1) + " + s" + std::to_string(i - 1);
  strings += "}.s39";
  e = Expression::Compile(strings);
  ASSERT_TRUE(e.ok()) << e.status().ToString();
  EXPECT_TRUE(e->Evaluate(MapScope()).is_null());
}

TEST(FeelEvaluate, DeeplyNestedValuesAreCutOff) {
  std::string source = "{d0: [1]";
  for (int i = 1; i < 700; ++i) source += ", d" + std::to_string(i) + ": [d" + std::to_string(i - 1) + "]";
  source += "}";
  Result<Expression> e = Expression::Compile(source);
  ASSERT_TRUE(e.ok()) << e.status().ToString();
  EXPECT_TRUE(e->Evaluate(MapScope()).is_null());
}

TEST(FeelEvaluate, DiagnosticsCarryPositions) {
  Result<Expression> e = Expression::Compile("1 +\n  missing");
  ASSERT_TRUE(e.ok());
  std::vector<Diagnostic> diagnostics;
  EXPECT_TRUE(e->Evaluate(MapScope(), &diagnostics).is_null());
  ASSERT_EQ(diagnostics.size(), 1u);
  EXPECT_EQ(diagnostics[0].message, "no variable named 'missing'");
  EXPECT_EQ(diagnostics[0].line, 2);
  EXPECT_EQ(diagnostics[0].column, 3);
  // Without a vector, evaluation is the same, silently.
  EXPECT_TRUE(e->Evaluate(MapScope()).is_null());
}

TEST(FeelEvaluate, ExpressionIsCheapToCopyAndKeepsItsSource) {
  Result<Expression> e = Expression::Compile("x * 2");
  ASSERT_TRUE(e.ok());
  Expression copy = *e;
  EXPECT_EQ(copy.source(), "x * 2");
  MapScope scope;
  scope.Set("x", Value::Int(21));
  EXPECT_EQ(copy.Evaluate(scope).ToString(), "42");
  EXPECT_TRUE(Expression().Evaluate(scope).is_null());
}

TEST(FeelEvaluate, UnaryTestsAndPlainExpressionsAsTests) {
  Result<Expression> tests = Expression::CompileUnaryTests("[1000..5000]");
  ASSERT_TRUE(tests.ok());
  EXPECT_TRUE(tests->is_unary_tests());
  MapScope scope;
  EXPECT_TRUE(tests->EvaluateUnaryTests(Value::Int(2500), scope).is_true());
  EXPECT_FALSE(tests->EvaluateUnaryTests(Value::Int(1), scope).is_true());
  std::vector<Diagnostic> diagnostics;
  EXPECT_TRUE(tests->Evaluate(scope, &diagnostics).is_null());
  EXPECT_EQ(diagnostics.size(), 1u);

  Result<Expression> plain = Expression::Compile("\"gold\"");
  ASSERT_TRUE(plain.ok());
  EXPECT_TRUE(plain->EvaluateUnaryTests(Value::String("gold"), scope).is_true());
}

// A scope that layers variables over another: how callers chain scopes.
class LayeredScope : public VariableScope {
 public:
  LayeredScope(const VariableScope& parent, std::string name, Value value)
      : parent_(parent), name_(std::move(name)), value_(std::move(value)) {}
  const Value* Find(std::string_view name) const override { return name == name_ ? &value_ : parent_.Find(name); }

 private:
  const VariableScope& parent_;
  std::string name_;
  Value value_;
};

TEST(FeelEvaluate, CustomScopes) {
  MapScope base;
  base.Set("a", Value::Int(1));
  LayeredScope layered(base, "b", Value::Int(2));
  Result<Expression> e = Expression::Compile("a + b");
  ASSERT_TRUE(e.ok());
  EXPECT_EQ(e->Evaluate(layered).ToString(), "3");
}

TEST(FeelEvaluate, ConcurrentEvaluationOfOneExpression) {
  Result<Expression> e = Expression::Compile("sum(for_each[item > limit]) + count(names)");
  ASSERT_TRUE(e.ok());
  auto work = [&](int seed) {
    for (int i = 0; i < 2000; ++i) {
      MapScope scope;
      scope.Set("for_each", Value::List({Value::Int(seed), Value::Int(i), Value::Int(10)}));
      scope.Set("limit", Value::Int(5));
      scope.Set("names", Value::List({Value::String("a"), Value::String("b")}));
      Value v = e->Evaluate(scope);
      ASSERT_TRUE(v.is_number());
    }
  };
  std::thread t1(work, 7), t2(work, 1);
  t1.join();
  t2.join();
}

TEST(FeelEvaluate, NamedArgumentsOfBuiltins) {
  Result<Expression> e = Expression::Compile("substring(length: 2, start position: 2, string: \"abcd\")");
  ASSERT_TRUE(e.ok()) << e.status().ToString();
  EXPECT_EQ(e->Evaluate(MapScope()).ToString(), "\"bc\"");
}

// DMN 1.5 §10.3.4.6: now() and today() read the clock the scope hands in, never the wall clock.
TEST(FeelClock, NowAndTodayReadTheScopesClock) {
  ManualClock clock(1'700'000'000'123);  // 2023-11-14T22:13:20.123Z
  MapScope scope;
  scope.set_clock(&clock);
  Result<Expression> now = Expression::Compile("string(now())");
  Result<Expression> today = Expression::Compile("today()");
  ASSERT_TRUE(now.ok() && today.ok());
  EXPECT_EQ(now->Evaluate(scope).ToString(), "\"2023-11-14T22:13:20.123Z\"");
  EXPECT_EQ(today->Evaluate(scope).ToString(), "date(\"2023-11-14\")");
  clock.AdvanceMs(2 * 3600 * 1000);
  EXPECT_EQ(today->Evaluate(scope).ToString(), "date(\"2023-11-15\")");
}

TEST(FeelClock, WithoutAClockNowIsNullWithADiagnostic) {
  MapScope scope;
  Result<Expression> now = Expression::Compile("now()");
  ASSERT_TRUE(now.ok());
  std::vector<Diagnostic> diagnostics;
  EXPECT_TRUE(now->Evaluate(scope, &diagnostics).is_null());
  ASSERT_EQ(diagnostics.size(), 1u);
  EXPECT_NE(diagnostics[0].message.find("no clock"), std::string::npos);
}

TEST(FeelClock, FunctionsAndIterationsSeeTheClock) {
  ManualClock clock(0);
  MapScope scope;
  scope.set_clock(&clock);
  Result<Expression> e = Expression::Compile("{f: function() today(), r: for i in [1] return f()}.r");
  ASSERT_TRUE(e.ok()) << e.status().ToString();
  EXPECT_EQ(e->Evaluate(scope).ToString(), "[date(\"1970-01-01\")]");
}

// §10.3.1.2: names a model knows are read whole, the longest first.
TEST(FeelKnownNames, SymbolsAndKeywordsInKnownNames) {
  const std::vector<std::string> names = {"Date-Time", "Date-Time2", "days in weekend"};
  MapScope scope;
  scope.Set("Date-Time", Value::Int(10));
  scope.Set("Date-Time2", Value::Int(3));
  scope.Set("days in weekend", Value::List({Value::Int(1)}));
  Result<Expression> e = Expression::Compile("Date-Time - Date-Time2 + count(days in weekend)", names);
  ASSERT_TRUE(e.ok()) << e.status().ToString();
  EXPECT_EQ(e->Evaluate(scope).ToString(), "8");
  // Unknown to the compiler, the same text is a subtraction.
  MapScope plain;
  plain.Set("Date", Value::Int(10));
  plain.Set("Time", Value::Int(4));
  Result<Expression> minus = Expression::Compile("Date-Time");
  ASSERT_TRUE(minus.ok());
  EXPECT_EQ(minus->Evaluate(plain).ToString(), "6");
}

}  // namespace
}  // namespace ordo::feel
