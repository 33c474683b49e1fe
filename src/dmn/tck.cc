#include "dmn/tck.h"

#include <algorithm>
#include <filesystem>
#include <map>

#include "dmn/decision_model.h"
#include "dmn/xml.h"
#include "feel/builtins.h"
#include "feel/ops.h"
#include "feel/temporal.h"

namespace ordo::dmn {

using feel::Value;
namespace fs = std::filesystem;

void TckSummary::Add(TckCaseResult result) {
  ++total;
  if (result.skipped) {
    ++skipped;
  } else if (result.passed) {
    ++passed;
  } else {
    ++failed;
  }
  if (result.expects_non_null) {
    ++non_null_total;
    if (result.passed) ++non_null_passed;
  }
  if (result.passed && result.within_tolerance) ++passed_within_tolerance;
  cases.push_back(std::move(result));
}

namespace {

using xml::Attribute;
using xml::Child;
using xml::Children;

// An XML Schema typed value (testCases.xsd: xsd:decimal, string, boolean, date, dateTime, time,
// duration, double).
Value Scalar(const pugi::xml_node& node) {
  pugi::xml_attribute nil = Attribute(node, "nil");
  if (nil && std::string_view(nil.value()) == "true") return Value::Null();
  std::string type = Attribute(node, "type").value();
  size_t colon = type.find(':');
  if (colon != std::string::npos) type = type.substr(colon + 1);
  std::string text = node.text().get();
  if (type == "decimal" || type == "double" || type == "integer" || type == "int" || type == "long" ||
      type == "float") {
    Result<Value> v = Value::NumberFromString(text);
    return v.ok() ? *v : Value::Null();
  }
  if (type == "boolean") return Value::Bool(text == "true" || text == "1");
  if (type == "date") {
    std::optional<feel::Date> d = feel::ParseDate(text);
    return d ? Value::MakeDate(*d) : Value::Null();
  }
  if (type == "dateTime") {
    std::optional<feel::DateTime> d = feel::ParseDateTime(text);
    return d ? Value::MakeDateTime(*d) : Value::Null();
  }
  if (type == "time") {
    std::optional<feel::Time> t = feel::ParseTime(text);
    return t ? Value::MakeTime(*t) : Value::Null();
  }
  if (type == "duration" || type == "dayTimeDuration" || type == "yearMonthDuration") {
    if (std::optional<feel::YearsMonths> ym = feel::ParseYearsMonths(text)) return Value::MakeYearsMonths(*ym);
    if (std::optional<feel::DaysTime> dt = feel::ParseDaysTime(text)) return Value::MakeDaysTime(*dt);
    return Value::Null();
  }
  return Value::String(text);
}

Value ReadValue(const pugi::xml_node& node, int depth = 0) {
  if (depth > 64) return Value::Null();
  if (pugi::xml_node v = Child(node, "value")) return Scalar(v);
  if (pugi::xml_node list = Child(node, "list")) {
    pugi::xml_attribute nil = Attribute(list, "nil");
    if (nil && std::string_view(nil.value()) == "true") return Value::Null();
    std::vector<Value> items;
    for (pugi::xml_node item : Children(list, "item")) items.push_back(ReadValue(item, depth + 1));
    return Value::List(std::move(items));
  }
  std::vector<pugi::xml_node> components = Children(node, "component");
  if (!components.empty()) {
    feel::ContextEntries entries;
    for (const pugi::xml_node& c : components) entries.emplace_back(c.attribute("name").value(), ReadValue(c, depth + 1));
    return Value::Context(std::move(entries));
  }
  return Value::Null();
}

// Whether two numbers differ by less than kTckNumberTolerance.
bool WithinTolerance(const Value& actual, const Value& expected) {
  static const Value tolerance = *Value::NumberFromString(kTckNumberTolerance);
  static const Value zero = Value::Int(0);
  std::string error;
  Value difference = feel::Arithmetic(feel::Op::kSubtract, actual, expected, &error);
  if (!error.empty() || !difference.is_number()) return false;
  std::optional<int> sign = feel::Order(difference, zero);
  if (!sign) return false;
  if (*sign < 0) difference = feel::Arithmetic(feel::Op::kSubtract, zero, difference, &error);
  std::optional<int> order = feel::Order(difference, tolerance);
  return order && *order < 0;
}

// Whether an actual result matches the expected one: FEEL equality, with contexts compared
// entry by entry (the order of entries does not matter) and numbers by value, within
// kTckNumberTolerance (`*approximate` is set when that tolerance was needed).
bool Matches(const Value& actual, const Value& expected, bool* approximate) {
  if (expected.is_null()) return actual.is_null();
  if (expected.is_list() && actual.is_list()) {
    const auto &a = actual.as_list(), &e = expected.as_list();
    if (a.size() != e.size()) return false;
    for (size_t i = 0; i < a.size(); ++i) {
      if (!Matches(a[i], e[i], approximate)) return false;
    }
    return true;
  }
  if (expected.is_context() && actual.is_context()) {
    if (actual.as_context().size() != expected.as_context().size()) return false;
    for (const auto& [key, value] : expected.as_context()) {
      const Value* a = actual.FindEntry(key);
      if (!a || !Matches(*a, value, approximate)) return false;
    }
    return true;
  }
  if (actual == expected) return true;
  if (actual.is_number() && expected.is_number() && WithinTolerance(actual, expected)) {
    *approximate = true;
    return true;
  }
  return false;
}

struct LoadedModel {
  Status status;
  std::optional<DecisionModel> model;
};

void RunFile(const fs::path& file, const fs::path& root, TckSummary& summary) {
  std::string relative = fs::relative(file, root).generic_string();
  std::string text;
  xml::XmlDocument doc;
  Status read = xml::ReadFile(file.string(), size_t{64} << 20, text);
  if (read.ok()) read = doc.Parse(text, relative, 256);
  if (!read.ok()) {
    summary.Add(TckCaseResult{relative, "*", false, false, false, read.message()});
    return;
  }
  pugi::xml_node root_node = doc.doc().document_element();
  std::string model_name = xml::ChildText(root_node, "modelName");
  if (model_name.empty()) {
    if (pugi::xml_node m = Child(root_node, "modelName")) model_name = m.text().get();
  }
  LoadedModel loaded;
  Result<DecisionModel> model = DecisionModel::LoadFile((file.parent_path() / model_name).string());
  if (model.ok()) {
    loaded.model = *model;
  } else {
    loaded.status = model.status();
  }
  for (pugi::xml_node test : Children(root_node, "testCase")) {
    TckCaseResult result;
    result.file = relative;
    result.id = test.attribute("id").value();
    // The TCK's now() and today() cases compare with the real date and time.
    static const SystemClock kClock;
    feel::MapScope inputs;
    inputs.set_clock(&kClock);
    for (pugi::xml_node input : Children(test, "inputNode")) inputs.Set(input.attribute("name").value(), ReadValue(input));
    const bool service = std::string_view(test.attribute("type").value()) == "decisionService";
    std::optional<Value> service_result;
    bool all = true;
    for (pugi::xml_node node : Children(test, "resultNode")) {
      Value expected = ReadValue(Child(node, "expected"));
      if (!expected.is_null()) result.expects_non_null = true;
      std::string name = node.attribute("name").value();
      Value actual;
      std::string problem;
      if (!loaded.model) {
        problem = loaded.status.message();
      } else if (service) {
        if (!service_result) {
          Result<Value> r = loaded.model->EvaluateService(test.attribute("invocableName").value(), inputs);
          service_result = r.ok() ? *r : Value::Null();
          if (!r.ok()) problem = r.status().message();
        }
        actual = *service_result;
        if (actual.is_context() && actual.FindEntry(name) && !expected.is_context()) actual = *actual.FindEntry(name);
      } else {
        std::vector<feel::Diagnostic> diagnostics;
        Result<Value> r = loaded.model->Evaluate(name, inputs, &diagnostics);
        if (r.ok()) {
          actual = *r;
        } else {
          problem = r.status().message();
        }
        if (problem.empty() && !diagnostics.empty()) problem = diagnostics.front().message;
      }
      bool approximate = false;
      if (!Matches(actual, expected, &approximate) || (!loaded.model)) {
        all = false;
        if (!result.detail.empty()) result.detail += "; ";
        result.detail += name + ": expected " + expected.ToString() + ", actual " + actual.ToString();
        if (!problem.empty()) result.detail += " (" + problem + ")";
      } else if (approximate) {
        result.within_tolerance = true;
      }
    }
    result.passed = all;
    summary.Add(std::move(result));
  }
}

}  // namespace

Result<TckSummary> RunTck(const std::string& dir) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return NotFound("no folder " + dir);
  std::vector<fs::path> files;
  for (auto it = fs::recursive_directory_iterator(dir, ec); it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (ec) break;
    const fs::path& p = it->path();
    std::string name = p.filename().string();
    if (p.extension() == ".xml" && name.find("-test-") != std::string::npos) files.push_back(p);
  }
  std::sort(files.begin(), files.end());
  TckSummary summary;
  for (const fs::path& file : files) RunFile(file, dir, summary);
  return summary;
}

