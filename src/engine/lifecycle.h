// The element-instance lifecycle (BPMN 2.0.2 §13.2.2, "Activity lifecycle", reduced to the
// states the engine records). Every transition an applier makes is checked against this table;
// anything else is a bug, not a user error.
//
//   (none) --ElementActivated--> Activated --ElementCompleted--> Completed
//                                Activated --ElementTerminated-> Terminated
#pragma once

#include <cstdint>

namespace ordo::engine {

enum class Lifecycle : uint8_t { kNone, kActivated, kCompleted, kTerminated };

const char* LifecycleName(Lifecycle state);

// True when an element instance in `from` may move to `to`.
bool CanTransition(Lifecycle from, Lifecycle to);

}  // namespace ordo::engine
