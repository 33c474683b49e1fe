// Scenario tests of the engine core: given a model, when commands arrive, then these events.
#include "engine/engine.h"
#include "engine_test_util.h"

#include <gtest/gtest.h>

#include <map>

#include "bpmn/load.h"
#include "feel/json.h"
#include "model/event_codec.h"

namespace ordo::engine {
namespace {

using test_util::Keys;
using test_util::Vars;

using model::EventType;

class TestResolver final : public DefinitionResolver {
 public:
  std::shared_ptr<const model::Process> Resolve(uint64_t id) const override {
    auto it = processes.find(id);
    return it == processes.end() ? nullptr : it->second;
  }
  int Version(uint64_t id) const override { return processes.count(id) ? 1 : 0; }
  std::map<uint64_t, std::shared_ptr<const model::Process>> processes;
};

std::string Process(const std::string& body) {
  return R"(<?xml version="1.0"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
             xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="t">
  <process id="p" isExecutable="true">)" + body + "</process></definitions>";
}

class EngineTest : public ::testing::Test {
 protected:
  uint64_t Deploy(const std::string& body) {
    bpmn::LoadResult r = bpmn::Load(Process(body));
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    if (!r.ok()) return 0;
    uint64_t id = next_definition_++;
    resolver_.processes[id] = r.processes.at(0);
    return id;
  }

  uint64_t Start(uint64_t def, const std::string& vars = "{}") {
    auto id = engine_.CreateInstance(CreateInstanceCommand{def, "", Vars(vars)}, now_, out_);
    EXPECT_TRUE(id.ok()) << id.status().ToString();
    return id.ok() ? *id : 0;
  }

  // "ElementActivated(start) ElementCompleted(start) ..." of the events since the last call.
  std::string Trace() {
    std::string s;
    for (size_t i = seen_; i < out_.size(); ++i) {
      const model::Event& e = out_[i].event;
      if (!s.empty()) s += ' ';
      s += model::EventTypeName(e.type);
      if (!e.element.empty()) s += "(" + e.element + ")";
    }
    seen_ = out_.size();
    return s;
  }

  const Instance& Inst(uint64_t id) { return *state_.FindInstance(id); }

  uint64_t OpenTask(uint64_t inst, const std::string& element) {
    for (const auto& [id, t] : Inst(inst).tasks) {
      if (t.element == element && t.status == TaskStatus::kOpen) return id;
    }
    ADD_FAILURE() << "no open task at " << element;
    return 0;
  }

  uint64_t OpenIncident(uint64_t inst) {
    for (const auto& [id, i] : Inst(inst).incidents) {
      if (i.open) return id;
    }
    ADD_FAILURE() << "no open incident";
    return 0;
  }

  // Replays every emitted event into a fresh State and checks it equals the live one.
  void ExpectReplayMatches() {
    State replayed;
    Applier applier(replayed, resolver_);
    for (const EmittedEvent& e : out_) {
      // Through the canonical bytes, as from the store.
      auto parsed = model::ParseCanonical(model::CanonicalBytes(e.event));
      ASSERT_TRUE(parsed.ok());
      ASSERT_TRUE(applier.Apply(e.instance_id, *parsed).ok());
    }
    for (const auto& [id, inst] : state_.instances()) {
      const Instance* r = replayed.FindInstance(id);
      ASSERT_NE(r, nullptr);
      EXPECT_EQ(r->status, inst->status);
      EXPECT_EQ(r->last_seq, inst->last_seq);
      EXPECT_EQ(r->elements.size(), inst->elements.size());
      EXPECT_EQ(r->tasks.size(), inst->tasks.size());
      EXPECT_EQ(r->jobs.size(), inst->jobs.size());
      EXPECT_EQ(r->open_incidents, inst->open_incidents);
      EXPECT_EQ(r->join_tokens, inst->join_tokens);
      EXPECT_EQ(r->variables.size(), inst->variables.size());
    }
  }

