#include "dmn/boxed.h"

#include "dmn/decision_table.h"
#include "feel/java_functions.h"

namespace ordo::dmn {

using feel::Value;

const Value* ChainScope::Find(std::string_view name) const {
  const feel::VariableScope* fallback = nullptr;
  for (const ChainScope* s = this; s; s = s->parent_.get()) {
    for (auto it = s->entries_.rbegin(); it != s->entries_.rend(); ++it) {
      if (it->first == name) return &it->second;
    }
    if (!fallback) fallback = s->fallback_;
  }
  return fallback ? fallback->Find(name) : nullptr;
}

void EvalState::Report(std::string message, int line) const {
  if (diagnostics) diagnostics->push_back(feel::Diagnostic{std::move(message), line, 0});
}

namespace {

// Every name visible from `scope`, copied into one scope without a parent (values are shared).
ScopePtr Flatten(const ScopePtr& scope) {
  std::vector<const ChainScope*> chain;
  for (const ChainScope* s = scope.get(); s; s = s->parent().get()) chain.push_back(s);
  auto flat = std::make_shared<ChainScope>();
  for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
    for (const auto& [name, value] : (*it)->entries()) flat->Add(name, value);
  }
  return flat;
}

// A function whose body is a boxed expression (DMN 1.5 §10.2.1.3).
//
// Its defining scope is often still being filled (a boxed context adds the function itself and
// later entries to it), and that scope ends up holding the function. Owning it would form a
// cycle of shared pointers, so the function owns a copy of what was visible when it was defined
// and only watches the live scope: while the live scope exists the body sees it whole (later
// entries included); afterwards it sees the copy plus its own name, so recursion still works.
class BoxedFunction final : public feel::Callable, public std::enable_shared_from_this<BoxedFunction> {
 public:
  BoxedFunction(std::string name, std::shared_ptr<const CompiledBoxed> definition, const ScopePtr& live,
                const TypeSystem* types)
      : name_(std::move(name)), definition_(std::move(definition)), live_(live), defined_(Flatten(live)),
        types_(types) {}
  const std::vector<std::string>& parameters() const override { return definition_->names; }
  Value Call(std::span<const Value> args, const feel::VariableScope* caller,
             std::vector<feel::Diagnostic>* diagnostics) const override {
    (void)caller;
    ScopePtr closure = live_.lock();
    if (!closure) {
      closure = std::make_shared<ChainScope>(defined_);
      feel::FunctionValue self;
      self.name = name_;
      self.callable = shared_from_this();
      closure->Add(name_, Value::MakeFunction(std::move(self)));
    }
    auto scope = std::make_shared<ChainScope>(closure);
    EvalState state{diagnostics, types_};
    for (size_t i = 0; i < definition_->names.size() && i < args.size(); ++i) {
      std::string error;
      Value v = types_ ? types_->Coerce(args[i], definition_->name_types[i], &error) : args[i];
      if (!error.empty()) {
        // DMN 1.5 §10.3.2.9.4: an argument that does not conform to its parameter's type makes
        // the invocation null.
        state.Report("parameter '" + definition_->names[i] + "': " + error, definition_->line);
        return Value::Null();
      }
      scope->Add(definition_->names[i], std::move(v));
    }
    if (definition_->children.empty() || !definition_->children[0]) return Value::Null();
    Value result = EvaluateBoxed(*definition_->children[0], scope, state);
    if (types_ && definition_->type.known) {
      std::string error;
      result = types_->Coerce(result, definition_->type, &error);
      if (!error.empty()) state.Report(error, definition_->line);
    }
    return result;
  }

 private:
  std::string name_;
  std::shared_ptr<const CompiledBoxed> definition_;
  std::weak_ptr<ChainScope> live_;  // the defining scope; not owned (see above)
  ScopePtr defined_;                // what was visible at definition, without a parent
  const TypeSystem* types_;         // owned by the model, which outlives evaluations
};

Value EvaluateChild(const CompiledBoxed& boxed, size_t i, const ScopePtr& scope, const EvalState& state) {
  if (i >= boxed.children.size() || !boxed.children[i]) return Value::Null();
  return EvaluateBoxed(*boxed.children[i], scope, state);
}

// DMN 1.5 §10.2.1.5 iterators (for, some, every), over a list or an integer range.
Value Iterate(const CompiledBoxed& boxed, const ScopePtr& scope, const EvalState& state) {
  Value domain = EvaluateChild(boxed, 0, scope, state);
  std::vector<Value> items;
  if (domain.is_list()) {
    items = domain.as_list();
  } else if (!domain.is_null()) {
    items.push_back(domain);
  }
  std::vector<Value> results;
  for (const Value& item : items) {
    auto inner = std::make_shared<ChainScope>(scope);
    inner->Add(boxed.names.empty() ? "item" : boxed.names[0], item);
    if (boxed.kind == BoxedKind::kFor) inner->Add("partial", Value::List(results));
    Value v = EvaluateChild(boxed, 1, inner, state);
    if (boxed.kind != BoxedKind::kFor && !v.is_bool() && !v.is_null()) {
      // DMN 1.5 §10.2.1.5: `satisfies` must give booleans; any other value makes the result null.
      state.Report("satisfies gave a " + std::string(feel::KindName(v.kind())) + ", not a boolean", boxed.line);
      return Value::Null();
    }
    if (boxed.kind == BoxedKind::kSome && v.is_true()) return Value::Bool(true);
    if (boxed.kind == BoxedKind::kEvery && !v.is_true()) return Value::Bool(false);
    results.push_back(std::move(v));
  }
  if (boxed.kind == BoxedKind::kSome) return Value::Bool(false);
  if (boxed.kind == BoxedKind::kEvery) return Value::Bool(true);
  return Value::List(std::move(results));
}

}  // namespace

