// Business rule tasks: a BPMN process calling a deployed DMN decision, with Camunda 7's result
// mappings and Camunda 8's calledDecision, incidents for what cannot be evaluated, and the audit
// record of which rules fired.
#include <gtest/gtest.h>

#include <map>

#include "bpmn/load.h"
#include "dmn/decision_model.h"
#include "engine/engine.h"
#include "engine_test_util.h"
#include "feel/json.h"
#include "model/event_codec.h"

namespace ordo::engine {
namespace {

using test_util::Json;
using test_util::Keys;
using test_util::ReadFile;
using test_util::Vars;

using model::EventType;

class DecisionResolver final : public DefinitionResolver {
 public:
  std::shared_ptr<const model::Process> Resolve(uint64_t id) const override {
    auto it = processes.find(id);
    return it == processes.end() ? nullptr : it->second;
  }
  int Version(uint64_t id) const override { return processes.count(id) ? 1 : 0; }
  std::optional<ResolvedDecision> FindDecision(std::string_view key, std::optional<int> version) const override {
    std::optional<ResolvedDecision> best;
    for (const ResolvedDecision& d : decisions) {
      if (d.key != key) continue;
      if (version ? d.version == *version : (!best || d.version > best->version)) best = d;
    }
    return best;
  }
  std::map<uint64_t, std::shared_ptr<const model::Process>> processes;
  std::vector<ResolvedDecision> decisions;
};

constexpr const char* kInvoiceDmn = ORDO_REALISTIC_DIR "/camunda-bpm-platform-invoice/invoiceBusinessDecisions.dmn";

// A table with two outputs and a rule order hit policy, to see every mapping's shape.
constexpr const char* kDiscountDmn = R"(<?xml version="1.0"?>
<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="d" name="d" namespace="t">
  <decision id="discount" name="Discount">
    <decisionTable hitPolicy="RULE ORDER">
      <input><inputExpression typeRef="string"><text>tier</text></inputExpression></input>
      <output name="rate" typeRef="number"/><output name="reason" typeRef="string"/>
      <rule id="gold"><inputEntry><text>"gold"</text></inputEntry>
        <outputEntry><text>0.1</text></outputEntry><outputEntry><text>"gold tier"</text></outputEntry></rule>
      <rule id="any"><inputEntry><text>-</text></inputEntry>
        <outputEntry><text>0.01</text></outputEntry><outputEntry><text>"loyalty"</text></outputEntry></rule>
    </decisionTable>
  </decision>
</definitions>)";

class BusinessRuleTaskTest : public ::testing::Test {
 protected:
  uint64_t Deploy(const std::string& task) {
    std::string xml = R"(<?xml version="1.0"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
             xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="t">
  <process id="p" isExecutable="true">
    <startEvent id="s"/><sequenceFlow id="f1" sourceRef="s" targetRef="rules"/>)" +
                      task + R"(<sequenceFlow id="f2" sourceRef="rules" targetRef="e"/><endEvent id="e"/>
  </process></definitions>)";
    bpmn::LoadResult r = bpmn::Load(xml);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    if (!r.ok()) return 0;
    uint64_t id = next_definition_++;
    resolver_.processes[id] = r.processes.at(0);
    return id;
  }

  void AddDecision(const std::string& xml, const std::string& key, int version, std::vector<std::string> outputs,
                   bool per_rule) {
    auto model = dmn::DecisionModel::FromXml(xml);
    ASSERT_TRUE(model.ok()) << model.status().ToString();
    resolver_.decisions.push_back(ResolvedDecision{
        static_cast<uint64_t>(500 + resolver_.decisions.size()), key, version,
        std::make_shared<const dmn::DecisionModel>(model->WithVariableContext()), std::move(outputs), per_rule});
  }

  void AddInvoiceDecisions() {
    std::string xml = ReadFile(kInvoiceDmn);
    ASSERT_FALSE(xml.empty()) << kInvoiceDmn;
    AddDecision(xml, "invoice-assign-approver", 1, {"result"}, true);
    AddDecision(xml, "invoiceClassification", 1, {"invoiceClassification"}, false);
  }

  uint64_t Start(uint64_t def, const std::string& vars) {
    auto id = engine_.CreateInstance(CreateInstanceCommand{def, "", Vars(vars)}, now_, out_);
    EXPECT_TRUE(id.ok()) << id.status().ToString();
    return id.ok() ? *id : 0;
  }

  const Instance& Inst(uint64_t id) { return *state_.FindInstance(id); }

  const model::Event* LastOf(EventType type) {
    for (auto it = out_.rbegin(); it != out_.rend(); ++it) {
      if (it->event.type == type) return &it->event;
    }
    return nullptr;
  }

  std::string IncidentMessage(uint64_t inst) { return test_util::OpenIncidentMessage(Inst(inst)); }
  uint64_t OpenIncident(uint64_t inst) { return test_util::OpenIncidentId(Inst(inst)); }

  DecisionResolver resolver_;
  Keys keys_;
  State state_;
  Engine engine_{state_, resolver_, keys_};
  EventOutput out_;
  TimestampMs now_ = 1'700'000'000'000;
  uint64_t next_definition_ = 1;
};

