#include "mining/token_replay.h"

#include <algorithm>
#include <map>
#include <numeric>
#include <unordered_map>
#include <unordered_set>

namespace ordo::mining {
namespace {

constexpr int kMaxPathDepth = 50;      // PM4Py's MAX_REC_DEPTH for the silent shortest paths
constexpr int kMaxHiddenDepth = 2;     // MAX_REC_DEPTH_HIDTRANSENABL
constexpr int kFinalIterations = 5;    // MAX_IT_FINAL1 and MAX_IT_FINAL2

// Token counts per place, and the places holding tokens in the order they got them (a Python
// dict's order, which one of PM4Py's tie-breaks follows).
struct Marking {
  std::vector<int32_t> tokens;
  std::vector<uint32_t> order;
  void Add(uint32_t p, int32_t n) {
    if (tokens[p] == 0) order.push_back(p);
    tokens[p] += n;
  }
  void Take(uint32_t p) {
    if (--tokens[p] == 0) order.erase(std::find(order.begin(), order.end(), p));
  }
};

class Replayer {
 public:
  explicit Replayer(const PetriNet& net) : net_(net), p_(net.places.size()) {
    std::vector<uint32_t> by_name(p_);
    std::iota(by_name.begin(), by_name.end(), 0u);
    std::sort(by_name.begin(), by_name.end(), [&](uint32_t a, uint32_t b) { return net.places[a] < net.places[b]; });
    name_rank_.resize(p_);
    for (uint32_t i = 0; i < p_; ++i) name_rank_[by_name[i]] = i;
    silent_out_.resize(p_);
    takes_from_.resize(p_);
    scratch_.assign(p_, 0);
    for (uint32_t t = 0; t < net.transitions.size(); ++t) {
      if (net.transitions[t].inputs.empty()) no_input_.push_back(t);
      for (uint32_t p : net.transitions[t].inputs) takes_from_[p].push_back(t);
      if (!net.transitions[t].silent()) continue;
      for (uint32_t p : net.transitions[t].inputs) silent_out_[p].push_back(t);
    }
    has_path_.assign(p_ * p_, false);
    paths_.resize(p_ * p_);
    for (uint32_t p = 0; p < p_; ++p) {
      std::vector<uint32_t> path;
      ShortestPaths(p, p, path, 0);
    }
    // Sorted by transition name, the last transition of a label wins (PM4Py's trans_map).
    std::vector<uint32_t> by_tname(net.transitions.size());
    std::iota(by_tname.begin(), by_tname.end(), 0u);
    std::sort(by_tname.begin(), by_tname.end(),
              [&](uint32_t a, uint32_t b) { return net.transitions[a].name < net.transitions[b].name; });
    for (uint32_t t : by_tname)
      if (!net.transitions[t].silent()) by_label_[net.transitions[t].label] = t;
  }

  struct State {
    Marking marking;
    TraceReplay counts;
  };

  State Initial() const {
    State s{Marking{std::vector<int32_t>(p_, 0), {}}, {}};
    s.marking.Add(net_.source, 1);
    s.counts.produced = 1;
    return s;
  }

  // Replays one event.
  void Step(State& s, StringId activity) {
    auto it = by_label_.find(activity);
    if (it == by_label_.end()) return;
    Marking& m = s.marking;
    TraceReplay& r = s.counts;
    const uint32_t t = it->second;
    if (!Enabled(t, m)) {
      visited_.assign(net_.transitions.size(), false);
      fired_.clear();
      ApplyHidden(t, m, fired_, 0, visited_);
      for (uint32_t h : fired_) Count(h, r);
    }
    if (!Enabled(t, m)) {
      for (uint32_t p : net_.transitions[t].inputs) {
        if (m.tokens[p] < 1) r.missing += 1, m.Add(p, 1);
      }
    }
    Count(t, r);
    Fire(t, m);
  }

