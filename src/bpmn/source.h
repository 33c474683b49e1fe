// Raw-source functions for the reader: byte offsets to line numbers, and a scan that refuses hostile
// markup before the XML parser builds anything.
//
// The scan runs over the bytes in one linear pass and rejects a DOCTYPE (the door to entity
// expansion and external entities; BPMN documents never need one), element nesting deeper than a
// cap (a million nested elements take about a second to parse and stress every recursive walk
// after it) and more elements than a cap (each costs a few hundred bytes once read). It
// understands just enough XML (comments, CDATA, processing instructions, quoted attribute values)
// not to be fooled by markup-like text; well-formedness itself is left to the parser.
//
// Thread-safety: plain values and pure functions.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace ordo::bpmn {

class LineIndex {
 public:
  explicit LineIndex(std::string_view text);

  // The 1-based line holding the byte at `offset`; offsets past the end map to the last line, so
  // the answer is never 0.
  int LineAt(size_t offset) const;

 private:
  std::vector<size_t> newlines_;  // offsets of every '\n', ascending
};

struct ScanLimits {
  int max_depth = 256;
  size_t max_elements = 200'000;
};

struct ScanFinding {
  bool ok = true;
  size_t offset = 0;    // where the offending markup starts
  std::string message;  // a sentence naming the limit or construct
};

// REQUIRES: limits.max_depth >= 1.
ScanFinding ScanMarkup(std::string_view xml, const ScanLimits& limits);

}  // namespace ordo::bpmn
