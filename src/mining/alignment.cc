#include "mining/alignment.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <limits>
#include <map>
#include <memory>
#include <optional>
#include <queue>
#include <string>
#include <thread>
#include <unordered_map>

#include "mining/lp_simplex.h"
#include "mining/split_marking_equation.h"
#include "mining/string_pool.h"

namespace ordo::mining {
namespace {

constexpr int64_t kUnreachable = std::numeric_limits<int64_t>::max() / 4;

// The net in the shape the search reads: sorted arc lists, the transitions each place enables
// first, the transitions per label, and the cheapest token paths of the heuristic.
class NetIndex {
 public:
  static Result<NetIndex> Build(const PetriNet& net, const AlignmentCosts& costs) {
    NetIndex x;
    x.net_ = &net;
    x.costs_ = costs;
    size_t places = net.places.size();
    if (net.source >= places || net.sink >= places) return InvalidArgument("the net has no source or sink place");
    x.inputs_.resize(net.transitions.size());
    x.outputs_.resize(net.transitions.size());
    x.first_consumers_.resize(places);
    x.all_consumers_.resize(places);
    std::vector<std::vector<uint32_t>> producers(places);
    for (uint32_t t = 0; t < net.transitions.size(); ++t) {
      const PetriNet::Transition& tr = net.transitions[t];
      if (tr.inputs.empty()) {
        return InvalidArgument("transition '" + tr.name + "' has no input place, so the net has no bounded runs");
      }
      x.inputs_[t] = tr.inputs;
      x.outputs_[t] = tr.outputs;
      std::sort(x.inputs_[t].begin(), x.inputs_[t].end());
      std::sort(x.outputs_[t].begin(), x.outputs_[t].end());
      x.first_consumers_[x.inputs_[t].front()].push_back(t);
      for (size_t k = 0; k < x.inputs_[t].size(); ++k) {
        if (k == 0 || x.inputs_[t][k] != x.inputs_[t][k - 1]) x.all_consumers_[x.inputs_[t][k]].push_back(t);
      }
      for (uint32_t p : tr.outputs) producers[p].push_back(t);
      if (!tr.silent()) x.by_label_[tr.label].push_back(t);
    }
    // Targets of the heuristic: the input places of visible transitions, and the sink.
    x.target_of_place_.assign(places, UINT32_MAX);
    auto add_target = [&](uint32_t p) {
      if (x.target_of_place_[p] != UINT32_MAX) return;
      x.target_of_place_[p] = static_cast<uint32_t>(x.distance_.size());
      x.distance_.push_back(x.DistancesTo(p, producers));
    };
    add_target(net.sink);
    for (uint32_t t = 0; t < net.transitions.size(); ++t) {
      if (net.transitions[t].silent()) continue;
      for (uint32_t p : x.inputs_[t]) add_target(p);
    }
    x.ComputeReach();
    x.at_end_ = x.Potentials(std::vector<char>(x.label_index_.size(), 0));
    x.forced_.assign(net.transitions.size(), 0);
    for (uint32_t t = 0; t < net.transitions.size(); ++t) {
      if (!net.transitions[t].silent()) continue;
      bool alone = true;
      for (uint32_t p : x.inputs_[t]) alone = alone && p != net.sink && x.all_consumers_[p].size() == 1;
      x.forced_[t] = alone;
    }
    return x;
  }

  // A silent transition that is the only consumer of each of its input places (none the sink).
  // Once enabled it fires in some optimal completion, and may fire first: its tokens must leave
  // those places, nothing else takes them, and firing it earlier only puts tokens out earlier,
  // which disables nothing (Search::Expand).
  bool forced(uint32_t t) const { return forced_[t] != 0; }
  const std::vector<uint32_t>& consumers(uint32_t p) const { return all_consumers_[p]; }

  const PetriNet& net() const { return *net_; }
  // The potential (below) for the rest of a trace whose labels are free_labels (by LabelIndex).
  std::vector<double> PotentialsFor(const std::vector<char>& free_labels) const { return Potentials(free_labels); }
  size_t num_labels() const { return label_index_.size(); }
  // Lower bound of the model-side cost from a marking to the final one once no event is left:
  // the sum of the tokens' potentials.
  double AtEnd(uint32_t place) const { return at_end_[place]; }
  const AlignmentCosts& costs() const { return costs_; }
  int64_t MoveCost(uint32_t t) const {
    return net_->transitions[t].silent() ? costs_.silent_move : costs_.model_move;
  }
  const std::vector<uint32_t>& inputs(uint32_t t) const { return inputs_[t]; }
  const std::vector<uint32_t>& outputs(uint32_t t) const { return outputs_[t]; }
  const std::vector<uint32_t>& first_consumers(uint32_t p) const { return first_consumers_[p]; }
  const std::vector<uint32_t>* WithLabel(StringId label) const {
    auto it = by_label_.find(label);
    return it == by_label_.end() ? nullptr : &it->second;
  }
  // Least cost for a token in `from` to put a token into `to` (kUnreachable when it cannot).
  int64_t Distance(uint32_t from, uint32_t to) const { return distance_[target_of_place_[to]][from]; }
  // Dense index of a visible label (UINT32_MAX when no transition carries it).
  uint32_t LabelIndex(StringId label) const {
    auto it = label_index_.find(label);
    return it == label_index_.end() ? UINT32_MAX : it->second;
  }
  size_t reach_words() const { return reach_words_; }
  // Bit set over label indexes: the labels of every transition a token in `place` can lead to.
  const uint64_t* Reach(uint32_t place) const { return &reach_[size_t{place} * reach_words_]; }

 private:
  // A transition can fire later only if a chain of firings carries a token from a marked place to
  // one of its inputs, so the labels reachable in the place graph over-approximate what can still
  // be a sync move.
  void ComputeReach() {
    const PetriNet& net = *net_;
    for (const auto& [label, ts] : by_label_) label_index_.emplace(label, static_cast<uint32_t>(label_index_.size()));
    reach_words_ = (label_index_.size() + 63) / 64 + 1;
    reach_.assign(net.places.size() * reach_words_, 0);
    std::vector<uint32_t> stack;
    std::vector<char> seen(net.places.size());
    for (uint32_t start = 0; start < net.places.size(); ++start) {
      std::fill(seen.begin(), seen.end(), 0);
      stack.assign(1, start);
      seen[start] = 1;
      uint64_t* bits = &reach_[size_t{start} * reach_words_];
      while (!stack.empty()) {
        uint32_t p = stack.back();
        stack.pop_back();
        for (uint32_t t : all_consumers_[p]) {
          if (!net.transitions[t].silent()) {
            uint32_t l = label_index_.at(net.transitions[t].label);
            bits[l / 64] |= uint64_t{1} << (l % 64);
          }
          for (uint32_t q : outputs_[t]) {
            if (!seen[q]) {
              seen[q] = 1;
              stack.push_back(q);
            }
          }
        }
      }
    }
  }

