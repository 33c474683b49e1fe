// libFuzzer target for the FEEL lexer, parser and evaluator: any input must compile or fail with
// a Status, and evaluation must return a Value, without crashing, hanging or leaking. The input
// is tried as an expression and as unary tests, against a scope with values of every shape.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "feel/expression.h"
#include "feel/json.h"

namespace {

const ordo::feel::MapScope& Scope() {
  static const ordo::feel::MapScope scope = [] {
    using ordo::feel::Value;
    ordo::feel::MapScope s;
    s.Set("amount", Value::Int(1500));
    s.Set("risk", Value::String("high"));
    s.Set("x", Value::Int(5));
    s.Set("list", Value::List({Value::Int(1), Value::Int(2), Value::String("a"), Value::Null()}));
    s.Set("ctx", Value::Context({{"a", Value::Int(1)}, {"b c", Value::List({})}}));
    s.Set("n", Value::Null());
    s.Set("applicant age", Value::Int(30));
    return s;
  }();
  return scope;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view source(reinterpret_cast<const char*>(data), size);
  std::vector<ordo::feel::Diagnostic> diagnostics;
  if (auto e = ordo::feel::Expression::Compile(source); e.ok()) {
    ordo::feel::Value v = e->Evaluate(Scope(), &diagnostics);
    (void)ordo::feel::ToJson(v);
    (void)v.ToString();
  }
  if (auto t = ordo::feel::Expression::CompileUnaryTests(source); t.ok()) {
    (void)t->EvaluateUnaryTests(ordo::feel::Value::Int(7), Scope(), &diagnostics);
  }
  // Names a model knows (symbols, keywords, number words) and a type it defines, as DMN passes.
  static const std::vector<std::string> kKnown = {"Pre-bureau risk", "days in weekend", "Person's age", "a+b",
                                                  "decision A 2.1", "x.y"};
  ordo::feel::CompileOptions options;
  options.known_names = kKnown;
  options.named_types = [](std::string_view name) -> std::optional<ordo::feel::Type> {
    if (name != "tPair") return std::nullopt;
    ordo::feel::Type t;
    t.kind = ordo::feel::TypeKind::kContext;
    t.fields.push_back(ordo::feel::TypeField{"a", ordo::feel::Type{ordo::feel::TypeKind::kNumber, "", {}, {}}});
    return t;
  };
  if (auto e = ordo::feel::Expression::Compile(source, options); e.ok()) {
    (void)e->Evaluate(Scope(), &diagnostics);
  }
  return 0;
}