  // Labels of the visible transitions enabled in m or in a marking reachable from m through
  // silent transitions only (PM4Py's get_visible_transitions_eventually_enabled_by_marking), by
  // the chosen closure; cached per marking.
  std::vector<StringId> EventuallyEnabled(const Marking& m, SilentClosure closure) {
    SparseMarking start;
    for (uint32_t p = 0; p < p_; ++p)
      if (m.tokens[p] != 0) start.push_back(Pack(p, m.tokens[p]));
    auto cached = enabled_cache_.find(start);
    if (cached != enabled_cache_.end()) return cached->second;
    std::vector<StringId> labels = closure == SilentClosure::kExact ? ExactClosure(start) : Pm4pyClosure(start);
    std::sort(labels.begin(), labels.end());
    labels.erase(std::unique(labels.begin(), labels.end()), labels.end());
    enabled_cache_.emplace(std::move(start), labels);
    return labels;
  }

  // Ends the trace: the final marking, remaining tokens, fitness.  // Ends the trace: the final marking, remaining tokens, fitness.
  TraceReplay Finish(State s) {
    Marking& m = s.marking;
    TraceReplay r = s.counts;
    ReachFinal(m, r);
    const bool sink_missing = m.tokens[net_.sink] == 0;
    for (uint32_t p : m.order) r.remaining += p == net_.sink ? std::max(0, m.tokens[p] - 1) : m.tokens[p];
    r.fit = r.missing == 0 && r.remaining == 0;
    r.consumed += 1;
    if (sink_missing) r.missing += 1;
    r.fitness = r.consumed > 0 && r.produced > 0
                    ? 0.5 * (1.0 - static_cast<double>(r.missing) / static_cast<double>(r.consumed)) +
                          0.5 * (1.0 - static_cast<double>(r.remaining) / static_cast<double>(r.produced))
                    : 1.0;
    return r;
  }

 private:
  // PM4Py's get_places_shortest_path: depth-first, a path kept when shorter than the known one.
  void ShortestPaths(uint32_t from, uint32_t at, std::vector<uint32_t>& path, int depth) {
    if (depth > kMaxPathDepth) return;
    for (uint32_t t : silent_out_[at]) {
      for (uint32_t q : net_.transitions[t].outputs) {
        size_t k = static_cast<size_t>(from) * p_ + q;
        if (has_path_[k] && path.size() + 1 >= paths_[k].size()) continue;
        path.push_back(t);
        has_path_[k] = true;
        paths_[k] = path;
        ShortestPaths(from, q, path, depth + 1);
        path.pop_back();
      }
    }
  }

  bool Enabled(uint32_t t, const Marking& m) const {
    for (uint32_t p : net_.transitions[t].inputs)
      if (m.tokens[p] < 1) return false;
    return true;
  }
  void Fire(uint32_t t, Marking& m) const {
    for (uint32_t p : net_.transitions[t].inputs) m.Take(p);
    for (uint32_t p : net_.transitions[t].outputs) m.Add(p, 1);
  }
  void Count(uint32_t t, TraceReplay& r) const {
    r.consumed += net_.transitions[t].inputs.size();
    r.produced += net_.transitions[t].outputs.size();
  }

  // Silent paths from the marked places (by name) to the targets (by name), shortest first.
  std::vector<const std::vector<uint32_t>*> Paths(const Marking& m, const std::vector<uint32_t>& targets) const {
    std::vector<uint32_t> marked = m.order;
    std::sort(marked.begin(), marked.end(), [&](uint32_t a, uint32_t b) { return name_rank_[a] < name_rank_[b]; });
    std::vector<const std::vector<uint32_t>*> out;
    for (uint32_t p1 : marked)
      for (uint32_t p2 : targets) {
        size_t k = static_cast<size_t>(p1) * p_ + p2;
        if (has_path_[k]) out.push_back(&paths_[k]);
      }
    std::stable_sort(out.begin(), out.end(), [](auto* a, auto* b) { return a->size() < b->size(); });
    return out;
  }

