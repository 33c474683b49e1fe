#include "runtime/commit_loop.h"

#include <set>

#include "base/log.h"
#include "model/event_codec.h"
#include "runtime/projection.h"

namespace ordo::runtime {

Runtime::CommitLoop::CommitLoop(store::Store& store, const Clock& clock, const RuntimeOptions& options,
                                DefinitionRegistry& definitions, uint64_t next_key)
    : store_(store),
      clock_(clock),
      options_(options),
      definitions_(definitions),
      keys_(next_key),
      engine_(state_, definitions_, keys_) {}

Runtime::CommitLoop::~CommitLoop() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  queue_cv_.notify_all();
  if (engine_thread_.joinable()) engine_thread_.join();
  {
    std::lock_guard lock(mu_);
    writer_stopping_ = true;
  }
  writer_cv_.notify_all();
  if (writer_thread_.joinable()) writer_thread_.join();
  // Whatever was still queued never ran: say so rather than leave callers waiting.
  for (Pending& p : queue_) p.promise.set_value(Reply{Unavailable("the server is shutting down"), {}, false});
}

void Runtime::CommitLoop::Start() {
  writer_thread_ = std::thread([this] { WriterLoop(); });
  engine_thread_ = std::thread([this] { EngineLoop(); });
}

std::future<Reply> Runtime::CommitLoop::Submit(CommandFn fn, Idempotency idempotency) {
  Pending p{std::move(fn), std::move(idempotency), {}};
  std::future<Reply> f = p.promise.get_future();
  bool wake;
  {
    std::lock_guard lock(mu_);
    if (stopping_) {
      p.promise.set_value(Reply{Unavailable("the server is shutting down"), {}, false});
      return f;
    }
    wake = queue_.empty();
    queue_.push_back(std::move(p));
  }
  if (wake) queue_cv_.notify_one();
  return f;
}

Runtime::Stats Runtime::CommitLoop::stats() const {
  return Stats{commits_.load(), commands_.load(), events_count_.load()};
}

Status Runtime::CommitLoop::LoadInstance(uint64_t id) {
  ASSIGN_OR_RETURN(std::vector<store::EventRow> rows, store_.ListEvents(id));
  engine::Applier applier(state_, definitions_);
  Digest head = model::GenesisHash();
  uint64_t expected_seq = 1;
  for (const store::EventRow& row : rows) {
    if (row.seq_first != expected_seq) {
      return DataLoss("instance " + std::to_string(id) + ": log has a gap before seq " + std::to_string(row.seq_first));
    }
    std::string_view body = row.body;
    while (!body.empty()) {
      size_t nl = body.find('\n');
      std::string_view line = body.substr(0, nl);
      body = nl == std::string_view::npos ? std::string_view() : body.substr(nl + 1);
      head = model::ChainHash(head, line);
      ASSIGN_OR_RETURN(model::Event e, model::ParseCanonical(line));
      if (e.seq != expected_seq) {
        return DataLoss("instance " + std::to_string(id) + ": event seq " + std::to_string(e.seq) +
                        " where " + std::to_string(expected_seq) + " was expected");
      }
      RETURN_IF_ERROR(applier.Apply(id, e).WithContext("instance " + std::to_string(id)));
      ++expected_seq;
    }
    if (head != row.hash) {
      return DataLoss("instance " + std::to_string(id) + ": hash chain breaks at seq " +
                      std::to_string(row.seq_first) + ".." + std::to_string(row.seq_last));
    }
  }
  chain_heads_[id] = head;
  return Status::Ok();
}

Status Runtime::CommitLoop::Recover() {
  ASSIGN_OR_RETURN(std::vector<uint64_t> ids, store_.ListUnfinishedInstanceIds());
  for (uint64_t id : ids) RETURN_IF_ERROR(LoadInstance(id));
  if (!ids.empty()) log::Info("recovered " + std::to_string(ids.size()) + " unfinished instances from the log");
  return Status::Ok();
}