Result<TckTreeResult> RunTckTree(const std::string& dir) {
  std::vector<fs::path> levels;
  for (const char* level : {"compliance-level-2", "compliance-level-3"}) {
    if (fs::is_directory(fs::path(dir) / level)) levels.push_back(fs::path(dir) / level);
  }
  TckTreeResult out;
  if (levels.empty()) {
    ASSIGN_OR_RETURN(out.counted, RunTck(dir));
    return out;
  }
  for (const fs::path& level : levels) {
    ASSIGN_OR_RETURN(TckSummary s, RunTck(level.string()));
    for (TckCaseResult& c : s.cases) {
      c.file = level.filename().string() + "/" + c.file;
      out.counted.Add(std::move(c));
    }
  }
  fs::path non_compliant = fs::path(dir) / "non-compliant";
  if (fs::is_directory(non_compliant)) {
    ASSIGN_OR_RETURN(out.non_compliant, RunTck(non_compliant.string()));
    out.has_non_compliant = true;
  }
  return out;
}

std::string TckSummaryText(const TckSummary& s) {
  return std::to_string(s.passed) + " passed, " + std::to_string(s.failed) + " failed, " + std::to_string(s.skipped) +
         " skipped (of " + std::to_string(s.total) + " test cases)";
}

}  // namespace ordo::dmn
