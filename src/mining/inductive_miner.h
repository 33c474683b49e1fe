// Inductive Miner: discovers a sound process tree from the variants of a log.
//
// IM: Leemans, Fahland, van der Aalst, "Discovering Block-Structured Process Models from Event
// Logs - A Constructive Approach" (Petri Nets 2013): find a cut of the directly-follows graph
// (exclusive choice, sequence, concurrency, loop; §4), split the log along it, recurse; base
// cases are the empty log and a single activity; when no cut exists a fall-through applies.
// IMf: the same with infrequent behaviour filtered (Leemans et al., "Discovering Block-Structured
// Process Models from Event Logs Containing Infrequent Behaviour", BPM 2013 workshops, §3):
// empty traces and directly-follows edges below noise_threshold x the strongest outgoing edge of
// their source are ignored when no cut exists otherwise.
//
// This follows PM4Py 2.7.14's variant (pm4py.algo.discovery.inductive, IMUVCL/IMFUVCL), so the
// trees are the same: the strict sequence cut (Leemans' IMc "strict" sequence repair), cuts tried
// in the order X, ->, +, *; fall-throughs in the order empty traces, activity once per trace,
// activity concurrent, strict tau loop, tau loop, flower; the tree then folded and sorted
// (mining/process_tree.h). Where PM4Py's result depends on Python's set order (the order of
// several redo children of one loop), Ordo orders by activity name.
// Thread-safety: pure functions.
#pragma once

#include "mining/event_log.h"
#include "mining/process_tree.h"
#include "mining/variants.h"

namespace ordo::mining {

struct InductiveOptions {
  // 0 = IM; above 0 = IMf with this threshold (PM4Py: discover_process_tree_inductive's
  // noise_threshold).
  double noise_threshold = 0.0;
};

// The normalized, sorted tree of the variants' activity sequences.
ProcessTree DiscoverProcessTree(const EventLog& log, const Variants& variants, const InductiveOptions& options);

}  // namespace ordo::mining
