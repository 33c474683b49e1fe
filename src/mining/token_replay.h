// Token-based replay of a log on a Petri net (Berti & van der Aalst, "Reviving Token-based
// Replay: Increasing Speed While Improving Diagnostics", ATAED 2019; fitness as in Rozinat & van
// der Aalst, "Conformance checking of processes based on monitoring real behavior", Inf. Syst.
// 33(1), 2008, §4: f = 1/2 (1 - m/c) + 1/2 (1 - r/p)).
//
// Each trace starts with a token in the source (produced = 1). For each event the transition
// with its label fires; when it is not enabled, silent transitions on the shortest silent paths
// from marked places to its empty input places are fired first (at most two levels deep, each
// silent transition at most once per event), and tokens still lacking are counted as missing
// and added. At the end silent paths towards the sink are fired; the sink's token is consumed
// (consumed += 1, missing += 1 when it is absent) and every other token is remaining. A trace
// fits when nothing was missing before the end and nothing remains.
// This is PM4Py 2.7.14's token_replay variant with its defaults (consider remaining tokens, try
// to reach the final marking through silent transitions, no caches), tie-breaks included
// (places by name, paths by length), so the numbers are PM4Py's: they can stay below 1.0 on a
// model that fits the log (a replay artefact of silent transitions, BPIC 2012: 0.97343).
// Activities without a transition are skipped. Variants are replayed once and weighted by their
// cases. Thread-safety: pure functions over immutable inputs.
#pragma once

#include <cstdint>
#include <vector>

#include "mining/event_log.h"
#include "mining/petri_net.h"
#include "mining/variants.h"

namespace ordo::mining {

struct TraceReplay {
  bool fit = false;
  double fitness = 0;
  uint64_t missing = 0, consumed = 0, remaining = 0, produced = 0;
};

struct ReplayResult {
  std::vector<TraceReplay> variants;  // one per Variants::variants entry
  uint64_t cases = 0, fit_cases = 0;
  uint64_t missing = 0, consumed = 0, remaining = 0, produced = 0;  // over all cases
  double log_fitness = 0;            // 1/2 (1 - M/C) + 1/2 (1 - R/P) over the totals
  double average_trace_fitness = 0;  // mean over cases
  double perc_fit_traces = 0;        // 100 x fit cases / cases
};

ReplayResult TokenReplay(const PetriNet& net, const Variants& variants);

// ETConformance precision (Munoz-Gama & Carmona, "A Fresh Look at Precision in Process
// Conformance", BPM 2010, §4) as PM4Py 2.7.14's precision_token_based_replay computes it
// (algo.evaluation.precision.variants.etconformance_token): for every prefix of length 1..n-1 of
// every case, replayed with the token replay above (stopping at the first missing token; such
// prefixes are left out), the labels of the visible transitions enabled in the reached marking
// or after silent transitions from it are "allowed", and those that never follow the prefix in
// the log "escaping"; the empty prefix compares the initial marking's with the start
// activities. precision = 1 - sum(escaping x cases) / sum(allowed x cases); 1 when nothing is
// allowed. The silent closure explores at most 10,000 markings per prefix.
//
// "After silent transitions" is where Ordo and PM4Py part: kExact takes every marking reachable
// through silent transitions; kPm4py walks them as PM4Py 2.7.14 does, which skips some (a silent
// transition enabled in several markings is expanded in the last one it was listed with; see
// Pm4pyClosure in token_replay.cc). On logs whose models have silent transitions in parallel
// branches the values differ (sepsis 0.24015 exact, 0.25762 PM4Py's).
enum class SilentClosure : uint8_t { kExact, kPm4py };
double EtcPrecision(const PetriNet& net, const Variants& variants, SilentClosure closure = SilentClosure::kExact);

}  // namespace ordo::mining
