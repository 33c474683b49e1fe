#include "bpmn/bindings.h"

#include <charconv>

#include "bpmn/expressions.h"
#include "bpmn/juel.h"
#include "bpmn/namespaces.h"

namespace ordo::bpmn {

Problem ProblemAt(const Element& owner, const Element& at, std::string message) {
  return Problem{owner.id, at.line > 0 ? at.line : 1, std::move(message)};
}

namespace {

// A camunda: attribute, also when written in the Activiti namespace Camunda 7 accepts as an alias.
const std::string* CamundaAttr(const Element& e, std::string_view local) {
  if (const std::string* v = e.Attr(ns::kCamunda, local)) return v;
  return e.Attr(ns::kActiviti, local);
}

bool IsCamundaNamespace(std::string_view uri) { return uri == ns::kCamunda || uri == ns::kActiviti; }

// Attributes of camunda: that the readers below interpret; CheckVendorExtensions skips them.
constexpr std::string_view kInterpretedCamundaAttributes[] = {
    "assignee",           "candidateGroups",    "candidateUsers",      "class",
    "delegateExpression", "expression",         "resultVariable",      "topic",
    "type",               "decisionRef",        "decisionRefBinding",  "decisionRefVersion",
    "mapDecisionResult",  "decisionRefVersionTag", "decisionRefTenantId"};

bool IsInterpretedCamundaAttribute(std::string_view local) {
  for (std::string_view a : kInterpretedCamundaAttributes) {
    if (a == local) return true;
  }
  return false;
}

// JUEL text translated to FEEL (bpmn/juel.h) and compiled; a problem naming `where` when it
// cannot run.
std::optional<feel::Expression> CompileJuel(const Element& owner, const Element& at, std::string_view text,
                                            std::string_view where, std::vector<Problem>* problems) {
  std::string_view juel = TrimSpace(text);
  Result<std::string> feel = TranslateJuel(juel);
  if (!feel.ok()) {
    problems->push_back(ProblemAt(owner, at,
                                  "JUEL expression '" + std::string(juel) + "' in " + std::string(where) +
                                      " cannot run: " + feel.status().message()));
    return std::nullopt;
  }
  Result<feel::Expression> compiled = feel::Expression::Compile(*feel);
  if (!compiled.ok()) {
    problems->push_back(ProblemAt(owner, at,
                                  "JUEL expression '" + std::string(juel) + "' in " + std::string(where) +
                                      " cannot run: its FEEL translation '" + *feel +
                                      "' does not compile: " + compiled.status().message()));
    return std::nullopt;
  }
  return std::move(compiled).value();
}

// A literal, a '='-marked FEEL expression, or JUEL (translated to FEEL).
std::optional<model::TextOrExpression> ReadTextOrExpression(const Element& owner, const Element& at,
                                                            const std::string& value, std::string_view where,
                                                            std::vector<Problem>* problems) {
  model::TextOrExpression out;
  if (ContainsJuel(value)) {
    std::optional<feel::Expression> e = CompileJuel(owner, at, value, where, problems);
    if (!e) return std::nullopt;
    out.expression = std::move(*e);
    return out;
  }
  if (HasFeelMarker(value)) {
    Result<feel::Expression> e = CompileFeel(FeelSource(value), where);
    if (!e.ok()) {
      problems->push_back(ProblemAt(owner, at, e.status().message()));
      return std::nullopt;
    }
    out.expression = std::move(e).value();
    return out;
  }
  out.text = std::string(TrimSpace(value));
  return out;
}

std::optional<int> ParseRetries(const Element& owner, const Element& at, const std::string& value,
                                std::string_view where, std::vector<Problem>* problems) {
  std::string_view v = TrimSpace(value);
  int retries = 0;
  auto [ptr, ec] = std::from_chars(v.data(), v.data() + v.size(), retries);
  if (ec != std::errc() || ptr != v.data() + v.size() || retries < 0) {
    problems->push_back(ProblemAt(
        owner, at,
        "retries must be a non-negative whole number, not '" + std::string(v) + "' (" + std::string(where) + ")"));
    return std::nullopt;
  }
  return retries;
}

std::string ResultVariable(const Element& task, const Element* zeebe_script) {
  if (const std::string* v = task.Attr(ns::kOrdo, "resultVariable")) return std::string(TrimSpace(*v));
  if (zeebe_script) {
    if (const std::string* v = zeebe_script->Attr("", "resultVariable")) {
      return std::string(TrimSpace(*v));
    }
  }
  if (const std::string* v = CamundaAttr(task, "resultVariable")) {
    return std::string(TrimSpace(*v));
  }
  return {};
}

}  // namespace

std::optional<model::ServiceTaskSpec> ReadServiceTask(const Element& task, std::vector<Problem>* problems) {
  const size_t before = problems->size();
  for (std::string_view delegate : {"class", "delegateExpression", "expression"}) {
    if (const std::string* v = CamundaAttr(task, delegate)) {
      std::string message = "unsupported service task implementation camunda:" + std::string(delegate) + "=\"" + *v +
                            "\": Java delegates and JUEL expressions never run in Ordo; use an "
                            "external task (camunda:type=\"external\" camunda:topic=\"...\")";
      problems->push_back(ProblemAt(task, std::move(message)));
    }
  }

  model::ServiceTaskSpec spec;
  const Element* definition = task.Extension(ns::kZeebe, "taskDefinition");
  if (const std::string* v = task.Attr(ns::kOrdo, "jobType")) {
    spec.job_type = std::string(TrimSpace(*v));
  } else if (definition) {
    spec.job_type = std::string(TrimSpace(definition->AttrOr("", "type")));
    if (spec.job_type.empty()) {
      problems->push_back(ProblemAt(task, *definition, "zeebe:taskDefinition has no type"));
    }
  } else if (const std::string* type = CamundaAttr(task, "type")) {
    if (*type != "external") {
      problems->push_back(
          ProblemAt(task, "unsupported camunda:type=\"" + *type + "\" (only \"external\" service tasks run)"));
    } else {
      const std::string* topic = CamundaAttr(task, "topic");
      spec.job_type = topic ? std::string(TrimSpace(*topic)) : std::string();
      if (spec.job_type.empty()) {
        problems->push_back(ProblemAt(task, "external service task has no camunda:topic (the job type)"));
      }
    }
  } else if (problems->size() == before) {
    problems->push_back(ProblemAt(task,
                                  "service task has no job type: set <zeebe:taskDefinition type=\"...\"/>, "
                                  "camunda:type=\"external\" with camunda:topic, or ordo:jobType"));
  }
  if (ContainsJuel(spec.job_type)) {
    problems->push_back(ProblemAt(task, JuelMessage(spec.job_type, "the job type")));
  } else if (HasFeelMarker(spec.job_type)) {
    problems->push_back(
        ProblemAt(task, "job type expressions are not supported yet: '" + spec.job_type + "' (use a fixed job type)"));
  }

  if (const std::string* v = task.Attr(ns::kOrdo, "retries")) {
    if (auto r = ParseRetries(task, task, *v, "ordo:retries", problems)) spec.retries = *r;
  } else if (definition) {
    if (const std::string* v = definition->Attr("", "retries")) {
      if (auto r = ParseRetries(task, *definition, *v, "zeebe:taskDefinition retries", problems)) {
        spec.retries = *r;
      }
    }
  }
  if (problems->size() != before) return std::nullopt;
  return spec;
}

std::optional<model::ScriptTaskSpec> ReadScriptTask(const Element& task, std::vector<Problem>* problems) {
  const size_t before = problems->size();
  const Element* zeebe_script = task.Extension(ns::kZeebe, "script");
  const Element* at = &task;
  std::string source;
  if (zeebe_script) {
    at = zeebe_script;
    source = zeebe_script->AttrOr("", "expression");
  } else {
    if (const std::string* resource = CamundaAttr(task, "resource")) {
      problems->push_back(ProblemAt(
          task, "unsupported external script camunda:resource=\"" + *resource + "\" (write the FEEL script inline)"));
      return std::nullopt;
    }
    std::string format = std::string(TrimSpace(task.AttrOr("", "scriptFormat")));
    if (!format.empty() && !IsFeelLanguage(format)) {
      problems->push_back(
          ProblemAt(task, "unsupported script format '" + format + "' (only FEEL scripts run: scriptFormat=\"feel\")"));
      return std::nullopt;
    }
    if (const Element* script = task.Child(ns::kModel, "script")) {
      at = script;
      source = script->text;
    }
  }
  if (TrimSpace(source).empty() || FeelSource(source).empty()) {
    problems->push_back(ProblemAt(task, *at, "script task has an empty script"));
    return std::nullopt;
  }
  if (ContainsJuel(source)) {
    problems->push_back(ProblemAt(task, *at, JuelMessage(source, "the script")));
    return std::nullopt;
  }
  Result<feel::Expression> script = CompileFeel(FeelSource(source), "script");
  if (!script.ok()) {
    problems->push_back(ProblemAt(task, *at, script.status().message()));
    return std::nullopt;
  }
  if (problems->size() != before) return std::nullopt;
  return model::ScriptTaskSpec{std::move(script).value(), ResultVariable(task, zeebe_script)};
}

bool IsJobBusinessRuleTask(const Element& task) {
  if (task.Attr(ns::kOrdo, "jobType") || task.Extension(ns::kZeebe, "taskDefinition")) return true;
  const std::string* type = CamundaAttr(task, "type");
  return type != nullptr && *type == "external";
}

std::optional<model::BusinessRuleTaskSpec> ReadBusinessRuleTask(const Element& task,
                                                                std::vector<Problem>* problems) {
  const size_t before = problems->size();
  for (std::string_view delegate : {"class", "delegateExpression", "expression"}) {
    if (const std::string* v = CamundaAttr(task, delegate)) {
      problems->push_back(ProblemAt(task, "unsupported business rule task implementation camunda:" +
                                              std::string(delegate) + "=\"" + *v +
                                              "\": Java delegates and JUEL expressions never run in Ordo; "
                                              "reference a DMN decision (camunda:decisionRef)"));
    }
  }
  if (const std::string* type = CamundaAttr(task, "type"); type && *type != "external") {
    problems->push_back(ProblemAt(task, "unsupported camunda:type=\"" + *type +
                                            "\" (a business rule task runs a decision or an external task)"));
  }

  model::BusinessRuleTaskSpec spec;
  const Element* called = task.Extension(ns::kZeebe, "calledDecision");
  const Element* at = &task;
  const std::string* ref = nullptr;
  std::string where;
  if (const std::string* v = task.Attr(ns::kOrdo, "decisionRef")) {
    ref = v;
    where = "ordo:decisionRef";
  } else if (called) {
    at = called;
    ref = called->Attr("", "decisionId");
    where = "zeebe:calledDecision decisionId";
    if (!ref || TrimSpace(*ref).empty()) {
      problems->push_back(ProblemAt(task, *called, "zeebe:calledDecision has no decisionId"));
      return std::nullopt;
    }
  } else if (const std::string* v = CamundaAttr(task, "decisionRef")) {
    ref = v;
    where = "camunda:decisionRef";
  }
  if (!ref) {
    if (problems->size() == before) {
      problems->push_back(ProblemAt(task,
                                    "business rule task has no decision: set camunda:decisionRef, "
                                    "<zeebe:calledDecision decisionId=\"...\" resultVariable=\"...\"/>, "
                                    "ordo:decisionRef, or a job type for an external worker"));
    }
    return std::nullopt;
  }
  if (TrimSpace(*ref).empty()) {
    problems->push_back(ProblemAt(task, *at, where + " is empty"));
    return std::nullopt;
  }
  if (auto v = ReadTextOrExpression(task, *at, *ref, where, problems)) spec.decision = std::move(*v);

  if (called) {
    spec.mapping = model::DecisionResultMapping::kValue;
    spec.result_variable = std::string(TrimSpace(called->AttrOr("", "resultVariable")));
    if (spec.result_variable.empty()) {
      problems->push_back(ProblemAt(task, *called, "zeebe:calledDecision has no resultVariable"));
    }
  } else if (task.Attr(ns::kOrdo, "decisionRef")) {
    spec.mapping = model::DecisionResultMapping::kValue;
    spec.result_variable = ResultVariable(task, nullptr);
  } else {
    spec.result_variable = ResultVariable(task, nullptr);
    // Camunda 7 maps the result list unless told otherwise.
    std::string mapping = std::string(TrimSpace(CamundaAttr(task, "mapDecisionResult")
                                                    ? *CamundaAttr(task, "mapDecisionResult")
                                                    : std::string("resultList")));
    if (mapping == "resultList") {
      spec.mapping = model::DecisionResultMapping::kResultList;
    } else if (mapping == "singleResult") {
      spec.mapping = model::DecisionResultMapping::kSingleResult;
    } else if (mapping == "singleEntry") {
      spec.mapping = model::DecisionResultMapping::kSingleEntry;
    } else if (mapping == "collectEntries") {
      spec.mapping = model::DecisionResultMapping::kCollectEntries;
    } else {
      problems->push_back(ProblemAt(task, "unknown camunda:mapDecisionResult=\"" + mapping +
                                              "\" (resultList, singleResult, singleEntry or collectEntries)"));
    }
    std::string binding = std::string(
        TrimSpace(CamundaAttr(task, "decisionRefBinding") ? *CamundaAttr(task, "decisionRefBinding")
                                                          : std::string("latest")));
    if (binding == "version") {
      const std::string* version = CamundaAttr(task, "decisionRefVersion");
      if (!version) {
        problems->push_back(ProblemAt(task, "camunda:decisionRefBinding=\"version\" needs camunda:decisionRefVersion"));
      } else {
        std::string_view text = TrimSpace(*version);
        int n = 0;
        auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
        if (ec != std::errc() || ptr != text.data() + text.size() || n < 1) {
          problems->push_back(ProblemAt(task, "camunda:decisionRefVersion must be a whole number of 1 or more, not '" +
                                                  std::string(text) + "'"));
        } else {
          spec.version = n;
        }
      }
    } else if (binding != "latest") {
      problems->push_back(ProblemAt(task, "unsupported camunda:decisionRefBinding=\"" + binding +
                                              "\" (latest and version are supported)"));
    }
    if (const std::string* tenant = CamundaAttr(task, "decisionRefTenantId")) {
      problems->push_back(ProblemAt(task, "unsupported camunda:decisionRefTenantId=\"" + *tenant +
                                              "\" (tenants are not supported)"));
    }
  }
  if (problems->size() != before) return std::nullopt;
  return spec;
}

std::optional<model::UserTaskSpec> ReadUserTask(const Element& task, std::vector<Problem>* problems) {
  const size_t before = problems->size();
  const Element* assignment = task.Extension(ns::kZeebe, "assignmentDefinition");
  model::UserTaskSpec spec;
  struct Field {
    std::string_view attribute;
    model::TextOrExpression* target;
  };
  for (Field f : {Field{"assignee", &spec.assignee}, Field{"candidateGroups", &spec.candidate_groups},
                  Field{"candidateUsers", &spec.candidate_users}}) {
    const Element* at = &task;
    const std::string* value = nullptr;
    std::string where;
    if (assignment && (value = assignment->Attr("", f.attribute))) {
      at = assignment;
      where = "zeebe:assignmentDefinition " + std::string(f.attribute);
    } else if ((value = CamundaAttr(task, f.attribute))) {
      where = "camunda:" + std::string(f.attribute);
    } else if ((value = task.Attr(ns::kOrdo, f.attribute))) {
      where = "ordo:" + std::string(f.attribute);
    }
    if (!value) continue;
    if (auto v = ReadTextOrExpression(task, *at, *value, where, problems)) *f.target = std::move(*v);
  }
  if (problems->size() != before) return std::nullopt;
  return spec;
}

bool HasCondition(const Element& flow) { return flow.Child(ns::kModel, "conditionExpression"); }

std::optional<feel::Expression> ReadCondition(const Element& flow, std::vector<Problem>* problems) {
  const Element* condition = flow.Child(ns::kModel, "conditionExpression");
  if (!condition) return std::nullopt;
  std::string language = std::string(TrimSpace(condition->AttrOr("", "language")));
  if (language == "juel" || language == "JUEL") {
    return CompileJuel(flow, *condition, condition->text, "the condition", problems);
  }
  if (!language.empty() && !IsFeelLanguage(language)) {
    problems->push_back(ProblemAt(
        flow, *condition, "unsupported condition language '" + language + "' (only FEEL conditions are evaluated)"));
    return std::nullopt;
  }
  const std::string& text = condition->text;
  if (FeelSource(text).empty()) {
    problems->push_back(ProblemAt(flow, *condition, "the condition expression is empty"));
    return std::nullopt;
  }
  if (ContainsJuel(text)) return CompileJuel(flow, *condition, text, "the condition", problems);
  Result<feel::Expression> compiled = CompileFeel(FeelSource(text), "condition");
  if (!compiled.ok()) {
    problems->push_back(ProblemAt(flow, *condition, compiled.status().message()));
    return std::nullopt;
  }
  return std::move(compiled).value();
}

void CheckVendorExtensions(const Element& element, std::vector<Problem>* problems) {
  struct Unsupported {
    std::string_view ns;
    std::string_view local;
    std::string_view written;
    std::string_view why;
  };
  static constexpr Unsupported kUnsupported[] = {
      {ns::kCamunda, "executionListener", "camunda:executionListener", "listeners do not run yet"},
      {ns::kCamunda, "taskListener", "camunda:taskListener", "listeners do not run yet"},
      {ns::kCamunda, "inputOutput", "camunda:inputOutput", "input/output mappings are not supported yet"},
      {ns::kCamunda, "connector", "camunda:connector", "connectors do not run yet"},
      {ns::kZeebe, "ioMapping", "zeebe:ioMapping", "input/output mappings are not supported yet"},
      {ns::kZeebe, "executionListeners", "zeebe:executionListeners", "listeners do not run yet"},
      {ns::kZeebe, "taskListeners", "zeebe:taskListeners", "listeners do not run yet"},
  };
  for (const Element* ext : element.Extensions()) {
    for (const Unsupported& u : kUnsupported) {
      bool camunda = u.ns == ns::kCamunda && IsCamundaNamespace(ext->ns);
      if (ext->local_name == u.local && (ext->ns == u.ns || camunda)) {
        problems->push_back(ProblemAt(
            element, *ext, "unsupported extension '" + std::string(u.written) + "' (" + std::string(u.why) + ")"));
      }
    }
  }
  for (const Attribute& a : element.attributes) {
    if (IsCamundaNamespace(a.ns) && !IsInterpretedCamundaAttribute(a.local_name) && ContainsJuel(a.value)) {
      problems->push_back(ProblemAt(element, "camunda:" + a.local_name + " is not supported yet (its value '" +
                                                 std::string(TrimSpace(a.value)) + "' is an expression)"));
    }
  }
}

}  // namespace ordo::bpmn
