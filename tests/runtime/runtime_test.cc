// The runtime over real stores: group commit, idempotency, failed commits, recovery by replay,
// and the proof that the log rebuilds every projection.
#include "runtime/runtime.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <thread>

#include "base/json.h"
#include "feel/json.h"
#include "runtime/audit.h"
#include "runtime/decisions.h"
#include "store/fault_store.h"
#include "store/memory/memory_store.h"
#include "store/sqlite/sqlite_store.h"

namespace ordo::runtime {
namespace {

const char* kModel = R"(<?xml version="1.0"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
             xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="t">
  <process id="review" isExecutable="true">
    <startEvent id="s"/><sequenceFlow id="f1" sourceRef="s" targetRef="fork"/>
    <parallelGateway id="fork"/>
    <sequenceFlow id="fa" sourceRef="fork" targetRef="approve"/><sequenceFlow id="fb" sourceRef="fork" targetRef="notify"/>
    <userTask id="approve" camunda:candidateGroups="managers"/>
    <serviceTask id="notify"><extensionElements><zeebe:taskDefinition type="mail"/></extensionElements></serviceTask>
    <sequenceFlow id="ja" sourceRef="approve" targetRef="join"/><sequenceFlow id="jb" sourceRef="notify" targetRef="join"/>
    <parallelGateway id="join"/><sequenceFlow id="f2" sourceRef="join" targetRef="g"/>
    <exclusiveGateway id="g"/>
    <sequenceFlow id="ok" sourceRef="g" targetRef="e"><conditionExpression>approved</conditionExpression></sequenceFlow>
    <endEvent id="e"/>
  </process>
  <process id="calc" isExecutable="true">
    <startEvent id="s2"/><sequenceFlow id="c1" sourceRef="s2" targetRef="x"/>
    <scriptTask id="x" scriptFormat="feel" camunda:resultVariable="y"><script>n * 2</script></scriptTask>
    <sequenceFlow id="c2" sourceRef="x" targetRef="e2"/><endEvent id="e2"/>
  </process>
</definitions>)";

json::Value Body(const Reply& r) {
  EXPECT_TRUE(r.status.ok()) << r.status.ToString() << " " << r.body;
  auto v = json::Parse(r.body);
  EXPECT_TRUE(v.ok()) << r.body;
  return v.ok() ? *v : json::Value();
}

uint64_t Id(const json::Value& v) { return std::stoull(v.Find("id")->as_string()); }

model::Variables Vars(const std::string& text) {
  model::Variables vars;
  auto parsed = json::Parse(text);
  for (const auto& m : parsed->as_object()) vars.emplace(m.key, feel::FromJson(m.value));
  return vars;
}

class RuntimeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("ordo-runtime-" + std::to_string(::getpid()) + "-" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    OpenStore();
  }
  void TearDown() override {
    runtime_.reset();
    store_.reset();
    std::filesystem::remove_all(dir_);
  }
  void OpenStore() {
    auto s = store::SqliteStore::Open((dir_ / "ordo.db").string());
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    store_ = std::move(s).value();
  }
  void OpenRuntime() {
    auto rt = Runtime::Open(*store_, clock_);
    ASSERT_TRUE(rt.ok()) << rt.status().ToString();
    runtime_ = std::move(rt).value();
  }
  uint64_t OpenTaskOf(uint64_t instance) {
    store::TaskFilter f;
    f.instance_id = instance;
    f.state = store::TaskState::kOpen;
    auto tasks = store_->ListTasks(f, {});
    EXPECT_TRUE(tasks.ok() && tasks->size() == 1);
    return tasks->empty() ? 0 : tasks->front().id;
  }

  std::filesystem::path dir_;
  ManualClock clock_;
  std::unique_ptr<store::SqliteStore> store_;
  std::unique_ptr<Runtime> runtime_;
};

