// Functions and iteration in FEEL: invocation of function values (DMN 1.5 §10.3.2.13.1-3),
// function definitions with their closures (§10.3.2.13.2), for / some / every (§10.3.2.14) and
// instance of (§10.3.2.8).
#include <algorithm>
#include <array>

#include "feel/builtins.h"
#include "feel/evaluator.h"
#include "feel/java_functions.h"
#include "feel/ops.h"
#include "feel/types.h"

namespace ordo::feel {
namespace {

// User functions may recurse; deeper calls than this give null instead of exhausting the stack.
constexpr int kMaxCallDepth = 128;
thread_local int call_depth = 0;

void Report(EvalContext& context, const Node* at, std::string message) {
  if (!context.diagnostics) return;
  context.diagnostics->push_back(Diagnostic{std::move(message), at ? at->line : 0, at ? at->column : 0});
}

// The scope of a function body: its parameters, then the names it captured where it was
// defined, then the caller's scope (so a function kept in a context can call itself).
class FunctionScope final : public VariableScope {
 public:
  FunctionScope(const std::vector<std::string>& names, std::span<const Value> args, const ContextEntries& captured,
                const VariableScope* caller)
      : names_(names), args_(args), captured_(captured), caller_(caller) {}
  const Value* Find(std::string_view name) const override {
    for (size_t i = 0; i < names_.size(); ++i) {
      if (names_[i] == name) return &args_[i];
    }
    for (const auto& [key, value] : captured_) {
      if (key == name) return &value;
    }
    return caller_ ? caller_->Find(name) : nullptr;
  }
  const Clock* clock() const override { return caller_ ? caller_->clock() : nullptr; }

 private:
  const std::vector<std::string>& names_;
  std::span<const Value> args_;
  const ContextEntries& captured_;
  const VariableScope* caller_;
};

bool HasNamedPart(const Type& type) {
  if (type.kind == TypeKind::kNamed) return true;
  for (const Type& p : type.parameters) {
    if (HasNamedPart(p)) return true;
  }
  for (const auto& field : type.fields) {
    if (HasNamedPart(field.type)) return true;
  }
  return false;
}

class FeelFunction final : public Callable {
 public:
  FeelFunction(std::shared_ptr<const Program> program, const Node* definition, ContextEntries captured)
      : program_(std::move(program)), definition_(definition), captured_(std::move(captured)) {}
  const std::vector<std::string>& parameters() const override { return definition_->keys; }
  Value Call(std::span<const Value> args, const VariableScope* caller,
             std::vector<Diagnostic>* diagnostics) const override {
    // DMN 1.5 §10.3.2.13.2: an argument that does not conform to its parameter's declared type
    // makes the call null. Types named by a model (item definitions) are not known here.
    for (size_t i = 0; i < args.size() && i < definition_->parameter_types.size(); ++i) {
      const std::shared_ptr<const Type>& type = definition_->parameter_types[i];
      if (!type || type->kind == TypeKind::kNamed || args[i].is_null() || HasNamedPart(*type)) continue;
      if (!Conforms(args[i], *type)) {
        if (diagnostics) {
          diagnostics->push_back(Diagnostic{"argument '" + definition_->keys[i] + "' does not conform to " +
                                                TypeText(*type),
                                            definition_->line, definition_->column});
        }
        return Value::Null();
      }
    }
    FunctionScope scope(definition_->keys, args, captured_, caller);
    EvalContext context{&scope, diagnostics, nullptr, &program_};
    return EvaluateNode(definition_->children[0], context);
  }

 private:
  std::shared_ptr<const Program> program_;  // owns definition_
  const Node* definition_;
  ContextEntries captured_;
};

// Binds iteration variables one after another; later domains may use earlier variables.
class IterationScope final : public VariableScope {
 public:
  IterationScope(const IterationScope&) = delete;
  IterationScope& operator=(const IterationScope&) = delete;
  IterationScope(const VariableScope& parent, const std::vector<std::string>& names)
      : parent_(parent), names_(names) {
    // Loops rarely bind more than a few variables: those live here, without an allocation.
    if (names.size() > inline_values_.size()) {
      overflow_values_.resize(names.size());
      values_ = overflow_values_.data();
    }
  }
  const Value* Find(std::string_view name) const override {
    for (size_t i = bound_; i-- > 0;) {
      if (names_[i] == name) return &values_[i];
    }
    if (partial_ && name == "partial") return partial_;
    return parent_.Find(name);
  }
  const Clock* clock() const override { return parent_.clock(); }
  void Bind(size_t i, Value v) {
    values_[i] = std::move(v);
    bound_ = i + 1;
  }
  void set_partial(const Value* partial) { partial_ = partial; }