  // Backwards Dijkstra over the place graph: a transition links each of its input places to each
  // of its output places at the cost of firing it without an event.
  std::vector<int64_t> DistancesTo(uint32_t target, const std::vector<std::vector<uint32_t>>& producers) const {
    std::vector<int64_t> d(net_->places.size(), kUnreachable);
    using Item = std::pair<int64_t, uint32_t>;
    std::priority_queue<Item, std::vector<Item>, std::greater<>> queue;
    d[target] = 0;
    queue.push({0, target});
    while (!queue.empty()) {
      auto [cost, q] = queue.top();
      queue.pop();
      if (cost != d[q]) continue;
      for (uint32_t t : producers[q]) {
        int64_t next = cost + MoveCost(t);
        for (uint32_t p : inputs_[t]) {
          if (next < d[p]) {
            d[p] = next;
            queue.push({next, p});
          }
        }
      }
    }
    return d;
  }

  // A place potential phi with phi(sink) = 0 and, for every transition u,
  //   sum of phi over u's inputs <= cost(u) + sum of phi over u's outputs.
  // Summing that along any firing sequence from m to the final marking gives cost >= phi(m), so
  // phi(m) is an admissible and consistent heuristic: a feasible solution of the dual of the
  // marking-equation relaxation (the LP heuristic of Adriansyah et al.), computed once per net
  // instead of once per state. Each place takes the cheapest share (cost and outputs split
  // evenly among the inputs) over the transitions that consume from it, iterated upwards from 0;
  // every intermediate phi is feasible already, so the iteration may stop at any round.
  // A visible transition costs 0 when its label is free (it may still be a sync move: the label
  // occurs in the rest of the trace), else a model move.
  std::vector<double> Potentials(const std::vector<char>& free_labels) const {
    const PetriNet& net = *net_;
    std::vector<std::vector<uint32_t>> consumers(net.places.size());
    for (uint32_t t = 0; t < net.transitions.size(); ++t) {
      for (uint32_t p : inputs_[t]) {
        if (consumers[p].empty() || consumers[p].back() != t) consumers[p].push_back(t);
      }
    }
    std::vector<double> phi(net.places.size(), 0.0);
    for (int round = 0; round < 200; ++round) {
      bool changed = false;
      for (uint32_t p = 0; p < net.places.size(); ++p) {
        if (p == net.sink || consumers[p].empty()) continue;
        double best = std::numeric_limits<double>::infinity();
        for (uint32_t t : consumers[p]) {
          const PetriNet::Transition& tr = net.transitions[t];
          int64_t cost = tr.silent()                                       ? costs_.silent_move
                         : free_labels[label_index_.at(tr.label)] != 0 ? 0
                                                                          : costs_.model_move;
          double budget = static_cast<double>(cost);
          for (uint32_t q : outputs_[t]) budget += phi[q];
          best = std::min(best, budget / static_cast<double>(inputs_[t].size()));
        }
        if (best > phi[p] + 1e-9) {
          phi[p] = best;
          changed = true;
        }
      }
      if (!changed) break;
    }
    return phi;
  }

  const PetriNet* net_ = nullptr;  // outlives the index (both live for one AlignVariants call)
  AlignmentCosts costs_;
  std::vector<std::vector<uint32_t>> inputs_, outputs_, first_consumers_;
  std::unordered_map<StringId, std::vector<uint32_t>> by_label_;
  std::vector<uint32_t> target_of_place_;
  std::vector<std::vector<int64_t>> distance_;
  std::vector<double> at_end_;
  std::vector<std::vector<uint32_t>> all_consumers_;
  std::vector<char> forced_;  // per transition
  std::unordered_map<StringId, uint32_t> label_index_;
  size_t reach_words_ = 1;
  std::vector<uint64_t> reach_;
};

// The dual of the marking-equation LP of the synchronous product (Adriansyah 2014, ch. 4; van
// Dongen, BPM 2018). The primal's variables count moves: a model move per transition, a log move
// per remaining event, a sync move per (event, transition with its label); its rows say that the
// moves take the marking m to the final one (per place: m + C y = m_f, y the firings of each
// transition as model or sync moves) and consume every remaining event once. Events with the
// same label are interchangeable, so they are summed per label: n_l events labelled l ahead make
// the row  log_l + sum of sync_t over transitions t labelled l = n_l. The dual has a free
// variable u_p per place and v_l per visible label, and a row per move:
//   model move of t:  C[., t]·u <= cost(t)
//   log move of l:    v_l <= log-move cost
//   sync move of t:   C[., t]·u + v_label(t) <= sync-move cost
// and the objective (m_f - m)·u + sum_l n_l v_l. Events whose label no transition carries are log
// moves in every alignment: a constant outside the LP. Costs must be >= 0 (w = 0 is feasible).
class MarkingEquation {
 public:
  static Result<MarkingEquation> Build(const NetIndex& index) {
    const PetriNet& net = index.net();
    const AlignmentCosts& c = index.costs();
    if (c.sync_move < 0 || c.log_move < 0 || c.model_move < 0 || c.silent_move < 0) {
      return InvalidArgument("the marking equation needs costs >= 0");
    }
    MarkingEquation me;
    me.places_ = net.places.size();
    me.labels_ = index.num_labels();
    const size_t transitions = net.transitions.size();
    me.label_of_.assign(transitions, UINT32_MAX);
    me.sync_row_.assign(transitions, UINT32_MAX);
    std::vector<InequalityLp::Row> rows(transitions);
    std::vector<std::pair<uint32_t, double>> effect;
    for (uint32_t t = 0; t < transitions; ++t) {
      std::map<uint32_t, double> column;
      for (uint32_t p : index.inputs(t)) column[p] -= 1;
      for (uint32_t p : index.outputs(t)) column[p] += 1;
      for (const auto& [p, a] : column) {
        if (a != 0) rows[t].entries.emplace_back(p, a);
      }
      rows[t].bound = static_cast<double>(index.MoveCost(t));
      if (!net.transitions[t].silent()) me.label_of_[t] = index.LabelIndex(net.transitions[t].label);
    }
    for (uint32_t l = 0; l < me.labels_; ++l) {
      InequalityLp::Row row;
      row.entries.emplace_back(static_cast<uint32_t>(me.places_ + l), 1.0);
      row.bound = static_cast<double>(c.log_move);
      rows.push_back(std::move(row));
    }
    for (uint32_t t = 0; t < transitions; ++t) {
      if (me.label_of_[t] == UINT32_MAX) continue;
      me.sync_row_[t] = static_cast<uint32_t>(rows.size());
      InequalityLp::Row row = rows[t];
      row.entries.emplace_back(static_cast<uint32_t>(me.places_ + me.label_of_[t]), 1.0);
      row.bound = static_cast<double>(c.sync_move);
      rows.push_back(std::move(row));
    }
    ASSIGN_OR_RETURN(InequalityLp lp, InequalityLp::Create(me.places_ + me.labels_, std::move(rows)));
    me.lp_ = std::make_unique<InequalityLp>(std::move(lp));
    return me;
  }

