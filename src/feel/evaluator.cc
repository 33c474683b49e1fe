#include "feel/evaluator.h"

#include <array>

#include "feel/builtins.h"
#include "feel/ops.h"
#include "feel/zones.h"

namespace ordo::feel {
namespace {

constexpr int64_t kSecondsPerDay = 86'400;

void Diagnose(EvalContext& context, const Node* at, std::string message) {
  if (!context.diagnostics) return;
  context.diagnostics->push_back(Diagnostic{std::move(message), at ? at->line : 0, at ? at->column : 0});
}

// Applies an operation that reports failures through a string, turning them into diagnostics.
template <typename F>
Value WithError(EvalContext& context, const Node* at, F&& operation) {
  if (!context.diagnostics) return operation(nullptr);
  std::string error;
  Value v = operation(&error);
  if (!error.empty()) Diagnose(context, at, std::move(error));
  return v;
}

// The filter item's scope (DMN 1.5 §10.3.2.5): "item", and the item's entries when it is a context.
class ItemScope final : public VariableScope {
 public:
  ItemScope(const VariableScope& parent, const Value& item) : parent_(parent), item_(item) {}
  const Value* Find(std::string_view name) const override {
    if (const Value* entry = item_.FindEntry(name)) return entry;
    if (name == "item") return &item_;
    return parent_.Find(name);
  }
  const Clock* clock() const override { return parent_.clock(); }

 private:
  const VariableScope& parent_;
  const Value& item_;
};

// A context literal under construction: later entries see earlier ones (§10.3.2.6).
class EntriesScope final : public VariableScope {
 public:
  EntriesScope(const VariableScope& parent, const ContextEntries& entries) : parent_(parent), entries_(entries) {}
  const Value* Find(std::string_view name) const override {
    for (auto it = entries_.rbegin(); it != entries_.rend(); ++it) {
      if (it->first == name) return &it->second;
    }
    return parent_.Find(name);
  }
  const Clock* clock() const override { return parent_.clock(); }

