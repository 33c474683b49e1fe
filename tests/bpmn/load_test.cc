#include "bpmn/load.h"

#include <gtest/gtest.h>

#include "test_models.h"

namespace ordo::bpmn {
namespace {

using testing::Bpmn;
using testing::Linear;
using testing::LineOf;

TEST(Load, CompilesAValidDocument) {
  LoadResult r = Load(Linear(R"(<bpmn:userTask id="n" camunda:assignee="demo"/>)"));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_TRUE(r.status().ok());
  ASSERT_NE(r.document, nullptr);
  ASSERT_EQ(r.processes.size(), 1u);
  EXPECT_EQ(r.processes[0]->key, "p");
  EXPECT_EQ(r.processes[0]->nodes.size(), 3u);
}

TEST(Load, MalformedXmlGivesOneDocumentProblem) {
  std::string xml = Bpmn("<bpmn:task id=\"t\">\n<bpmn:task>");
  LoadResult r = Load(xml);
  ASSERT_EQ(r.problems.size(), 1u);
  EXPECT_EQ(r.document, nullptr);
  EXPECT_TRUE(r.processes.empty());
  EXPECT_GE(r.problems[0].line, LineOf(xml, "<bpmn:task>"));
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
}

TEST(Load, LimitsAreResourceExhausted) {
  LoadOptions options;
  options.read.max_bytes = 10;
  LoadResult r = Load(Linear(R"(<bpmn:task id="n"/>)"), options);
  ASSERT_EQ(r.problems.size(), 1u);
  EXPECT_EQ(r.status().code(), StatusCode::kResourceExhausted);
}

TEST(Load, KeepsTheDocumentWhenValidationFails) {
  std::string xml = Linear(R"(<bpmn:sendTask id="n"/>)");
  LoadResult r = Load(xml);
  ASSERT_EQ(r.problems.size(), 1u);
  EXPECT_EQ(r.problems[0], (Problem{"n", LineOf(xml, R"(id="n")"), "unsupported element kind 'sendTask'"}));
  ASSERT_NE(r.document, nullptr);
  EXPECT_NE(r.document->FindById("n"), nullptr);
  EXPECT_TRUE(r.processes.empty());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
}

TEST(Load, SameInputSameProblems) {
  std::string xml = Bpmn(R"(<bpmn:task id="a"/><bpmn:task id="b"/><bpmn:task id="a"/>
<bpmn:boundaryEvent id="z"/><bpmn:callActivity id="y"/>)");
  LoadResult first = Load(xml);
  LoadResult second = Load(xml);
  ASSERT_FALSE(first.problems.empty());
  EXPECT_EQ(first.problems, second.problems);
  for (size_t i = 1; i < first.problems.size(); ++i) {
    EXPECT_LE(first.problems[i - 1].line, first.problems[i].line);
  }
}

TEST(Load, ListsABoundedNumberOfProblems) {
  std::string body;
  for (int i = 0; i < 10; ++i) body += "<bpmn:sendTask id=\"s" + std::to_string(i) + "\"/>\n";
  LoadOptions options;
  options.max_problems = 3;
  LoadResult r = Load(Bpmn(body), options);
  ASSERT_EQ(r.problems.size(), 4u);
  EXPECT_EQ(r.problems[2].element, "s1");  // the process' "no none start event" comes first
  EXPECT_EQ(r.problems[3].message, "8 more problems not listed");
  EXPECT_EQ(r.problems[3].line, r.problems[2].line + 1);
}

TEST(Load, CamundaModelerDefaultNamespaceDocument) {
  // The shape Camunda Modeler 5 writes for a Camunda 8 model, DI included.
  std::string xml = R"(<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:modeler="http://camunda.org/schema/modeler/1.0" id="Definitions_1" targetNamespace="http://bpmn.io/schema/bpmn" exporter="Camunda Modeler" exporterVersion="5.20.0" modeler:executionPlatform="Camunda Cloud" modeler:executionPlatformVersion="8.4.0">
  <bpmn:process id="Payment" name="Payment" isExecutable="true">
    <bpmn:startEvent id="StartEvent_1">
      <bpmn:outgoing>Flow_1</bpmn:outgoing>
    </bpmn:startEvent>
    <bpmn:serviceTask id="Charge" name="Charge card">
      <bpmn:extensionElements>
        <zeebe:taskDefinition type="charge" retries="3" />
      </bpmn:extensionElements>
      <bpmn:incoming>Flow_1</bpmn:incoming>
      <bpmn:outgoing>Flow_2</bpmn:outgoing>
    </bpmn:serviceTask>
    <bpmn:endEvent id="End">
      <bpmn:incoming>Flow_2</bpmn:incoming>
    </bpmn:endEvent>
    <bpmn:sequenceFlow id="Flow_1" sourceRef="StartEvent_1" targetRef="Charge" />
    <bpmn:sequenceFlow id="Flow_2" sourceRef="Charge" targetRef="End" />
  </bpmn:process>
  <bpmndi:BPMNDiagram id="BPMNDiagram_1">
    <bpmndi:BPMNPlane id="BPMNPlane_1" bpmnElement="Payment">
      <bpmndi:BPMNShape id="_BPMNShape_StartEvent_2" bpmnElement="StartEvent_1">
        <dc:Bounds x="179" y="99" width="36" height="36" />
      </bpmndi:BPMNShape>
      <bpmndi:BPMNEdge id="Flow_1_di" bpmnElement="Flow_1">
        <di:waypoint x="215" y="117" />
        <di:waypoint x="270" y="117" />
      </bpmndi:BPMNEdge>
    </bpmndi:BPMNPlane>
  </bpmndi:BPMNDiagram>
</bpmn:definitions>
)";
  LoadResult r = Load(xml);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r.processes[0]->nodes[r.processes[0]->FindNode("Charge")].service_task->job_type, "charge");
  ASSERT_EQ(r.document->diagrams().size(), 1u);
  EXPECT_EQ(r.document->diagrams()[0].FindEdge("Flow_1")->waypoints.size(), 2u);
  EXPECT_EQ(r.document->definitions().AttrOr("http://camunda.org/schema/modeler/1.0", "executionPlatform"),
            "Camunda Cloud");
}

}  // namespace
}  // namespace ordo::bpmn
