// The transformer: compiles a validated Document into executable model::Process values, one per
// executable <process>, with every FEEL expression (conditions, scripts, assignments) compiled.
//
// It validates first (validator.h) and compiles only a document without problems, so the engine
// never sees a partially understood model. Node and flow order follow the document; the
// DI, lanes, documentation and unknown extensions stay in the Document.
//
// Ownership: the returned processes own all their data (nothing points into the Document) and are
// immutable, so they can be shared between threads and outlive the Document.
// Thread-safety: pure functions of the Document.
#pragma once

#include <memory>
#include <vector>

#include "base/status.h"
#include "bpmn/document.h"
#include "bpmn/problem.h"
#include "model/process.h"

namespace ordo::bpmn {

using ProcessList = std::vector<std::shared_ptr<const model::Process>>;

struct CompileOutput {
  ProcessList processes;          // empty when problems is non-empty
  std::vector<Problem> problems;  // every problem, sorted (SortProblems)
  std::vector<Problem> warnings;  // what deploys but does not run (listeners), sorted
};

// Validates and compiles, collecting every problem.
CompileOutput CompileDocument(const Document& document);

// Validates and compiles; on failure an InvalidArgument status listing every problem.
Result<ProcessList> Compile(const Document& document);

}  // namespace ordo::bpmn
