// bench_mining: every mining stage on every shared event log, next to PM4Py 2.7.14's time for
// the same stage (reference/pm4py-results.jsonl, measured on this machine kind).
//
//   bench_mining [--logs a,b,...] [--repeat N] [--plain-xes LOG] [--no-model]
//
// Prints one table: log, stage, Ordo seconds, PM4Py seconds, speed-up (PM4Py / Ordo). For each
// .gz log it also times `gzip -dc` (zcat) in the same run and prints import / zcat. Stages:
//   import    reading the file into the columnar log (XES or CSV)
//   dfg_freq  time order + DFG frequencies + start/end activities (PM4Py sorts inside too)
//   dfg_perf  time order + DFG with performance
//   case_dur  case durations;  variants  variants;  bottlenecks (no PM4Py counterpart)
//   im_tree   inductive miner (IM) to a process tree;  im_to_pn  tree to Petri net
//   tbr       token-based replay of the log on that net (fitness)
//   align     optimal alignments of every variant on that net (where PM4Py's finished)
// The model stages run where PM4Py has them (not bpic2011: PM4Py's IM did not finish there).
// Then the 1M-event synthetic log end to end (import + everything) with peak RSS, and the plain
// XES throughput of the largest log inflated to a temporary file.
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "base/json.h"
#include "mining/log_file.h"
#include "mining/summary.h"

namespace {

namespace m = ordo::mining;
const std::string kLogs = ORDO_EVENTLOGS_DIR;

double Now() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

std::string PathOf(const std::string& name) {
  struct stat st;
  std::string top = kLogs + "/" + name;
  return ::stat(top.c_str(), &st) == 0 ? top : kLogs + "/synthetic/" + name;
}

uint64_t FileSize(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0 ? static_cast<uint64_t>(st.st_size) : 0;
}

struct Ref {
  std::map<std::string, double> timings;
  std::string align_note;
  uint64_t events = 0;
};

std::vector<std::pair<std::string, Ref>> LoadRefs() {
  std::vector<std::pair<std::string, Ref>> out;
  for (const char* file : {"pm4py-results.jsonl", "pm4py-bpic2011-no-im.jsonl"}) {
    std::ifstream in(kLogs + "/reference/" + file);
    std::string line;
    while (std::getline(in, line)) {
      ordo::Result<ordo::json::Value> v = ordo::json::Parse(line);
      if (!v.ok()) continue;
      Ref r;
      if (const auto* t = v->Find("timings_s"); t && t->is_object()) {
        for (const auto& mem : t->as_object()) r.timings[mem.key] = std::strtod(mem.value.number_text().c_str(), nullptr);
      }
      if (const auto* res = v->Find("results")) {
        if (const auto* e = res->Find("events")) r.events = static_cast<uint64_t>(e->as_int().value_or(0));
      }
      out.emplace_back(v->Find("log")->as_string(), r);
    }
  }
  // Sepsis: PM4Py's default A* timed out; its Dijkstra variant finished (another run, same log).
  std::ifstream in(kLogs + "/reference/pm4py-sepsis-alignments.jsonl");
  std::string line;
  while (std::getline(in, line)) {
    ordo::Result<ordo::json::Value> v = ordo::json::Parse(line);
    if (!v.ok() || v->Find("timings_s") == nullptr || v->Find("timings_s")->Find("align") == nullptr) continue;
    for (auto& [name, ref] : out) {
      if (name == v->Find("log")->as_string()) {
        ref.timings["align"] = std::strtod(v->Find("timings_s")->Find("align")->number_text().c_str(), nullptr);
        ref.align_note = "PM4Py: Dijkstra variant (A* timed out at 600 s)";
      }
    }
  }
  return out;
}

double Zcat(const std::string& path) {
  std::string cmd = "gzip -dc '" + path + "' > /dev/null";
  double best = 1e9;
  for (int i = 0; i < 2; ++i) {
    double t0 = Now();
    if (std::system(cmd.c_str()) != 0) return -1;
    best = std::min(best, Now() - t0);
  }
  return best;
}

void Row(const std::string& log, const std::string& stage, double ours, double theirs, const std::string& note = "") {
  char ratio[32] = "-";
  if (theirs > 0 && ours > 0) std::snprintf(ratio, sizeof ratio, "%.0fx", theirs / ours);
  char t[32] = "-";
  if (theirs >= 0) std::snprintf(t, sizeof t, "%.3f", theirs);
  std::printf("%-40s %-12s %10.4f %10s %9s  %s\n", log.c_str(), stage.c_str(), ours, t, ratio, note.c_str());
  std::fflush(stdout);
}

long PeakRssMb() {
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  return ru.ru_maxrss / 1024;
}

}  // namespace

