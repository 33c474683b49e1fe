// Runtime: owns the engine's thread and turns requests into durable, acknowledged commands.
//
// Every command goes through one commit thread: it takes all pending commands (group commit),
// runs each through the engine against the in-memory State, derives the projection rows from the
// events, appends the events to each instance's hash chain and commits the whole batch in one
// store transaction. Only then is each command acknowledged. If the commit fails, every command of
// the batch gets the error and the touched instances are reloaded from the store, so memory never
// holds what the store does not.
//
// Unfinished instances live in memory (rebuilt at Open by replaying their logs, which also checks
// their hash chains); finished ones are evicted after their last commit and are read from the store.
//
// Thread-safety: all public methods may be called from any thread. Ownership: the Runtime
// references the Store and Clock given to Open; both must outlive it.
#pragma once

#include <cstdint>
#include <future>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/clock.h"
#include "base/status.h"
#include "model/event.h"
#include "runtime/definitions.h"
#include "store/store.h"

namespace ordo::runtime {

struct RuntimeOptions {
  int max_batch = 4096;                        // commands per group commit
  int64_t idempotency_ttl_ms = 24LL * 3600 * 1000;
  int64_t housekeeping_interval_ms = 250;      // lock expiry and idempotency expiry
};

// A command's first answer. `body` is the JSON document answered on success; for a deployment
// rejected by validation it is the JSON array of problems.
struct Reply {
  Status status;
  std::string body;
  bool replayed = false;  // answered from an earlier request with the same idempotency key
  // The Idempotency-Key was used before with a different request body (HTTP 422).
  bool idempotency_mismatch = false;
};

// Identifies a retried request: `scope` is "<route>\n<key>", `request_hash` the hex SHA-256 of the
// body. An empty scope means the request carries no key.
struct Idempotency {
  std::string scope;
  std::string request_hash;
};

class Runtime {
 public:
  static Result<std::unique_ptr<Runtime>> Open(store::Store& store, const Clock& clock,
                                               const RuntimeOptions& options = {});
  ~Runtime();
  Runtime(const Runtime&) = delete;
  Runtime& operator=(const Runtime&) = delete;

  // Deploys a BPMN document, or a DMN document (told apart by the root element's namespace).
  // Body: {"id","processes":[{"key","version","id"}],"decisions":[{"key","name","version","id"}],
  // "warnings":[{"element","line","message"}]} (warnings: what deployed but never runs, listeners).
  // Each process or decision whose newest version came from the same document keeps it; the
  // others get version + 1.
  std::future<Reply> Deploy(std::string xml, std::string resource_name, Idempotency idempotency = {});
  // Body: {"id","processKey","version","state"}.
  std::future<Reply> StartInstance(std::string process_key, std::optional<int> version,
                                   std::string business_key, model::Variables variables,
                                   Idempotency idempotency = {});
  // Bodies below: {"id", ...} of the thing changed.
  std::future<Reply> CompleteTask(uint64_t task_id, model::Variables variables, Idempotency idempotency = {});
  // Body: {"items":[{"id","instance","type","element","variables","retries","lockExpiresAt"}]}.
  std::future<Reply> AcquireJobs(std::string type, std::string worker, int max, int64_t lock_ms,
                                 Idempotency idempotency = {});
  std::future<Reply> CompleteJob(uint64_t job_id, std::string worker, model::Variables variables,
                                 Idempotency idempotency = {});
  std::future<Reply> FailJob(uint64_t job_id, std::string worker, int retries, std::string message,
                             int64_t backoff_ms, Idempotency idempotency = {});
  std::future<Reply> ResolveIncident(uint64_t incident_id, model::Variables variables,
                                     Idempotency idempotency = {});
  std::future<Reply> CancelInstance(uint64_t instance_id, std::string reason, Idempotency idempotency = {});

  store::Store& store() { return store_; }
  const DefinitionRegistry& definitions() const { return definitions_; }

  // Counters for /metrics and benchmarks.
  struct Stats {
    uint64_t commits = 0;
    uint64_t commands = 0;
    uint64_t events = 0;
  };
  Stats stats() const;

 private:
  class CommitLoop;
  Runtime(store::Store& store, const Clock& clock, const RuntimeOptions& options);
  std::future<Reply> DeployDecisions(std::string xml, const std::string& resource_name, Idempotency idempotency);

  store::Store& store_;
  const Clock& clock_;
  RuntimeOptions options_;
  DefinitionRegistry definitions_;
  std::unique_ptr<CommitLoop> loop_;
};

// Replays every stored instance log through the appliers and compares the rebuilt projections
// with the stored ones. Returns the first difference as DataLoss, or OK. Used by tests and by
// `ordo audit verify --deep`.
Status VerifyProjections(store::Store& store);

}  // namespace ordo::runtime
