// Ordo's results against PM4Py 2.7.14's on real logs. The fast tier (this binary, label fast)
// takes the small logs; conformance_test.cc takes every log.
#include <gtest/gtest.h>

#include "reference.h"

namespace ordo::mining::testing {
namespace {

bool IsCsv(const std::string& name) { return name.size() > 4 && name.substr(name.size() - 4) == ".csv"; }

void ExpectMatches(const std::string& name, const std::string& reference, const SummaryOptions& options) {
  static std::map<std::string, std::map<std::string, json::Value>> cache;
  if (!cache.count(reference)) cache[reference] = LoadReference(reference);
  auto it = cache[reference].find(name);
  ASSERT_NE(it, cache[reference].end()) << name << " is not in " << reference;
  std::vector<std::string> compared;
  std::vector<std::string> diffs = CompareWithReference(name, it->second, options, &compared);
  EXPECT_GE(compared.size(), 17u) << name;
  for (const std::string& d : diffs) ADD_FAILURE() << name << " (" << reference << "): " << d;
}

class SmallLogs : public ::testing::TestWithParam<std::string> {};

// PM4Py's own convention: wall-clock times for XES, file order for sequences.
TEST_P(SmallLogs, MatchesPm4pyOnItsConvention) {
  ExpectMatches(GetParam(), "pm4py-results.jsonl", Pm4pyOptions(IsCsv(GetParam())));
}

// Ordo's default (true UTC instants, time order) against PM4Py re-run with UTC timestamps.
TEST_P(SmallLogs, MatchesUtcReferenceByDefault) {
  if (IsCsv(GetParam())) {
    ExpectMatches(GetParam(), "pm4py-results.jsonl", SummaryOptions{});
  } else if (GetParam() != "helpdesk.xes.gz") {  // single-offset log: not re-run
    ExpectMatches(GetParam(), "pm4py-results-utc.jsonl", SummaryOptions{});
  }
}

INSTANTIATE_TEST_SUITE_P(Pm4py, SmallLogs,
                         ::testing::Values("running-example.xes", "sepsis.xes.gz", "receipt.xes.gz", "receipt.csv",
                                           "helpdesk.xes.gz"),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                           std::string n;
                           for (char c : info.param) n += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
                           return n;
                         });

}  // namespace
}  // namespace ordo::mining::testing
