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

// A Java identifier or dotted name of ASCII letters, digits, '_' and '$'.
bool IsJavaIdentifier(std::string_view s) {
  if (s.empty()) return false;
  bool start = true;
  for (char c : s) {
    bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '$';
    bool digit = c >= '0' && c <= '9';
    if (c == '.') {
      if (start) return false;
      start = true;
      continue;
    }
    if (!letter && !(digit && !start)) return false;
    start = false;
  }
  return !start;
}

// A due date written as text: an ISO 8601 date-time, date or duration.
bool IsDueDateText(std::string_view text) { return model::DueAt(feel::Value::String(std::string(text)), 0).has_value(); }

bool IsCamundaNamespace(std::string_view uri) { return uri == ns::kCamunda || uri == ns::kActiviti; }

// Attributes of camunda: that the readers below interpret; CheckVendorExtensions skips them.
constexpr std::string_view kInterpretedCamundaAttributes[] = {
    "assignee",           "candidateGroups",    "candidateUsers",      "class",
    "delegateExpression", "expression",         "resultVariable",      "topic",
    "type",               "decisionRef",        "decisionRefBinding",  "decisionRefVersion",
    "mapDecisionResult",  "decisionRefVersionTag", "decisionRefTenantId", "dueDate",
    "calledElementBinding", "calledElementVersion", "calledElementVersionTag", "calledElementTenantId",
    "variableMappingClass", "variableMappingDelegateExpression", "caseRef"};

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
  // A Camunda 7 Java delegate becomes an external job named after it (docs/decisions/0006): the
  // class never runs here; a worker that subscribes to that job type does its work.
  std::string delegate_job;
  if (const std::string* v = CamundaAttr(task, "class")) {
    std::string_view name = TrimSpace(*v);
    if (name.empty() || ContainsJuel(name)) {
      problems->push_back(ProblemAt(task, "camunda:class=\"" + *v + "\" is not a Java class name"));
    } else {
      delegate_job = std::string(name);
    }
  }
  if (const std::string* v = CamundaAttr(task, "delegateExpression")) {
    // ${beanName} names the delegate; anything more would call Java.
    std::string_view text = TrimSpace(*v);
    std::string_view inner = text;
    if (inner.size() > 3 && (inner.front() == '$' || inner.front() == '#') && inner[1] == '{' && inner.back() == '}') {
      inner = TrimSpace(inner.substr(2, inner.size() - 3));
    } else {
      inner = {};
    }
    if (inner.empty() || !IsJavaIdentifier(inner) || inner.find('.') != std::string_view::npos) {
      problems->push_back(ProblemAt(task, "unsupported camunda:delegateExpression=\"" + *v +
                                              "\": only a bean name (${name}) can become a job type; "
                                              "use an external task (camunda:type=\"external\" camunda:topic=\"...\")"));
    } else if (delegate_job.empty()) {
      delegate_job = std::string(inner);
    }
  }
  if (const std::string* v = CamundaAttr(task, "expression")) {
    problems->push_back(ProblemAt(task, "unsupported service task implementation camunda:expression=\"" + *v +
                                            "\": a JUEL method call never runs in Ordo; use an external task "
                                            "(camunda:type=\"external\" camunda:topic=\"...\")"));
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
  } else if (!delegate_job.empty()) {
    spec.job_type = delegate_job;
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
  // The due date: <zeebe:taskSchedule dueDate>, camunda:dueDate or ordo:dueDate.
  {
    const Element* schedule = task.Extension(ns::kZeebe, "taskSchedule");
    const Element* at = &task;
    const std::string* value = nullptr;
    std::string where;
    if (schedule && (value = schedule->Attr("", "dueDate"))) {
      at = schedule;
      where = "zeebe:taskSchedule dueDate";
    } else if ((value = task.Attr(ns::kOrdo, "dueDate"))) {
      where = "ordo:dueDate";
    } else if ((value = CamundaAttr(task, "dueDate"))) {
      where = "camunda:dueDate";
    }
    if (value && !TrimSpace(*value).empty()) {
      if (auto v = ReadTextOrExpression(task, *at, *value, where, problems)) {
        if (!v->expression && !IsDueDateText(v->text)) {
          problems->push_back(ProblemAt(task, *at,
                                        where + " '" + v->text +
                                            "' is neither an ISO 8601 date-time (2025-03-01T12:00:00Z) nor a "
                                            "duration (P2D, PT4H)"));
        } else {
          spec.due_date = std::move(*v);
        }
      }
    }
  }
  if (problems->size() != before) return std::nullopt;
  return spec;
}