Value MakeBoxedFunction(std::string name, std::shared_ptr<const CompiledBoxed> definition, ScopePtr closure,
                        const TypeSystem* types) {
  feel::FunctionValue f;
  f.name = std::move(name);
  f.callable = std::make_shared<BoxedFunction>(f.name, std::move(definition), closure, types);
  return Value::MakeFunction(std::move(f));
}

std::shared_ptr<const CompiledBoxed> CompileBoxed(const Boxed& doc, const TypeSystem& types,
                                                  const std::vector<std::string>& names) {
  auto out = std::make_shared<CompiledBoxed>();
  out->kind = doc.kind;
  out->line = doc.line;
  out->names = doc.names;
  out->type = types.Resolve(doc.type_ref);
  // Parameters, context entries and iteration variables are in scope for the children.
  std::vector<std::string> inner_names = names;
  if (doc.kind == BoxedKind::kContext || doc.kind == BoxedKind::kFunctionDefinition || doc.kind == BoxedKind::kFor ||
      doc.kind == BoxedKind::kSome || doc.kind == BoxedKind::kEvery) {
    for (const std::string& n : doc.names) {
      if (!n.empty()) inner_names.push_back(n);
    }
  }
  const feel::CompileOptions options = types.CompileOptionsFor(names);
  auto compile = [&](const std::string& text) {
    Result<feel::Expression> e = feel::Expression::Compile(text, options);
    if (e.ok()) {
      out->expression = *e;
    } else {
      out->error = e.status();
    }
  };
  switch (doc.kind) {
    case BoxedKind::kLiteral:
      if (doc.text.find_first_not_of(" \t\r\n") == std::string::npos) break;  // empty: null
      compile(doc.text);
      break;
    case BoxedKind::kInvocation:
      compile(doc.text);
      break;
    case BoxedKind::kDecisionTable: {
      Result<std::shared_ptr<const CompiledTable>> t = CompileTable(*doc.table, types, names);
      if (t.ok()) {
        out->table = *t;
      } else {
        out->error = t.status();
      }
      break;
    }
    case BoxedKind::kFunctionDefinition:
      if (doc.text == "Java") {
        out->java = true;  // feel/java_functions.h
      } else if (!doc.text.empty() && doc.text != "FEEL") {
        out->error = Unimplemented("function definitions of kind " + doc.text + " are not supported");
      }
      for (const std::string& t : doc.parameter_types) out->name_types.push_back(types.Resolve(t));
      break;
    case BoxedKind::kContext:
      for (const std::string& t : doc.parameter_types) out->name_types.push_back(types.Resolve(t));
      break;
    default:
      break;
  }
  for (const Boxed& child : doc.children) out->children.push_back(CompileBoxed(child, types, inner_names));
  return out;
}

