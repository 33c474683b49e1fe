// DFG, variants, case durations, bottlenecks and rework on a log small enough to check by hand.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <random>

#include "mining/csv_reader.h"
#include "mining/order_statistics.h"
#include "mining/summary.h"

namespace ordo::mining {
namespace {

// c1: a(0h) b(1h) c(3h)   c2: a(0h) b(2h) b(3h) c(7h)   c3: a(1h) c(2h), listed out of time order
const char* kCsv =
    "case:concept:name,concept:name,time:timestamp\n"
    "c1,a,2020-01-01T00:00:00Z\nc1,b,2020-01-01T01:00:00Z\nc1,c,2020-01-01T03:00:00Z\n"
    "c2,a,2020-01-01T00:00:00Z\nc2,b,2020-01-01T02:00:00Z\nc2,b,2020-01-01T03:00:00Z\nc2,c,2020-01-01T07:00:00Z\n"
    "c3,c,2020-01-01T02:00:00Z\nc3,a,2020-01-01T01:00:00Z\n";

class Analysis : public ::testing::Test {
 protected:
  void SetUp() override {
    Result<EventLog> r = ReadCsv(kCsv, CsvOptions{});
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    log_ = std::move(r).value();
    mined_ = MineAll(log_, SummaryOptions{});
  }
  const DfgEdge* Edge(std::string_view from, std::string_view to) {
    for (const DfgEdge& e : mined_.dfg.edges) {
      if (log_.str(e.from) == from && log_.str(e.to) == to) return &e;
    }
    return nullptr;
  }
  EventLog log_;
  Mined mined_;
};

TEST_F(Analysis, UnsortedCaseIsOrderedByTimeAndCounted) {
  EXPECT_EQ(mined_.order.unsorted_cases, 1u);
  const DfgEdge* ac = Edge("a", "c");
  ASSERT_NE(ac, nullptr);
  EXPECT_EQ(ac->frequency, 1u);
  EXPECT_EQ(Edge("c", "a"), nullptr);
}

TEST_F(Analysis, DfgFrequenciesAndPerformance) {
  EXPECT_EQ(mined_.dfg.edges.size(), 4u);  // a>b, b>c, b>b, a>c
  EXPECT_EQ(mined_.dfg.total_frequency, 6u);
  const DfgEdge* ab = Edge("a", "b");
  ASSERT_NE(ab, nullptr);
  EXPECT_EQ(ab->frequency, 2u);
  EXPECT_DOUBLE_EQ(ab->mean_s, 5400);
  EXPECT_DOUBLE_EQ(ab->median_s, 5400);
  EXPECT_DOUBLE_EQ(ab->min_s, 3600);
  EXPECT_DOUBLE_EQ(ab->max_s, 7200);
  EXPECT_DOUBLE_EQ(ab->total_s, 10800);
  const DfgEdge* bc = Edge("b", "c");
  ASSERT_NE(bc, nullptr);
  EXPECT_DOUBLE_EQ(bc->total_s, 7200 + 14400);
  ASSERT_EQ(mined_.dfg.start_activities.size(), 1u);
  EXPECT_EQ(mined_.dfg.start_activities[0].count, 3u);
  ASSERT_EQ(mined_.dfg.end_activities.size(), 1u);
}

TEST_F(Analysis, Variants) {
  ASSERT_EQ(mined_.variants.variants.size(), 3u);
  for (const Variant& v : mined_.variants.variants) EXPECT_EQ(v.cases, 1u);
  EXPECT_EQ(mined_.variants.variants[0].first_case, 0u);  // ties: first case first
  // In file order c3 would read c, a: a different variant.
  Variants file = ComputeVariants(log_, FileOrder(log_));
  EXPECT_EQ(log_.str(file.variants[2].activities[0]), "c");
}

TEST_F(Analysis, CaseDurations) {
  const DurationStats& d = mined_.durations;
  EXPECT_DOUBLE_EQ(d.seconds[0], 3 * 3600);
  EXPECT_DOUBLE_EQ(d.seconds[1], 7 * 3600);
  EXPECT_DOUBLE_EQ(d.seconds[2], 3600);
  EXPECT_DOUBLE_EQ(d.mean, 11.0 * 3600 / 3);
  EXPECT_DOUBLE_EQ(d.median, 3 * 3600);
  EXPECT_DOUBLE_EQ(d.max, 7 * 3600);
  EXPECT_DOUBLE_EQ(d.p90, 3 * 3600 + 0.8 * 4 * 3600);
}

TEST_F(Analysis, BottlenecksAndRework) {
  const Bottlenecks& b = mined_.bottlenecks;
  ASSERT_FALSE(b.edges_by_total.empty());
  EXPECT_EQ(log_.str(b.edges_by_total[0].from), "b");
  EXPECT_EQ(log_.str(b.edges_by_total[0].to), "c");
  ASSERT_FALSE(b.activities_by_total.empty());
  EXPECT_EQ(log_.str(b.activities_by_total[0].activity), "c");
  EXPECT_DOUBLE_EQ(b.activities_by_total[0].total_s, 7200 + 14400 + 3600);
  ASSERT_EQ(b.rework.size(), 1u);
  EXPECT_EQ(log_.str(b.rework[0].activity), "b");
  EXPECT_EQ(b.rework[0].cases, 1u);
  EXPECT_EQ(b.rework[0].repeats, 1u);
  EXPECT_EQ(b.cases_with_rework, 1u);
}

TEST(Variants, AddedByHandKeepTheirActivitiesAcrossGrowthAndMoves) {
  Variants v;
  std::vector<std::vector<StringId>> added;
  for (uint32_t i = 0; i < 200; ++i) {  // the storage reallocates many times on the way
    added.push_back(std::vector<StringId>(i % 7, i));
    v.Add(added.back(), i + 1, i);
  }
  v.Add(v.variants[5].activities, 9, 200);  // a view of its own storage
  added.push_back(added[5]);
  Variants moved = std::move(v);
  ASSERT_EQ(moved.variants.size(), added.size());
  for (size_t i = 0; i < added.size(); ++i) {
    EXPECT_TRUE(std::equal(moved.variants[i].activities.begin(), moved.variants[i].activities.end(), added[i].begin(),
                           added[i].end()))
        << i;
  }
  EXPECT_EQ(moved.variants[200].cases, 9u);
}

TEST(Seconds, MatchesPandasTotalSeconds) {
  EXPECT_DOUBLE_EQ(SecondsBetween(0, 1'500'000'000), 1.5);
  EXPECT_DOUBLE_EQ(SecondsBetween(0, 86'400'000'000'000 + 1'000), 86400.000001);
  EXPECT_DOUBLE_EQ(SecondsBetween(1'000'000'000, 0), -1.0);
  EXPECT_DOUBLE_EQ(SecondsBetween(500'000'000, 0), -0.5);  // floored: -1 s + 0.5 s
  // Instants further apart than int64 nanoseconds hold take the 128-bit path.
  EXPECT_DOUBLE_EQ(SecondsBetween(INT64_MIN, INT64_MAX), 18446744073.709551615);
}

TEST(Seconds, InlinePathEqualsTheWidePathBitForBit) {
  std::mt19937_64 rng(7);
  for (int i = 0; i < 200000; ++i) {
    const int shift = static_cast<int>(rng() % 62);
    const auto from = static_cast<int64_t>(rng() >> (shift + 1)) * (rng() % 2 ? 1 : -1);
    // Wraps around now and then, so differences that overflow int64 are covered too.
    const auto to = static_cast<int64_t>(static_cast<uint64_t>(from) + (rng() >> shift) * (rng() % 2 ? 1 : -1));
    const double fast = SecondsBetween(from, to), wide = SecondsBetweenWide(from, to);
    ASSERT_EQ(std::memcmp(&fast, &wide, sizeof fast), 0) << from << " " << to;
  }
}

TEST(OrderStatistics, SelectionAgreesWithSorting) {
  std::mt19937_64 rng(11);
  for (int round = 0; round < 300; ++round) {
    const size_t n = 1 + rng() % (round < 200 ? 60 : 5000);
    const uint64_t distinct = 1 + rng() % (round % 3 == 0 ? 4 : 1000000);  // many repeats, or few
    std::vector<double> v(n);
    for (double& x : v) x = static_cast<double>(rng() % distinct) * 0.5;
    if (round % 7 == 0) std::sort(v.begin(), v.end());  // sorted and reversed input too
    if (round % 7 == 1) std::sort(v.rbegin(), v.rend());
    std::vector<double> sorted = v;
    std::sort(sorted.begin(), sorted.end());
    const size_t k = rng() % n;
    std::vector<double> w = v;
    ASSERT_EQ(SelectKth(w, k), sorted[k]);
    for (size_t i = 0; i < n; ++i) ASSERT_TRUE(i < k ? w[i] <= w[k] : w[i] >= w[k]) << i;
    std::vector<size_t> ranks = {0, n / 2, n / 2, n - 1, rng() % n, rng() % n, rng() % n};
    std::sort(ranks.begin(), ranks.end());
    w = v;
    SelectRanks(w, ranks);
    for (size_t r : ranks) ASSERT_EQ(w[r], sorted[r]) << "rank " << r << " of " << n;
    w = v;
    const double median = n % 2 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    ASSERT_EQ(MedianInPlace(w), median);
    std::sort(w.begin(), w.end());
    ASSERT_EQ(w, sorted);  // a permutation of the input
  }
  std::vector<double> none;
  EXPECT_EQ(MedianInPlace(none), 0);
}

TEST(OrderStatistics, AdversarialInputStaysCorrect) {
  // Organ-pipe input defeats a median-of-three pivot; the round limit hands over to
  // std::nth_element, and the answer is still the sorted one.
  std::vector<double> v;
  for (int i = 0; i < 20000; ++i) v.push_back(i < 10000 ? i : 20000 - i);
  std::vector<double> sorted = v;
  std::sort(sorted.begin(), sorted.end());
  for (size_t k : {size_t{0}, size_t{1}, size_t{9999}, size_t{10000}, size_t{19999}}) {
    std::vector<double> w = v;
    EXPECT_EQ(SelectKth(w, k), sorted[k]);
  }
}

TEST(Summary, RoundsLikePython) {
  EXPECT_EQ(RoundTo(2.675, 2), 2.67);  // 2.675 is 2.67499999... in binary
  EXPECT_EQ(RoundTo(0.25, 1), 0.2);    // ties to even on the exact value
  EXPECT_EQ(json::Serialize(Number(966890.0)), "966890");
}

}  // namespace
}  // namespace ordo::mining
