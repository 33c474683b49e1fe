// Optimal alignments on nets small enough to check by hand, and the A* search against a plain
// Dijkstra search (no heuristic) on random block-structured nets and traces: equal costs mean the
// heuristic never overestimates. The real logs are compared with PM4Py in reference_test.cc.
#include "mining/alignment.h"

#include <gtest/gtest.h>

#include <random>
#include <string>

#include "mining/csv_reader.h"
#include "mining/petri_net.h"
#include "mining/process_tree.h"

namespace ordo::mining {
namespace {

class Alignments : public ::testing::Test {
 protected:
  void SetUp() override {
    Result<EventLog> r = ReadCsv("case:concept:name,concept:name,time:timestamp\n"
                                 "1,a,2020-01-01T00:00:00Z\n1,b,2020-01-01T01:00:00Z\n1,c,2020-01-01T02:00:00Z\n"
                                 "1,d,2020-01-01T03:00:00Z\n1,x,2020-01-01T04:00:00Z\n",
                                 CsvOptions{});
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    log_ = std::move(r).value();
  }
  StringId Id(const char* name) const { return log_.strings().Find(name); }
  ProcessTree Leaf(const char* name) const { return ProcessTree::Leaf(Id(name)); }
  std::vector<StringId> Trace(const std::string& letters) const {
    std::vector<StringId> t;
    for (char c : letters) t.push_back(Id(std::string(1, c).c_str()));
    return t;
  }
  TraceAlignment Align(const ProcessTree& tree, const std::string& letters,
                       AlignmentHeuristic heuristic = AlignmentHeuristic::kStructural) {
    AlignmentOptions options;
    options.heuristic = heuristic;
    Result<TraceAlignment> a = AlignTrace(ToPetriNet(tree), Trace(letters), options);
    EXPECT_TRUE(a.ok()) << a.status().ToString();
    EXPECT_TRUE(a->finished);
    return a.ok() ? *a : TraceAlignment{};
  }

  EventLog log_;
};

TEST_F(Alignments, MissingEventIsOneVisibleModelMove) {
  ProcessTree seq = ProcessTree::Node(TreeOperator::kSequence, {Leaf("a"), Leaf("b"), Leaf("c")});
  PetriNet net = ToPetriNet(seq);
  TraceAlignment a = Align(seq, "ac");
  EXPECT_EQ(a.cost, 10000);
  ASSERT_EQ(a.moves.size(), 3u);
  EXPECT_EQ(a.moves[0].kind, MoveKind::kSync);
  EXPECT_EQ(a.moves[1].kind, MoveKind::kModel);
  EXPECT_EQ(net.transitions[a.moves[1].transition].label, Id("b"));
  EXPECT_EQ(a.moves[2].kind, MoveKind::kSync);
  // Worst cost: two log moves plus the model-only run a, b, c.
  EXPECT_EQ(a.worst_cost, 2 * 10000 + 3 * 10000);
  EXPECT_DOUBLE_EQ(a.fitness, 1.0 - 1.0 / 5.0);
}

TEST_F(Alignments, UnknownActivityIsALogMove) {
  ProcessTree seq = ProcessTree::Node(TreeOperator::kSequence, {Leaf("a"), Leaf("b")});
  TraceAlignment a = Align(seq, "axb");
  EXPECT_EQ(a.cost, 10000);
  ASSERT_EQ(a.moves.size(), 3u);
  EXPECT_EQ(a.moves[1].kind, MoveKind::kLog);
  EXPECT_EQ(a.moves[1].activity, Id("x"));
}

TEST_F(Alignments, SkippingThroughATauCostsOneAndStillFits) {
  ProcessTree tree = ProcessTree::Node(
      TreeOperator::kSequence,
      {Leaf("a"), ProcessTree::Node(TreeOperator::kXor, {ProcessTree::Tau(), Leaf("b")}), Leaf("c")});
  TraceAlignment skip = Align(tree, "ac");
  EXPECT_EQ(skip.cost, 1);
  EXPECT_DOUBLE_EQ(skip.fitness, 1.0);
  TraceAlignment full = Align(tree, "abc");
  EXPECT_EQ(full.cost, 0);
  // Reversed: one event syncs, two are log moves, and the model runs a, tau, c (one model move).
  TraceAlignment reversed = Align(tree, "cba");
  EXPECT_EQ(reversed.cost, 3 * 10000 + 1);
}

TEST_F(Alignments, ConcurrencyAcceptsEveryInterleaving) {
  ProcessTree tree = ProcessTree::Node(
      TreeOperator::kSequence,
      {Leaf("a"), ProcessTree::Node(TreeOperator::kParallel, {Leaf("b"), Leaf("c"), Leaf("d")}), Leaf("x")});
  PetriNet net = ToPetriNet(tree);
  for (const char* t : {"abcdx", "adcbx", "acbdx"}) {
    TraceAlignment a = Align(tree, t);
    // Every silent transition left after the reduction (split, join) lies on every run.
    EXPECT_EQ(a.cost, static_cast<int64_t>(net.num_silent())) << t;
    EXPECT_DOUBLE_EQ(a.fitness, 1.0) << t;
  }
}

TEST_F(Alignments, LogFiguresWeightVariantsByCases) {
  ProcessTree seq = ProcessTree::Node(TreeOperator::kSequence, {Leaf("a"), Leaf("b"), Leaf("c")});
  Variants v;
  v.Add(Trace("abc"), 3, 0);
  v.Add(Trace("ac"), 1, 3);
  Result<AlignmentResult> r = AlignVariants(ToPetriNet(seq), v);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->model_cost, 30000);
  EXPECT_EQ(r->cases, 4u);
  EXPECT_EQ(r->fit_cases, 3u);
  EXPECT_DOUBLE_EQ(r->perc_fit_traces, 75.0);
  // Costs 0 x3 and 10000; worst costs (30000 + 30000) x3 and 20000 + 30000.
  EXPECT_DOUBLE_EQ(r->log_fitness, 1.0 - 10000.0 / (3 * 60000.0 + 50000.0));
  EXPECT_DOUBLE_EQ(r->average_trace_fitness, (3 * 1.0 + 0.8) / 4);
}

TEST_F(Alignments, StateLimitLeavesTheTraceUnfinished) {
  ProcessTree tree = ProcessTree::Node(TreeOperator::kParallel, {Leaf("a"), Leaf("b"), Leaf("c"), Leaf("d")});
  Variants v;
  v.Add(Trace("xxxxxxxx"), 2, 0);
  AlignmentOptions options;
  options.max_states = 20;
  Result<AlignmentResult> r = AlignVariants(ToPetriNet(tree), v, options);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_FALSE(r->variants[0].finished);
  EXPECT_EQ(r->unfinished_variants, 1u);
  EXPECT_EQ(r->aligned_cases, 0u);
}

TEST_F(Alignments, SpentTimeBudgetLeavesTheRestUnfinished) {
  ProcessTree seq = ProcessTree::Node(TreeOperator::kSequence, {Leaf("a"), Leaf("b")});
  Variants v;
  for (int i = 0; i < 20; ++i) v.Add(Trace("ab"), 1, static_cast<uint32_t>(i));
  AlignmentOptions options;
  options.time_budget_s = 1e-12;
  Result<AlignmentResult> r = AlignVariants(ToPetriNet(seq), v, options);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->unfinished_variants, 20u);
  options.time_budget_s = 0;  // no limit
  r = AlignVariants(ToPetriNet(seq), v, options);
  EXPECT_EQ(r->unfinished_variants, 0u);
  EXPECT_EQ(r->fit_cases, 20u);
}