namespace {

// One <camunda:in>/<camunda:out>: `variables="all"`, `source`, or `sourceExpression`, with `target`.
bool ReadCamundaMapping(const Element& owner, const Element& m, bool in, model::CallActivitySpec& spec,
                        std::vector<Problem>* problems) {
  const char* written = in ? "camunda:in" : "camunda:out";
  if (m.Attr("", "variables")) {
    if (TrimSpace(m.AttrOr("", "variables")) != "all") {
      problems->push_back(ProblemAt(owner, m, std::string(written) + " variables=\"" + m.AttrOr("", "variables") +
                                                  "\" is not supported (only \"all\")"));
      return false;
    }
    (in ? spec.all_in : spec.all_out) = true;
    return true;
  }
  if (in && m.Attr("", "businessKey")) {
    std::string key(TrimSpace(m.AttrOr("", "businessKey")));
    if (key == "#{execution.processBusinessKey}" || key == "${execution.processBusinessKey}") {
      spec.business_key_from_caller = true;
      return true;
    }
    problems->push_back(ProblemAt(owner, m, "camunda:in businessKey=\"" + key +
                                                "\" is not supported (only #{execution.processBusinessKey}, the "
                                                "caller's business key)"));
    return false;
  }
  model::VariableMapping mapping;
  mapping.target = std::string(TrimSpace(m.AttrOr("", "target")));
  const std::string* source = m.Attr("", "source");
  const std::string* expression = m.Attr("", "sourceExpression");
  if (source && expression) {
    problems->push_back(ProblemAt(owner, m, std::string(written) + " has both source and sourceExpression"));
    return false;
  }
  if (source) {
    mapping.source = std::string(TrimSpace(*source));
    if (mapping.source.empty()) {
      problems->push_back(ProblemAt(owner, m, std::string(written) + " has an empty source"));
      return false;
    }
  } else if (expression) {
    std::string where = std::string(written) + " sourceExpression";
    std::optional<model::TextOrExpression> v = ReadTextOrExpression(owner, m, *expression, where, problems);
    if (!v) return false;
    if (!v->expression) {
      // A literal text is a constant.
      Result<feel::Expression> constant = feel::Expression::Compile(QuoteFeelString(v->text));
      if (!constant.ok()) return false;
      v->expression = std::move(constant).value();
    }
    mapping.expression = std::move(v->expression);
  } else {
    problems->push_back(ProblemAt(owner, m, std::string(written) +
                                                " needs source, sourceExpression, variables=\"all\"" +
                                                (in ? " or businessKey" : "")));
    return false;
  }
  if (mapping.target.empty()) {
    if (mapping.expression) {
      problems->push_back(ProblemAt(owner, m, std::string(written) + " with a sourceExpression needs a target"));
      return false;
    }
    mapping.target = mapping.source;
  }
  (in ? spec.in : spec.out).push_back(std::move(mapping));
  return true;
}

bool ParseTrueFalse(const Element& owner, const Element& at, const std::string* value, bool fallback,
                    std::string_view where, std::vector<Problem>* problems) {
  if (!value) return fallback;
  std::string_view v = TrimSpace(*value);
  if (v == "true") return true;
  if (v == "false") return false;
  problems->push_back(ProblemAt(owner, at, std::string(where) + " must be true or false, not '" + std::string(v) + "'"));
  return fallback;
}

}  // namespace

