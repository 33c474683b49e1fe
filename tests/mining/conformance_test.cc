// Every log of the shared datasets against PM4Py 2.7.14's reference results, on PM4Py's
// convention and (where the reference has it) on true UTC. Run by ctest with label
// "conformance"; the 1,048,800-event synthetic log is its own test (label "slow").
// Usage: mining_conformance_tests [--gtest_filter=...]; ORDO_MINING_LOGS=a,b limits the logs.
#include <gtest/gtest.h>

#include <cstdlib>
#include <sstream>

#include "reference.h"

namespace ordo::mining::testing {
namespace {

bool IsCsv(const std::string& name) { return name.size() > 4 && name.substr(name.size() - 4) == ".csv"; }

bool Selected(const std::string& name) {
  const char* only = std::getenv("ORDO_MINING_LOGS");
  if (only == nullptr || *only == '\0') return true;
  std::stringstream ss(only);
  std::string item;
  while (std::getline(ss, item, ',')) {
    if (item == name) return true;
  }
  return false;
}

void CheckAll(const std::string& reference, bool pm4py_convention) {
  std::map<std::string, json::Value> refs = LoadReference(reference);
  ASSERT_FALSE(refs.empty()) << reference;
  for (const auto& [name, results] : refs) {
    if (!Selected(name)) continue;
    SummaryOptions options = pm4py_convention ? Pm4pyOptions(IsCsv(name)) : SummaryOptions{};
    std::vector<std::string> compared;
    std::vector<std::string> diffs = CompareWithReference(name, results, options, &compared);
    std::string fields;
    for (const std::string& f : compared) fields += (fields.empty() ? "" : ",") + f;
    std::printf("%-40s %-28s %s (%zu fields: %s)\n", name.c_str(), reference.c_str(),
                diffs.empty() ? "MATCH" : "DIFF", compared.size(), fields.c_str());
    for (const std::string& d : diffs) ADD_FAILURE() << name << " (" << reference << "): " << d;
  }
}

TEST(Conformance, EveryLogOnPm4pyConvention) { CheckAll("pm4py-results.jsonl", true); }
TEST(Conformance, Bpic2011OnPm4pyConvention) { CheckAll("pm4py-bpic2011-no-im.jsonl", true); }
TEST(Conformance, EveryLogOnUtc) { CheckAll("pm4py-results-utc.jsonl", false); }

}  // namespace
}  // namespace ordo::mining::testing
