// Optimal alignments on nets small enough to check by hand, and the A* search against a plain
// Dijkstra search (no heuristic) on random block-structured nets and traces: equal costs mean the
// heuristic never overestimates. The real logs are compared with PM4Py in reference_test.cc.
// Also the simplex behind the marking-equation heuristic on LPs with known optima.
#include "mining/alignment.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <random>
#include <set>
#include <string>

#include "mining/csv_reader.h"
#include "mining/lp_simplex.h"
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
  int lp_worse = 0;
  uint64_t states_structural = 0, states_lp = 0, states_split = 0, lp_solves = 0, split_solves = 0;
  for (int round = 0; round < 400; ++round) {
    ProcessTree tree = RandomTree(rng, labels, 3);
    Normalize(tree);
    PetriNet net = ToPetriNet(tree);
    std::string trace;
    int length = std::uniform_int_distribution<int>(0, 8)(rng);
    for (int i = 0; i < length; ++i) trace += "abcdx"[std::uniform_int_distribution<int>(0, 4)(rng)];
    AlignmentOptions fast, plain, structural, lp, split;
    plain.heuristic = AlignmentHeuristic::kNone;
    structural.heuristic = AlignmentHeuristic::kStructural;
    // The plain LP from the fourth state on: states queued before then get their LP when popped.
    lp.marking_equation_after = 3;
    lp.split_up_to = 0;
    // The split LP from the start (these searches are too small to switch to it by themselves).
    split.split_after = 0;
    // Two rounds in three other costs, some with free silent moves.
    const bool other_costs = round % 3 != 0;
    if (other_costs) {
      AlignmentCosts costs{0, 5, 3, round % 3 == 1 ? 1 : 0};
      for (AlignmentOptions* o : {&fast, &plain, &structural, &lp, &split}) o->costs = costs;
    }
    Result<TraceAlignment> a = AlignTrace(net, Trace(trace), fast);
    Result<TraceAlignment> b = AlignTrace(net, Trace(trace), plain);
    Result<TraceAlignment> c = AlignTrace(net, Trace(trace), structural);
    Result<TraceAlignment> d = AlignTrace(net, Trace(trace), lp);
    Result<TraceAlignment> e = AlignTrace(net, Trace(trace), split);
    ASSERT_TRUE(a.ok() && b.ok() && c.ok() && d.ok() && e.ok()) << ToString(tree, log_.strings());
    ASSERT_TRUE(a->finished && b->finished && c->finished && d->finished && e->finished);
    EXPECT_EQ(a->cost, b->cost) << ToString(tree, log_.strings()) << " on '" << trace << "'";
    EXPECT_EQ(c->cost, b->cost) << ToString(tree, log_.strings()) << " on '" << trace << "'";
    EXPECT_EQ(d->cost, b->cost) << ToString(tree, log_.strings()) << " on '" << trace << "'";
    EXPECT_EQ(e->cost, b->cost) << ToString(tree, log_.strings()) << " on '" << trace << "' (split LP)";
    if (!other_costs) {
      EXPECT_LE(a->visited_states, b->visited_states);
      EXPECT_LE(c->visited_states, b->visited_states);
    }
    states_structural += c->visited_states;
    states_lp += a->visited_states;
    states_split += e->visited_states;
    if (a->visited_states > c->visited_states) ++lp_worse;
    lp_solves += a->lp_solves;
    split_solves += e->lp_solves;
    // The moves replay: sync and log moves consume the trace in order, the firings run from the
    // source to the sink with every transition enabled, and the moves cost what the search says.
    for (const Result<TraceAlignment>* r : {&a, &c, &d, &e}) {
      const AlignmentCosts& costs = fast.costs;
      std::string consumed;
      std::multiset<uint32_t> marking{net.source};
      int64_t cost = 0;
      for (const AlignmentMove& m : (*r)->moves) {
        if (m.kind != MoveKind::kModel) consumed += std::string(log_.str(m.activity));
        if (m.kind == MoveKind::kLog) {
          cost += costs.log_move;
          continue;
        }
        const PetriNet::Transition& t = net.transitions[m.transition];
        cost += m.kind == MoveKind::kSync ? costs.sync_move : t.silent() ? costs.silent_move : costs.model_move;
        for (uint32_t p : t.inputs) {
          auto it = marking.find(p);
          ASSERT_NE(it, marking.end()) << t.name << " is not enabled";
          marking.erase(it);
        }
        for (uint32_t p : t.outputs) marking.insert(p);
      }
      EXPECT_EQ(consumed, trace);
      EXPECT_EQ(marking, std::multiset<uint32_t>{net.sink});
      EXPECT_EQ(cost, (*r)->cost);
    }
  }
  EXPECT_GT(lp_solves, 0u);
  EXPECT_GT(split_solves, 0u);
  std::printf("visited states: structural %llu, marking equation %llu (%llu LPs; more states on %d nets), "
              "split marking equation %llu (%llu LPs)\n",
              static_cast<unsigned long long>(states_structural), static_cast<unsigned long long>(states_lp),
              static_cast<unsigned long long>(lp_solves), lp_worse, static_cast<unsigned long long>(states_split),
              static_cast<unsigned long long>(split_solves));
}

