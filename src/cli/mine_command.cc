#include "cli/mine_command.h"

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <memory>
#include <string>

#include "base/json.h"
#include "mining/bpmn_export.h"
#include "mining/bpmn_net.h"
#include "mining/dfg_svg.h"
#include "mining/log_file.h"
#include "mining/pnml.h"
#include "mining/summary.h"

namespace ordo::cli {
namespace {

namespace m = ordo::mining;

struct MineOptions {
  std::string log;
  bool dfg = false;
  bool variants = false;
  bool bottlenecks = false;
  bool json = false;
  bool skip_invalid = false;
  bool pm4py = false;
  bool wall_clock = false;
  bool no_model = false;
  bool model = false;
  bool no_align = false;
  bool no_precision = false;
  std::string model_out;  // --model OUT.bpmn
  std::string svg_out;    // --svg OUT.svg
  std::string conformance;
  int64_t log_move_cost = 10000, model_move_cost = 10000, tau_move_cost = 1;
  size_t max_states = 2'000'000;
  double align_timeout = 120;
  double noise = 0.0;
  std::string format = "auto";
  std::string export_path;
  size_t top = 10;
  m::CsvOptions csv;
  std::string separator = ",";
};

bool ReadWholeFile(const std::string& path, std::string* out) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) return false;
  char buf[65536];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) out->append(buf, n);
  bool ok = std::ferror(f) == 0;
  std::fclose(f);
  return ok;
}

std::string Duration(double s) {
  char buf[64];
  if (s < 120) std::snprintf(buf, sizeof buf, "%.3fs", s);
  else if (s < 7200) std::snprintf(buf, sizeof buf, "%.1fm", s / 60);
  else if (s < 172800) std::snprintf(buf, sizeof buf, "%.1fh", s / 3600);
  else std::snprintf(buf, sizeof buf, "%.1fd", s / 86400);
  return buf;
}

std::string Clip(std::string_view s, size_t n) {
  if (s.size() <= n) return std::string(s);
  return std::string(s.substr(0, n - 3)) + "...";
}

class Progress {
 public:
  explicit Progress(bool enabled) : enabled_(enabled) {}
  ~Progress() {
    if (shown_) std::fprintf(stderr, "\r%60s\r", "");
  }
  void Update(uint64_t done, uint64_t total) {
    if (!enabled_ || total == 0) return;
    int pct = static_cast<int>(100.0 * static_cast<double>(done) / static_cast<double>(total));
    if (pct == last_) return;
    last_ = pct;
    shown_ = true;
    int bars = pct / 4;
    std::fprintf(stderr, "\rreading [%.*s%*s] %3d%% of %.1f MB", bars, "#########################", 25 - bars, "", pct,
                 static_cast<double>(total) / 1e6);
    std::fflush(stderr);
  }

 private:
  bool enabled_;
  bool shown_ = false;
  int last_ = -1;
};

void PrintSummary(const m::EventLog& log, const m::Mined& mined, const m::ReadReport& report, double import_s) {
  std::printf("%-24s %zu\n%-24s %zu\n%-24s %zu\n", "cases", log.num_cases(), "events", log.num_events(), "activities",
              log.CountActivities());
  std::printf("%-24s %zu\n%-24s %zu\n", "variants", mined.variants.variants.size(), "dfg edges", mined.dfg.edges.size());
  std::printf("%-24s %zu start, %zu end\n", "start/end activities", mined.dfg.start_activities.size(),
              mined.dfg.end_activities.size());
  const m::DurationStats& d = mined.durations;
  std::printf("%-24s mean %s  median %s  p90 %s  max %s\n", "case duration", Duration(d.mean).c_str(),
              Duration(d.median).c_str(), Duration(d.p90).c_str(), Duration(d.max).c_str());
  std::printf("%-24s %llu of %zu\n", "cases with rework", static_cast<unsigned long long>(mined.bottlenecks.cases_with_rework),
              log.num_cases());
  if (mined.order.unsorted_cases) {
    std::printf("%-24s %llu (sorted by timestamp, ties kept in file order)\n", "cases out of time order",
                static_cast<unsigned long long>(mined.order.unsorted_cases));
  }
  if (report.dropped() || report.duplicate_case_ids) {
    std::printf("%-24s %llu dropped (no case id %llu, no activity %llu, no timestamp %llu); %llu duplicate case ids merged\n",
                "repairs", static_cast<unsigned long long>(report.dropped()),
                static_cast<unsigned long long>(report.dropped_no_case_id),
                static_cast<unsigned long long>(report.dropped_no_activity),
                static_cast<unsigned long long>(report.dropped_no_timestamp),
                static_cast<unsigned long long>(report.duplicate_case_ids));
  }
  std::printf("%-24s %.3fs\n", "read in", import_s);
}

