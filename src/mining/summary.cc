#include "mining/summary.h"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <cstdlib>

#include "base/sha256.h"
#include "mining/inductive_miner.h"

namespace ordo::mining {
namespace {

double SecondsSince(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

std::string HashLines(std::vector<std::string>& lines) {
  std::sort(lines.begin(), lines.end());
  Sha256 h;
  for (const std::string& l : lines) {
    h.Update(l);
    h.Update(std::string_view("\n", 1));
  }
  return ToHex(h.Finish());
}

std::string Fixed3(double v) {
  char buf[64];
  int n = std::snprintf(buf, sizeof buf, "%.3f", v);
  return std::string(buf, static_cast<size_t>(n));
}

json::Value Str(std::string_view s) { return json::Value::String(std::string(s)); }

// Code points, as Python's len(str).
size_t Utf8Length(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80 ? 1 : 0;
  return n;
}

}  // namespace

double RoundTo(double x, int digits) {
  char buf[512];
  std::snprintf(buf, sizeof buf, "%.*f", digits, x);
  return std::strtod(buf, nullptr);
}

json::Value Number(double v) {
  char buf[64];
  auto r = std::to_chars(buf, buf + sizeof buf, v);
  std::string text(buf, r.ptr);
  if (text == "inf" || text == "-inf" || text == "nan" || text == "-nan") return json::Value::Null();
  return json::Value::Number(text);
}

SummaryOptions Pm4pyOptions(bool csv_input) {
  SummaryOptions o;
  o.convention = csv_input ? TimeConvention::kUtc : TimeConvention::kWallClock;
  o.sequence = csv_input ? SequenceOrder::kTime : SequenceOrder::kFile;
  o.precision_closure = SilentClosure::kPm4py;
  return o;
}

Mined MineAll(const EventLog& log, const SummaryOptions& options) {
  Mined m;
  auto t0 = std::chrono::steady_clock::now();
  m.order = OrderByTime(log, options.convention);
  m.order_s = SecondsSince(t0);
  std::vector<uint32_t> file_rows;
  if (options.sequence == SequenceOrder::kFile) file_rows = FileOrder(log);
  std::span<const uint32_t> seq = options.sequence == SequenceOrder::kFile ? std::span<const uint32_t>(file_rows)
                                                                           : std::span<const uint32_t>(m.order.rows);

  t0 = std::chrono::steady_clock::now();
  Dfg freq = DiscoverDfg(log, m.order.rows, m.order.times, Performance::kNo);
  CountStartEnd(log, seq, freq);
  m.dfg_freq_s = SecondsSince(t0);

  t0 = std::chrono::steady_clock::now();
  m.dfg = DiscoverDfg(log, m.order.rows, m.order.times, Performance::kYes);
  m.dfg_perf_s = SecondsSince(t0);
  m.dfg.start_activities = std::move(freq.start_activities);
  m.dfg.end_activities = std::move(freq.end_activities);

  t0 = std::chrono::steady_clock::now();
  m.durations = CaseDurations(log, seq, m.order.times);
  m.case_dur_s = SecondsSince(t0);

  t0 = std::chrono::steady_clock::now();
  m.variants = ComputeVariants(log, seq);
  m.variants_s = SecondsSince(t0);

  t0 = std::chrono::steady_clock::now();
  m.bottlenecks = FindBottlenecks(log, m.dfg);
  m.bottlenecks_s = SecondsSince(t0);

  if (options.model) {
    m.has_model = true;
    if (options.given_net != nullptr) {
      m.net = *options.given_net;
    } else {
      m.discovered = true;
      t0 = std::chrono::steady_clock::now();
      // PM4Py's inductive miner sorts each case by time whatever the frame's order. When no case
      // was out of time order the two orders are the same rows, and so the same variants.
      const bool same_order = options.sequence == SequenceOrder::kTime || m.order.unsorted_cases == 0;
      Variants timed;
      if (!same_order) timed = ComputeVariants(log, m.order.rows);
      const Variants& im_input = same_order ? m.variants : timed;
      m.tree = DiscoverProcessTree(log, im_input, InductiveOptions{options.noise_threshold});
      m.im_tree_s = SecondsSince(t0);
      t0 = std::chrono::steady_clock::now();
      m.net = ToPetriNet(m.tree);
      m.im_to_pn_s = SecondsSince(t0);
    }
    t0 = std::chrono::steady_clock::now();
    m.replay = TokenReplay(m.net, m.variants);
    m.tbr_s = SecondsSince(t0);
    if (options.precision) {
      m.has_precision = true;
      t0 = std::chrono::steady_clock::now();
      m.etc_precision = EtcPrecision(m.net, m.variants, options.precision_closure);
      m.precision_s = SecondsSince(t0);
    }
    if (options.align) {
      m.has_alignment = true;
      t0 = std::chrono::steady_clock::now();
      Result<AlignmentResult> aligned = AlignVariants(m.net, m.variants, options.alignment);
      m.align_s = SecondsSince(t0);
      if (aligned.ok()) m.alignment = std::move(*aligned);
      else m.alignment_status = aligned.status();
    }
  }
  return m;
}

void AddModelFields(const EventLog& log, const Mined& m, json::Value& o) {
  auto num = [](size_t n) { return json::Value::Int(static_cast<int64_t>(n)); };
  const std::string prefix = m.discovered ? "im_" : "model_";
  o.Set(prefix + "places", num(m.net.places.size()));
  o.Set(prefix + "transitions", num(m.net.transitions.size()));
  o.Set(prefix + "visible_transitions", num(m.net.num_visible()));
  o.Set(prefix + "silent_transitions", num(m.net.num_silent()));
  o.Set(prefix + "arcs", num(m.net.num_arcs()));
  if (m.discovered) {
    std::string tree = ToString(m.tree, log.strings());
    o.Set("im_tree_chars", num(Utf8Length(tree)));
    o.Set("im_tree_sha256", json::Value::String(ToHex(Sha256::Of(tree))));
    if (Utf8Length(tree) <= 400) o.Set("im_tree", json::Value::String(tree));
  }
  o.Set("tbr_log_fitness", Number(RoundTo(m.replay.log_fitness, 6)));
  o.Set("tbr_average_trace_fitness", Number(RoundTo(m.replay.average_trace_fitness, 6)));
  o.Set("tbr_perc_fit_traces", Number(RoundTo(m.replay.perc_fit_traces, 6)));
  if (m.has_precision) o.Set("etc_precision", Number(RoundTo(m.etc_precision, 6)));
  if (m.has_alignment && m.alignment_status.ok()) {
    o.Set("align_log_fitness", Number(RoundTo(m.alignment.log_fitness, 6)));
    o.Set("align_average_trace_fitness", Number(RoundTo(m.alignment.average_trace_fitness, 6)));
    o.Set("align_perc_fit_traces", Number(RoundTo(m.alignment.perc_fit_traces, 6)));
    o.Set("align_unfinished_variants", num(m.alignment.unfinished_variants));
    o.Set("align_model_cost", json::Value::Int(m.alignment.model_cost));
  } else if (m.has_alignment) {
    o.Set("align_error", json::Value::String(m.alignment_status.message()));
  }
}

std::string DfgHash(const EventLog& log, const Dfg& dfg) {
  std::vector<std::string> lines;
  lines.reserve(dfg.edges.size() + dfg.start_activities.size() + dfg.end_activities.size());
  for (const DfgEdge& e : dfg.edges) {
    lines.push_back(std::string(log.str(e.from)) + '\x1f' + std::string(log.str(e.to)) + '\t' +
                    std::to_string(e.frequency));
  }
  for (const ActivityCount& a : dfg.start_activities) {
    lines.push_back("^\x1f" + std::string(log.str(a.activity)) + '\t' + std::to_string(a.count));
  }
  for (const ActivityCount& a : dfg.end_activities) {
    lines.push_back("$\x1f" + std::string(log.str(a.activity)) + '\t' + std::to_string(a.count));
  }
  return HashLines(lines);
}

std::string PerfHash(const EventLog& log, const Dfg& dfg) {
  std::vector<std::string> lines;
  lines.reserve(dfg.edges.size());
  for (const DfgEdge& e : dfg.edges) {
    lines.push_back(std::string(log.str(e.from)) + '\x1f' + std::string(log.str(e.to)) + '\t' + Fixed3(e.mean_s) +
                    '\t' + Fixed3(e.median_s) + '\t' + Fixed3(e.min_s) + '\t' + Fixed3(e.max_s));
  }
  return HashLines(lines);
}

std::string VariantsHash(const EventLog& log, const Variants& variants) {
  std::vector<std::string> lines;
  lines.reserve(variants.variants.size());
  for (const Variant& v : variants.variants) {
    std::string l;
    for (size_t i = 0; i < v.activities.size(); ++i) {
      if (i) l += '\x1f';
      l += log.str(v.activities[i]);
    }
    l += '\t';
    l += std::to_string(v.cases);
    lines.push_back(std::move(l));
  }
  return HashLines(lines);
}

json::Value Summarize(const EventLog& log, const Mined& m, const SummaryOptions& options, double import_s) {
  json::Value o = json::Value::MakeObject();
  o.Set("cases", json::Value::Int(static_cast<int64_t>(log.num_cases())));
  o.Set("events", json::Value::Int(static_cast<int64_t>(log.num_events())));
  o.Set("activities", json::Value::Int(static_cast<int64_t>(log.CountActivities())));
  o.Set("dfg_edges", json::Value::Int(static_cast<int64_t>(m.dfg.edges.size())));
  o.Set("dfg_total_freq", json::Value::Int(static_cast<int64_t>(m.dfg.total_frequency)));
  o.Set("start_activities", json::Value::Int(static_cast<int64_t>(m.dfg.start_activities.size())));
  o.Set("end_activities", json::Value::Int(static_cast<int64_t>(m.dfg.end_activities.size())));
  o.Set("dfg_sha256", Str(DfgHash(log, m.dfg)));
  double total_wait = 0;
  for (const DfgEdge& e : m.dfg.edges) total_wait += e.total_s;
  o.Set("perf_total_wait_s", Number(RoundTo(total_wait, 1)));
  // Top edges by total waiting time; ties in (source, target) text order as PM4Py lists them.
  std::vector<DfgEdge> edges = m.dfg.edges;
  std::sort(edges.begin(), edges.end(), [&](const DfgEdge& a, const DfgEdge& b) {
    return a.from != b.from ? log.str(a.from) < log.str(b.from) : log.str(a.to) < log.str(b.to);
  });
  std::stable_sort(edges.begin(), edges.end(), [](const DfgEdge& a, const DfgEdge& b) { return a.total_s > b.total_s; });
  json::Value top = json::Value::MakeArray();
  for (size_t i = 0; i < edges.size() && i < 3; ++i) {
    json::Value row = json::Value::MakeArray();
    row.as_array().push_back(Str(log.str(edges[i].from)));
    row.as_array().push_back(Str(log.str(edges[i].to)));
    row.as_array().push_back(Number(RoundTo(edges[i].total_s, 1)));
    row.as_array().push_back(json::Value::Int(static_cast<int64_t>(edges[i].frequency)));
    row.as_array().push_back(Number(RoundTo(edges[i].mean_s, 1)));
    top.as_array().push_back(std::move(row));
  }
  o.Set("bottleneck_edges_by_total_wait", std::move(top));
  o.Set("perf_sha256", Str(PerfHash(log, m.dfg)));
  if (log.num_cases() > 0) {
    o.Set("case_duration_mean_s", Number(RoundTo(m.durations.mean, 1)));
    o.Set("case_duration_median_s", Number(RoundTo(m.durations.median, 1)));
    o.Set("case_duration_max_s", Number(RoundTo(m.durations.max, 1)));
  }
  o.Set("variants", json::Value::Int(static_cast<int64_t>(m.variants.variants.size())));
  o.Set("top_variant_cases",
        json::Value::Int(m.variants.variants.empty() ? 0 : static_cast<int64_t>(m.variants.variants[0].cases)));
  o.Set("variants_sha256", Str(VariantsHash(log, m.variants)));
  o.Set("time_convention", Str(options.convention == TimeConvention::kUtc ? "utc" : "wall-clock"));
  o.Set("event_order", Str(options.sequence == SequenceOrder::kTime ? "time" : "file"));
  o.Set("unsorted_cases", json::Value::Int(static_cast<int64_t>(m.order.unsorted_cases)));
  json::Value t = json::Value::MakeObject();
  t.Set("import", Number(RoundTo(import_s, 6)));
  t.Set("order", Number(RoundTo(m.order_s, 6)));
  t.Set("dfg_freq", Number(RoundTo(m.dfg_freq_s, 6)));
  t.Set("dfg_perf", Number(RoundTo(m.dfg_perf_s, 6)));
  t.Set("case_dur", Number(RoundTo(m.case_dur_s, 6)));
  t.Set("variants", Number(RoundTo(m.variants_s, 6)));
  t.Set("bottlenecks", Number(RoundTo(m.bottlenecks_s, 6)));
  if (m.has_model) {
    if (m.discovered) {
      t.Set("im_tree", Number(RoundTo(m.im_tree_s, 6)));
      t.Set("im_to_pn", Number(RoundTo(m.im_to_pn_s, 6)));
    }
    t.Set("tbr", Number(RoundTo(m.tbr_s, 6)));
    if (m.has_alignment) t.Set("align", Number(RoundTo(m.align_s, 6)));
    if (m.has_precision) t.Set("precision", Number(RoundTo(m.precision_s, 6)));
    AddModelFields(log, m, o);
  }
  o.Set("timings_s", std::move(t));
  return o;
}

json::Value DfgToJson(const EventLog& log, const Dfg& dfg) {
  json::Value o = json::Value::MakeObject();
  json::Value edges = json::Value::MakeArray();
  for (const DfgEdge& e : dfg.edges) {
    json::Value x = json::Value::MakeObject();
    x.Set("from", Str(log.str(e.from)));
    x.Set("to", Str(log.str(e.to)));
    x.Set("frequency", json::Value::Int(static_cast<int64_t>(e.frequency)));
    x.Set("mean_s", Number(e.mean_s));
    x.Set("median_s", Number(e.median_s));
    x.Set("min_s", Number(e.min_s));
    x.Set("max_s", Number(e.max_s));
    x.Set("total_s", Number(e.total_s));
    edges.as_array().push_back(std::move(x));
  }
  auto counts = [&](const std::vector<ActivityCount>& v) {
    json::Value a = json::Value::MakeObject();
    for (const ActivityCount& c : v) a.Set(std::string(log.str(c.activity)), json::Value::Int(static_cast<int64_t>(c.count)));
    return a;
  };
  o.Set("edges", std::move(edges));
  o.Set("start_activities", counts(dfg.start_activities));
  o.Set("end_activities", counts(dfg.end_activities));
  return o;
}

json::Value VariantsToJson(const EventLog& log, const Variants& variants, size_t limit) {
  json::Value a = json::Value::MakeArray();
  for (size_t i = 0; i < variants.variants.size() && i < limit; ++i) {
    const Variant& v = variants.variants[i];
    json::Value x = json::Value::MakeObject();
    json::Value acts = json::Value::MakeArray();
    for (StringId s : v.activities) acts.as_array().push_back(Str(log.str(s)));
    x.Set("activities", std::move(acts));
    x.Set("cases", json::Value::Int(static_cast<int64_t>(v.cases)));
    a.as_array().push_back(std::move(x));
  }
  return a;
}

json::Value BottlenecksToJson(const EventLog& log, const Bottlenecks& b, size_t limit) {
  json::Value o = json::Value::MakeObject();
  auto edges = [&](const std::vector<DfgEdge>& v) {
    json::Value a = json::Value::MakeArray();
    for (size_t i = 0; i < v.size() && i < limit; ++i) {
      json::Value x = json::Value::MakeObject();
      x.Set("from", Str(log.str(v[i].from)));
      x.Set("to", Str(log.str(v[i].to)));
      x.Set("frequency", json::Value::Int(static_cast<int64_t>(v[i].frequency)));
      x.Set("total_s", Number(v[i].total_s));
      x.Set("mean_s", Number(v[i].mean_s));
      a.as_array().push_back(std::move(x));
    }
    return a;
  };
  auto acts = [&](const std::vector<ActivityWait>& v) {
    json::Value a = json::Value::MakeArray();
    for (size_t i = 0; i < v.size() && i < limit; ++i) {
      json::Value x = json::Value::MakeObject();
      x.Set("activity", Str(log.str(v[i].activity)));
      x.Set("count", json::Value::Int(static_cast<int64_t>(v[i].count)));
      x.Set("total_s", Number(v[i].total_s));
      x.Set("mean_s", Number(v[i].mean_s));
      a.as_array().push_back(std::move(x));
    }
    return a;
  };
  o.Set("edges_by_total_wait", edges(b.edges_by_total));
  o.Set("edges_by_mean_wait", edges(b.edges_by_mean));
  o.Set("activities_by_total_wait", acts(b.activities_by_total));
  o.Set("activities_by_mean_wait", acts(b.activities_by_mean));
  json::Value rw = json::Value::MakeArray();
  for (size_t i = 0; i < b.rework.size() && i < limit; ++i) {
    json::Value x = json::Value::MakeObject();
    x.Set("activity", Str(log.str(b.rework[i].activity)));
    x.Set("cases", json::Value::Int(static_cast<int64_t>(b.rework[i].cases)));
    x.Set("repeats", json::Value::Int(static_cast<int64_t>(b.rework[i].repeats)));
    rw.as_array().push_back(std::move(x));
  }
  o.Set("rework", std::move(rw));
  o.Set("cases_with_rework", json::Value::Int(static_cast<int64_t>(b.cases_with_rework)));
  return o;
}

json::Value DurationsToJson(const DurationStats& d) {
  json::Value o = json::Value::MakeObject();
  o.Set("mean_s", Number(d.mean));
  o.Set("median_s", Number(d.median));
  o.Set("min_s", Number(d.min));
  o.Set("max_s", Number(d.max));
  o.Set("p10_s", Number(d.p10));
  o.Set("p25_s", Number(d.p25));
  o.Set("p75_s", Number(d.p75));
  o.Set("p90_s", Number(d.p90));
  o.Set("p95_s", Number(d.p95));
  o.Set("p99_s", Number(d.p99));
  return o;
}

}  // namespace ordo::mining
