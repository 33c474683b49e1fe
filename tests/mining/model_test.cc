// Inductive miner, tree to Petri net and token-based replay on logs small enough to check by
// hand (the real logs are compared with PM4Py in reference_test.cc and conformance_test.cc).
#include <gtest/gtest.h>

#include <random>
#include <string>

#include "mining/csv_reader.h"
#include "mining/inductive_cuts.h"
#include "mining/inductive_miner.h"
#include "mining/petri_net.h"
#include "mining/summary.h"
#include "mining/token_replay.h"

namespace ordo::mining {
namespace {

// One CSV row per event; traces given as "case:a b c" strings, events an hour apart.
EventLog LogOf(const std::vector<std::pair<std::string, int>>& traces) {
  std::string csv = "case:concept:name,concept:name,time:timestamp\n";
  int id = 0;
  for (const auto& [trace, copies] : traces) {
    for (int k = 0; k < copies; ++k, ++id) {
      int hour = 0;
      size_t at = 0;
      while (at < trace.size()) {
        size_t space = trace.find(' ', at);
        if (space == std::string::npos) space = trace.size();
        char ts[40];
        std::snprintf(ts, sizeof ts, "2020-01-%02dT%02d:00:00Z", 1 + hour / 24, hour % 24);
        csv += "c" + std::to_string(id) + "," + trace.substr(at, space - at) + "," + ts + "\n";
        ++hour;
        at = space + 1;
      }
    }
  }
  Result<EventLog> r = ReadCsv(csv, CsvOptions{});
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return std::move(r).value();
}

std::string Tree(const EventLog& log, double noise = 0) {
  Mined m = MineAll(log, SummaryOptions{});
  return ToString(DiscoverProcessTree(log, m.variants, InductiveOptions{noise}), log.strings());
}

TEST(InductiveMiner, SequenceChoiceAndConcurrency) {
  EventLog log = LogOf({{"a b c d", 3}, {"a c b d", 2}, {"a e", 1}});
  // X and + children are in PM4Py's order: by the MD5 of their labels.
  EXPECT_EQ(Tree(log), "->( 'a', X( 'e', ->( +( 'c', 'b' ), 'd' ) ) )");
}

TEST(InductiveMiner, OptionalActivityBecomesChoiceWithTau) {
  EventLog log = LogOf({{"a b c", 2}, {"a c", 1}});
  EXPECT_EQ(Tree(log), "->( 'a', X( tau, 'b' ), 'c' )");
}

TEST(InductiveMiner, RepeatedBlockIsTauLoopAndImfFiltersTheRareRepeat) {
  EventLog log = LogOf({{"a b", 99}, {"a b a b", 1}});
  EXPECT_EQ(Tree(log), "*( ->( 'a', 'b' ), tau )");
  EXPECT_EQ(Tree(log, 0.2), "->( 'a', *( 'b', tau ) )");
}

TEST(InductiveMiner, MinesTimeOrderWhenVariantsFollowTheFile) {
  // Case 2 lists b before a although a happened first. PM4Py's convention reads variants in file
  // order, but its miner sorts every case by time: the model is a then b either way.
  Result<EventLog> log = ReadCsv(
      "case:concept:name,concept:name,time:timestamp\n"
      "1,a,2020-01-01T00:00:00Z\n1,b,2020-01-01T01:00:00Z\n"
      "2,b,2020-01-01T01:00:00Z\n2,a,2020-01-01T00:00:00Z\n",
      CsvOptions{});
  ASSERT_TRUE(log.ok()) << log.status().ToString();
  for (SequenceOrder order : {SequenceOrder::kFile, SequenceOrder::kTime}) {
    SummaryOptions options;
    options.sequence = order;
    options.model = true;
    Mined m = MineAll(*log, options);
    EXPECT_EQ(m.order.unsorted_cases, 1u);
    EXPECT_EQ(m.variants.variants.size(), order == SequenceOrder::kFile ? 2u : 1u);
    EXPECT_EQ(ToString(m.tree, log->strings()), "->( 'a', 'b' )");
  }
  // In order everywhere: the file's variants are the miner's.
  EventLog sorted = LogOf({{"a b", 2}});
  SummaryOptions options;
  options.sequence = SequenceOrder::kFile;
  options.model = true;
  EXPECT_EQ(ToString(MineAll(sorted, options).tree, sorted.strings()), "->( 'a', 'b' )");
}

TEST(InductiveMiner, GraphWithoutAnActivityEqualsTheRebuiltOne) {
  // The activity-concurrent fall-through derives each graph without one activity from the whole
  // graph; it must be the graph of the log with that activity's events left out, field by field.
  std::mt19937 rng(3);
  for (int round = 0; round < 300; ++round) {
    const auto activities = static_cast<uint32_t>(1 + rng() % (round < 250 ? 6 : 140));  // one or many words
    im::SubLogBuilder builder(activities);
    for (int t = 0, traces = static_cast<int>(1 + rng() % 12); t < traces; ++t) {
      im::Trace trace(rng() % 10);
      for (uint32_t& a : trace) a = rng() % activities;  // repeats make runs and self-loops
      builder.Add(trace, 1 + rng() % 3);
    }
    const im::SubLog log = std::move(builder).Finish();
    const im::Graph full = im::BuildGraph(log, im::EdgeCounts::kDrop);
    const auto bridges = im::FindBridges(log);
    for (uint32_t a : full.alphabet) {
      im::SubLogBuilder without(activities);  // the log with a's events left out
      for (size_t i = 0; i < log.size(); ++i) {
        im::Trace t;
        for (uint32_t e : log.trace(i))
          if (e != a) t.push_back(e);
        without.Add(t, log.counts[i]);
      }
      const im::Graph want = im::BuildGraph(std::move(without).Finish(), im::EdgeCounts::kDrop);
      const im::Graph got = im::WithoutActivity(full, a, bridges.of(a));
      ASSERT_EQ(got.alphabet, want.alphabet) << round << " without " << a;
      ASSERT_EQ(got.local, want.local) << round;
      ASSERT_EQ(got.n, want.n);
      ASSERT_EQ(got.words, want.words);
      ASSERT_EQ(got.start, want.start) << round << " without " << a;
      ASSERT_EQ(got.end, want.end) << round << " without " << a;
      ASSERT_EQ(got.succ, want.succ) << round << " without " << a;
      ASSERT_EQ(got.pred, want.pred) << round << " without " << a;
    }
  }
}

TEST(PetriNet, SequenceNeedsNoSilentTransitions) {
  EventLog log = LogOf({{"a b c", 1}});
  Mined m = MineAll(log, SummaryOptions{});
  PetriNet net = ToPetriNet(DiscoverProcessTree(log, m.variants, {}));
  EXPECT_EQ(net.num_visible(), 3u);
  EXPECT_EQ(net.num_silent(), 0u);
  EXPECT_EQ(net.places.size(), 4u);
  EXPECT_EQ(net.num_arcs(), 6u);
}

TEST(TokenReplay, CountsMissingAndRemainingTokens) {
  EventLog log = LogOf({{"a b c", 1}});
  Mined m = MineAll(log, SummaryOptions{});
  PetriNet net = ToPetriNet(DiscoverProcessTree(log, m.variants, {}));
  StringId a = log.strings().Find("a"), c = log.strings().Find("c");
  Variants replayed;
  replayed.Add(std::vector<StringId>{a, c}, 2, 0);  // skips b: c lacks a token, b's stays
  replayed.Add(m.variants.variants[0].activities, m.variants.variants[0].cases, 1);
  ReplayResult r = TokenReplay(net, replayed);
  ASSERT_EQ(r.variants.size(), 2u);
  const TraceReplay& bad = r.variants[0];
  EXPECT_FALSE(bad.fit);
  EXPECT_EQ(bad.missing, 1u);
  EXPECT_EQ(bad.remaining, 1u);
  EXPECT_EQ(bad.consumed, 3u);
  EXPECT_EQ(bad.produced, 3u);
  EXPECT_NEAR(bad.fitness, 2.0 / 3.0, 1e-12);
  EXPECT_TRUE(r.variants[1].fit);
  EXPECT_EQ(r.cases, 3u);
  EXPECT_EQ(r.fit_cases, 1u);
  EXPECT_NEAR(r.perc_fit_traces, 100.0 / 3.0, 1e-9);
  // Totals weight each variant by its cases: M = 2, C = 2*3 + 4, R = 2, P = 2*3 + 4.
  EXPECT_NEAR(r.log_fitness, 0.5 * (1 - 2.0 / 10) + 0.5 * (1 - 2.0 / 10), 1e-12);
}

TEST(TokenReplay, SilentTransitionsAreWalkedThrough) {
  EventLog log = LogOf({{"a b c", 2}, {"a c", 1}});
  Mined m = MineAll(log, SummaryOptions{});
  PetriNet net = ToPetriNet(DiscoverProcessTree(log, m.variants, {}));
  EXPECT_EQ(net.num_silent(), 1u);  // the skip of b
  ReplayResult r = TokenReplay(net, m.variants);
  EXPECT_EQ(r.fit_cases, 3u);
  EXPECT_DOUBLE_EQ(r.log_fitness, 1.0);
}

}  // namespace
}  // namespace ordo::mining