// max g·w s.t. A w <= c; the dual min c·x s.t. Aᵀ x = g, x >= 0.
InequalityLp MakeLp(size_t variables, const std::vector<std::vector<double>>& a, const std::vector<double>& c) {
  std::vector<InequalityLp::Row> rows;
  for (size_t i = 0; i < a.size(); ++i) {
    InequalityLp::Row row;
    for (size_t j = 0; j < a[i].size(); ++j) {
      if (a[i][j] != 0) row.entries.emplace_back(static_cast<uint32_t>(j), a[i][j]);
    }
    row.bound = c[i];
    rows.push_back(std::move(row));
  }
  Result<InequalityLp> lp = InequalityLp::Create(variables, std::move(rows));
  EXPECT_TRUE(lp.ok()) << lp.status().ToString();
  return std::move(lp).value();
}

TEST(InequalityLp, KnownOptimumAndItsDual) {
  // max 3 w0 + 2 w1 s.t. w0 + w1 <= 4, w0 + 3 w1 <= 6, w0 <= 3.5, -w0 <= 0, -w1 <= 0:
  // optimum at (3.5, 0.5) = 11.5; the dual x = (2, 0, 1, 0, 0).
  InequalityLp lp = MakeLp(2, {{1, 1}, {1, 3}, {1, 0}, {-1, 0}, {0, -1}}, {4, 6, 3.5, 0, 0});
  std::vector<double> g = {3, 2};
  ASSERT_EQ(lp.Maximize(g, 100), InequalityLp::Outcome::kOptimal);
  EXPECT_NEAR(lp.value(), 11.5, 1e-9);
  EXPECT_NEAR(lp.w()[0], 3.5, 1e-9);
  EXPECT_NEAR(lp.w()[1], 0.5, 1e-9);
  ASSERT_EQ(lp.multipliers().size(), 5u);
  EXPECT_NEAR(lp.multipliers()[0], 2, 1e-9);
  EXPECT_NEAR(lp.multipliers()[1], 0, 1e-9);
  EXPECT_NEAR(lp.multipliers()[2], 1, 1e-9);
  // A new objective starts from the last basis: max -w0 + w1 is at (0, 2) = 2.
  g = {-1, 1};
  ASSERT_EQ(lp.Maximize(g, 100), InequalityLp::Outcome::kOptimal);
  EXPECT_NEAR(lp.value(), 2, 1e-9);
  // Minimizing w0 + w1 runs into -w0 <= 0 and -w1 <= 0.
  g = {-1, -1};
  ASSERT_EQ(lp.Maximize(g, 100), InequalityLp::Outcome::kOptimal);
  EXPECT_NEAR(lp.value(), 0, 1e-9);
}

TEST(InequalityLp, UnboundedMeansTheDualIsInfeasible) {
  // w0 - w1 <= 1 leaves w0 + w1 unbounded: no x >= 0 has x·(1, -1) = (1, 1).
  InequalityLp lp = MakeLp(2, {{1, -1}}, {1});
  std::vector<double> g = {1, 1};
  EXPECT_EQ(lp.Maximize(g, 100), InequalityLp::Outcome::kUnbounded);
  // The same rows with a bounded objective: max w0 - w1 = 1.
  g = {1, -1};
  ASSERT_EQ(lp.Maximize(g, 100), InequalityLp::Outcome::kOptimal);
  EXPECT_NEAR(lp.value(), 1, 1e-9);
  EXPECT_NEAR(lp.multipliers()[0], 1, 1e-9);
}