  size_t variables() const { return places_ + labels_; }
  size_t moves() const { return lp_->rows(); }
  // Row (= primal variable) of each move.
  uint32_t ModelMove(uint32_t t) const { return t; }
  uint32_t LogMove(uint32_t label) const {
    return static_cast<uint32_t>(label_of_.size() + label);
  }
  uint32_t SyncMove(uint32_t t) const { return sync_row_[t]; }
  InequalityLp& lp() { return *lp_; }

 private:
  size_t places_ = 0, labels_ = 0;
  std::vector<uint32_t> label_of_;  // label index per transition (UINT32_MAX: silent)
  std::vector<uint32_t> sync_row_;  // per visible transition
  std::unique_ptr<InequalityLp> lp_;
};

// One A* search over the synchronous product. State = (marking, position in the trace); markings
// are sorted lists of marked places (a place repeats once per token), kept in one pool.
class Search {
 public:
  Search(const NetIndex& index, const AlignmentOptions& options)
      : index_(index),
        heuristic_(options.heuristic),
        marking_equation_after_(options.marking_equation_after),
        split_up_to_(options.split_up_to),
        split_after_(options.split_after) {}

  // Gives up (unfinished) past max_states states or, when deadline is set, past the deadline.
  // With the plain marking equation first; a short trace that needs more than split_after_
  // visits starts over with the split one (AlignmentOptions::split_after).
  TraceAlignment Run(std::span<const StringId> trace, size_t max_states,
                     std::optional<std::chrono::steady_clock::time_point> deadline = std::nullopt) {
    const bool may_split = heuristic_ == AlignmentHeuristic::kMarkingEquation && split_up_to_ > 0 &&
                           trace.size() <= split_up_to_;
    if (!may_split) return RunWith(trace, max_states, deadline, false, SIZE_MAX);
    TraceAlignment first;
    if (split_after_ > 0) {
      // A long trace's split LPs cost more, so it tries the plain one for longer.
      const size_t limit = split_after_ * std::max<size_t>(1, (trace.size() + 31) / 32);
      first = RunWith(trace, max_states, deadline, false, limit);
      if (first.finished || first.visited_states < limit) return first;  // done, or out of states or time
    }
    TraceAlignment second = RunWith(trace, max_states, deadline, true, SIZE_MAX);
    second.visited_states += first.visited_states;
    second.queued_states += first.queued_states;
    second.lp_solves += first.lp_solves;
    return second;
  }

 private:
  TraceAlignment RunWith(std::span<const StringId> trace, size_t max_states,
                         std::optional<std::chrono::steady_clock::time_point> deadline, bool split,
                         size_t visit_limit) {
    Reset();
    trace_ = trace;
    candidates_.assign(trace.size(), nullptr);
    // Distinct labels of the trace and, per label, how many events from each position on carry it.
    trace_labels_.clear();
    std::unordered_map<StringId, uint32_t> distinct;
    for (StringId a : trace) {
      if (distinct.emplace(a, static_cast<uint32_t>(trace_labels_.size())).second) {
        trace_labels_.push_back(index_.LabelIndex(a));
      }
    }
    const size_t stride = trace.size() + 1;
    // Potentials while events remain: a label is free while it still occurs ahead, so the
    // potential changes only where some label occurs for the last time.
    potential_of_position_.assign(trace.size() + 1, 0);
    potentials_.clear();
    if (potential_cache_.size() > 4096) potential_cache_.clear();  // before this trace points into it
    {
      std::vector<char> ahead(index_.num_labels(), 0);
      for (size_t i = trace.size(); i-- > 0;) {
        uint32_t l = index_.LabelIndex(trace[i]);
        bool changed = potentials_.empty() || (l != UINT32_MAX && ahead[l] == 0);
        if (l != UINT32_MAX) ahead[l] = 1;
        if (changed) potentials_.push_back(CachedPotential(ahead));
        potential_of_position_[i] = static_cast<uint32_t>(potentials_.size() - 1);
      }
    }
    suffix_counts_.assign(trace_labels_.size() * stride, 0);
    for (size_t i = trace.size(); i-- > 0;) {
      candidates_[i] = index_.WithLabel(trace[i]);
      uint32_t d = distinct[trace[i]];
      for (size_t k = 0; k < trace_labels_.size(); ++k) {
        suffix_counts_[k * stride + i] = suffix_counts_[k * stride + i + 1] + (k == d ? 1 : 0);
      }
    }
    unknown_suffix_.assign(stride, 0);
    for (size_t k = 0; k < trace_labels_.size(); ++k) {
      if (trace_labels_[k] != UINT32_MAX) continue;
      for (size_t i = 0; i < stride; ++i) unknown_suffix_[i] += suffix_counts_[k * stride + i];
    }
    solution_start_.assign(1, 0);
    solution_entries_.clear();
    split_start_.assign(1, 0);
    split_entries_.clear();
    split_.reset();
    if (split) {
      if (!lp_net_) lp_net_ = std::make_unique<align::LpNet>(MakeLpNet());
      std::vector<uint32_t> labels;
      for (StringId a : trace) labels.push_back(index_.LabelIndex(a));
      split_ = std::make_unique<align::SplitMarkingEquation>(*lp_net_, std::move(labels));
    }
    scratch_.assign(1, index_.net().source);
    TraceAlignment out;
    if (!Admit(scratch_, 0, HashOf(scratch_, 0), 0, UINT32_MAX, MoveKind::kSync, kNoTransition, Hint{})) return out;
    const uint32_t sink = index_.net().sink;
    while (!open_.empty()) {
      std::pop_heap(open_.begin(), open_.end());
      const Entry e = open_.back();
      open_.pop_back();
      State s = states_[e.state];
      if (e.costly) {
        // Unless a cheaper path has reached the state since (it was then expanded again).
        if (s.closed && e.g == s.g) Expand(e.state, true);
        continue;
      }
      if (s.closed || e.g != s.g || e.f != s.g + s.h) continue;
      const uint32_t* tokens = &pool_[s.offset];
      const bool final = s.position == trace.size() && s.size == 1 && tokens[0] == sink;
      // A state whose bound is a cheap estimate solves its LP before it is expanded, and goes
      // back into the queue when its bound rose (van Dongen, BPM 2018, section 4).
      if (!final && s.bound == Bound::kCheap && UseMarkingEquation()) {
        std::optional<int64_t> bound = SolveMarkingEquation(e.state);
        ++out.lp_solves;
        State& st = states_[e.state];
        if (bound && *bound > st.lp) st.lp = *bound;
        if (st.lp > st.h) {
          st.h = st.lp;
          Push(e.state);
          continue;
        }
      }
      states_[e.state].closed = true;
      ++out.visited_states;
      if (final) {
        out.finished = true;
        out.cost = s.g;
        out.moves = Path(e.state);
        break;
      }
      if (states_.size() > max_states || out.visited_states >= visit_limit) break;
      if (deadline && (out.visited_states & 1023) == 0 && std::chrono::steady_clock::now() > *deadline) break;
      Expand(e.state);
    }
    out.queued_states = states_.size();
    return out;
  }

