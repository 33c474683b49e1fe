// Internal to the Inductive Miner (mining/inductive_miner.h): the sub-logs it recurses on, their
// directly-follows graphs and the four cuts (Leemans et al. 2013, §4) with their log splits.
// Activities are numbered in name order, so "sorted" means ascending ids, as in PM4Py.
// Thread-safety: plain data and pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "mining/process_tree.h"

namespace ordo::mining::im {

using Trace = std::vector<uint32_t>;

// A multiset of traces (PM4Py's UVCL: a Counter of tuples), first-seen order kept.
struct SubLog {
  std::vector<Trace> traces;
  std::vector<uint64_t> counts;
  size_t num_activities = 0;  // ids are < num_activities
};

// Adds traces, merging equal ones.
class SubLogBuilder {
 public:
  explicit SubLogBuilder(size_t num_activities);
  void Add(const Trace& trace, uint64_t count);
  SubLog Finish() &&;

 private:
  SubLog log_;
  std::vector<std::vector<uint32_t>> buckets_;  // hash -> trace indexes
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
// Per activity id, the bridges of its runs, in trace order.
std::vector<std::vector<Bridge>> FindBridges(const SubLog& log);

// The graph of the log with skip's events left out (as BuildGraph(..., kDrop) would build it),
// derived from full = BuildGraph(log, kDrop) and skip's bridges in O(n^2 / 64) instead of a pass
// over the log. REQUIRES: skip is in full.
Graph WithoutActivity(const Graph& full, uint32_t skip, const std::vector<Bridge>& bridges);

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
