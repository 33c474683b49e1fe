// The collecting validator: every reason a read Document cannot be executed, each as a Problem
// with the element id and source line, in a stable order (SortProblems).
//
// Checks (BPMN 2.0.2 section in brackets where the rule comes from the standard):
//  - ids are unique across the model and diagram elements [§8.2.1, xsd:ID];
//  - there is a process and at least one is executable (isExecutable absent counts as executable);
//  - per executable process: flow nodes are of a kind the engine executes (kinds.h) and vendor
//    extensions are supported (bindings.h); there is a none start event [§10.5.2]; sequence
//    flows name existing flow nodes of the same process [§10.3.1]; start events have no incoming
//    and end events no outgoing flows [§10.5.2, §10.5.3]; other nodes have an incoming flow;
//    exclusive gateways have an outgoing flow; a `default` flow is one of the element's outgoing
//    flows and unconditional [§10.6.2]; flows out of parallel gateways [§10.6.4] and events carry
//    no condition; flows out of an exclusive gateway with several branches are conditional or
//    the default; conditions, scripts, job types and task assignments are usable (FEEL
//    compiles, no JUEL, no Java).
// Any other node without outgoing flows is allowed: its token simply ends there (implicit end,
// §10.3.1).
// Non-executable processes are documentation and are not checked further.
//
// Thread-safety: a pure function of the Document.
#pragma once

#include <vector>

#include "bpmn/document.h"
#include "bpmn/problem.h"

namespace ordo::bpmn {

// Every problem found; empty when the document's executable processes can be compiled.
std::vector<Problem> Validate(const Document& document, std::vector<Problem>* warnings = nullptr);

// True when the process is executable: isExecutable is absent or not "false".
bool IsExecutable(const Element& process);

}  // namespace ordo::bpmn
