// Call activities (BPMN 2.0.2 §10.3.6) and user task due dates: a process starting a deployed
// process as a child instance, variables passed in and out, incidents for what cannot be called,
// termination passed down, and the Camunda 7 invoice example run end to end with its DMN.
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

// Processes by key and version, decisions by key.
class Resolver final : public DefinitionResolver {
 public:
  struct Deployed {
    std::string key;
    int version = 0;
    std::shared_ptr<const model::Process> process;
  };
  std::shared_ptr<const model::Process> Resolve(uint64_t id) const override {
    auto it = processes.find(id);
    return it == processes.end() ? nullptr : it->second.process;
  }
  int Version(uint64_t id) const override {
    auto it = processes.find(id);
    return it == processes.end() ? 0 : it->second.version;
  }
  std::optional<ResolvedProcess> FindProcess(std::string_view key, std::optional<int> version) const override {
    std::optional<ResolvedProcess> best;
    for (const auto& [id, d] : processes) {
      if (d.key != key) continue;
      if (version ? d.version == *version : (!best || d.version > best->version)) {
        best = ResolvedProcess{id, d.version, d.process};
      }
    }
    return best;
  }
  std::optional<ResolvedDecision> FindDecision(std::string_view key, std::optional<int> version) const override {
    for (const ResolvedDecision& d : decisions) {
      if (d.key == key && (!version || d.version == *version)) return d;
    }
    return std::nullopt;
  }
  std::map<uint64_t, Deployed> processes;
  std::vector<ResolvedDecision> decisions;
};

std::string Model(const std::string& body) {
  return R"(<?xml version="1.0"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
             xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="t">
)" + body + "\n</definitions>";
}

// start -> <node id="n"> -> end, in process `key`.
std::string Linear(const std::string& key, const std::string& node) {
  return Model(R"(<process id=")" + key + R"(" isExecutable="true">
  <startEvent id="s"/><sequenceFlow id="f1" sourceRef="s" targetRef="n"/>
  )" + node + R"(
  <sequenceFlow id="f2" sourceRef="n" targetRef="e"/><endEvent id="e"/>
</process>)");
}

constexpr TimestampMs kNow = 1'738'317'600'000;  // 2025-01-31T10:00:00Z
constexpr int64_t kDay = 86'400'000;

class CallActivityTest : public ::testing::Test {
 protected:
  // Deploys every process of the document as the next version of its key; returns the id of the first.
  uint64_t Deploy(const std::string& xml) {
    bpmn::LoadResult r = bpmn::Load(xml);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    uint64_t first = 0;
    for (const auto& p : r.processes) {
      int version = 1;
      for (const auto& [id, d] : resolver_.processes) {
        if (d.key == p->key) version = std::max(version, d.version + 1);
      }
      uint64_t id = next_definition_++;
      resolver_.processes[id] = Resolver::Deployed{p->key, version, p};
      if (first == 0) first = id;
    }
    return first;
  }

  uint64_t DeployFile(const std::string& name) {
    std::string xml = ReadFile(std::string(ORDO_REALISTIC_DIR "/camunda-bpm-platform-invoice/") + name);
    EXPECT_FALSE(xml.empty()) << name;
    return Deploy(xml);
  }

  uint64_t Start(uint64_t def, const std::string& vars, const std::string& business_key = "") {
    auto id = engine_.CreateInstance(CreateInstanceCommand{def, business_key, Vars(vars)}, now_, out_);
    EXPECT_TRUE(id.ok()) << id.status().ToString();
    return id.ok() ? *id : 0;
  }

  const Instance& Inst(uint64_t id) { return *state_.FindInstance(id); }

  // The instances the call activities of `parent` started, in order.
  std::vector<uint64_t> Children(uint64_t parent) {
    std::vector<uint64_t> ids;
    for (const EmittedEvent& e : out_) {
      if (e.instance_id == parent && e.event.type == EventType::kInstanceCalled) ids.push_back(e.event.ref);
    }
    return ids;
  }

  const Task* OpenTask(uint64_t inst, const std::string& element) {
    for (const auto& [id, t] : Inst(inst).tasks) {
      if (t.status == TaskStatus::kOpen && t.element == element) return &t;
    }
    return nullptr;
  }

