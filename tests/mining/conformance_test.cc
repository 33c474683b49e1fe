// Every log of the shared datasets against PM4Py 2.7.14's reference results, on PM4Py's
// convention and (where the reference has it) on true UTC. Run by ctest with label
// "conformance"; the 1,048,800-event synthetic log is its own test (label "slow").
// Usage: mining_conformance_tests [--gtest_filter=...]; ORDO_MINING_LOGS=a,b limits the logs.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
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

// ETConformance precision of the inductive miner's model, from PM4Py 2.7.14's
// precision_token_based_replay on the same logs (data/pm4py-precision.jsonl; how it was made is
// in data/PROVENANCE.md): log -> precision, rounded as Summarize rounds it. The reference's
// im_tree_sha256 is checked too, so it is the same model.
std::map<std::string, json::Value> PrecisionReference() {
  std::map<std::string, json::Value> out;
  std::ifstream in(std::string(ORDO_MINING_DATA_DIR) + "/pm4py-precision.jsonl");
  std::string line;
  while (std::getline(in, line)) {
    Result<json::Value> v = json::Parse(line);
    if (!v.ok() || v->Find("log") == nullptr) continue;
    json::Value fields = json::Value::MakeObject();
    const double precision = std::strtod(v->Find("etc_precision")->as_string().c_str(), nullptr);
    fields.Set("etc_precision", Number(RoundTo(precision, 6)));
    fields.Set("im_tree_sha256", *v->Find("im_tree_sha256"));
    out[v->Find("log")->as_string()] = std::move(fields);
  }
  return out;
}

void CheckAll(const std::string& reference, bool pm4py_convention) {
  std::map<std::string, json::Value> refs = LoadReference(reference);
  ASSERT_FALSE(refs.empty()) << reference;
  // Precision is PM4Py's on its own convention (its silent closure) only.
  const std::map<std::string, json::Value> precision = pm4py_convention ? PrecisionReference() : std::map<std::string, json::Value>{};
  if (pm4py_convention) {
    ASSERT_GE(precision.size(), 9u) << ORDO_MINING_DATA_DIR;
  }
  for (const auto& entry : refs) {
    const std::string& name = entry.first;
    if (!Selected(name)) continue;
    json::Value results = entry.second;
    if (auto p = precision.find(name); p != precision.end()) {
      for (const json::Member& m : p->second.as_object()) {
        // The same model as the one the reference's other fields describe.
        if (const json::Value* tree = results.Find(m.key); tree != nullptr && !(*tree == m.value)) {
          ADD_FAILURE() << name << ": the precision reference is for another model";
        }
        results.Set(m.key, m.value);
      }
    }
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
