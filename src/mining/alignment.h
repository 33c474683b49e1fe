// Optimal alignments of traces on a Petri net (Adriansyah, van Dongen, van der Aalst, "Conformance
// Checking Using Cost-Based Fitness Analysis", EDOC 2011; van der Aalst, Adriansyah, van Dongen,
// "Replaying History on Process Models for Conformance Checking and Performance Analysis", WIREs
// DMKD 2(2), 2012).
//
// An alignment pairs the events of a trace with firings of the net so that the net goes from its
// initial marking (a token in the source) to its final marking (a token in the sink): a sync move
// fires a transition labelled with the event's activity, a log move skips the event, a model move
// fires a transition without an event. The search is A* over the reachable states of the
// synchronous product of the trace net (a sequence, so its marking is the position in the trace)
// and the model; every move has a cost and the alignment found has the least total cost.
//
// The heuristic is a structural relaxation that is admissible and consistent (so the first
// alignment popped is optimal), the larger of: the next event either is a log move (its cost) or
// waits until tokens reach every input place of a transition with its label, and each token
// travels along a chain of firings from a marked place, which costs at least the cheapest path in
// the place graph; and a place potential, a feasible solution of the dual of the marking-equation
// relaxation in which visible transitions cost 0 while their label occurs ahead in the trace
// (docs/mining.md). Both add a log move for every later event whose activity no marked place can
// lead to. States from which a token cannot reach the sink are never queued.
//
// By default the search also solves the marking-equation LP of the synchronous product
// (Adriansyah, "Aligning Observed and Modeled Behavior", PhD thesis, TU Eindhoven, 2014, ch. 4;
// van Dongen, "Efficiently Computing Alignments", BPM 2018): the least cost of a nonnegative
// real vector of moves whose effect takes the state's marking and the rest of the trace to the
// final ones, rounded up. It solves the LP's dual (lp_simplex.h), whose every feasible solution
// bounds the remaining cost from below, so a failed or stopped solve never overestimates. The
// bound is stored with the state together with the LP's solution x; a successor reached by a
// move v with x[v] >= 1 has the bound less the cost of v, exactly (x - e_v is optimal there);
// any other successor has the parent's bound less the move's cost as a lower bound and solves
// its own LP only when it is popped, and goes back into the queue if the bound rose. The
// heuristic is the larger of that bound and the structural one; both are admissible and states
// are reopened when a cheaper path reaches them, so the first alignment popped is optimal.
// A search that has visited many states without finishing starts over with the marking equation
// split before every event (split_marking_equation.h), which respects the order of the events.
// Two reductions leave the costs optimal: a state's log moves and visible model moves are made
// only once the search reaches g plus their cost, and a silent transition that alone consumes
// from all its input places is, once enabled, the state's only successor (kNone, the plain
// search, uses neither).
//
// Costs and fitness are PM4Py 2.7.14's (algo.conformance.alignments.petri_net, its standard cost
// function and apply_trace): sync 0, log move 10000, visible model move 10000, silent model move 1;
// a trace's worst cost is 10000 per event plus the cost of the cheapest model-only run from the
// initial to the final marking; its fitness is 1 - floor(cost / u) / floor(worst / u) with u the
// smaller of the log- and model-move costs (PM4Py's constant 10000); the log's fitness is
// 1 - sum(cost) / sum(worst) over all cases, and a trace fits when its fitness is 1.
// Each variant is aligned once and weighted by its cases; variants with the most cases go first
// and, among equals, the shortest, so a time budget covers as many cases as it can. A trace
// whose search exceeds
// max_states, or runs past the time budget, is reported unfinished and left out of the log's
// figures, as PM4Py leaves out traces whose alignment did not finish.
//
// Thread-safety: pure functions over immutable inputs; AlignVariants runs up to
// AlignmentOptions::threads worker threads of its own and joins them before it returns.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "base/status.h"
#include "mining/petri_net.h"
#include "mining/variants.h"

namespace ordo::mining {

struct AlignmentCosts {
  int64_t sync_move = 0;
  int64_t log_move = 10000;
  int64_t model_move = 10000;  // a visible transition fired without an event
  int64_t silent_move = 1;     // a silent transition
};

// kMarkingEquation: the structural heuristic and, once a trace's search has created
// AlignmentOptions::marking_equation_after states, also the marking-equation LP (both above).
// kStructural: the structural heuristic alone. kNone turns the search into Dijkstra's (the same
// optimal costs, more states); for checks.
enum class AlignmentHeuristic : uint8_t { kMarkingEquation, kStructural, kNone };

struct AlignmentOptions {
  AlignmentCosts costs;
  AlignmentHeuristic heuristic = AlignmentHeuristic::kMarkingEquation;
  // kMarkingEquation: states a trace's search creates before it starts solving LPs.
  size_t marking_equation_after = 0;
  // kMarkingEquation: a trace of at most split_up_to events whose search has visited
  // split_after x ceil(events / 32) states without finishing starts over with the marking
  // equation split before every event (split_marking_equation.h, solved by COIN-OR CLP): a far
  // tighter bound, at a millisecond or more per solve (more for long traces), which pays off only
  // where the plain one leaves many states to visit. split_up_to = 0: never; split_after = 0:
  // from the start. max_states applies to each of the two searches.
  size_t split_up_to = 512;
  size_t split_after = 2000;
  // States one trace's search may create before it gives up (the trace is then unfinished).
  size_t max_states = 2'000'000;
  // Variants are aligned on this many threads (each with its own search state).
  size_t threads = 2;
  // Seconds for all variants together (0: no limit); variants not done by then are unfinished,
  // like PM4Py's max_align_time.
  double time_budget_s = 0;
};

enum class MoveKind : uint8_t { kSync, kLog, kModel };

inline constexpr uint32_t kNoTransition = UINT32_MAX;

struct AlignmentMove {
  MoveKind kind = MoveKind::kSync;
  StringId activity = kNoString;        // kSync and kLog: the event's activity
  uint32_t transition = kNoTransition;  // kSync and kModel: index into PetriNet::transitions
};

struct TraceAlignment {
  bool finished = false;
  int64_t cost = 0;
  int64_t worst_cost = 0;  // log moves for every event + the cheapest model-only run
  double fitness = 0;
  std::vector<AlignmentMove> moves;
  uint64_t visited_states = 0, queued_states = 0;
  uint64_t lp_solves = 0;  // marking-equation LPs solved
};

struct AlignmentResult {
  std::vector<TraceAlignment> variants;  // one per Variants::variants entry
  int64_t model_cost = 0;                // the cheapest model-only run (PM4Py's best worst cost)
  uint64_t cases = 0, aligned_cases = 0, fit_cases = 0;
  size_t unfinished_variants = 0;
  double log_fitness = 0;            // 1 - sum(cost) / sum(worst cost) over aligned cases
  double average_trace_fitness = 0;  // mean over aligned cases
  double perc_fit_traces = 0;        // 100 x fitting cases / aligned cases
};

// One trace. InvalidArgument when the net cannot be aligned at all (a transition without input
// places, or no run from the source to the sink).
Result<TraceAlignment> AlignTrace(const PetriNet& net, std::span<const StringId> trace,
                                  const AlignmentOptions& options = {});

// Every variant, weighted by its cases.
Result<AlignmentResult> AlignVariants(const PetriNet& net, const Variants& variants,
                                      const AlignmentOptions& options = {});

}  // namespace ordo::mining