void PrintDfg(const m::EventLog& log, const m::Dfg& dfg) {
  std::printf("\n%-32s %-32s %9s %10s %10s %10s %10s %12s\n", "from", "to", "count", "mean", "median", "min", "max",
              "total");
  for (const m::DfgEdge& e : dfg.edges) {
    std::printf("%-32s %-32s %9llu %10s %10s %10s %10s %12s\n", Clip(log.str(e.from), 32).c_str(),
                Clip(log.str(e.to), 32).c_str(), static_cast<unsigned long long>(e.frequency), Duration(e.mean_s).c_str(),
                Duration(e.median_s).c_str(), Duration(e.min_s).c_str(), Duration(e.max_s).c_str(),
                Duration(e.total_s).c_str());
  }
  std::printf("\n%-40s %9s    %-40s %9s\n", "start activity", "cases", "end activity", "cases");
  size_t n = std::max(dfg.start_activities.size(), dfg.end_activities.size());
  for (size_t i = 0; i < n; ++i) {
    std::string s = i < dfg.start_activities.size() ? Clip(log.str(dfg.start_activities[i].activity), 40) : "";
    std::string sc = i < dfg.start_activities.size() ? std::to_string(dfg.start_activities[i].count) : "";
    std::string e = i < dfg.end_activities.size() ? Clip(log.str(dfg.end_activities[i].activity), 40) : "";
    std::string ec = i < dfg.end_activities.size() ? std::to_string(dfg.end_activities[i].count) : "";
    std::printf("%-40s %9s    %-40s %9s\n", s.c_str(), sc.c_str(), e.c_str(), ec.c_str());
  }
}

void PrintVariants(const m::EventLog& log, const m::Variants& v, size_t top) {
  std::printf("\n%9s %7s %6s  %s\n", "cases", "share", "length", "activities");
  for (size_t i = 0; i < v.variants.size() && i < top; ++i) {
    std::string seq;
    for (size_t k = 0; k < v.variants[i].activities.size(); ++k) {
      if (k) seq += " > ";
      seq += log.str(v.variants[i].activities[k]);
    }
    std::printf("%9llu %6.2f%% %6zu  %s\n", static_cast<unsigned long long>(v.variants[i].cases),
                100.0 * static_cast<double>(v.variants[i].cases) / static_cast<double>(log.num_cases()),
                v.variants[i].activities.size(), Clip(seq, 120).c_str());
  }
  if (v.variants.size() > top) std::printf("... %zu more variants\n", v.variants.size() - top);
}

void PrintBottlenecks(const m::EventLog& log, const m::Bottlenecks& b, size_t top) {
  std::printf("\n%-32s %-32s %9s %12s %10s   (edges by total waiting time)\n", "from", "to", "count", "total", "mean");
  for (size_t i = 0; i < b.edges_by_total.size() && i < top; ++i) {
    const m::DfgEdge& e = b.edges_by_total[i];
    std::printf("%-32s %-32s %9llu %12s %10s\n", Clip(log.str(e.from), 32).c_str(), Clip(log.str(e.to), 32).c_str(),
                static_cast<unsigned long long>(e.frequency), Duration(e.total_s).c_str(), Duration(e.mean_s).c_str());
  }
  std::printf("\n%-40s %9s %12s %10s   (activities by waiting time before them)\n", "activity", "count", "total", "mean");
  for (size_t i = 0; i < b.activities_by_total.size() && i < top; ++i) {
    const m::ActivityWait& a = b.activities_by_total[i];
    std::printf("%-40s %9llu %12s %10s\n", Clip(log.str(a.activity), 40).c_str(),
                static_cast<unsigned long long>(a.count), Duration(a.total_s).c_str(), Duration(a.mean_s).c_str());
  }
  std::printf("\n%-40s %9s %9s   (rework: repeated activities)\n", "activity", "cases", "repeats");
  for (size_t i = 0; i < b.rework.size() && i < top; ++i) {
    std::printf("%-40s %9llu %9llu\n", Clip(log.str(b.rework[i].activity), 40).c_str(),
                static_cast<unsigned long long>(b.rework[i].cases), static_cast<unsigned long long>(b.rework[i].repeats));
  }
}

