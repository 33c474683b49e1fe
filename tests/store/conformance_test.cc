// The store conformance suite: every Store method, run against every backend. A backend is
// conformant when this whole suite passes unchanged.
#include <gtest/gtest.h>

#include <functional>
#include <memory>
#include <string>
#include <tuple>

#include "store/fault_store.h"
#include "store/memory/memory_store.h"
#include "store/sqlite/sqlite_store.h"
#include "store/store.h"
#include "test_rows.h"

namespace ordo::store {
namespace {

using testing::Definition;
using testing::DigestOf;
using testing::Event;
using testing::Instance;
using testing::ScratchDir;
using testing::Task;

struct Backend {
  std::string name;
  std::function<std::unique_ptr<Store>(const ScratchDir& dir)> open;
};

std::ostream& operator<<(std::ostream& out, const Backend& backend) { return out << backend.name; }

auto Fields(const InstanceRow& r) {
  return std::tie(r.id, r.definition_id, r.process_key, r.version, r.business_key, r.state,
                  r.variables_json, r.active_json, r.created_at, r.ended_at, r.last_seq,
                  r.last_hash);
}
auto Fields(const DefinitionRow& r) {
  return std::tie(r.id, r.key, r.version, r.name, r.resource_name, r.xml_sha256, r.xml,
                  r.deployment_id, r.deployed_at);
}
auto Fields(const EventRow& r) {
  return std::tie(r.instance_id, r.seq_first, r.seq_last, r.hash, r.body);
}
auto Fields(const ElementInstanceRow& r) {
  return std::tie(r.key, r.instance_id, r.element, r.state, r.activated_at);
}
auto Fields(const TaskRow& r) {
  return std::tie(r.id, r.instance_id, r.element_instance, r.element, r.name, r.assignee,
                  r.candidate_groups, r.candidate_users, r.state, r.created_at, r.completed_at);
}
auto Fields(const JobRow& r) {
  return std::tie(r.id, r.instance_id, r.element_instance, r.element, r.type, r.state, r.retries,
                  r.worker, r.lock_expires_at, r.due_at, r.error_message, r.created_at);
}
auto Fields(const IncidentRow& r) {
  return std::tie(r.id, r.instance_id, r.element_instance, r.element, r.kind, r.message, r.job_id,
                  r.state, r.created_at, r.resolved_at);
}
auto Fields(const IdempotencyRow& r) {
  return std::tie(r.scope, r.request_hash, r.status, r.response, r.created_at);
}

template <typename Row>
bool Same(const Row& a, const Row& b) {
  return Fields(a) == Fields(b);
}

template <typename Row>
std::vector<uint64_t> Ids(const std::vector<Row>& rows) {
  std::vector<uint64_t> ids;
  for (const Row& row : rows) ids.push_back(row.id);
  return ids;
}

class StoreConformance : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    store_ = GetParam().open(dir_);
    ASSERT_NE(store_, nullptr);
  }

  void Commit(const Transaction& txn) { ASSERT_TRUE(store_->Commit(txn).ok()); }

  ScratchDir dir_;
  std::unique_ptr<Store> store_;
};

TEST_P(StoreConformance, EmptyStoreReadsNothing) {
  EXPECT_FALSE(store_->NextKey()->has_value());
  EXPECT_TRUE(store_->ListDefinitions(true)->empty());
  EXPECT_FALSE(store_->GetInstance(1)->has_value());
  EXPECT_TRUE(store_->ListInstances({}, {})->empty());
  EXPECT_TRUE(store_->ListUnfinishedInstanceIds()->empty());
  EXPECT_TRUE(store_->ListEvents(1)->empty());
  EXPECT_FALSE(store_->GetTask(1)->has_value());
  EXPECT_FALSE(store_->GetJob(1)->has_value());
  EXPECT_FALSE(store_->GetIncident(1)->has_value());
  EXPECT_FALSE(store_->GetIdempotency("x")->has_value());
  EXPECT_TRUE(store_->Commit(Transaction{}).ok());
  EXPECT_FALSE(store_->Describe().empty());
}

