#include "mining/dfg.h"

#include <algorithm>
#include <cmath>
#include <unordered_map>

namespace ordo::mining {
namespace {

// Edge keys are (from, to) activity ids. Activity ids are string ids; they are renumbered
// densely so that the edge table is a flat array when there are few activities.
struct Dense {
  std::vector<uint32_t> index;  // string id -> dense activity + 1
  std::vector<StringId> ids;    // dense -> string id
};

Dense Densify(const EventLog& log) {
  Dense d;
  // Sized by the largest activity id, not by every string of the log: logs with many attribute
  // values would clear a large index on every call.
  StringId largest = 0;
  for (StringId a : log.activities()) largest = std::max(largest, a);
  d.index.assign(log.activities().empty() ? 0 : static_cast<size_t>(largest) + 1, 0);
  for (StringId a : log.activities()) {
    if (d.index[a] == 0) {
      d.ids.push_back(a);
      d.index[a] = static_cast<uint32_t>(d.ids.size());
    }
  }
  return d;
}

std::vector<ActivityCount> SortedCounts(const std::vector<uint64_t>& counts, const Dense& d) {
  std::vector<ActivityCount> out;
  for (size_t i = 0; i < counts.size(); ++i) {
    if (counts[i] != 0) out.push_back({d.ids[i], counts[i]});
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const ActivityCount& a, const ActivityCount& b) { return a.count > b.count; });
  return out;
}

}  // namespace

void CountStartEnd(const EventLog& log, std::span<const uint32_t> rows, Dfg& dfg) {
  Dense d = Densify(log);
  std::vector<uint64_t> start(d.ids.size(), 0), end(d.ids.size(), 0);
  const std::vector<StringId>& act = log.activities();
  for (size_t c = 0; c < log.num_cases(); ++c) {
    uint32_t b = log.case_begin(c), e = log.case_end(c);
    if (b == e) continue;
    ++start[d.index[act[rows[b]]] - 1];
    ++end[d.index[act[rows[e - 1]]] - 1];
  }
  dfg.start_activities = SortedCounts(start, d);
  dfg.end_activities = SortedCounts(end, d);
}

Dfg DiscoverDfg(const EventLog& log, std::span<const uint32_t> rows, std::span<const int64_t> times,
                Performance performance) {
  Dfg dfg;
  Dense d = Densify(log);
  const size_t n = d.ids.size();
  const std::vector<StringId>& act = log.activities();
  // Dense activity of each row, in walk order, so the hot loops read one small array.
  std::vector<uint32_t> walk(rows.size());
  for (size_t i = 0; i < rows.size(); ++i) walk[i] = d.index[act[rows[i]]] - 1;

  // Pass 1: edge ids and counts.
  const bool flat = n <= 1024;
  std::vector<uint32_t> flat_edge;               // from * n + to -> edge + 1
  std::unordered_map<uint64_t, uint32_t> map_edge;  // for logs with very many activities
  if (flat) flat_edge.assign(n * n, 0);
  std::vector<uint64_t> counts;
  std::vector<std::pair<uint32_t, uint32_t>> ends;
  std::vector<uint32_t> pair_edge;  // edge id of each consecutive pair, in walk order
  if (performance == Performance::kYes) pair_edge.reserve(rows.size());
  for (size_t c = 0; c < log.num_cases(); ++c) {
    uint32_t b = log.case_begin(c), e = log.case_end(c);
    for (uint32_t i = b + 1; i < e; ++i) {
      uint32_t from = walk[i - 1], to = walk[i];
      uint32_t* slot;
      if (flat) {
        slot = &flat_edge[static_cast<size_t>(from) * n + to];
      } else {
        slot = &map_edge[(static_cast<uint64_t>(from) << 32) | to];
      }
      if (*slot == 0) {
        counts.push_back(0);
        ends.emplace_back(from, to);
        *slot = static_cast<uint32_t>(counts.size());
      }
      ++counts[*slot - 1];
      if (performance == Performance::kYes) pair_edge.push_back(*slot - 1);
    }
  }
  const size_t edges = counts.size();
  std::vector<DfgEdge> out(edges);
  for (size_t k = 0; k < edges; ++k) {
    out[k].from = d.ids[ends[k].first];
    out[k].to = d.ids[ends[k].second];
    out[k].frequency = counts[k];
    dfg.total_frequency += counts[k];
  }

  if (performance == Performance::kYes) {
    // Pass 2: bucket every pair's duration by edge (counting sort), then summarise each bucket.
    std::vector<uint64_t> offset(edges + 1, 0);
    for (size_t k = 0; k < edges; ++k) offset[k + 1] = offset[k] + counts[k];
    std::vector<uint64_t> cursor(offset.begin(), offset.end() - 1);
    std::vector<double> values(pair_edge.size());
    size_t p = 0;
    for (size_t c = 0; c < log.num_cases(); ++c) {
      uint32_t b = log.case_begin(c), e = log.case_end(c);
      for (uint32_t i = b + 1; i < e; ++i) {
        values[cursor[pair_edge[p++]]++] = SecondsBetween(times[rows[i - 1]], times[rows[i]]);
      }
    }
    for (size_t k = 0; k < edges; ++k) {
      double* v = values.data() + offset[k];
      size_t m = counts[k];
      // Neumaier summation: the total and mean match pandas' compensated group sums.
      double sum = 0, comp = 0, lo = v[0], hi = v[0];
      for (size_t i = 0; i < m; ++i) {
        double x = v[i];
        double t = sum + x;
        comp += std::abs(sum) >= std::abs(x) ? (sum - t) + x : (x - t) + sum;
        sum = t;
        lo = std::min(lo, x);
        hi = std::max(hi, x);
      }
      sum += comp;
      double median;
      std::nth_element(v, v + m / 2, v + m);
      double upper = v[m / 2];
      if (m % 2 == 1) {
        median = upper;
      } else {
        double lower = *std::max_element(v, v + m / 2);
        median = (lower + upper) / 2;
      }
      out[k].total_s = sum;
      out[k].mean_s = sum / static_cast<double>(m);
      out[k].median_s = median;
      out[k].min_s = lo;
      out[k].max_s = hi;
    }
  }
  std::sort(out.begin(), out.end(), [](const DfgEdge& a, const DfgEdge& b) {
    return a.from != b.from ? a.from < b.from : a.to < b.to;
  });
  dfg.edges = std::move(out);
  return dfg;
}

}  // namespace ordo::mining