// PM4Py's notation: [log, model] per move, ">>" for the missing side, null for a silent transition.
json::Value AlignmentsToJson(const m::EventLog& log, const m::Mined& mined) {
  json::Value out = json::Value::MakeArray();
  for (size_t i = 0; i < mined.alignment.variants.size(); ++i) {
    const m::TraceAlignment& a = mined.alignment.variants[i];
    json::Value x = json::Value::MakeObject();
    x.Set("cases", json::Value::Int(static_cast<int64_t>(mined.variants.variants[i].cases)));
    x.Set("finished", json::Value::Bool(a.finished));
    if (a.finished) {
      x.Set("cost", json::Value::Int(a.cost));
      x.Set("worst_cost", json::Value::Int(a.worst_cost));
      x.Set("fitness", m::Number(a.fitness));
    }
    x.Set("visited_states", json::Value::Int(static_cast<int64_t>(a.visited_states)));
    json::Value moves = json::Value::MakeArray();
    for (const m::AlignmentMove& mv : a.moves) {
      json::Value pair = json::Value::MakeArray();
      pair.as_array().push_back(json::Value::String(mv.kind == m::MoveKind::kModel ? ">>" : std::string(log.str(mv.activity))));
      if (mv.kind == m::MoveKind::kLog) {
        pair.as_array().push_back(json::Value::String(">>"));
      } else {
        const m::PetriNet::Transition& t = mined.net.transitions[mv.transition];
        pair.as_array().push_back(t.silent() ? json::Value::Null()
                                             : json::Value::String(std::string(m::LabelText(t, log.strings()))));
      }
      moves.as_array().push_back(std::move(pair));
    }
    x.Set("moves", std::move(moves));
    out.as_array().push_back(std::move(x));
  }
  return out;
}

json::Value ModelToJson(const m::EventLog& log, const m::Mined& mined) {
  json::Value out = json::Value::MakeObject();
  if (mined.discovered) out.Set("tree", json::Value::String(m::ToString(mined.tree, log.strings())));
  json::Value transitions = json::Value::MakeArray();
  for (const m::PetriNet::Transition& t : mined.net.transitions) {
    json::Value x = json::Value::MakeObject();
    x.Set("name", json::Value::String(t.name));
    if (!t.silent()) x.Set("label", json::Value::String(std::string(m::LabelText(t, log.strings()))));
    json::Value in = json::Value::MakeArray(), outp = json::Value::MakeArray();
    for (uint32_t p : t.inputs) in.as_array().push_back(json::Value::String(mined.net.places[p]));
    for (uint32_t p : t.outputs) outp.as_array().push_back(json::Value::String(mined.net.places[p]));
    x.Set("inputs", std::move(in));
    x.Set("outputs", std::move(outp));
    transitions.as_array().push_back(std::move(x));
  }
  out.Set("transitions", std::move(transitions));
  json::Value traces = json::Value::MakeArray();
  for (size_t i = 0; i < mined.variants.variants.size(); ++i) {
    const m::TraceReplay& r = mined.replay.variants[i];
    json::Value x = json::Value::MakeObject();
    x.Set("cases", json::Value::Int(static_cast<int64_t>(mined.variants.variants[i].cases)));
    x.Set("fit", json::Value::Bool(r.fit));
    x.Set("fitness", m::Number(r.fitness));
    x.Set("missing", json::Value::Int(static_cast<int64_t>(r.missing)));
    x.Set("remaining", json::Value::Int(static_cast<int64_t>(r.remaining)));
    x.Set("consumed", json::Value::Int(static_cast<int64_t>(r.consumed)));
    x.Set("produced", json::Value::Int(static_cast<int64_t>(r.produced)));
    traces.as_array().push_back(std::move(x));
  }
  out.Set("replay_per_variant", std::move(traces));
  if (mined.has_alignment && mined.alignment_status.ok()) out.Set("alignment_per_variant", AlignmentsToJson(log, mined));
  return out;
}

