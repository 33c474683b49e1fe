// Internal to the alignments (mining/alignment.h): the marking equation of the synchronous
// product split before every remaining event (van Dongen, "Efficiently Computing Alignments",
// BPM 2018, the extended marking equation with a split at each event), solved by COIN-OR's CLP.
//
// For a state with marking m and the events e_1..e_R ahead, the LP has model moves x_0 before
// e_1 and, for each event e_j, its move (a sync move on a transition with its label, or a log
// move: exactly one in total) followed by model moves x_j; and the marking M_j just before e_j's
// move, which must hold what that move takes:
//   M_1 = m + C x_0,   M_{j+1} = M_j + C (sync_j + x_j),   m_f = M_R + C (sync_R + x_R),
//   M_j - C_in sync_j >= 0,   sum(sync_j) + log_j = 1,   everything >= 0,
// minimising the moves' cost. Every alignment is a solution (its moves grouped by the event they
// follow), so the optimum is a lower bound of the alignment's cost; unlike the plain marking
// equation it respects the order of the events, so a loop cannot fire its body without being
// entered, and on block-structured models it is often exact.
//
// Only the first block of rows depends on m, so each position keeps its LP and re-solves it from
// the last basis with the dual simplex (the 16 positions used last keep theirs; a long trace's LPs
// are large). Not thread-safe: one instance per search.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <vector>

namespace ordo::mining::align {

// The net as the LP reads it.
struct LpNet {
  size_t places = 0;
  uint32_t sink = 0;
  std::vector<std::vector<uint32_t>> inputs, outputs;  // per transition; a place repeats per token
  std::vector<int64_t> model_cost;                     // per transition, fired without an event
  std::vector<uint32_t> label;                         // per transition: label index, UINT32_MAX silent
  int64_t sync_cost = 0, log_cost = 0;
};

// One value of an LP solution. Segment 0 holds the model moves before the first event ahead;
// segment j >= 1 holds event j's move (kSync on a transition, or kLog) and the model moves after it.
struct SplitEntry {
  enum Kind : uint8_t { kModel, kSync, kLog };
  uint32_t segment;
  uint32_t transition;  // kModel, kSync
  Kind kind;
  float value;
};

class SplitMarkingEquation {
 public:
  // labels: the trace's events as label indexes (UINT32_MAX: no transition carries it).
  SplitMarkingEquation(const LpNet& net, std::vector<uint32_t> labels);
  ~SplitMarkingEquation();
  SplitMarkingEquation(const SplitMarkingEquation&) = delete;
  SplitMarkingEquation& operator=(const SplitMarkingEquation&) = delete;

  // The bound (the LP optimum rounded up) for the marking (sorted places) with the events from
  // `position` on ahead, and the solution's nonzero values; nullopt when CLP did not reach the
  // optimum (then there is no bound).
  std::optional<int64_t> Solve(std::span<const uint32_t> marking, uint32_t position, std::vector<SplitEntry>* solution);

  uint64_t solves() const { return solves_; }

 private:
  struct Lp;
  Lp& At(uint32_t position);

  const LpNet& net_;
  std::vector<uint32_t> labels_;
  std::vector<std::unique_ptr<Lp>> by_position_;
  std::vector<uint32_t> recent_;  // positions with an LP, least recently used first
  uint64_t solves_ = 0;
};

}  // namespace ordo::mining::align