TEST_P(StoreConformance, DefinitionVersionsAndLatest) {
  Transaction txn;
  txn.definitions = {Definition(1, "invoice", 1), Definition(2, "invoice", 2),
                     Definition(3, "onboarding", 1)};
  Commit(txn);
  Transaction more;
  more.definitions = {Definition(4, "invoice", 3)};
  Commit(more);

  auto all = store_->ListDefinitions(true);
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(Ids(*all), (std::vector<uint64_t>{1, 2, 4, 3}));  // by key, then version
  auto latest = store_->ListDefinitions(false);
  ASSERT_TRUE(latest.ok());
  EXPECT_EQ(Ids(*latest), (std::vector<uint64_t>{4, 3}));

  auto invoice = store_->LatestDefinition("invoice");
  ASSERT_TRUE(invoice.ok() && invoice->has_value());
  EXPECT_TRUE(Same(**invoice, Definition(4, "invoice", 3)));
  EXPECT_FALSE(store_->LatestDefinition("missing")->has_value());
  auto two = store_->GetDefinition(2);
  ASSERT_TRUE(two.ok() && two->has_value());
  EXPECT_TRUE(Same(**two, Definition(2, "invoice", 2)));
}

TEST_P(StoreConformance, ProcessesAndDecisionsVersionTheirKeysApart) {
  Transaction txn;
  txn.definitions = {Definition(1, "invoice", 1), Definition(2, "invoice", 1, DefinitionKind::kDecision),
                     Definition(3, "invoice", 2, DefinitionKind::kDecision), Definition(4, "approve", 1)};
  Commit(txn);
  auto latest = store_->ListDefinitions(false);
  ASSERT_TRUE(latest.ok());
  EXPECT_EQ(Ids(*latest), (std::vector<uint64_t>{4, 1, 3}));  // processes first, then decisions
  auto process = store_->LatestDefinition("invoice");
  ASSERT_TRUE(process.ok() && process->has_value());
  EXPECT_EQ((*process)->id, 1u);
  EXPECT_EQ((*process)->kind, DefinitionKind::kProcess);
  auto decision = store_->LatestDefinition("invoice", DefinitionKind::kDecision);
  ASSERT_TRUE(decision.ok() && decision->has_value());
  EXPECT_EQ((*decision)->id, 3u);
  EXPECT_EQ((*decision)->kind, DefinitionKind::kDecision);
  EXPECT_FALSE(store_->LatestDefinition("approve", DefinitionKind::kDecision)->has_value());
  // The same (kind, key, version) twice still fails.
  Transaction clash;
  clash.definitions = {Definition(5, "invoice", 2, DefinitionKind::kDecision)};
  EXPECT_FALSE(store_->Commit(clash).ok());
}

TEST_P(StoreConformance, DuplicateDefinitionVersionFailsTheBatch) {
  Transaction first;
  first.definitions = {Definition(1, "invoice", 1)};
  Commit(first);
  Transaction clash;
  clash.definitions = {Definition(2, "invoice", 1)};
  clash.instances = {Instance(9)};
  EXPECT_FALSE(store_->Commit(clash).ok());
  EXPECT_FALSE(store_->GetDefinition(2)->has_value());
  EXPECT_FALSE(store_->GetInstance(9)->has_value());
}

TEST_P(StoreConformance, EventsAppendInSequenceOrder) {
  std::string binary("line one\n\0\xff line two", 21);
  Transaction a;
  a.events = {Event(7, 1, 2, binary), Event(8, 1, 1)};
  Commit(a);
  Transaction b;
  b.events = {Event(7, 5, 5), Event(7, 3, 4)};  // out of order within the batch
  Commit(b);

  auto events = store_->ListEvents(7);
  ASSERT_TRUE(events.ok());
  ASSERT_EQ(events->size(), 3u);
  EXPECT_TRUE(Same((*events)[0], Event(7, 1, 2, binary)));
  EXPECT_EQ((*events)[0].body.size(), 21u);
  EXPECT_EQ((*events)[1].seq_first, 3u);
  EXPECT_EQ((*events)[2].seq_first, 5u);
  EXPECT_EQ(store_->ListEvents(8)->size(), 1u);
}