  // PM4Py's apply_hidden_trans with enable_hidden_transitions.
  void ApplyHidden(uint32_t t, Marking& m, std::vector<uint32_t>& fired, int depth, std::vector<bool>& visited) {
    if (depth >= kMaxHiddenDepth || visited[t]) return;
    visited[t] = true;
    std::vector<uint32_t> lacking;
    for (uint32_t p : net_.transitions[t].inputs)
      if (m.tokens[p] < 1 && std::find(lacking.begin(), lacking.end(), p) == lacking.end()) lacking.push_back(p);
    std::sort(lacking.begin(), lacking.end(), [&](uint32_t a, uint32_t b) { return name_rank_[a] < name_rank_[b]; });
    auto paths = Paths(m, lacking);
    if (paths.empty()) return;
    std::vector<size_t> next(paths.size(), 0);
    for (size_t z = 0;; ++z) {
      const size_t i = z % paths.size();
      bool changed = false;
      const std::vector<uint32_t>& path = *paths[i];
      while (next[i] < path.size()) {
        uint32_t h = path[next[i]];
        if (h != t && Enabled(h, m) && !visited[h]) {
          Fire(h, m);
          fired.push_back(h);
          visited[h] = true;
          changed = true;
        }
        ++next[i];
        if (Enabled(t, m)) break;
      }
      if (Enabled(t, m) || !changed) break;
    }
    if (Enabled(t, m)) return;
    paths = Paths(m, lacking);
    for (const std::vector<uint32_t>* path : paths) {
      for (uint32_t h : *path) {
        if (h == t || visited[h]) continue;
        if (!Enabled(h, m)) ApplyHidden(h, m, fired, depth + 1, visited);
        if (Enabled(h, m)) {
          Fire(h, m);
          fired.push_back(h);
          visited[h] = true;
        }
      }
    }
  }

  // PM4Py's attempts to reach the final marking through silent transitions.
  void ReachFinal(Marking& m, TraceReplay& r) {
    const std::vector<uint32_t> sink{net_.sink};
    for (int i = 0; i < kFinalIterations && m.tokens[net_.sink] == 0; ++i) {
      for (const std::vector<uint32_t>* path : Paths(m, sink)) {
        for (uint32_t h : *path) {
          if (Enabled(h, m)) Fire(h, m), Count(h, r);
        }
        if (m.tokens[net_.sink] > 0) break;
      }
    }
    if (m.tokens[net_.sink] > 0) return;
    std::vector<const std::vector<uint32_t>*> to_sink;
    for (uint32_t p : m.order) {
      size_t k = static_cast<size_t>(p) * p_ + net_.sink;
      if (has_path_[k]) to_sink.push_back(&paths_[k]);
    }
    std::stable_sort(to_sink.begin(), to_sink.end(), [](auto* a, auto* b) { return a->size() < b->size(); });
    for (int i = 0; i < kFinalIterations; ++i) {
      for (const std::vector<uint32_t>* path : to_sink) {
        for (uint32_t h : *path) {
          if (!Enabled(h, m)) break;
          Fire(h, m);
          Count(h, r);
        }
      }
    }
  }

  // A marking as its marked places in ascending order, each packed with its count.
  using SparseMarking = std::vector<uint64_t>;
  static uint64_t Pack(uint32_t place, int32_t count) {
    return (static_cast<uint64_t>(place) << 32) | static_cast<uint32_t>(count);
  }
  static uint32_t PlaceOf(uint64_t e) { return static_cast<uint32_t>(e >> 32); }
  static int32_t CountOf(uint64_t e) { return static_cast<int32_t>(static_cast<uint32_t>(e)); }
  struct SparseHash {
    size_t operator()(const SparseMarking& m) const { return static_cast<size_t>(HashBytes(m.data(), m.size() * 8)); }
  };

  // At most this many markings are explored by one silent closure.
  static constexpr size_t kMaxMarkings = 10000;