 private:
  const VariableScope& parent_;
  const ContextEntries& entries_;
};

// Points at a literal's or a variable's value in place; computes anything else into `storage`.
const Value* EvaluateRef(const Node* n, EvalContext& context, Value& storage) {
  if (n->kind == NodeKind::kLiteral) return &n->value;
  if (n->kind == NodeKind::kName) {
    if (const Value* v = context.scope->Find(n->name)) return v;
  }
  storage = EvaluateNode(n, context);
  return &storage;
}

// Three-valued logic (DMN 1.5 §10.3.2.4, Table 50): a non-boolean operand counts as null.
Value Logic(const Node* n, EvalContext& context, bool is_and) {
  Value left_storage, right_storage;
  const Value* left = EvaluateRef(n->children[0], context, left_storage);
  // false decides "and", true decides "or".
  if (left->is_bool() && left->as_bool() != is_and) return *left;
  const Value* right = EvaluateRef(n->children[1], context, right_storage);
  if (right->is_bool() && right->as_bool() != is_and) return *right;
  if (left->is_bool() && right->is_bool()) return Value::Bool(is_and);
  if ((!left->is_bool() && !left->is_null()) || (!right->is_bool() && !right->is_null())) {
    Diagnose(context, n, std::string("'") + (is_and ? "and" : "or") + "' on a value that is not a boolean");
  }
  return Value::Null();
}

Value Index(const std::vector<Value>& list, const Decimal& position) {
  std::optional<int64_t> i = position.IsInteger() ? position.ToInt64() : std::nullopt;
  if (!i || *i == 0) return Value::Null();
  int64_t size = static_cast<int64_t>(list.size());
  int64_t index = *i > 0 ? *i - 1 : size + *i;
  if (index < 0 || index >= size) return Value::Null();
  return list[static_cast<size_t>(index)];
}

// Values built by evaluation must stay within the limits of value.h.
Value Bounded(Value v, const Node* n, EvalContext& context) {
  if (v.within_limits()) return v;
  Diagnose(context, n, "value too large or nested too deeply");
  return Value::Null();
}

Value Filter(const Node* n, EvalContext& context) {
  Value base = EvaluateNode(n->children[0], context);
  if (base.is_null()) return base;
  std::vector<Value> singleton;
  if (!base.is_list()) singleton.push_back(base);
  const std::vector<Value>& list = base.is_list() ? base.as_list() : singleton;
  const Node* filter = n->children[1];
  if (filter->kind == NodeKind::kLiteral && filter->value.is_number()) return Index(list, filter->value.as_number());
  std::vector<Value> kept;
  bool first = true;
  for (const Value& item : list) {
    ItemScope scope(*context.scope, item);
    EvalContext inner = context;
    inner.scope = &scope;
    Value keep = EvaluateNode(filter, inner);
    if (first && keep.is_number()) return Index(list, keep.as_number());
    first = false;
    if (keep.is_true()) kept.push_back(item);
  }
  return Value::List(std::move(kept));
}

Value Call(const Node* n, EvalContext& context) {
  const Builtin* builtin = n->builtin;
  const size_t count = n->children.size();
  std::array<Value, 6> small;
  std::vector<Value> large;
  Value* args = small.data();
  if (count > small.size()) {
    large.resize(count);
    args = large.data();
  }
  if (!builtin) {
    // A function value in scope: a user function, a model's function or a built-in by another name.
    const Value* f = context.scope->Find(n->name);
    if (!f || !f->is_function()) {
      Diagnose(context, n, "no function named '" + n->name + "'");
      return Value::Null();
    }
    for (size_t i = 0; i < count; ++i) {
      if (n->children[i]) args[i] = EvaluateNode(n->children[i], context);
    }
    return Invoke(*f, std::span<const Value>(args, count), n->keys.empty() ? nullptr : &n->keys, n, context);
  }
  for (size_t i = 0; i < count; ++i) {
    if (n->children[i]) args[i] = EvaluateNode(n->children[i], context);
  }
  CallContext call(builtin->name, context.diagnostics, n->line, n->column);
  call.set_evaluation(&context);
  const size_t reported = context.diagnostics ? context.diagnostics->size() : 0;
  Value result = builtin->function(std::span<const Value>(args, count), call);
  if (!result.is_null()) return result;
  // §10.3.2.9.4: a singleton list where a parameter wants its item is that item
  // (`upper case(["a"])`). The built-ins do not declare parameter types, so a call that failed
  // with a singleton list argument is tried once more with the items.
  bool singleton = false;
  for (size_t i = 0; i < count; ++i) {
    if (args[i].is_list() && args[i].as_list().size() == 1) {
      args[i] = Value(args[i].as_list()[0]);
      singleton = true;
    }
  }
  if (!singleton) return result;
  std::vector<Diagnostic> retry_diagnostics;
  CallContext retry(builtin->name, context.diagnostics ? &retry_diagnostics : nullptr, n->line, n->column);
  retry.set_evaluation(&context);
  Value unwrapped = builtin->function(std::span<const Value>(args, count), retry);
  if (unwrapped.is_null()) return result;
  if (context.diagnostics) context.diagnostics->resize(reported);  // the first attempt's failure
  return unwrapped;
}

Value IsDefined(const Node* n, EvalContext& context) {
  const Node* arg = n->children[0];
  if (arg->kind == NodeKind::kName) return Value::Bool(context.scope->Find(arg->name) != nullptr);
  EvalContext quiet = context;
  quiet.diagnostics = nullptr;
  if (arg->kind == NodeKind::kPath) {
    Value base = EvaluateNode(arg->children[0], quiet);
    if (base.is_context()) return Value::Bool(base.FindEntry(arg->name) != nullptr);
    return Value::Bool(!PathGet(base, arg->name, arg, quiet).is_null());
  }
  return Value::Bool(true);
}

Value MakeRange(const Node* n, EvalContext& context) {
  RangeValue range;
  range.form = n->op == Op::kEqual ? RangeForm::kEqual : n->op == Op::kNotEqual ? RangeForm::kNotEqual : RangeForm::kInterval;
  range.start_included = n->start_included;
  range.end_included = n->end_included;
  if (n->children[0]) range.start = EvaluateNode(n->children[0], context);
  if (n->children[1]) range.end = EvaluateNode(n->children[1], context);
  range.start_unknown = n->children[0] && range.start.is_null();
  range.end_unknown = n->children[1] && range.end.is_null();
  if (!range.start.is_null() && !range.end.is_null() && !Order(range.start, range.end)) {
    Diagnose(context, n,
             "range endpoints are not comparable: " + std::string(KindName(range.start.kind())) + " and " +
                 std::string(KindName(range.end.kind())));
    return Value::Null();
  }
  return Value::MakeRange(std::move(range));
}

Value MakeContext(const Node* n, EvalContext& context) {
  ContextEntries entries;
  entries.reserve(n->keys.size());
  EntriesScope scope(*context.scope, entries);
  EvalContext inner = context;
  inner.scope = &scope;
  for (size_t i = 0; i < n->keys.size(); ++i) {
    Value v = EvaluateNode(n->children[i], inner);
    entries.emplace_back(n->keys[i], std::move(v));
  }
  return Value::Context(std::move(entries));
}

// DMN 1.5 §10.3.2.3.4 `timezone`: the IANA name of a zoned value, else null.
Value ZoneValue(int zone) { return zone == kNoZone ? Value::Null() : Value::String(std::string(ZoneName(zone))); }

Value TemporalProperty(const Value& base, std::string_view name) {
  auto number = [](int64_t v) { return Value::Int(v); };
  auto offset_value = [](int32_t offset) {
    return offset == kNoOffset ? Value::Null() : Value::MakeDaysTime(MakeDaysTime(offset, 0));
  };
  switch (base.kind()) {
    case ValueKind::kDate:
    case ValueKind::kDateTime: {
      int64_t local =
          base.kind() == ValueKind::kDate ? base.as_date().days * kSecondsPerDay : base.as_date_time().local_seconds;
      int64_t days = local / kSecondsPerDay - ((local % kSecondsPerDay) < 0 ? 1 : 0);
      int64_t secs = local - days * kSecondsPerDay;
      CivilDate c = CivilFromDays(days);
      if (name == "year") return number(c.year);
      if (name == "month") return number(c.month);
      if (name == "day") return number(c.day);
      if (name == "weekday") return number(Weekday(days));
      if (base.kind() == ValueKind::kDate) return Value::Null();
      if (name == "hour") return number(secs / 3600);
      if (name == "minute") return number((secs / 60) % 60);
      if (name == "second") return number(secs % 60);
      if (name == "time offset") return offset_value(base.as_date_time().offset_seconds);
      if (name == "timezone") return ZoneValue(base.as_date_time().zone);
      return Value::Null();
    }
    case ValueKind::kTime: {
      int64_t secs = base.as_time().nanos_of_day / 1'000'000'000;
      if (name == "hour") return number(secs / 3600);
      if (name == "minute") return number((secs / 60) % 60);
      if (name == "second") return number(secs % 60);
      if (name == "time offset") return offset_value(base.as_time().offset_seconds);
      if (name == "timezone") return ZoneValue(base.as_time().zone);
      return Value::Null();
    }
    case ValueKind::kYearsMonthsDuration: {
      int64_t m = base.as_years_months().months;
      if (name == "years") return number(m / 12);
      if (name == "months") return number(m % 12);
      return Value::Null();
    }
    case ValueKind::kDaysTimeDuration: {
      const DaysTime& d = base.as_days_time();
      bool negative = d.seconds < 0;
      int64_t secs = negative ? -(d.seconds + (d.nanos ? 1 : 0)) : d.seconds;
      int64_t sign = negative ? -1 : 1;
      if (name == "days") return number(sign * (secs / kSecondsPerDay));
      if (name == "hours") return number(sign * ((secs / 3600) % 24));
      if (name == "minutes") return number(sign * ((secs / 60) % 60));
      if (name == "seconds") return number(sign * (secs % 60));
      return Value::Null();
    }
    case ValueKind::kRange: {
      const RangeValue& r = base.as_range();
      if (name == "start") return r.start;
      if (name == "end") return r.end;
      if (name == "start included") return Value::Bool(r.start_included);
      if (name == "end included") return Value::Bool(r.end_included);
      return Value::Null();
    }
    default:
      return Value::Null();
  }
}

}  // namespace

Value PathGet(const Value& base, std::string_view name, const Node* at, EvalContext& context) {
  switch (base.kind()) {
    case ValueKind::kNull:
      return base;
    case ValueKind::kContext: {
      if (const Value* v = base.FindEntry(name)) return *v;
      Diagnose(context, at, "no context entry named '" + std::string(name) + "'");
      return Value::Null();
    }
    case ValueKind::kList: {
      std::vector<Value> out;
      out.reserve(base.as_list().size());
      for (const Value& item : base.as_list()) out.push_back(PathGet(item, name, at, context));
      return Bounded(Value::List(std::move(out)), at, context);
    }
    default: {
      Value v = TemporalProperty(base, name);
      if (v.is_null() && base.kind() != ValueKind::kDateTime && base.kind() != ValueKind::kTime) {
        Diagnose(context, at,
                 "a " + std::string(KindName(base.kind())) + " has no property '" + std::string(name) + "'");
      }
      return v;
    }
  }
}

Value EvaluateNode(const Node* n, EvalContext& context) {
  switch (n->kind) {
    case NodeKind::kLiteral:
      return n->value;
    case NodeKind::kName: {
      if (const Value* v = context.scope->Find(n->name)) return *v;
      // A built-in named without a call is a function value (DMN 1.5 §10.3.2.13.1).
      if (IsBuiltinName(n->name)) {
        for (size_t arity = 0; arity <= 4; ++arity) {
          if (const Builtin* b = FindBuiltin(n->name, arity)) return Value::MakeFunction(FunctionValue{n->name, b, nullptr});
        }
      }
      Diagnose(context, n, "no variable named '" + n->name + "'");
      return Value::Null();
    }
    case NodeKind::kInput: {
      if (context.input) return *context.input;
      Diagnose(context, n, "'?' is only defined in unary tests");
      return Value::Null();
    }
    case NodeKind::kPath: {
      Value storage;
      const Value* base = EvaluateRef(n->children[0], context, storage);
      return PathGet(*base, n->name, n, context);
    }
    case NodeKind::kFilter:
      return Filter(n, context);
    case NodeKind::kCall:
      return Bounded(Call(n, context), n, context);
    case NodeKind::kIsDefined:
      return IsDefined(n, context);
    case NodeKind::kNegate: {
      Value storage;
      const Value* a = EvaluateRef(n->children[0], context, storage);
      return WithError(context, n, [&](std::string* e) { return Negate(*a, e); });
    }
    case NodeKind::kArithmetic: {
      Value sa, sb;
      const Value* a = EvaluateRef(n->children[0], context, sa);
      const Value* b = EvaluateRef(n->children[1], context, sb);
      return WithError(context, n, [&](std::string* e) { return Arithmetic(n->op, *a, *b, e); });
    }
    case NodeKind::kComparison: {
      Value sa, sb;
      const Value* a = EvaluateRef(n->children[0], context, sa);
      const Value* b = EvaluateRef(n->children[1], context, sb);
      return WithError(context, n, [&](std::string* e) { return Compare(n->op, *a, *b, e); });
    }
    case NodeKind::kAnd:
      return Logic(n, context, /*is_and=*/true);
    case NodeKind::kOr:
      return Logic(n, context, /*is_and=*/false);
    case NodeKind::kBetween: {
      Value sx, slow, shigh;
      const Value* x = EvaluateRef(n->children[0], context, sx);
      const Value* low = EvaluateRef(n->children[1], context, slow);
      const Value* high = EvaluateRef(n->children[2], context, shigh);
      RangeValue range{*low, *high, true, true};
      if (low->is_null() || high->is_null()) return Value::Null();
      return WithError(context, n, [&](std::string* e) { return RangeContains(range, *x, e); });
    }
    case NodeKind::kIn: {
      Value storage;
      const Value* x = EvaluateRef(n->children[0], context, storage);
      return EvaluateTest(n->children[1], *x, context);
    }
    case NodeKind::kIf: {
      Value storage;
      const Value* condition = EvaluateRef(n->children[0], context, storage);
      return EvaluateNode(n->children[condition->is_true() ? 1 : 2], context);
    }
    case NodeKind::kList: {
      if (n->value.is_list()) return n->value;  // all literals, built by the parser
      std::vector<Value> items;
      items.reserve(n->children.size());
      for (const Node* child : n->children) items.push_back(EvaluateNode(child, context));
      return Bounded(Value::List(std::move(items)), n, context);
    }
    case NodeKind::kContext:
      return Bounded(MakeContext(n, context), n, context);
    case NodeKind::kRange:
      return MakeRange(n, context);
    case NodeKind::kTestAny:
    case NodeKind::kTestCompare:
    case NodeKind::kTestExpr:
    case NodeKind::kTestList:
    case NodeKind::kTestNot:
      if (context.input) return EvaluateTest(n, *context.input, context);
      Diagnose(context, n, "unary tests need an input value");
      return Value::Null();
    case NodeKind::kCallValue: {
      Value callee = EvaluateNode(n->children[0], context);
      std::vector<Value> args;
      args.reserve(n->children.size() - 1);
      for (size_t i = 1; i < n->children.size(); ++i) args.push_back(EvaluateNode(n->children[i], context));
      return Bounded(Invoke(callee, args, n->keys.empty() ? nullptr : &n->keys, n, context), n, context);
    }
    case NodeKind::kFor:
      return Bounded(EvaluateFor(n, context), n, context);
    case NodeKind::kQuantified:
      return EvaluateQuantified(n, context);
    case NodeKind::kFunctionDef:
      return DefineFunction(n, context);
    case NodeKind::kInstanceOf:
      return EvaluateInstanceOf(n, context);
  }
  return Value::Null();
}

namespace {

Value Disjunction(const std::vector<Node*>& tests, const Value& input, EvalContext& context) {
  bool unknown = false;
  for (const Node* test : tests) {
    Value r = EvaluateTest(test, input, context);
    if (r.is_true()) return r;
    if (!r.is_bool()) unknown = true;
  }
  return unknown ? Value::Null() : Value::Bool(false);
}

}  // namespace

// DMN 1.5 unary tests (grammar rules 7-15, Table 55).
Value EvaluateTest(const Node* test, const Value& input, EvalContext& context) {
  switch (test->kind) {
    case NodeKind::kTestAny:
      return Value::Bool(true);
    case NodeKind::kTestCompare: {
      Value storage;
      const Value* operand = EvaluateRef(test->children[0], context, storage);
      return WithError(context, test, [&](std::string* e) { return Compare(test->op, input, *operand, e); });
    }
    case NodeKind::kTestList:
      return Disjunction(test->children, input, context);
    case NodeKind::kTestNot: {
      Value r = Disjunction(test->children, input, context);
      return r.is_bool() ? Value::Bool(!r.as_bool()) : r;
    }
    case NodeKind::kTestExpr:
    default: {
      // The most common decision-table cell, a range with literal endpoints ("[1000..5000]"),
      // is tested without building the range value; anything unusual takes the general path.
      const Node* e0 = test->kind == NodeKind::kTestExpr ? test->children[0] : test;
      if (e0->kind == NodeKind::kRange && e0->op != Op::kNotEqual && e0->children[0] && e0->children[1] &&
          e0->children[0]->kind == NodeKind::kLiteral && e0->children[1]->kind == NodeKind::kLiteral &&
          (input.is_number() || input.is_string())) {
        const std::optional<int> low = Order(input, e0->children[0]->value);
        const std::optional<int> high = low ? Order(input, e0->children[1]->value) : std::nullopt;
        if (low && high) {
          return Value::Bool((e0->start_included ? *low >= 0 : *low > 0) &&
                             (e0->end_included ? *high <= 0 : *high < 0));
        }
      }
      const Value* saved = context.input;
      context.input = &input;
      const Node* e = test->kind == NodeKind::kTestExpr ? test->children[0] : test;
      Value storage;
      const Value* tested = EvaluateRef(e, context, storage);
      context.input = saved;
      if (test->uses_input && tested->is_bool()) return *tested;
      return WithError(context, test, [&](std::string* err) { return MatchesTestValue(input, *tested, err); });
    }
  }
}

}  // namespace ordo::feel