std::optional<model::CallActivitySpec> ReadCallActivity(const Element& activity, std::vector<Problem>* problems) {
  const size_t before = problems->size();
  model::CallActivitySpec spec;
  const Element* zeebe = activity.Extension(ns::kZeebe, "calledElement");
  const Element* at = &activity;
  const std::string* ref = nullptr;
  std::string where;
  if (zeebe) {
    at = zeebe;
    ref = zeebe->Attr("", "processId");
    where = "zeebe:calledElement processId";
    // Zeebe's defaults: every variable goes in, every variable comes back.
    spec.all_in = ParseTrueFalse(activity, *zeebe, zeebe->Attr("", "propagateAllParentVariables"), true,
                                 "zeebe:calledElement propagateAllParentVariables", problems);
    spec.all_out = ParseTrueFalse(activity, *zeebe, zeebe->Attr("", "propagateAllChildVariables"), true,
                                  "zeebe:calledElement propagateAllChildVariables", problems);
  } else {
    ref = activity.Attr("", "calledElement");
    where = "calledElement";
  }
  if (!ref || TrimSpace(*ref).empty()) {
    problems->push_back(ProblemAt(activity, *at,
                                  "call activity has no called process: set calledElement=\"<process id>\" or "
                                  "<zeebe:calledElement processId=\"...\"/>"));
    return std::nullopt;
  }
  if (auto v = ReadTextOrExpression(activity, *at, *ref, where, problems)) spec.called_element = std::move(*v);

  bool camunda_mappings = false;
  for (const Element* ext : activity.Extensions()) {
    if (!IsCamundaNamespace(ext->ns)) continue;
    if (ext->local_name == "in" || ext->local_name == "out") {
      camunda_mappings = true;
      ReadCamundaMapping(activity, *ext, ext->local_name == "in", spec, problems);
    }
  }
  if (!zeebe && !camunda_mappings) {
    // A call activity without vendor mappings shares every variable both ways (docs/bpmn.md).
    spec.all_in = true;
    spec.all_out = true;
  }
  if (const std::string* binding = CamundaAttr(activity, "calledElementBinding")) {
    std::string b(TrimSpace(*binding));
    if (b == "version") {
      const std::string* version = CamundaAttr(activity, "calledElementVersion");
      std::string_view text = version ? TrimSpace(*version) : std::string_view();
      int n = 0;
      auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
      if (!version || ec != std::errc() || ptr != text.data() + text.size() || n < 1) {
        problems->push_back(ProblemAt(activity, "camunda:calledElementBinding=\"version\" needs camunda:calledElementVersion, "
                                                "a whole number of 1 or more" +
                                                (version ? ", not '" + std::string(text) + "'" : std::string())));
      } else {
        spec.version = n;
      }
    } else if (b != "latest") {
      problems->push_back(ProblemAt(activity, "unsupported camunda:calledElementBinding=\"" + b +
                                                  "\" (latest and version are supported)"));
    }
  }
  for (std::string_view unsupported : {"calledElementTenantId", "calledElementVersionTag", "variableMappingClass",
                                       "variableMappingDelegateExpression", "caseRef"}) {
    if (const std::string* v = CamundaAttr(activity, unsupported)) {
      problems->push_back(ProblemAt(activity, "unsupported camunda:" + std::string(unsupported) + "=\"" + *v +
                                                  "\" on a call activity"));
    }
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

void CheckVendorExtensions(const Element& element, std::vector<Problem>* problems, std::vector<Problem>* warnings) {
  struct Unsupported {
    std::string_view ns;
    std::string_view local;
    std::string_view written;
    std::string_view why;
    bool listener;
  };
  static constexpr Unsupported kUnsupported[] = {
      {ns::kCamunda, "executionListener", "camunda:executionListener", "", true},
      {ns::kCamunda, "taskListener", "camunda:taskListener", "", true},
      {ns::kCamunda, "inputOutput", "camunda:inputOutput", "input/output mappings are not supported yet", false},
      {ns::kCamunda, "connector", "camunda:connector", "connectors do not run yet", false},
      {ns::kZeebe, "ioMapping", "zeebe:ioMapping", "input/output mappings are not supported yet", false},
      {ns::kZeebe, "executionListeners", "zeebe:executionListeners", "", true},
      {ns::kZeebe, "taskListeners", "zeebe:taskListeners", "", true},
  };
  for (const Element* ext : element.Extensions()) {
    for (const Unsupported& u : kUnsupported) {
      bool camunda = u.ns == ns::kCamunda && IsCamundaNamespace(ext->ns);
      if (ext->local_name != u.local || (ext->ns != u.ns && !camunda)) continue;
      if (!u.listener) {
        problems->push_back(ProblemAt(
            element, *ext, "unsupported extension '" + std::string(u.written) + "' (" + std::string(u.why) + ")"));
        continue;
      }
      // What the listener would run, so the warning says what is skipped.
      std::string what;
      std::string event = ext->AttrOr("", "event");
      if (const Element* script = ext->Child(ns::kCamunda, "script")) {
        what = std::string(TrimSpace(script->AttrOr("", "scriptFormat"))) + " script";
      } else if (const Element* script_alias = ext->Child(ns::kActiviti, "script")) {
        what = std::string(TrimSpace(script_alias->AttrOr("", "scriptFormat"))) + " script";
      } else if (const std::string* c = ext->Attr("", "class")) {
        what = "Java class " + std::string(TrimSpace(*c));
      } else if (const std::string* d = ext->Attr("", "delegateExpression")) {
        what = "delegate " + std::string(TrimSpace(*d));
      } else if (const std::string* x = ext->Attr("", "expression")) {
        what = "expression " + std::string(TrimSpace(*x));
      } else {
        what = "listener";
      }
      if (warnings != nullptr) {
        warnings->push_back(ProblemAt(element, *ext,
                                      std::string(u.written) + (event.empty() ? "" : " on '" + event + "'") + " (" +
                                          what + ") is not run: listeners never run in Ordo"));
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