  void CompleteTask(uint64_t inst, const std::string& element, const std::string& vars) {
    const Task* t = OpenTask(inst, element);
    ASSERT_NE(t, nullptr) << "no open task " << element << " in instance " << inst << ": " << IncidentMessage(inst);
    Status s = engine_.CompleteTask(t->id, Vars(vars), now_, out_);
    ASSERT_TRUE(s.ok()) << s.ToString();
  }

  std::string IncidentMessage(uint64_t inst) { return test_util::OpenIncidentMessage(Inst(inst)); }
  uint64_t OpenIncident(uint64_t inst) { return test_util::OpenIncidentId(Inst(inst)); }

  std::vector<std::string> ActiveElements(uint64_t inst) {
    std::vector<std::string> ids;
    for (const auto& [key, ei] : Inst(inst).elements) ids.push_back(Inst(inst).process->nodes[ei.node].id);
    return ids;
  }

  // Folds every emitted event into a fresh state through the canonical bytes, as recovery does,
  // and checks each instance comes back the same.
  void ExpectReplayMatches() {
    State replayed;
    Applier applier(replayed, resolver_);
    for (const EmittedEvent& e : out_) {
      auto back = model::ParseCanonical(model::CanonicalBytes(e.event));
      ASSERT_TRUE(back.ok()) << back.status().ToString();
      ASSERT_TRUE(applier.Apply(e.instance_id, *back).ok()) << model::CanonicalBytes(e.event);
    }
    for (const auto& [id, inst] : state_.instances()) {
      const Instance* r = replayed.FindInstance(id);
      ASSERT_NE(r, nullptr) << id;
      EXPECT_EQ(r->parent_instance, inst->parent_instance);
      EXPECT_EQ(r->parent_element_instance, inst->parent_element_instance);
      EXPECT_EQ(r->status, inst->status);
      EXPECT_EQ(r->elements.size(), inst->elements.size());
      for (const auto& [key, ei] : inst->elements) EXPECT_EQ(r->elements.at(key).child, ei.child);
      for (const auto& [key, t] : inst->tasks) EXPECT_EQ(r->tasks.at(key).due_at, t.due_at);
    }
  }

  Resolver resolver_;
  Keys keys_;
  State state_;
  Engine engine_{state_, resolver_, keys_};
  EventOutput out_;
  TimestampMs now_ = kNow;
  uint64_t next_definition_ = 1;
};