void Runtime::CommitLoop::EngineLoop() {
  std::unique_ptr<Prepared> in_flight;
  while (true) {
    std::deque<Pending> commands;
    bool stop = false;
    {
      std::unique_lock lock(mu_);
      if (!in_flight) {
        queue_cv_.wait_for(lock, std::chrono::milliseconds(options_.housekeeping_interval_ms),
                           [this] { return stopping_ || !queue_.empty(); });
      }
      stop = stopping_ && queue_.empty();
      size_t n = std::min(queue_.size(), static_cast<size_t>(options_.max_batch));
      for (size_t i = 0; i < n; ++i) {
        commands.push_back(std::move(queue_.front()));
        queue_.pop_front();
      }
    }
    if (!in_flight) {
      if (stop) return;
      in_flight = Prepare(std::move(commands));
      Handover(in_flight.get());
      continue;
    }
    // Batch N is being committed: prepare N+1 meanwhile (when commands wait), then settle N.
    std::unique_ptr<Prepared> next;
    if (!commands.empty()) next = Prepare(std::move(commands));
    AwaitWriter(in_flight.get());
    if (!in_flight->result.ok()) {
      FailAndRollback(*in_flight, next.get());
      in_flight.reset();
      continue;
    }
    AfterCommit(*in_flight);
    in_flight = std::move(next);
    if (in_flight) Handover(in_flight.get());
  }
}

void Runtime::CommitLoop::Handover(Prepared* batch) {
  {
    std::lock_guard lock(mu_);
    handed_ = batch;
  }
  writer_cv_.notify_one();
}

void Runtime::CommitLoop::AwaitWriter(Prepared* batch) {
  std::unique_lock lock(mu_);
  done_cv_.wait(lock, [batch] { return batch->done; });
}

void Runtime::CommitLoop::WriterLoop() {
  while (true) {
    Prepared* batch;
    {
      std::unique_lock lock(mu_);
      writer_cv_.wait(lock, [this] { return writer_stopping_ || handed_ != nullptr; });
      if (handed_ == nullptr) return;
      batch = handed_;
    }
    Status status = !batch->result.ok() ? batch->result
                    : batch->txn.empty()  ? Status::Ok()
                                          : store_.Commit(batch->txn);
    // Answer only once durable; on failure every command of the batch learns why.
    for (size_t i = 0; i < batch->commands.size(); ++i) {
      if (status.ok()) {
        batch->commands[i].promise.set_value(std::move(batch->replies[i]));
      } else {
        batch->commands[i].promise.set_value(
            Reply{Unavailable("the change could not be stored: " + status.message()), {}, false});
      }
    }
    {
      std::lock_guard lock(mu_);
      batch->result = status;
      batch->done = true;
      handed_ = nullptr;
    }
    done_cv_.notify_all();
  }
}

void Runtime::CommitLoop::Housekeeping(TimestampMs now, engine::EventOutput& events) {
  if (now - last_housekeeping_ < options_.housekeeping_interval_ms) return;
  last_housekeeping_ = now;
  int expired = engine_.ExpireJobLocks(now, events);
  if (expired > 0) log::Debug("returned " + std::to_string(expired) + " jobs with expired locks to the queue");
  // Idempotency records are kept for the TTL (at least 24 h by default), swept once a minute.
  if (now - last_idempotency_sweep_ >= 60'000) {
    last_idempotency_sweep_ = now;
    auto removed = store_.ExpireIdempotency(now - options_.idempotency_ttl_ms);
    if (!removed.ok()) log::Warning("could not expire idempotency records: " + removed.status().ToString());
  }
}

