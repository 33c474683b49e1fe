#include "dmn/decision_model.h"

#include <filesystem>
#include <map>
#include <optional>

#include "dmn/boxed.h"
#include "dmn/decision_table.h"
#include "dmn/reader.h"
#include "dmn/types.h"

namespace ordo::dmn {

using feel::Value;

struct CompiledElement {
  DrgKind kind = DrgKind::kDecision;
  std::string name;
  std::string id;
  std::string prefix;  // the import name when the element belongs to an imported model
  int line = 0;
  TypeRef type;
  const TypeSystem* types = nullptr;  // its model's, owned by the DecisionModelImpl
  std::vector<int> decisions, inputs, knowledge;
  std::shared_ptr<const CompiledBoxed> logic;
  std::vector<int> outputs, input_decisions, input_data;  // decision services
  bool main = false;
};

struct DecisionModelImpl : std::enable_shared_from_this<DecisionModelImpl> {
  std::string name;
  std::vector<CompiledElement> elements;
  std::vector<std::unique_ptr<TypeSystem>> type_systems;
};

namespace {

constexpr int kMaxDrgDepth = 256;

// One evaluation of the graph: each decision is computed once (§6.3.2, memoised).
class Run {
 public:
  Run(std::shared_ptr<const DecisionModelImpl> impl, const feel::VariableScope& inputs,
      std::vector<feel::Diagnostic>* diagnostics, EvaluationTrace* trace = nullptr)
      : impl_(std::move(impl)), inputs_(inputs), diagnostics_(diagnostics), trace_(trace),
        memo_(impl_->elements.size()) {}

  // Decisions see the inputs beyond their requirements (DecisionModel::WithVariableContext).
  void UseVariableContext() { variable_context_ = true; }

  // In a variable context a required decision's result is also visible by its output names, as
  // Camunda's engines expose it: a one-output table's value under the output's name, a
  // multi-output table's single result context entry by entry.
  static void AddOutputNames(ChainScope& scope, const CompiledElement& r, const Value& v) {
    if (!r.logic || !r.logic->table) return;
    const auto& outputs = r.logic->table->outputs;
    if (outputs.size() == 1) {
      if (!outputs[0].name.empty() && outputs[0].name != r.name) scope.Add(outputs[0].name, v);
      return;
    }
    if (!v.is_context()) return;
    for (const auto& [name, value] : v.as_context()) {
      if (name != r.name) scope.Add(name, value);
    }
  }

  // For a decision service: these decisions take the given values instead of being evaluated.
  void Override(int index, Value v) { memo_[static_cast<size_t>(index)].value = std::move(v); }

  Value Get(int index, int depth);

 private:
  void Report(const CompiledElement& e, std::string message) {
    if (diagnostics_) diagnostics_->push_back(feel::Diagnostic{e.name + ": " + message, e.line, 0});
  }
  Value Input(const CompiledElement& e);
  Value Decision(const CompiledElement& e, int depth);
  ScopePtr Requirements(const CompiledElement& e, int depth);

