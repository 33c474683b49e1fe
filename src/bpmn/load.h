// Load: the one entry point the server uses to deploy a BPMN document. Reads the XML (reader.h),
// validates it and compiles its executable processes (transformer.h), collecting every problem.
//
// The problems are what the API returns as `errors: [{element, line, message}]`: sorted by line,
// each with the element id (empty only for document-level problems such as malformed XML) and a
// line >= 1.
//
// Thread-safety: Load is a pure function; a LoadResult is a value whose document and processes
// are immutable and may be shared between threads.
#pragma once

#include <memory>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "bpmn/document.h"
#include "bpmn/problem.h"
#include "bpmn/reader.h"
#include "bpmn/transformer.h"

namespace ordo::bpmn {

struct LoadOptions {
  ReadOptions read;  // size, depth and element-count limits
  // At most this many problems are listed; past it the last entry says how many more there are
  // (located at the first one left out), so a hopeless document gives a bounded answer.
  size_t max_problems = 1000;
};

struct LoadResult {
  // The document as read; null only when the XML could not be read at all (then `problems` holds
  // the one reason). Kept even when validation fails, e.g. to show problems on the diagram.
  std::shared_ptr<const Document> document;
  // One per executable process; empty whenever `problems` is non-empty.
  ProcessList processes;
  std::vector<Problem> problems;
  // What deploys but does not run (listeners), each with its element and line.
  std::vector<Problem> warnings;
  // When the document could not be read: InvalidArgument (malformed, hostile or not BPMN) or
  // ResourceExhausted (a size, depth or element-count limit). kOk otherwise.
  StatusCode read_code = StatusCode::kOk;

  bool ok() const { return problems.empty(); }
  // OK, or InvalidArgument/ResourceExhausted listing every problem.
  Status status() const;
};

LoadResult Load(std::string_view xml, const LoadOptions& options = {});

}  // namespace ordo::bpmn
