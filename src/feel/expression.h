// feel::Expression: a FEEL expression or a list of unary tests, compiled once and evaluated many
// times (DMN 1.5 chapter 10).
//
// Compile() lexes and parses the source into an immutable tree (feel/ast.h) with built-ins,
// literals and named arguments resolved; Evaluate() walks it against a VariableScope. Evaluation
// never fails with a Status: as FEEL requires, an undefined operation yields null, and a
// Diagnostic (what went wrong and where) is appended when the caller asks for them.
//
// Names with spaces (§10.3.1.2): consecutive name words are joined with single spaces at compile
// time ("applicant age" is one name), so a variable whose name contains spaces is found as long
// as its words are not keywords; `back-quoted` names allow any other character. Built-in function
// names that contain keywords ("date and time", "get or else") are recognised before a '('.
//
// Limits: the source may be at most kMaxSourceBytes long and nest at most kMaxNestingDepth
// levels; beyond them Compile() returns ResourceExhausted.
// Thread-safety: an Expression is immutable and cheap to copy (it shares its compiled program);
// Evaluate() may run concurrently from many threads. A VariableScope is only read.
#pragma once

#include <map>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <functional>
#include <optional>

#include "base/clock.h"
#include "base/status.h"
#include "feel/types.h"
#include "feel/value.h"

namespace ordo::feel {

struct Program;

inline constexpr size_t kMaxSourceBytes = 1 << 20;
inline constexpr int kMaxNestingDepth = 256;

// Where names are looked up during evaluation. Implementations must stay alive and unchanged
// while an evaluation that uses them runs; returned pointers must stay valid for that time.
class VariableScope {
 public:
  virtual ~VariableScope() = default;
  // nullptr when the name is unknown (a null-valued variable returns a pointer to null).
  virtual const Value* Find(std::string_view name) const = 0;
  // The clock now() and today() read (DMN 1.5 §10.3.4.6); without one they give null, so an
  // evaluation never reads the wall clock unless its caller hands one in. A scope that wraps
  // another forwards its clock.
  virtual const Clock* clock() const { return nullptr; }
};

class MapScope : public VariableScope {
 public:
  MapScope() = default;
  explicit MapScope(std::map<std::string, Value, std::less<>> variables) : variables_(std::move(variables)) {}
  void Set(std::string name, Value value) { variables_[std::move(name)] = std::move(value); }
  const Value* Find(std::string_view name) const override;
  const std::map<std::string, Value, std::less<>>& variables() const { return variables_; }
  // REQUIRES: `clock` (may be null) outlives every evaluation that uses this scope.
  void set_clock(const Clock* clock) { clock_ = clock; }
  const Clock* clock() const override { return clock_; }

 private:
  std::map<std::string, Value, std::less<>> variables_;
  const Clock* clock_ = nullptr;
};

// Why a part of an evaluation gave null: "no variable named 'x'", "cannot apply '+' to ...".
struct Diagnostic {
  std::string message;
  int line = 0;
  int column = 0;
};

// What the context an expression is written in knows beyond FEEL itself (a DMN model).
struct CompileOptions {
  // See Expression::Compile.
  std::span<const std::string> known_names;
  // The structure of a type the context defines by name (an item definition), for `instance of`
  // (§10.3.2.8); nullopt when the name is unknown. May be empty. Called only while compiling.
  std::function<std::optional<Type>(std::string_view name)> named_types;
};

class Expression {
 public:
  // An empty expression: evaluates to null.
  Expression();

  // A FEEL expression (grammar rule 1). Errors: InvalidArgument "line L, column C: expected ...",
  // ResourceExhausted for the limits above, Unimplemented for FEEL constructs not yet supported
  // (external functions).
  // `known_names` are the names the expression's context defines (a DMN model's decisions, input
  // data, parameters, context entries): one that holds keywords or symbols ("Pre-bureau risk
  // category", "Person's age", "days in weekend") is then read as one name wherever the source
  // spells it, the longest one winning (§10.3.1.2).
  static Result<Expression> Compile(std::string_view source, std::span<const std::string> known_names = {});
  // Unary tests (grammar rule 15): "-", "< 5", "[1..10]", "1, 2, 3", "not(\"a\", \"b\")", "? > 5".
  static Result<Expression> CompileUnaryTests(std::string_view source,
                                              std::span<const std::string> known_names = {});
  static Result<Expression> Compile(std::string_view source, const CompileOptions& options);
  static Result<Expression> CompileUnaryTests(std::string_view source, const CompileOptions& options);

  // Evaluating unary tests this way gives null and a diagnostic: use EvaluateUnaryTests.
  Value Evaluate(const VariableScope& scope, std::vector<Diagnostic>* diagnostics = nullptr) const;
  // True, false or null (undecidable). A compiled plain expression is used as one positive unary
  // test: its value is compared with the input (or contains it, for a list or range).
  Value EvaluateUnaryTests(const Value& input, const VariableScope& scope,
                           std::vector<Diagnostic>* diagnostics = nullptr) const;

  const std::string& source() const;
  bool is_unary_tests() const;

 private:
  explicit Expression(std::shared_ptr<const Program> program);
  std::shared_ptr<const Program> program_;
};

}  // namespace ordo::feel
