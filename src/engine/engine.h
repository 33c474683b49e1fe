// The engine: deterministic command processing. Each command is validated against the State; if it
// is acceptable the engine emits events, applies each one at once through the Applier (so later
// steps see its effect) and appends it to the caller's output. Tokens then run until every path
// waits (a user task, a job) or ends. No I/O, no threads, no clock reads: `now` and keys come in.
//
// Failure contract: a command that returns an error emitted nothing. Problems inside a process
// (a condition that does not evaluate, no outgoing flow matching, a job out of retries) are not
// errors of the command: they raise incidents, which an operator resolves.
//
// Ownership: Engine references State, resolver and key generator; all must outlive it.
// Thread-safety: none; the runtime's commit thread is its only caller.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "base/clock.h"
#include "base/status.h"
#include "engine/applier.h"
#include "engine/state.h"
#include "model/event.h"

namespace ordo::engine {

class KeyGenerator {
 public:
  virtual ~KeyGenerator() = default;
  virtual uint64_t Next() = 0;
};

struct EmittedEvent {
  uint64_t instance_id = 0;
  model::Event event;
};

using EventOutput = std::vector<EmittedEvent>;

struct CreateInstanceCommand {
  uint64_t definition_id = 0;
  std::string business_key;
  model::Variables variables;
};

struct AcquiredJob {
  uint64_t job_id = 0;
  uint64_t instance_id = 0;
  std::string type;
  std::string element;
  int retries = 0;
  TimestampMs lock_expires_at = 0;
};

class Engine {
 public:
  Engine(State& state, const DefinitionResolver& resolver, KeyGenerator& keys)
      : state_(state), resolver_(resolver), keys_(keys), applier_(state, resolver) {}

  // Starts an instance at the process's none start event. Returns the new instance id.
  Result<uint64_t> CreateInstance(const CreateInstanceCommand& command, TimestampMs now, EventOutput& out);

  // Sets the variables on the instance, completes the task and moves the token on.
  // NotFound: unknown task; FailedPrecondition: the task is not open.
  Status CompleteTask(uint64_t task_id, const model::Variables& variables, TimestampMs now, EventOutput& out);

  // Locks up to `max` activatable jobs of `type` for `worker` until now + lock_ms.
  Result<std::vector<AcquiredJob>> AcquireJobs(std::string_view type, std::string_view worker, int max,
                                               int64_t lock_ms, TimestampMs now, EventOutput& out);

  // Completes a locked job. Conflict: locked by another worker (a stale lease);
  // FailedPrecondition: not locked (its lock expired, or it was never acquired).
  Status CompleteJob(uint64_t job_id, std::string_view worker, const model::Variables& variables,
                     TimestampMs now, EventOutput& out);

  // Reports a failed attempt. With retries left the job is acquirable again after backoff_ms;
  // with none it raises an incident.
  Status FailJob(uint64_t job_id, std::string_view worker, int retries, const std::string& message,
                 int64_t backoff_ms, TimestampMs now, EventOutput& out);

  // Resolves an open incident: sets the variables, then retries what failed.
  Status ResolveIncident(uint64_t incident_id, const model::Variables& variables, TimestampMs now,
                         EventOutput& out);

  // Terminates an unfinished instance, everything active in it and every instance it called.
  // FailedPrecondition for an instance a call activity started (cancel its caller).
  Status CancelInstance(uint64_t instance_id, const std::string& reason, TimestampMs now, EventOutput& out);

  // Returns jobs whose lock expired at or before `now` to the queue; returns how many.
  int ExpireJobLocks(TimestampMs now, EventOutput& out);

 // Calls nest at most this deep (a process that calls itself would otherwise never stop).
  static constexpr int kMaxCallDepth = 64;

 private:
  class Run;
  friend class Run;

  // Creates instance `id` (called by parent_instance's element instance when non-zero) and runs
  // it until every path waits.
  Status StartInstance(uint64_t id, uint64_t definition_id, const std::shared_ptr<const model::Process>& process, int version,
                       std::string business_key, model::Variables variables, uint64_t parent_instance,
                       uint64_t parent_element_instance, TimestampMs now, EventOutput& out);

  State& state_;
  const DefinitionResolver& resolver_;
  KeyGenerator& keys_;
  Applier applier_;
  std::unordered_map<uint64_t, Run*> runs_;  // the outermost run of each instance being run
};

}  // namespace ordo::engine