 private:
  // How a state's marking-equation bound (State::lp) was found: kCheap, a lower bound taken from
  // a parent; kDerived, exact: the parent's bound less the move's cost where the parent's LP
  // solution had the move at least once (its solution is the parent's less that move); kSolved,
  // by the LP (with its solution in solution_entries_ when the solve reached the optimum).
  enum class Bound : uint8_t { kCheap, kDerived, kSolved };
  struct State {
    uint32_t offset = 0, size = 0;  // tokens in pool_
    uint32_t position = 0;
    uint32_t parent = UINT32_MAX;
    uint32_t transition = kNoTransition;
    MoveKind kind = MoveKind::kSync;
    bool closed = false;
    Bound bound = Bound::kCheap;
    uint32_t lp_parent = UINT32_MAX;  // kDerived: the state whose solution this one's derives from
    uint32_t lp_move = UINT32_MAX;    // kDerived: the LP row of the move from lp_parent (or none)
    uint32_t solution = UINT32_MAX;   // kSolved: index into solution_start_
    int64_t g = 0, h = 0;
    int64_t lp = 0;  // marking-equation lower bound (0 until known); h >= lp
  };
  // What a move tells its target about the marking-equation bound.
  struct Hint {
    int64_t lp = 0;
    bool exact = false;
    uint32_t from = UINT32_MAX, move = UINT32_MAX;
  };
  struct Entry {
    int64_t f, g;
    uint32_t position, state;
    bool exact;  // the state's marking-equation bound was exact when queued
    bool costly = false;  // the state's costly moves, deferred (Expand)
    // Least f first; among equal f the one with an exact bound (its f is not going to rise; as
    // PM4Py's state-equation A* trusts such states first), then the state deeper in the trace,
    // then the newer one.
    bool operator<(const Entry& o) const {
      if (f != o.f) return f > o.f;
      if (exact != o.exact) return o.exact;
      if (position != o.position) return position < o.position;
      return state < o.state;
    }
  };
  void Push(uint32_t id) {
    const State& s = states_[id];
    open_.push_back({s.g + s.h, s.g, s.position, id, s.bound != Bound::kCheap});
    std::push_heap(open_.begin(), open_.end());
  }

  void Reset() {
    states_.clear();
    pool_.clear();
    // Every search starts from a small table (so a short search after a long one does not clear
    // the long one's table) that grows in the storage kept from earlier searches: the memory of
    // the largest search so far is reused, not given back and faulted in again.
    table_.assign(1u << 12, 0);
    open_.clear();
  }

  static uint64_t HashOf(std::span<const uint32_t> tokens, uint32_t position) {
    return HashOf(HashBytes(tokens.data(), tokens.size() * sizeof(uint32_t)), position);
  }
  static uint64_t HashOf(uint64_t tokens_hash, uint32_t position) {
    return tokens_hash ^ (uint64_t{position} * 0x9E3779B97F4A7C15ull);
  }

  // Lower bound of the cost still to pay from (tokens, position); kUnreachable for a dead state.
  int64_t Heuristic(std::span<const uint32_t> tokens, uint32_t position) const {
    const uint32_t sink = index_.net().sink;
    const bool at_end = position == trace_.size();
    int64_t to_end = 0;
    double potential = 0;
    for (uint32_t p : tokens) {
      potential += at_end ? index_.AtEnd(p) : (*potentials_[potential_of_position_[position]])[p];
      if (p == sink) continue;
      int64_t d = index_.Distance(p, sink);
      if (d >= kUnreachable) return kUnreachable;
      to_end = std::max(to_end, d);
    }
    if (heuristic_ == AlignmentHeuristic::kNone) return 0;
    // Costs are integers, so the fractional bound rounds up (less a margin for float error).
    int64_t model_side = static_cast<int64_t>(std::ceil(potential - 1e-6));
    if (at_end) return std::max(to_end, model_side);
    const AlignmentCosts& c = index_.costs();
    int64_t next = c.log_move;
    if (const std::vector<uint32_t>* ts = candidates_[position]) {
      for (uint32_t t : *ts) {
        int64_t worst = 0;
        for (uint32_t r : index_.inputs(t)) {
          int64_t nearest = kUnreachable;
          for (uint32_t p : tokens) nearest = std::min(nearest, index_.Distance(p, r));
          worst = std::max(worst, nearest);
          if (worst >= next) break;
        }
        next = std::min(next, worst);
        if (next == 0) break;
      }
    }
    // Events whose label no marked place can lead to are log moves whatever comes next.
    reach_.assign(index_.reach_words(), 0);
    for (size_t k = 0; k < tokens.size(); ++k) {
      if (k > 0 && tokens[k] == tokens[k - 1]) continue;
      const uint64_t* bits = index_.Reach(tokens[k]);
      for (size_t w = 0; w < reach_.size(); ++w) reach_[w] |= bits[w];
    }
    const size_t stride = trace_.size() + 1;
    int64_t lost_next = 0, lost_now = 0;
    for (size_t k = 0; k < trace_labels_.size(); ++k) {
      uint32_t l = trace_labels_[k];
      if (l != UINT32_MAX && (reach_[l / 64] >> (l % 64) & 1) != 0) continue;
      lost_now += suffix_counts_[k * stride + position];
      lost_next += suffix_counts_[k * stride + position + 1];
    }
    return std::max(next + lost_next * c.log_move, model_side + lost_now * c.log_move);
  }

