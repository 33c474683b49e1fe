// DMN 1.5 §10.3.4.4 list functions. Functions documented as taking "list" or "c1, ..., cN"
// (min, max, sum, mean, all, any, ...) accept both forms.
#include <algorithm>

#include "feel/builtins.h"
#include "feel/ops.h"

namespace ordo::feel {
namespace {

// The items of a list argument, or the variadic arguments themselves: f([1, 2]) and f(1, 2).
std::span<const Value> Items(std::span<const Value> args) {
  if (args.size() == 1 && args[0].is_list()) return args[0].as_list();
  return args;
}

bool RequireList(const Value& v, CallContext& context, Value& failure) {
  if (v.is_list()) return true;
  failure = v.is_null() ? Value::Null() : context.Fail("expected a list, got a " + std::string(KindName(v.kind())));
  return false;
}

#define REQUIRE_LIST(v)                                      \
  do {                                                       \
    Value failure;                                           \
    if (!RequireList((v), context, failure)) return failure; \
  } while (0)

Value ListContains(std::span<const Value> args, CallContext& context) {
  REQUIRE_LIST(args[0]);
  for (const Value& item : args[0].as_list()) {
    if (item == args[1]) return Value::Bool(true);
  }
  return Value::Bool(false);
}

Value Count(std::span<const Value> args, CallContext& context) {
  REQUIRE_LIST(args[0]);
  return Value::Int(static_cast<int64_t>(args[0].as_list().size()));
}

template <bool kMax>
Value Extreme(std::span<const Value> args, CallContext& context) {
  std::span<const Value> items = Items(args);
  if (items.empty()) return Value::Null();
  const Value* best = &items[0];
  for (const Value& item : items.subspan(1)) {
    std::optional<int> order = Order(item, *best);
    if (!order) return context.Fail("items are not comparable");
    if (kMax ? *order > 0 : *order < 0) best = &item;
  }
  if (items.size() == 1 && !Order(*best, *best)) return context.Fail("items are not comparable");
  return *best;
}

std::optional<Decimal> SumOf(std::span<const Value> items, CallContext& context, Value& failure) {
  Decimal total;
  for (const Value& item : items) {
    if (!item.is_number()) {
      failure = context.Fail("items must be numbers");
      return std::nullopt;
    }
    std::optional<Decimal> next = Add(total, item.as_number());
    if (!next) {
      failure = context.Fail("sum out of range");
      return std::nullopt;
    }
    total = *next;
  }
  return total;
}

Value Sum(std::span<const Value> args, CallContext& context) {
  std::span<const Value> items = Items(args);
  if (items.empty()) return Value::Null();
  Value failure;
  std::optional<Decimal> total = SumOf(items, context, failure);
  return total ? Value::Number(*total) : failure;
}

Value Mean(std::span<const Value> args, CallContext& context) {
  std::span<const Value> items = Items(args);
  if (items.empty()) return Value::Null();
  Value failure;
  std::optional<Decimal> total = SumOf(items, context, failure);
  if (!total) return failure;
  std::optional<Decimal> mean = Divide(*total, Decimal::FromInt(static_cast<int64_t>(items.size())));
  return mean ? Value::Number(*mean) : context.Fail("mean out of range");
}

Value Product(std::span<const Value> args, CallContext& context) {
  std::span<const Value> items = Items(args);
  if (items.empty()) return Value::Null();
  Decimal total = Decimal::FromInt(1);
  for (const Value& item : items) {
    if (!item.is_number()) return context.Fail("items must be numbers");
    std::optional<Decimal> next = Multiply(total, item.as_number());
    if (!next) return context.Fail("product out of range");
    total = *next;
  }
  return Value::Number(total);
}

// all(): false if any item is false, true if all are true, else null. any() is its dual.
template <bool kAll>
Value AllAny(std::span<const Value> args, CallContext& context) {
  bool unknown = false;
  for (const Value& item : Items(args)) {
    if (item.is_bool() && item.as_bool() != kAll) return item;
    if (!item.is_bool()) unknown = true;
  }
  return unknown ? Value::Null() : Value::Bool(kAll);
}

Value Append(std::span<const Value> args, CallContext& context) {
  REQUIRE_LIST(args[0]);
  if (args[0].as_list().size() + args.size() > kMaxListItems) return context.Fail("list too long");
  std::vector<Value> out = args[0].as_list();
  out.insert(out.end(), args.begin() + 1, args.end());
  return Value::List(std::move(out));
}

Value Concatenate(std::span<const Value> args, CallContext& context) {
  std::vector<Value> out;
  for (const Value& list : args) {
    REQUIRE_LIST(list);
    if (out.size() + list.as_list().size() > kMaxListItems) return context.Fail("list too long");
    out.insert(out.end(), list.as_list().begin(), list.as_list().end());
  }
  return Value::List(std::move(out));
}

Value Reverse(std::span<const Value> args, CallContext& context) {
  REQUIRE_LIST(args[0]);
  std::vector<Value> out(args[0].as_list().rbegin(), args[0].as_list().rend());
  return Value::List(std::move(out));
}

Value IndexOf(std::span<const Value> args, CallContext& context) {
  REQUIRE_LIST(args[0]);
  std::vector<Value> out;
  const auto& list = args[0].as_list();
  for (size_t i = 0; i < list.size(); ++i) {
    if (list[i] == args[1]) out.push_back(Value::Int(static_cast<int64_t>(i + 1)));
  }
  return Value::List(std::move(out));
}

Value DistinctValues(std::span<const Value> args, CallContext& context) {
  REQUIRE_LIST(args[0]);
  std::vector<Value> out;
  for (const Value& item : args[0].as_list()) {
    if (std::find(out.begin(), out.end(), item) == out.end()) out.push_back(item);
  }
  return Value::List(std::move(out));
}

Value Union(std::span<const Value> args, CallContext& context) {
  std::vector<Value> out;
  for (const Value& list : args) {
    REQUIRE_LIST(list);
    for (const Value& item : list.as_list()) {
      if (std::find(out.begin(), out.end(), item) == out.end()) out.push_back(item);
    }
  }
  return Value::List(std::move(out));
}

// False when the result would exceed kMaxListItems (nested lists may share items many times).
bool FlattenInto(const Value& v, std::vector<Value>& out, int depth) {
  if (v.is_list() && depth < 1000) {
    for (const Value& item : v.as_list()) {
      if (!FlattenInto(item, out, depth + 1)) return false;
    }
    return true;
  }
  out.push_back(v);
  return out.size() <= kMaxListItems;
}

Value Flatten(std::span<const Value> args, CallContext& context) {
  REQUIRE_LIST(args[0]);
  std::vector<Value> out;
  if (!FlattenInto(args[0], out, 0)) return context.Fail("list too long");
  return Value::List(std::move(out));
}

// sublist(list, start position, length?): positions as in substring().
Value Sublist(std::span<const Value> args, CallContext& context) {
  REQUIRE_LIST(args[0]);
  if (!args[1].is_number()) return context.Fail("start position must be a number");
  const auto& list = args[0].as_list();
  const int64_t size = static_cast<int64_t>(list.size());
  std::optional<int64_t> start = args[1].as_number().ToInt64();
  if (!start || *start == 0 || *start > size || *start < -size) return context.Fail("start position out of range");
  int64_t first = *start > 0 ? *start - 1 : size + *start;
  int64_t count = size - first;
  if (args.size() > 2 && !args[2].is_null()) {
    std::optional<int64_t> length = args[2].is_number() ? args[2].as_number().ToInt64() : std::nullopt;
    if (!length || *length < 0) return context.Fail("length must be a non-negative integer");
    count = std::min(count, *length);
  }
  return Value::List(std::vector<Value>(list.begin() + first, list.begin() + first + count));
}

}  // namespace

std::span<const Builtin> ListBuiltins() {
  static const Builtin kBuiltins[] = {
      {"list contains", {"list", "element"}, 2, 2, ListContains},
      {"count", {"list"}, 1, 1, Count},
      {"min", {"list"}, 1, kVariadic, Extreme<false>},
      {"max", {"list"}, 1, kVariadic, Extreme<true>},
      {"sum", {"list"}, 1, kVariadic, Sum},
      {"mean", {"list"}, 1, kVariadic, Mean},
      {"product", {"list"}, 1, kVariadic, Product},
      {"all", {"list"}, 1, kVariadic, AllAny<true>},
      {"any", {"list"}, 1, kVariadic, AllAny<false>},
      {"append", {"list", "item"}, 1, kVariadic, Append},
      {"concatenate", {"list"}, 0, kVariadic, Concatenate},
      {"reverse", {"list"}, 1, 1, Reverse},
      {"index of", {"list", "match"}, 2, 2, IndexOf},
      {"distinct values", {"list"}, 1, 1, DistinctValues},
      {"union", {"list"}, 0, kVariadic, Union},
      {"flatten", {"list"}, 1, 1, Flatten},
      {"sublist", {"list", "start position", "length"}, 2, 3, Sublist},
  };
  return kBuiltins;
}

}  // namespace ordo::feel