  // The transitions enabled in the sparse marking at, in index order. A marking is kept sparse
  // (its marked places and counts) and only transitions that take from a marked place are tried,
  // so a net with thousands of places and silent interleavings costs what its tokens cost.
  // Leaves scratch_ holding `at` (Clear() empties it).
  void EnabledIn(const SparseMarking& at, std::vector<uint32_t>& out) {
    for (uint64_t e : at) scratch_[PlaceOf(e)] = CountOf(e);
    out.assign(no_input_.begin(), no_input_.end());
    for (uint64_t e : at) out.insert(out.end(), takes_from_[PlaceOf(e)].begin(), takes_from_[PlaceOf(e)].end());
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    std::erase_if(out, [&](uint32_t t) {
      for (uint32_t p : net_.transitions[t].inputs)
        if (scratch_[p] < 1) return true;
      return false;
    });
  }
  void Clear(const SparseMarking& at) {
    for (uint64_t e : at) scratch_[PlaceOf(e)] = 0;
  }

  // The marking after firing t in `at`. REQUIRES: scratch_ holds `at`; it still does afterwards.
  SparseMarking FireSparse(const SparseMarking& at, uint32_t t) {
    const PetriNet::Transition& tr = net_.transitions[t];
    for (uint32_t p : tr.inputs) --scratch_[p];
    for (uint32_t p : tr.outputs) ++scratch_[p];
    SparseMarking next;
    next.reserve(at.size() + tr.outputs.size());
    touched_.clear();
    for (uint64_t e : at) touched_.push_back(PlaceOf(e));
    for (uint32_t p : tr.outputs) touched_.push_back(p);
    std::sort(touched_.begin(), touched_.end());
    touched_.erase(std::unique(touched_.begin(), touched_.end()), touched_.end());
    for (uint32_t p : touched_)
      if (scratch_[p] != 0) next.push_back(Pack(p, scratch_[p]));
    for (uint32_t p : tr.outputs) --scratch_[p];
    for (uint32_t p : tr.inputs) ++scratch_[p];
    return next;
  }

  // Every marking reachable through silent transitions, breadth first, at most kMaxMarkings, each
  // expanded by its enabled transitions in index order.
  std::vector<StringId> ExactClosure(const SparseMarking& start) {
    std::vector<StringId> labels;
    std::unordered_set<SparseMarking, SparseHash> seen{start};
    std::vector<SparseMarking> queue{start};
    std::vector<uint32_t> enabled;
    for (size_t i = 0; i < queue.size() && seen.size() < kMaxMarkings; ++i) {
      const SparseMarking at = queue[i];  // a copy: queue grows below
      EnabledIn(at, enabled);
      for (uint32_t t : enabled) {
        if (!net_.transitions[t].silent()) {
          labels.push_back(net_.transitions[t].label);
          continue;
        }
        SparseMarking next = FireSparse(at, t);
        if (seen.insert(next).second) queue.push_back(std::move(next));
      }
      Clear(at);
    }
    return labels;
  }