  // Adds or improves the state (tokens, position) reached with cost g; false when it is dead.
  // hash: HashOf(tokens, position).
  bool Admit(std::span<const uint32_t> tokens, uint32_t position, uint64_t hash, int64_t g, uint32_t parent,
             MoveKind kind, uint32_t transition, const Hint& hint) {
    const uint32_t tag = static_cast<uint32_t>(hash >> 32);
    size_t mask = table_.size() - 1;
    size_t slot = tag & mask;
    for (; table_[slot] != 0; slot = (slot + 1) & mask) {
      // The tag spares a visit to a state that cannot match (most probes miss the cache there).
      if (static_cast<uint32_t>(table_[slot] >> 32) != tag) continue;
      const uint32_t found = static_cast<uint32_t>(table_[slot]) - 1;
      State& s = states_[found];
      if (s.position == position && s.size == tokens.size() &&
          std::equal(tokens.begin(), tokens.end(), pool_.begin() + s.offset)) {
        const bool raised = Improve(s, hint);
        if (g >= s.g) {
          // A higher h for a queued state needs a queue entry with the new f (the old one is then stale).
          if (raised && !s.closed) Push(found);
          return true;
        }
        s.g = g;
        s.parent = parent;
        s.kind = kind;
        s.transition = transition;
        s.closed = false;
        Push(found);
        return true;
      }
    }
    int64_t h = Heuristic(tokens, position);
    if (h >= kUnreachable) return false;
    State s;
    s.offset = static_cast<uint32_t>(pool_.size());
    s.size = static_cast<uint32_t>(tokens.size());
    s.position = position;
    s.parent = parent;
    s.kind = kind;
    s.transition = transition;
    s.g = g;
    s.h = h;
    Improve(s, hint);
    pool_.insert(pool_.end(), tokens.begin(), tokens.end());
    uint32_t id = static_cast<uint32_t>(states_.size());
    states_.push_back(s);
    table_[slot] = (uint64_t{tag} << 32) | (id + 1);
    Push(id);
    if (states_.size() * 2 > table_.size()) Rehash();
    return true;
  }

  // The slot is the tag's low bits, so growing needs no hashing.
  void Rehash() {
    spare_table_.assign(table_.size() * 2, 0);
    size_t mask = spare_table_.size() - 1;
    for (uint64_t entry : table_) {
      if (entry == 0) continue;
      size_t slot = (entry >> 32) & mask;
      while (spare_table_[slot] != 0) slot = (slot + 1) & mask;
      spare_table_[slot] = entry;
    }
    table_.swap(spare_table_);
  }

  // tokens minus the inputs of t plus its outputs, into scratch_; false when t is not enabled.
  bool Fire(const uint32_t* tokens, uint32_t size, uint32_t t) {
    const std::vector<uint32_t>& in = index_.inputs(t);
    const std::vector<uint32_t>& out = index_.outputs(t);
    rest_.clear();
    size_t k = 0;
    for (uint32_t i = 0; i < size; ++i) {
      if (k < in.size() && tokens[i] == in[k]) {
        ++k;
      } else {
        if (k < in.size() && tokens[i] > in[k]) return false;
        rest_.push_back(tokens[i]);
      }
    }
    if (k != in.size()) return false;
    scratch_.clear();
    std::merge(rest_.begin(), rest_.end(), out.begin(), out.end(), std::back_inserter(scratch_));
    return true;
  }

  // A successor found by Expand, admitted once all are known: their table slots are fetched
  // from memory meanwhile (the table outgrows the caches, and a probe was most of a state's cost).
  struct Successor {
    uint32_t begin, size;  // tokens in succ_tokens_
    uint32_t position;
    uint64_t hash;
    int64_t g;
    MoveKind kind;
    uint32_t transition;
    Hint hint;
  };

