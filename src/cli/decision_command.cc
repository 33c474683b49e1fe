#include "cli/decision_command.h"

#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>

#include "base/json.h"
#include "dmn/decision_model.h"
#include "dmn/tck.h"
#include "feel/expression.h"
#include "feel/json.h"

namespace ordo::cli {
namespace {

struct DecisionOptions {
  std::string expression;
  std::string context = "{}";
  std::string file;
  std::string decision;
  std::string dir;
  std::string json_file;
  std::string baseline_file;
  bool quiet = false;
};

bool ReadContext(const std::string& text, feel::MapScope& scope) {
  Result<json::Value> parsed = json::Parse(text);
  if (!parsed.ok() || !parsed->is_object()) {
    std::cerr << "error: --context must be a JSON object"
              << (parsed.ok() ? "" : ": " + parsed.status().message()) << "\n";
    return false;
  }
  for (const auto& member : parsed->as_object()) scope.Set(member.key, feel::FromJson(member.value));
  return true;
}

void PrintDiagnostics(const std::vector<feel::Diagnostic>& diagnostics) {
  for (const feel::Diagnostic& d : diagnostics) {
    std::cerr << "note: ";
    if (d.line > 0) std::cerr << "line " << d.line << ": ";
    std::cerr << d.message << "\n";
  }
}

int RunFeel(const DecisionOptions& o) {
  feel::MapScope scope;
  if (!ReadContext(o.context, scope)) return 2;
  Result<feel::Expression> e = feel::Expression::Compile(o.expression);
  if (!e.ok()) {
    std::cerr << "error: " << e.status().message() << "\n";
    return 1;
  }
  std::vector<feel::Diagnostic> diagnostics;
  feel::Value v = e->Evaluate(scope, &diagnostics);
  std::cout << json::Serialize(feel::ToJson(v)) << "\n";
  PrintDiagnostics(diagnostics);
  return 0;
}

int RunDecide(const DecisionOptions& o) {
  feel::MapScope scope;
  if (!ReadContext(o.context, scope)) return 2;
  Result<dmn::DecisionModel> model = dmn::DecisionModel::LoadFile(o.file);
  if (!model.ok()) {
    std::cerr << "error: " << model.status().message() << "\n";
    return 1;
  }
  // The context's names are visible to every decision (as a BPMN business rule task's variables
  // are), so Camunda-style tables that read variables without input data elements evaluate too.
  dmn::DecisionModel with_context = model->WithVariableContext();
  std::vector<feel::Diagnostic> diagnostics;
  dmn::EvaluationTrace trace;
  Result<feel::Value> v = with_context.Evaluate(o.decision, scope, &diagnostics, &trace);
  if (!v.ok()) {
    std::cerr << "error: " << v.status().message() << "\n";
    return 1;
  }
  std::cout << json::Serialize(feel::ToJson(*v)) << "\n";
  // Which rules fired, on stderr so that stdout stays the value alone.
  for (const dmn::DecisionTrace& d : trace.decisions) {
    if (!d.is_table) continue;
    std::cerr << "rules: " << d.decision_id << ":";
    if (d.matched_rules.empty()) std::cerr << " none matched";
    for (size_t i = 0; i < d.matched_rules.size(); ++i) {
      std::cerr << " #" << d.matched_rules[i];
      if (i < d.matched_rule_ids.size() && !d.matched_rule_ids[i].empty()) std::cerr << " (" << d.matched_rule_ids[i] << ")";
    }
    std::cerr << "\n";
  }
  PrintDiagnostics(diagnostics);
  return 0;
}

json::Value SummaryJson(const dmn::TckSummary& s) {
  json::Value o = json::Value::MakeObject();
  o.Set("passed", json::Value::Int(s.passed));
  o.Set("failed", json::Value::Int(s.failed));
  o.Set("skipped", json::Value::Int(s.skipped));
  o.Set("total", json::Value::Int(s.total));
  o.Set("non_null_expected_passed", json::Value::Int(s.non_null_passed));
  o.Set("non_null_expected_total", json::Value::Int(s.non_null_total));
  json::Value failures = json::Value::MakeArray();
  for (const dmn::TckCaseResult& c : s.cases) {
    if (c.passed || c.skipped) continue;
    json::Value f = json::Value::MakeObject();
    f.Set("file", json::Value::String(c.file));
    f.Set("id", json::Value::String(c.id));
    f.Set("detail", json::Value::String(c.detail));
    failures.as_array().push_back(std::move(f));
  }
  o.Set("failures", std::move(failures));
  return o;
}

// `ordo tck DIR`: DIR is a TestCases folder (levels 2 and 3 counted, non-compliant reported on its
// own line) or any folder below it (counted as it is).
int RunTckCommand(const DecisionOptions& o) {
  Result<dmn::TckTreeResult> run = dmn::RunTckTree(o.dir);
  if (!run.ok()) {
    std::cerr << "error: " << run.status().message() << "\n";
    return 2;
  }
  const dmn::TckSummary& total = run->counted;
  if (!o.quiet) {
    for (const dmn::TckCaseResult& c : total.cases) {
      if (!c.passed && !c.skipped) std::cout << "FAIL " << c.file << " #" << c.id << ": " << c.detail << "\n";
    }
  }
  json::Value report = SummaryJson(total);
  if (run->has_non_compliant) {
    std::cout << "dmn-tck non-compliant: " << dmn::TckSummaryText(run->non_compliant) << "\n";
    report.Set("non_compliant", SummaryJson(run->non_compliant));
  }
  std::cout << "dmn-tck cases expecting a non-null result: " << total.non_null_passed << " passed of "
            << total.non_null_total << "\n";
  std::cout << "dmn-tck: " << dmn::TckSummaryText(total) << "\n";
  if (!o.json_file.empty()) {
    std::ofstream out(o.json_file);
    out << json::Serialize(report) << "\n";
    if (!out) {
      std::cerr << "error: cannot write " << o.json_file << "\n";
      return 2;
    }
  }
  if (!o.baseline_file.empty()) {
    std::ifstream in(o.baseline_file);
    int baseline = -1;
    in >> baseline;
    if (baseline < 0) {
      std::cerr << "error: cannot read a pass count from " << o.baseline_file << "\n";
      return 2;
    }
    if (total.passed < baseline) {
      std::cerr << "regression: " << total.passed << " passed, the recorded baseline is " << baseline << "\n";
      return 1;
    }
  }
  return 0;
}

}  // namespace

void AddDecisionCommands(CLI::App& app, Subcommands& subcommands) {
  auto options = std::make_shared<DecisionOptions>();

  CLI::App* feel = app.add_subcommand("feel", "Evaluate a FEEL expression and print its value as JSON");
  feel->add_option("EXPR", options->expression, "The FEEL expression")->required();
  feel->add_option("--context", options->context, "Variables as a JSON object");
  subcommands.push_back({feel, [options] { return RunFeel(*options); }});

  CLI::App* decide = app.add_subcommand("decide", "Evaluate one decision of a DMN model");
  decide->add_option("FILE", options->file, "The .dmn file")->required();
  decide->add_option("DECISION", options->decision, "The decision's name (or id)")->required();
  decide->add_option("--context", options->context, "Input data as a JSON object");
  subcommands.push_back({decide, [options] { return RunDecide(*options); }});

  CLI::App* tck = app.add_subcommand("tck", "Run DMN TCK test cases (a TestCases folder or one below it)");
  tck->add_option("DIR", options->dir, "The folder")->required();
  tck->add_option("--json", options->json_file, "Also write the results as JSON to this file");
  tck->add_option("--baseline", options->baseline_file, "Fail when fewer cases pass than the count in this file");
  tck->add_flag("--quiet", options->quiet, "Print only the summary lines");
  subcommands.push_back({tck, [options] { return RunTckCommand(*options); }});
}

}  // namespace ordo::cli