  // PM4Py 2.7.14's own walk (pm4py.objects.petri_net.utils.align_utils.
  // get_visible_transitions_eventually_enabled_by_marking), step by step: a work list of
  // transitions, starting with those enabled in the marking sorted by name, and a table from
  // transition to marking. Taking the list in order, a transition is skipped when it was already
  // taken with the marking the table holds for it *now*; a visible one adds its label; a silent
  // one fires in that marking and appends the transitions enabled after it, sorted by name,
  // each with the new marking in the table (replacing the one it had, even while an earlier copy
  // of it waits in the list). So a silent transition that several markings enable is expanded
  // in the last of them only, and some markings the exact closure reaches are never seen: on
  // sepsis it allows 0.24015 where PM4Py reports 0.25762. Visible transitions only add labels,
  // so their place in the list (PM4Py names them by random UUIDs) does not matter. At most
  // kMaxMarkings markings, as the exact closure.
  std::vector<StringId> Pm4pyClosure(const SparseMarking& start) {
    if (by_name_.empty()) {
      by_name_.resize(net_.transitions.size());
      std::vector<uint32_t> order(net_.transitions.size());
      std::iota(order.begin(), order.end(), 0u);
      std::stable_sort(order.begin(), order.end(),
                       [&](uint32_t a, uint32_t b) { return net_.transitions[a].name < net_.transitions[b].name; });
      for (uint32_t r = 0; r < order.size(); ++r) by_name_[order[r]] = r;
      marking_of_.assign(net_.transitions.size(), 0);
    }
    std::vector<StringId> labels;
    std::vector<SparseMarking> markings{start};
    std::vector<uint32_t> work;
    std::vector<uint32_t> enabled;
    auto append = [&](uint32_t marking) {
      EnabledIn(markings[marking], enabled);
      Clear(markings[marking]);
      std::sort(enabled.begin(), enabled.end(), [&](uint32_t a, uint32_t b) { return by_name_[a] < by_name_[b]; });
      for (uint32_t t : enabled) {
        work.push_back(t);
        marking_of_[t] = marking;
      }
    };
    append(0);
    // (transition, marking) pairs taken: the marking with the transition as one more entry.
    std::unordered_set<SparseMarking, SparseHash> taken;
    for (size_t i = 0; i < work.size() && markings.size() < kMaxMarkings; ++i) {
      const uint32_t t = work[i];
      const uint32_t at = marking_of_[t];
      SparseMarking key = markings[at];
      key.push_back(Pack(UINT32_MAX, static_cast<int32_t>(t)));
      if (!taken.insert(std::move(key)).second) continue;
      if (!net_.transitions[t].silent()) {
        labels.push_back(net_.transitions[t].label);
        continue;
      }
      for (uint64_t e : markings[at]) scratch_[PlaceOf(e)] = CountOf(e);
      SparseMarking next = FireSparse(markings[at], t);
      Clear(markings[at]);
      markings.push_back(std::move(next));
      append(static_cast<uint32_t>(markings.size() - 1));
    }
    return labels;
  }

  const PetriNet& net_;  // outlives the replayer
  const size_t p_;
  std::vector<uint32_t> name_rank_;
  std::vector<std::vector<uint32_t>> silent_out_;
  std::vector<bool> has_path_;
  std::vector<std::vector<uint32_t>> paths_;  // p1 * P + p2 -> silent transitions
  std::unordered_map<StringId, uint32_t> by_label_;
  std::unordered_map<SparseMarking, std::vector<StringId>, SparseHash> enabled_cache_;  // EventuallyEnabled
  std::vector<std::vector<uint32_t>> takes_from_;  // place -> transitions with it as an input
  std::vector<uint32_t> no_input_;                 // transitions without input places
  std::vector<int32_t> scratch_;                   // a dense marking, all zero between uses
  std::vector<uint32_t> touched_;
  std::vector<bool> visited_;
  std::vector<uint32_t> fired_;
  std::vector<uint32_t> by_name_;     // transition -> rank by name (PM4Py's closure order)
  std::vector<uint32_t> marking_of_;  // transition -> its latest marking in Pm4pyClosure
};

}  // namespace

ReplayResult TokenReplay(const PetriNet& net, const Variants& variants) {
  ReplayResult out;
  Replayer replayer(net);
  const std::vector<Variant>& vs = variants.variants;
  // The replay of a prefix does not depend on what follows, so variants are replayed in
  // lexicographic order, each from the state after the prefix it shares with the previous one.
  std::vector<uint32_t> order(vs.size());
  std::iota(order.begin(), order.end(), 0u);
  std::sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
    return std::lexicographical_compare(vs[a].activities.begin(), vs[a].activities.end(), vs[b].activities.begin(),
                                        vs[b].activities.end());
  });
  out.variants.resize(vs.size());
  std::vector<Replayer::State> states{replayer.Initial()};  // states[i]: after i events
  std::span<const StringId> previous;
  for (uint32_t v : order) {
    const std::span<const StringId> trace = vs[v].activities;
    size_t shared = 0;
    while (shared < trace.size() && shared < previous.size() && trace[shared] == previous[shared]) ++shared;
    states.resize(shared + 1);
    for (size_t i = shared; i < trace.size(); ++i) {
      states.push_back(states.back());
      replayer.Step(states.back(), trace[i]);
    }
    out.variants[v] = replayer.Finish(states.back());
    previous = trace;
  }
  double fitness_sum = 0;
  for (size_t i = 0; i < vs.size(); ++i) {
    const TraceReplay& r = out.variants[i];
    const uint64_t n = vs[i].cases;
    out.cases += n;
    out.fit_cases += r.fit ? n : 0;
    out.missing += r.missing * n;
    out.consumed += r.consumed * n;
    out.remaining += r.remaining * n;
    out.produced += r.produced * n;
    fitness_sum += r.fitness * static_cast<double>(n);
  }
  if (out.cases > 0 && out.consumed > 0 && out.produced > 0) {
    out.perc_fit_traces = 100.0 * static_cast<double>(out.fit_cases) / static_cast<double>(out.cases);
    out.average_trace_fitness = fitness_sum / static_cast<double>(out.cases);
    out.log_fitness = 0.5 * (1.0 - static_cast<double>(out.missing) / static_cast<double>(out.consumed)) +
                      0.5 * (1.0 - static_cast<double>(out.remaining) / static_cast<double>(out.produced));
  }
  return out;
}