void PrintModel(const m::EventLog& log, const m::Mined& mined, bool tree) {
  const m::ReplayResult& r = mined.replay;
  std::printf("\n%s: %zu places, %zu transitions (%zu visible, %zu silent), %zu arcs  [%s]\n",
              mined.discovered ? "Inductive miner" : "Model", mined.net.places.size(), mined.net.transitions.size(),
              mined.net.num_visible(), mined.net.num_silent(), mined.net.num_arcs(),
              Duration(mined.im_tree_s + mined.im_to_pn_s).c_str());
  if (tree && mined.discovered) std::printf("  %s\n", m::ToString(mined.tree, log.strings()).c_str());
  std::printf("Token replay: fitness %.6f, %.2f%% of cases fit; missing %llu, remaining %llu of %llu consumed, "
              "%llu produced  [%s]\n",
              r.log_fitness, r.perc_fit_traces, static_cast<unsigned long long>(r.missing),
              static_cast<unsigned long long>(r.remaining), static_cast<unsigned long long>(r.consumed),
              static_cast<unsigned long long>(r.produced), Duration(mined.tbr_s).c_str());
  if (mined.has_precision) {
    std::printf("Precision (ETConformance): %.6f  [%s]\n", mined.etc_precision, Duration(mined.precision_s).c_str());
  }
  if (!mined.has_alignment) return;
  if (!mined.alignment_status.ok()) {
    std::printf("Alignments: not computed: %s\n", mined.alignment_status.message().c_str());
    return;
  }
  const m::AlignmentResult& a = mined.alignment;
  std::printf("Alignments: fitness %.6f, average trace fitness %.6f, %.2f%% of cases fit", a.log_fitness,
              a.average_trace_fitness, a.perc_fit_traces);
  if (a.unfinished_variants) {
    std::printf("; %zu variants (%llu cases) not finished within --max-states/--align-timeout", a.unfinished_variants,
                static_cast<unsigned long long>(a.cases - a.aligned_cases));
  }
  std::printf("  [%s]\n", Duration(mined.align_s).c_str());
}