TEST_P(StoreConformance, DuplicateEventKeyFailsTheWholeBatch) {
  Transaction first;
  first.events = {Event(1, 1, 1)};
  first.instances = {Instance(1)};
  first.next_key = 10;
  Commit(first);

  Transaction clash;
  clash.definitions = {Definition(5, "late", 1)};
  clash.events = {Event(2, 1, 1), Event(1, 2, 2), Event(1, 1, 1, "replayed")};
  clash.instances = {Instance(1, "changed", InstanceState::kCompleted), Instance(2)};
  clash.element_instances = {{.key = 50, .instance_id = 2, .element = "start", .state = "active"}};
  clash.tasks = {Task(60, 2, "ann", {"sales"})};
  clash.jobs = {{.id = 70, .instance_id = 2, .type = "mail"}};
  clash.incidents = {{.id = 80, .instance_id = 2, .kind = "job"}};
  clash.idempotency = {{.scope = "start\nk1", .status = 201}};
  clash.next_key = 99;
  Status status = store_->Commit(clash);
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.code(), StatusCode::kInternal) << status.ToString();
  EXPECT_NE(status.message().find("instance 1, seq_first 1"), std::string::npos)
      << status.message();

  // Nothing of the failed batch is visible: neither its other events nor its projections.
  EXPECT_EQ(store_->ListEvents(1)->size(), 1u);
  EXPECT_EQ((*store_->ListEvents(1))[0].body, Event(1, 1, 1).body);
  EXPECT_TRUE(store_->ListEvents(2)->empty());
  EXPECT_EQ((*store_->GetInstance(1))->process_key, "invoice");
  EXPECT_FALSE(store_->GetInstance(2)->has_value());
  EXPECT_FALSE(store_->GetDefinition(5)->has_value());
  EXPECT_TRUE(store_->ListElementInstances(2)->empty());
  EXPECT_FALSE(store_->GetTask(60)->has_value());
  EXPECT_FALSE(store_->GetJob(70)->has_value());
  EXPECT_FALSE(store_->GetIncident(80)->has_value());
  EXPECT_FALSE(store_->GetIdempotency("start\nk1")->has_value());
  EXPECT_EQ(*store_->NextKey(), std::optional<uint64_t>(10));

  // The store keeps working after a failed batch.
  Transaction next;
  next.events = {Event(1, 2, 2)};
  Commit(next);
  EXPECT_EQ(store_->ListEvents(1)->size(), 2u);
}

TEST_P(StoreConformance, DuplicateEventKeyWithinOneBatchFails) {
  Transaction txn;
  txn.events = {Event(3, 1, 1), Event(3, 1, 1)};
  txn.instances = {Instance(3)};
  EXPECT_FALSE(store_->Commit(txn).ok());
  EXPECT_TRUE(store_->ListEvents(3)->empty());
  EXPECT_FALSE(store_->GetInstance(3)->has_value());
}

TEST_P(StoreConformance, InstanceUpsertReplacesTheWholeRow) {
  Transaction first;
  first.instances = {Instance(4)};
  Commit(first);
  InstanceRow done = Instance(4, "invoice", InstanceState::kCompleted);
  done.business_key = "";
  done.variables_json = R"({"amount":12345678901234567890.123})";
  done.active_json = "[]";
  done.ended_at = 1'700'000'100'000;
  done.last_seq = 9;
  done.last_hash = DigestOf(200);
  Transaction second;
  second.instances = {done};
  Commit(second);
  auto read = store_->GetInstance(4);
  ASSERT_TRUE(read.ok() && read->has_value());
  EXPECT_TRUE(Same(**read, done));
}