  std::shared_ptr<const DecisionModelImpl> impl_;
  const feel::VariableScope& inputs_;
  std::vector<feel::Diagnostic>* diagnostics_;
  EvaluationTrace* trace_;  // may be null; owned by the caller of Evaluate
  // Per element: its value once computed, and whether it is being computed (a cycle).
  struct Slot {
    std::optional<Value> value;
    bool active = false;
  };
  std::vector<Slot> memo_;
  bool variable_context_ = false;
};

// A decision service as a function (§6.3.10): parameters are its input data, then its input
// decisions, each in document order (the order the DMN TCK 0085 checks positional calls with).
class ServiceFunction final : public feel::Callable {
 public:
  ServiceFunction(std::shared_ptr<const DecisionModelImpl> impl, int index) : impl_(std::move(impl)), index_(index) {
    const CompiledElement& e = impl_->elements[static_cast<size_t>(index)];
    for (int i : e.input_data) parameter_elements_.push_back(i);
    for (int i : e.input_decisions) parameter_elements_.push_back(i);
    for (int i : parameter_elements_) parameters_.push_back(impl_->elements[static_cast<size_t>(i)].name);
  }
  const std::vector<std::string>& parameters() const override { return parameters_; }
  Value Call(std::span<const Value> args, const feel::VariableScope* caller,
             std::vector<feel::Diagnostic>* diagnostics) const override {
    feel::MapScope inputs;
    inputs.set_clock(caller ? caller->clock() : nullptr);
    for (size_t i = 0; i < parameters_.size() && i < args.size(); ++i) {
      // An argument that does not conform to its input's type makes the call null (TCK 0085).
      const CompiledElement& input = impl_->elements[static_cast<size_t>(parameter_elements_[i])];
      std::string error;
      Value v = input.types ? input.types->Coerce(args[i], input.type, &error) : args[i];
      if (!error.empty()) {
        if (diagnostics) diagnostics->push_back(feel::Diagnostic{"parameter '" + parameters_[i] + "': " + error, 0, 0});
        return Value::Null();
      }
      inputs.Set(parameters_[i], std::move(v));
    }
    return Invoke(impl_, index_, inputs, diagnostics);
  }

  static Value Invoke(const std::shared_ptr<const DecisionModelImpl>& impl, int index, const feel::VariableScope& inputs,
                      std::vector<feel::Diagnostic>* diagnostics, EvaluationTrace* trace = nullptr) {
    const CompiledElement& e = impl->elements[static_cast<size_t>(index)];
    Run run(impl, inputs, diagnostics, trace);
    for (int i : e.input_decisions) {
      const std::string& name = impl->elements[static_cast<size_t>(i)].name;
      const Value* v = inputs.Find(name);
      // An input decision the caller does not give is null, not evaluated (TCK 0085 002_a).
      run.Override(i, v ? *v : Value::Null());
    }
    Value result;
    if (e.outputs.size() == 1) {
      result = run.Get(e.outputs[0], 0);
    } else {
      feel::ContextEntries entries;
      for (int i : e.outputs) entries.emplace_back(impl->elements[static_cast<size_t>(i)].name, run.Get(i, 0));
      result = Value::Context(std::move(entries));
    }
    // §6.3.10: the service's variable may be typed by a function item whose outputTypeRef is
    // the type of what the service returns (TCK 0082).
    std::string error;
    if (e.types && e.type.item && e.type.item->function_type && !e.type.item->function_output_type.empty()) {
      result = e.types->Coerce(result, e.types->Resolve(e.type.item->function_output_type), &error);
    }
    if (!error.empty() && diagnostics) diagnostics->push_back(feel::Diagnostic{e.name + ": " + error, e.line, 0});
    return result;
  }