int RunMine(const MineOptions& o) {
  m::LogFormat format = o.format == "csv" ? m::LogFormat::kCsv : o.format == "xes" ? m::LogFormat::kXes : m::LogFormat::kAuto;
  m::CsvOptions csv = o.csv;
  if (o.separator.size() != 1) {
    std::fprintf(stderr, "ordo mine: --sep must be one character\n");
    return 2;
  }
  csv.separator = o.separator[0];
  m::ReadOptions read;
  read.skip_invalid = o.skip_invalid;
  auto progress = std::make_shared<Progress>(isatty(STDERR_FILENO) != 0);
  read.progress = [progress](uint64_t done, uint64_t total) {
    if (total > (4u << 20)) progress->Update(done, total);
  };
  m::ReadReport report;
  auto t0 = std::chrono::steady_clock::now();
  Result<m::EventLog> loaded = m::ReadLogFile(o.log, format, csv, read, &report);
  double import_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  progress.reset();
  read.progress = nullptr;
  if (!loaded.ok()) {
    std::fprintf(stderr, "ordo mine: %s\n", loaded.status().message().c_str());
    return 1;
  }
  if (o.skip_invalid && report.dropped()) {
    std::fprintf(stderr,
                 "ordo mine: --skip-invalid dropped %llu of %llu events: %llu without case id, %llu without activity, "
                 "%llu without timestamp\n",
                 static_cast<unsigned long long>(report.dropped()), static_cast<unsigned long long>(report.events_read),
                 static_cast<unsigned long long>(report.dropped_no_case_id),
                 static_cast<unsigned long long>(report.dropped_no_activity),
                 static_cast<unsigned long long>(report.dropped_no_timestamp));
  }
  if (!o.export_path.empty()) {
    Status s = m::WriteLogFile(*loaded, o.export_path, m::LogFormat::kAuto);
    if (!s.ok()) {
      std::fprintf(stderr, "ordo mine: %s\n", s.message().c_str());
      return 1;
    }
  }
  m::SummaryOptions so;
  if (o.wall_clock) so.convention = m::TimeConvention::kWallClock;
  if (o.pm4py) so = m::Pm4pyOptions(m::ResolveFormat(o.log, format) == m::LogFormat::kCsv);
  so.model = !o.no_model;
  m::PetriNet given;
  if (!o.conformance.empty()) {
    std::string xml;
    if (!ReadWholeFile(o.conformance, &xml)) {
      std::fprintf(stderr, "ordo mine: cannot read %s\n", o.conformance.c_str());
      return 1;
    }
    Result<m::PetriNet> net =
        m::LooksLikePnml(xml) ? m::ReadPnml(xml, loaded->strings()) : m::BpmnToPetriNet(xml, loaded->strings());
    if (!net.ok()) {
      std::fprintf(stderr, "ordo mine: %s: %s\n", o.conformance.c_str(), net.status().message().c_str());
      return 1;
    }
    given = std::move(*net);
    so.given_net = &given;
    so.model = true;
  }
  so.noise_threshold = o.noise;
  so.align = !o.no_align;
  so.precision = !o.no_precision;
  so.alignment.costs.log_move = o.log_move_cost;
  so.alignment.costs.model_move = o.model_move_cost;
  so.alignment.costs.silent_move = o.tau_move_cost;
  so.alignment.max_states = o.max_states;
  so.alignment.time_budget_s = o.align_timeout;
  m::Mined mined = m::MineAll(*loaded, so);
  if (!o.model_out.empty()) {
    // A .pnml gets the net replayed: the mined one or the --conformance model (so a BPMN model can
    // be converted); a .bpmn is drawn from the mined tree.
    const bool pnml = o.model_out.ends_with(".pnml");
    if (pnml ? !mined.has_model : !mined.discovered) {
      std::fprintf(stderr, "ordo mine: --model %s writes %s; it cannot be combined with %s\n", o.model_out.c_str(),
                   pnml ? "the replayed net" : "a mined model", pnml ? "--no-model" : "--conformance or --no-model");
      return 2;
    }
    std::string xml = pnml ? m::WritePnml(mined.net, loaded->strings()) : m::TreeToBpmn(mined.tree, loaded->strings());
    std::FILE* f = std::fopen(o.model_out.c_str(), "wb");
    bool written = f != nullptr && std::fwrite(xml.data(), 1, xml.size(), f) == xml.size();
    if (f != nullptr && std::fclose(f) != 0) written = false;
    if (!written) {
      std::fprintf(stderr, "ordo mine: cannot write %s\n", o.model_out.c_str());
      return 1;
    }
  }
  if (!o.svg_out.empty()) {
    Result<std::string> svg = m::DfgToSvg(*loaded, mined.dfg);
    std::FILE* f = svg.ok() ? std::fopen(o.svg_out.c_str(), "wb") : nullptr;
    bool written = f != nullptr && std::fwrite(svg->data(), 1, svg->size(), f) == svg->size();
    if (f != nullptr && std::fclose(f) != 0) written = false;
    if (!written) {
      std::fprintf(stderr, "ordo mine: cannot write %s: %s\n", o.svg_out.c_str(),
                   svg.ok() ? "write failed" : svg.status().message().c_str());
      return 1;
    }
  }
  bool any = o.dfg || o.variants || o.bottlenecks || o.model;
  if (o.json) {
    json::Value out;
    if (!any) {
      out = m::Summarize(*loaded, mined, so, import_s);
    } else {
      out = json::Value::MakeObject();
      if (o.dfg) out.Set("dfg", m::DfgToJson(*loaded, mined.dfg));
      if (o.variants) out.Set("variants", m::VariantsToJson(*loaded, mined.variants, SIZE_MAX));
      if (o.bottlenecks) {
        out.Set("bottlenecks", m::BottlenecksToJson(*loaded, mined.bottlenecks, o.top));
        out.Set("case_durations", m::DurationsToJson(mined.durations));
      }
      if (o.model && mined.has_model) out.Set("model", ModelToJson(*loaded, mined));
    }
    std::string text = json::Serialize(out);
    std::printf("%s\n", text.c_str());
    return 0;
  }
  PrintSummary(*loaded, mined, report, import_s);
  if (mined.has_model) PrintModel(*loaded, mined, o.model);
  if (o.dfg) PrintDfg(*loaded, mined.dfg);
  if (o.variants || !any) PrintVariants(*loaded, mined.variants, any ? o.top : std::min<size_t>(o.top, 5));
  if (o.bottlenecks || !any) PrintBottlenecks(*loaded, mined.bottlenecks, any ? o.top : std::min<size_t>(o.top, 5));
  return 0;
}

}  // namespace

