// BPMN models translated to Petri nets, then used for token replay and alignments.
#include "mining/bpmn_net.h"

#include <gtest/gtest.h>

#include <string>

#include "mining/alignment.h"
#include "mining/csv_reader.h"
#include "mining/token_replay.h"

namespace ordo::mining {
namespace {

// start -> A -> + (B, C) -> + -> X (D | skip) -> X -> end
const char* kModel = R"(<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" id="defs" targetNamespace="https://ordo.dev/t">
  <bpmn:process id="p" isExecutable="true">
    <bpmn:startEvent id="start"/>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="a"/>
    <bpmn:task id="a" name="A"/>
    <bpmn:sequenceFlow id="f2" sourceRef="a" targetRef="split"/>
    <bpmn:parallelGateway id="split"/>
    <bpmn:sequenceFlow id="f3" sourceRef="split" targetRef="b"/>
    <bpmn:sequenceFlow id="f4" sourceRef="split" targetRef="c"/>
    <bpmn:task id="b" name="B"/>
    <bpmn:task id="c"/>
    <bpmn:sequenceFlow id="f5" sourceRef="b" targetRef="join"/>
    <bpmn:sequenceFlow id="f6" sourceRef="c" targetRef="join"/>
    <bpmn:parallelGateway id="join"/>
    <bpmn:sequenceFlow id="f7" sourceRef="join" targetRef="choice"/>
    <bpmn:exclusiveGateway id="choice" default="f9"/>
    <bpmn:sequenceFlow id="f8" sourceRef="choice" targetRef="d">
      <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">x = 1</bpmn:conditionExpression>
    </bpmn:sequenceFlow>
    <bpmn:sequenceFlow id="f9" sourceRef="choice" targetRef="merge"/>
    <bpmn:task id="d" name="D"/>
    <bpmn:sequenceFlow id="f10" sourceRef="d" targetRef="merge"/>
    <bpmn:exclusiveGateway id="merge"/>
    <bpmn:sequenceFlow id="f11" sourceRef="merge" targetRef="end"/>
    <bpmn:endEvent id="end"/>
  </bpmn:process>
</bpmn:definitions>)";

class BpmnNet : public ::testing::Test {
 protected:
  void SetUp() override {
    // Activity "c" is the id of the unnamed task; "E" is in no model.
    Result<EventLog> r = ReadCsv("case:concept:name,concept:name,time:timestamp\n"
                                 "1,A,2020-01-01T00:00:00Z\n1,B,2020-01-01T01:00:00Z\n1,c,2020-01-01T02:00:00Z\n"
                                 "1,D,2020-01-01T03:00:00Z\n1,E,2020-01-01T04:00:00Z\n",
                                 CsvOptions{});
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    log_ = std::move(r).value();
  }
  std::vector<StringId> Trace(std::initializer_list<const char*> names) const {
    std::vector<StringId> t;
    for (const char* n : names) t.push_back(log_.strings().Find(n));
    return t;
  }
  EventLog log_;
};

TEST_F(BpmnNet, TranslatesTasksAndGateways) {
  Result<PetriNet> net = BpmnToPetriNet(kModel, log_.strings());
  ASSERT_TRUE(net.ok()) << net.status().ToString();
  EXPECT_EQ(net->num_visible(), 4u);  // A, B, c, D
  // Before fusion: start, end, two parallel gateways, two pairs in each exclusive gateway (8) and
  // a place per flow (11). Fusion leaves the parallel split and join and the skip of D, and the
  // places after A, B and c, before the join's output choice: source, sink and five.
  EXPECT_EQ(net->num_silent(), 3u);
  EXPECT_EQ(net->places.size(), 2u + 6u);
}

TEST_F(BpmnNet, AlignsAndReplaysTracesOnTheModel) {
  Result<PetriNet> net = BpmnToPetriNet(kModel, log_.strings());
  ASSERT_TRUE(net.ok()) << net.status().ToString();
  Result<TraceAlignment> fits = AlignTrace(*net, Trace({"A", "c", "B", "D"}));
  ASSERT_TRUE(fits.ok()) << fits.status().ToString();
  // Silent moves: the parallel split and join.
  EXPECT_EQ(fits->cost, 2);
  EXPECT_DOUBLE_EQ(fits->fitness, 1.0);
  // Skipping D is the one silent move left of the exclusive gateways.
  Result<TraceAlignment> skips = AlignTrace(*net, Trace({"A", "B", "c"}));
  EXPECT_EQ(skips->cost, 3);
  EXPECT_DOUBLE_EQ(skips->fitness, 1.0);
  // B and c missing: two visible model moves; E unknown: a log move.
  Result<TraceAlignment> bad = AlignTrace(*net, Trace({"A", "E", "D"}));
  EXPECT_EQ(bad->cost, 3 * 10000 + 2);
  Variants v;
  v.Add(Trace({"A", "B", "c", "D"}), 2, 0);
  v.Add(Trace({"A", "D"}), 1, 2);
  ReplayResult replay = TokenReplay(*net, v);
  EXPECT_EQ(replay.fit_cases, 2u);
  EXPECT_FALSE(replay.variants[1].fit);
}

TEST_F(BpmnNet, UntranslatableModelsNameTheElement) {
  std::string no_start = kModel;
  no_start.replace(no_start.find("<bpmn:startEvent id=\"start\"/>"), 29, "<bpmn:task id=\"start\"/>");
  Result<PetriNet> net = BpmnToPetriNet(no_start, log_.strings());
  ASSERT_FALSE(net.ok());
  EXPECT_NE(net.status().message().find("start"), std::string::npos) << net.status().message();

  Result<PetriNet> broken = BpmnToPetriNet("<bpmn:definitions", log_.strings());
  EXPECT_FALSE(broken.ok());
}

}  // namespace
}  // namespace ordo::mining
