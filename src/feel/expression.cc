#include "feel/expression.h"

#include "feel/ast.h"
#include "feel/evaluator.h"
#include "feel/parser.h"

namespace ordo::feel {
namespace {

const std::shared_ptr<const Program>& EmptyProgram() {
  static const std::shared_ptr<const Program> empty = [] {
    auto p = std::make_shared<Program>();
    p->nodes.push_back(std::make_unique<Node>());  // a null literal
    p->root = p->nodes.back().get();
    return std::shared_ptr<const Program>(std::move(p));
  }();
  return empty;
}

}  // namespace

const Value* MapScope::Find(std::string_view name) const {
  auto it = variables_.find(name);
  return it == variables_.end() ? nullptr : &it->second;
}

Expression::Expression() : program_(EmptyProgram()) {}

Expression::Expression(std::shared_ptr<const Program> program) : program_(std::move(program)) {}

Result<Expression> Expression::Compile(std::string_view source, std::span<const std::string> known_names) {
  return Compile(source, CompileOptions{known_names, {}});
}

Result<Expression> Expression::CompileUnaryTests(std::string_view source, std::span<const std::string> known_names) {
  return CompileUnaryTests(source, CompileOptions{known_names, {}});
}

Result<Expression> Expression::Compile(std::string_view source, const CompileOptions& options) {
  ASSIGN_OR_RETURN(std::shared_ptr<Program> program, Parse(source, ParseMode::kExpression, options));
  return Expression(std::move(program));
}

Result<Expression> Expression::CompileUnaryTests(std::string_view source, const CompileOptions& options) {
  ASSIGN_OR_RETURN(std::shared_ptr<Program> program, Parse(source, ParseMode::kUnaryTests, options));
  return Expression(std::move(program));
}

Value Expression::Evaluate(const VariableScope& scope, std::vector<Diagnostic>* diagnostics) const {
  if (program_->unary_tests) {
    if (diagnostics)
      diagnostics->push_back(Diagnostic{"unary tests are evaluated against an input: use EvaluateUnaryTests", 1, 1});
    return Value::Null();
  }
  EvalContext context{&scope, diagnostics, nullptr, &program_};
  return EvaluateNode(program_->root, context);
}

Value Expression::EvaluateUnaryTests(const Value& input, const VariableScope& scope,
                                     std::vector<Diagnostic>* diagnostics) const {
  EvalContext context{&scope, diagnostics, &input, &program_};
  return EvaluateTest(program_->root, input, context);
}

const std::string& Expression::source() const { return program_->source; }

bool Expression::is_unary_tests() const { return program_->unary_tests; }

}  // namespace ordo::feel