TEST_F(CallActivityTest, CamundaInvoiceRunsEndToEndWithItsDecisionsAndCalledProcess) {
  // The Camunda 7 invoice example, unchanged: DMN decisions, the invoice process (JUEL, a Java
  // delegate as a job, a call activity with camunda:in/out) and the called review process.
  std::string dmn = ReadFile(ORDO_REALISTIC_DIR "/camunda-bpm-platform-invoice/invoiceBusinessDecisions.dmn");
  auto decisions = dmn::DecisionModel::FromXml(dmn);
  ASSERT_TRUE(decisions.ok()) << decisions.status().ToString();
  auto shared = std::make_shared<const dmn::DecisionModel>(decisions->WithVariableContext());
  resolver_.decisions.push_back(ResolvedDecision{900, "invoice-assign-approver", 1, shared, {"result"}, true});
  ASSERT_NE(DeployFile("reviewInvoice.bpmn"), 0u);
  uint64_t invoice = DeployFile("invoice.v2.bpmn");
  ASSERT_NE(invoice, 0u);

  uint64_t id = Start(invoice, R"({"creditor": "Great Pizza for Everyone Inc.", "amount": 30,
                                   "invoiceCategory": "Travel Expenses", "invoiceNumber": "GPFE-23232323"})",
                      "GPFE-23232323");
  ASSERT_EQ(IncidentMessage(id), "");
  EXPECT_EQ(Json(Inst(id).variables.at("approverGroups")), R"(["accounting","sales"])");
  const Task* approve = OpenTask(id, "approveInvoice");
  ASSERT_NE(approve, nullptr);
  EXPECT_EQ(approve->candidate_groups, (std::vector<std::string>{"accounting", "sales"}));
  EXPECT_EQ(approve->due_at, kNow + 7 * kDay);  // ${dateTime().plusWeeks(1).toDate()}

  // Not approved: the call activity starts ReviewInvoice with the five camunda:in variables.
  now_ += kDay;
  CompleteTask(id, "approveInvoice", R"({"approved": false})");
  std::vector<uint64_t> children = Children(id);
  ASSERT_EQ(children.size(), 1u);
  uint64_t review = children[0];
  EXPECT_EQ(Inst(review).process_key, "ReviewInvoice");
  EXPECT_EQ(Inst(review).parent_instance, id);
  EXPECT_EQ(Inst(review).business_key, "");  // no camunda:in businessKey
  EXPECT_EQ(Json(Inst(review).variables.at("amount")), "30");
  EXPECT_EQ(Json(Inst(review).variables.at("invoiceDocument")), "null");  // absent in the caller
  EXPECT_EQ(Inst(review).variables.count("approved"), 0u);                // not mapped in
  EXPECT_EQ(ActiveElements(id), std::vector<std::string>{"reviewInvoice"});
  EXPECT_EQ(OpenTask(review, "assignReviewer")->assignee, "demo");

  CompleteTask(review, "assignReviewer", R"({"reviewer": "mary"})");
  const Task* check = OpenTask(review, "reviewInvoice");
  ASSERT_NE(check, nullptr);
  EXPECT_EQ(check->assignee, "mary");                // ${reviewer}
  EXPECT_EQ(check->due_at, now_ + 2 * kDay);         // ${dateTime().plusDays(2).toDate()}
  CompleteTask(review, "reviewInvoice", R"({"clarified": true, "note": "fixed the amount"})");
  EXPECT_EQ(Inst(review).status, InstanceStatus::kCompleted);
  // Back in the invoice: only `clarified` came out; the review succeeded, so approval again.
  EXPECT_EQ(Json(Inst(id).variables.at("clarified")), "true");
  EXPECT_EQ(Inst(id).variables.count("note"), 0u);
  EXPECT_EQ(Inst(id).variables.count("reviewer"), 0u);
  CompleteTask(id, "approveInvoice", R"({"approved": true})");
  CompleteTask(id, "prepareBankTransfer", "{}");

  // The Java delegate ArchiveInvoiceService is a job for a worker of that name.
  auto jobs = engine_.AcquireJobs("org.camunda.bpm.example.invoice.service.ArchiveInvoiceService", "archiver", 10,
                                  60'000, now_, out_);
  ASSERT_TRUE(jobs.ok()) << jobs.status().ToString();
  ASSERT_EQ(jobs->size(), 1u);
  EXPECT_EQ((*jobs)[0].instance_id, id);
  ASSERT_TRUE(engine_.CompleteJob((*jobs)[0].job_id, "archiver", {}, now_, out_).ok());
  EXPECT_EQ(Inst(id).status, InstanceStatus::kCompleted);
  ExpectReplayMatches();
}

