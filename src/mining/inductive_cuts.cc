#include "mining/inductive_cuts.h"

#include <algorithm>
#include <numeric>

namespace ordo::mining::im {
namespace {

uint64_t HashTrace(const Trace& t) {
  uint64_t h = 1469598103934665603ull ^ t.size();
  for (uint32_t a : t) h = (h ^ a) * 1099511628211ull;
  return h;
}

struct UnionFind {
  std::vector<uint32_t> parent;
  explicit UnionFind(size_t n) : parent(n) { std::iota(parent.begin(), parent.end(), 0u); }
  uint32_t Find(uint32_t x) {
    while (parent[x] != x) x = parent[x] = parent[parent[x]];
    return x;
  }
  void Unite(uint32_t a, uint32_t b) {
    a = Find(a), b = Find(b);
    if (a != b) parent[std::max(a, b)] = std::min(a, b);
  }
  // Components as local-index lists, ordered by their smallest member.
  std::vector<std::vector<uint32_t>> Components() {
    std::vector<std::vector<uint32_t>> out;
    std::vector<int32_t> slot(parent.size(), -1);
    for (uint32_t i = 0; i < parent.size(); ++i) {
      uint32_t r = Find(i);
      if (slot[r] < 0) {
        slot[r] = static_cast<int32_t>(out.size());
        out.emplace_back();
      }
      out[slot[r]].push_back(i);
    }
    return out;
  }
};

using Groups = std::vector<std::vector<uint32_t>>;  // local indexes

std::vector<std::vector<uint32_t>> ToActivities(const Graph& g, const Groups& groups) {
  std::vector<std::vector<uint32_t>> out;
  for (const auto& grp : groups) {
    if (grp.empty()) continue;
    std::vector<uint32_t> acts;
    for (uint32_t l : grp) acts.push_back(g.alphabet[l]);
    std::sort(acts.begin(), acts.end());
    out.push_back(std::move(acts));
  }
  return out;
}

// Exclusive choice: connected components of the undirected graph (§4.1).
std::optional<Groups> XorCut(const Graph& g) {
  UnionFind uf(g.n);
  for (size_t a = 0; a < g.n; ++a)
    for (size_t b = 0; b < g.n; ++b)
      if (g.edge(a, b)) uf.Unite(a, b);
  Groups comps = uf.Components();
  if (comps.size() <= 1) return std::nullopt;
  return comps;
}

// Transitive closure as bit rows (Warshall): row a holds every activity reachable from a by one
// or more edges.
struct Closure {
  size_t n = 0, words = 0;
  std::vector<uint64_t> bits;
  bool Get(size_t a, size_t b) const { return (bits[a * words + b / 64] >> (b % 64)) & 1; }
};

Closure Reachability(const Graph& g) {
  Closure c;
  c.n = g.n;
  c.words = (g.n + 63) / 64;
  c.bits.assign(c.n * c.words, 0);
  for (size_t a = 0; a < g.n; ++a)
    for (size_t b = 0; b < g.n; ++b)
      if (g.edge(a, b)) c.bits[a * c.words + b / 64] |= uint64_t{1} << (b % 64);
  for (size_t k = 0; k < g.n; ++k) {
    const uint64_t* row_k = &c.bits[k * c.words];
    for (size_t i = 0; i < g.n; ++i) {
      if (!c.Get(i, k)) continue;
      uint64_t* row_i = &c.bits[i * c.words];
      for (size_t w = 0; w < c.words; ++w) row_i[w] |= row_k[w];
    }
  }
  return c;
}

// Sequence (§4.2): merge pairs that reach each other or are unreachable both ways; the groups
// ordered by how many precede and follow them (PM4Py's networkx ancestors/descendants, which
// leave the activity itself out).
// True when every activity reaches every other: then all pairs reach each other and the sequence
// cut has one group. Two breadth-first searches, O(n^2) on the dense graph, where the closure
// is O(n^3 / 64); the inductive miner's fall-throughs ask this of many near-flower graphs.
bool StronglyConnected(const Graph& g) {
  for (bool forward : {true, false}) {
    std::vector<char> seen(g.n, 0);
    std::vector<uint32_t> stack{0};
    seen[0] = 1;
    size_t reached = 1;
    while (!stack.empty()) {
      uint32_t a = stack.back();
      stack.pop_back();
      for (uint32_t b = 0; b < g.n; ++b) {
        if (seen[b] || !(forward ? g.edge(a, b) : g.edge(b, a))) continue;
        seen[b] = 1;
        ++reached;
        stack.push_back(b);
      }
    }
    if (reached != g.n) return false;
  }
  return true;
}

std::optional<Groups> SequenceCut(const Graph& g) {
  if (g.n == 0 || StronglyConnected(g)) return std::nullopt;
  Closure reach = Reachability(g);
  UnionFind uf(g.n);
  for (uint32_t a = 0; a < g.n; ++a)
    for (uint32_t b = a + 1; b < g.n; ++b)
      if (reach.Get(a, b) == reach.Get(b, a)) uf.Unite(a, b);
  Groups groups = uf.Components();
  if (groups.size() <= 1) return std::nullopt;
  std::vector<size_t> pre(g.n, 0), post(g.n, 0);
  for (uint32_t a = 0; a < g.n; ++a)
    for (uint32_t b = 0; b < g.n; ++b)
      if (a != b && reach.Get(a, b)) ++post[a], ++pre[b];
  auto key = [&](const std::vector<uint32_t>& grp) { return pre[grp.front()] + (g.n - post[grp.front()]); };
  std::stable_sort(groups.begin(), groups.end(), [&](const auto& a, const auto& b) { return key(a) < key(b); });
  return groups;
}

// PM4Py's strict sequence cut: groups that can be skipped are merged with their neighbours that
// only connect to them, so that the projected sub-logs stay sequential.
std::optional<Groups> StrictSequenceCut(const Graph& g) {
  std::optional<Groups> c = SequenceCut(g);
  if (!c) return std::nullopt;
  Groups& groups = *c;
  const long k = static_cast<long>(groups.size());
  std::vector<long> cmap(g.n, 0);
  for (long i = 0; i < k; ++i)
    for (uint32_t a : groups[i]) cmap[a] = i;
  const long kInf = INT64_MAX;
  std::vector<long> mf(k), mt(k);
  for (long i = 0; i < k; ++i) {
    bool has_start = false, has_end = false;
    for (uint32_t a : groups[i]) has_start |= g.start[a] > 0, has_end |= g.end[a] > 0;
    mf[i] = has_start ? -kInf : kInf;
    mt[i] = has_end ? kInf : -kInf;
  }
  for (uint32_t a = 0; a < g.n; ++a)
    for (uint32_t b = 0; b < g.n; ++b)
      if (g.edge(a, b)) {
        mf[cmap[b]] = std::min(mf[cmap[b]], cmap[a]);
        mt[cmap[a]] = std::max(mt[cmap[a]], cmap[b]);
      }
  auto skippable = [&](long p) {
    for (long i = 0; i < p; ++i)
      for (long j = p + 1; j < k; ++j)
        for (uint32_t a : groups[i])
          for (uint32_t b : groups[j])
            if (g.edge(a, b)) return true;
    for (long j = p + 1; j < k; ++j)
      for (uint32_t a : groups[j])
        if (g.start[a] > 0) return true;
    for (long i = 0; i < p; ++i)
      for (uint32_t a : groups[i])
        if (g.end[a] > 0) return true;
    return false;
  };
  for (long p = 0; p < k; ++p) {
    if (!skippable(p)) continue;
    for (long q = p - 1; q >= 0 && mt[q] <= p; --q) {
      groups[p].insert(groups[p].end(), groups[q].begin(), groups[q].end());
      groups[q].clear();
    }
    for (long q = p + 1; q < k && mf[q] >= p; ++q) {
      groups[p].insert(groups[p].end(), groups[q].begin(), groups[q].end());
      groups[q].clear();
    }
  }
  std::erase_if(groups, [](const auto& grp) { return grp.empty(); });
  if (groups.size() <= 1) return std::nullopt;
  return c;
}

// Concurrency (§4.3): merge pairs not connected both ways; every group needs a start and an end
// activity, groups without are merged into a neighbour (PM4Py's order: by size, stable).
std::optional<Groups> ConcurrencyCut(const Graph& g) {
  if (g.n == 0) return std::nullopt;
  UnionFind uf(g.n);
  for (uint32_t a = 0; a < g.n; ++a)
    for (uint32_t b = a + 1; b < g.n; ++b)
      if (!g.edge(a, b) || !g.edge(b, a)) uf.Unite(a, b);
  Groups groups = uf.Components();
  std::stable_sort(groups.begin(), groups.end(), [](const auto& a, const auto& b) { return a.size() < b.size(); });
  size_t i = 0;
  while (i < groups.size() && groups.size() > 1) {
    bool has_start = false, has_end = false;
    for (uint32_t a : groups[i]) has_start |= g.start[a] > 0, has_end |= g.end[a] > 0;
    if (has_start && has_end) {
      ++i;
      continue;
    }
    std::vector<uint32_t> grp = std::move(groups[i]);
    groups.erase(groups.begin() + static_cast<long>(i));
    auto& into = i == 0 ? groups[0] : groups[i - 1];
    into.insert(into.end(), grp.begin(), grp.end());
  }
  if (groups.size() <= 1) return std::nullopt;
  return groups;
}

// Loop (§4.4): the body holds the start and end activities; every other component of the graph
// without them is a redo part if it is entered only from all end activities and left only to all
// start activities.
std::optional<Groups> LoopCut(const Graph& g) {
  bool any_edge = std::any_of(g.edges.begin(), g.edges.end(), [](uint64_t e) { return e != 0; });
  if (!any_edge) return std::nullopt;
  std::vector<bool> is_start(g.n), is_end(g.n);
  for (uint32_t a = 0; a < g.n; ++a) is_start[a] = g.start[a] > 0, is_end[a] = g.end[a] > 0;
  std::vector<int32_t> group_of(g.n, -1);
  Groups groups(1);
  for (uint32_t a = 0; a < g.n; ++a)
    if (is_start[a] || is_end[a]) groups[0].push_back(a), group_of[a] = 0;
  UnionFind uf(g.n);
  for (uint32_t a = 0; a < g.n; ++a)
    for (uint32_t b = 0; b < g.n; ++b)
      if (g.edge(a, b) && group_of[a] < 0 && group_of[b] < 0) uf.Unite(a, b);
  for (auto& comp : uf.Components()) {
    if (group_of[comp.front()] == 0) continue;
    for (uint32_t a : comp) group_of[a] = static_cast<int32_t>(groups.size());
    groups.push_back(comp);
  }
  auto merge_into_body = [&](uint32_t x) {
    int32_t gi = group_of[x];
    if (gi <= 0) return;
    for (uint32_t y : groups[gi]) group_of[y] = 0, groups[0].push_back(y);
    groups[gi].clear();
  };
  // Components reached from a start activity that is not an end activity belong to the body;
  // so do components that reach an end activity that is not a start activity.
  for (uint32_t a = 0; a < g.n; ++a) {
    if (!is_start[a] || is_end[a]) continue;
    for (uint32_t b = 0; b < g.n; ++b)
      if (g.edge(a, b)) merge_into_body(b);
  }
  for (uint32_t b = 0; b < g.n; ++b) {
    if (!is_end[b] || is_start[b]) continue;
    for (uint32_t a = 0; a < g.n; ++a)
      if (g.edge(a, b)) merge_into_body(a);
  }
  for (size_t i = 1; i < groups.size(); ++i) {
    bool merge = false;
    for (uint32_t a : groups[i]) {
      bool to_start = false, to_all_starts = true, from_end = false, from_all_ends = true;
      for (uint32_t s = 0; s < g.n; ++s) {
        if (is_start[s]) g.edge(a, s) ? void(to_start = true) : void(to_all_starts = false);
        if (is_end[s]) g.edge(s, a) ? void(from_end = true) : void(from_all_ends = false);
      }
      if ((to_start && !to_all_starts) || (from_end && !from_all_ends)) merge = true;
    }
    if (merge) {
      for (uint32_t y : groups[i]) group_of[y] = 0, groups[0].push_back(y);
      groups[i].clear();
    }
  }
  std::erase_if(groups, [](const auto& grp) { return grp.empty(); });
  if (groups.size() <= 1) return std::nullopt;
  return groups;
}

}  // namespace

SubLogBuilder::SubLogBuilder(size_t num_activities) : buckets_(256) { log_.num_activities = num_activities; }

void SubLogBuilder::Add(const Trace& trace, uint64_t count) {
  if (log_.traces.size() * 2 > buckets_.size()) {
    std::vector<std::vector<uint32_t>> grown(buckets_.size() * 4);
    for (uint32_t i = 0; i < log_.traces.size(); ++i)
      grown[HashTrace(log_.traces[i]) & (grown.size() - 1)].push_back(i);
    buckets_ = std::move(grown);
  }
  auto& bucket = buckets_[HashTrace(trace) & (buckets_.size() - 1)];
  for (uint32_t i : bucket) {
    if (log_.traces[i] == trace) {
      log_.counts[i] += count;
      return;
    }
  }
  bucket.push_back(static_cast<uint32_t>(log_.traces.size()));
  log_.traces.push_back(trace);
  log_.counts.push_back(count);
}

SubLog SubLogBuilder::Finish() && { return std::move(log_); }

Graph BuildGraph(const SubLog& log, uint32_t skip) {
  Graph g;
  g.local.assign(log.num_activities, -1);
  std::vector<bool> seen(log.num_activities, false);
  for (const Trace& t : log.traces)
    for (uint32_t a : t)
      if (a != skip) seen[a] = true;
  for (uint32_t a = 0; a < log.num_activities; ++a)
    if (seen[a]) g.local[a] = static_cast<int32_t>(g.alphabet.size()), g.alphabet.push_back(a);
  g.n = g.alphabet.size();
  g.edges.assign(g.n * g.n, 0);
  g.start.assign(g.n, 0);
  g.end.assign(g.n, 0);
  for (size_t i = 0; i < log.traces.size(); ++i) {
    const uint64_t c = log.counts[i];
    int32_t prev = -1;
    for (uint32_t a : log.traces[i]) {
      if (a == skip) continue;
      int32_t l = g.local[a];
      if (prev < 0) g.start[l] += c;
      else g.edges[static_cast<size_t>(prev) * g.n + l] += c;
      prev = l;
    }
    if (prev >= 0) g.end[prev] += c;
  }
  return g;
}

Graph FilterNoise(const Graph& g, double threshold) {
  Graph f = g;
  for (uint32_t a = 0; a < g.n; ++a) {
    uint64_t max_out = g.end[a];
    for (uint32_t b = 0; b < g.n; ++b) max_out = std::max(max_out, g.edges[a * g.n + b]);
    for (uint32_t b = 0; b < g.n; ++b) {
      uint64_t e = g.edges[a * g.n + b];
      if (e != 0 && !(static_cast<double>(e) > threshold * static_cast<double>(max_out))) f.edges[a * g.n + b] = 0;
    }
  }
  // A vertex left without edges, start or end counts is no longer part of the graph.
  std::vector<uint32_t> keep;
  for (uint32_t a = 0; a < f.n; ++a) {
    bool alive = f.start[a] > 0 || f.end[a] > 0;
    for (uint32_t b = 0; b < f.n && !alive; ++b) alive = f.edge(a, b) || f.edge(b, a);
    if (alive) keep.push_back(a);
  }
  if (keep.size() == f.n) return f;
  Graph c;
  c.local.assign(g.local.size(), -1);
  c.n = keep.size();
  c.edges.assign(c.n * c.n, 0);
  for (uint32_t i = 0; i < c.n; ++i) {
    c.alphabet.push_back(f.alphabet[keep[i]]);
    c.local[c.alphabet.back()] = static_cast<int32_t>(i);
    c.start.push_back(f.start[keep[i]]);
    c.end.push_back(f.end[keep[i]]);
    for (uint32_t j = 0; j < c.n; ++j) c.edges[i * c.n + j] = f.edges[keep[i] * f.n + keep[j]];
  }
  return c;
}

std::optional<Cut> FindCut(const Graph& g) {
  if (auto c = XorCut(g)) return Cut{TreeOperator::kXor, ToActivities(g, *c)};
  if (auto c = StrictSequenceCut(g)) {
    // Sequence groups keep their order; only the activities inside a group are sorted.
    return Cut{TreeOperator::kSequence, ToActivities(g, *c)};
  }
  if (auto c = ConcurrencyCut(g)) return Cut{TreeOperator::kParallel, ToActivities(g, *c)};
  if (auto c = LoopCut(g)) return Cut{TreeOperator::kLoop, ToActivities(g, *c)};
  return std::nullopt;
}

}  // namespace ordo::mining::im
