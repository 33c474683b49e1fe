// ETConformance precision on nets and logs small enough to count escaping edges by hand.
#include <gtest/gtest.h>

#include <string>

#include "mining/csv_reader.h"
#include "mining/petri_net.h"
#include "mining/process_tree.h"
#include "mining/token_replay.h"

namespace ordo::mining {
namespace {

class Precision : public ::testing::Test {
 protected:
  void SetUp() override {
    Result<EventLog> r = ReadCsv("case:concept:name,concept:name,time:timestamp\n"
                                 "1,a,2020-01-01T00:00:00Z\n1,b,2020-01-01T01:00:00Z\n1,c,2020-01-01T02:00:00Z\n",
                                 CsvOptions{});
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    log_ = std::move(r).value();
  }
  ProcessTree Leaf(char name) const { return ProcessTree::Leaf(log_.strings().Find(std::string(1, name))); }
  // Appends the variant spelled by letters (one activity per letter) with its cases.
  void Add(Variants& v, const std::string& letters, uint64_t cases) const {
    std::vector<StringId> trace;
    for (char c : letters) trace.push_back(log_.strings().Find(std::string(1, c)));
    v.Add(trace, cases, static_cast<uint32_t>(v.variants.size()));
  }
  EventLog log_;
};

TEST_F(Precision, SequenceOfTheOnlyVariantIsExact) {
  ProcessTree seq = ProcessTree::Node(TreeOperator::kSequence, {Leaf('a'), Leaf('b'), Leaf('c')});
  Variants v;
  Add(v, "abc", 4);
  EXPECT_DOUBLE_EQ(EtcPrecision(ToPetriNet(seq), v), 1.0);
}

TEST_F(Precision, FlowerModelAllowsEverythingEverywhere) {
  // *(tau, a, b, c): after every prefix (and at the start) a, b and c are enabled; the log shows
  // one of them each time, so 2 of 3 escape at the start and after "a" and "ab": 1 - 6/9.
  ProcessTree flower = ProcessTree::Node(TreeOperator::kLoop, {ProcessTree::Tau(), Leaf('a'), Leaf('b'), Leaf('c')});
  Variants v;
  Add(v, "abc", 1);
  EXPECT_NEAR(EtcPrecision(ToPetriNet(flower), v), 1.0 / 3.0, 1e-12);
}

TEST_F(Precision, UnusedBranchEscapesWeightedByCases) {
  // ->(a, X(b, c)) on three cases "ab": at the start a is allowed and seen (3 x 1 allowed); after
  // "a" b and c are allowed (3 x 2) and c escapes (3 x 1): 1 - 3/9.
  ProcessTree tree = ProcessTree::Node(
      TreeOperator::kSequence, {Leaf('a'), ProcessTree::Node(TreeOperator::kXor, {Leaf('b'), Leaf('c')})});
  Variants v;
  Add(v, "ab", 3);
  EXPECT_NEAR(EtcPrecision(ToPetriNet(tree), v), 2.0 / 3.0, 1e-12);
  // With "ac" seen as well, nothing escapes.
  Add(v, "ac", 1);
  EXPECT_DOUBLE_EQ(EtcPrecision(ToPetriNet(tree), v), 1.0);
}

TEST_F(Precision, UnfitPrefixesAreLeftOut) {
  // "ba" needs a missing token for b at once: only the empty prefix counts (a allowed, b seen as
  // the start activity, so a escapes): 1 - 1/1.
  ProcessTree seq = ProcessTree::Node(TreeOperator::kSequence, {Leaf('a'), Leaf('b')});
  Variants v;
  Add(v, "ba", 1);
  EXPECT_DOUBLE_EQ(EtcPrecision(ToPetriNet(seq), v), 0.0);
}

}  // namespace
}  // namespace ordo::mining