int main(int argc, char** argv) {
  std::string only;
  std::string plain_log = "bpic2012_x4_synthetic.xes.gz";
  int repeat = 3;
  bool no_model = false;  // the log stages only (quicker to profile)
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--logs" && i + 1 < argc) only = argv[++i];
    else if (a == "--repeat" && i + 1 < argc) repeat = std::atoi(argv[++i]);
    else if (a == "--plain-xes" && i + 1 < argc) plain_log = argv[++i];
    else if (a == "--no-model") no_model = true;
  }
  auto selected = [&](const std::string& name) {
    return only.empty() || ("," + only + ",").find("," + name + ",") != std::string::npos;
  };
  std::printf("bench_mining: Ordo vs PM4Py 2.7.14 (reference times from the same machine kind), %ld cores\n",
              sysconf(_SC_NPROCESSORS_ONLN));
  std::printf("%-40s %-12s %10s %10s %9s  %s\n", "log", "stage", "ordo_s", "pm4py_s", "speedup", "note");
  for (const auto& entry : LoadRefs()) {
    // Named copies, not structured bindings: clang 14 cannot capture those in lambdas.
    const std::string& name = entry.first;
    const Ref& ref = entry.second;
    if (!selected(name)) continue;
    std::string path = PathOf(name);
    bool gz = path.size() > 3 && path.substr(path.size() - 3) == ".gz";
    double zcat = gz ? Zcat(path) : -1;
    // Import: best of `repeat` (one run for the big synthetic log).
    int runs = ref.events > 500000 ? 1 : repeat;
    double import_s = 1e9;
    uint64_t bytes = 0;
    ordo::Result<m::EventLog> log = ordo::InvalidArgument("not read");
    for (int i = 0; i < runs; ++i) {
      m::ReadReport report;
      double t0 = Now();
      log = m::ReadLogFile(path, m::LogFormat::kAuto, {}, {}, &report);
      import_s = std::min(import_s, Now() - t0);
      bytes = report.bytes_read;
      if (!log.ok()) break;
    }
    if (!log.ok()) {
      std::printf("%-40s FAILED: %s\n", name.c_str(), log.status().ToString().c_str());
      continue;
    }
    char note[160];
    std::snprintf(note, sizeof note, "%.0f MB/s of XML/CSV", static_cast<double>(bytes) / 1e6 / import_s);
    std::string n = note;
    if (gz && zcat > 0) {
      std::snprintf(note, sizeof note, "; zcat %.3fs, import/zcat %.2f", zcat, import_s / zcat);
      n += note;
    }
    auto ref_of = [&](const char* k) {
      auto it = ref.timings.find(k);
      return it == ref.timings.end() ? -1.0 : it->second;
    };
    Row(name, "import", import_s, ref_of("import"), n);
    m::Mined best;
    double order = 1e9, freq = 1e9, perf = 1e9, dur = 1e9, var = 1e9, bott = 1e9;
    double im = 1e9, pn = 1e9, tbr = 1e9, align = 1e9;
    bool csv = m::ResolveFormat(path, m::LogFormat::kAuto) == m::LogFormat::kCsv;
    m::SummaryOptions options = m::Pm4pyOptions(csv);
    options.model = !no_model && ref.timings.count("im_tree") != 0;
    // Alignments where PM4Py's finished (elsewhere it timed out after 300-600 s or was skipped).
    options.align = options.model && ref.timings.count("align") != 0;
    m::AlignmentResult aligned;
    for (int i = 0; i < repeat; ++i) {
      m::Mined mined = m::MineAll(*log, options);
      align = std::min(align, mined.align_s);
      if (mined.has_alignment) aligned = mined.alignment;
      im = std::min(im, mined.im_tree_s);
      pn = std::min(pn, mined.im_to_pn_s);
      tbr = std::min(tbr, mined.tbr_s);
      order = std::min(order, mined.order_s);
      freq = std::min(freq, mined.dfg_freq_s);
      perf = std::min(perf, mined.dfg_perf_s);
      dur = std::min(dur, mined.case_dur_s);
      var = std::min(var, mined.variants_s);
      bott = std::min(bott, mined.bottlenecks_s);
    }
    Row(name, "dfg_freq", order + freq, ref_of("dfg_freq"));
    Row(name, "dfg_perf", order + perf, ref_of("dfg_perf"));
    Row(name, "case_dur", dur, ref_of("case_dur"));
    Row(name, "variants", var, ref_of("variants"));
    Row(name, "bottlenecks", bott, -1);
    if (options.model) {
      Row(name, "im_tree", im, ref_of("im_tree"));
      Row(name, "im_to_pn", pn, ref_of("im_to_pn"));
      Row(name, "tbr", tbr, ref_of("tbr"));
    }
    if (options.align) {
      std::snprintf(note, sizeof note, "fitness %.6f, %zu variants, %zu unfinished%s%s", aligned.log_fitness,
                    aligned.variants.size(), aligned.unfinished_variants, ref.align_note.empty() ? "" : "; ",
                    ref.align_note.c_str());
      Row(name, "align", align, ref_of("align"), note);
    }
    if (ref.events > 500000 && name.find("synthetic") != std::string::npos) {
      double total = import_s + order + freq + perf + dur + var + bott + im + pn + tbr;
      double theirs = ref_of("import") + ref_of("dfg_freq") + ref_of("dfg_perf") + ref_of("case_dur") +
                      ref_of("variants") + ref_of("im_tree") + ref_of("im_to_pn") + ref_of("tbr");
      std::snprintf(note, sizeof note, "import+mine+IM+replay; peak RSS %ld MB", PeakRssMb());
      Row(name, "end_to_end", total, theirs, note);
    }
  }
  // Plain XES throughput: the chosen log inflated to a temporary file, then read.
  if (selected(plain_log) || only.empty()) {
    std::string gz = PathOf(plain_log);
    std::string tmp = "/tmp/ordo_bench_plain_" + std::to_string(getpid()) + ".xes";
    std::string cmd = "gzip -dc '" + gz + "' > " + tmp;
    if (std::system(cmd.c_str()) == 0) {
      double best = 1e9;
      for (int i = 0; i < 2; ++i) {
        double t0 = Now();
        ordo::Result<m::EventLog> log = m::ReadLogFile(tmp, m::LogFormat::kXes);
        best = std::min(best, Now() - t0);
        if (!log.ok()) break;
      }
      char note[96];
      std::snprintf(note, sizeof note, "plain XES, %.0f MB: %.0f MB/s", FileSize(tmp) / 1e6, FileSize(tmp) / 1e6 / best);
      Row(plain_log, "import_xml", best, -1, note);
      std::remove(tmp.c_str());
    }
  }
  std::printf("peak RSS %ld MB\n", PeakRssMb());
  return 0;
}