TEST_P(StoreConformance, ListInstancesFiltersAndPagesByKeyset) {
  Transaction txn;
  for (uint64_t id = 1; id <= 10; ++id) {
    InstanceState state = id % 3 == 0 ? InstanceState::kCompleted : InstanceState::kActive;
    txn.instances.push_back(Instance(id, id % 2 == 0 ? "even" : "odd", state));
    if (id > 7) txn.instances.back().parent_instance_id = 2;  // 8, 9, 10 were called by 2
  }
  Commit(txn);

  EXPECT_EQ(Ids(*store_->ListInstances({.parent_instance_id = 2}, {})), (std::vector<uint64_t>{8, 9, 10}));
  EXPECT_EQ(Ids(*store_->ListInstances({.process_key = "odd", .parent_instance_id = 2}, {.after_id = 0, .limit = 5})),
            (std::vector<uint64_t>{9}));
  EXPECT_TRUE(store_->ListInstances({.parent_instance_id = 3}, {})->empty());
  EXPECT_EQ(store_->GetInstance(9)->value().parent_instance_id, 2u);

  EXPECT_EQ(Ids(*store_->ListInstances({}, {.after_id = 0, .limit = 4})),
            (std::vector<uint64_t>{1, 2, 3, 4}));
  EXPECT_EQ(Ids(*store_->ListInstances({}, {.after_id = 4, .limit = 4})),
            (std::vector<uint64_t>{5, 6, 7, 8}));
  EXPECT_EQ(Ids(*store_->ListInstances({}, {.after_id = 8, .limit = 4})),
            (std::vector<uint64_t>{9, 10}));
  EXPECT_TRUE(store_->ListInstances({}, {.after_id = 10, .limit = 4})->empty());
  EXPECT_TRUE(store_->ListInstances({}, {.after_id = 0, .limit = 0})->empty());

  EXPECT_EQ(Ids(*store_->ListInstances({.process_key = "even"}, {})),
            (std::vector<uint64_t>{2, 4, 6, 8, 10}));
  EXPECT_EQ(Ids(*store_->ListInstances({.process_key = "even"}, {.after_id = 4, .limit = 2})),
            (std::vector<uint64_t>{6, 8}));
  EXPECT_EQ(Ids(*store_->ListInstances({.state = InstanceState::kCompleted}, {})),
            (std::vector<uint64_t>{3, 6, 9}));
  EXPECT_EQ(Ids(*store_->ListInstances({.process_key = "odd", .state = InstanceState::kCompleted},
                                       {})),
            (std::vector<uint64_t>{3, 9}));
  EXPECT_TRUE(store_->ListInstances({.process_key = "none"}, {})->empty());
}

TEST_P(StoreConformance, UnfinishedInstanceIdsAreActiveOrIncident) {
  Transaction txn;
  txn.instances = {Instance(5, "p", InstanceState::kIncident), Instance(1, "p"),
                   Instance(2, "p", InstanceState::kCompleted),
                   Instance(3, "p", InstanceState::kTerminated), Instance(4, "p")};
  Commit(txn);
  EXPECT_EQ(*store_->ListUnfinishedInstanceIds(), (std::vector<uint64_t>{1, 4, 5}));
}

TEST_P(StoreConformance, ElementInstancesUpsertAndDelete) {
  Transaction txn;
  txn.element_instances = {{.key = 12, .instance_id = 1, .element = "task", .state = "active",
                            .activated_at = 5},
                           {.key = 11, .instance_id = 1, .element = "start", .state = "active"},
                           {.key = 13, .instance_id = 2, .element = "start", .state = "active"}};
  Commit(txn);
  Transaction change;
  change.element_instances = {{.key = 12, .instance_id = 1, .element = "task",
                               .state = "completing", .activated_at = 5}};
  change.deleted_element_instances = {11};
  Commit(change);
  auto rows = store_->ListElementInstances(1);
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_TRUE(Same((*rows)[0], change.element_instances[0]));
  EXPECT_EQ(store_->ListElementInstances(2)->size(), 1u);
}

TEST_P(StoreConformance, TasksRoundTripAndUpsert) {
  TaskRow task = Task(1, 9, "", {"sales", "finance"});
  Transaction txn;
  txn.tasks = {task};
  Commit(txn);
  auto read = store_->GetTask(1);
  ASSERT_TRUE(read.ok() && read->has_value());
  EXPECT_TRUE(Same(**read, task));

  task.assignee = "ann";
  task.candidate_groups = {};
  task.candidate_users = {};
  task.state = TaskState::kCompleted;
  task.completed_at = 1'700'000'000'500;
  Transaction done;
  done.tasks = {task};
  Commit(done);
  EXPECT_TRUE(Same(**store_->GetTask(1), task));
}