 private:
  std::shared_ptr<const DecisionModelImpl> impl_;
  int index_;
  std::vector<int> parameter_elements_;  // the input data, then the input decisions
  std::vector<std::string> parameters_;
};

Value Run::Input(const CompiledElement& e) {
  const Value* v = nullptr;
  if (e.prefix.empty()) {
    v = inputs_.Find(e.name);
  } else if (const Value* imported = inputs_.Find(e.prefix)) {
    v = imported->FindEntry(e.name);
  } else {
    // §6.3.3: an input of a model imported through another import has no context of its own
    // among the inputs; it is then read by its own name (TCK 0089 gives it by namespace).
    v = inputs_.Find(e.name);
  }
  if (!v) return Value::Null();
  std::string error;
  Value out = e.types->Coerce(*v, e.type, &error);
  if (!error.empty()) Report(e, error);
  return out;
}

ScopePtr Run::Requirements(const CompiledElement& e, int depth) {
  auto scope = std::make_shared<ChainScope>();
  scope->Reserve(e.inputs.size() + e.decisions.size() + e.knowledge.size());
  scope->set_clock(inputs_.clock());  // now() and today() read the caller's clock
  if (variable_context_) scope->SetFallback(&inputs_);
  std::map<std::string, feel::ContextEntries> imported;
  auto add = [&](int index) {
    const CompiledElement& r = impl_->elements[static_cast<size_t>(index)];
    Value v = Get(index, depth + 1);
    if (r.prefix.empty() || r.prefix == e.prefix) {
      if (variable_context_ && r.kind == DrgKind::kDecision) AddOutputNames(*scope, r, v);
      scope->Add(r.name, std::move(v));
    } else {
      imported[r.prefix].emplace_back(r.name, std::move(v));
    }
  };
  for (int i : e.inputs) add(i);
  for (int i : e.decisions) add(i);
  for (int i : e.knowledge) add(i);
  for (auto& [prefix, entries] : imported) scope->Add(prefix, Value::Context(std::move(entries)));
  return scope;
}

Value Run::Decision(const CompiledElement& e, int depth) {
  ScopePtr scope = Requirements(e, depth);
  // Recorded after the requirements, so required decisions come first in the trace.
  // An index, not a pointer: the vector may grow while this decision's logic runs.
  size_t entry = 0;
  if (trace_) {
    entry = trace_->decisions.size();
    DecisionTrace& t = trace_->decisions.emplace_back();
    t.decision_id = e.id;
    t.decision_name = e.name;
    t.is_table = e.logic && e.logic->kind == BoxedKind::kDecisionTable;
  }
  if (!e.logic) {
    Report(e, "the decision has no decision logic");
    return Value::Null();
  }
  EvalState state{diagnostics_, e.types};
  Value v;
  if (trace_ && e.logic->kind == BoxedKind::kDecisionTable && e.logic->error.ok() && e.logic->table) {
    // §8.2.10: the rules the hit policy chose from, recorded 1-based as the table numbers them.
    const CompiledTable& table = *e.logic->table;
    std::vector<int> matched;
    v = EvaluateTable(table, *scope, state, &matched);
    DecisionTrace& t = trace_->decisions[entry];
    for (int r : matched) {
      t.matched_rules.push_back(r + 1);
      t.matched_rule_ids.push_back(table.rules[static_cast<size_t>(r)].id);
    }
  } else {
    v = EvaluateBoxed(*e.logic, scope, state);
  }
  std::string error;
  v = e.types->Coerce(v, e.type, &error);
  if (!error.empty()) Report(e, error);
  return v;
}

Value Run::Get(int index, int depth) {
  const size_t i = static_cast<size_t>(index);
  const CompiledElement& e = impl_->elements[i];
  if (memo_[i].value) return *memo_[i].value;
  if (depth > kMaxDrgDepth) {
    Report(e, "requirements nested too deeply");
    return Value::Null();
  }
  if (memo_[i].active) {
    Report(e, "requirement cycle");
    return Value::Null();
  }
  memo_[i].active = true;
  Value v;
  switch (e.kind) {
    case DrgKind::kInputData:
      v = Input(e);
      break;
    case DrgKind::kDecision:
      v = Decision(e, depth);
      break;
    case DrgKind::kBusinessKnowledgeModel: {
      ScopePtr closure = Requirements(e, depth);
      if (e.logic && e.logic->kind == BoxedKind::kFunctionDefinition) {
        v = MakeBoxedFunction(e.name, e.logic, closure, e.types);
      } else {
        Report(e, "the business knowledge model has no function definition");
      }
      break;
    }
    case DrgKind::kDecisionService: {
      feel::FunctionValue f;
      f.name = e.name;
      f.callable = std::make_shared<ServiceFunction>(impl_, index);
      v = Value::MakeFunction(std::move(f));
      break;
    }
  }
  memo_[i].active = false;
  memo_[i].value = v;
  return v;
}

// Resolves "#id" within the model `ns`, "other-ns#id" across models.
int Resolve(const std::map<std::string, int>& by_key, const std::string& ns, const std::string& href) {
  size_t hash = href.find('#');
  std::string target_ns = hash == std::string::npos || hash == 0 ? ns : href.substr(0, hash);
  std::string id = hash == std::string::npos ? href : href.substr(hash + 1);
  auto it = by_key.find(target_ns + "#" + id);
  return it == by_key.end() ? -1 : it->second;
}

}  // namespace

Result<DecisionModel> DecisionModel::Compile(const Definitions& main, const std::vector<Definitions>& imported) {
  auto impl = std::make_shared<DecisionModelImpl>();
  impl->name = main.name;
  // The main model, then the models it imports (transitively), each with its prefix.
  std::vector<std::pair<const Definitions*, std::string>> models{{&main, ""}};
  for (size_t m = 0; m < models.size() && m < 64; ++m) {
    for (const ImportDoc& import : models[m].first->imports) {
      for (const Definitions& d : imported) {
        if (d.namespace_uri != import.namespace_uri) continue;
        bool seen = false;
        for (const auto& [known, prefix] : models) seen = seen || known == &d;
        if (!seen) models.emplace_back(&d, import.name);
      }
    }
  }
  std::map<std::string, int> by_key;
  std::vector<TypeSystem*> systems;
  for (size_t m = 0; m < models.size(); ++m) {
    impl->type_systems.push_back(std::make_unique<TypeSystem>());
    systems.push_back(impl->type_systems.back().get());
  }
  // Types: each model's own, then its imports' under their prefixes.
  for (size_t m = 0; m < models.size(); ++m) systems[m]->Add(models[m].first->item_definitions);
  for (size_t m = 0; m < models.size(); ++m) {
    for (const ImportDoc& import : models[m].first->imports) {
      for (size_t k = 0; k < models.size(); ++k) {
        if (models[k].first->namespace_uri == import.namespace_uri) systems[m]->AddImport(import.name, *systems[k]);
      }
    }
  }
  // §10.3.1.2: the names of every model's DRG elements are known to all its FEEL texts, so a
  // text can mention "Pre-bureau risk category" or "Person's age".
  std::vector<std::string> known_names;
  for (const auto& [model, prefix] : models) {
    for (const DrgElementDoc& doc : model->elements) known_names.push_back(doc.name);
  }
  for (size_t m = 0; m < models.size(); ++m) {
    const Definitions& d = *models[m].first;
    for (const DrgElementDoc& doc : d.elements) {
      by_key[d.namespace_uri + "#" + doc.id] = static_cast<int>(impl->elements.size());
      CompiledElement e;
      e.kind = doc.kind;
      e.name = doc.name;
      e.id = doc.id;
      e.prefix = models[m].second;
      e.line = doc.line;
      e.types = systems[m];
      e.type = systems[m]->Resolve(doc.type_ref);
      e.main = m == 0;
      if (doc.logic.kind != BoxedKind::kNone) e.logic = CompileBoxed(doc.logic, *systems[m], known_names);
      impl->elements.push_back(std::move(e));
    }
  }
  size_t index = 0;
  for (size_t m = 0; m < models.size(); ++m) {
    const Definitions& d = *models[m].first;
    for (const DrgElementDoc& doc : d.elements) {
      CompiledElement& e = impl->elements[index++];
      auto resolve_all = [&](const std::vector<std::string>& hrefs, std::vector<int>& out) -> Status {
        for (const std::string& href : hrefs) {
          int target = Resolve(by_key, d.namespace_uri, href);
          if (target < 0) return InvalidArgument(d.file + ":" + std::to_string(doc.line) + ": '" + doc.name +
                                                 "' requires '" + href + "', which is not in the model");
          out.push_back(target);
        }
        return Status::Ok();
      };
      RETURN_IF_ERROR(resolve_all(doc.required_decisions, e.decisions));
      RETURN_IF_ERROR(resolve_all(doc.required_inputs, e.inputs));
      RETURN_IF_ERROR(resolve_all(doc.required_knowledge, e.knowledge));
      RETURN_IF_ERROR(resolve_all(doc.output_decisions, e.outputs));
      RETURN_IF_ERROR(resolve_all(doc.input_decisions, e.input_decisions));
      RETURN_IF_ERROR(resolve_all(doc.input_data, e.input_data));
    }
  }
  return DecisionModel(std::move(impl));
}

namespace {

void CollectProblems(const CompiledBoxed& b, const CompiledElement& e, std::vector<DecisionModel::Problem>& out) {
  if (!b.error.ok()) out.push_back(DecisionModel::Problem{e.id, b.line > 0 ? b.line : e.line, b.error.message()});
  for (const auto& child : b.children) {
    if (child) CollectProblems(*child, e, out);
  }
}

}  // namespace

std::vector<DecisionModel::Problem> DecisionModel::Problems() const {
  std::vector<Problem> out;
  for (const CompiledElement& e : impl_->elements) {
    if (!e.main || !e.logic) continue;
    CollectProblems(*e.logic, e, out);
  }
  return out;
}

DecisionModel DecisionModel::WithVariableContext() const {
  DecisionModel copy = *this;
  copy.variable_context_ = true;
  return copy;
}

Result<DecisionModel> DecisionModel::FromXml(std::string_view xml) {
  ASSIGN_OR_RETURN(Definitions main, ReadDefinitions(xml));
  return Compile(main);
}

Result<DecisionModel> DecisionModel::LoadFile(const std::string& path) {
  ASSIGN_OR_RETURN(Definitions main, ReadDefinitionsFile(path));
  std::vector<Definitions> others;
  if (!main.imports.empty()) {
    std::error_code ec;
    std::filesystem::path folder = std::filesystem::path(path).parent_path();
    if (folder.empty()) folder = ".";
    for (const auto& entry : std::filesystem::directory_iterator(folder, ec)) {
      if (entry.path().extension() != ".dmn" || std::filesystem::equivalent(entry.path(), path, ec)) continue;
      Result<Definitions> d = ReadDefinitionsFile(entry.path().string());
      if (d.ok()) others.push_back(std::move(d).value());
    }
  }
  return Compile(main, others);
}

namespace {

int FindMain(const DecisionModelImpl& impl, std::string_view name, DrgKind kind) {
  for (size_t i = 0; i < impl.elements.size(); ++i) {
    const CompiledElement& e = impl.elements[i];
    if (e.main && e.kind == kind && (e.name == name || e.id == name)) return static_cast<int>(i);
  }
  return -1;
}

}  // namespace

Result<Value> DecisionModel::Evaluate(std::string_view name, const feel::VariableScope& inputs,
                                      std::vector<feel::Diagnostic>* diagnostics, EvaluationTrace* trace) const {
  int index = FindMain(*impl_, name, DrgKind::kDecision);
  if (index < 0) {
    int service = FindMain(*impl_, name, DrgKind::kDecisionService);
    if (service >= 0) return ServiceFunction::Invoke(impl_, service, inputs, diagnostics, trace);
    return NotFound("no decision named '" + std::string(name) + "' in " + impl_->name);
  }
  Run run(impl_, inputs, diagnostics, trace);
  if (variable_context_) run.UseVariableContext();
  return run.Get(index, 0);
}

Result<Value> DecisionModel::EvaluateService(std::string_view name, const feel::VariableScope& inputs,
                                             std::vector<feel::Diagnostic>* diagnostics) const {
  int index = FindMain(*impl_, name, DrgKind::kDecisionService);
  if (index < 0) return NotFound("no decision service named '" + std::string(name) + "' in " + impl_->name);
  return ServiceFunction::Invoke(impl_, index, inputs, diagnostics);
}

std::vector<std::string> DecisionModel::DecisionIds() const {
  std::vector<std::string> out;
  for (const CompiledElement& e : impl_->elements) {
    if (e.main && e.kind == DrgKind::kDecision) out.push_back(e.id);
  }
  return out;
}

const std::string& DecisionModel::name() const { return impl_->name; }

std::vector<std::string> DecisionModel::DecisionNames() const {
  std::vector<std::string> out;
  for (const CompiledElement& e : impl_->elements) {
    if (e.main && e.kind == DrgKind::kDecision) out.push_back(e.name);
  }
  return out;
}

}  // namespace ordo::dmn
