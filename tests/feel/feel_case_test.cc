// Runs the FEEL behaviour cases in tests/feel/cases/*.feeltest (DuckDB sqllogictest style).
//
// File format. Lines starting with '#' are comments; a blank line ends a case. A case is:
//
//   <FEEL source, one or more lines>
//   context: {"amount": 1500}     optional: the variables, one JSON object
//   input: 2500                   optional: compile the source as unary tests, test this input
//   ----
//   <expected>
//   diagnostic: <text>            optional: some diagnostic must contain <text>
//
// <expected> is one of
//   a JSON value       compared with feel::ToJson(result), serialized compactly (numbers exact:
//                      1.50 and 1.5 differ);
//   feel: <text>       compared with result.ToString(), FEEL's own literal text, which tells a
//                      date("2024-01-01") from the string "2024-01-01";
//   error: <text>      compiling must fail with a message containing <text> (for example
//                      "line 1, column 7: expected").
// Each case becomes one test named <file>_<line of its first source line>.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "base/json.h"
#include "feel/expression.h"
#include "feel/json.h"

namespace ordo::feel {
namespace {

struct Case {
  std::string file;
  int line = 0;
  std::string source;
  std::string context;  // JSON object text or empty
  std::string input;    // JSON text or empty: unary tests when set
  std::string expected;
  std::string diagnostic;
  std::string name;
};

std::string Trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t\r");
  size_t e = s.find_last_not_of(" \t\r");
  return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}

bool StartsWith(const std::string& s, std::string_view prefix) { return s.rfind(prefix, 0) == 0; }

std::vector<Case> LoadFile(const std::filesystem::path& path) {
  std::vector<Case> cases;
  std::ifstream in(path);
  std::string line;
  int number = 0;
  Case current;
  bool after_separator = false;
  auto flush = [&] {
    if (current.line != 0) {
      current.file = path.stem().string();
      current.name = current.file + "_" + std::to_string(current.line);
      std::replace_if(
          current.name.begin(), current.name.end(), [](char c) { return !std::isalnum(static_cast<unsigned char>(c)); },
          '_');
      cases.push_back(current);
    }
    current = Case();
    after_separator = false;
  };
  while (std::getline(in, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (StartsWith(line, "#")) continue;
    if (Trim(line).empty()) {
      flush();
      continue;
    }
    if (after_separator) {
      if (StartsWith(line, "diagnostic:")) {
        current.diagnostic = Trim(line.substr(11));
      } else {
        current.expected += (current.expected.empty() ? "" : "\n") + line;
      }
    } else if (line == "----") {
      after_separator = true;
    } else if (StartsWith(line, "context:")) {
      current.context = Trim(line.substr(8));
    } else if (StartsWith(line, "input:")) {
      current.input = Trim(line.substr(6));
    } else {
      if (current.line == 0) current.line = number;
      current.source += (current.source.empty() ? "" : "\n") + line;
    }
  }
  flush();
  return cases;
}

std::vector<Case> LoadAll() {
  std::vector<Case> all;
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(FEEL_CASES_DIR)) {
    if (entry.path().extension() == ".feeltest") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  for (const auto& f : files) {
    std::vector<Case> cases = LoadFile(f);
    all.insert(all.end(), cases.begin(), cases.end());
  }
  return all;
}

void PrintTo(const Case& c, std::ostream* os) { *os << c.file << ".feeltest:" << c.line; }

class FeelCase : public ::testing::TestWithParam<Case> {};

TEST_P(FeelCase, Evaluates) {
  const Case& c = GetParam();
  SCOPED_TRACE(c.file + ".feeltest:" + std::to_string(c.line) + ": " + c.source);
  Result<Expression> compiled =
      c.input.empty() ? Expression::Compile(c.source) : Expression::CompileUnaryTests(c.source);
  if (StartsWith(c.expected, "error:")) {
    ASSERT_FALSE(compiled.ok()) << "compiled, but expected an error";
    EXPECT_NE(compiled.status().ToString().find(Trim(c.expected.substr(6))), std::string::npos)
        << compiled.status().ToString();
    return;
  }
  ASSERT_TRUE(compiled.ok()) << compiled.status().ToString();
  MapScope scope;
  if (!c.context.empty()) {
    Result<json::Value> context = json::Parse(c.context);
    ASSERT_TRUE(context.ok() && context->is_object()) << "bad context JSON: " << c.context;
    for (const json::Member& m : context->as_object()) scope.Set(m.key, FromJson(m.value));
  }
  std::vector<Diagnostic> diagnostics;
  Value result;
  if (c.input.empty()) {
    result = compiled->Evaluate(scope, &diagnostics);
  } else {
    Result<json::Value> input = json::Parse(c.input);
    ASSERT_TRUE(input.ok()) << "bad input JSON: " << c.input;
    result = compiled->EvaluateUnaryTests(FromJson(*input), scope, &diagnostics);
  }
  std::string diagnostics_text;
  for (const Diagnostic& d : diagnostics) {
    diagnostics_text += "\n  " + std::to_string(d.line) + ":" + std::to_string(d.column) + " " + d.message;
  }
  if (StartsWith(c.expected, "feel:")) {
    EXPECT_EQ(result.ToString(), Trim(c.expected.substr(5))) << "diagnostics:" << diagnostics_text;
  } else {
    Result<json::Value> expected = json::Parse(c.expected);
    ASSERT_TRUE(expected.ok()) << "bad expected JSON: " << c.expected;
    EXPECT_EQ(json::Serialize(ToJson(result)), json::Serialize(*expected)) << "diagnostics:" << diagnostics_text;
  }
  if (!c.diagnostic.empty()) {
    EXPECT_NE(diagnostics_text.find(c.diagnostic), std::string::npos)
        << "expected a diagnostic containing '" << c.diagnostic << "', got:" << diagnostics_text;
  }
}

INSTANTIATE_TEST_SUITE_P(Cases, FeelCase, ::testing::ValuesIn(LoadAll()),
                         [](const ::testing::TestParamInfo<Case>& info) { return info.param.name; });

}  // namespace
}  // namespace ordo::feel
