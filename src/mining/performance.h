// Case durations, bottlenecks and rework.
//
// Case duration (cycle or lead time): seconds from the first to the last event of a case
// (PM4Py's get_all_case_durations). Bottlenecks rank DFG edges and activities by the waiting
// time spent before them (total and mean); the waiting time before an activity is the time since
// the previous event of the same case. Rework counts activities that occur more than once in a
// case (van der Aalst, Process Mining, 2nd ed., §9.4 on performance; rework as a repeated
// activity).
// Thread-safety: pure functions over an immutable log.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "mining/dfg.h"
#include "mining/event_log.h"

namespace ordo::mining {

struct DurationStats {
  std::vector<double> seconds;  // per case, in case order
  double mean = 0, median = 0, min = 0, max = 0;
  double p10 = 0, p25 = 0, p75 = 0, p90 = 0, p95 = 0, p99 = 0;  // linear interpolation (NumPy's default)
};

// rows: every row, case by case, in the order whose first and last event bound the case.
DurationStats CaseDurations(const EventLog& log, std::span<const uint32_t> rows, std::span<const int64_t> times);

struct ActivityWait {
  StringId activity = kNoString;
  uint64_t count = 0;  // events of this activity that have a predecessor in their case
  double total_s = 0, mean_s = 0;
};

struct Rework {
  StringId activity = kNoString;
  uint64_t cases = 0;    // cases where the activity occurs more than once
  uint64_t repeats = 0;  // occurrences beyond the first, summed over cases
};

struct Bottlenecks {
  std::vector<DfgEdge> edges_by_total;  // REQUIRES: a DFG with performance
  std::vector<DfgEdge> edges_by_mean;
  std::vector<ActivityWait> activities_by_total;
  std::vector<ActivityWait> activities_by_mean;
  std::vector<Rework> rework;  // most repeats first
  uint64_t cases_with_rework = 0;
};

Bottlenecks FindBottlenecks(const EventLog& log, const Dfg& dfg);

}  // namespace ordo::mining