double EtcPrecision(const PetriNet& net, const Variants& variants, SilentClosure closure) {
  Replayer replayer(net);
  struct Prefix {
    uint64_t cases = 0;
    bool fit = false;
    std::vector<StringId> enabled;  // labels the model enables after the prefix
    std::vector<StringId> follows;  // activities that follow the prefix in the log
  };
  std::vector<Prefix> prefixes;
  std::unordered_map<uint64_t, uint32_t> child;  // node << 32 | activity -> node (0: empty prefix)
  std::vector<StringId> starts;
  uint64_t cases = 0;
  for (const Variant& v : variants.variants) {
    cases += v.cases;
    if (v.activities.empty()) continue;
    starts.push_back(v.activities[0]);
    Replayer::State state = replayer.Initial();
    uint64_t node = 0;
    // PM4Py's prefixes: lengths 1 .. n-1, each with the activity after it.
    for (size_t i = 0; i + 1 < v.activities.size(); ++i) {
      replayer.Step(state, v.activities[i]);
      auto [it, added] = child.emplace(node << 32 | v.activities[i], static_cast<uint32_t>(prefixes.size() + 1));
      if (added) {
        Prefix p;
        // Replay stops at the first missing token (STOP_IMMEDIATELY_UNFIT): such a prefix counts
        // neither enabled nor escaping transitions.
        p.fit = state.counts.missing == 0;
        if (p.fit) p.enabled = replayer.EventuallyEnabled(state.marking, closure);
        prefixes.push_back(std::move(p));
      }
      node = it->second;
      Prefix& p = prefixes[node - 1];
      p.cases += v.cases;
      StringId next = v.activities[i + 1];
      if (std::find(p.follows.begin(), p.follows.end(), next) == p.follows.end()) p.follows.push_back(next);
    }
  }
  // The empty prefix: what the initial marking enables, against the log's start activities.
  std::sort(starts.begin(), starts.end());
  starts.erase(std::unique(starts.begin(), starts.end()), starts.end());
  std::vector<StringId> initial = replayer.EventuallyEnabled(replayer.Initial().marking, closure);
  double allowed = static_cast<double>(cases) * static_cast<double>(initial.size());
  double escaping = 0;
  for (StringId a : initial) {
    if (!std::binary_search(starts.begin(), starts.end(), a)) escaping += static_cast<double>(cases);
  }
  for (const Prefix& p : prefixes) {
    if (!p.fit) continue;
    size_t escapes = 0;
    for (StringId a : p.enabled) escapes += std::find(p.follows.begin(), p.follows.end(), a) == p.follows.end() ? 1 : 0;
    allowed += static_cast<double>(p.enabled.size()) * static_cast<double>(p.cases);
    escaping += static_cast<double>(escapes) * static_cast<double>(p.cases);
  }
  return allowed > 0 ? 1.0 - escaping / allowed : 1.0;
}

}  // namespace ordo::mining
