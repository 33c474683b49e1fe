// The FEEL built-in function library (DMN 1.5 §10.3.4): the registry, the calling convention and
// the lookup the parser uses to resolve a call at compile time.
//
// A built-in receives its arguments in parameter order (named arguments are reordered by the
// parser; an absent optional argument is null and `count` tells how many were given). Invalid
// arguments give null plus a diagnostic through CallContext::Fail. The families live in
// builtins_*.cc, one file per section of §10.3.4.
// Thread-safety: the registry is immutable static data.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "feel/expression.h"
#include "feel/value.h"

namespace ordo::feel {

struct EvalContext;

class CallContext {
 public:
  CallContext(std::string_view function, std::vector<Diagnostic>* diagnostics, int line, int column)
      : function_(function), diagnostics_(diagnostics), line_(line), column_(column) {}
  // Records "<function>: message" and returns null.
  Value Fail(std::string_view message);
  // The evaluation the call happens in; lets a built-in call a function argument (sort's precedes).
  void set_evaluation(EvalContext* evaluation) { evaluation_ = evaluation; }
  // Calls a function value with positional arguments; null (and a diagnostic) when it cannot.
  Value Invoke(const Value& function, std::span<const Value> args);
  std::vector<Diagnostic>* diagnostics() const { return diagnostics_; }
  // The evaluation's clock (VariableScope::clock); null when it has none.
  const Clock* clock() const;

 private:
  EvalContext* evaluation_ = nullptr;  // not owned; may be null
  std::string_view function_;
  std::vector<Diagnostic>* diagnostics_;
  int line_;
  int column_;
};

using BuiltinFunction = Value (*)(std::span<const Value> args, CallContext& context);

inline constexpr int kVariadic = -1;

struct Builtin {
  std::string_view name;
  std::vector<std::string_view> parameters;  // the spec's parameter names, in order
  int min_args;
  int max_args;  // kVariadic: any number beyond the named parameters
  BuiltinFunction function;
};

// The overload of `name` taking `count` positional arguments; nullptr when none does.
const Builtin* FindBuiltin(std::string_view name, size_t count);
// The overload of `name` whose parameters include every given argument name.
const Builtin* FindBuiltinByParameters(std::string_view name, const std::vector<std::string>& argument_names);
bool IsBuiltinName(std::string_view name);
// True when `prefix` followed by more words could name a built-in ("date and" for "date and time").
bool IsBuiltinNamePrefix(std::string_view prefix);

// The families, concatenated by the registry.
std::span<const Builtin> ConversionBuiltins();  // §10.3.4.1 not, string, number, date, duration...
std::span<const Builtin> StringBuiltins();      // §10.3.4.3
std::span<const Builtin> ListBuiltins();        // §10.3.4.4
std::span<const Builtin> NumericBuiltins();     // §10.3.4.5
std::span<const Builtin> RegexBuiltins();       // §10.3.4.3 matches, replace, split
std::span<const Builtin> ListEditBuiltins();    // §10.3.4.4 insert before, remove, sort, median...
std::span<const Builtin> TemporalBuiltins();    // §10.3.4.6 day of year, week of year...
std::span<const Builtin> ContextBuiltins();     // §10.3.4.8
std::span<const Builtin> RangeBuiltins();       // §10.3.4.9 before, meets, overlaps...

// Shared by the built-in families.
// Code points in a UTF-8 string (DMN 1.5 §10.3.4.3: string length counts characters).
size_t CodePointCount(std::string_view s);
// Byte offset of code point `index` (clamped to the string's end).
size_t CodePointOffset(std::string_view s, size_t index);

}  // namespace ordo::feel
