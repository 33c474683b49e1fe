// DMN 1.5 §10.3.4.4 list functions that edit or reorder a list (insert before, remove,
// list replace, sort) and the statistics over a list of numbers (median, mode, stddev).
#include <algorithm>
#include <functional>
#include <optional>

#include "feel/builtins.h"
#include "feel/ops.h"

namespace ordo::feel {
namespace {

// A 1-based position (negative counts from the end) as a 0-based index below `size`.
std::optional<size_t> Position(const Value& v, size_t size) {
  if (!v.is_number()) return std::nullopt;
  std::optional<int64_t> p = v.as_number().ToInt64();
  const int64_t n = static_cast<int64_t>(size);
  if (!p || *p == 0 || *p > n || *p < -n) return std::nullopt;
  return static_cast<size_t>(*p > 0 ? *p - 1 : n + *p);
}

Value InsertBefore(std::span<const Value> args, CallContext& context) {
  if (!args[0].is_list()) return args[0].is_null() ? Value::Null() : context.Fail("expected a list");
  std::vector<Value> out = args[0].as_list();
  std::optional<size_t> at = Position(args[1], out.size());
  if (!at) return context.Fail("position out of range");
  out.insert(out.begin() + static_cast<std::ptrdiff_t>(*at), args[2]);
  return Value::List(std::move(out));
}

Value Remove(std::span<const Value> args, CallContext& context) {
  if (!args[0].is_list()) return args[0].is_null() ? Value::Null() : context.Fail("expected a list");
  std::vector<Value> out = args[0].as_list();
  std::optional<size_t> at = Position(args[1], out.size());
  if (!at) return context.Fail("position out of range");
  out.erase(out.begin() + static_cast<std::ptrdiff_t>(*at));
  return Value::List(std::move(out));
}

// list replace(list, position, newItem) and list replace(list, match, newItem), where match is
// a function(item, newItem) that returns true for the items to replace.
Value ListReplace(std::span<const Value> args, CallContext& context) {
  if (args[0].is_null()) return Value::Null();
  // A single item where a list is expected is a list of that item (DMN 1.5 §10.3.2.9.4).
  std::vector<Value> out = args[0].is_list() ? args[0].as_list() : std::vector<Value>{args[0]};
  if (args[1].is_function()) {
    for (Value& item : out) {
      const Value pair[] = {item, args[2]};
      Value matched = context.Invoke(args[1], pair);
      if (!matched.is_bool()) return context.Fail("match must return a boolean");
      if (matched.as_bool()) item = args[2];
    }
    return Value::List(std::move(out));
  }
  std::optional<size_t> at = Position(args[1], out.size());
  if (!at) return context.Fail("position out of range");
  out[*at] = args[2];
  return Value::List(std::move(out));
}

// A stable merge sort that stops at the first comparison that fails (std::sort needs a strict
// weak order, which a user's precedes function need not be).
bool MergeSort(std::vector<Value>& items, const std::function<std::optional<bool>(const Value&, const Value&)>& less) {
  for (size_t width = 1; width < items.size(); width *= 2) {
    std::vector<Value> merged;
    merged.reserve(items.size());
    for (size_t lo = 0; lo < items.size(); lo += 2 * width) {
      size_t mid = std::min(lo + width, items.size()), hi = std::min(lo + 2 * width, items.size());
      size_t i = lo, j = mid;
      while (i < mid && j < hi) {
        std::optional<bool> right_first = less(items[j], items[i]);
        if (!right_first) return false;
        merged.push_back(*right_first ? items[j++] : items[i++]);
      }
      merged.insert(merged.end(), items.begin() + static_cast<std::ptrdiff_t>(i), items.begin() + static_cast<std::ptrdiff_t>(mid));
      merged.insert(merged.end(), items.begin() + static_cast<std::ptrdiff_t>(j), items.begin() + static_cast<std::ptrdiff_t>(hi));
    }
    items = std::move(merged);
  }
  return true;
}

// sort(list, precedes?): ascending by default; precedes(a, b) is true when a comes first.
Value Sort(std::span<const Value> args, CallContext& context) {
  if (!args[0].is_list()) return args[0].is_null() ? Value::Null() : context.Fail("expected a list");
  std::vector<Value> items = args[0].as_list();
  bool sorted;
  if (args.size() > 1 && !args[1].is_null()) {
    if (!args[1].is_function()) return context.Fail("precedes must be a function");
    sorted = MergeSort(items, [&](const Value& a, const Value& b) -> std::optional<bool> {
      const Value pair[] = {a, b};
      Value r = context.Invoke(args[1], pair);
      if (!r.is_bool()) return std::nullopt;
      return r.as_bool();
    });
  } else {
    sorted = MergeSort(items, [](const Value& a, const Value& b) -> std::optional<bool> {
      std::optional<int> order = Order(a, b);
      if (!order) return std::nullopt;
      return *order < 0;
    });
  }
  return sorted ? Value::List(std::move(items)) : context.Fail("items are not comparable");
}

// The numbers of a list argument or of the variadic arguments; nullopt when one is not a number.
std::optional<std::vector<Decimal>> Numbers(std::span<const Value> args) {
  std::span<const Value> items = args.size() == 1 && args[0].is_list() ? std::span<const Value>(args[0].as_list()) : args;
  std::vector<Decimal> out;
  for (const Value& item : items) {
    if (!item.is_number()) return std::nullopt;
    out.push_back(item.as_number());
  }
  std::sort(out.begin(), out.end(), [](const Decimal& a, const Decimal& b) { return Compare(a, b) < 0; });
  return out;
}

Value Median(std::span<const Value> args, CallContext& context) {
  std::optional<std::vector<Decimal>> n = Numbers(args);
  if (!n) return context.Fail("items must be numbers");
  if (n->empty()) return Value::Null();
  const size_t mid = n->size() / 2;
  if (n->size() % 2 == 1) return Value::Number((*n)[mid]);
  std::optional<Decimal> sum = Add((*n)[mid - 1], (*n)[mid]);
  std::optional<Decimal> half = sum ? Divide(*sum, Decimal::FromInt(2)) : std::nullopt;
  return half ? Value::Number(*half) : context.Fail("median out of range");
}

Value Mode(std::span<const Value> args, CallContext& context) {
  std::optional<std::vector<Decimal>> n = Numbers(args);
  if (!n) return context.Fail("items must be numbers");
  std::vector<std::pair<Decimal, size_t>> runs;
  for (const Decimal& d : *n) {
    if (!runs.empty() && NumericEquals(runs.back().first, d)) {
      ++runs.back().second;
    } else {
      runs.emplace_back(d, 1);
    }
  }
  size_t most = 0;
  for (const auto& run : runs) most = std::max(most, run.second);
  std::vector<Value> out;
  for (const auto& run : runs) {
    if (run.second == most) out.push_back(Value::Number(run.first));
  }
  return Value::List(std::move(out));
}

// The sample standard deviation: sqrt(sum((x - mean)^2) / (n - 1)).
Value Stddev(std::span<const Value> args, CallContext& context) {
  std::optional<std::vector<Decimal>> n = Numbers(args);
  if (!n) return context.Fail("items must be numbers");
  if (n->size() < 2) return Value::Null();
  Decimal sum;
  for (const Decimal& d : *n) sum = Add(sum, d).value_or(sum);
  std::optional<Decimal> mean = Divide(sum, Decimal::FromInt(static_cast<int64_t>(n->size())));
  if (!mean) return context.Fail("out of range");
  Decimal squares;
  for (const Decimal& d : *n) {
    std::optional<Decimal> diff = Subtract(d, *mean);
    std::optional<Decimal> square = diff ? Multiply(*diff, *diff) : std::nullopt;
    std::optional<Decimal> next = square ? Add(squares, *square) : std::nullopt;
    if (!next) return context.Fail("out of range");
    squares = *next;
  }
  std::optional<Decimal> variance = Divide(squares, Decimal::FromInt(static_cast<int64_t>(n->size() - 1)));
  std::optional<Decimal> root = variance ? SquareRoot(*variance) : std::nullopt;
  return root ? Value::Number(*root) : context.Fail("out of range");
}

}  // namespace

std::span<const Builtin> ListEditBuiltins() {
  static const Builtin kBuiltins[] = {
      {"insert before", {"list", "position", "newItem"}, 3, 3, InsertBefore},
      {"remove", {"list", "position"}, 2, 2, Remove},
      {"list replace", {"list", "position", "newItem"}, 3, 3, ListReplace},
      {"list replace", {"list", "match", "newItem"}, 3, 3, ListReplace},
      {"sort", {"list", "precedes"}, 1, 2, Sort},
      {"median", {"list"}, 1, kVariadic, Median},
      {"mode", {"list"}, 1, kVariadic, Mode},
      {"stddev", {"list"}, 1, kVariadic, Stddev},
  };
  return kBuiltins;
}

}  // namespace ordo::feel
