#include "mining/inductive_cuts.h"

#include <algorithm>
#include <bit>

namespace ordo::mining::im {
namespace {

uint64_t HashTrace(TraceView t) {
  uint64_t h = 1469598103934665603ull ^ t.size();
  for (uint32_t a : t) h = (h ^ a) * 1099511628211ull;
  return h ^ (h >> 29);  // the low bits pick the slot
}

// Bit rows of n bits in `words` 64-bit words.
using Row = std::vector<uint64_t>;

bool Test(const uint64_t* row, size_t b) { return (row[b / 64] >> (b % 64)) & 1; }
void Set(uint64_t* row, size_t b) { row[b / 64] |= uint64_t{1} << (b % 64); }

// Calls f(b) for every set bit b of the row, ascending.
template <class F>
void ForEachBit(const uint64_t* row, size_t words, F f) {
  for (size_t w = 0; w < words; ++w)
    for (uint64_t x = row[w]; x != 0; x &= x - 1) f(static_cast<uint32_t>(w * 64 + std::countr_zero(x)));
}

// A row with the first n bits set.
Row AllOf(size_t n, size_t words) {
  Row r(words, ~uint64_t{0});
  if (n % 64 != 0) r[words - 1] = (uint64_t{1} << (n % 64)) - 1;
  if (n == 0) r.assign(words, 0);
  return r;
}

using Groups = std::vector<std::vector<uint32_t>>;  // local indexes

// Connected components of the symmetric relation whose neighbours of a `neighbours(a, row)`
// writes into row (any bits outside 0..n-1 must be clear). Breadth-first search over the
// unvisited bits: each node's row is read once, O(n^2 / 64). Components are ordered by their
// smallest member, members ascending.
template <class Neighbours>
Groups Components(size_t n, size_t words, Neighbours neighbours) {
  Groups out;
  Row unvisited = AllOf(n, words), row(words);
  std::vector<uint32_t> queue;
  for (uint32_t a = 0; a < n; ++a) {
    if (!Test(unvisited.data(), a)) continue;
    unvisited[a / 64] &= ~(uint64_t{1} << (a % 64));
    std::vector<uint32_t> comp{a};
    queue.assign(1, a);
    while (!queue.empty()) {
      const uint32_t x = queue.back();
      queue.pop_back();
      neighbours(x, row.data());
      for (size_t w = 0; w < words; ++w) {
        const uint64_t fresh = row[w] & unvisited[w];
        unvisited[w] &= ~fresh;
        for (uint64_t m = fresh; m != 0; m &= m - 1) {
          const auto b = static_cast<uint32_t>(w * 64 + std::countr_zero(m));
          comp.push_back(b);
          queue.push_back(b);
        }
      }
    }
    std::sort(comp.begin(), comp.end());
    out.push_back(std::move(comp));
  }
  return out;
}

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
  Groups comps = Components(g.n, g.words, [&](uint32_t a, uint64_t* row) {
    const uint64_t *s = g.successors(a), *p = g.predecessors(a);
    for (size_t w = 0; w < g.words; ++w) row[w] = s[w] | p[w];
  });
  if (comps.size() <= 1) return std::nullopt;
  return comps;
}

// Transitive closure as bit rows (Warshall): from the successor rows, row a holds every activity
// reachable from a by one or more edges.
std::vector<uint64_t> Closure(const std::vector<uint64_t>& rows, size_t n, size_t words) {
  std::vector<uint64_t> c = rows;
  for (size_t k = 0; k < n; ++k) {
    const uint64_t* row_k = &c[k * words];
    for (size_t i = 0; i < n; ++i) {
      uint64_t* row_i = &c[i * words];
      if (!Test(row_i, k)) continue;
      for (size_t w = 0; w < words; ++w) row_i[w] |= row_k[w];
    }
  }
  return c;
}

// True when every activity reaches every other: then all pairs reach each other and the sequence
// cut has one group. Two breadth-first searches over the bit rows, where the closure is
// O(n^3 / 64); the inductive miner's fall-throughs ask this of many near-flower graphs.
bool StronglyConnected(const Graph& g) {
  for (const std::vector<uint64_t>* rows : {&g.succ, &g.pred}) {
    Row unvisited = AllOf(g.n, g.words);
    unvisited[0] &= ~uint64_t{1};
    std::vector<uint32_t> stack{0};
    size_t reached = 1;
    while (!stack.empty()) {
      const uint64_t* row = &(*rows)[stack.back() * g.words];
      stack.pop_back();
      for (size_t w = 0; w < g.words; ++w) {
        const uint64_t fresh = row[w] & unvisited[w];
        unvisited[w] &= ~fresh;
        for (uint64_t m = fresh; m != 0; m &= m - 1) {
          stack.push_back(static_cast<uint32_t>(w * 64 + std::countr_zero(m)));
          ++reached;
        }
      }
    }
    if (reached != g.n) return false;
  }
  return true;
}

// Sequence (§4.2): merge pairs that reach each other or are unreachable both ways; the groups
// ordered by how many precede and follow them (PM4Py's networkx ancestors/descendants, which
// leave the activity itself out).
std::optional<Groups> SequenceCut(const Graph& g) {
  if (g.n == 0 || StronglyConnected(g)) return std::nullopt;
  const std::vector<uint64_t> reach = Closure(g.succ, g.n, g.words);  // row a: what a reaches
  std::vector<uint64_t> reached(reach.size(), 0);                     // row a: what reaches a
  for (uint32_t a = 0; a < g.n; ++a) ForEachBit(&reach[a * g.words], g.words, [&](uint32_t b) { Set(&reached[b * g.words], a); });
  const Row all = AllOf(g.n, g.words);
  Groups groups = Components(g.n, g.words, [&](uint32_t a, uint64_t* row) {
    // Same reachability both ways: neither or both of "a reaches b" and "b reaches a".
    for (size_t w = 0; w < g.words; ++w) row[w] = ~(reach[a * g.words + w] ^ reached[a * g.words + w]) & all[w];
  });
  if (groups.size() <= 1) return std::nullopt;
  std::vector<size_t> pre(g.n, 0), post(g.n, 0);
  for (uint32_t a = 0; a < g.n; ++a) {
    for (size_t w = 0; w < g.words; ++w) {
      post[a] += static_cast<size_t>(std::popcount(reach[a * g.words + w]));
      pre[a] += static_cast<size_t>(std::popcount(reached[a * g.words + w]));
    }
    const bool self = Test(&reach[a * g.words], a);  // on a cycle: not its own ancestor here
    post[a] -= self;
    pre[a] -= self;
  }
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
  std::vector<long> cmap(g.n, 0);  // group of each activity, kept current as groups merge
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
  for (uint32_t a = 0; a < g.n; ++a) {
    ForEachBit(g.successors(a), g.words, [&](uint32_t b) {
      mf[cmap[b]] = std::min(mf[cmap[b]], cmap[a]);
      mt[cmap[a]] = std::max(mt[cmap[a]], cmap[b]);
    });
  }
  // Group p can be skipped when an edge jumps over it, a later group holds a start activity or
  // an earlier one an end activity (in the groups as merged so far).
  Row before(g.words), after(g.words);
  auto skippable = [&](long p) {
    std::fill(before.begin(), before.end(), 0);
    std::fill(after.begin(), after.end(), 0);
    for (uint32_t a = 0; a < g.n; ++a) {
      if (cmap[a] < p) {
        Set(before.data(), a);
        if (g.end[a] > 0) return true;
      } else if (cmap[a] > p) {
        Set(after.data(), a);
        if (g.start[a] > 0) return true;
      }
    }
    bool jump = false;
    ForEachBit(before.data(), g.words, [&](uint32_t a) {
      const uint64_t* s = g.successors(a);
      for (size_t w = 0; w < g.words && !jump; ++w) jump = (s[w] & after[w]) != 0;
    });
    return jump;
  };
  for (long p = 0; p < k; ++p) {
    if (!skippable(p)) continue;
    auto absorb = [&](long q) {
      for (uint32_t a : groups[q]) cmap[a] = p;
      groups[p].insert(groups[p].end(), groups[q].begin(), groups[q].end());
      groups[q].clear();
    };
    for (long q = p - 1; q >= 0 && mt[q] <= p; --q) absorb(q);
    for (long q = p + 1; q < k && mf[q] >= p; ++q) absorb(q);
  }
  std::erase_if(groups, [](const auto& grp) { return grp.empty(); });
  if (groups.size() <= 1) return std::nullopt;
  return c;
}

// Concurrency (§4.3): merge pairs not connected both ways; every group needs a start and an end
// activity, groups without are merged into a neighbour (PM4Py's order: by size, stable).
std::optional<Groups> ConcurrencyCut(const Graph& g) {
  if (g.n == 0) return std::nullopt;
  const Row all = AllOf(g.n, g.words);
  Groups groups = Components(g.n, g.words, [&](uint32_t a, uint64_t* row) {
    const uint64_t *s = g.successors(a), *p = g.predecessors(a);
    for (size_t w = 0; w < g.words; ++w) row[w] = ~(s[w] & p[w]) & all[w];
  });
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
  if (std::none_of(g.succ.begin(), g.succ.end(), [](uint64_t w) { return w != 0; })) return std::nullopt;
  Row starts(g.words), ends(g.words), rest = AllOf(g.n, g.words);
  std::vector<int32_t> group_of(g.n, -1);
  Groups groups(1);
  for (uint32_t a = 0; a < g.n; ++a) {
    if (g.start[a] > 0) Set(starts.data(), a);
    if (g.end[a] > 0) Set(ends.data(), a);
    if (g.start[a] > 0 || g.end[a] > 0) {
      groups[0].push_back(a), group_of[a] = 0;
      rest[a / 64] &= ~(uint64_t{1} << (a % 64));
    }
  }
  // Components of the graph without the start and end activities (those are singletons here).
  Groups comps = Components(g.n, g.words, [&](uint32_t a, uint64_t* row) {
    const bool inside = Test(rest.data(), a);
    const uint64_t *s = g.successors(a), *p = g.predecessors(a);
    for (size_t w = 0; w < g.words; ++w) row[w] = inside ? (s[w] | p[w]) & rest[w] : 0;
  });
  for (auto& comp : comps) {
    if (group_of[comp.front()] == 0) continue;
    for (uint32_t a : comp) group_of[a] = static_cast<int32_t>(groups.size());
    groups.push_back(std::move(comp));
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
    if (g.start[a] > 0 && g.end[a] == 0) ForEachBit(g.successors(a), g.words, merge_into_body);
  }
  for (uint32_t b = 0; b < g.n; ++b) {
    if (g.end[b] > 0 && g.start[b] == 0) ForEachBit(g.predecessors(b), g.words, merge_into_body);
  }
  for (size_t i = 1; i < groups.size(); ++i) {
    bool merge = false;
    for (uint32_t a : groups[i]) {
      // Left to some start activity but not to all of them, or entered from some end activity
      // but not from all of them.
      bool to_start = false, to_all_starts = true, from_end = false, from_all_ends = true;
      const uint64_t *s = g.successors(a), *p = g.predecessors(a);
      for (size_t w = 0; w < g.words; ++w) {
        to_start |= (s[w] & starts[w]) != 0;
        to_all_starts &= (s[w] & starts[w]) == starts[w];
        from_end |= (p[w] & ends[w]) != 0;
        from_all_ends &= (p[w] & ends[w]) == ends[w];
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

// The bit rows from the edge frequencies.
void SetRows(Graph& g) {
  g.words = (g.n + 63) / 64;
  g.succ.assign(g.n * g.words, 0);
  g.pred.assign(g.n * g.words, 0);
  for (size_t a = 0; a < g.n; ++a)
    for (size_t b = 0; b < g.n; ++b)
      if (g.edges[a * g.n + b] != 0) Set(&g.succ[a * g.words], b), Set(&g.pred[b * g.words], a);
}

}  // namespace

SubLogBuilder::SubLogBuilder(size_t num_activities) { log_.num_activities = num_activities; }

void SubLogBuilder::Grow() {
  slots_.assign(slots_.empty() ? 16 : slots_.size() * 2, 0);
  const size_t mask = slots_.size() - 1;
  for (uint32_t i = 0; i < log_.size(); ++i) {
    size_t s = hashes_[i] & mask;
    while (slots_[s] != 0) s = (s + 1) & mask;
    slots_[s] = i + 1;
  }
}

void SubLogBuilder::Add(TraceView trace, uint64_t count) {
  if ((log_.size() + 1) * 2 > slots_.size()) Grow();
  const uint64_t h = HashTrace(trace);
  const size_t mask = slots_.size() - 1;
  size_t s = h & mask;
  for (; slots_[s] != 0; s = (s + 1) & mask) {
    const uint32_t i = slots_[s] - 1;
    if (hashes_[i] == h && std::ranges::equal(log_.trace(i), trace)) {
      log_.counts[i] += count;
      return;
    }
  }
  slots_[s] = static_cast<uint32_t>(log_.size()) + 1;
  hashes_.push_back(h);
  log_.events.insert(log_.events.end(), trace.begin(), trace.end());
  log_.ends.push_back(static_cast<uint32_t>(log_.events.size()));
  log_.counts.push_back(count);
}

SubLog SubLogBuilder::Finish() && { return std::move(log_); }

Graph BuildGraph(const SubLog& log, EdgeCounts counts) {
  Graph g;
  g.local.assign(log.num_activities, -1);
  std::vector<bool> seen(log.num_activities, false);
  for (uint32_t a : log.events) seen[a] = true;
  for (uint32_t a = 0; a < log.num_activities; ++a)
    if (seen[a]) g.local[a] = static_cast<int32_t>(g.alphabet.size()), g.alphabet.push_back(a);
  g.n = g.alphabet.size();
  g.words = (g.n + 63) / 64;
  g.succ.assign(g.n * g.words, 0);
  g.pred.assign(g.n * g.words, 0);
  if (counts == EdgeCounts::kKeep) g.edges.assign(g.n * g.n, 0);
  g.start.assign(g.n, 0);
  g.end.assign(g.n, 0);
  for (size_t i = 0; i < log.size(); ++i) {
    const uint64_t c = log.counts[i];
    int32_t prev = -1;
    for (uint32_t a : log.trace(i)) {
      const int32_t l = g.local[a];
      if (prev < 0) {
        g.start[l] += c;
      } else {
        if (counts == EdgeCounts::kKeep) g.edges[static_cast<size_t>(prev) * g.n + l] += c;
        Set(&g.succ[static_cast<size_t>(prev) * g.words], l);
        Set(&g.pred[static_cast<size_t>(l) * g.words], prev);
      }
      prev = l;
    }
    if (prev >= 0) g.end[prev] += c;
  }
  return g;
}

Bridges FindBridges(const SubLog& log) {
  // Two passes: count each activity's runs, then place them (a counting sort by activity).
  Bridges out;
  out.begin.assign(log.num_activities + 1, 0);
  auto runs = [&](auto&& each) {
    for (size_t i = 0; i < log.size(); ++i) {
      const TraceView t = log.trace(i);
      for (size_t j = 0; j < t.size();) {
        size_t k = j + 1;
        while (k < t.size() && t[k] == t[j]) ++k;
        each(t, j, k, log.counts[i]);
        j = k;
      }
    }
  };
  runs([&](TraceView t, size_t j, size_t, uint64_t) { ++out.begin[t[j] + 1]; });
  for (size_t a = 0; a < log.num_activities; ++a) out.begin[a + 1] += out.begin[a];
  out.all.resize(out.begin[log.num_activities]);
  std::vector<uint32_t> next(out.begin.begin(), out.begin.end() - 1);
  runs([&](TraceView t, size_t j, size_t k, uint64_t c) {
    out.all[next[t[j]]++] = {j > 0 ? t[j - 1] : Bridge::kTerminal, k < t.size() ? t[k] : Bridge::kTerminal, c};
  });
  return out;
}

namespace {

// out = in with bit r taken out and every higher bit moved down by one.
void RemoveBit(const uint64_t* in, size_t words, size_t r, uint64_t* out, size_t out_words) {
  for (size_t w = 0; w < out_words; ++w) {
    const uint64_t down = (in[w] >> 1) | (w + 1 < words ? in[w + 1] << 63 : 0);
    if (w < r / 64) {
      out[w] = in[w];
    } else if (w > r / 64) {
      out[w] = down;
    } else {
      const uint64_t below = (uint64_t{1} << (r % 64)) - 1;
      out[w] = (in[w] & below) | (down & ~below);
    }
  }
}

}  // namespace

Graph WithoutActivity(const Graph& full, uint32_t skip, std::span<const Bridge> bridges) {
  const auto r = static_cast<uint32_t>(full.local[skip]);
  Graph g;
  g.local = full.local;
  g.local[skip] = -1;
  g.n = full.n - 1;
  g.words = (g.n + 63) / 64;
  g.alphabet.reserve(g.n);
  g.start.reserve(g.n);
  g.end.reserve(g.n);
  g.succ.assign(g.n * g.words, 0);
  g.pred.assign(g.n * g.words, 0);
  for (uint32_t l = 0; l < full.n; ++l) {
    if (l == r) continue;
    const uint32_t at = l < r ? l : l - 1;
    g.alphabet.push_back(full.alphabet[l]);
    if (l > r) g.local[full.alphabet[l]] = static_cast<int32_t>(at);
    g.start.push_back(full.start[l]);
    g.end.push_back(full.end[l]);
    RemoveBit(full.successors(l), full.words, r, &g.succ[at * g.words], g.words);
    RemoveBit(full.predecessors(l), full.words, r, &g.pred[at * g.words], g.words);
  }
  for (const Bridge& b : bridges) {
    const bool from = b.from != Bridge::kTerminal, to = b.to != Bridge::kTerminal;
    if (from && to) {
      const auto x = static_cast<size_t>(g.local[b.from]), y = static_cast<size_t>(g.local[b.to]);
      Set(&g.succ[x * g.words], y);
      Set(&g.pred[y * g.words], x);
    } else if (to) {
      g.start[static_cast<size_t>(g.local[b.to])] += b.count;
    } else if (from) {
      g.end[static_cast<size_t>(g.local[b.from])] += b.count;
    }
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
  SetRows(f);
  // A vertex left without edges, start or end counts is no longer part of the graph.
  std::vector<uint32_t> keep;
  for (uint32_t a = 0; a < f.n; ++a) {
    bool alive = f.start[a] > 0 || f.end[a] > 0;
    for (size_t w = 0; w < f.words && !alive; ++w) alive = (f.succ[a * f.words + w] | f.pred[a * f.words + w]) != 0;
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
  SetRows(c);
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