Value EvaluateBoxed(const CompiledBoxed& boxed, const ScopePtr& scope, const EvalState& state) {
  if (!boxed.error.ok()) {
    state.Report(boxed.error.message(), boxed.line);
    return Value::Null();
  }
  switch (boxed.kind) {
    case BoxedKind::kNone:
      return Value::Null();
    case BoxedKind::kLiteral: {
      Value v = boxed.expression.Evaluate(*scope, state.diagnostics);
      if (state.types && boxed.type.known) {
        std::string error;
        v = state.types->Coerce(v, boxed.type, &error);
        if (!error.empty()) state.Report(error, boxed.line);
      }
      return v;
    }
    case BoxedKind::kDecisionTable:
      return EvaluateTable(*boxed.table, *scope, state);
    case BoxedKind::kContext: {
      // §10.2.1.4: entries see the ones before them; an unnamed last entry is the result.
      auto inner = std::make_shared<ChainScope>(scope);
      feel::ContextEntries entries;
      for (size_t i = 0; i < boxed.children.size(); ++i) {
        Value v;
        if (boxed.children[i]->kind == BoxedKind::kFunctionDefinition && boxed.children[i]->error.ok() &&
            !boxed.children[i]->java) {
          v = MakeBoxedFunction(boxed.names[i], boxed.children[i], inner, state.types);
        } else {
          v = EvaluateBoxed(*boxed.children[i], inner, state);
        }
        if (state.types && i < boxed.name_types.size() && boxed.name_types[i].known) {
          std::string error;
          v = state.types->Coerce(v, boxed.name_types[i], &error);
          if (!error.empty()) state.Report("context entry '" + boxed.names[i] + "': " + error, boxed.line);
        }
        if (boxed.names[i].empty()) return v;
        inner->Add(boxed.names[i], v);
        entries.emplace_back(boxed.names[i], std::move(v));
      }
      return Value::Context(std::move(entries));
    }
    case BoxedKind::kInvocation: {
      // §10.2.1.6: bindings are named arguments of the invoked function.
      Value function = boxed.expression.Evaluate(*scope, state.diagnostics);
      if (!function.is_function()) {
        state.Report("invocation of '" + boxed.expression.source() + "', which is not a function", boxed.line);
        return Value::Null();
      }
      const feel::FunctionValue& f = function.as_function();
      std::vector<Value> args;
      if (f.callable) {
        const std::vector<std::string>& params = f.callable->parameters();
        args.resize(params.size());
        for (size_t i = 0; i < boxed.names.size(); ++i) {
          size_t slot = 0;
          while (slot < params.size() && params[slot] != boxed.names[i]) ++slot;
          if (slot == params.size()) {
            state.Report("no parameter '" + boxed.names[i] + "' in " + f.name, boxed.line);
            return Value::Null();
          }
          args[slot] = EvaluateChild(boxed, i, scope, state);
        }
        return f.callable->Call(args, scope.get(), state.diagnostics);
      }
      // A built-in: bind by its parameter names through a FEEL call.
      auto inner = std::make_shared<ChainScope>(scope);
      std::string call = "f(";
      for (size_t i = 0; i < boxed.names.size(); ++i) {
        inner->Add("arg " + std::to_string(i), EvaluateChild(boxed, i, scope, state));
        call += (i ? ", " : "") + boxed.names[i] + ": `arg " + std::to_string(i) + "`";
      }
      inner->Add("f", function);
      Result<feel::Expression> e = feel::Expression::Compile(call + ")");
      return e.ok() ? e->Evaluate(*inner, state.diagnostics) : Value::Null();
    }
    case BoxedKind::kRelation: {
      // §10.2.1.8: a list of contexts, one per row.
      std::vector<Value> rows;
      const size_t columns = boxed.names.size();
      for (size_t r = 0; columns && r < boxed.children.size() / columns; ++r) {
        feel::ContextEntries row;
        for (size_t c = 0; c < columns; ++c) row.emplace_back(boxed.names[c], EvaluateChild(boxed, r * columns + c, scope, state));
        rows.push_back(Value::Context(std::move(row)));
      }
      return Value::List(std::move(rows));
    }
    case BoxedKind::kList: {
      std::vector<Value> items;
      for (size_t i = 0; i < boxed.children.size(); ++i) items.push_back(EvaluateChild(boxed, i, scope, state));
      return Value::List(std::move(items));
    }
    case BoxedKind::kFunctionDefinition: {
      if (!boxed.java) return MakeBoxedFunction("anonymous", std::make_shared<CompiledBoxed>(boxed), scope, state.types);
      // DMN 1.5 §10.3.2.13.3: the body of a Java function definition is the mapping context.
      Value mapping = boxed.children.empty() ? Value::Null() : EvaluateBoxed(*boxed.children[0], scope, state);
      Result<Value> f = feel::MakeExternalFunction(mapping, boxed.names);
      if (!f.ok()) {
        state.Report(f.status().message(), boxed.line);
        return Value::Null();
      }
      return *f;
    }
    case BoxedKind::kConditional: {
      // DMN 1.5 §10.2.1.7: a condition that is neither boolean nor null makes the result null.
      Value condition = EvaluateChild(boxed, 0, scope, state);
      if (!condition.is_bool() && !condition.is_null()) {
        state.Report("the condition is a " + std::string(feel::KindName(condition.kind())) + ", not a boolean",
                     boxed.line);
        return Value::Null();
      }
      return EvaluateChild(boxed, condition.is_true() ? 1 : 2, scope, state);
    }
    case BoxedKind::kFilter: {
      Value in = EvaluateChild(boxed, 0, scope, state);
      if (in.is_null()) return in;
      std::vector<Value> items = in.is_list() ? in.as_list() : std::vector<Value>{in};
      std::vector<Value> kept;
      for (const Value& item : items) {
        auto inner = std::make_shared<ChainScope>(scope);
        inner->Add("item", item);
        if (item.is_context()) {
          for (const auto& [k, v] : item.as_context()) inner->Add(k, v);
        }
        // DMN 1.5 §10.2.1.8: a match that is neither boolean nor null makes the result null.
        Value match = EvaluateChild(boxed, 1, inner, state);
        if (!match.is_bool() && !match.is_null()) {
          state.Report("the match is a " + std::string(feel::KindName(match.kind())) + ", not a boolean", boxed.line);
          return Value::Null();
        }
        if (match.is_true()) kept.push_back(item);
      }
      return Value::List(std::move(kept));
    }
    case BoxedKind::kFor:
    case BoxedKind::kSome:
    case BoxedKind::kEvery:
      return Iterate(boxed, scope, state);
  }
  return Value::Null();
}

}  // namespace ordo::dmn
