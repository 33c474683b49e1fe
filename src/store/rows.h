// The rows Ordo persists: one struct per table, plain data shared by every store backend.
// The engine never sees these; the runtime derives them from engine state after each command
// batch (projections) and from the events it appended (the log).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/clock.h"
#include "base/sha256.h"

namespace ordo::store {

// What a definition is: a BPMN process or a DMN decision. Keys are unique per kind.
enum class DefinitionKind : uint8_t { kProcess, kDecision };
const char* DefinitionKindName(DefinitionKind k);  // "process", "decision"
std::optional<DefinitionKind> ParseDefinitionKind(std::string_view s);

// One deployed version of a process or a decision. A DMN document deploys one row per decision,
// each holding the whole document (its decisions may require each other).
struct DefinitionRow {
  uint64_t id = 0;            // unique over all definitions
  DefinitionKind kind = DefinitionKind::kProcess;
  std::string key;            // BPMN process id, or DMN decision id
  int version = 0;            // 1, 2, ... per key
  std::string name;
  std::string resource_name;  // file name given at deploy, may be empty
  std::string xml_sha256;     // hex digest of the deployed XML: identical XML is not redeployed
  std::string xml;            // the whole deployed document
  uint64_t deployment_id = 0;
  TimestampMs deployed_at = 0;
};

// A run of consecutive events of one instance, written by one command. The hash is the chain
// value after the last event: chain_i = SHA-256(chain_{i-1} || canonical bytes of event i),
// chain_0 = 32 zero bytes. body holds the events' canonical bytes, one per line.
struct EventRow {
  uint64_t instance_id = 0;
  uint64_t seq_first = 0;  // 1-based, per instance
  uint64_t seq_last = 0;
  Digest hash{};
  std::string body;
};

enum class InstanceState : uint8_t { kActive, kCompleted, kTerminated, kIncident };
const char* InstanceStateName(InstanceState s);
std::optional<InstanceState> ParseInstanceState(std::string_view s);

struct InstanceRow {
  uint64_t id = 0;
  uint64_t definition_id = 0;
  std::string process_key;
  int version = 0;
  std::string business_key;
  uint64_t parent_instance_id = 0;  // the instance whose call activity started this one; 0: none
  InstanceState state = InstanceState::kActive;
  std::string variables_json = "{}";  // a JSON object, numbers as exact text
  std::string active_json = "[]";     // JSON array of active element ids
  TimestampMs created_at = 0;
  TimestampMs ended_at = 0;           // 0 while running
  uint64_t last_seq = 0;
  Digest last_hash{};
};

struct ElementInstanceRow {
  uint64_t key = 0;
  uint64_t instance_id = 0;
  std::string element;
  std::string state;  // lifecycle state name
  TimestampMs activated_at = 0;
};

enum class TaskState : uint8_t { kOpen, kCompleted, kCanceled };
const char* TaskStateName(TaskState s);
std::optional<TaskState> ParseTaskState(std::string_view s);

struct TaskRow {
  uint64_t id = 0;
  uint64_t instance_id = 0;
  uint64_t element_instance = 0;
  std::string element;
  std::string name;
  std::string assignee;
  std::vector<std::string> candidate_groups;
  std::vector<std::string> candidate_users;
  TaskState state = TaskState::kOpen;
  TimestampMs due_at = 0;  // 0: no due date
  TimestampMs created_at = 0;
  TimestampMs completed_at = 0;
};

enum class JobState : uint8_t { kActivatable, kLocked, kCompleted, kFailed, kCanceled };
const char* JobStateName(JobState s);
std::optional<JobState> ParseJobState(std::string_view s);

struct JobRow {
  uint64_t id = 0;
  uint64_t instance_id = 0;
  uint64_t element_instance = 0;
  std::string element;
  std::string type;
  JobState state = JobState::kActivatable;
  int retries = 0;
  std::string worker;          // lease owner while locked
  TimestampMs lock_expires_at = 0;
  TimestampMs due_at = 0;      // not acquirable before (retry backoff)
  std::string error_message;
  TimestampMs created_at = 0;
};

enum class IncidentState : uint8_t { kOpen, kResolved };

struct IncidentRow {
  uint64_t id = 0;
  uint64_t instance_id = 0;
  uint64_t element_instance = 0;
  std::string element;
  std::string kind;     // "condition", "expression", "job", ...
  std::string message;
  uint64_t job_id = 0;  // for job incidents
  IncidentState state = IncidentState::kOpen;
  TimestampMs created_at = 0;
  TimestampMs resolved_at = 0;
};

// The first answer to a command sent with an Idempotency-Key; a retry gets it back.
struct IdempotencyRow {
  std::string scope;         // "<route>\n<key>"
  std::string request_hash;  // hex SHA-256 of the request body
  int status = 0;
  std::string response;      // the response body
  TimestampMs created_at = 0;
};

}  // namespace ordo::store