TEST_F(RuntimeTest, DeploysVersionsAndRunsAProcessDurably) {
  OpenRuntime();
  json::Value d1 = Body(runtime_->Deploy(kModel, "m.bpmn").get());
  EXPECT_EQ(d1.Find("processes")->as_array().size(), 2u);
  // Identical XML: the same versions. Changed XML: version 2.
  json::Value d2 = Body(runtime_->Deploy(kModel, "m.bpmn").get());
  EXPECT_EQ(json::Serialize(*d2.Find("processes")), json::Serialize(*d1.Find("processes")));
  std::string changed = std::string(kModel) + "<!-- v2 -->";
  json::Value d3 = Body(runtime_->Deploy(changed, "m.bpmn").get());
  EXPECT_EQ(d3.Find("processes")->as_array()[0].Find("version")->number_text(), "2");

  json::Value started = Body(runtime_->StartInstance("calc", 1, "B-1", Vars(R"({"n": 0.1})")).get());
  EXPECT_EQ(started.Find("state")->as_string(), "completed");
  auto row = store_->GetInstance(Id(started));
  ASSERT_TRUE(row.ok() && row->has_value());
  EXPECT_EQ((*row)->variables_json, R"({"n":0.1,"y":0.2})");
  EXPECT_EQ((*row)->business_key, "B-1");
  EXPECT_EQ(runtime_->StartInstance("nope", std::nullopt, "", {}).get().status.code(), StatusCode::kNotFound);
}

TEST_F(RuntimeTest, InvalidDeploymentListsProblemsAndStoresNothing) {
  OpenRuntime();
  Reply r = runtime_->Deploy("<definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\"><process id=\"p\" "
                             "isExecutable=\"true\"><startEvent id=\"s\"/><sequenceFlow id=\"f\" sourceRef=\"s\" "
                             "targetRef=\"missing\"/></process></definitions>", "bad.bpmn").get();
  EXPECT_EQ(r.status.code(), StatusCode::kInvalidArgument);
  auto problems = json::Parse(r.body);
  ASSERT_TRUE(problems.ok() && problems->is_array() && !problems->as_array().empty()) << r.body;
  EXPECT_EQ(problems->as_array()[0].Find("element")->as_string(), "f");
  EXPECT_TRUE(store_->ListDefinitions(true)->empty());
}

TEST_F(RuntimeTest, IdempotencyKeyReturnsTheFirstResult) {
  OpenRuntime();
  Body(runtime_->Deploy(kModel, "").get());
  Idempotency key{"POST /start\nk1", "hash-a"};
  json::Value first = Body(runtime_->StartInstance("calc", std::nullopt, "", Vars(R"({"n":1})"), key).get());
  Reply again = runtime_->StartInstance("calc", std::nullopt, "", Vars(R"({"n":1})"), key).get();
  EXPECT_TRUE(again.replayed);
  EXPECT_EQ(Id(Body(again)), Id(first));
  EXPECT_EQ(store_->ListInstances({}, {})->size(), 1u);
  Reply other = runtime_->StartInstance("calc", std::nullopt, "", Vars(R"({"n":2})"), {"POST /start\nk1", "hash-b"}).get();
  EXPECT_TRUE(other.idempotency_mismatch);
  // Many concurrent retries of one key land in one batch: still one instance.
  std::vector<std::future<Reply>> futures;
  for (int i = 0; i < 50; ++i) {
    futures.push_back(runtime_->StartInstance("calc", std::nullopt, "", Vars(R"({"n":3})"), {"POST /start\nk2", "h"}));
  }
  std::set<uint64_t> ids;
  for (auto& f : futures) ids.insert(Id(Body(f.get())));
  EXPECT_EQ(ids.size(), 1u);
  EXPECT_EQ(store_->ListInstances({}, {})->size(), 2u);
}

TEST_F(RuntimeTest, ConcurrentCommandsShareCommits) {
  OpenRuntime();
  Body(runtime_->Deploy(kModel, "").get());
  std::vector<std::future<Reply>> futures;
  for (int i = 0; i < 2000; ++i) futures.push_back(runtime_->StartInstance("calc", std::nullopt, "", Vars(R"({"n":1})")));
  for (auto& f : futures) Body(f.get());
  Runtime::Stats stats = runtime_->stats();
  EXPECT_EQ(stats.commands, 2001u);
  EXPECT_LT(stats.commits, 2001u) << "group commit should put many commands into one transaction";
  EXPECT_TRUE(VerifyProjections(*store_).ok());
}