  TestResolver resolver_;
  Keys keys_;
  State state_;
  Engine engine_{state_, resolver_, keys_};
  EventOutput out_;
  size_t seen_ = 0;
  TimestampMs now_ = 1'700'000'000'000;
  uint64_t next_definition_ = 1;
};

TEST_F(EngineTest, StartScriptEndCompletesInOneCommand) {
  uint64_t def = Deploy(R"(
    <startEvent id="s"/><sequenceFlow id="f1" sourceRef="s" targetRef="calc"/>
    <scriptTask id="calc" scriptFormat="feel" camunda:resultVariable="total"><script>price * 2</script></scriptTask>
    <sequenceFlow id="f2" sourceRef="calc" targetRef="e"/><endEvent id="e"/>)");
  uint64_t id = Start(def, R"({"price": 10.25})");
  EXPECT_EQ(Trace(),
            "InstanceCreated ElementActivated(s) ElementCompleted(s) ElementActivated(calc) VariablesSet "
            "ElementCompleted(calc) ElementActivated(e) ElementCompleted(e) InstanceCompleted");
  EXPECT_EQ(Inst(id).status, InstanceStatus::kCompleted);
  EXPECT_EQ(Inst(id).variables.at("total").ToString(), "20.50");
  ExpectReplayMatches();
}

TEST_F(EngineTest, ExclusiveGatewayTakesFirstMatchingFlowElseDefault) {
  uint64_t def = Deploy(R"(
    <startEvent id="s"/><sequenceFlow id="f1" sourceRef="s" targetRef="g"/>
    <exclusiveGateway id="g" default="small"/>
    <sequenceFlow id="big" sourceRef="g" targetRef="a"><conditionExpression>amount &gt; 1000</conditionExpression></sequenceFlow>
    <sequenceFlow id="huge" sourceRef="g" targetRef="b"><conditionExpression>=amount &gt; 100000</conditionExpression></sequenceFlow>
    <sequenceFlow id="small" sourceRef="g" targetRef="b"/>
    <userTask id="a"/><userTask id="b"/>)");
  uint64_t big = Start(def, R"({"amount": 5000000})");
  EXPECT_EQ(Inst(big).tasks.begin()->second.element, "a");  // first match wins, in document order
  uint64_t small = Start(def, R"({"amount": 5})");
  EXPECT_EQ(Inst(small).tasks.begin()->second.element, "b");
  ExpectReplayMatches();
}

TEST_F(EngineTest, NoMatchingFlowRaisesIncidentThatResolveRetries) {
  uint64_t def = Deploy(R"(
    <startEvent id="s"/><sequenceFlow id="f1" sourceRef="s" targetRef="g"/>
    <exclusiveGateway id="g"/>
    <sequenceFlow id="yes" sourceRef="g" targetRef="e"><conditionExpression>approved = true</conditionExpression></sequenceFlow>
    <endEvent id="e"/>)");
  uint64_t id = Start(def, R"({"approved": false})");
  EXPECT_EQ(Inst(id).status, InstanceStatus::kActive);
  EXPECT_EQ(Inst(id).open_incidents, 1);
  uint64_t incident = OpenIncident(id);
  EXPECT_NE(Inst(id).incidents.at(incident).message.find("no outgoing sequence flow of gateway 'g'"), std::string::npos);
  Trace();
  ASSERT_TRUE(engine_.ResolveIncident(incident, Vars(R"({"approved": true})"), now_, out_).ok());
  EXPECT_EQ(Trace(), "VariablesSet IncidentResolved(g) ElementCompleted(g) ElementActivated(e) ElementCompleted(e) InstanceCompleted");
  EXPECT_EQ(engine_.ResolveIncident(incident, {}, now_, out_).code(), StatusCode::kFailedPrecondition);
  ExpectReplayMatches();
}

TEST_F(EngineTest, ConditionOnMissingVariableIsAnIncidentNotACrash) {
  uint64_t def = Deploy(R"(
    <startEvent id="s"/><sequenceFlow id="f1" sourceRef="s" targetRef="g"/>
    <exclusiveGateway id="g"/>
    <sequenceFlow id="yes" sourceRef="g" targetRef="e"><conditionExpression>missing &gt; 3</conditionExpression></sequenceFlow>
    <endEvent id="e"/>)");
  uint64_t id = Start(def);
  uint64_t incident = OpenIncident(id);
  const std::string& message = Inst(id).incidents.at(incident).message;
  EXPECT_NE(message.find("did not evaluate to a boolean"), std::string::npos) << message;
  EXPECT_NE(message.find("yes"), std::string::npos) << message;
}

TEST_F(EngineTest, ParallelJoinWaitsForEveryBranch) {
  uint64_t def = Deploy(R"(
    <startEvent id="s"/><sequenceFlow id="f1" sourceRef="s" targetRef="fork"/>
    <parallelGateway id="fork"/>
    <sequenceFlow id="fa" sourceRef="fork" targetRef="a"/><sequenceFlow id="fb" sourceRef="fork" targetRef="b"/>
    <sequenceFlow id="fc" sourceRef="fork" targetRef="c"/>
    <userTask id="a"/><userTask id="b"/><scriptTask id="c" scriptFormat="feel"><script>1</script></scriptTask>
    <sequenceFlow id="ja" sourceRef="a" targetRef="join"/><sequenceFlow id="jb" sourceRef="b" targetRef="join"/>
    <sequenceFlow id="jc" sourceRef="c" targetRef="join"/>
    <parallelGateway id="join"/><sequenceFlow id="f2" sourceRef="join" targetRef="after"/><userTask id="after"/>)");
  uint64_t id = Start(def);
  EXPECT_EQ(Inst(id).join_tokens.size(), 1u);  // c arrived already
  ASSERT_TRUE(engine_.CompleteTask(OpenTask(id, "a"), {}, now_, out_).ok());
  EXPECT_EQ(Inst(id).elements.size(), 1u);  // only b is active: the join waits
  Trace();
  ASSERT_TRUE(engine_.CompleteTask(OpenTask(id, "b"), {}, now_, out_).ok());
  EXPECT_EQ(Trace(), "TaskCompleted(b) ElementCompleted(b) ElementActivated(join) ElementCompleted(join) "
                     "ElementActivated(after) TaskCreated(after)");
  EXPECT_TRUE(Inst(id).join_tokens.empty());
  ExpectReplayMatches();
}

TEST_F(EngineTest, TerminateEndEventEndsEveryBranch) {
  uint64_t def = Deploy(R"(
    <startEvent id="s"/><sequenceFlow id="f1" sourceRef="s" targetRef="fork"/>
    <parallelGateway id="fork"/>
    <sequenceFlow id="fa" sourceRef="fork" targetRef="a"/><sequenceFlow id="fb" sourceRef="fork" targetRef="t"/>
    <serviceTask id="a"><extensionElements><zeebe:taskDefinition type="x"/></extensionElements></serviceTask>
    <endEvent id="t"><terminateEventDefinition/></endEvent>)");
  uint64_t id = Start(def);
  EXPECT_EQ(Inst(id).status, InstanceStatus::kCompleted);
  EXPECT_EQ(Inst(id).jobs.begin()->second.status, JobStatus::kCanceled);
  ExpectReplayMatches();
}

TEST_F(EngineTest, CompletingATaskTwiceIsRefusedAndEmitsNothing) {
  uint64_t def = Deploy(R"(<startEvent id="s"/><sequenceFlow id="f" sourceRef="s" targetRef="u"/><userTask id="u"/>
    <sequenceFlow id="g" sourceRef="u" targetRef="u2"/><userTask id="u2"/>)");
  uint64_t id = Start(def);
  uint64_t task = OpenTask(id, "u");
  ASSERT_TRUE(engine_.CompleteTask(task, {}, now_, out_).ok());
  size_t before = out_.size();
  Status again = engine_.CompleteTask(task, {}, now_, out_);
  EXPECT_EQ(again.code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(out_.size(), before);
  EXPECT_EQ(engine_.CompleteTask(987654, {}, now_, out_).code(), StatusCode::kNotFound);
}

TEST_F(EngineTest, JobLeaseRetriesBackoffAndIncident) {
  uint64_t def = Deploy(R"(<startEvent id="s"/><sequenceFlow id="f" sourceRef="s" targetRef="w"/>
    <serviceTask id="w"><extensionElements><zeebe:taskDefinition type="mail" retries="2"/></extensionElements></serviceTask>
    <sequenceFlow id="g" sourceRef="w" targetRef="e"/><endEvent id="e"/>)");
  uint64_t id = Start(def);
  auto jobs = engine_.AcquireJobs("mail", "w1", 10, 1000, now_, out_);
  ASSERT_TRUE(jobs.ok());
  ASSERT_EQ(jobs->size(), 1u);
  uint64_t job = jobs->front().job_id;
  EXPECT_EQ(jobs->front().retries, 2);
  // Locked: nobody else gets it, and a stale worker cannot complete it.
  EXPECT_TRUE(engine_.AcquireJobs("mail", "w2", 10, 1000, now_, out_)->empty());
  EXPECT_EQ(engine_.CompleteJob(job, "w2", {}, now_, out_).code(), StatusCode::kConflict);
  // The lock expires: the job returns to the queue.
  EXPECT_EQ(engine_.ExpireJobLocks(now_ + 1000, out_), 1);
  EXPECT_EQ(engine_.CompleteJob(job, "w1", {}, now_, out_).code(), StatusCode::kFailedPrecondition);
  now_ += 1000;
  jobs = engine_.AcquireJobs("mail", "w2", 10, 1000, now_, out_);
  ASSERT_EQ(jobs->size(), 1u);
  // A failure with retries left and a backoff: not acquirable until the backoff passes.
  ASSERT_TRUE(engine_.FailJob(job, "w2", 1, "smtp timeout", 5000, now_, out_).ok());
  EXPECT_TRUE(engine_.AcquireJobs("mail", "w2", 10, 1000, now_ + 4999, out_)->empty());
  now_ += 5000;
  jobs = engine_.AcquireJobs("mail", "w3", 10, 1000, now_, out_);
  ASSERT_EQ(jobs->size(), 1u);
  // Out of retries: an incident; resolving it makes the job acquirable once more.
  ASSERT_TRUE(engine_.FailJob(job, "w3", 0, "smtp down", 0, now_, out_).ok());
  EXPECT_EQ(Inst(id).open_incidents, 1);
  EXPECT_TRUE(engine_.AcquireJobs("mail", "w3", 10, 1000, now_, out_)->empty());
  ASSERT_TRUE(engine_.ResolveIncident(OpenIncident(id), {}, now_, out_).ok());
  jobs = engine_.AcquireJobs("mail", "w4", 10, 1000, now_, out_);
  ASSERT_EQ(jobs->size(), 1u);
  EXPECT_EQ(jobs->front().retries, 1);
  ASSERT_TRUE(engine_.CompleteJob(job, "w4", Vars(R"({"sent": true})"), now_, out_).ok());
  EXPECT_EQ(Inst(id).status, InstanceStatus::kCompleted);
  EXPECT_TRUE(Inst(id).variables.at("sent").as_bool());
  ExpectReplayMatches();
}

TEST_F(EngineTest, UserTaskAssignmentFromCamunda7And8AttributesAndExpressions) {
  uint64_t def = Deploy(R"(<startEvent id="s"/><sequenceFlow id="f" sourceRef="s" targetRef="u"/>
    <userTask id="u" name="Review" camunda:assignee="=reviewer" camunda:candidateGroups="finance, managers"/>
    <sequenceFlow id="g" sourceRef="u" targetRef="v"/>
    <userTask id="v"><extensionElements><zeebe:assignmentDefinition assignee="bob" candidateGroups="=groups"/></extensionElements></userTask>)");
  uint64_t id = Start(def, R"({"reviewer": "alice", "groups": ["legal", "board"]})");
  const Task& u = Inst(id).tasks.at(OpenTask(id, "u"));
  EXPECT_EQ(u.assignee, "alice");
  EXPECT_EQ(u.name, "Review");
  EXPECT_EQ(u.candidate_groups, (std::vector<std::string>{"finance", "managers"}));
  ASSERT_TRUE(engine_.CompleteTask(u.id, {}, now_, out_).ok());
  const Task& v = Inst(id).tasks.at(OpenTask(id, "v"));
  EXPECT_EQ(v.assignee, "bob");
  EXPECT_EQ(v.candidate_groups, (std::vector<std::string>{"legal", "board"}));
}

TEST_F(EngineTest, CancelTerminatesEverythingActive) {
  uint64_t def = Deploy(R"(<startEvent id="s"/><sequenceFlow id="f" sourceRef="s" targetRef="u"/><userTask id="u"/>)");
  uint64_t id = Start(def);
  Trace();
  ASSERT_TRUE(engine_.CancelInstance(id, "duplicate request", now_, out_).ok());
  EXPECT_EQ(Trace(), "TaskCanceled(u) ElementTerminated(u) InstanceTerminated");
  EXPECT_EQ(engine_.CancelInstance(id, "", now_, out_).code(), StatusCode::kFailedPrecondition);
  ExpectReplayMatches();
}

TEST_F(EngineTest, ScriptErrorRaisesIncident) {
  uint64_t def = Deploy(R"(<startEvent id="s"/><sequenceFlow id="f" sourceRef="s" targetRef="x"/>
    <scriptTask id="x" scriptFormat="feel" camunda:resultVariable="r"><script>nothing + 1</script></scriptTask>)");
  uint64_t id = Start(def);
  EXPECT_EQ(Inst(id).open_incidents, 1);
  ASSERT_TRUE(engine_.ResolveIncident(OpenIncident(id), Vars(R"({"nothing": 41})"), now_, out_).ok());
  EXPECT_EQ(Inst(id).status, InstanceStatus::kCompleted);
  EXPECT_EQ(Inst(id).variables.at("r").ToString(), "42");
  ExpectReplayMatches();
}

TEST_F(EngineTest, ApplierRejectsEventsThatDoNotFit) {
  State fresh;
  Applier applier(fresh, resolver_);
  model::Event e;
  e.type = EventType::kTaskCompleted;
  e.seq = 1;
  EXPECT_EQ(applier.Apply(5, e).code(), StatusCode::kDataLoss);
}

}  // namespace
}  // namespace ordo::engine