 private:
  const VariableScope& parent_;
  const std::vector<std::string>& names_;
  std::array<Value, 3> inline_values_;
  std::vector<Value> overflow_values_;
  Value* values_ = inline_values_.data();  // one per name: inline_values_ or overflow_values_
  size_t bound_ = 0;
  const Value* partial_ = nullptr;
};

// The values a domain iterates over: a list, a single value, or an integer or date range
// (§10.3.2.14: "for i in 1..3", "for d in @"2024-01-01"..@"2024-01-03"").
bool DomainItems(const Value& start, const Value* end, bool start_included, bool end_included,
                 std::vector<Value>& out) {
  if (!end) {
    if (start.is_list()) {
      out = start.as_list();
      return true;
    }
    if (start.is_range()) {
      const RangeValue& r = start.as_range();
      if (r.start.is_null() || r.end.is_null()) return false;
      // A range value runs upwards (§10.3.2.7); only the bare "4..2" form counts down (TCK 0084).
      std::optional<int> order = Order(r.start, r.end);
      if (!order || *order > 0) return false;
      return DomainItems(r.start, &r.end, r.start_included, r.end_included, out);
    }
    out = {start};
    return true;
  }
  if (start.is_number() && end->is_number()) {
    std::optional<int64_t> a = start.as_number().IsInteger() ? start.as_number().ToInt64() : std::nullopt;
    std::optional<int64_t> b = end->as_number().IsInteger() ? end->as_number().ToInt64() : std::nullopt;
    if (!a || !b) return false;
    int64_t step = *a <= *b ? 1 : -1;
    if (((*b - *a) * step) > int64_t{kMaxListItems}) return false;
    for (int64_t i = *a;; i += step) {
      bool edge_start = i == *a, edge_end = i == *b;
      if (!(edge_start && !start_included) && !(edge_end && !end_included)) out.push_back(Value::Int(i));
      if (edge_end) break;
    }
    return true;
  }
  if (start.kind() == ValueKind::kDate && end->kind() == ValueKind::kDate) {
    int64_t a = start.as_date().days, b = end->as_date().days;
    int64_t step = a <= b ? 1 : -1;
    if (((b - a) * step) > int64_t{kMaxListItems}) return false;
    for (int64_t i = a;; i += step) {
      bool edge_start = i == a, edge_end = i == b;
      if (!(edge_start && !start_included) && !(edge_end && !end_included)) out.push_back(Value::MakeDate(Date{i}));
      if (edge_end) break;
    }
    return true;
  }
  return false;
}

// Calls `body(scope)` for every combination of the iteration variables, in order; stops when it
// returns false. False when a domain is not iterable.
template <typename Body>
bool Iterate(const Node* n, EvalContext& context, IterationScope& scope, size_t level, Body&& body, bool& stop) {
  const size_t variables = n->keys.size();
  if (level == variables) {
    stop = !body();
    return true;
  }
  EvalContext inner = context;
  inner.scope = &scope;
  Value start = EvaluateNode(n->children[2 * level], inner);
  Value end_storage;
  const Value* end = nullptr;
  if (n->children[2 * level + 1]) {
    end_storage = EvaluateNode(n->children[2 * level + 1], inner);
    end = &end_storage;
  }
  if (!end && start.is_list()) {  // iterated in place: the common case, no copy of the items
    for (const Value& item : start.as_list()) {
      scope.Bind(level, item);
      if (!Iterate(n, context, scope, level + 1, body, stop)) return false;
      if (stop) break;
    }
    return true;
  }
  std::vector<Value> items;
  if (!DomainItems(start, end, true, true, items)) {
    Report(context, n, "cannot iterate over " + start.ToString());
    return false;
  }
  for (Value& item : items) {
    scope.Bind(level, std::move(item));
    if (!Iterate(n, context, scope, level + 1, body, stop)) return false;
    if (stop) break;
  }
  return true;
}

}  // namespace

Value Invoke(const Value& function, std::span<const Value> args, const std::vector<std::string>* names, const Node* at,
             EvalContext& context) {
  if (!function.is_function()) {
    Report(context, at, "cannot call " + function.ToString() + ": it is not a function");
    return Value::Null();
  }
  const FunctionValue& f = function.as_function();
  if (f.builtin) {
    const Builtin* builtin = f.builtin;
    std::vector<Value> ordered;
    if (names) {
      builtin = FindBuiltinByParameters(f.builtin->name, *names);
      if (!builtin) {
        Report(context, at, "no parameters with these names in " + std::string(f.builtin->name) + "()");
        return Value::Null();
      }
      ordered.resize(builtin->parameters.size());
      size_t given = 0;
      for (size_t i = 0; i < names->size(); ++i) {
        size_t slot = static_cast<size_t>(
            std::find(builtin->parameters.begin(), builtin->parameters.end(), (*names)[i]) - builtin->parameters.begin());
        ordered[slot] = args[i];
        given = std::max(given, slot + 1);
      }
      ordered.resize(std::max<size_t>(given, static_cast<size_t>(builtin->min_args)));
      args = ordered;
    } else {
      builtin = FindBuiltin(f.builtin->name, args.size());
      if (!builtin) {
        Report(context, at, "wrong number of arguments for " + std::string(f.builtin->name) + "()");
        return Value::Null();
      }
    }
    CallContext call(builtin->name, context.diagnostics, at ? at->line : 0, at ? at->column : 0);
    call.set_evaluation(&context);
    return builtin->function(args, call);
  }
  if (!f.callable) return Value::Null();
  const std::vector<std::string>& parameters = f.callable->parameters();
  std::vector<Value> ordered;
  if (names) {
    ordered.resize(parameters.size());
    for (size_t i = 0; i < names->size(); ++i) {
      auto it = std::find(parameters.begin(), parameters.end(), (*names)[i]);
      if (it == parameters.end()) {
        Report(context, at, "function " + f.name + " has no parameter '" + (*names)[i] + "'");
        return Value::Null();
      }
      ordered[static_cast<size_t>(it - parameters.begin())] = args[i];
    }
    args = ordered;
  } else if (args.size() != parameters.size()) {
    Report(context, at,
           "function " + f.name + " takes " + std::to_string(parameters.size()) + " arguments, given " +
               std::to_string(args.size()));
    return Value::Null();
  }
  if (call_depth >= kMaxCallDepth) {
    Report(context, at, "function calls nested deeper than " + std::to_string(kMaxCallDepth));
    return Value::Null();
  }
  ++call_depth;
  Value result = f.callable->Call(args, context.scope, context.diagnostics);
  --call_depth;
  return result;
}

// DMN 1.5 §10.3.2.14: the list of the body's values over every combination; `partial` is the
// list built so far.
Value EvaluateFor(const Node* n, EvalContext& context) {
  IterationScope scope(*context.scope, n->keys);
  std::vector<Value> results;
  results.reserve(8);  // one allocation for the usual short loop instead of four
  Value partial;
  if (n->uses_partial) {
    partial = Value::List({});
    scope.set_partial(&partial);
  }
  EvalContext inner = context;
  inner.scope = &scope;
  if (n->keys.size() == 1 && !n->children[1] && !n->uses_partial) {
    // The common "for x in list return e": one variable over a list, sized up front.
    const Value domain = EvaluateNode(n->children[0], context);
    std::vector<Value> expanded;  // a range or a single value, as Iterate would take it
    if (!domain.is_list() && !DomainItems(domain, nullptr, true, true, expanded)) {
      Report(context, n, "cannot iterate over " + domain.ToString());
      return Value::Null();
    }
    const std::vector<Value>& items = domain.is_list() ? domain.as_list() : expanded;
    results.reserve(items.size());
    for (const Value& item : items) {
      scope.Bind(0, item);
      results.push_back(EvaluateNode(n->children.back(), inner));
    }
    return Value::List(std::move(results));
  }
  bool stop = false;
  bool ok = Iterate(n, context, scope, 0,
                    [&] {
                      results.push_back(EvaluateNode(n->children.back(), inner));
                      if (results.size() > kMaxListItems) return false;
                      if (n->uses_partial) partial = Value::List(results);
                      return true;
                    },
                    stop);
  if (!ok) return Value::Null();
  return Value::List(std::move(results));
}

// DMN 1.5 §10.3.2.14: some is true when one combination satisfies the test, every when all do.
Value EvaluateQuantified(const Node* n, EvalContext& context) {
  IterationScope scope(*context.scope, n->keys);
  EvalContext inner = context;
  inner.scope = &scope;
  bool found = false;  // some: a true test; every: a test that is not true
  bool stop = false;
  bool ok = Iterate(n, context, scope, 0,
                    [&] {
                      Value v = EvaluateNode(n->children.back(), inner);
                      found = n->every ? !v.is_true() : v.is_true();
                      return !found;
                    },
                    stop);
  if (!ok) return Value::Null();
  return Value::Bool(n->every ? !found : found);
}

// DMN 1.5 §10.3.2.13.2: a function value closing over the names its body reads.
Value DefineFunction(const Node* n, EvalContext& context) {
  if (!context.program) {
    Report(context, n, "function definitions need a compiled program");
    return Value::Null();
  }
  if (n->external) {
    Value mapping = EvaluateNode(n->children[0], context);
    Result<Value> f = MakeExternalFunction(mapping, n->keys);
    if (!f.ok()) {
      Report(context, n, f.status().message());
      return Value::Null();
    }
    return *f;
  }
  ContextEntries captured;
  for (const std::string& name : n->captures) {
    if (std::find(n->keys.begin(), n->keys.end(), name) != n->keys.end()) continue;
    if (const Value* v = context.scope->Find(name)) captured.emplace_back(name, *v);
  }
  FunctionValue f;
  f.name = "anonymous";
  f.callable = std::make_shared<FeelFunction>(*context.program, n, std::move(captured));
  return Value::MakeFunction(std::move(f));
}

// DMN 1.5 §10.3.2.8.
Value EvaluateInstanceOf(const Node* n, EvalContext& context) {
  Value v = EvaluateNode(n->children[0], context);
  return Value::Bool(Conforms(v, *n->type));
}

}  // namespace ordo::feel
