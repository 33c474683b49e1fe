#include "feel/builtins.h"

#include <algorithm>

#include "feel/evaluator.h"

namespace ordo::feel {
namespace {

const std::vector<const Builtin*>& Registry() {
  static const std::vector<const Builtin*> registry = [] {
    std::vector<const Builtin*> all;
    for (auto family : {ConversionBuiltins(), StringBuiltins(), RegexBuiltins(), ListBuiltins(), ListEditBuiltins(),
                        NumericBuiltins(), TemporalBuiltins(), ContextBuiltins(), RangeBuiltins()}) {
      for (const Builtin& b : family) all.push_back(&b);
    }
    return all;
  }();
  return registry;
}

bool Accepts(const Builtin& b, size_t count) {
  const int n = static_cast<int>(count);
  return n >= b.min_args && (b.max_args == kVariadic || n <= b.max_args);
}

}  // namespace

Value CallContext::Fail(std::string_view message) {
  if (diagnostics_) {
    diagnostics_->push_back(Diagnostic{std::string(function_) + ": " + std::string(message), line_, column_});
  }
  return Value::Null();
}

const Clock* CallContext::clock() const {
  return evaluation_ && evaluation_->scope ? evaluation_->scope->clock() : nullptr;
}

Value CallContext::Invoke(const Value& function, std::span<const Value> args) {
  if (!evaluation_) return Fail("cannot call a function here");
  return ordo::feel::Invoke(function, args, nullptr, nullptr, *evaluation_);
}

const Builtin* FindBuiltin(std::string_view name, size_t count) {
  for (const Builtin* b : Registry()) {
    if (b->name == name && Accepts(*b, count)) return b;
  }
  return nullptr;
}

const Builtin* FindBuiltinByParameters(std::string_view name, const std::vector<std::string>& argument_names) {
  for (const Builtin* b : Registry()) {
    if (b->name != name) continue;
    bool all = std::all_of(argument_names.begin(), argument_names.end(), [&](const std::string& a) {
      return std::find(b->parameters.begin(), b->parameters.end(), a) != b->parameters.end();
    });
    if (all) return b;
  }
  return nullptr;
}

bool IsBuiltinName(std::string_view name) {
  return std::any_of(Registry().begin(), Registry().end(), [&](const Builtin* b) { return b->name == name; });
}

bool IsBuiltinNamePrefix(std::string_view prefix) {
  return std::any_of(Registry().begin(), Registry().end(), [&](const Builtin* b) {
    return b->name.size() > prefix.size() && b->name.substr(0, prefix.size()) == prefix &&
           b->name[prefix.size()] == ' ';
  });
}

size_t CodePointCount(std::string_view s) {
  size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

size_t CodePointOffset(std::string_view s, size_t index) {
  size_t seen = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) {
      if (seen == index) return i;
      ++seen;
    }
  }
  return s.size();
}

}  // namespace ordo::feel