TEST(InequalityLp, DegenerateRowsAndIterationLimit) {
  // Many rows through the origin (bound 0) and a box: a degenerate vertex at w = 0.
  std::vector<std::vector<double>> a;
  std::vector<double> c;
  const int n = 6;
  for (int i = 0; i < n; ++i) {
    for (int j = 0; j < n; ++j) {
      if (i == j) continue;
      std::vector<double> row(n, 0.0);
      row[i] = 1;
      row[j] = -1;
      a.push_back(row);
      c.push_back(i < j ? 0 : 1);  // w_i <= w_j for i < j, w_i <= w_j + 1 for i > j
    }
    std::vector<double> box(n, 0.0);
    box[i] = 1;
    a.push_back(box);
    c.push_back(10);
  }
  // max sum w: every w_i <= w_{n-1} <= 10, so 10 n.
  std::vector<double> g(n, 1.0);
  InequalityLp lp = MakeLp(n, a, c);
  ASSERT_EQ(lp.Maximize(g, 1000), InequalityLp::Outcome::kOptimal);
  EXPECT_NEAR(lp.value(), 10.0 * n, 1e-9);
  // max w_0 - w_{n-1}: w_0 <= w_{n-1}, so 0, at a degenerate vertex.
  std::vector<double> h(n, 0.0);
  h[0] = 1;
  h[n - 1] = -1;
  ASSERT_EQ(lp.Maximize(h, 1000), InequalityLp::Outcome::kOptimal);
  EXPECT_NEAR(lp.value(), 0, 1e-9);
  // Stopped early from the slack basis, the answer is still feasible, so a lower bound.
  InequalityLp fresh = MakeLp(n, a, c);
  ASSERT_EQ(fresh.Maximize(g, 1), InequalityLp::Outcome::kIterationLimit);
  EXPECT_LE(fresh.value(), 10.0 * n + 1e-9);
  for (size_t i = 0; i < a.size(); ++i) {
    double s = 0;
    for (int j = 0; j < n; ++j) s += a[i][j] * fresh.w()[j];
    EXPECT_LE(s, c[i] + 1e-7);
  }
}

TEST(InequalityLp, RandomLpsAgreeWithTheirDuals) {
  // Random rows with c >= 0 and a box -5 <= w <= 5 (so never unbounded): strong duality,
  // c·x = g·w, and x >= 0 with Aᵀ x = g.
  std::mt19937 rng(7);
  std::uniform_int_distribution<int> coef(-2, 2), bound(0, 4), obj(-3, 3);
  for (int round = 0; round < 200; ++round) {
    const size_t n = 2 + round % 5;
    std::vector<std::vector<double>> a;
    std::vector<double> c;
    for (size_t i = 0; i < 3 * n; ++i) {
      std::vector<double> row(n);
      for (double& v : row) v = coef(rng);
      a.push_back(row);
      c.push_back(bound(rng));
    }
    for (size_t j = 0; j < n; ++j) {
      for (double sign : {1.0, -1.0}) {
        std::vector<double> row(n, 0.0);
        row[j] = sign;
        a.push_back(row);
        c.push_back(5);
      }
    }
    InequalityLp lp = MakeLp(n, a, c);
    for (int objective = 0; objective < 3; ++objective) {
      std::vector<double> g(n);
      for (double& v : g) v = obj(rng);
      ASSERT_EQ(lp.Maximize(g, 10000), InequalityLp::Outcome::kOptimal) << round;
      const std::vector<double>& x = lp.multipliers();
      double primal = 0;
      for (size_t i = 0; i < a.size(); ++i) {
        EXPECT_GE(x[i], 0);
        primal += c[i] * x[i];
      }
      EXPECT_NEAR(primal, lp.value(), 1e-6) << round;
      for (size_t j = 0; j < n; ++j) {
        double s = 0;
        for (size_t i = 0; i < a.size(); ++i) s += a[i][j] * x[i];
        EXPECT_NEAR(s, g[j], 1e-6) << round;
      }
    }
  }
}

TEST(InequalityLp, BadRowsAreErrors) {
  std::vector<InequalityLp::Row> rows(1);
  rows[0].entries.emplace_back(3, 1.0);
  EXPECT_FALSE(InequalityLp::Create(2, rows).ok());
  rows[0].entries = {{0, 1.0}};
  rows[0].bound = -1;
  EXPECT_FALSE(InequalityLp::Create(2, rows).ok());
}

}  // namespace
}  // namespace ordo::mining
