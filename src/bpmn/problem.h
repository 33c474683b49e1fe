// Problem: one thing wrong with a BPMN document, located by element id and source line.
//
// The reader, the validator and the transformer report every problem they find (not just the
// first) as a list of these. The server returns them as JSON `errors: [{element, line, message}]`,
// so messages are full sentences a modeller can act on and never depend on pointer values or hash
// order. A problem about the whole document (malformed XML, a DOCTYPE) has an empty element id but
// still a line >= 1.
//
// Thread-safety: plain values.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace ordo::bpmn {

struct Problem {
  std::string element;  // id of the offending element; empty when it has none
  int line = 1;         // 1-based source line, never 0
  std::string message;

  // "line 12, element 'approve': unsupported element kind 'boundaryEvent'"
  std::string ToString() const;

  friend bool operator==(const Problem&, const Problem&) = default;
};

// Orders problems by line, then element, then message, dropping exact duplicates, so that the same
// document always yields the same list.
void SortProblems(std::vector<Problem>& problems);

// An InvalidArgument status listing every problem (joined with "; "); OK when the list is empty.
// `what` names the document in the message ("invalid BPMN document: ...").
Status ProblemsToStatus(const std::vector<Problem>& problems, std::string_view what = "BPMN document");

}  // namespace ordo::bpmn