  // A state's successors come in two parts. Its cheap moves (sync moves, silent model moves) are
  // made when it is expanded; its costly ones (log moves, visible model moves) only when the
  // search reaches f = g + the cheaper of those two costs, through a deferred queue entry, which
  // bounds their f from below. A search that ends below that (every fitting trace, with the
  // standard costs) never creates them: about half the states it used to queue.
  void Expand(uint32_t id, bool costly = false) {
    const State s = states_[id];
    const AlignmentCosts& c = index_.costs();
    const bool events_left = s.position < trace_.size();
    const bool have_x = s.bound != Bound::kCheap && LoadSolution(id);
    // The successor's bound: the parent's less the move's cost (never more than the successor's
    // own, as the parent's LP may take that move first), exact when the parent's solution has it.
    auto hint = [&](uint32_t move, int64_t cost) {
      Hint h;
      h.lp = std::max<int64_t>(0, s.lp - cost);
      if (have_x && (move == UINT32_MAX || x_[move] >= 1.0 - 1e-6)) {
        h.exact = true;
        h.from = id;
        h.move = move;
      }
      return h;
    };
    succ_.clear();
    succ_tokens_.clear();
    const uint32_t* tokens = &pool_[s.offset];
    auto add = [&](uint32_t begin, uint64_t tokens_hash, uint32_t position, int64_t g, MoveKind kind,
                   uint32_t transition, const Hint& h) {
      const uint64_t hash = HashOf(tokens_hash, position);
      __builtin_prefetch(&table_[(hash >> 32) & (table_.size() - 1)]);
      succ_.push_back({begin, static_cast<uint32_t>(succ_tokens_.size()) - begin, position, hash, g, kind, transition, h});
    };
    // A forced silent transition enabled here (NetIndex::forced) is the state's only successor:
    // some optimal completion starts with it, so the interleavings of such moves with the rest
    // (a + block's split and join, for one) are not searched. The choice depends on the state
    // alone, so it is sound with states merged by marking. Not under kNone, the plain search
    // that tests compare with.
    if (heuristic_ != AlignmentHeuristic::kNone && !costly) {
      for (uint32_t i = 0; i < s.size; ++i) {
        const uint32_t p = tokens[i];
        if (i > 0 && tokens[i - 1] == p) continue;
        const std::vector<uint32_t>& takers = index_.consumers(p);
        if (takers.size() != 1 || !index_.forced(takers[0]) || !Fire(tokens, s.size, takers[0])) continue;
        const uint32_t t = takers[0];
        succ_tokens_.assign(scratch_.begin(), scratch_.end());
        add(0, HashBytes(scratch_.data(), scratch_.size() * sizeof(uint32_t)), s.position, s.g + index_.MoveCost(t),
            MoveKind::kModel, t, hint(ModelMoveCode(t), index_.MoveCost(t)));
        const Successor& n = succ_.back();
        Admit(std::span<const uint32_t>(succ_tokens_.data(), n.size), n.position, n.hash, n.g, id, n.kind,
              n.transition, n.hint);
        return;
      }
    }
    if (events_left && costly) {
      succ_tokens_.insert(succ_tokens_.end(), tokens, tokens + s.size);
      uint32_t label = index_.LabelIndex(trace_[s.position]);
      uint32_t move = LogMoveCode(label);
      add(0, HashBytes(tokens, s.size * sizeof(uint32_t)), s.position + 1, s.g + c.log_move, MoveKind::kLog,
          kNoTransition, hint(move, c.log_move));
    }
    // Each transition once, through its smallest input place.
    for (uint32_t i = 0; i < s.size; ++i) {
      uint32_t p = tokens[i];
      if (i > 0 && tokens[i - 1] == p) continue;
      for (uint32_t t : index_.first_consumers(p)) {
        if (!Fire(tokens, s.size, t)) continue;
        const PetriNet::Transition& tr = index_.net().transitions[t];
        const bool sync = events_left && !tr.silent() && tr.label == trace_[s.position];
        if (tr.silent() ? costly : !costly && !sync) continue;
        const auto begin = static_cast<uint32_t>(succ_tokens_.size());
        succ_tokens_.insert(succ_tokens_.end(), scratch_.begin(), scratch_.end());
        const uint64_t tokens_hash = HashBytes(scratch_.data(), scratch_.size() * sizeof(uint32_t));
        if (sync && !costly) {
          add(begin, tokens_hash, s.position + 1, s.g + c.sync_move, MoveKind::kSync, t,
              hint(SyncMoveCode(t), c.sync_move));
        }
        if (tr.silent() == !costly) {
          add(begin, tokens_hash, s.position, s.g + index_.MoveCost(t), MoveKind::kModel, t,
              hint(ModelMoveCode(t), index_.MoveCost(t)));
        }
      }
    }
    for (const Successor& n : succ_) {
      Admit(std::span<const uint32_t>(succ_tokens_.data() + n.begin, n.size), n.position, n.hash, n.g, id, n.kind,
            n.transition, n.hint);
    }
    if (!costly && heuristic_ == AlignmentHeuristic::kNone) {
      Expand(id, true);  // the plain search that tests compare with makes every move at once
    } else if (!costly) {
      const int64_t least = std::min(c.log_move, c.model_move);
      open_.push_back({s.g + least, s.g, s.position, id, false, true});
      std::push_heap(open_.begin(), open_.end());
    }
  }

  // Raises s's bound by what a move into it tells; true when s.h rose.
  static bool Improve(State& s, const Hint& hint) {
    if (hint.exact && s.bound == Bound::kCheap) {
      s.bound = Bound::kDerived;
      s.lp_parent = hint.from;
      s.lp_move = hint.move;
    }
    s.lp = std::max(s.lp, hint.lp);
    if (s.lp <= s.h) return false;
    s.h = s.lp;
    return true;
  }

  align::LpNet MakeLpNet() const {
    const PetriNet& net = index_.net();
    align::LpNet n;
    n.places = net.places.size();
    n.sink = net.sink;
    n.sync_cost = index_.costs().sync_move;
    n.log_cost = index_.costs().log_move;
    for (uint32_t t = 0; t < net.transitions.size(); ++t) {
      n.inputs.push_back(index_.inputs(t));
      n.outputs.push_back(index_.outputs(t));
      n.model_cost.push_back(index_.MoveCost(t));
      n.label.push_back(net.transitions[t].silent() ? UINT32_MAX : index_.LabelIndex(net.transitions[t].label));
    }
    return n;
  }

  // Where a move's value sits in x_ (LoadSolution): the plain LP's row of the move, or under the
  // split LP model moves at t, sync moves at T + t and the log move at 2T. UINT32_MAX: none (a
  // log move of an event no transition carries, under the plain LP).
  uint32_t ModelMoveCode(uint32_t t) const { return split_ ? t : me_ ? me_->ModelMove(t) : 0; }
  uint32_t SyncMoveCode(uint32_t t) const {
    return split_ ? static_cast<uint32_t>(index_.net().transitions.size()) + t : me_ ? me_->SyncMove(t) : 0;
  }
  uint32_t LogMoveCode(uint32_t label) const {
    if (split_) return static_cast<uint32_t>(2 * index_.net().transitions.size());
    return label == UINT32_MAX || !me_ ? UINT32_MAX : me_->LogMove(label);
  }

  // Whether popped states with a cheap bound solve their LP: past marking_equation_after_ states,
  // with an LP for this net (built on first use; a net too large for the tableau goes without).
  bool UseMarkingEquation() {
    if (heuristic_ != AlignmentHeuristic::kMarkingEquation || states_.size() < marking_equation_after_) return false;
    if (split_) return true;
    if (!me_ && !me_failed_) {
      Result<MarkingEquation> me = MarkingEquation::Build(index_);
      if (me.ok()) {
        me_ = std::make_unique<MarkingEquation>(std::move(me).value());
      } else {
        me_failed_ = true;
      }
    }
    return me_ != nullptr;
  }