TEST_F(CallActivityTest, WithoutVendorMappingsEveryVariablePassesBothWays) {
  Deploy(Linear("child", R"(<scriptTask id="n" scriptFormat="feel" camunda:resultVariable="total">
      <script>price * quantity</script></scriptTask>)"));
  uint64_t parent = Deploy(Linear("parent", R"(<callActivity id="n" calledElement="child"/>)"));
  uint64_t id = Start(parent, R"({"price": 4, "quantity": 3})");
  // The child ran to its end inside the same command, and the caller went on.
  EXPECT_EQ(Inst(id).status, InstanceStatus::kCompleted) << IncidentMessage(id);
  EXPECT_EQ(Json(Inst(id).variables.at("total")), "12");
  std::vector<uint64_t> children = Children(id);
  ASSERT_EQ(children.size(), 1u);
  EXPECT_EQ(Inst(children[0]).status, InstanceStatus::kCompleted);
  ExpectReplayMatches();
}

TEST_F(CallActivityTest, ZeebeCalledElementCanKeepChildVariablesOut) {
  Deploy(Linear("child", R"(<scriptTask id="n" scriptFormat="feel" camunda:resultVariable="secret">
      <script>x + 1</script></scriptTask>)"));
  uint64_t parent = Deploy(Linear("parent", R"(<callActivity id="n"><extensionElements>
      <zeebe:calledElement processId="=childKey" propagateAllChildVariables="false"/>
      </extensionElements></callActivity>)"));
  uint64_t id = Start(parent, R"({"x": 1, "childKey": "child"})");
  EXPECT_EQ(Inst(id).status, InstanceStatus::kCompleted) << IncidentMessage(id);
  EXPECT_EQ(Inst(id).variables.count("secret"), 0u);
  ASSERT_EQ(Children(id).size(), 1u);
  EXPECT_EQ(Json(Inst(Children(id)[0]).variables.at("secret")), "2");
}

TEST_F(CallActivityTest, MappingsWithExpressionsAndTheCallersBusinessKey) {
  Deploy(Linear("child", R"(<userTask id="n"/>)"));
  uint64_t parent = Deploy(Linear("parent", R"(<callActivity id="n" calledElement="child"><extensionElements>
      <camunda:in sourceExpression="${amount * 2}" target="doubled"/>
      <camunda:in businessKey="#{execution.processBusinessKey}"/>
      <camunda:out sourceExpression="${doubled + 1}" target="result"/>
      <camunda:out source="missing" target="m"/>
      </extensionElements></callActivity>)"));
  uint64_t id = Start(parent, R"({"amount": 5})", "order-7");
  ASSERT_EQ(Children(id).size(), 1u);
  uint64_t child = Children(id)[0];
  EXPECT_EQ(Inst(child).business_key, "order-7");
  EXPECT_EQ(Json(Inst(child).variables.at("doubled")), "10");
  EXPECT_EQ(Inst(child).variables.count("amount"), 0u);
  CompleteTask(child, "n", "{}");
  EXPECT_EQ(Inst(id).status, InstanceStatus::kCompleted) << IncidentMessage(id);
  EXPECT_EQ(Json(Inst(id).variables.at("result")), "11");
  EXPECT_EQ(Json(Inst(id).variables.at("m")), "null");
}

TEST_F(CallActivityTest, AFailingOutMappingIsAnIncidentThatAResolveWithVariablesCompletes) {
  Deploy(Linear("child", R"(<task id="n"/>)"));
  uint64_t parent = Deploy(Linear("parent", R"(<callActivity id="n" calledElement="child"><extensionElements>
      <camunda:out sourceExpression="${missing + 1}" target="result"/>
      </extensionElements></callActivity>)"));
  uint64_t id = Start(parent, "{}");
  ASSERT_EQ(Children(id).size(), 1u);
  EXPECT_EQ(Inst(Children(id)[0]).status, InstanceStatus::kCompleted);
  EXPECT_NE(IncidentMessage(id).find("the out-mapping of 'result' of call activity 'n' failed"), std::string::npos)
      << IncidentMessage(id);
  EXPECT_EQ(Inst(id).status, InstanceStatus::kActive);
  ASSERT_TRUE(engine_.ResolveIncident(OpenIncident(id), Vars(R"({"result": 5})"), now_, out_).ok());
  EXPECT_EQ(Inst(id).status, InstanceStatus::kCompleted) << IncidentMessage(id);
  EXPECT_EQ(Json(Inst(id).variables.at("result")), "5");
  EXPECT_EQ(Children(id).size(), 1u);  // not called again
  ExpectReplayMatches();
}

TEST_F(CallActivityTest, AMissingProcessIsAnIncidentThatADeploymentAndAResolveFix) {
  uint64_t parent = Deploy(Linear("parent", R"(<callActivity id="n" calledElement="later"/>)"));
  uint64_t id = Start(parent, "{}");
  EXPECT_EQ(IncidentMessage(id), "no process 'later' is deployed (call activity 'n')");
  EXPECT_TRUE(Children(id).empty());
  Deploy(Linear("later", R"(<task id="n"/>)"));
  ASSERT_TRUE(engine_.ResolveIncident(OpenIncident(id), {}, now_, out_).ok());
  EXPECT_EQ(Inst(id).status, InstanceStatus::kCompleted) << IncidentMessage(id);
  EXPECT_EQ(Children(id).size(), 1u);
}

TEST_F(CallActivityTest, VersionBindingPicksThatVersion) {
  Deploy(Linear("child", R"(<scriptTask id="n" scriptFormat="feel" camunda:resultVariable="v"><script>1</script></scriptTask>)"));
  Deploy(Linear("child", R"(<scriptTask id="n" scriptFormat="feel" camunda:resultVariable="v"><script>2</script></scriptTask>)"));
  uint64_t latest = Deploy(Linear("latest", R"(<callActivity id="n" calledElement="child"/>)"));
  uint64_t pinned = Deploy(Linear("pinned", R"(<callActivity id="n" calledElement="child"
      camunda:calledElementBinding="version" camunda:calledElementVersion="1"/>)"));
  EXPECT_EQ(Json(Inst(Start(latest, "{}")).variables.at("v")), "2");
  EXPECT_EQ(Json(Inst(Start(pinned, "{}")).variables.at("v")), "1");
  uint64_t missing = Deploy(Linear("missing", R"(<callActivity id="n" calledElement="child"
      camunda:calledElementBinding="version" camunda:calledElementVersion="3"/>)"));
  EXPECT_EQ(IncidentMessage(Start(missing, "{}")), "no process 'child' version 3 is deployed (call activity 'n')");
}

TEST_F(CallActivityTest, CancellingTheCallerTerminatesTheCalledInstancesAndNotTheOtherWayRound) {
  Deploy(Linear("grandchild", R"(<userTask id="n"/>)"));
  Deploy(Linear("child", R"(<callActivity id="n" calledElement="grandchild"/>)"));
  uint64_t parent = Deploy(Linear("parent", R"(<callActivity id="n" calledElement="child"/>)"));
  uint64_t id = Start(parent, "{}");
  ASSERT_EQ(Children(id).size(), 1u);
  uint64_t child = Children(id)[0];
  ASSERT_EQ(Children(child).size(), 1u);
  uint64_t grandchild = Children(child)[0];
  Status refused = engine_.CancelInstance(grandchild, "no", now_, out_);
  EXPECT_EQ(refused.code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(refused.message().find("was started by a call activity of instance " + std::to_string(child)),
            std::string::npos)
      << refused.message();
  ASSERT_TRUE(engine_.CancelInstance(id, "stop", now_, out_).ok());
  EXPECT_EQ(Inst(id).status, InstanceStatus::kTerminated);
  EXPECT_EQ(Inst(child).status, InstanceStatus::kTerminated);
  EXPECT_EQ(Inst(grandchild).status, InstanceStatus::kTerminated);
  for (const auto& [tid, t] : Inst(grandchild).tasks) EXPECT_EQ(t.status, TaskStatus::kCanceled);
  ExpectReplayMatches();
}

TEST_F(CallActivityTest, ATerminateEndEventInTheCalledProcessCompletesItForTheCaller) {
  Deploy(Model(R"(<process id="child" isExecutable="true">
  <startEvent id="s"/><parallelGateway id="fork"/><userTask id="wait"/>
  <endEvent id="stop"><terminateEventDefinition/></endEvent>
  <sequenceFlow id="a" sourceRef="s" targetRef="fork"/><sequenceFlow id="b" sourceRef="fork" targetRef="wait"/>
  <sequenceFlow id="c" sourceRef="fork" targetRef="stop"/>
</process>)"));
  uint64_t parent = Deploy(Linear("parent", R"(<callActivity id="n" calledElement="child"/>)"));
  uint64_t id = Start(parent, "{}");
  EXPECT_EQ(Inst(Children(id)[0]).status, InstanceStatus::kCompleted);
  EXPECT_EQ(Inst(id).status, InstanceStatus::kCompleted) << IncidentMessage(id);
}

TEST_F(CallActivityTest, AProcessCallingItselfStopsAtTheDepthLimitWithAnIncident) {
  uint64_t def = Deploy(Linear("again", R"(<callActivity id="n" calledElement="again"/>)"));
  uint64_t id = Start(def, "{}");
  uint64_t at = id;
  int chain = 1;
  while (!Children(at).empty()) {
    at = Children(at)[0];
    ++chain;
  }
  EXPECT_EQ(chain, Engine::kMaxCallDepth);
  EXPECT_EQ(IncidentMessage(at), "call activity 'n' would nest calls 65 deep; at most 64 are allowed (a process "
                                 "calling itself?)");
  // Cancelling the root ends the whole chain.
  ASSERT_TRUE(engine_.CancelInstance(id, "loop", now_, out_).ok());
  EXPECT_EQ(Inst(at).status, InstanceStatus::kTerminated);
}

TEST_F(CallActivityTest, DueDatesAreDurationsDateTimesOrExpressions) {
  uint64_t fixed = Deploy(Linear("fixed", R"(<userTask id="n" camunda:dueDate="2025-03-01T12:00:00+01:00"/>)"));
  uint64_t relative = Deploy(Linear("relative", R"(<userTask id="n" camunda:dueDate="PT4H"/>)"));
  uint64_t months = Deploy(Linear("months", R"(<userTask id="n" ordo:dueDate="P1M"
      xmlns:ordo="https://ordo.dev/schema/bpmn/1.0"/>)"));
  uint64_t zeebe = Deploy(Linear("zeebe", R"(<userTask id="n"><extensionElements>
      <zeebe:taskSchedule dueDate='=now() + duration("P3D")'/></extensionElements></userTask>)"));
  uint64_t variable = Deploy(Linear("variable", R"(<userTask id="n" camunda:dueDate="${deadline}"/>)"));
  uint64_t none = Deploy(Linear("none", R"(<userTask id="n"/>)"));
  EXPECT_EQ(OpenTask(Start(fixed, "{}"), "n")->due_at, 1'740'826'800'000);  // 11:00Z
  EXPECT_EQ(OpenTask(Start(relative, "{}"), "n")->due_at, kNow + 4 * 3'600'000);
  EXPECT_EQ(OpenTask(Start(months, "{}"), "n")->due_at, kNow + 28 * kDay);  // Jan 31 + 1 month = Feb 28
  EXPECT_EQ(OpenTask(Start(zeebe, "{}"), "n")->due_at, kNow + 3 * kDay);
  EXPECT_EQ(OpenTask(Start(variable, R"({"deadline": "2025-02-03"})"), "n")->due_at, kNow + 2 * kDay + 14 * 3'600'000);
  EXPECT_EQ(OpenTask(Start(variable, "{\"deadline\": null}"), "n")->due_at, 0);
  EXPECT_EQ(OpenTask(Start(none, "{}"), "n")->due_at, 0);
  uint64_t bad = Start(variable, R"({"deadline": "soon"})");
  EXPECT_EQ(IncidentMessage(bad), "the due date of 'n' is not a date-time or duration, got \"soon\"");
  ExpectReplayMatches();
}

TEST(CallActivityEvents, OptionalFieldsKeepTheBytesOfEarlierEvents) {
  // An InstanceCreated without a caller and a TaskCreated without a due date encode exactly as
  // before these fields existed, so stored hash chains still verify.
  model::Event created;
  created.type = EventType::kInstanceCreated;
  created.seq = 1;
  created.key = 7;
  created.ref = 3;
  created.name = "p";
  created.number = 1;
  EXPECT_EQ(model::EventDataJson(created), R"({"definition":3,"process":"p","version":1,"businessKey":"","variables":{}})");
  created.parent_instance = 5;
  created.element_instance = 6;
  EXPECT_EQ(model::EventDataJson(created),
            R"({"definition":3,"process":"p","version":1,"businessKey":"","variables":{},"parentInstance":5,)"
            R"("parentElementInstance":6})");
  auto back = model::ParseCanonical(model::CanonicalBytes(created));
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->parent_instance, 5u);
  EXPECT_EQ(back->element_instance, 6u);

  model::Event task;
  task.type = EventType::kTaskCreated;
  task.seq = 2;
  task.element_instance = 9;
  EXPECT_EQ(model::EventDataJson(task),
            R"({"elementInstance":9,"name":"","assignee":"","candidateGroups":[],"candidateUsers":[]})");
  task.time = 123;
  auto task_back = model::ParseCanonical(model::CanonicalBytes(task));
  ASSERT_TRUE(task_back.ok());
  EXPECT_EQ(task_back->time, 123);
}

}  // namespace
}  // namespace ordo::engine
