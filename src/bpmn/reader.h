// The BPMN XML reader: bytes in, a faithful Document (document.h) out.
//
// Reading only checks what must hold for there to be a document at all: the input is within its
// size limit, carries no DOCTYPE and no excessive nesting (source.h), is well-formed XML with every
// namespace prefix declared, and its root is a BPMN 2.0 <definitions> element (BPMN 2.0.2 §8.2,
// matched by namespace URI, whatever prefix the exporter chose). Everything about what the engine
// can execute is the validator's job (validator.h), which collects all problems at once.
//
// Thread-safety: ReadDocument is a pure function; call it from any thread.
#pragma once

#include <cstddef>
#include <string_view>

#include "base/status.h"
#include "bpmn/document.h"
#include "bpmn/problem.h"

namespace ordo::bpmn {

struct ReadOptions {
  size_t max_bytes = size_t{16} << 20;  // 16 MiB; larger inputs are refused unparsed
  int max_depth = 256;                  // element nesting limit; the reader recurses once per
                                        // level, so values above 4096 count as 4096
  size_t max_elements = 200'000;        // element count limit
};

// Reads a BPMN 2.0 XML document. On failure the Status says why (InvalidArgument for malformed or
// non-BPMN input, ResourceExhausted for a limit) and, when `problem` is given, *problem receives
// the same message with its line (and element id when there is one).
//
// Line numbers count '\n' in the input; for documents not encoded in UTF-8 they are approximate.
Result<Document> ReadDocument(std::string_view xml, const ReadOptions& options = {}, Problem* problem = nullptr);

}  // namespace ordo::bpmn
