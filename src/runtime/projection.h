// Projections: the rows a store keeps beside the event log, derived from engine State. Used after
// each command batch (rows of what the batch touched) and by the replay check (rows of everything).
// Pure functions of the state; no I/O.
#pragma once

#include <string>

#include "engine/state.h"
#include "model/event.h"
#include "store/rows.h"

namespace ordo::runtime {

store::InstanceRow InstanceRowOf(const engine::Instance& inst, const Digest& last_hash);
store::ElementInstanceRow ElementRowOf(const engine::Instance& inst, const engine::ElementInstance& ei);
store::TaskRow TaskRowOf(const engine::Instance& inst, const engine::Task& task);
store::JobRow JobRowOf(const engine::Instance& inst, const engine::Job& job);
store::IncidentRow IncidentRowOf(const engine::Instance& inst, const engine::Incident& incident);

// Instance variables as one JSON object, names in order, FEEL values in their JSON form.
std::string VariablesJson(const model::Variables& variables);

}  // namespace ordo::runtime
