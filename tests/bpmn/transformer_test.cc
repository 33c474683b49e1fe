#include "bpmn/transformer.h"

#include <gtest/gtest.h>

#include "bpmn/reader.h"
#include "test_models.h"

namespace ordo::bpmn {
namespace {

using model::kNone;
using model::NodeKind;
using testing::Bpmn;
using testing::Linear;

std::string Describe(const std::vector<Problem>& problems) {
  std::string s;
  for (const Problem& p : problems) s += "\n  " + p.ToString();
  return s;
}

ProcessList CompileOk(std::string_view xml) {
  Problem problem;
  Result<Document> doc = ReadDocument(xml, {}, &problem);
  EXPECT_TRUE(doc.ok()) << problem.ToString();
  if (!doc.ok()) return {};
  CompileOutput out = CompileDocument(*doc);
  EXPECT_TRUE(out.problems.empty()) << Describe(out.problems);
  return out.processes;
}

std::shared_ptr<const model::Process> CompileOne(std::string_view xml) {
  ProcessList list = CompileOk(xml);
  EXPECT_EQ(list.size(), 1u);
  if (list.size() != 1) std::abort();
  return list[0];
}

const model::FlowNode& Node(const model::Process& p, std::string_view id) {
  model::NodeIndex i = p.FindNode(id);
  EXPECT_NE(i, kNone) << id;
  if (i == kNone) std::abort();
  return p.nodes[i];
}

TEST(Transformer, CompilesTheGraph) {
  auto p = CompileOne(Bpmn(R"(<bpmn:startEvent id="start" name="Go"/>
<bpmn:task id="t" name="Work"/>
<bpmn:manualTask id="m"/>
<bpmn:endEvent id="end"/>
<bpmn:endEvent id="kill"><bpmn:terminateEventDefinition/></bpmn:endEvent>
<bpmn:parallelGateway id="fork"/>
<bpmn:sequenceFlow id="f1" name="first" sourceRef="start" targetRef="fork"/>
<bpmn:sequenceFlow id="f2" sourceRef="fork" targetRef="t"/>
<bpmn:sequenceFlow id="f3" sourceRef="fork" targetRef="m"/>
<bpmn:sequenceFlow id="f4" sourceRef="t" targetRef="end"/>
<bpmn:sequenceFlow id="f5" sourceRef="m" targetRef="kill"/>)",
                           R"(id="order" name="Order" isExecutable="true")"));
  EXPECT_EQ(p->key, "order");
  EXPECT_EQ(p->name, "Order");
  ASSERT_EQ(p->nodes.size(), 6u);
  ASSERT_EQ(p->flows.size(), 5u);
  ASSERT_EQ(p->none_start_events.size(), 1u);
  EXPECT_EQ(p->nodes[p->none_start_events[0]].id, "start");
  EXPECT_EQ(Node(*p, "start").name, "Go");
  EXPECT_EQ(Node(*p, "kill").kind, NodeKind::kTerminateEndEvent);
  EXPECT_EQ(Node(*p, "end").kind, NodeKind::kEndEvent);
  EXPECT_EQ(Node(*p, "m").kind, NodeKind::kManualTask);
  EXPECT_EQ(Node(*p, "fork").kind, NodeKind::kParallelGateway);
  const model::FlowNode& fork = Node(*p, "fork");
  ASSERT_EQ(fork.incoming.size(), 1u);
  ASSERT_EQ(fork.outgoing.size(), 2u);
  const model::SequenceFlow& f1 = p->flows[p->FindFlow("f1")];
  EXPECT_EQ(f1.name, "first");
  EXPECT_EQ(p->nodes[f1.source].id, "start");
  EXPECT_EQ(p->nodes[f1.target].id, "fork");
  EXPECT_FALSE(f1.condition.has_value());
  EXPECT_EQ(p->flows[fork.outgoing[0]].id, "f2");
  EXPECT_EQ(p->flows[fork.outgoing[1]].id, "f3");
}

TEST(Transformer, ConditionsAndDefaultFlows) {
  auto p = CompileOne(Bpmn(R"(<bpmn:startEvent id="start"/>
<bpmn:exclusiveGateway id="g" default="other"/>
<bpmn:task id="t" default="t2"/>
<bpmn:endEvent id="a"/>
<bpmn:endEvent id="b"/>
<bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="g"/>
<bpmn:sequenceFlow id="big" sourceRef="g" targetRef="t">
  <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">= amount &gt; 1000</bpmn:conditionExpression>
</bpmn:sequenceFlow>
<bpmn:sequenceFlow id="small" sourceRef="g" targetRef="a">
  <bpmn:conditionExpression language="https://www.omg.org/spec/DMN/20191111/FEEL/">amount &lt; 10</bpmn:conditionExpression>
</bpmn:sequenceFlow>
<bpmn:sequenceFlow id="other" sourceRef="g" targetRef="b"/>
<bpmn:sequenceFlow id="t1" sourceRef="t" targetRef="a"><bpmn:conditionExpression>urgent</bpmn:conditionExpression></bpmn:sequenceFlow>
<bpmn:sequenceFlow id="t2" sourceRef="t" targetRef="b"/>)"));
  const model::FlowNode& g = Node(*p, "g");
  ASSERT_NE(g.default_flow, kNone);
  EXPECT_EQ(p->flows[g.default_flow].id, "other");
  EXPECT_EQ(p->flows[Node(*p, "t").default_flow].id, "t2");
  const model::SequenceFlow& big = p->flows[p->FindFlow("big")];
  ASSERT_TRUE(big.condition.has_value());
  EXPECT_EQ(big.condition->source(), "amount > 1000");
  EXPECT_EQ(p->flows[p->FindFlow("small")].condition->source(), "amount < 10");
  EXPECT_FALSE(p->flows[p->FindFlow("other")].condition.has_value());
  EXPECT_EQ(Node(*p, "start").default_flow, kNone);
}

TEST(Transformer, Camunda7Attributes) {
  auto p = CompileOne(Bpmn(R"(<bpmn:startEvent id="start"/>
<bpmn:userTask id="u" camunda:assignee="demo" camunda:candidateGroups="accounting, sales" camunda:candidateUsers="=approvers"/>
<bpmn:serviceTask id="s" camunda:type="external" camunda:topic="charge-card"/>
<bpmn:scriptTask id="sc" scriptFormat="feel" camunda:resultVariable="total"><bpmn:script><![CDATA[price * quantity]]></bpmn:script></bpmn:scriptTask>
<bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="u"/>
<bpmn:sequenceFlow id="f2" sourceRef="u" targetRef="s"/>
<bpmn:sequenceFlow id="f3" sourceRef="s" targetRef="sc"/>)"));
  const model::FlowNode& u = Node(*p, "u");
  ASSERT_TRUE(u.user_task.has_value());
  EXPECT_EQ(u.user_task->assignee.text, "demo");
  EXPECT_FALSE(u.user_task->assignee.expression.has_value());
  EXPECT_EQ(u.user_task->candidate_groups.text, "accounting, sales");
  ASSERT_TRUE(u.user_task->candidate_users.expression.has_value());
  EXPECT_EQ(u.user_task->candidate_users.expression->source(), "approvers");
  const model::FlowNode& s = Node(*p, "s");
  ASSERT_TRUE(s.service_task.has_value());
  EXPECT_EQ(s.service_task->job_type, "charge-card");
  EXPECT_EQ(s.service_task->retries, 3);
  const model::FlowNode& sc = Node(*p, "sc");
  ASSERT_TRUE(sc.script_task.has_value());
  EXPECT_EQ(sc.script_task->script.source(), "price * quantity");
  EXPECT_EQ(sc.script_task->result_variable, "total");
}

TEST(Transformer, Camunda8Extensions) {
  auto p = CompileOne(Bpmn(R"(<bpmn:startEvent id="start"/>
<bpmn:userTask id="u">
  <bpmn:extensionElements>
    <zeebe:assignmentDefinition assignee="=owner" candidateGroups="sales,ops" candidateUsers="ann"/>
    <zeebe:formDefinition formKey="camunda-forms:bpmn:form"/>
  </bpmn:extensionElements>
</bpmn:userTask>
<bpmn:serviceTask id="s">
  <bpmn:extensionElements>
    <zeebe:taskDefinition type="payment" retries="5"/>
    <zeebe:taskHeaders><zeebe:header key="k" value="v"/></zeebe:taskHeaders>
  </bpmn:extensionElements>
</bpmn:serviceTask>
<bpmn:scriptTask id="sc">
  <bpmn:extensionElements>
    <zeebe:script expression="=a + 1" resultVariable="b"/>
  </bpmn:extensionElements>
</bpmn:scriptTask>
<bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="u"/>
<bpmn:sequenceFlow id="f2" sourceRef="u" targetRef="s"/>
<bpmn:sequenceFlow id="f3" sourceRef="s" targetRef="sc"/>)"));
  const model::UserTaskSpec& u = *Node(*p, "u").user_task;
  ASSERT_TRUE(u.assignee.expression.has_value());
  EXPECT_EQ(u.assignee.expression->source(), "owner");
  EXPECT_EQ(u.candidate_groups.text, "sales,ops");
  EXPECT_EQ(u.candidate_users.text, "ann");
  EXPECT_EQ(Node(*p, "s").service_task->job_type, "payment");
  EXPECT_EQ(Node(*p, "s").service_task->retries, 5);
  EXPECT_EQ(Node(*p, "sc").script_task->script.source(), "a + 1");
  EXPECT_EQ(Node(*p, "sc").script_task->result_variable, "b");
}

TEST(Transformer, OrdoAttributes) {
  auto p = CompileOne(Linear(
      R"(<bpmn:serviceTask id="n" ordo:jobType="send-mail" ordo:retries="0" camunda:type="external" camunda:topic="ignored"/>)"));
  EXPECT_EQ(Node(*p, "n").service_task->job_type, "send-mail");
  EXPECT_EQ(Node(*p, "n").service_task->retries, 0);
  auto q = CompileOne(Linear(
      R"(<bpmn:scriptTask id="n" scriptFormat="FEEL" ordo:resultVariable="r"><bpmn:script>=1</bpmn:script></bpmn:scriptTask>)"));
  EXPECT_EQ(Node(*q, "n").script_task->result_variable, "r");
  EXPECT_EQ(Node(*q, "n").script_task->script.source(), "1");
}

TEST(Transformer, UserTaskWithoutAssignment) {
  auto p = CompileOne(Linear(R"(<bpmn:userTask id="n"/>)"));
  ASSERT_TRUE(Node(*p, "n").user_task.has_value());
  EXPECT_TRUE(Node(*p, "n").user_task->assignee.empty());
}

TEST(Transformer, OneProcessPerExecutableProcess) {
  std::string xml = std::string("<definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\">") +
                    R"(<collaboration id="c"><participant id="p1" processRef="a"/></collaboration>
<process id="a" isExecutable="true"><startEvent id="s1"/></process>
<process id="b"><startEvent id="s2"/></process>
<process id="c2" isExecutable="false"><task id="x"/></process>
</definitions>)";
  ProcessList list = CompileOk(xml);
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0]->key, "a");
  EXPECT_EQ(list[1]->key, "b");
}

TEST(Transformer, CompileReportsEveryProblemInItsStatus) {
  Result<Document> doc = ReadDocument(Bpmn(R"(<bpmn:startEvent id="start"/>
<bpmn:boundaryEvent id="b"/>
<bpmn:callActivity id="c" calledElement="x"><bpmn:standardLoopCharacteristics/></bpmn:callActivity>)"));
  ASSERT_TRUE(doc.ok());
  Result<ProcessList> r = Compile(*doc);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(r.status().message(),
            "invalid BPMN document (2 problems): line 5, element 'b': unsupported element kind "
            "'boundaryEvent'; line 6, element 'c': unsupported 'standardLoopCharacteristics' on 'callActivity' (loops and "
            "multi-instance activities are not supported yet)");
}

}  // namespace
}  // namespace ordo::bpmn
