// FaultInjectingStore: failed commits apply nothing, plans fail exactly the commits they name.
#include "store/fault_store.h"

#include <gtest/gtest.h>

#include "store/memory/memory_store.h"
#include "test_rows.h"

namespace ordo::store {
namespace {

using testing::Event;
using testing::Instance;

Transaction Batch(uint64_t id) {
  Transaction txn;
  txn.events = {Event(id, 1, 1)};
  txn.instances = {Instance(id)};
  txn.next_key = id;
  return txn;
}

class FaultStoreTest : public ::testing::Test {
 protected:
  FaultInjectingStore store_{std::make_unique<MemoryStore>()};
};

TEST_F(FaultStoreTest, FailedCommitAppliesNothing) {
  store_.FailEveryCommit();
  Status status = store_.Commit(Batch(1));
  EXPECT_EQ(status.code(), StatusCode::kUnavailable);
  EXPECT_TRUE(store_.ListEvents(1)->empty());
  EXPECT_FALSE(store_.GetInstance(1)->has_value());
  EXPECT_FALSE(store_.NextKey()->has_value());
  EXPECT_FALSE(store_.Commit(Batch(1)).ok());

  store_.Heal();
  EXPECT_TRUE(store_.Commit(Batch(1)).ok());
  EXPECT_TRUE(store_.GetInstance(1)->has_value());
  EXPECT_EQ(store_.commits_attempted(), 3);
  EXPECT_EQ(store_.commits_failed(), 2);
}

TEST_F(FaultStoreTest, FailsExactlyTheNthCommit) {
  store_.FailNthCommit(3);
  std::vector<bool> ok;
  for (uint64_t id = 1; id <= 5; ++id) ok.push_back(store_.Commit(Batch(id)).ok());
  EXPECT_EQ(ok, (std::vector<bool>{true, true, false, true, true}));
  EXPECT_FALSE(store_.GetInstance(3)->has_value());
  EXPECT_TRUE(store_.GetInstance(4)->has_value());
}

TEST_F(FaultStoreTest, RandomFractionIsReproducibleForASeed) {
  auto run = [](uint64_t seed) {
    FaultInjectingStore store(std::make_unique<MemoryStore>());
    store.FailFraction(0.25, seed);
    std::vector<bool> ok;
    for (uint64_t id = 1; id <= 400; ++id) ok.push_back(store.Commit(Batch(id)).ok());
    return ok;
  };
  std::vector<bool> first = run(7);
  EXPECT_EQ(first, run(7));
  int failed = static_cast<int>(std::count(first.begin(), first.end(), false));
  EXPECT_GT(failed, 60);
  EXPECT_LT(failed, 140);
}

TEST_F(FaultStoreTest, ReadsPassThroughWhileCommitsFail) {
  ASSERT_TRUE(store_.Commit(Batch(1)).ok());
  store_.FailEveryCommit();
  EXPECT_TRUE(store_.GetInstance(1)->has_value());
  EXPECT_EQ(store_.ListEvents(1)->size(), 1u);
  EXPECT_EQ(*store_.NextKey(), std::optional<uint64_t>(1));
  EXPECT_NE(store_.Describe().find("every commit"), std::string::npos);
  EXPECT_NE(store_.Describe().find("memory"), std::string::npos);
}

}  // namespace
}  // namespace ordo::store
