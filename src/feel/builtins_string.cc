// DMN 1.5 §10.3.4.3 string functions. Lengths and positions count Unicode code points; case
// mapping covers ASCII only for now.
#include <algorithm>

#include "feel/builtins.h"

namespace ordo::feel {
namespace {

bool Strings(std::span<const Value> args, size_t n, CallContext& context, Value& failure) {
  for (size_t i = 0; i < n; ++i) {
    if (args[i].is_null()) return false;
    if (!args[i].is_string()) {
      failure = context.Fail("expected a string, got a " + std::string(KindName(args[i].kind())));
      return false;
    }
  }
  return true;
}

#define REQUIRE_STRINGS(n)                                     \
  do {                                                         \
    Value failure;                                             \
    if (!Strings(args, (n), context, failure)) return failure; \
  } while (0)

Value StringLength(std::span<const Value> args, CallContext& context) {
  REQUIRE_STRINGS(1);
  return Value::Int(static_cast<int64_t>(CodePointCount(args[0].as_string())));
}

// substring(string, start position, length?): 1-based, a negative start counts from the end.
Value Substring(std::span<const Value> args, CallContext& context) {
  REQUIRE_STRINGS(1);
  if (args[1].is_null()) return Value::Null();
  if (!args[1].is_number() || (args.size() > 2 && !args[2].is_null() && !args[2].is_number())) {
    return context.Fail("start position and length must be numbers");
  }
  const std::string& s = args[0].as_string();
  const int64_t size = static_cast<int64_t>(CodePointCount(s));
  std::optional<int64_t> start = args[1].as_number().ToInt64();
  if (!start || *start == 0) return context.Fail("start position must be a non-zero integer");
  int64_t first = *start > 0 ? *start - 1 : size + *start;
  if (first < 0) first = 0;
  if (first > size) first = size;
  int64_t count = size - first;
  if (args.size() > 2 && args[2].is_number()) {
    std::optional<int64_t> length = args[2].as_number().ToInt64();
    if (!length || *length < 0) return context.Fail("length must be a non-negative integer");
    count = std::min(count, *length);
  }
  size_t from = CodePointOffset(s, static_cast<size_t>(first));
  size_t to = CodePointOffset(s, static_cast<size_t>(first + count));
  return Value::String(s.substr(from, to - from));
}

template <bool kUpper>
Value ChangeCase(std::span<const Value> args, CallContext& context) {
  REQUIRE_STRINGS(1);
  std::string s = args[0].as_string();
  for (char& c : s) {
    if (kUpper && c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (!kUpper && c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return Value::String(std::move(s));
}

Value Contains(std::span<const Value> args, CallContext& context) {
  REQUIRE_STRINGS(2);
  return Value::Bool(args[0].as_string().find(args[1].as_string()) != std::string::npos);
}

Value StartsWith(std::span<const Value> args, CallContext& context) {
  REQUIRE_STRINGS(2);
  return Value::Bool(std::string_view(args[0].as_string()).starts_with(args[1].as_string()));
}

Value EndsWith(std::span<const Value> args, CallContext& context) {
  REQUIRE_STRINGS(2);
  return Value::Bool(std::string_view(args[0].as_string()).ends_with(args[1].as_string()));
}

Value SubstringBefore(std::span<const Value> args, CallContext& context) {
  REQUIRE_STRINGS(2);
  size_t at = args[0].as_string().find(args[1].as_string());
  return Value::String(at == std::string::npos ? "" : args[0].as_string().substr(0, at));
}

Value SubstringAfter(std::span<const Value> args, CallContext& context) {
  REQUIRE_STRINGS(2);
  const std::string& s = args[0].as_string();
  size_t at = s.find(args[1].as_string());
  return Value::String(at == std::string::npos ? "" : s.substr(at + args[1].as_string().size()));
}

// string join(list, delimiter?): nulls in the list are skipped.
Value StringJoin(std::span<const Value> args, CallContext& context) {
  // A single string is a list of that string (DMN 1.5 §10.3.2.9.4).
  if (args[0].is_string()) return args[0];
  if (!args[0].is_list()) return args[0].is_null() ? Value::Null() : context.Fail("expected a list");
  std::string delimiter;
  if (args.size() > 1 && !args[1].is_null()) {
    if (!args[1].is_string()) return context.Fail("delimiter must be a string");
    delimiter = args[1].as_string();
  }
  std::string out;
  bool first = true;
  for (const Value& item : args[0].as_list()) {
    if (item.is_null()) continue;
    if (!item.is_string()) return context.Fail("list items must be strings");
    if (!first) out += delimiter;
    first = false;
    out += item.as_string();
    if (out.size() > kMaxStringBytes) return context.Fail("string too long");
  }
  return Value::String(std::move(out));
}

}  // namespace

std::span<const Builtin> StringBuiltins() {
  static const Builtin kBuiltins[] = {
      {"string length", {"string"}, 1, 1, StringLength},
      {"substring", {"string", "start position", "length"}, 2, 3, Substring},
      {"upper case", {"string"}, 1, 1, ChangeCase<true>},
      {"lower case", {"string"}, 1, 1, ChangeCase<false>},
      {"contains", {"string", "match"}, 2, 2, Contains},
      {"starts with", {"string", "match"}, 2, 2, StartsWith},
      {"ends with", {"string", "match"}, 2, 2, EndsWith},
      {"substring before", {"string", "match"}, 2, 2, SubstringBefore},
      {"substring after", {"string", "match"}, 2, 2, SubstringAfter},
      {"string join", {"list", "delimiter"}, 1, 2, StringJoin},
  };
  return kBuiltins;
}

}  // namespace ordo::feel
