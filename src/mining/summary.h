// Summary: every discovery and performance result of a log as one JSON object.
//
// The field names are those of PM4Py's reference results (shared datasets, reference/README.md):
// cases, events, activities, dfg_edges, dfg_total_freq, start_activities, end_activities,
// dfg_sha256, perf_total_wait_s, bottleneck_edges_by_total_wait, perf_sha256,
// case_duration_mean_s, case_duration_median_s, case_duration_max_s, variants,
// top_variant_cases, variants_sha256, and timings_s per stage. Values are rounded as the
// reference rounds them (one decimal for seconds), and the three hashes are computed exactly as
// the reference script does (sha256 over sorted lines), so equality of hashes means equality of
// every edge count, every edge's mean/median/min/max to 1 ms, and every variant count.
// `ordo mine --json` prints this object; the conformance tests compare it with the reference.
// Thread-safety: pure functions over an immutable log.
#pragma once

#include <string>

#include "base/json.h"
#include "mining/alignment.h"
#include "mining/dfg.h"
#include "mining/event_log.h"
#include "mining/ordering.h"
#include "mining/performance.h"
#include "mining/petri_net.h"
#include "mining/process_tree.h"
#include "mining/token_replay.h"
#include "mining/variants.h"

namespace ordo::mining {

struct SummaryOptions {
  TimeConvention convention = TimeConvention::kUtc;
  // Order for start/end activities, variants and case durations (the DFG is always time order).
  SequenceOrder sequence = SequenceOrder::kTime;
  // Also discover the inductive-miner model (on time-ordered sequences, as PM4Py does) and
  // replay the sequences above on it (mining/inductive_miner.h, mining/token_replay.h).
  bool model = false;
  double noise_threshold = 0.0;  // 0 = IM, above = IMf
  // With model: replay on this net instead of discovering one (`ordo mine --conformance`).
  // REQUIRES: outlives MineAll.
  const PetriNet* given_net = nullptr;
  // With model: also align the sequences above on the net (mining/alignment.h).
  bool align = false;
  AlignmentOptions alignment;
  // With model: also ETConformance precision (mining/token_replay.h, EtcPrecision), with this
  // silent closure.
  bool precision = false;
  SilentClosure precision_closure = SilentClosure::kExact;
};

// PM4Py 2.7.14's conventions for a log read from a file of this format: for XES, wall-clock
// times (offsets dropped) and file order for variants, start/end activities and case durations;
// for CSV (read with pandas, to_datetime(utc=True), sorted by format_dataframe) true UTC and time
// order; for both, PM4Py's silent closure in precision.
SummaryOptions Pm4pyOptions(bool csv_input);

// Everything mined from one log, with the seconds each stage took.
struct Mined {
  EventOrder order;
  Dfg dfg;  // with performance; start/end activities by SummaryOptions::sequence
  Variants variants;
  DurationStats durations;
  Bottlenecks bottlenecks;
  double order_s = 0, dfg_freq_s = 0, dfg_perf_s = 0, case_dur_s = 0, variants_s = 0, bottlenecks_s = 0;
  // With SummaryOptions::model only.
  bool has_model = false;
  bool discovered = false;  // the net comes from the inductive miner (not SummaryOptions::given_net)
  ProcessTree tree;
  PetriNet net;
  ReplayResult replay;
  double im_tree_s = 0, im_to_pn_s = 0, tbr_s = 0;
  // With SummaryOptions::align only; alignment_status says why alignment is empty when not ok.
  bool has_alignment = false;
  Status alignment_status;
  AlignmentResult alignment;
  double align_s = 0;
  // With SummaryOptions::precision only.
  bool has_precision = false;
  double etc_precision = 0, precision_s = 0;
};

Mined MineAll(const EventLog& log, const SummaryOptions& options);

// The model fields of the reference: im_places, im_transitions, im_visible_transitions,
// im_silent_transitions, im_arcs, im_tree_chars, im_tree_sha256, im_tree (when at most 400
// characters), tbr_log_fitness, tbr_average_trace_fitness, tbr_perc_fit_traces (6 decimals);
// with alignments also align_log_fitness, align_average_trace_fitness, align_perc_fit_traces
// (6 decimals), align_unfinished_variants and align_model_cost; with precision etc_precision.
void AddModelFields(const EventLog& log, const Mined& mined, json::Value& summary);

// The reference-shaped object; import_s is the reading time to report under timings_s.import.
json::Value Summarize(const EventLog& log, const Mined& mined, const SummaryOptions& options, double import_s);

// Detailed views for `ordo mine --dfg/--variants --json`.
json::Value DfgToJson(const EventLog& log, const Dfg& dfg);
json::Value VariantsToJson(const EventLog& log, const Variants& variants, size_t limit);
json::Value BottlenecksToJson(const EventLog& log, const Bottlenecks& b, size_t limit);
json::Value DurationsToJson(const DurationStats& d);

// A JSON number for a double: shortest text that reads back to the same value.
json::Value Number(double v);
// x rounded to `digits` decimals the way Python's round() does (correctly rounded).
double RoundTo(double x, int digits);

// The reference hashes (sha256 hex over sorted '\x1f'/'\t'-joined lines).
std::string DfgHash(const EventLog& log, const Dfg& dfg);
std::string PerfHash(const EventLog& log, const Dfg& dfg);
std::string VariantsHash(const EventLog& log, const Variants& variants);

}  // namespace ordo::mining
