// DMN 1.5 §10.3.4.8 context functions: get value, get entries, context, context put, context merge.
#include <algorithm>

#include "feel/builtins.h"

namespace ordo::feel {
namespace {

bool RequireContext(const Value& v, CallContext& context, Value& failure) {
  if (v.is_context()) return true;
  failure = v.is_null() ? Value::Null() : context.Fail("expected a context, got a " + std::string(KindName(v.kind())));
  return false;
}

#define REQUIRE_CONTEXT(v)                                      \
  do {                                                          \
    Value failure;                                              \
    if (!RequireContext((v), context, failure)) return failure; \
  } while (0)

// A single item where a list is expected is a list of that item (DMN 1.5 §10.3.2.9.4).
std::span<const Value> AsList(const Value& v) { return v.is_list() ? std::span<const Value>(v.as_list()) : std::span<const Value>(&v, 1); }

// get value(m, key): the value of the entry named key, null when there is none.
Value GetValue(std::span<const Value> args, CallContext& context) {
  REQUIRE_CONTEXT(args[0]);
  if (!args[1].is_string()) return args[1].is_null() ? Value::Null() : context.Fail("key must be a string");
  const Value* entry = args[0].FindEntry(args[1].as_string());
  return entry ? *entry : Value::Null();
}

// get entries(m): the entries as a list of contexts {key, value}, in order.
Value GetEntries(std::span<const Value> args, CallContext& context) {
  REQUIRE_CONTEXT(args[0]);
  std::vector<Value> out;
  for (const auto& [key, value] : args[0].as_context()) {
    out.push_back(Value::Context({{"key", Value::String(key)}, {"value", value}}));
  }
  return Value::List(std::move(out));
}

ContextEntries Put(const ContextEntries& entries, const std::string& key, Value value) {
  ContextEntries out = entries;
  auto it = std::find_if(out.begin(), out.end(), [&](const auto& e) { return e.first == key; });
  if (it != out.end()) {
    it->second = std::move(value);
  } else {
    out.emplace_back(key, std::move(value));
  }
  return out;
}

// Puts `value` at the path keys[index..]; intermediate entries that are not contexts are replaced.
std::optional<Value> PutPath(const Value& target, std::span<const Value> keys, const Value& value) {
  if (!keys[0].is_string()) return std::nullopt;
  const std::string& key = keys[0].as_string();
  if (keys.size() == 1) return Value::Context(Put(target.as_context(), key, value));
  const Value* inner = target.FindEntry(key);
  if (!inner || !inner->is_context()) return std::nullopt;
  std::optional<Value> updated = PutPath(*inner, keys.subspan(1), value);
  if (!updated) return std::nullopt;
  return Value::Context(Put(target.as_context(), key, std::move(*updated)));
}

// context put(context, key, value) and context put(context, keys, value): a copy with the entry
// added or replaced; with a list of keys, the nested entry at that path.
Value ContextPut(std::span<const Value> args, CallContext& context) {
  REQUIRE_CONTEXT(args[0]);
  if (args[1].is_string()) return Value::Context(Put(args[0].as_context(), args[1].as_string(), args[2]));
  if (args[1].is_list() && !args[1].as_list().empty()) {
    std::optional<Value> out = PutPath(args[0], args[1].as_list(), args[2]);
    return out ? *out : context.Fail("keys must be strings naming nested contexts");
  }
  return args[1].is_null() ? Value::Null() : context.Fail("key must be a string or a non-empty list of strings");
}

Value ContextPutKey(std::span<const Value> args, CallContext& context) {
  if (!args[1].is_string() && !args[1].is_null()) return context.Fail("key must be a string");
  return ContextPut(args, context);
}

// context merge(contexts): later entries replace earlier ones with the same key.
Value ContextMerge(std::span<const Value> args, CallContext& context) {
  if (args[0].is_null()) return Value::Null();
  ContextEntries out;
  for (const Value& item : AsList(args[0])) {
    REQUIRE_CONTEXT(item);
    for (const auto& [key, value] : item.as_context()) out = Put(out, key, value);
  }
  return Value::Context(std::move(out));
}

// context(entries): a context from a list of {key, value} contexts; a repeated key is an error.
Value ContextOf(std::span<const Value> args, CallContext& context) {
  if (args[0].is_null()) return Value::Null();
  ContextEntries out;
  for (const Value& item : AsList(args[0])) {
    REQUIRE_CONTEXT(item);
    const Value* key = item.FindEntry("key");
    const Value* value = item.FindEntry("value");
    if (!key || !key->is_string() || !value) return context.Fail("each entry needs a string key and a value");
    if (std::any_of(out.begin(), out.end(), [&](const auto& e) { return e.first == key->as_string(); })) {
      return context.Fail("duplicate key \"" + key->as_string() + "\"");
    }
    out.emplace_back(key->as_string(), *value);
  }
  return Value::Context(std::move(out));
}

}  // namespace

std::span<const Builtin> ContextBuiltins() {
  static const Builtin kBuiltins[] = {
      {"get value", {"m", "key"}, 2, 2, GetValue},
      {"get entries", {"m"}, 1, 1, GetEntries},
      {"context", {"entries"}, 1, 1, ContextOf},
      // Positional calls take the first overload, which accepts a key or a list of keys; named
      // calls with `key` take the second, which wants a string.
      {"context put", {"context", "keys", "value"}, 3, 3, ContextPut},
      {"context put", {"context", "key", "value"}, 3, 3, ContextPutKey},
      {"context merge", {"contexts"}, 1, 1, ContextMerge},
  };
  return kBuiltins;
}

}  // namespace ordo::feel
