// DecisionModel::FromXml and the evaluation trace (DMN 1.5 §6.3.2 evaluation of a decision
// requirements graph, §8.2.10 hit policies): which decisions ran, in which order, and which
// rules of their tables matched.
#include <gtest/gtest.h>

#include <string>

#include "dmn/decision_model.h"
#include "feel/expression.h"

namespace ordo::dmn {
namespace {

// "Discounts" (COLLECT, two rules can match) requires "Level", which requires input "Amount".
constexpr const char* kModel = R"(<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="https://www.omg.org/spec/DMN/20230324/MODEL/" id="defs" name="Trace" namespace="urn:trace">
  <inputData id="amount" name="Amount"><variable name="Amount" typeRef="number"/></inputData>
  <decision id="level" name="Level">
    <variable name="Level" typeRef="string"/>
    <informationRequirement><requiredInput href="#amount"/></informationRequirement>
    <literalExpression><text>if Amount &gt; 100 then "gold" else "silver"</text></literalExpression>
  </decision>
  <decision id="discounts" name="Discounts">
    <informationRequirement><requiredDecision href="#level"/></informationRequirement>
    <informationRequirement><requiredInput href="#amount"/></informationRequirement>
    <decisionTable hitPolicy="COLLECT">
      <input><inputExpression typeRef="string"><text>Level</text></inputExpression></input>
      <input><inputExpression typeRef="number"><text>Amount</text></inputExpression></input>
      <output name="discount" typeRef="number"/>
      <rule id="r-silver"><inputEntry><text>"silver"</text></inputEntry><inputEntry><text>-</text></inputEntry>
        <outputEntry><text>1</text></outputEntry></rule>
      <rule id="r-gold"><inputEntry><text>"gold"</text></inputEntry><inputEntry><text>-</text></inputEntry>
        <outputEntry><text>5</text></outputEntry></rule>
      <rule><inputEntry><text>-</text></inputEntry><inputEntry><text>&gt; 50</text></inputEntry>
        <outputEntry><text>2</text></outputEntry></rule>
    </decisionTable>
  </decision>
  <decision id="first" name="First">
    <informationRequirement><requiredInput href="#amount"/></informationRequirement>
    <decisionTable hitPolicy="FIRST">
      <input><inputExpression><text>Amount</text></inputExpression></input>
      <output name="o"/>
      <rule id="f1"><inputEntry><text>&gt; 10</text></inputEntry><outputEntry><text>"a"</text></outputEntry></rule>
      <rule id="f2"><inputEntry><text>&gt; 0</text></inputEntry><outputEntry><text>"b"</text></outputEntry></rule>
    </decisionTable>
  </decision>
</definitions>
)";

feel::MapScope Inputs(int64_t amount) {
  feel::MapScope scope;
  scope.Set("Amount", feel::Value::Int(amount));
  return scope;
}

TEST(DecisionTrace, CollectTableListsEveryMatchedRuleAfterItsRequirements) {
  Result<DecisionModel> model = DecisionModel::FromXml(kModel);
  ASSERT_TRUE(model.ok()) << model.status().ToString();
  EvaluationTrace trace;
  Result<feel::Value> v = model->Evaluate("Discounts", Inputs(200), nullptr, &trace);
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(v->ToString(), "[5, 2]");
  ASSERT_EQ(trace.decisions.size(), 2u);
  EXPECT_EQ(trace.decisions[0].decision_id, "level");
  EXPECT_EQ(trace.decisions[0].decision_name, "Level");
  EXPECT_FALSE(trace.decisions[0].is_table);
  EXPECT_TRUE(trace.decisions[0].matched_rules.empty());
  const DecisionTrace& table = trace.decisions[1];
  EXPECT_EQ(table.decision_id, "discounts");
  EXPECT_TRUE(table.is_table);
  EXPECT_EQ(table.matched_rules, (std::vector<int>{2, 3}));
  EXPECT_EQ(table.matched_rule_ids, (std::vector<std::string>{"r-gold", ""}));
}

TEST(DecisionTrace, RequiredDecisionEvaluatedOnceAndTracedOnce) {
  Result<DecisionModel> model = DecisionModel::FromXml(kModel);
  ASSERT_TRUE(model.ok()) << model.status().ToString();
  EvaluationTrace trace;
  ASSERT_TRUE(model->Evaluate("discounts", Inputs(20), nullptr, &trace).ok());
  ASSERT_EQ(trace.decisions.size(), 2u);
  EXPECT_EQ(trace.decisions[0].decision_name, "Level");
  EXPECT_EQ(trace.decisions[1].matched_rules, (std::vector<int>{1}));
  EXPECT_EQ(trace.decisions[1].matched_rule_ids, (std::vector<std::string>{"r-silver"}));
}

TEST(DecisionTrace, FirstPolicyRecordsOnlyTheRuleTaken) {
  Result<DecisionModel> model = DecisionModel::FromXml(kModel);
  ASSERT_TRUE(model.ok());
  EvaluationTrace trace;
  Result<feel::Value> v = model->Evaluate("First", Inputs(20), nullptr, &trace);
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(v->ToString(), "\"a\"");
  ASSERT_EQ(trace.decisions.size(), 1u);
  EXPECT_EQ(trace.decisions[0].matched_rules, (std::vector<int>{1}));
  EXPECT_EQ(trace.decisions[0].matched_rule_ids, (std::vector<std::string>{"f1"}));
}

TEST(DecisionTrace, NoTraceGivesTheSameResult) {
  Result<DecisionModel> model = DecisionModel::FromXml(kModel);
  ASSERT_TRUE(model.ok());
  Result<feel::Value> v = model->Evaluate("Discounts", Inputs(200));
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(v->ToString(), "[5, 2]");
}

TEST(DecisionModelFromXml, ListsDecisionIdsInDocumentOrder) {
  Result<DecisionModel> model = DecisionModel::FromXml(kModel);
  ASSERT_TRUE(model.ok());
  EXPECT_EQ(model->DecisionIds(), (std::vector<std::string>{"level", "discounts", "first"}));
  EXPECT_EQ(model->DecisionNames(), (std::vector<std::string>{"Level", "Discounts", "First"}));
}

TEST(DecisionModelFromXml, MalformedXmlIsAnErrorWithItsLine) {
  Result<DecisionModel> model = DecisionModel::FromXml("<definitions>\n<decision id=\"d\">\n</definitions>");
  ASSERT_FALSE(model.ok());
  EXPECT_EQ(model.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(model.status().message().find(":3"), std::string::npos) << model.status().message();
}

TEST(DecisionModelFromXml, UnknownRequirementIsAnError) {
  Result<DecisionModel> model = DecisionModel::FromXml(R"(<definitions namespace="urn:x" name="x">
  <decision id="d" name="D"><informationRequirement><requiredDecision href="#missing"/></informationRequirement>
    <literalExpression><text>1</text></literalExpression></decision>
</definitions>)");
  ASSERT_FALSE(model.ok());
  EXPECT_NE(model.status().message().find("#missing"), std::string::npos) << model.status().message();
}

}  // namespace
}  // namespace ordo::dmn