TEST_F(RuntimeTest, RecoversUnfinishedInstancesByReplayAfterRestart) {
  OpenRuntime();
  Body(runtime_->Deploy(kModel, "").get());
  uint64_t id = Id(Body(runtime_->StartInstance("review", std::nullopt, "", {}).get()));
  json::Value jobs = Body(runtime_->AcquireJobs("mail", "w1", 10, 60000).get());
  uint64_t job = Id(jobs.Find("items")->as_array().at(0));
  // Restart: the instance, its open task and the locked job come back from the log.
  runtime_.reset();
  store_.reset();
  OpenStore();
  OpenRuntime();
  Body(runtime_->CompleteJob(job, "w1", Vars(R"({"mailed": true})")).get());
  Body(runtime_->CompleteTask(OpenTaskOf(id), Vars(R"({"approved": true})")).get());
  EXPECT_EQ((*store_->GetInstance(id))->state, store::InstanceState::kCompleted);
  auto report = VerifyChains(*store_);
  ASSERT_TRUE(report.ok());
  EXPECT_TRUE(report->ok()) << report->problem;
  Status replay = VerifyProjections(*store_);
  EXPECT_TRUE(replay.ok()) << replay.ToString();
}

const char* kDiscountDmn = R"(<?xml version="1.0"?>
<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="dd" name="Discounts" namespace="t">
  <decision id="discount" name="Discount">
    <decisionTable hitPolicy="FIRST">
      <input><inputExpression typeRef="number"><text>total</text></inputExpression></input>
      <output name="rate" typeRef="number"/>
      <rule id="big"><inputEntry><text>&gt;= 1000</text></inputEntry><outputEntry><text>RATE</text></outputEntry></rule>
      <rule id="small"><inputEntry><text>-</text></inputEntry><outputEntry><text>0</text></outputEntry></rule>
    </decisionTable>
  </decision>
</definitions>)";

std::string DiscountDmn(const std::string& rate) {
  std::string xml = kDiscountDmn;
  xml.replace(xml.find("RATE"), 4, rate);
  return xml;
}

const char* kPricing = R"(<?xml version="1.0"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0"
             id="d" targetNamespace="t">
  <process id="pricing" isExecutable="true">
    <startEvent id="s"/><sequenceFlow id="f1" sourceRef="s" targetRef="rules"/>
    <businessRuleTask id="rules"><extensionElements>
      <zeebe:calledDecision decisionId="discount" resultVariable="rate"/></extensionElements></businessRuleTask>
    <sequenceFlow id="f2" sourceRef="rules" targetRef="e"/><endEvent id="e"/>
  </process>
</definitions>)";

TEST(Decisions, DocumentsAreToldApartByTheirRootNamespace) {
  EXPECT_EQ(SniffDocumentKind(kDiscountDmn), DocumentKind::kDmn);
  EXPECT_EQ(SniffDocumentKind(kPricing), DocumentKind::kBpmn);
  EXPECT_EQ(SniffDocumentKind("\xEF\xBB\xBF<?xml version='1.0'?><!-- c --><d:definitions "
                              "xmlns:d='http://www.omg.org/spec/DMN/20151101/dmn.xsd'/>"),
            DocumentKind::kDmn);
  EXPECT_EQ(SniffDocumentKind("<definitions xmlns='urn:other'/>"), DocumentKind::kUnknown);
  EXPECT_EQ(SniffDocumentKind("<process xmlns='http://www.omg.org/spec/BPMN/20100524/MODEL'/>"), DocumentKind::kUnknown);
  EXPECT_EQ(SniffDocumentKind(""), DocumentKind::kUnknown);
  EXPECT_EQ(SniffDocumentKind("<definitions xmlns="), DocumentKind::kUnknown);
  EXPECT_EQ(SniffDocumentKind("<!-- never closed"), DocumentKind::kUnknown);
}

