// Every log of the shared datasets against PM4Py 2.7.14's reference results, on PM4Py's
// convention and (where the reference has it) on true UTC. Run by ctest with label
// "conformance"; the 1,048,800-event synthetic log is its own test (label "slow").
// Usage: mining_conformance_tests [--gtest_filter=...]; ORDO_MINING_LOGS=a,b limits the logs.
#include <gtest/gtest.h>

#include <cstdlib>
#include <sstream>

#include "mining/log_file.h"
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

// Sepsis: PM4Py's default A* timed out; its Dijkstra variant finished. That variant gives silent
// transitions cost 0 where no transition of the trace's activities is enabled in their preset
// (and divides its best worst cost by 10000), so its log fitness (1.0) is not the standard cost
// function's; the trace fitness and the fitting traces are, and must be equal.
TEST(Conformance, SepsisAlignmentsAgreeWithPm4pysDijkstraVariant) {
  if (!Selected("sepsis.xes.gz")) GTEST_SKIP();
  std::map<std::string, json::Value> refs = LoadReference("pm4py-sepsis-alignments.jsonl");
  ASSERT_TRUE(refs.count("sepsis.xes.gz"));
  const json::Value& ref = refs["sepsis.xes.gz"];
  Result<EventLog> log = ReadLogFile(LogPath("sepsis.xes.gz"), LogFormat::kAuto);
  ASSERT_TRUE(log.ok()) << log.status().ToString();
  SummaryOptions options = Pm4pyOptions(false);
  options.model = true;
  options.align = true;
  Mined mined = MineAll(*log, options);
  ASSERT_TRUE(mined.alignment_status.ok()) << mined.alignment_status.ToString();
  EXPECT_EQ(mined.alignment.unfinished_variants, 0u);
  auto number = [&](const char* key) { return std::strtod(ref.Find(key)->number_text().c_str(), nullptr); };
  EXPECT_EQ(RoundTo(mined.alignment.average_trace_fitness, 6), number("align_average_trace_fitness"));
  EXPECT_EQ(RoundTo(mined.alignment.perc_fit_traces, 6), number("align_perc_fit_traces"));
  // Every trace fits, so only silent moves cost: at most one per event and trace here.
  EXPECT_LE(mined.alignment.log_fitness, number("align_log_fitness"));
  EXPECT_GT(mined.alignment.log_fitness, 0.9998);
  std::printf("sepsis alignments: log fitness %.6f (PM4Py's Dijkstra variant %.6f), average %.6f, %.2f%% fit, %.2fs\n",
              mined.alignment.log_fitness, number("align_log_fitness"), mined.alignment.average_trace_fitness,
              mined.alignment.perc_fit_traces, mined.align_s);
}

TEST(Conformance, EveryLogOnPm4pyConvention) { CheckAll("pm4py-results.jsonl", true); }
TEST(Conformance, Bpic2011OnPm4pyConvention) { CheckAll("pm4py-bpic2011-no-im.jsonl", true); }
TEST(Conformance, EveryLogOnUtc) { CheckAll("pm4py-results-utc.jsonl", false); }

}  // namespace
}  // namespace ordo::mining::testing
