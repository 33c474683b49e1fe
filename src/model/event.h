// Events: the only record of what happened to a process instance. The engine emits them, the
// appliers fold them into state, the store appends them to the instance's hash-chained log, and
// replaying them rebuilds every projection.
//
// One flat struct serves every event type; each type uses the fields its comment names and the
// canonical encoding (event_codec.h) writes exactly those. Keeping one shape makes the hot path
// allocation-light and the encoding a single switch.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "base/clock.h"
#include "feel/value.h"

namespace ordo::model {

// Process variables of one scope, ordered by name (the order is part of the canonical bytes).
using Variables = std::map<std::string, feel::Value, std::less<>>;

enum class EventType : uint8_t {
  kInstanceCreated = 1,  // key: instance. ref: definition id. name: process key. number: version.
                         // text: business key. variables: the start variables. For an instance
                         // started by a call activity: parent_instance, element_instance (the
                         // calling element instance); both absent from the bytes when 0.
  kElementActivated,     // key: element instance. element: flow node id. name: node kind.
  kElementCompleted,     // key: element instance. element. list1: ids of sequence flows taken.
  kElementTerminated,    // key: element instance. element.
  kVariablesSet,         // key: element instance that set them (0: the instance). variables.
  kTaskCreated,          // key: task. element. element_instance. name: task name. text: assignee.
                         // list1: candidate groups. list2: candidate users. time: due date (ms;
                         // absent from the bytes when 0, no due date).
  kTaskCompleted,        // key: task. element. element_instance.
  kTaskCanceled,         // key: task. element. element_instance.
  kJobCreated,           // key: job. element. element_instance. name: job type. number: retries.
  kJobLocked,            // key: job. element. name: worker. time: lock expiry.
  kJobLockExpired,       // key: job. element.
  kJobCompleted,         // key: job. element. element_instance.
  kJobFailed,            // key: job. element. number: retries left. text: message. time: due at.
  kJobCanceled,          // key: job. element. element_instance.
  kIncidentRaised,       // key: incident. element. element_instance. name: kind. text: message.
                         // ref: job id for job incidents.
  kIncidentResolved,     // key: incident. element. element_instance. ref: job id (its retries
                         // become 1 and it is acquirable again at `at`).
  kInstanceCompleted,    // key: instance.
  kInstanceTerminated,   // key: instance. text: reason.
  kDecisionEvaluated,    // key: element instance. element. ref: decision definition id. name:
                         // decision key. number: its version. list1: the rules that matched, as
                         // "<decision id>#<1-based rule index>" in evaluation order; list2: their
                         // rule ids ("" when the rule has none). variables: {<decision key>: value}.
  kInstanceCalled,       // key: the call activity's element instance. element. ref: the called
                         // instance. name: its process key. number: its version. (BPMN 2.0.2
                         // §10.3.6; the called instance's InstanceCreated names this instance.)
};

inline constexpr int kEventTypeCount = 20;

const char* EventTypeName(EventType type);
bool ParseEventType(std::string_view name, EventType& out);

struct Event {
  EventType type = EventType::kInstanceCreated;
  uint64_t seq = 0;           // 1-based position in the instance's log
  TimestampMs at = 0;         // the command's time
  uint64_t key = 0;
  std::string element;
  uint64_t element_instance = 0;
  uint64_t ref = 0;
  uint64_t parent_instance = 0;  // InstanceCreated of a called instance: the calling instance
  int64_t number = 0;
  TimestampMs time = 0;
  std::string name;
  std::string text;
  std::vector<std::string> list1;
  std::vector<std::string> list2;
  Variables variables;
};

}  // namespace ordo::model