std::unique_ptr<Runtime::CommitLoop::Prepared> Runtime::CommitLoop::Prepare(std::deque<Pending> commands) {
  auto batch = std::make_unique<Prepared>();
  batch->commands = std::move(commands);
  batch->replies.resize(batch->commands.size());
  batch->first_key = keys_.peek();
  TimestampMs now = clock_.NowMs();
  engine::EventOutput events;
  std::vector<Definition> new_definitions;

  for (size_t i = 0; i < batch->commands.size(); ++i) {
    Pending& p = batch->commands[i];
    const Idempotency& idem = p.idempotency;
    Reply& reply = batch->replies[i];
    if (!idem.scope.empty()) {
      // A retry: answered from a batch not yet settled, or from the store.
      std::optional<store::IdempotencyRow> earlier;
      if (auto it = unsettled_keys_.find(idem.scope); it != unsettled_keys_.end()) {
        earlier = it->second;
      } else {
        auto stored = store_.GetIdempotency(idem.scope);
        if (!stored.ok()) {
          reply = Reply{stored.status(), {}, false};
          continue;
        }
        earlier = *stored;
      }
      if (earlier) {
        if (earlier->request_hash != idem.request_hash) {
          reply = Reply{InvalidArgument("the Idempotency-Key was used before with a different request body"), {},
                        false, true};
        } else {
          reply = Reply{Status::Ok(), earlier->response, true};
        }
        continue;
      }
    }
    CommandContext ctx{engine_, state_, definitions_, keys_, store_, batch->txn, events, now, new_definitions};
    size_t defs_before = new_definitions.size();
    reply = p.fn(ctx);
    // Definitions are visible to the next batches at once; a failed commit removes them.
    for (size_t d = defs_before; d < new_definitions.size(); ++d) {
      batch->new_definitions.push_back(new_definitions[d].id);
      definitions_.Add(new_definitions[d]);
    }
    if (!idem.scope.empty() && reply.status.ok()) {
      store::IdempotencyRow row{idem.scope, idem.request_hash, 0, reply.body, now};
      unsettled_keys_[idem.scope] = row;
      batch->keys.push_back(idem.scope);
      batch->txn.idempotency.push_back(std::move(row));
    }
  }
  Housekeeping(now, events);

  Status built = BuildRows(events, *batch);
  if (built.ok() && !batch->txn.empty()) batch->txn.next_key = keys_.peek();
  if (!built.ok()) {
    // A bug, not a user error: refuse the batch rather than store something inconsistent.
    batch->txn = store::Transaction{};
    batch->result = built;
  }
  batch->events = events.size();
  return batch;
}

void Runtime::CommitLoop::AfterCommit(Prepared& batch) {
  for (const std::string& scope : batch.keys) unsettled_keys_.erase(scope);
  // Finished instances leave memory; the store has their final rows.
  for (uint64_t id : batch.finished) {
    state_.Remove(id);
    chain_heads_.erase(id);
  }
  commits_.fetch_add(batch.txn.empty() ? 0 : 1, std::memory_order_relaxed);
  commands_.fetch_add(batch.commands.size(), std::memory_order_relaxed);
  events_count_.fetch_add(batch.events, std::memory_order_relaxed);
}

void Runtime::CommitLoop::FailAndRollback(Prepared& failed, Prepared* next) {
  log::Error("commit failed, " + std::to_string(failed.commands.size()) +
             " commands rejected: " + failed.result.ToString());
  std::set<uint64_t> touched(failed.touched.begin(), failed.touched.end());
  uint64_t first_key = failed.first_key;
  std::vector<Prepared*> batches{&failed};
  if (next != nullptr) {
    // Prepared on top of the failed batch: it cannot stand either.
    for (size_t i = 0; i < next->commands.size(); ++i) {
      next->commands[i].promise.set_value(
          Reply{Unavailable("the change could not be stored: " + failed.result.message()), {}, false});
    }
    touched.insert(next->touched.begin(), next->touched.end());
    batches.push_back(next);
  }
  for (Prepared* b : batches) {
    for (const std::string& scope : b->keys) unsettled_keys_.erase(scope);
    for (uint64_t id : b->new_definitions) definitions_.Remove(id);
  }
  for (uint64_t id : touched) {
    state_.Remove(id);
    chain_heads_.erase(id);
    if (id >= first_key) continue;  // created by a failed batch: it never existed
    Status reloaded = LoadInstance(id);
    if (!reloaded.ok()) {
      // The store refuses reads too; the instance stays unloaded until a restart recovers it.
      log::Error("could not reload instance " + std::to_string(id) + " after a failed commit: " + reloaded.ToString());
    }
  }
}

