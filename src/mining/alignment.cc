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
    return x;
  }

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
  std::unordered_map<StringId, uint32_t> label_index_;
  size_t reach_words_ = 1;
  std::vector<uint64_t> reach_;
};

// One A* search over the synchronous product. State = (marking, position in the trace); markings
// are sorted lists of marked places (a place repeats once per token), kept in one pool.
class Search {
 public:
  Search(const NetIndex& index, AlignmentHeuristic heuristic) : index_(index), heuristic_(heuristic) {}

  // Gives up (unfinished) past max_states states or, when deadline is set, past the deadline.
  TraceAlignment Run(std::span<const StringId> trace, size_t max_states,
                     std::optional<std::chrono::steady_clock::time_point> deadline = std::nullopt) {
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
    scratch_.assign(1, index_.net().source);
    TraceAlignment out;
    if (!Admit(scratch_, 0, 0, UINT32_MAX, MoveKind::kSync, kNoTransition)) return out;
    const uint32_t sink = index_.net().sink;
    while (!open_.empty()) {
      Entry e = open_.top();
      open_.pop();
      State s = states_[e.state];
      if (s.closed || e.g != s.g) continue;
      states_[e.state].closed = true;
      ++out.visited_states;
      const uint32_t* tokens = &pool_[s.offset];
      if (s.position == trace.size() && s.size == 1 && tokens[0] == sink) {
        out.finished = true;
        out.cost = s.g;
        out.moves = Path(e.state);
        break;
      }
      if (states_.size() > max_states) break;
      if (deadline && (out.visited_states & 1023) == 0 && std::chrono::steady_clock::now() > *deadline) break;
      Expand(e.state);
    }
    out.queued_states = states_.size();
    return out;
  }

 private:
  struct State {
    uint32_t offset = 0, size = 0;  // tokens in pool_
    uint32_t position = 0;
    uint32_t parent = UINT32_MAX;
    uint32_t transition = kNoTransition;
    MoveKind kind = MoveKind::kSync;
    bool closed = false;
    int64_t g = 0, h = 0;
  };
  struct Entry {
    int64_t f, g;
    uint32_t position, state;
    // Least f first; among equal f the state deeper in the trace, then the newer one.
    bool operator<(const Entry& o) const {
      if (f != o.f) return f > o.f;
      if (position != o.position) return position < o.position;
      return state < o.state;
    }
  };

  void Reset() {
    states_.clear();
    pool_.clear();
    // A table grown by one long search is not cleared slot by slot for every short one after it.
    if (table_.size() > (1u << 14) || table_.empty()) table_.assign(1u << 12, 0u);
    else std::fill(table_.begin(), table_.end(), 0u);
    open_ = {};
  }

  static uint64_t HashOf(const std::vector<uint32_t>& tokens, uint32_t position) {
    return HashBytes(tokens.data(), tokens.size() * sizeof(uint32_t)) ^ (uint64_t{position} * 0x9E3779B97F4A7C15ull);
  }

  // Lower bound of the cost still to pay from (tokens, position); kUnreachable for a dead state.
  int64_t Heuristic(const std::vector<uint32_t>& tokens, uint32_t position) const {
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
  bool Admit(const std::vector<uint32_t>& tokens, uint32_t position, int64_t g, uint32_t parent, MoveKind kind,
             uint32_t transition) {
    uint64_t hash = HashOf(tokens, position);
    size_t mask = table_.size() - 1;
    size_t slot = hash & mask;
    while (table_[slot] != 0) {
      State& s = states_[table_[slot] - 1];
      if (s.position == position && s.size == tokens.size() &&
          std::equal(tokens.begin(), tokens.end(), pool_.begin() + s.offset)) {
        if (g >= s.g) return true;
        s.g = g;
        s.parent = parent;
        s.kind = kind;
        s.transition = transition;
        s.closed = false;
        open_.push({g + s.h, g, position, table_[slot] - 1});
        return true;
      }
      slot = (slot + 1) & mask;
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
    pool_.insert(pool_.end(), tokens.begin(), tokens.end());
    uint32_t id = static_cast<uint32_t>(states_.size());
    states_.push_back(s);
    table_[slot] = id + 1;
    open_.push({g + h, g, position, id});
    if (states_.size() * 2 > table_.size()) Rehash();
    return true;
  }

  void Rehash() {
    std::vector<uint32_t> bigger(table_.size() * 2, 0u);
    size_t mask = bigger.size() - 1;
    std::vector<uint32_t> tokens;
    for (uint32_t id = 0; id < states_.size(); ++id) {
      const State& s = states_[id];
      tokens.assign(pool_.begin() + s.offset, pool_.begin() + s.offset + s.size);
      size_t slot = HashOf(tokens, s.position) & mask;
      while (bigger[slot] != 0) slot = (slot + 1) & mask;
      bigger[slot] = id + 1;
    }
    table_ = std::move(bigger);
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

  void Expand(uint32_t id) {
    const State s = states_[id];
    const AlignmentCosts& c = index_.costs();
    const bool events_left = s.position < trace_.size();
    if (events_left) {
      scratch_.assign(pool_.begin() + s.offset, pool_.begin() + s.offset + s.size);
      Admit(scratch_, s.position + 1, s.g + c.log_move, id, MoveKind::kLog, kNoTransition);
    }
    // Each transition once, through its smallest input place.
    for (uint32_t i = 0; i < s.size; ++i) {
      uint32_t p = pool_[s.offset + i];
      if (i > 0 && pool_[s.offset + i - 1] == p) continue;
      for (uint32_t t : index_.first_consumers(p)) {
        // pool_ may move while states are admitted, so the tokens are re-read for every firing.
        if (!Fire(&pool_[s.offset], s.size, t)) continue;
        fired_ = scratch_;
        const PetriNet::Transition& tr = index_.net().transitions[t];
        if (events_left && !tr.silent() && tr.label == trace_[s.position]) {
          Admit(fired_, s.position + 1, s.g + c.sync_move, id, MoveKind::kSync, t);
        }
        Admit(fired_, s.position, s.g + index_.MoveCost(t), id, MoveKind::kModel, t);
      }
    }
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
  std::vector<uint32_t> table_;  // open addressing: state id + 1, 0 = empty
  std::priority_queue<Entry> open_;
  std::vector<uint32_t> scratch_, rest_, fired_;
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
  Search search(index, options.heuristic);
  ASSIGN_OR_RETURN(int64_t model_cost, ModelCost(search, options.max_states));
  TraceAlignment a = search.Run(trace, options.max_states);
  if (a.finished) Score(a, trace.size(), model_cost, options.costs);
  return a;
}

Result<AlignmentResult> AlignVariants(const PetriNet& net, const Variants& variants, const AlignmentOptions& options) {
  ASSIGN_OR_RETURN(NetIndex index, NetIndex::Build(net, options.costs));
  Search search(index, options.heuristic);
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
  auto work = [&](Search& own) {
    for (size_t i = next.fetch_add(1); i < variants.variants.size(); i = next.fetch_add(1)) {
      if (deadline && std::chrono::steady_clock::now() > *deadline) continue;  // left unfinished
      r.variants[i] = own.Run(variants.variants[i].activities, options.max_states, deadline);
    }
  };
  size_t threads = std::max<size_t>(1, std::min<size_t>(options.threads, variants.variants.size() / 8 + 1));
  std::vector<std::thread> helpers;
  std::vector<std::unique_ptr<Search>> searches;
  for (size_t k = 1; k < threads; ++k) {
    searches.push_back(std::make_unique<Search>(index, options.heuristic));
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