TEST_P(StoreConformance, ListTasksFilters) {
  Transaction txn;
  txn.tasks = {Task(1, 100, "ann", {"sales"}), Task(2, 100, "", {"sales-eu", "finance"}),
               Task(3, 200, "bob", {"finance"}, TaskState::kCompleted),
               Task(4, 200, "ann", {}, TaskState::kCanceled), Task(5, 300, "", {"sales"})};
  Commit(txn);

  EXPECT_EQ(Ids(*store_->ListTasks({}, {})), (std::vector<uint64_t>{1, 2, 3, 4, 5}));
  EXPECT_EQ(Ids(*store_->ListTasks({.state = TaskState::kOpen}, {})),
            (std::vector<uint64_t>{1, 2, 5}));
  EXPECT_EQ(Ids(*store_->ListTasks({.instance_id = 200}, {})), (std::vector<uint64_t>{3, 4}));
  EXPECT_EQ(Ids(*store_->ListTasks({.assignee = "ann"}, {})), (std::vector<uint64_t>{1, 4}));
  // A group matches a whole list entry, never a prefix or substring of one.
  EXPECT_EQ(Ids(*store_->ListTasks({.candidate_group = "sales"}, {})),
            (std::vector<uint64_t>{1, 5}));
  EXPECT_EQ(Ids(*store_->ListTasks({.candidate_group = "finance"}, {})),
            (std::vector<uint64_t>{2, 3}));
  EXPECT_TRUE(store_->ListTasks({.candidate_group = "sal"}, {})->empty());
  EXPECT_EQ(Ids(*store_->ListTasks({.state = TaskState::kOpen, .candidate_group = "finance"}, {})),
            (std::vector<uint64_t>{2}));
  EXPECT_EQ(Ids(*store_->ListTasks({.state = TaskState::kOpen}, {.after_id = 1, .limit = 1})),
            (std::vector<uint64_t>{2}));
  EXPECT_EQ(Ids(*store_->ListTasks({.instance_id = 100, .assignee = "ann"}, {})),
            (std::vector<uint64_t>{1}));
}

TEST_P(StoreConformance, JobsRoundTripAndListByInstance) {
  JobRow job{.id = 31, .instance_id = 3, .element_instance = 301, .element = "charge",
             .type = "payment", .state = JobState::kLocked, .retries = 3, .worker = "w-1",
             .lock_expires_at = 1000, .due_at = 500, .error_message = "", .created_at = 100};
  JobRow other = job;
  other.id = 30;
  other.state = JobState::kFailed;
  other.error_message = "card declined";
  JobRow elsewhere = job;
  elsewhere.id = 40;
  elsewhere.instance_id = 4;
  Transaction txn;
  txn.jobs = {job, other, elsewhere};
  Commit(txn);
  EXPECT_TRUE(Same(**store_->GetJob(31), job));
  auto jobs = store_->ListJobs(3);
  ASSERT_TRUE(jobs.ok());
  EXPECT_EQ(Ids(*jobs), (std::vector<uint64_t>{30, 31}));
  EXPECT_TRUE(Same((*jobs)[0], other));

  job.state = JobState::kCompleted;
  job.worker = "";
  Transaction done;
  done.jobs = {job};
  Commit(done);
  EXPECT_EQ((*store_->GetJob(31))->state, JobState::kCompleted);
}

TEST_P(StoreConformance, IncidentsRoundTripAndListByInstance) {
  IncidentRow incident{.id = 8, .instance_id = 2, .element_instance = 21, .element = "gateway",
                       .kind = "condition", .message = "no outgoing flow matched",
                       .created_at = 10};
  IncidentRow job_incident{.id = 9, .instance_id = 2, .element_instance = 22, .element = "charge",
                           .kind = "job", .message = "retries exhausted", .job_id = 77,
                           .created_at = 11};
  Transaction txn;
  txn.incidents = {job_incident, incident};
  Commit(txn);
  EXPECT_TRUE(Same(**store_->GetIncident(9), job_incident));
  EXPECT_EQ(Ids(*store_->ListIncidents(2)), (std::vector<uint64_t>{8, 9}));
  EXPECT_TRUE(store_->ListIncidents(3)->empty());

  incident.state = IncidentState::kResolved;
  incident.resolved_at = 20;
  Transaction resolved;
  resolved.incidents = {incident};
  Commit(resolved);
  EXPECT_TRUE(Same(**store_->GetIncident(8), incident));
}

