// SQLite-specific behaviour: durability across reopen, migrations, settings, concurrency.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <thread>

#include "store/sqlite/database.h"
#include "store/sqlite/migrations.h"
#include "store/sqlite/sqlite_store.h"
#include "test_rows.h"

namespace ordo::store {
namespace {

using testing::Event;
using testing::Instance;
using testing::ScratchDir;
using testing::Task;

std::unique_ptr<SqliteStore> MustOpen(const std::string& path, const SqliteOptions& options = {}) {
  auto store = SqliteStore::Open(path, options);
  EXPECT_TRUE(store.ok()) << store.status().ToString();
  return store.ok() ? std::move(store).value() : nullptr;
}

TEST(SqliteStore, DataSurvivesCloseAndReopen) {
  ScratchDir dir;
  std::string path = dir.File("ordo.db");
  {
    auto store = MustOpen(path);
    ASSERT_NE(store, nullptr);
    Transaction txn;
    txn.events = {Event(1, 1, 3)};
    txn.instances = {Instance(1)};
    txn.tasks = {Task(2, 1, "ann", {"sales"})};
    txn.next_key = 42;
    ASSERT_TRUE(store->Commit(txn).ok());
  }
  auto store = MustOpen(path);
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(store->ListEvents(1)->size(), 1u);
  EXPECT_EQ((*store->GetInstance(1))->business_key, "bk-1");
  EXPECT_EQ((*store->GetTask(2))->candidate_groups, (std::vector<std::string>{"sales"}));
  EXPECT_EQ(*store->NextKey(), std::optional<uint64_t>(42));
}

TEST(SqliteStore, MigrationsAreIdempotent) {
  ScratchDir dir;
  std::string path = dir.File("ordo.db");
  MustOpen(path).reset();
  MustOpen(path).reset();
  auto db = sqlite::Database::Open(path, sqlite::Database::Mode::kReadWrite);
  ASSERT_TRUE(db.ok());
  EXPECT_EQ(*sqlite::CurrentSchemaVersion(**db), sqlite::LatestSchemaVersion());
  EXPECT_EQ(*(*db)->QueryText("SELECT count(*) FROM schema_version"),
            std::to_string(sqlite::Migrations().size()));
  // Applying again on a migrated database changes nothing.
  EXPECT_TRUE(sqlite::ApplyMigrations(**db).ok());
  EXPECT_EQ(*(*db)->QueryText("SELECT count(*) FROM schema_version"),
            std::to_string(sqlite::Migrations().size()));
}

// A database as a binary that knew only the first `version` migrations left it.
Result<std::unique_ptr<sqlite::Database>> DatabaseAtSchema(const std::string& path, int version) {
  ASSIGN_OR_RETURN(std::unique_ptr<sqlite::Database> db,
                   sqlite::Database::Open(path, sqlite::Database::Mode::kReadWriteCreate));
  RETURN_IF_ERROR(db->Exec("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
                           "applied_at INTEGER NOT NULL)"));
  for (int i = 0; i < version; ++i) {
    RETURN_IF_ERROR(db->Exec(sqlite::Migrations()[i].sql));
    RETURN_IF_ERROR(db->Exec("INSERT INTO schema_version VALUES (" + std::to_string(i + 1) + ", 'm', 0)"));
  }
  return db;
}

TEST(SqliteStore, MigrationTwoKeepsStoredDefinitionsAsProcesses) {
  // A database written by a binary that knew only schema 1, with one deployed process.
  ScratchDir dir;
  std::string path = dir.File("ordo.db");
  {
    auto db = DatabaseAtSchema(path, 1);
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    ASSERT_TRUE((*db)->Exec("INSERT INTO definitions VALUES (7, 'invoice', 3, 'Invoice', 'invoice.bpmn', "
                            "'abc', '<definitions/>', 70, 1700000000000)").ok());
  }
  auto store = MustOpen(path);
  ASSERT_NE(store, nullptr);
  auto row = store->GetDefinition(7);
  ASSERT_TRUE(row.ok() && row->has_value());
  EXPECT_EQ((*row)->kind, DefinitionKind::kProcess);
  EXPECT_EQ((*row)->key, "invoice");
  EXPECT_EQ((*row)->version, 3);
  EXPECT_EQ((*row)->xml, "<definitions/>");
  EXPECT_EQ((*row)->deployed_at, 1700000000000);
  auto latest = store->LatestDefinition("invoice");
  ASSERT_TRUE(latest.ok() && latest->has_value());
  EXPECT_EQ((*latest)->id, 7u);
  EXPECT_FALSE(store->LatestDefinition("invoice", DefinitionKind::kDecision)->has_value());
}

TEST(SqliteStore, MigrationThreeKeepsInstancesAndTasksWithoutCallerOrDueDate) {
  // A database at schema 2 with one running instance and its open task.
  ScratchDir dir;
  std::string path = dir.File("ordo.db");
  {
    auto db = DatabaseAtSchema(path, 2);
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    ASSERT_TRUE((*db)->Exec("INSERT INTO instances VALUES (5, 7, 'invoice', 1, 'bk', 'active', '{}', '[]', 10, 0, 3, "
                            "zeroblob(32))").ok());
    ASSERT_TRUE((*db)->Exec("INSERT INTO tasks VALUES (9, 5, 8, 'approve', 'Approve', '', '[]', '[]', 'open', 11, 0)").ok());
  }
  auto store = MustOpen(path);
  ASSERT_NE(store, nullptr);
  auto inst = store->GetInstance(5);
  ASSERT_TRUE(inst.ok() && inst->has_value()) << inst.status().ToString();
  EXPECT_EQ((*inst)->business_key, "bk");
  EXPECT_EQ((*inst)->parent_instance_id, 0u);
  auto task = store->GetTask(9);
  ASSERT_TRUE(task.ok() && task->has_value()) << task.status().ToString();
  EXPECT_EQ((*task)->element, "approve");
  EXPECT_EQ((*task)->due_at, 0);
  // New rows carry both.
  Transaction txn;
  InstanceRow child = **inst;
  child.id = 6;
  child.parent_instance_id = 5;
  txn.instances.push_back(child);
  TaskRow due = **task;
  due.id = 10;
  due.due_at = 1'700'000'000'000;
  txn.tasks.push_back(due);
  ASSERT_TRUE(store->Commit(txn).ok());
  EXPECT_EQ((*store->GetInstance(6))->parent_instance_id, 5u);
  EXPECT_EQ((*store->GetTask(10))->due_at, 1'700'000'000'000);
}

// The WAL size checkpoints must keep below with a 50-page threshold: 4x the threshold plus a
// few batches of WriteLoad (the writer's own checkpoint yields while the background one runs), in
// frames of one 4 KiB page and a 24-byte header. Unchecked, the WAL would pass 4 MB.
constexpr uint64_t kWalBound = (4 * 50 + 300) * (4096 + 24);

// Writes `batches` transactions of 20 instances with 2 KB of events each.
void WriteLoad(SqliteStore& store, int batches) {
  uint64_t id = 1;
  for (int b = 0; b < batches; ++b) {
    Transaction txn;
    for (int i = 0; i < 20; ++i, ++id) {
      EventRow e = Event(id, 1, 1);
      e.body = std::string(2048, 'x');
      txn.events.push_back(e);
      txn.instances.push_back(Instance(id));
    }
    ASSERT_TRUE(store.Commit(txn).ok());
  }
}

TEST(SqliteStore, CheckpointsRunInTheBackgroundAndBoundTheWal) {
  ScratchDir dir;
  std::string path = dir.File("ordo.db");
  SqliteOptions options;
  options.wal_autocheckpoint_pages = 50;  // ~200 KB
  auto store = MustOpen(path, options);
  ASSERT_NE(store, nullptr);
  WriteLoad(*store, 100);  // ~4 MB through the WAL
  // The checkpointer runs beside the writer; give it a moment to catch up with the last signal.
  for (int i = 0; i < 200 && store->background_checkpoints() == 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  EXPECT_GT(store->background_checkpoints(), 0u);
  // The WAL restarts once checkpointed. However far the background thread falls behind, the
  // writer checkpoints itself at 4x the threshold, so the file stays under that plus one batch
  // (frames are a page plus a 24-byte header), far below the ~4 MB written.
  EXPECT_LT(std::filesystem::file_size(path + "-wal"), kWalBound);
  EXPECT_EQ(store->ListInstances({}, Page{0, 5000})->size(), 2000u);
  store.reset();
  auto again = MustOpen(path);
  ASSERT_NE(again, nullptr);
  EXPECT_EQ(again->ListInstances({}, Page{0, 5000})->size(), 2000u);
}

TEST(SqliteStore, WithoutTheCheckpointerTheWriterCheckpoints) {
  ScratchDir dir;
  std::string path = dir.File("ordo.db");
  SqliteOptions options;
  options.wal_autocheckpoint_pages = 50;
  options.background_checkpoint = false;
  auto store = MustOpen(path, options);
  ASSERT_NE(store, nullptr);
  WriteLoad(*store, 100);
  EXPECT_EQ(store->background_checkpoints(), 0u);
  EXPECT_LT(std::filesystem::file_size(path + "-wal"), kWalBound);
}

TEST(SqliteStore, RefusesADatabaseFromANewerBinary) {
  ScratchDir dir;
  std::string path = dir.File("ordo.db");
  MustOpen(path).reset();
  {
    auto db = sqlite::Database::Open(path, sqlite::Database::Mode::kReadWrite);
    ASSERT_TRUE(db.ok());
    std::string newer = std::to_string(sqlite::LatestSchemaVersion() + 1);
    ASSERT_TRUE((*db)->Exec("INSERT INTO schema_version VALUES (" + newer + ", 'future', 0)").ok());
  }
  auto store = SqliteStore::Open(path, {});
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(store.status().message().find("newer than this binary"), std::string::npos)
      << store.status().message();
}

TEST(SqliteStore, DescribeNamesPathAndDurability) {
  ScratchDir dir;
  std::string path = dir.File("ordo.db");
  auto full = MustOpen(path);
  ASSERT_NE(full, nullptr);
  EXPECT_EQ(full->Describe(), "sqlite " + path + " (WAL, synchronous=FULL)");
  full.reset();
  auto normal = MustOpen(path, {.synchronous = Synchronous::kNormalNotDurable});
  ASSERT_NE(normal, nullptr);
  EXPECT_NE(normal->Describe().find("synchronous=NORMAL"), std::string::npos);
}

TEST(SqliteStore, RefusesAnInMemoryPath) {
  auto store = SqliteStore::Open(":memory:", {});
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().code(), StatusCode::kInvalidArgument);
}

TEST(SqliteStore, StoresDigestsAsBlobs) {
  ScratchDir dir;
  std::string path = dir.File("ordo.db");
  auto store = MustOpen(path);
  Transaction txn;
  txn.events = {Event(1, 1, 1)};
  ASSERT_TRUE(store->Commit(txn).ok());
  auto db = sqlite::Database::Open(path, sqlite::Database::Mode::kReadWrite);
  ASSERT_TRUE(db.ok());
  EXPECT_EQ(*(*db)->QueryText("SELECT typeof(hash) || ' ' || length(hash) FROM events"), "blob 32");
}

TEST(SqliteStore, BusyDatabaseFailsTheCommitAsUnavailableAndAppliesNothing) {
  ScratchDir dir;
  std::string path = dir.File("ordo.db");
  auto store = MustOpen(path, {.busy_timeout_ms = 20});
  ASSERT_NE(store, nullptr);
  auto other = sqlite::Database::Open(path, sqlite::Database::Mode::kReadWrite);
  ASSERT_TRUE(other.ok());
  ASSERT_TRUE((*other)->Exec("BEGIN IMMEDIATE").ok());  // another process holds the write lock

  Transaction txn;
  txn.events = {Event(1, 1, 1)};
  txn.instances = {Instance(1)};
  Status status = store->Commit(txn);
  EXPECT_EQ(status.code(), StatusCode::kUnavailable) << status.ToString();

  ASSERT_TRUE((*other)->Exec("ROLLBACK").ok());
  EXPECT_TRUE(store->ListEvents(1)->empty());
  EXPECT_FALSE(store->GetInstance(1)->has_value());
  EXPECT_TRUE(store->Commit(txn).ok());  // the retry succeeds
  EXPECT_TRUE(store->GetInstance(1)->has_value());
}

TEST(SqliteStore, ReadersRunWhileAnotherThreadCommits) {
  ScratchDir dir;
  auto store = MustOpen(dir.File("ordo.db"));
  ASSERT_NE(store, nullptr);
  constexpr uint64_t kBatches = 200;
  std::atomic<bool> done{false};
  std::atomic<int> reads{0};
  std::atomic<int> failures{0};

  std::thread writer([&] {
    for (uint64_t id = 1; id <= kBatches; ++id) {
      Transaction txn;
      txn.events = {Event(id, 1, 1, std::string(900, 'x'))};
      txn.instances = {Instance(id)};
      txn.next_key = id;
      if (!store->Commit(txn).ok()) ++failures;
    }
    done = true;
  });
  auto read_loop = [&] {
    while (!done) {
      auto key = store->NextKey();
      if (!key.ok()) { ++failures; continue; }
      if (!key->has_value()) continue;
      // A batch is visible whole: once its next_key is seen, its instance and event are too.
      uint64_t id = **key;
      auto instance = store->GetInstance(id);
      auto events = store->ListEvents(id);
      if (!instance.ok() || !instance->has_value() || !events.ok() || events->size() != 1) {
        ++failures;
      }
      auto page = store->ListInstances({}, {.after_id = 0, .limit = 1000});
      if (!page.ok() || page->size() < id) ++failures;
      ++reads;
    }
  };
  std::thread reader1(read_loop);
  std::thread reader2(read_loop);
  writer.join();
  reader1.join();
  reader2.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_GT(reads.load(), 0);
  EXPECT_EQ(store->ListInstances({}, {.after_id = 0, .limit = 1000})->size(), kBatches);
}

}  // namespace
}  // namespace ordo::store
