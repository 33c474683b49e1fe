// BPMN process -> workflow Petri net, so that a log can be replayed and aligned on a BPMN model.
//
// The mapping is the usual one (Dijkman, Dumas, Ouyang, "Semantics and analysis of business
// process models in BPMN", Information and Software Technology 50(12), 2008, §3) on the token
// semantics of BPMN 2.0.2 §13: every sequence flow is a place; a none start event is a silent
// transition from the source place to its outgoing flows; an end event is a silent transition
// from each incoming flow to the sink; a task is a transition labelled with its name (its id when
// it has no name) per incoming flow (uncontrolled merge, §13.2.1) that puts a token on every
// outgoing flow (§13.2.1; no outgoing flow = implicit end, a token to the sink); an exclusive
// gateway is one silent transition per pair of incoming and outgoing flow (§13.3.2, conditions
// ignored: every branch is possible); a parallel gateway one silent transition from all incoming
// to all outgoing flows (§13.3.1). Several start events are a choice at the source. A terminate
// end event is read as a plain end event (the net cannot withdraw tokens elsewhere). Then silent
// transitions that merely pass a token on between two places are fused away (series places), so
// a gateway pair costs an alignment at most one silent move.
//
// The labels are the log's activity ids (StringPool::Find); a task whose name the log never
// mentions gets an id from pool.size() on, so it can never be a sync move, and its name stays in
// the transition's name. Thread-safety: pure functions.
#pragma once

#include <string_view>

#include "base/status.h"
#include "mining/petri_net.h"
#include "mining/string_pool.h"
#include "model/process.h"

namespace ordo::mining {

// InvalidArgument naming the element and the reason when the process cannot be translated (no
// start event, a node no flow leads to, a conditional flow out of a task).
Result<PetriNet> ProcessToPetriNet(const model::Process& process, const StringPool& names);

// Loads BPMN 2.0 XML with bpmn::Load (every problem listed when it fails) and translates its
// first executable process.
Result<PetriNet> BpmnToPetriNet(std::string_view xml, const StringPool& names);


}  // namespace ordo::mining