TEST_F(Alignments, NetWithoutRunToTheSinkIsAnError) {
  PetriNet net;
  net.places = {"source", "sink", "p"};
  net.source = 0;
  net.sink = 1;
  net.transitions.push_back(PetriNet::Transition{Id("a"), "t", {0}, {2}});
  Result<AlignmentResult> r = AlignVariants(net, Variants{});
  EXPECT_FALSE(r.ok());
}

ProcessTree RandomTree(std::mt19937& rng, const std::vector<StringId>& labels, int depth) {
  std::uniform_int_distribution<int> pick(0, 9);
  int kind = depth == 0 ? 0 : pick(rng);
  if (kind < 4) {
    if (pick(rng) == 0) return ProcessTree::Tau();
    return ProcessTree::Leaf(labels[std::uniform_int_distribution<size_t>(0, labels.size() - 1)(rng)]);
  }
  TreeOperator op = kind < 6 ? TreeOperator::kSequence : kind < 8 ? TreeOperator::kXor
                    : kind < 9 ? TreeOperator::kParallel : TreeOperator::kLoop;
  int n = op == TreeOperator::kLoop ? 2 : 2 + pick(rng) % 2;
  std::vector<ProcessTree> children;
  for (int i = 0; i < n; ++i) children.push_back(RandomTree(rng, labels, depth - 1));
  return ProcessTree::Node(op, std::move(children));
}

TEST_F(Alignments, HeuristicSearchFindsDijkstrasOptimum) {
  std::mt19937 rng(20261130);
  std::vector<StringId> labels = Trace("abcdx");
  int compared = 0;
  for (int round = 0; round < 400; ++round) {
    ProcessTree tree = RandomTree(rng, labels, 3);
    Normalize(tree);
    PetriNet net = ToPetriNet(tree);
    std::string trace;
    int length = std::uniform_int_distribution<int>(0, 8)(rng);
    for (int i = 0; i < length; ++i) trace += "abcdx"[std::uniform_int_distribution<int>(0, 4)(rng)];
    AlignmentOptions fast, plain;
    plain.heuristic = AlignmentHeuristic::kNone;
    Result<TraceAlignment> a = AlignTrace(net, Trace(trace), fast);
    Result<TraceAlignment> b = AlignTrace(net, Trace(trace), plain);
    ASSERT_TRUE(a.ok() && b.ok()) << ToString(tree, log_.strings());
    ASSERT_TRUE(a->finished && b->finished);
    EXPECT_EQ(a->cost, b->cost) << ToString(tree, log_.strings()) << " on '" << trace << "'";
    EXPECT_LE(a->visited_states, b->visited_states);
    // The moves replay: sync and log moves consume the trace in order.
    std::string consumed;
    for (const AlignmentMove& m : a->moves) {
      if (m.kind != MoveKind::kModel) consumed += std::string(log_.str(m.activity));
    }
    EXPECT_EQ(consumed, trace);
    ++compared;
  }
  EXPECT_EQ(compared, 400);
}

}  // namespace
}  // namespace ordo::mining
