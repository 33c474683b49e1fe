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
  std::span<const StringId> activities;  // into the storage of the Variants that holds it
  uint64_t cases = 0;
  uint32_t first_case = 0;  // the first case (by index) that follows it
};

// The variants of a log. Their activity sequences live back to back in one array that this
// object owns (no allocation per variant), so a Variants can be moved, which keeps every
// Variant::activities valid, but not copied.
class Variants {
 public:
  Variants() = default;
  Variants(Variants&&) = default;
  Variants& operator=(Variants&&) = default;
  Variants(const Variants&) = delete;
  Variants& operator=(const Variants&) = delete;

  // Appends a variant, copying its activities into the storage (for variants built by hand;
  // ComputeVariants fills everything at once). REQUIRES: `variants` was filled by Add or
  // ComputeVariants only and not reordered since.
  void Add(std::span<const StringId> activities, uint64_t cases, uint32_t first_case);

  std::vector<Variant> variants;       // most cases first; ties by first case
  std::vector<uint32_t> case_variant;  // variant index per case

 private:
  friend Variants ComputeVariants(const EventLog& log, std::span<const uint32_t> rows);
  std::vector<StringId> storage_;
  std::vector<size_t> offsets_;  // per variant, where its activities start in storage_
};

// rows: every row, case by case, in the order that defines each case's sequence.
Variants ComputeVariants(const EventLog& log, std::span<const uint32_t> rows);

}  // namespace ordo::mining
