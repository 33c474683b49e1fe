#include "mining/inductive_miner.h"

#include <algorithm>
#include <optional>

#include "mining/inductive_cuts.h"

namespace ordo::mining {
namespace {

using im::Cut;
using im::Graph;
using im::SubLog;
using im::SubLogBuilder;
using im::Trace;
using im::TraceView;

class Miner {
 public:
  Miner(std::vector<StringId> names, double noise) : names_(std::move(names)), noise_(noise) {}

  ProcessTree Mine(SubLog log) {
    // Empty traces (PM4Py's EmptyTraces fall-through, tried first): X(tau, the rest).
    uint64_t total = 0, empty = 0;
    for (size_t i = 0; i < log.size(); ++i) {
      total += log.counts[i];
      if (log.trace(i).empty()) empty += log.counts[i];
    }
    if (empty > 0) {
      SubLogBuilder rest(log.num_activities);
      for (size_t i = 0; i < log.size(); ++i)
        if (!log.trace(i).empty()) rest.Add(log.trace(i), log.counts[i]);
      SubLog r = std::move(rest).Finish();
      if (r.empty()) return ProcessTree::Tau();
      if (noise_ <= 0 || static_cast<double>(empty) > noise_ * static_cast<double>(total)) {
        std::vector<ProcessTree> children;
        children.push_back(ProcessTree::Tau());
        children.push_back(Mine(std::move(r)));
        return ProcessTree::Node(TreeOperator::kXor, std::move(children));
      }
      log = std::move(r);  // IMf: infrequent empty traces are noise
    }
    // Base cases: the empty log, a single trace of at most one activity.
    if (log.empty()) return ProcessTree::Tau();
    if (log.size() == 1 && log.trace(0).size() <= 1)
      return log.trace(0).empty() ? ProcessTree::Tau() : ProcessTree::Leaf(names_[log.trace(0)[0]]);
    // Edge frequencies matter only to IMf's noise filter; IM reads which edges exist.
    Graph g = im::BuildGraph(log, noise_ > 0 ? im::EdgeCounts::kKeep : im::EdgeCounts::kDrop);
    if (auto cut = im::FindCut(g)) return Recurse(log, *cut);
    if (noise_ > 0) {
      if (auto cut = im::FindCut(im::FilterNoise(g, noise_))) return Recurse(log, *cut);
    }
    return FallThrough(std::move(log), g);
  }

 private:
  ProcessTree Recurse(const SubLog& log, const Cut& cut) {
    std::vector<SubLog> parts = im::Project(log, cut);
    std::vector<ProcessTree> children;
    children.reserve(parts.size());
    for (SubLog& p : parts) children.push_back(Mine(std::move(p)));
    return ProcessTree::Node(cut.op, std::move(children));
  }

  // + (a, everything else): the log split into a's events and the other events.
  ProcessTree SplitOff(const SubLog& log, uint32_t a) {
    SubLogBuilder only(log.num_activities), other(log.num_activities);
    Trace x, y;
    for (size_t i = 0; i < log.size(); ++i) {
      x.clear(), y.clear();
      for (uint32_t e : log.trace(i)) (e == a ? x : y).push_back(e);
      only.Add(x, log.counts[i]);
      other.Add(y, log.counts[i]);
    }
    std::vector<ProcessTree> children;
    children.push_back(Mine(std::move(only).Finish()));
    children.push_back(Mine(std::move(other).Finish()));
    return ProcessTree::Node(TreeOperator::kParallel, std::move(children));
  }

  // Tau loops: traces split where a start activity follows (an end activity, when strict).
  std::optional<SubLog> TauLoopSplit(const SubLog& log, bool strict) {
    std::vector<bool> is_start(log.num_activities, false), is_end(log.num_activities, false);
    for (size_t i = 0; i < log.size(); ++i) {
      const TraceView t = log.trace(i);
      if (!t.empty()) is_start[t.front()] = true, is_end[t.back()] = true;
    }
    SubLogBuilder out(log.num_activities);
    bool split = false;
    for (size_t i = 0; i < log.size(); ++i) {
      const TraceView t = log.trace(i);
      size_t from = 0;
      for (size_t j = 1; j < t.size(); ++j) {
        if (is_start[t[j]] && (!strict || is_end[t[j - 1]])) {
          out.Add(t.subspan(from, j - from), log.counts[i]);
          from = j;
          split = true;
        }
      }
      out.Add(t.subspan(from), log.counts[i]);
    }
    if (!split) return std::nullopt;
    return std::move(out).Finish();
  }

  // full: the log's graph (its edge counts, if any, unused).
  ProcessTree FallThrough(SubLog log, const Graph& full) {
    const std::vector<uint32_t>& alphabet = full.alphabet;  // the activities in the log
    // Activity once per trace: an activity occurring exactly once in every trace runs in parallel.
    for (uint32_t a : alphabet) {
      bool once = true;
      for (size_t i = 0; i < log.size() && once; ++i) once = std::ranges::count(log.trace(i), a) == 1;
      if (once) return SplitOff(log, a);
    }
    // Activity concurrent: an activity without which a cut exists. Each graph without one
    // activity is derived from the whole graph and that activity's bridges.
    const im::Bridges bridges = im::FindBridges(log);
    for (uint32_t a : alphabet) {
      if (im::FindCut(im::WithoutActivity(full, a, bridges.of(a)))) return SplitOff(log, a);
    }
    for (bool strict : {true, false}) {
      if (auto split = TauLoopSplit(log, strict)) {
        std::vector<ProcessTree> children;
        children.push_back(Mine(std::move(*split)));
        children.push_back(ProcessTree::Tau());
        return ProcessTree::Node(TreeOperator::kLoop, std::move(children));
      }
    }
    // Flower: *( X(every activity), tau ).
    SubLogBuilder each(log.num_activities);
    for (const uint32_t& a : alphabet) each.Add(TraceView(&a, 1), 1);
    std::vector<ProcessTree> children;
    children.push_back(Mine(std::move(each).Finish()));
    children.push_back(ProcessTree::Tau());
    return ProcessTree::Node(TreeOperator::kLoop, std::move(children));
  }

  std::vector<StringId> names_;  // activity id -> label
  double noise_;
};

}  // namespace

ProcessTree DiscoverProcessTree(const EventLog& log, const Variants& variants, const InductiveOptions& options) {
  // Number the activities in name order (PM4Py sorts activity names wherever order matters).
  std::vector<StringId> used;
  std::vector<int32_t> id_of(log.strings().size(), -1);
  for (const Variant& v : variants.variants)
    for (StringId a : v.activities)
      if (id_of[a] < 0) id_of[a] = 0, used.push_back(a);
  std::sort(used.begin(), used.end(), [&](StringId a, StringId b) { return log.str(a) < log.str(b); });
  for (uint32_t i = 0; i < used.size(); ++i) id_of[used[i]] = static_cast<int32_t>(i);
  SubLogBuilder b(used.size());
  Trace t;
  for (const Variant& v : variants.variants) {
    t.clear();
    for (StringId a : v.activities) t.push_back(static_cast<uint32_t>(id_of[a]));
    b.Add(t, v.cases);
  }
  Miner miner(used, options.noise_threshold);
  ProcessTree tree = miner.Mine(std::move(b).Finish());
  Normalize(tree);
  SortChildren(tree, log.strings());
  return tree;
}

}  // namespace ordo::mining
