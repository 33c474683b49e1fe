// The commit thread behind Runtime (see runtime.h for the contract). Internal to runtime/.
#pragma once

#include <atomic>
#include <condition_variable>
#include <deque>
#include <functional>
#include <future>
#include <mutex>
#include <thread>
#include <unordered_map>

#include "engine/engine.h"
#include "engine/state.h"
#include "runtime/runtime.h"

namespace ordo::runtime {

// Allocates keys for instances, element instances, tasks, jobs and incidents. Keys are never
// reused: the high-water mark is committed with every batch.
class CounterKeys final : public engine::KeyGenerator {
 public:
  explicit CounterKeys(uint64_t next) : next_(next) {}
  uint64_t Next() override { return next_++; }
  uint64_t peek() const { return next_; }

 private:
  uint64_t next_;
};

// What a command does on the commit thread. It may emit events and add rows to the transaction
// (deployments add definitions); it returns the reply to send once the batch is durable.
struct CommandContext {
  engine::Engine& engine;
  engine::State& state;
  DefinitionRegistry& definitions;
  CounterKeys& keys;
  store::Store& store;
  store::Transaction& txn;
  engine::EventOutput& events;
  TimestampMs now;
  // Definitions deployed by this batch, registered only after it commits.
  std::vector<Definition>& new_definitions;
};

using CommandFn = std::function<Reply(CommandContext&)>;

// Two stages, so the engine works while the disk syncs: the engine thread takes every pending
// command, runs them and derives the batch's rows (Prepare); the writer thread commits that batch
// and answers its commands. While batch N is being committed the engine thread prepares N+1 on
// top of N's effects; N+1 is handed over only after N is durable. If N fails, N+1 fails with it
// and every instance either touched is reloaded from the store.
class Runtime::CommitLoop {
 public:
  CommitLoop(store::Store& store, const Clock& clock, const RuntimeOptions& options,
             DefinitionRegistry& definitions, uint64_t next_key);
  ~CommitLoop();

  // Rebuilds the unfinished instances from their logs. Call before Start().
  Status Recover();
  void Start();
  std::future<Reply> Submit(CommandFn fn, Idempotency idempotency);
  Stats stats() const;

 private:
  struct Pending {
    CommandFn fn;
    Idempotency idempotency;
    std::promise<Reply> promise;
  };

  // One batch between the two stages.
  struct Prepared {
    std::deque<Pending> commands;
    std::vector<Reply> replies;
    store::Transaction txn;
    std::vector<uint64_t> touched;          // instances with events in this batch
    std::vector<uint64_t> finished;         // instances this batch completed or terminated
    std::vector<uint64_t> new_definitions;  // registered at once, removed if the commit fails
    std::vector<std::string> keys;          // idempotency scopes first answered in this batch
    uint64_t first_key = 0;                 // keys >= this were allocated by this batch
    size_t events = 0;
    Status result;                          // the commit's outcome, set by the writer
    bool done = false;                      // guarded by mu_
  };

  void EngineLoop();
  void WriterLoop();
  std::unique_ptr<Prepared> Prepare(std::deque<Pending> commands);
  void Handover(Prepared* batch);
  void AwaitWriter(Prepared* batch);
  void AfterCommit(Prepared& batch);
  void FailAndRollback(Prepared& failed, Prepared* next);
  void Housekeeping(TimestampMs now, engine::EventOutput& events);
  Status BuildRows(const engine::EventOutput& events, Prepared& batch);
  Status LoadInstance(uint64_t id);

  store::Store& store_;
  const Clock& clock_;
  RuntimeOptions options_;
  DefinitionRegistry& definitions_;
  // Owned by the engine thread (and by Recover before it starts).
  engine::State state_;
  CounterKeys keys_;
  engine::Engine engine_;
  std::unordered_map<uint64_t, Digest> chain_heads_;  // unfinished instances' last hash
  // Idempotency answers of batches not yet known to be durable, by scope.
  std::unordered_map<std::string, store::IdempotencyRow> unsettled_keys_;
  TimestampMs last_housekeeping_ = 0;
  TimestampMs last_idempotency_sweep_ = 0;

  std::mutex mu_;
  std::condition_variable queue_cv_;   // commands arrived or stopping
  std::condition_variable writer_cv_;  // a batch was handed over or stopping
  std::condition_variable done_cv_;    // the writer finished a batch
  std::deque<Pending> queue_;          // guarded by mu_
  Prepared* handed_ = nullptr;         // guarded by mu_: the batch the writer works on
  bool stopping_ = false;              // guarded by mu_
  bool writer_stopping_ = false;       // guarded by mu_
  std::thread engine_thread_;
  std::thread writer_thread_;

  std::atomic<uint64_t> commits_{0}, commands_{0}, events_count_{0};
};

}  // namespace ordo::runtime