TEST_P(StoreConformance, IdempotencyGetAndExpire) {
  Transaction txn;
  txn.idempotency = {{.scope = "POST /instances\nk1", .request_hash = "ab", .status = 201,
                      .response = R"({"id":1})", .created_at = 100},
                     {.scope = "POST /instances\nk2", .request_hash = "cd", .status = 422,
                      .response = "{}", .created_at = 200},
                     {.scope = "POST /tasks/1/complete\nk1", .status = 200, .created_at = 300}};
  Commit(txn);
  auto first = store_->GetIdempotency("POST /instances\nk1");
  ASSERT_TRUE(first.ok() && first->has_value());
  EXPECT_TRUE(Same(**first, txn.idempotency[0]));

  auto expired = store_->ExpireIdempotency(250);
  ASSERT_TRUE(expired.ok());
  EXPECT_EQ(*expired, 2);
  EXPECT_FALSE(store_->GetIdempotency("POST /instances\nk1")->has_value());
  EXPECT_FALSE(store_->GetIdempotency("POST /instances\nk2")->has_value());
  EXPECT_TRUE(store_->GetIdempotency("POST /tasks/1/complete\nk1")->has_value());
  EXPECT_EQ(*store_->ExpireIdempotency(250), 0);
}

TEST_P(StoreConformance, NextKeyIsTheLastWrittenHighWaterMark) {
  Transaction txn;
  txn.next_key = 1000;
  Commit(txn);
  EXPECT_EQ(*store_->NextKey(), std::optional<uint64_t>(1000));
  Transaction without;
  without.instances = {Instance(1)};
  Commit(without);
  EXPECT_EQ(*store_->NextKey(), std::optional<uint64_t>(1000));
  Transaction big;
  big.next_key = uint64_t{1} << 62;
  Commit(big);
  EXPECT_EQ(*store_->NextKey(), std::optional<uint64_t>(uint64_t{1} << 62));
}

TEST_P(StoreConformance, ScanEventsVisitsInKeyOrderAndStopsEarly) {
  Transaction a;
  a.events = {Event(20, 1, 1), Event(3, 2, 2), Event(3, 1, 1)};
  Commit(a);
  Transaction b;
  b.events = {Event(11, 1, 4), Event(3, 3, 3)};
  Commit(b);

  std::vector<std::pair<uint64_t, uint64_t>> seen;
  Status all = store_->ScanEvents([&](const EventRow& row) {
    seen.emplace_back(row.instance_id, row.seq_first);
    return Status::Ok();
  });
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(seen, (std::vector<std::pair<uint64_t, uint64_t>>{
                      {3, 1}, {3, 2}, {3, 3}, {11, 1}, {20, 1}}));

  int visited = 0;
  Status stopped = store_->ScanEvents([&](const EventRow& row) {
    ++visited;
    return row.instance_id == 11 ? DataLoss("chain break at 11") : Status::Ok();
  });
  EXPECT_EQ(stopped.code(), StatusCode::kDataLoss);
  EXPECT_EQ(stopped.message(), "chain break at 11");
  EXPECT_EQ(visited, 4);
}

std::unique_ptr<Store> OpenSqlite(const ScratchDir& dir) {
  auto store = SqliteStore::Open(dir.File("ordo.db"));
  EXPECT_TRUE(store.ok()) << store.status().ToString();
  return store.ok() ? std::move(store).value() : nullptr;
}

INSTANTIATE_TEST_SUITE_P(
    Backends, StoreConformance,
    ::testing::Values(
        Backend{"sqlite", OpenSqlite},
        Backend{"memory", [](const ScratchDir&) -> std::unique_ptr<Store> {
                  return std::make_unique<MemoryStore>();
                }},
        Backend{"faults_off_over_memory",
                [](const ScratchDir&) -> std::unique_ptr<Store> {
                  return std::make_unique<FaultInjectingStore>(std::make_unique<MemoryStore>());
                }}),
    [](const ::testing::TestParamInfo<Backend>& info) { return info.param.name; });

}  // namespace
}  // namespace ordo::store
