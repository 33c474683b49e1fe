// Runs the DMN behaviour cases in tests/dmn/cases/*.dmntest against the model of the same name
// (<file>.dmn). Format: '#' lines are comments (say which DMN 1.5 section a case exercises); a
// blank line ends a case:
//
//   <decision name>
//   context: {"x": 1}      optional: the input data, one JSON object
//   ----
//   <expected JSON>        compared with feel::ToJson(result), serialized compactly
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "base/json.h"
#include "dmn/decision_model.h"
#include "feel/json.h"

namespace ordo::dmn {
namespace {

struct DmnCase {
  std::string file;
  int line = 0;
  std::string decision;
  std::string context = "{}";
  std::string expected;
};

std::vector<DmnCase> LoadCases() {
  std::vector<DmnCase> cases;
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(DMN_CASES_DIR)) {
    if (entry.path().extension() == ".dmntest") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  for (const auto& path : files) {
    std::ifstream in(path);
    std::string text;
    int number = 0;
    DmnCase current;
    bool expecting = false;
    auto flush = [&] {
      if (!current.decision.empty()) cases.push_back(current);
      current = DmnCase{};
      expecting = false;
    };
    while (std::getline(in, text)) {
      ++number;
      if (text.empty()) {
        flush();
        continue;
      }
      if (text[0] == '#') continue;
      if (expecting) {
        current.expected = text;
      } else if (text == "----") {
        expecting = true;
      } else if (text.rfind("context: ", 0) == 0) {
        current.context = text.substr(9);
      } else {
        current.file = path.string();
        current.line = number;
        current.decision = text;
      }
    }
    flush();
  }
  return cases;
}

class DmnCaseTest : public ::testing::TestWithParam<DmnCase> {};

TEST_P(DmnCaseTest, Evaluates) {
  const DmnCase& c = GetParam();
  std::string model_path = std::filesystem::path(c.file).replace_extension(".dmn").string();
  Result<DecisionModel> model = DecisionModel::LoadFile(model_path);
  ASSERT_TRUE(model.ok()) << model.status().ToString();
  Result<json::Value> context = json::Parse(c.context);
  ASSERT_TRUE(context.ok() && context->is_object()) << c.context;
  feel::MapScope inputs;
  for (const auto& member : context->as_object()) inputs.Set(member.key, feel::FromJson(member.value));
  std::vector<feel::Diagnostic> diagnostics;
  Result<feel::Value> v = model->Evaluate(c.decision, inputs, &diagnostics);
  ASSERT_TRUE(v.ok()) << v.status().ToString();
  Result<json::Value> expected = json::Parse(c.expected);
  ASSERT_TRUE(expected.ok()) << c.expected;
  std::string notes;
  for (const auto& d : diagnostics) notes += d.message + "\n";
  EXPECT_EQ(json::Serialize(feel::ToJson(*v)), json::Serialize(*expected)) << c.file << ":" << c.line << "\n" << notes;
}

INSTANTIATE_TEST_SUITE_P(Cases, DmnCaseTest, ::testing::ValuesIn(LoadCases()),
                         [](const ::testing::TestParamInfo<DmnCase>& info) {
                           std::string name = std::filesystem::path(info.param.file).stem().string() + "_" +
                                              std::to_string(info.param.line);
                           for (char& ch : name) {
                             if (!isalnum(static_cast<unsigned char>(ch))) ch = '_';
                           }
                           return name;
                         });

}  // namespace
}  // namespace ordo::dmn