void AddMiningCommands(CLI::App& app, Subcommands& subcommands) {
  auto o = std::make_shared<MineOptions>();
  CLI::App* cmd = app.add_subcommand("mine", "Mine an event log (XES, XES.gz or CSV): DFG, variants, durations, bottlenecks");
  cmd->add_option("LOG", o->log, "Event log file (.xes, .xes.gz, .csv, .csv.gz)")->required();
  cmd->add_flag("--dfg", o->dfg, "Directly-follows graph with frequencies and waiting times; start/end activities");
  cmd->add_flag("--variants", o->variants, "Variants with their case counts");
  cmd->add_flag("--bottlenecks", o->bottlenecks, "Edges and activities by waiting time; rework; case durations");
  cmd->add_flag("--json", o->json, "Print JSON; without other flags, every result in one object");
  cmd->add_option("--top", o->top, "Rows per table")->capture_default_str();
  cmd->add_option("--format", o->format, "Input format: auto (by name), xes or csv")->capture_default_str()
      ->check(CLI::IsMember({"auto", "xes", "csv"}));
  cmd->add_option("--case", o->csv.case_column, "CSV column of the case id")->capture_default_str();
  cmd->add_option("--activity", o->csv.activity_column, "CSV column of the activity")->capture_default_str();
  cmd->add_option("--timestamp", o->csv.timestamp_column, "CSV column of the timestamp")->capture_default_str();
  cmd->add_option("--time-format", o->csv.timestamp_format,
                  "CSV timestamp format, e.g. '%d-%m-%Y %H:%M:%S' (default: ISO 8601)");
  cmd->add_option("--sep", o->separator, "CSV separator")->capture_default_str();
  cmd->add_flag("--skip-invalid", o->skip_invalid,
                "Drop events without case id, activity or timestamp (and report how many) instead of failing");
  cmd->add_flag("--wall-clock", o->wall_clock,
                "Measure times on local wall-clock time, ignoring UTC offsets (PM4Py 2.7.14's convention)");
  cmd->add_flag("--pm4py", o->pm4py,
                "Reproduce PM4Py 2.7.14 exactly: wall-clock times, file order for variants, start/end activities "
                "and case durations, and PM4Py's walk through silent transitions in precision");
  cmd->add_option("--model", o->model_out,
                  "Print the inductive-miner tree; with --json also its Petri net, the replay and the alignment of "
                  "every variant; --model OUT.bpmn also writes the tree as BPMN 2.0 with a diagram, --model "
                  "OUT.pnml its Petri net as PNML (for PM4Py or ProM)")
      ->expected(0, 1);
  cmd->add_flag("--no-model", o->no_model, "Skip the inductive miner and token replay");
  cmd->add_option("--noise", o->noise, "Noise threshold of the inductive miner (0 = IM, above = IMf)")
      ->capture_default_str()->check(CLI::Range(0.0, 1.0));
  cmd->add_option("--conformance", o->conformance,
                  "Replay and align the log on this model instead of a mined one: BPMN 2.0 (its first executable "
                  "process) or a PNML workflow net (as PM4Py and ProM write them)");
  cmd->add_option("--svg", o->svg_out, "Draw the directly-follows graph into this SVG file (Graphviz dot)");
  cmd->add_flag("--no-align", o->no_align, "Skip the alignments (token replay only)");
  cmd->add_flag("--no-precision", o->no_precision, "Skip the ETConformance precision");
  cmd->add_option("--log-move-cost", o->log_move_cost, "Alignment cost of an event the model cannot follow")
      ->capture_default_str()->check(CLI::NonNegativeNumber);
  cmd->add_option("--model-move-cost", o->model_move_cost, "Alignment cost of a visible transition without an event")
      ->capture_default_str()->check(CLI::NonNegativeNumber);
  cmd->add_option("--tau-move-cost", o->tau_move_cost, "Alignment cost of a silent transition")
      ->capture_default_str()->check(CLI::NonNegativeNumber);
  cmd->add_option("--max-states", o->max_states, "Alignment search states per variant before it is reported unfinished")
      ->capture_default_str();
  cmd->add_option("--align-timeout", o->align_timeout,
                  "Seconds for all alignments; variants not aligned by then are reported unfinished (0 = no limit)")
      ->capture_default_str()->check(CLI::NonNegativeNumber);
  cmd->add_option("--export", o->export_path, "Write the log as XES or CSV (by name; .gz compresses)");
  subcommands.push_back(Subcommand{cmd, [o, cmd] {
    o->model = cmd->count("--model") > 0;
    if (!o->model_out.empty() && !o->model_out.ends_with(".bpmn") && !o->model_out.ends_with(".pnml")) {
      std::fprintf(stderr, "ordo mine: --model takes no value or an output file ending in .bpmn or .pnml, not '%s'\n",
                   o->model_out.c_str());
      return 2;
    }
    return RunMine(*o);
  }});
}

}  // namespace ordo::cli