TEST_F(BusinessRuleTaskTest, CamundaInvoiceDecisionCollectsApproverGroups) {
  AddInvoiceDecisions();
  uint64_t def = Deploy(R"(<businessRuleTask id="rules" camunda:resultVariable="approverGroups"
      camunda:decisionRef="invoice-assign-approver" camunda:mapDecisionResult="collectEntries"/>)");
  uint64_t id = Start(def, R"({"amount": 30, "invoiceCategory": "Travel Expenses"})");
  ASSERT_EQ(Inst(id).status, InstanceStatus::kCompleted) << IncidentMessage(id);
  EXPECT_EQ(Json(Inst(id).variables.at("approverGroups")), R"(["accounting","sales"])");

  // The audit record: which decision, which version, which rules fired, in evaluation order.
  const model::Event* e = LastOf(EventType::kDecisionEvaluated);
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->element, "rules");
  EXPECT_EQ(e->name, "invoice-assign-approver");
  EXPECT_EQ(e->number, 1);
  EXPECT_EQ(e->list1, (std::vector<std::string>{"invoiceClassification#4", "invoice-assign-approver#1",
                                                "invoice-assign-approver#2"}));
  EXPECT_EQ(e->list2, (std::vector<std::string>{"DecisionRule_0cuxolz", "row-49839158-1", "row-49839158-6"}));
  // It survives the canonical encoding.
  auto back = model::ParseCanonical(model::CanonicalBytes(*e));
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(model::CanonicalBytes(*back), model::CanonicalBytes(*e));

  uint64_t id2 = Start(def, R"({"amount": 1500, "invoiceCategory": "Misc"})");
  ASSERT_EQ(Inst(id2).status, InstanceStatus::kCompleted) << IncidentMessage(id2);
  EXPECT_EQ(Json(Inst(id2).variables.at("approverGroups")), R"(["management"])");
}

TEST_F(BusinessRuleTaskTest, ZeebeCalledDecisionStoresTheValueAsItIs) {
  AddInvoiceDecisions();
  uint64_t def = Deploy(R"(<businessRuleTask id="rules"><extensionElements>
      <zeebe:calledDecision decisionId="invoiceClassification" resultVariable="classification"/>
      </extensionElements></businessRuleTask>)");
  uint64_t id = Start(def, R"({"amount": 500, "invoiceCategory": "Misc"})");
  ASSERT_EQ(Inst(id).status, InstanceStatus::kCompleted) << IncidentMessage(id);
  EXPECT_EQ(Json(Inst(id).variables.at("classification")), R"("budget")");
}

