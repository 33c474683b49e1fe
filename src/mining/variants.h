// Variants: the distinct activity sequences of the cases, with how many cases follow each.
//
// A variant is the sequence of activities of a case (van der Aalst, Process Mining, 2nd ed.,
// §5.4: a trace as a multiset element of the simple event log). Cases are hashed by their
// sequence and compared exactly, so equal sequences always share a variant.
// Thread-safety: pure functions over an immutable log.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "mining/event_log.h"

namespace ordo::mining {

struct Variant {
  std::vector<StringId> activities;
  uint64_t cases = 0;
  uint32_t first_case = 0;  // the first case (by index) that follows it
};

struct Variants {
  std::vector<Variant> variants;     // most cases first; ties by first case
  std::vector<uint32_t> case_variant;  // variant index per case
};

// rows: every row, case by case, in the order that defines each case's sequence.
Variants ComputeVariants(const EventLog& log, std::span<const uint32_t> rows);

}  // namespace ordo::mining