TEST(Decisions, CompileNamesWhatIsWrongWithALine) {
  DecisionCompileResult ok = CompileDecisions(DiscountDmn("0.1"));
  ASSERT_TRUE(ok.ok()) << ok.problems[0].message;
  ASSERT_EQ(ok.decisions.size(), 1u);
  EXPECT_EQ(ok.decisions[0].key, "discount");
  EXPECT_EQ(ok.decisions[0].output_names, std::vector<std::string>{"rate"});
  EXPECT_FALSE(ok.decisions[0].one_item_per_rule);

  DecisionCompileResult broken = CompileDecisions("<definitions xmlns='https://www.omg.org/spec/DMN/20191111/MODEL/'>\n<decision id='a'>\n</definitions>");
  ASSERT_FALSE(broken.ok());
  EXPECT_GE(broken.problems[0].line, 2) << broken.problems[0].message;
  DecisionCompileResult empty = CompileDecisions("<definitions xmlns='https://www.omg.org/spec/DMN/20191111/MODEL/' namespace='t' name='n'/>");
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.problems[0].message, "the DMN document has no decision to deploy");
  std::string bad_cell = DiscountDmn("0.1 +");
  DecisionCompileResult cell = CompileDecisions(bad_cell);
  ASSERT_FALSE(cell.ok()) << "an output entry that does not parse must refuse the deployment";
}