  // The marking-equation bound of a state (nullopt when the solve failed: no bound); marks the
  // state kSolved and keeps the LP's solution when the solve reached the optimum.
  std::optional<int64_t> SolveMarkingEquation(uint32_t id) {
    if (split_) return SolveSplit(id);
    State& s = states_[id];
    s.bound = Bound::kSolved;
    const PetriNet& net = index_.net();
    objective_.assign(me_->variables(), 0.0);
    for (uint32_t i = 0; i < s.size; ++i) objective_[pool_[s.offset + i]] -= 1.0;
    objective_[net.sink] += 1.0;
    const size_t stride = trace_.size() + 1;
    for (size_t k = 0; k < trace_labels_.size(); ++k) {
      if (trace_labels_[k] == UINT32_MAX) continue;
      objective_[net.places.size() + trace_labels_[k]] = suffix_counts_[k * stride + s.position];
    }
    InequalityLp& lp = me_->lp();
    InequalityLp::Outcome o = lp.Maximize(objective_, 20000);
    if (o != InequalityLp::Outcome::kOptimal && o != InequalityLp::Outcome::kIterationLimit) return std::nullopt;
    // Costs are integers, so the bound rounds up, less a margin for rounding error (the LP's
    // rows hold within 1e-7 and no alignment has anywhere near 1e4 moves).
    double value = lp.value() - 1e-3;
    if (!(value < 1e15)) return std::nullopt;
    int64_t bound = std::max<int64_t>(0, static_cast<int64_t>(std::ceil(value)));
    bound += static_cast<int64_t>(unknown_suffix_[s.position]) * index_.costs().log_move;
    if (o == InequalityLp::Outcome::kOptimal) {
      const std::vector<double>& x = lp.multipliers();
      for (uint32_t j = 0; j < x.size(); ++j) {
        if (x[j] > 1e-9) solution_entries_.emplace_back(j, static_cast<float>(x[j]));
      }
      s.solution = static_cast<uint32_t>(solution_start_.size() - 1);
      solution_start_.push_back(static_cast<uint32_t>(solution_entries_.size()));
    }
    return bound;
  }

  // The split LP's bound of a state, with its solution kept (as SolveMarkingEquation).
  std::optional<int64_t> SolveSplit(uint32_t id) {
    State& s = states_[id];
    s.bound = Bound::kSolved;
    const std::span<const uint32_t> marking(&pool_[s.offset], s.size);
    std::optional<int64_t> bound = split_->Solve(marking, s.position, &split_scratch_);
    if (!bound) return std::nullopt;
    s.solution = static_cast<uint32_t>(split_start_.size() - 1);
    split_entries_.insert(split_entries_.end(), split_scratch_.begin(), split_scratch_.end());
    split_start_.push_back(static_cast<uint32_t>(split_entries_.size()));
    return bound;
  }

  // The split LP's solution seen from a state derived from a solved one: model moves taken on
  // the way come off the first segment, and each event move taken merges the next segment's
  // model moves into it (the moves after an event may as well come before the next one).
  bool LoadSplitSolution(uint32_t root_id) {
    const State& root = states_[root_id];
    const size_t transitions = index_.net().transitions.size();
    x_.assign(2 * transitions + 1, 0.0);
    uint32_t events = 0;
    for (uint32_t code : chain_) events += code >= transitions;
    for (uint32_t k = split_start_[root.solution]; k < split_start_[root.solution + 1]; ++k) {
      const align::SplitEntry& e = split_entries_[k];
      if (e.kind == align::SplitEntry::kModel && e.segment <= events) x_[e.transition] += e.value;
      if (e.segment == events + 1 && e.kind == align::SplitEntry::kSync) x_[transitions + e.transition] += e.value;
      if (e.segment == events + 1 && e.kind == align::SplitEntry::kLog) x_[2 * transitions] += e.value;
    }
    for (uint32_t code : chain_)
      if (code < transitions) x_[code] -= 1.0;
    return true;
  }

  // The LP solution of an exact state into x_: its own, or the one it derives from less the moves
  // on the way. False when there is none.
  bool LoadSolution(uint32_t id) {
    if (split_) {
      chain_.clear();
      uint32_t at = id;
      while (states_[at].bound == Bound::kDerived) {
        chain_.push_back(states_[at].lp_move);
        at = states_[at].lp_parent;
      }
      if (states_[at].bound != Bound::kSolved || states_[at].solution == UINT32_MAX) return false;
      return LoadSplitSolution(at);
    }
    if (!me_) return false;
    chain_.clear();
    uint32_t at = id;
    while (states_[at].bound == Bound::kDerived) {
      if (states_[at].lp_move != UINT32_MAX) chain_.push_back(states_[at].lp_move);
      at = states_[at].lp_parent;
    }
    const State& root = states_[at];
    if (root.bound != Bound::kSolved || root.solution == UINT32_MAX) return false;
    x_.assign(me_->moves(), 0.0);
    for (uint32_t k = solution_start_[root.solution]; k < solution_start_[root.solution + 1]; ++k) {
      x_[solution_entries_[k].first] = solution_entries_[k].second;
    }
    for (uint32_t move : chain_) x_[move] -= 1.0;
    return true;
  }

  std::vector<AlignmentMove> Path(uint32_t id) const {
    std::vector<AlignmentMove> moves;
    while (states_[id].parent != UINT32_MAX) {
      const State& s = states_[id];
      AlignmentMove m;
      m.kind = s.kind;
      m.transition = s.transition;
      if (s.kind != MoveKind::kModel) m.activity = trace_[s.position - 1];
      moves.push_back(m);
      id = s.parent;
    }
    std::reverse(moves.begin(), moves.end());
    return moves;
  }

  const NetIndex& index_;  // outlives the search
  AlignmentHeuristic heuristic_;
  size_t marking_equation_after_;
  std::unique_ptr<MarkingEquation> me_;  // this search's LP, warm-started from solve to solve
  bool me_failed_ = false;
  // The split LP of the current trace (when it has at most split_up_to events), its solutions
  // ([split_start_[k], split_start_[k + 1]) in split_entries_) and the net as it reads it.
  size_t split_up_to_, split_after_;
  std::unique_ptr<align::LpNet> lp_net_;
  std::unique_ptr<align::SplitMarkingEquation> split_;
  std::vector<align::SplitEntry> split_entries_, split_scratch_;
  std::vector<uint32_t> split_start_;
  std::vector<double> objective_, x_;
  std::vector<uint32_t> chain_;
  std::vector<uint32_t> unknown_suffix_;  // events i.. whose label no transition carries
  std::vector<uint32_t> solution_start_;  // LP solutions: entries [start[k], start[k + 1])
  // Single precision is enough: a solution only decides whether a successor's bound is exact,
  // never the bound itself.
  std::vector<std::pair<uint32_t, float>> solution_entries_;
  std::span<const StringId> trace_;
  std::vector<const std::vector<uint32_t>*> candidates_;  // transitions per event's label
  const std::vector<double>* CachedPotential(const std::vector<char>& free_labels) {
    auto it = potential_cache_.find(free_labels);
    if (it == potential_cache_.end()) {
      it = potential_cache_.emplace(free_labels, index_.PotentialsFor(free_labels)).first;
    }
    return &it->second;
  }