Status Runtime::CommitLoop::BuildRows(const engine::EventOutput& events, Prepared& batch) {
  store::Transaction& txn = batch.txn;
  const uint64_t batch_first_key = batch.first_key;
  // Group the events per instance, keeping their order, and chain them.
  std::vector<uint64_t> order;
  std::unordered_map<uint64_t, size_t> row_of;
  std::set<std::pair<uint64_t, uint64_t>> elements, tasks, jobs, incidents;  // (instance, key)
  for (const engine::EmittedEvent& emitted : events) {
    const model::Event& e = emitted.event;
    auto [it, inserted] = row_of.emplace(emitted.instance_id, txn.events.size());
    if (inserted) {
      order.push_back(emitted.instance_id);
      store::EventRow row;
      row.instance_id = emitted.instance_id;
      row.seq_first = e.seq;
      auto head = chain_heads_.find(emitted.instance_id);
      row.hash = head == chain_heads_.end() ? model::GenesisHash() : head->second;
      txn.events.push_back(std::move(row));
    }
    store::EventRow& row = txn.events[it->second];
    size_t start = row.body.size();
    if (start != 0) {
      row.body += '\n';
      ++start;
    }
    model::AppendCanonical(e, row.body);
    row.hash = model::ChainHash(row.hash, std::string_view(row.body).substr(start));
    row.seq_last = e.seq;
    using T = model::EventType;
    switch (e.type) {
      case T::kElementActivated:
      case T::kElementCompleted:
      case T::kElementTerminated: elements.emplace(emitted.instance_id, e.key); break;
      case T::kTaskCreated:
      case T::kTaskCompleted:
      case T::kTaskCanceled: tasks.emplace(emitted.instance_id, e.key); break;
      case T::kJobCreated:
      case T::kJobLocked:
      case T::kJobLockExpired:
      case T::kJobCompleted:
      case T::kJobFailed:
      case T::kJobCanceled: jobs.emplace(emitted.instance_id, e.key); break;
      case T::kIncidentRaised: incidents.emplace(emitted.instance_id, e.key); break;
      case T::kIncidentResolved:
        incidents.emplace(emitted.instance_id, e.key);
        if (e.ref != 0) jobs.emplace(emitted.instance_id, e.ref);
        break;
      default: break;
    }
  }
  for (uint64_t id : order) {
    const engine::Instance* inst = state_.FindInstance(id);
    if (inst == nullptr) return Internal("instance " + std::to_string(id) + " vanished during its batch");
    const store::EventRow& row = txn.events[row_of[id]];
    chain_heads_[id] = row.hash;  // speculative until the commit; a failure reloads the instance
    batch.touched.push_back(id);
    if (inst->finished()) batch.finished.push_back(id);
    txn.instances.push_back(InstanceRowOf(*inst, row.hash));
  }
  for (const auto& [id, key] : elements) {
    const engine::Instance& inst = *state_.FindInstance(id);
    auto it = inst.elements.find(key);
    if (it != inst.elements.end()) {
      txn.element_instances.push_back(ElementRowOf(inst, it->second));
    } else if (key < batch_first_key) {
      txn.deleted_element_instances.push_back(key);  // existed before this batch, now finished
    }
  }
  for (const auto& [id, key] : tasks) {
    const engine::Instance& inst = *state_.FindInstance(id);
    txn.tasks.push_back(TaskRowOf(inst, inst.tasks.at(key)));
  }
  for (const auto& [id, key] : jobs) {
    const engine::Instance& inst = *state_.FindInstance(id);
    txn.jobs.push_back(JobRowOf(inst, inst.jobs.at(key)));
  }
  for (const auto& [id, key] : incidents) {
    const engine::Instance& inst = *state_.FindInstance(id);
    txn.incidents.push_back(IncidentRowOf(inst, inst.incidents.at(key)));
  }
  return Status::Ok();
}

}  // namespace ordo::runtime
