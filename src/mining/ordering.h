// EventOrder: the events of each case in time order, and the times the analyses use.
//
// An EventLog keeps each case's events in source order. Analyses read them through an EventOrder:
// a permutation of rows that, within every case range, sorts events by time under a convention
// (mining/timestamp.h), ties kept in source order (a stable sort, as PM4Py does with pandas'
// sort_values). Cases whose source order was not time order are counted: that is the documented
// repair for unsorted events.
// PM4Py 2.7.14 is not consistent here: its DFG sorts by time, while start/end activities,
// variants and case durations read the data frame in file order. SequenceOrder::kFile
// reproduces the latter for comparisons; Ordo's default is time order everywhere.
// Thread-safety: plain data.
#pragma once

#include <cstdint>
#include <vector>

#include "mining/event_log.h"

namespace ordo::mining {

enum class SequenceOrder : uint8_t {
  kTime,  // each case's events sorted by time (stable)
  kFile,  // source order, as PM4Py 2.7.14's variants, start/end activities and case durations
};

struct EventOrder {
  std::vector<int64_t> times;   // per row, under the convention, nanoseconds
  std::vector<uint32_t> rows;   // all rows, case by case, each case's rows in time order
  uint64_t unsorted_cases = 0;  // cases whose source order differed from time order
  TimeConvention convention = TimeConvention::kUtc;
};

EventOrder OrderByTime(const EventLog& log, TimeConvention convention);

// The identity order (source order) with the same times.
std::vector<uint32_t> FileOrder(const EventLog& log);

// SecondsBetween for instants more than 292 years apart (their difference overflows int64).
double SecondsBetweenWide(int64_t from_ns, int64_t to_ns);

// Seconds between two instants the way PM4Py computes them from pandas timedeltas
// (pm4py.util.pandas_utils.get_total_seconds): 86400*days + seconds + 1e-6*us + 1e-9*ns, so
// that averages and medians round the same way. Inline: the performance DFG calls it per event.
inline double SecondsBetween(int64_t from_ns, int64_t to_ns) {
  int64_t d;
  if (__builtin_sub_overflow(to_ns, from_ns, &d)) return SecondsBetweenWide(from_ns, to_ns);
  // pandas floors days and keeps seconds, microseconds and nanoseconds non-negative; a day is a
  // whole number of seconds, so 86400*days + seconds is d floored to whole seconds.
  constexpr int64_t kSecond = 1'000'000'000;
  int64_t whole = d / kSecond, sub = d % kSecond;
  if (sub < 0) {
    sub += kSecond;
    --whole;
  }
  double v = static_cast<double>(whole);
  if (sub == 0) return v;  // adding 1e-6*0 and 1e-9*0 leaves v as it is
  v = v + 1e-6 * static_cast<double>(sub / 1000);
  return v + 1e-9 * static_cast<double>(sub % 1000);
}

}  // namespace ordo::mining