  std::map<std::vector<char>, std::vector<double>> potential_cache_;  // by free labels; node-stable
  std::vector<const std::vector<double>*> potentials_;  // this trace's, from the end backwards
  std::vector<uint32_t> potential_of_position_;         // index into potentials_ per position
  std::vector<uint32_t> trace_labels_;  // label index per distinct activity of the trace
  std::vector<uint32_t> suffix_counts_;  // [k * (n + 1) + i]: events i.. with distinct activity k
  mutable std::vector<uint64_t> reach_;
  std::vector<State> states_;
  std::vector<uint32_t> pool_;
  // Open addressing: (upper 32 bits of the state's hash) << 32 | (state id + 1); 0 = empty.
  std::vector<uint64_t> table_;
  std::vector<uint64_t> spare_table_;  // the storage Rehash grows into
  std::vector<Entry> open_;  // a binary heap (std::push_heap), its storage kept from trace to trace
  std::vector<uint32_t> scratch_, rest_;
  std::vector<Successor> succ_;       // Expand's, before they are admitted
  std::vector<uint32_t> succ_tokens_;  // their markings
};

int64_t FitnessUnit(const AlignmentCosts& c) { return std::max<int64_t>(1, std::min(c.log_move, c.model_move)); }

void Score(TraceAlignment& a, size_t events, int64_t model_cost, const AlignmentCosts& c) {
  a.worst_cost = static_cast<int64_t>(events) * c.log_move + model_cost;
  int64_t unit = FitnessUnit(c);
  int64_t denominator = a.worst_cost / unit;
  a.fitness = denominator > 0 ? 1.0 - static_cast<double>(a.cost / unit) / static_cast<double>(denominator) : 0.0;
}

Result<int64_t> ModelCost(Search& search, size_t max_states) {
  TraceAlignment empty = search.Run({}, max_states);
  if (!empty.finished) return InvalidArgument("the net has no run from its source to its sink");
  return empty.cost;
}

}  // namespace

Result<TraceAlignment> AlignTrace(const PetriNet& net, std::span<const StringId> trace, const AlignmentOptions& options) {
  ASSIGN_OR_RETURN(NetIndex index, NetIndex::Build(net, options.costs));
  Search search(index, options);
  ASSIGN_OR_RETURN(int64_t model_cost, ModelCost(search, options.max_states));
  TraceAlignment a = search.Run(trace, options.max_states);
  if (a.finished) Score(a, trace.size(), model_cost, options.costs);
  return a;
}

Result<AlignmentResult> AlignVariants(const PetriNet& net, const Variants& variants, const AlignmentOptions& options) {
  ASSIGN_OR_RETURN(NetIndex index, NetIndex::Build(net, options.costs));
  Search search(index, options);
  AlignmentResult r;
  ASSIGN_OR_RETURN(r.model_cost, ModelCost(search, options.max_states));
  r.variants.resize(variants.variants.size());
  // Variants are independent searches: workers take the next one from a shared counter, each
  // with its own search state, and write only their own slots.
  std::atomic<size_t> next{0};
  std::optional<std::chrono::steady_clock::time_point> deadline;
  if (options.time_budget_s > 0) {
    deadline = std::chrono::steady_clock::now() +
               std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                   std::chrono::duration<double>(options.time_budget_s));
  }
  // Most cases first and, among variants with as many cases, the shortest first (a long trace
  // costs more to align): a time budget then covers as many cases as it can.
  std::vector<uint32_t> order(variants.variants.size());
  for (uint32_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
    const Variant &x = variants.variants[a], &y = variants.variants[b];
    return x.cases != y.cases ? x.cases > y.cases : x.activities.size() < y.activities.size();
  });
  auto work = [&](Search& own) {
    for (size_t k = next.fetch_add(1); k < order.size(); k = next.fetch_add(1)) {
      if (deadline && std::chrono::steady_clock::now() > *deadline) continue;  // left unfinished
      const size_t i = order[k];
      r.variants[i] = own.Run(variants.variants[i].activities, options.max_states, deadline);
    }
  };
  size_t threads = std::max<size_t>(1, std::min<size_t>(options.threads, variants.variants.size() / 8 + 1));
  std::vector<std::thread> helpers;
  std::vector<std::unique_ptr<Search>> searches;
  for (size_t k = 1; k < threads; ++k) {
    searches.push_back(std::make_unique<Search>(index, options));
    helpers.emplace_back(work, std::ref(*searches.back()));
  }
  work(search);
  for (std::thread& t : helpers) t.join();
  int64_t total_cost = 0, total_worst = 0;
  double fitness_sum = 0;
  for (size_t i = 0; i < variants.variants.size(); ++i) {
    const Variant& v = variants.variants[i];
    TraceAlignment& a = r.variants[i];
    r.cases += v.cases;
    if (a.finished) {
      Score(a, v.activities.size(), r.model_cost, options.costs);
      r.aligned_cases += v.cases;
      total_cost += a.cost * static_cast<int64_t>(v.cases);
      total_worst += a.worst_cost * static_cast<int64_t>(v.cases);
      fitness_sum += a.fitness * static_cast<double>(v.cases);
      if (a.fitness == 1.0) r.fit_cases += v.cases;
    } else {
      ++r.unfinished_variants;
    }
  }
  if (r.aligned_cases > 0) {
    r.log_fitness = total_worst > 0 ? 1.0 - static_cast<double>(total_cost) / static_cast<double>(total_worst) : 0.0;
    r.average_trace_fitness = fitness_sum / static_cast<double>(r.aligned_cases);
    r.perc_fit_traces = 100.0 * static_cast<double>(r.fit_cases) / static_cast<double>(r.aligned_cases);
  }
  return r;
}

}  // namespace ordo::mining
