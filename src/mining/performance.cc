#include "mining/performance.h"

#include <algorithm>
#include <cmath>
#include <unordered_map>

#include "mining/order_statistics.h"
#include "mining/ordering.h"

namespace ordo::mining {
namespace {

// The quantiles CaseDurations reports, as NumPy's default (linear) method defines them.
constexpr double kQuantiles[] = {0.10, 0.25, 0.75, 0.90, 0.95, 0.99};

// The two ranks a linear-interpolation quantile reads, and the weight of the upper one.
struct QuantileRanks {
  size_t lo, hi;
  double frac;
};

QuantileRanks RanksOf(size_t n, double q) {
  const double pos = q * static_cast<double>(n - 1);
  const auto lo = static_cast<size_t>(std::floor(pos));
  return {lo, std::min(lo + 1, n - 1), pos - static_cast<double>(lo)};
}

double Quantile(const std::vector<double>& ranked, QuantileRanks r) {
  return ranked[r.lo] + (ranked[r.hi] - ranked[r.lo]) * r.frac;
}

}  // namespace

DurationStats CaseDurations(const EventLog& log, std::span<const uint32_t> rows, std::span<const int64_t> times) {
  DurationStats s;
  s.seconds.resize(log.num_cases());
  for (size_t c = 0; c < log.num_cases(); ++c) {
    uint32_t b = log.case_begin(c), e = log.case_end(c);
    s.seconds[c] = SecondsBetween(times[rows[b]], times[rows[e - 1]]);
  }
  if (s.seconds.empty()) return s;
  const size_t n = s.seconds.size();
  // Neumaier summation, close to Python's exactly rounded statistics.fmean.
  double sum = 0, comp = 0, lo = s.seconds[0], hi = s.seconds[0];
  for (double x : s.seconds) {
    const double t = sum + x;
    comp += std::abs(sum) >= std::abs(x) ? (sum - t) + x : (x - t) + sum;
    sum = t;
    lo = std::min(lo, x);
    hi = std::max(hi, x);
  }
  s.mean = (sum + comp) / static_cast<double>(n);
  s.min = lo;
  s.max = hi;
  // Only the ranks the median and the quantiles read are put in place (no full sort).
  QuantileRanks q[std::size(kQuantiles)];
  std::vector<size_t> ranks = {(n - 1) / 2, n / 2};
  for (size_t i = 0; i < std::size(kQuantiles); ++i) {
    q[i] = RanksOf(n, kQuantiles[i]);
    ranks.push_back(q[i].lo);
    ranks.push_back(q[i].hi);
  }
  std::sort(ranks.begin(), ranks.end());
  std::vector<double> ranked = s.seconds;
  SelectRanks(ranked, ranks);
  s.median = n % 2 == 1 ? ranked[n / 2] : (ranked[n / 2 - 1] + ranked[n / 2]) / 2;
  s.p10 = Quantile(ranked, q[0]);
  s.p25 = Quantile(ranked, q[1]);
  s.p75 = Quantile(ranked, q[2]);
  s.p90 = Quantile(ranked, q[3]);
  s.p95 = Quantile(ranked, q[4]);
  s.p99 = Quantile(ranked, q[5]);
  return s;
}

Bottlenecks FindBottlenecks(const EventLog& log, const Dfg& dfg) {
  Bottlenecks b;
  b.edges_by_total = dfg.edges;
  std::stable_sort(b.edges_by_total.begin(), b.edges_by_total.end(),
                   [](const DfgEdge& x, const DfgEdge& y) { return x.total_s > y.total_s; });
  b.edges_by_mean = dfg.edges;
  std::stable_sort(b.edges_by_mean.begin(), b.edges_by_mean.end(),
                   [](const DfgEdge& x, const DfgEdge& y) { return x.mean_s > y.mean_s; });

  std::unordered_map<StringId, ActivityWait> waits;
  for (const DfgEdge& e : dfg.edges) {
    ActivityWait& w = waits[e.to];
    w.activity = e.to;
    w.count += e.frequency;
    w.total_s += e.total_s;
  }
  for (auto& [id, w] : waits) {
    w.mean_s = w.count ? w.total_s / static_cast<double>(w.count) : 0;
    b.activities_by_total.push_back(w);
  }
  std::sort(b.activities_by_total.begin(), b.activities_by_total.end(), [](const ActivityWait& x, const ActivityWait& y) {
    return x.total_s != y.total_s ? x.total_s > y.total_s : x.activity < y.activity;
  });
  b.activities_by_mean = b.activities_by_total;
  std::sort(b.activities_by_mean.begin(), b.activities_by_mean.end(), [](const ActivityWait& x, const ActivityWait& y) {
    return x.mean_s != y.mean_s ? x.mean_s > y.mean_s : x.activity < y.activity;
  });

  // Rework: occurrences per (case, activity), counted with a per-case scratch table over the
  // dense activities.
  const std::vector<uint32_t>& act = log.activity_indexes();
  const std::vector<StringId>& names = log.activity_alphabet();
  std::vector<uint32_t> seen(names.size(), 0);
  std::vector<Rework> per(names.size());
  std::vector<uint32_t> touched;
  for (size_t c = 0; c < log.num_cases(); ++c) {
    touched.clear();
    for (uint32_t r = log.case_begin(c); r < log.case_end(c); ++r) {
      if (seen[act[r]]++ == 0) touched.push_back(act[r]);
    }
    bool any = false;
    for (uint32_t a : touched) {
      if (seen[a] > 1) {
        per[a].activity = names[a];
        ++per[a].cases;
        per[a].repeats += seen[a] - 1;
        any = true;
      }
      seen[a] = 0;
    }
    if (any) ++b.cases_with_rework;
  }
  for (const Rework& r : per) {
    if (r.cases) b.rework.push_back(r);
  }
  std::sort(b.rework.begin(), b.rework.end(), [](const Rework& x, const Rework& y) {
    return x.repeats != y.repeats ? x.repeats > y.repeats : x.activity < y.activity;
  });
  return b;
}

}  // namespace ordo::mining
