// JUEL translated to FEEL: every case of tests/bpmn/juel/juel.cases is translated, compiled and
// evaluated (or must be refused with its message), so what is checked is the behaviour, not the
// FEEL text.
#include "bpmn/juel.h"

#include <gtest/gtest.h>

#include <fstream>
#include <string>
#include <vector>

#include "base/json.h"
#include "bpmn/load.h"
#include "feel/expression.h"
#include "feel/json.h"

namespace ordo::bpmn {
namespace {

struct Case {
  int line = 0;
  std::string juel, context, expected;
};

std::string Trim(const std::string& s) {
  size_t b = s.find_first_not_of(' ');
  size_t e = s.find_last_not_of(' ');
  return b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
}

std::vector<Case> ReadCases() {
  std::ifstream in(JUEL_CASES);
  std::vector<Case> cases;
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    ++n;
    if (line.empty() || line[0] == '#' && line.size() > 1 && line[1] == ' ') continue;
    // The JUEL may contain '|' only inside the expression, so split on the last two " | ".
    size_t second = line.rfind(" | ");
    size_t first = second == std::string::npos ? std::string::npos : line.rfind(" | ", second - 1);
    if (first == std::string::npos) {
      ADD_FAILURE() << "line " << n << " is not JUEL | context | expected: " << line;
      continue;
    }
    Case c;
    c.line = n;
    c.juel = line.substr(0, first);
    c.context = Trim(line.substr(first + 3, second - first - 3));
    c.expected = Trim(line.substr(second + 3));
    cases.push_back(c);
  }
  return cases;
}

TEST(Juel, EveryCaseBehavesAsEl) {
  std::vector<Case> cases = ReadCases();
  ASSERT_GE(cases.size(), 50u) << "cases not found at " << JUEL_CASES;
  for (const Case& c : cases) {
    SCOPED_TRACE("juel.cases line " + std::to_string(c.line) + ": " + c.juel);
    Result<std::string> feel = TranslateJuel(c.juel);
    if (c.context == "error") {
      ASSERT_FALSE(feel.ok()) << "translated to " << *feel;
      EXPECT_EQ(feel.status().message().rfind(c.expected, 0), 0u) << feel.status().message();
      continue;
    }
    ASSERT_TRUE(feel.ok()) << feel.status().ToString();
    Result<feel::Expression> e = feel::Expression::Compile(*feel);
    ASSERT_TRUE(e.ok()) << *feel << ": " << e.status().ToString();
    feel::MapScope scope;
    // now() in the cases reads 2025-01-31T10:00:00Z.
    ManualClock clock(1'738'317'600'000);
    scope.set_clock(&clock);
    auto context = json::Parse(c.context);
    ASSERT_TRUE(context.ok()) << c.context;
    for (const auto& m : context->as_object()) scope.Set(m.key, feel::FromJson(m.value));
    std::vector<feel::Diagnostic> diagnostics;
    feel::Value v = e->Evaluate(scope, &diagnostics);
    auto expected = json::Parse(c.expected);
    ASSERT_TRUE(expected.ok()) << c.expected;
    EXPECT_EQ(json::Serialize(feel::ToJson(v)), json::Serialize(*expected)) << "FEEL: " << *feel;
  }
}

TEST(Juel, NestingAndSizeAreBounded) {
  std::string deep = "${" + std::string(200, '(') + "x" + std::string(200, ')') + "}";
  Result<std::string> r = TranslateJuel(deep);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("nested too deeply"), std::string::npos) << r.status().message();
  std::string empties = "${";
  for (int i = 0; i < 30; ++i) empties += "empty ";
  empties += "x}";
  Result<std::string> e = TranslateJuel(empties);
  ASSERT_FALSE(e.ok());
  EXPECT_NE(e.status().message().find("too long"), std::string::npos) << e.status().message();
}

TEST(Juel, CamundaModelsUseItInConditionsAndAssignments) {
  LoadResult r = Load(R"(<?xml version="1.0"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
             id="d" targetNamespace="t">
  <process id="p" isExecutable="true">
    <startEvent id="s"/><sequenceFlow id="f1" sourceRef="s" targetRef="review"/>
    <userTask id="review" camunda:assignee="${reviewer}" camunda:candidateGroups="${approverGroups}"/>
    <sequenceFlow id="f2" sourceRef="review" targetRef="g"/>
    <exclusiveGateway id="g"/>
    <sequenceFlow id="yes" sourceRef="g" targetRef="e1"><conditionExpression>${approved}</conditionExpression></sequenceFlow>
    <sequenceFlow id="no" sourceRef="g" targetRef="e2"><conditionExpression language="juel">#{!approved}</conditionExpression></sequenceFlow>
    <endEvent id="e1"/><endEvent id="e2"/>
  </process>
</definitions>)");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  const model::Process& p = *r.processes[0];
  EXPECT_TRUE(p.nodes[p.FindNode("review")].user_task->assignee.expression.has_value());
  EXPECT_TRUE(p.flows[p.FindFlow("no")].condition.has_value());

  LoadResult bad = Load(R"(<?xml version="1.0"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
             id="d" targetNamespace="t">
  <process id="p" isExecutable="true">
    <startEvent id="s"/><sequenceFlow id="f1" sourceRef="s" targetRef="review"/>
    <userTask id="review" camunda:assignee="${userService.pick()}"/>
  </process>
</definitions>)");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.problems[0].element, "review");
  EXPECT_EQ(bad.problems[0].line, 6);
  EXPECT_EQ(bad.problems[0].message,
            "JUEL expression '${userService.pick()}' in camunda:assignee cannot run: column 14: method calls never "
            "run in Ordo: '.pick(...)' (no Java objects)");
}

}  // namespace
}  // namespace ordo::bpmn
