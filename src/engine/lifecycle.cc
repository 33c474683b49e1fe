#include "engine/lifecycle.h"

namespace ordo::engine {

const char* LifecycleName(Lifecycle state) {
  switch (state) {
    case Lifecycle::kNone: return "none";
    case Lifecycle::kActivated: return "activated";
    case Lifecycle::kCompleted: return "completed";
    case Lifecycle::kTerminated: return "terminated";
  }
  return "?";
}

bool CanTransition(Lifecycle from, Lifecycle to) {
  // Rows: from; columns: to (none, activated, completed, terminated).
  static constexpr bool kAllowed[4][4] = {
      /* none       */ {false, true, false, false},
      /* activated  */ {false, false, true, true},
      /* completed  */ {false, false, false, false},
      /* terminated */ {false, false, false, false},
  };
  return kAllowed[static_cast<int>(from)][static_cast<int>(to)];
}

}  // namespace ordo::engine
