// Appliers: the only code that changes engine State. Each event type has one applier; the same
// appliers run when a processor emits an event and when the runtime replays a stored log, which
// is what makes replay rebuild the state exactly.
//
// Apply() checks that the event fits the state (known instance, allowed lifecycle transition,
// consecutive sequence number); a misfit is DataLoss (a corrupt or foreign log), never a crash.
// Thread-safety: none; used by the one thread that owns the State.
#pragma once

#include "base/status.h"
#include "engine/state.h"
#include "model/event.h"

namespace ordo::engine {

class Applier {
 public:
  // `resolver` must outlive the Applier.
  Applier(State& state, const DefinitionResolver& resolver) : state_(state), resolver_(resolver) {}

  Status Apply(uint64_t instance_id, const model::Event& event);

 private:
  Status ApplyToInstance(Instance& inst, const model::Event& e);

  State& state_;
  const DefinitionResolver& resolver_;
};

}  // namespace ordo::engine
