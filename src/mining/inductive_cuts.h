// Internal to the Inductive Miner (mining/inductive_miner.h): the sub-logs it recurses on, their
// directly-follows graphs and the four cuts (Leemans et al. 2013, §4) with their log splits.
// Activities are numbered in name order, so "sorted" means ascending ids, as in PM4Py.
// Thread-safety: plain data and pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "mining/process_tree.h"

namespace ordo::mining::im {

using Trace = std::vector<uint32_t>;         // a scratch buffer a trace is built in
using TraceView = std::span<const uint32_t>;  // a trace inside a SubLog

// A multiset of traces (PM4Py's UVCL: a Counter of tuples), first-seen order kept. The traces
// lie back to back in one array, so a sub-log costs three allocations however many traces it
// holds (the miner builds one per cut part and fall-through, most of them small).
struct SubLog {
  std::vector<uint32_t> events;  // every trace's activities, trace after trace
  std::vector<uint32_t> ends;    // per trace, one past its last event in `events`
  std::vector<uint64_t> counts;  // per trace, how many cases follow it
  size_t num_activities = 0;     // ids are < num_activities

  size_t size() const { return counts.size(); }
  bool empty() const { return counts.empty(); }
  TraceView trace(size_t i) const {
    const uint32_t from = i == 0 ? 0 : ends[i - 1];
    return {events.data() + from, ends[i] - from};
  }
};

// Adds traces, merging equal ones (an open-addressing table of trace indexes).
class SubLogBuilder {
 public:
  explicit SubLogBuilder(size_t num_activities);
  void Add(TraceView trace, uint64_t count);
  SubLog Finish() &&;

 private:
  void Grow();
  SubLog log_;
  std::vector<uint64_t> hashes_;  // per trace
  std::vector<uint32_t> slots_;   // trace index + 1, or 0 when free; a power of two long
};

// Directly-follows graph over the activities of a sub-log (dense, local indexes). The cuts read
// only which edges exist, as bit rows (successors and predecessors of each activity), so an
// activity's neighbours are a few words and a component search costs O(n^2 / 64); the edge
// frequencies are kept where IMf's noise filter needs them.
struct Graph {
  std::vector<uint32_t> alphabet;    // local -> activity id, ascending
  std::vector<int32_t> local;        // activity id -> local index or -1
  size_t n = 0;
  std::vector<uint64_t> edges;       // n*n frequencies; empty when built without frequencies
  std::vector<uint64_t> start, end;  // per local index
  size_t words = 0;                  // 64-bit words per bit row
  std::vector<uint64_t> succ, pred;  // n rows of `words`: b in succ[a] and a in pred[b] when a->b
  const uint64_t* successors(size_t a) const { return &succ[a * words]; }
  const uint64_t* predecessors(size_t a) const { return &pred[a * words]; }
  bool edge(size_t a, size_t b) const { return (succ[a * words + b / 64] >> (b % 64)) & 1; }
};

enum class EdgeCounts : uint8_t { kKeep, kDrop };

// kDrop leaves Graph::edges empty (IM and the fall-throughs only ask whether a cut exists).
Graph BuildGraph(const SubLog& log, EdgeCounts counts = EdgeCounts::kKeep);
// What removing one activity does to the directly-follows graph: every maximal run of it in a
// trace joins the event before the run to the event after it (or the trace's start or end).
struct Bridge {
  static constexpr uint32_t kTerminal = UINT32_MAX;  // the trace's start (from) or end (to)
  uint32_t from, to;                                 // activity ids or kTerminal
  uint64_t count;
};
// Every activity's bridges, grouped by activity id, each group in trace order.
struct Bridges {
  std::vector<Bridge> all;
  std::vector<uint32_t> begin;  // per activity id, where its group starts; one more at the end
  std::span<const Bridge> of(uint32_t a) const { return {all.data() + begin[a], begin[a + 1] - begin[a]}; }
};
Bridges FindBridges(const SubLog& log);

// The graph of the log with skip's events left out (as BuildGraph(..., kDrop) would build it),
// derived from full = BuildGraph(log, kDrop) and skip's bridges in O(n^2 / 64) instead of a pass
// over the log. REQUIRES: skip is in full.
Graph WithoutActivity(const Graph& full, uint32_t skip, std::span<const Bridge> bridges);

// IMf: edges kept when above threshold x the source's strongest outgoing edge (or end count).
// REQUIRES: g was built with EdgeCounts::kKeep.
Graph FilterNoise(const Graph& g, double threshold);

// A cut: its operator and its groups (activity ids); empty groups never occur.
struct Cut {
  TreeOperator op = TreeOperator::kLeaf;
  std::vector<std::vector<uint32_t>> groups;
};

// Tries the cuts in PM4Py's order: exclusive choice, strict sequence, concurrency, loop.
std::optional<Cut> FindCut(const Graph& g);
// Splits the log along the cut, one sub-log per group.
std::vector<SubLog> Project(const SubLog& log, const Cut& cut);

}  // namespace ordo::mining::im