TEST_F(BusinessRuleTaskTest, EveryCamundaMappingHasItsShape) {
  AddDecision(kDiscountDmn, "discount", 1, {"rate", "reason"}, true);
  struct Case {
    const char* mapping;
    const char* tier;
    const char* expected;  // JSON, or "incident"
  };
  const Case cases[] = {
      {"resultList", "gold", R"([{"rate":0.1,"reason":"gold tier"},{"rate":0.01,"reason":"loyalty"}])"},
      {"singleResult", "silver", R"({"rate":0.01,"reason":"loyalty"})"},
      {"singleResult", "gold", "incident"},  // two rules matched
      {"singleEntry", "silver", "incident"},  // two entries
      {"collectEntries", "silver", "incident"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(std::string(c.mapping) + " " + c.tier);
    uint64_t def = Deploy(std::string(R"(<businessRuleTask id="rules" camunda:decisionRef="discount"
        camunda:resultVariable="out" camunda:mapDecisionResult=")") + c.mapping + R"("/>)");
    uint64_t id = Start(def, std::string(R"({"tier": ")") + c.tier + R"("})");
    if (std::string(c.expected) == "incident") {
      EXPECT_EQ(Inst(id).status, InstanceStatus::kActive);
      EXPECT_NE(IncidentMessage(id).find(c.mapping), std::string::npos) << IncidentMessage(id);
    } else {
      ASSERT_EQ(Inst(id).status, InstanceStatus::kCompleted) << IncidentMessage(id);
      EXPECT_EQ(Json(Inst(id).variables.at("out")), c.expected);
    }
  }
}

TEST_F(BusinessRuleTaskTest, MissingDecisionRaisesAnIncidentResolvedAfterDeploying) {
  uint64_t def = Deploy(R"(<businessRuleTask id="rules" camunda:decisionRef="invoiceClassification"
      camunda:resultVariable="c" camunda:mapDecisionResult="singleEntry"/>)");
  uint64_t id = Start(def, R"({"amount": 100, "invoiceCategory": "Misc"})");
  EXPECT_EQ(Inst(id).status, InstanceStatus::kActive);
  EXPECT_EQ(IncidentMessage(id), "no decision 'invoiceClassification' is deployed (business rule task 'rules')");
  AddInvoiceDecisions();
  ASSERT_TRUE(engine_.ResolveIncident(OpenIncident(id), {}, now_, out_).ok());
  ASSERT_EQ(Inst(id).status, InstanceStatus::kCompleted) << IncidentMessage(id);
  EXPECT_EQ(Json(Inst(id).variables.at("c")), R"("day-to-day expense")");
}

TEST_F(BusinessRuleTaskTest, AMissingInputVariableRaisesAnIncidentNamingIt) {
  AddInvoiceDecisions();
  uint64_t def = Deploy(R"(<businessRuleTask id="rules" camunda:decisionRef="invoiceClassification"
      camunda:resultVariable="c" camunda:mapDecisionResult="singleEntry"/>)");
  uint64_t id = Start(def, R"({"amount": 100})");
  EXPECT_EQ(Inst(id).status, InstanceStatus::kActive);
  std::string message = IncidentMessage(id);
  EXPECT_NE(message.find("decision 'invoiceClassification' version 1 failed"), std::string::npos) << message;
  EXPECT_NE(message.find("invoiceCategory"), std::string::npos) << message;
  // Resolving with the variable set evaluates again.
  ASSERT_TRUE(engine_.ResolveIncident(OpenIncident(id), Vars(R"({"invoiceCategory": "Misc"})"), now_, out_).ok());
  ASSERT_EQ(Inst(id).status, InstanceStatus::kCompleted) << IncidentMessage(id);
  EXPECT_EQ(Json(Inst(id).variables.at("c")), R"("day-to-day expense")");
}

TEST_F(BusinessRuleTaskTest, VersionBindingPicksThatVersion) {
  std::string xml = ReadFile(kInvoiceDmn);
  AddDecision(xml, "invoiceClassification", 1, {"invoiceClassification"}, false);
  AddDecision(kDiscountDmn, "invoiceClassification", 2, {"x"}, false);  // a later, unrelated version
  uint64_t def = Deploy(R"(<businessRuleTask id="rules" camunda:decisionRef="invoiceClassification"
      camunda:decisionRefBinding="version" camunda:decisionRefVersion="1"
      camunda:resultVariable="c" camunda:mapDecisionResult="singleEntry"/>)");
  uint64_t id = Start(def, R"({"amount": 100, "invoiceCategory": "Misc"})");
  ASSERT_EQ(Inst(id).status, InstanceStatus::kCompleted) << IncidentMessage(id);
  EXPECT_EQ(LastOf(EventType::kDecisionEvaluated)->number, 1);
}

TEST_F(BusinessRuleTaskTest, TheDecisionReferenceMayBeAnExpression) {
  AddInvoiceDecisions();
  // Camunda 7 JUEL and Camunda 8 FEEL both pick the decision from a variable.
  uint64_t juel = Deploy(R"(<businessRuleTask id="rules" camunda:decisionRef="${which}"
      camunda:resultVariable="c" camunda:mapDecisionResult="singleEntry"/>)");
  uint64_t a = Start(juel, R"({"which": "invoiceClassification", "amount": 100, "invoiceCategory": "Misc"})");
  ASSERT_EQ(Inst(a).status, InstanceStatus::kCompleted) << IncidentMessage(a);
  EXPECT_EQ(Json(Inst(a).variables.at("c")), R"("day-to-day expense")");
  uint64_t feel = Deploy(R"(<businessRuleTask id="rules"><extensionElements>
      <zeebe:calledDecision decisionId="=&quot;invoice&quot; + suffix" resultVariable="c"/>
      </extensionElements></businessRuleTask>)");
  uint64_t b = Start(feel, R"({"suffix": "Classification", "amount": 5000, "invoiceCategory": "Misc"})");
  ASSERT_EQ(Inst(b).status, InstanceStatus::kCompleted) << IncidentMessage(b);
  EXPECT_EQ(Json(Inst(b).variables.at("c")), R"("exceptional")");
  // A reference that is not a string is an incident naming the task.
  uint64_t c = Start(juel, R"({"which": 7, "amount": 100, "invoiceCategory": "Misc"})");
  EXPECT_EQ(Inst(c).status, InstanceStatus::kActive);
  EXPECT_EQ(IncidentMessage(c), "the decision reference of 'rules' did not evaluate to a string, got 7");
}

TEST(BusinessRuleTaskModel, ProblemsAreNamedAtDeployment) {
  auto load = [](const std::string& task) {
    return bpmn::Load(R"(<?xml version="1.0"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
             xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="t">
  <process id="p" isExecutable="true"><startEvent id="s"/><sequenceFlow id="f1" sourceRef="s" targetRef="rules"/>
)" + task + "</process></definitions>");
  };
  auto first_message = [](const bpmn::LoadResult& r) { return r.problems.empty() ? "" : r.problems[0].message; };
  auto none = load(R"(<businessRuleTask id="rules"/>)");
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.problems[0].element, "rules");
  EXPECT_NE(first_message(none).find("has no decision"), std::string::npos);
  auto mapping = load(R"(<businessRuleTask id="rules" camunda:decisionRef="x" camunda:mapDecisionResult="all"/>)");
  EXPECT_NE(first_message(mapping).find("unknown camunda:mapDecisionResult=\"all\""), std::string::npos);
  // A JUEL decision reference reading a variable is translated to FEEL; one calling Java is not.
  auto juel = load(R"(<businessRuleTask id="rules" camunda:decisionRef="${ref}"/>)");
  ASSERT_TRUE(juel.ok()) << juel.status().ToString();
  EXPECT_TRUE(juel.processes[0]->nodes[juel.processes[0]->FindNode("rules")].business_rule_task->decision.expression);
  auto java_ref = load(R"(<businessRuleTask id="rules" camunda:decisionRef="${rules.pick()}"/>)");
  EXPECT_NE(first_message(java_ref).find("JUEL expression '${rules.pick()}' in camunda:decisionRef cannot run"),
            std::string::npos)
      << first_message(java_ref);
  auto zeebe = load(R"(<businessRuleTask id="rules"><extensionElements><zeebe:calledDecision decisionId="x"/>
      </extensionElements></businessRuleTask>)");
  EXPECT_NE(first_message(zeebe).find("no resultVariable"), std::string::npos);
  auto version = load(R"(<businessRuleTask id="rules" camunda:decisionRef="x" camunda:decisionRefBinding="version"
      camunda:decisionRefVersion="${v}"/>)");
  EXPECT_EQ(first_message(version), "camunda:decisionRefVersion must be a whole number of 1 or more, not '${v}'");
  auto binding = load(R"(<businessRuleTask id="rules" camunda:decisionRef="x" camunda:decisionRefBinding="deployment"/>)");
  EXPECT_NE(first_message(binding).find("unsupported camunda:decisionRefBinding=\"deployment\""), std::string::npos);
  auto java = load(R"(<businessRuleTask id="rules" camunda:class="com.acme.Rules"/>)");
  EXPECT_NE(first_message(java).find("Java delegates"), std::string::npos);
  // A business rule task with a job type is a job for an external worker.
  auto job = load(R"(<businessRuleTask id="rules" camunda:type="external" camunda:topic="scoring"/>
      <sequenceFlow id="f2" sourceRef="rules" targetRef="e"/><endEvent id="e"/>)");
  ASSERT_TRUE(job.ok()) << job.status().ToString();
  const model::FlowNode& node = job.processes[0]->nodes[job.processes[0]->FindNode("rules")];
  EXPECT_EQ(node.kind, model::NodeKind::kServiceTask);
  EXPECT_EQ(node.service_task->job_type, "scoring");
}

}  // namespace
}  // namespace ordo::engine
