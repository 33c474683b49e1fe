// Directly-follows graph (DFG) with frequencies and performance.
//
// Edge (a, b) counts each pair of consecutive events in a case whose activities are a then b
// (van der Aalst, Process Mining, 2nd ed., §6.2; PM4Py's discover_dfg). The performance of an
// edge is the time between the two events (the waiting time before b): mean, median, min, max
// and total seconds over its occurrences, as PM4Py's discover_performance_dfg reports them.
// Start and end activities count the first and last event of each case.
// Thread-safety: pure functions over an immutable log.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "mining/event_log.h"
#include "mining/ordering.h"

namespace ordo::mining {

struct DfgEdge {
  StringId from = kNoString;
  StringId to = kNoString;
  uint64_t frequency = 0;
  // Seconds between the two events; filled when performance was asked for.
  double mean_s = 0, median_s = 0, min_s = 0, max_s = 0, total_s = 0;
};

struct ActivityCount {
  StringId activity = kNoString;
  uint64_t count = 0;
};

struct Dfg {
  std::vector<DfgEdge> edges;  // ordered by (from, to) id
  std::vector<ActivityCount> start_activities;  // ordered by count, descending
  std::vector<ActivityCount> end_activities;
  uint64_t total_frequency = 0;
};

enum class Performance : uint8_t { kNo, kYes };

// rows: every row, case by case, in the order to walk each case (EventOrder::rows for time
// order). times: per row (EventOrder::times); only read with Performance::kYes.
Dfg DiscoverDfg(const EventLog& log, std::span<const uint32_t> rows, std::span<const int64_t> times,
                Performance performance);

// First and last activity of each case in the given row order (start_activities, end_activities).
void CountStartEnd(const EventLog& log, std::span<const uint32_t> rows, Dfg& dfg);

}  // namespace ordo::mining
