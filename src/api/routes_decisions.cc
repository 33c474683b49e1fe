// POST /api/v1/decisions/{key}/evaluate (the list of decisions is in routes_definitions.cc).
#include <future>

#include "api/problem.h"
#include "api/request_util.h"
#include "api/routes.h"
#include "base/json.h"
#include "dmn/decision_model.h"
#include "feel/json.h"
#include "model/variables_scope.h"

namespace ordo::api {
namespace {

// Evaluates a deployed decision (DMN 1.5 §6.3.2) with the given variables as its variable
// context: {"decision":{"key","name","version","id"},"result":VALUE,"matchedRules":[{"decision",
// "rule","ruleId"}],"decisions":[{"decision","name","matchedRules":[...]}],"diagnostics":[...]}.
// The evaluation is stateless: nothing is stored.
Response Evaluate(runtime::Runtime& runtime, Request& req) {
  Response error;
  auto body = ReadObject(req, error);
  if (!body) return error;
  model::Variables variables;
  int64_t version = 0;
  if (!OptionalVariables(*body, "variables", variables, error) || !OptionalInt(*body, "version", version, error)) {
    return error;
  }
  for (const json::Member& m : body->as_object()) {
    if (m.key != "variables" && m.key != "version") {
      return Problem(400, "bad-request", "Bad request",
                     "unknown member '" + m.key + "' (a request takes \"variables\" and optionally \"version\")");
    }
  }
  if (version < 0) return Problem(400, "bad-request", "Bad request", "version must be 1 or more");
  const std::string& key = req.params["key"];
  std::optional<int> v;
  if (version != 0) v = static_cast<int>(version);
  std::optional<runtime::Definition> def = runtime.definitions().Find(key, v, store::DefinitionKind::kDecision);
  if (!def || !def->decision) {
    return Problem(404, "not-found", "Not found",
                   "no decision '" + key + "'" + (v ? " version " + std::to_string(*v) : std::string()) +
                       " is deployed");
  }
  // The evaluator recurses (to a bounded depth); HTTP worker threads have small stacks.
  std::vector<feel::Diagnostic> diagnostics;
  dmn::EvaluationTrace trace;
  Result<feel::Value> value = std::async(std::launch::async, [&] {
                                model::VariablesScope scope(variables);
                                return def->decision->Evaluate(key, scope, &diagnostics, &trace);
                              }).get();
  if (!value.ok()) return ProblemFromStatus(value.status());

  std::string out = "{\"decision\":{\"key\":" + Quote(def->key) + ",\"name\":" + Quote(def->name) +
                    ",\"version\":" + std::to_string(def->version) + ",\"id\":\"" + std::to_string(def->id) +
                    "\"},\"result\":";
  json::AppendSerialized(out, feel::ToJson(*value));
  auto rules_json = [](const dmn::DecisionTrace& d) {
    std::string r = "[";
    for (size_t i = 0; i < d.matched_rules.size(); ++i) {
      if (i) r += ',';
      r += "{\"decision\":" + Quote(d.decision_id) + ",\"rule\":" + std::to_string(d.matched_rules[i]) +
           ",\"ruleId\":";
      const std::string id = i < d.matched_rule_ids.size() ? d.matched_rule_ids[i] : std::string();
      r += id.empty() ? std::string("null") : Quote(id);
      r += "}";
    }
    return r + "]";
  };
  // The called decision's own rules first, then every decision evaluated on the way.
  out += ",\"matchedRules\":";
  std::string own = "[]";
  for (const dmn::DecisionTrace& d : trace.decisions) {
    if (d.decision_id == def->key) own = rules_json(d);
  }
  out += own + ",\"decisions\":[";
  for (size_t i = 0; i < trace.decisions.size(); ++i) {
    const dmn::DecisionTrace& d = trace.decisions[i];
    if (i) out += ',';
    out += "{\"decision\":" + Quote(d.decision_id) + ",\"name\":" + Quote(d.decision_name) +
           ",\"table\":" + (d.is_table ? "true" : "false") + ",\"matchedRules\":" + rules_json(d) + "}";
  }
  out += "],\"diagnostics\":[";
  for (size_t i = 0; i < diagnostics.size(); ++i) {
    if (i) out += ',';
    out += "{\"message\":" + Quote(diagnostics[i].message) + ",\"line\":" +
           (diagnostics[i].line > 0 ? std::to_string(diagnostics[i].line) : std::string("null")) + "}";
  }
  out += "]}";
  return Json(200, out);
}

}  // namespace

void RegisterDecisionRoutes(Router& router, runtime::Runtime& runtime) {
  router.Add("POST", "/api/v1/decisions/{key}/evaluate", "decision:evaluate",
             [&runtime](Request& r) { return Evaluate(runtime, r); });
}

}  // namespace ordo::api
