#include "mining/dfg.h"

#include <algorithm>
#include <cmath>
#include <unordered_map>

#include "mining/order_statistics.h"

namespace ordo::mining {
namespace {

// counts: per dense activity (EventLog::activity_alphabet), in the order of first appearance,
// which stays the order of equal counts.
std::vector<ActivityCount> SortedCounts(const std::vector<uint64_t>& counts, const std::vector<StringId>& ids) {
  std::vector<ActivityCount> out;
  for (size_t i = 0; i < counts.size(); ++i) {
    if (counts[i] != 0) out.push_back({ids[i], counts[i]});
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const ActivityCount& a, const ActivityCount& b) { return a.count > b.count; });
  return out;
}

struct Summary {
  double total = 0, min = 0, max = 0;
};

// The compensated sum (Neumaier, "Rundungsfehleranalyse einiger Verfahren zur Summation
// endlicher Summen", ZAMM 54, 1974), the least and the greatest of v (not empty). The total and
// mean match pandas' compensated group sums. Two interleaved accumulators, each compensated,
// halve the dependency chain of the additions; a sum of whole seconds is exact either way.
Summary Summarise(std::span<const double> v) {
  double sum[2] = {0, 0}, comp[2] = {0, 0};
  double lo[2] = {v[0], v[0]}, hi[2] = {v[0], v[0]};
  auto add = [](double& s, double& c, double x) {
    const double t = s + x;
    c += std::abs(s) >= std::abs(x) ? (s - t) + x : (x - t) + s;
    s = t;
  };
  size_t i = 0;
  for (; i + 1 < v.size(); i += 2) {
    add(sum[0], comp[0], v[i]);
    add(sum[1], comp[1], v[i + 1]);
    lo[0] = std::min(lo[0], v[i]);
    lo[1] = std::min(lo[1], v[i + 1]);
    hi[0] = std::max(hi[0], v[i]);
    hi[1] = std::max(hi[1], v[i + 1]);
  }
  if (i < v.size()) {
    add(sum[0], comp[0], v[i]);
    lo[0] = std::min(lo[0], v[i]);
    hi[0] = std::max(hi[0], v[i]);
  }
  double total = 0, c = 0;
  add(total, c, sum[0]);
  add(total, c, sum[1]);
  add(total, c, comp[0]);
  add(total, c, comp[1]);
  return {total + c, std::min(lo[0], lo[1]), std::max(hi[0], hi[1])};
}

}  // namespace

void CountStartEnd(const EventLog& log, std::span<const uint32_t> rows, Dfg& dfg) {
  const std::vector<StringId>& ids = log.activity_alphabet();
  std::vector<uint64_t> start(ids.size(), 0), end(ids.size(), 0);
  const std::vector<uint32_t>& dense = log.activity_indexes();
  for (size_t c = 0; c < log.num_cases(); ++c) {
    uint32_t b = log.case_begin(c), e = log.case_end(c);
    if (b == e) continue;
    ++start[dense[rows[b]]];
    ++end[dense[rows[e - 1]]];
  }
  dfg.start_activities = SortedCounts(start, ids);
  dfg.end_activities = SortedCounts(end, ids);
}

Dfg DiscoverDfg(const EventLog& log, std::span<const uint32_t> rows, std::span<const int64_t> times,
                Performance performance) {
  Dfg dfg;
  const bool perf = performance == Performance::kYes;
  // The dense activity column, so that the pair table is n x n for n activities.
  const std::vector<StringId>& ids = log.activity_alphabet();  // dense -> string id
  const std::vector<uint32_t>& dense = log.activity_indexes();
  const size_t n = ids.size();

  // Pass 1: a key per consecutive pair and a count per key. With few activities the key is
  // from * n + to and the counts are a flat n x n table; with many, a hash map numbers the edges
  // in order of appearance.
  const bool flat = n <= 1024;
  std::vector<uint32_t> count;                       // per key
  std::unordered_map<uint64_t, uint32_t> map_key;    // (from, to) -> key, when not flat
  std::vector<std::pair<uint32_t, uint32_t>> ends;   // per key, when not flat
  std::vector<uint32_t> pair_key(perf ? rows.size() : 0);  // key of each pair, in walk order
  size_t pairs = 0;
  if (flat) {
    count.assign(n * n, 0);
    for (size_t c = 0; c < log.num_cases(); ++c) {
      const uint32_t b = log.case_begin(c), e = log.case_end(c);
      if (b == e) continue;
      uint32_t from = dense[rows[b]];
      for (uint32_t i = b + 1; i < e; ++i) {
        const uint32_t to = dense[rows[i]];
        const uint32_t key = from * static_cast<uint32_t>(n) + to;
        ++count[key];
        if (perf) pair_key[pairs] = key;
        ++pairs;
        from = to;
      }
    }
  } else {
    for (size_t c = 0; c < log.num_cases(); ++c) {
      const uint32_t b = log.case_begin(c), e = log.case_end(c);
      for (uint32_t i = b + 1; i < e; ++i) {
        const uint32_t from = dense[rows[i - 1]], to = dense[rows[i]];
        auto [it, added] = map_key.try_emplace((static_cast<uint64_t>(from) << 32) | to,
                                               static_cast<uint32_t>(count.size()));
        if (added) {
          count.push_back(0);
          ends.emplace_back(from, to);
        }
        ++count[it->second];
        if (perf) pair_key[pairs] = it->second;
        ++pairs;
      }
    }
  }
  // The edges, and (reusing count) where each key's durations start in the bucketed array.
  std::vector<DfgEdge> out;
  uint32_t offset = 0;
  for (size_t key = 0; key < count.size(); ++key) {
    if (count[key] == 0) continue;
    const auto [from, to] = flat ? std::pair<uint32_t, uint32_t>(key / n, key % n) : ends[key];
    DfgEdge& edge = out.emplace_back();
    edge.from = ids[from];
    edge.to = ids[to];
    edge.frequency = count[key];
    dfg.total_frequency += count[key];
    count[key] = offset;
    offset += static_cast<uint32_t>(edge.frequency);
  }

  if (perf) {
    // Pass 2: bucket every pair's duration by edge (counting sort), then summarise each bucket.
    std::vector<double> values(pairs);
    size_t p = 0;
    for (size_t c = 0; c < log.num_cases(); ++c) {
      const uint32_t b = log.case_begin(c), e = log.case_end(c);
      for (uint32_t i = b + 1; i < e; ++i) {
        values[count[pair_key[p++]]++] = SecondsBetween(times[rows[i - 1]], times[rows[i]]);
      }
    }
    size_t start = 0;
    for (DfgEdge& edge : out) {
      const std::span<double> v(values.data() + start, edge.frequency);
      start += edge.frequency;
      const Summary sums = Summarise(v);
      const double sum = sums.total;
      edge.total_s = sum;
      edge.mean_s = sum / static_cast<double>(v.size());
      edge.median_s = MedianInPlace(v);
      edge.min_s = sums.min;
      edge.max_s = sums.max;
    }
  }
  std::sort(out.begin(), out.end(), [](const DfgEdge& a, const DfgEdge& b) {
    return a.from != b.from ? a.from < b.from : a.to < b.to;
  });
  dfg.edges = std::move(out);
  return dfg;
}

}  // namespace ordo::mining