TEST_F(RuntimeTest, DecisionsDeployVersionAndRunInABusinessRuleTask) {
  OpenRuntime();
  json::Value d1 = Body(runtime_->Deploy(DiscountDmn("0.1"), "discounts.dmn").get());
  ASSERT_EQ(d1.Find("decisions")->as_array().size(), 1u);
  EXPECT_EQ(d1.Find("decisions")->as_array()[0].Find("version")->as_int(), 1);
  Body(runtime_->Deploy(kPricing, "pricing.bpmn").get());
  uint64_t a = Id(Body(runtime_->StartInstance("pricing", std::nullopt, "", Vars(R"({"total": 2000})")).get()));
  EXPECT_EQ((*store_->GetInstance(a))->variables_json, R"({"rate":0.1,"total":2000})");
  // A new version is used by the next instance; the first keeps what it got.
  json::Value d2 = Body(runtime_->Deploy(DiscountDmn("0.2"), "discounts.dmn").get());
  EXPECT_EQ(d2.Find("decisions")->as_array()[0].Find("version")->as_int(), 2);
  uint64_t b = Id(Body(runtime_->StartInstance("pricing", std::nullopt, "", Vars(R"({"total": 2000})")).get()));
  EXPECT_EQ((*store_->GetInstance(b))->variables_json, R"({"rate":0.2,"total":2000})");
  // A broken DMN document changes nothing.
  Reply bad = runtime_->Deploy("<definitions xmlns='https://www.omg.org/spec/DMN/20191111/MODEL/'><decision", "").get();
  EXPECT_EQ(bad.status.code(), StatusCode::kInvalidArgument);
  // After a restart both versions come back compiled, and the logs replay to the same projections.
  runtime_.reset();
  OpenRuntime();
  uint64_t c = Id(Body(runtime_->StartInstance("pricing", std::nullopt, "", Vars(R"({"total": 5})")).get()));
  EXPECT_EQ((*store_->GetInstance(c))->variables_json, R"({"rate":0,"total":5})");
  auto v1 = runtime_->definitions().Find("discount", 1, store::DefinitionKind::kDecision);
  ASSERT_TRUE(v1.has_value());
  EXPECT_NE(v1->decision, nullptr);
  EXPECT_FALSE(runtime_->definitions().Find("discount").has_value()) << "a decision is not a process";
  auto report = VerifyChains(*store_);
  ASSERT_TRUE(report.ok());
  EXPECT_TRUE(report->ok()) << report->problem;
  Status replay = VerifyProjections(*store_);
  EXPECT_TRUE(replay.ok()) << replay.ToString();
  auto events = store_->ListEvents(a);
  ASSERT_TRUE(events.ok());
  std::string all;
  for (const auto& row : *events) all += row.body;
  EXPECT_NE(all.find(R"("type":"DecisionEvaluated")"), std::string::npos);
  EXPECT_NE(all.find(R"("matchedRules":["discount#1"],"matchedRuleIds":["big"])"), std::string::npos) << all;
}

TEST_F(RuntimeTest, IncidentIsVisibleAndResolvable) {
  OpenRuntime();
  Body(runtime_->Deploy(kModel, "").get());
  uint64_t id = Id(Body(runtime_->StartInstance("review", std::nullopt, "", {}).get()));
  json::Value jobs = Body(runtime_->AcquireJobs("mail", "w1", 10, 60000).get());
  Body(runtime_->CompleteJob(Id(jobs.Find("items")->as_array().at(0)), "w1", {}).get());
  Body(runtime_->CompleteTask(OpenTaskOf(id), {}).get());  // `approved` is missing: the gateway cannot decide
  EXPECT_EQ((*store_->GetInstance(id))->state, store::InstanceState::kIncident);
  auto incidents = store_->ListIncidents(id);
  ASSERT_EQ(incidents->size(), 1u);
  EXPECT_EQ(incidents->front().element, "g");
  Body(runtime_->ResolveIncident(incidents->front().id, Vars(R"({"approved": true})")).get());
  EXPECT_EQ((*store_->GetInstance(id))->state, store::InstanceState::kCompleted);
  EXPECT_EQ(runtime_->ResolveIncident(incidents->front().id, {}).get().status.code(), StatusCode::kFailedPrecondition);
  EXPECT_TRUE(VerifyProjections(*store_).ok());
}

TEST_F(RuntimeTest, TamperedEventIsReportedWithInstanceAndSequence) {
  OpenRuntime();
  Body(runtime_->Deploy(kModel, "").get());
  uint64_t id = Id(Body(runtime_->StartInstance("calc", std::nullopt, "", Vars(R"({"n":1})")).get()));
  runtime_.reset();
  auto rows = store_->ListEvents(id);
  ASSERT_TRUE(rows.ok() && !rows->empty());
  store::EventRow row = rows->front();
  size_t pos = row.body.find("\"n\":1");
  ASSERT_NE(pos, std::string::npos);
  row.body[pos + 4] = '9';
  // The system test rewrites the SQLite file itself; here the altered row goes into a fresh store.
  store_.reset();
  store::MemoryStore memory;
  store::Transaction txn;
  txn.events.push_back(row);
  auto instance = store::InstanceRow{};
  instance.id = id;
  txn.instances.push_back(instance);
  ASSERT_TRUE(memory.Commit(txn).ok());
  auto report = VerifyChains(memory);
  ASSERT_TRUE(report.ok());
  EXPECT_FALSE(report->ok());
  EXPECT_EQ(report->broken_instance, id);
  EXPECT_EQ(report->broken_seq, 1u);
}

TEST(RuntimeFaults, FailedCommitRejectsTheBatchAndLosesNothingStored) {
  auto inner = std::make_unique<store::MemoryStore>();
  store::FaultInjectingStore store(std::move(inner));
  ManualClock clock;
  auto rt = Runtime::Open(store, clock);
  ASSERT_TRUE(rt.ok());
  Body((*rt)->Deploy(kModel, "").get());
  uint64_t id = Id(Body((*rt)->StartInstance("review", std::nullopt, "", {}).get()));
  store::TaskFilter f;
  f.instance_id = id;
  uint64_t task = store.ListTasks(f, {})->front().id;

  store.FailNthCommit(1);
  Reply failed = (*rt)->CompleteTask(task, Vars(R"({"approved": true})")).get();
  EXPECT_EQ(failed.status.code(), StatusCode::kUnavailable);
  EXPECT_EQ(store.ListTasks(f, {})->front().state, store::TaskState::kOpen);
  Reply failed_start = (*rt)->StartInstance("calc", std::nullopt, "", Vars(R"({"n":1})")).get();
  // The next commit is healthy again: the memory state was rolled back to the store's, so the
  // same task can be completed now.
  Body((*rt)->CompleteTask(task, Vars(R"({"approved": true})")).get());
  EXPECT_EQ(store.ListTasks(f, {})->front().state, store::TaskState::kCompleted);
  (void)failed_start;
  json::Value jobs = Body((*rt)->AcquireJobs("mail", "w", 10, 60000).get());
  Body((*rt)->CompleteJob(Id(jobs.Find("items")->as_array().at(0)), "w", {}).get());
  EXPECT_EQ((*store.GetInstance(id))->state, store::InstanceState::kCompleted);
  Status replay = VerifyProjections(store);
  EXPECT_TRUE(replay.ok()) << replay.ToString();
}

}  // namespace
}  // namespace ordo::runtime
