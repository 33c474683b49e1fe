// Log splits of the Inductive Miner's cuts (Leemans et al. 2013, §4), as PM4Py 2.7.14 splits
// them: a trace goes to the choice branch holding most of its events; a sequence is cut where
// the events of the following groups start to dominate; concurrency projects on each group; a
// loop alternates body and redo parts. See mining/inductive_cuts.h.
#include "mining/inductive_cuts.h"

#include <algorithm>

namespace ordo::mining::im {
namespace {

// PM4Py's sequence split: the end of group i's part is where "events of group i minus events of
// later groups" is lowest, events of earlier groups ignored.
size_t SplitPoint(TraceView t, const std::vector<int32_t>& group_of, int32_t group, size_t start) {
  long least = 0, cost = 0;
  size_t best = start;
  for (size_t i = start; i < t.size(); ++i) {
    int32_t gi = group_of[t[i]];
    if (gi == group) --cost;
    else if (gi < 0 || gi > group) ++cost;
    if (cost < least) least = cost, best = i + 1;
  }
  return best;
}

}  // namespace

std::vector<SubLog> Project(const SubLog& log, const Cut& cut) {
  const size_t k = cut.groups.size();
  std::vector<int32_t> group_of(log.num_activities, -1);
  for (size_t i = 0; i < k; ++i)
    for (uint32_t a : cut.groups[i]) group_of[a] = static_cast<int32_t>(i);
  std::vector<SubLogBuilder> out(k, SubLogBuilder(log.num_activities));
  Trace part, redo_set;
  std::vector<size_t> hits(k, 0);
  for (size_t ti = 0; ti < log.size(); ++ti) {
    const TraceView t = log.trace(ti);
    const uint64_t c = log.counts[ti];
    switch (cut.op) {
      case TreeOperator::kXor: {
        // The group holding most of the trace's events; ties go to the later group.
        std::fill(hits.begin(), hits.end(), 0);
        for (uint32_t a : t)
          if (group_of[a] >= 0) ++hits[group_of[a]];
        size_t best = 0;
        for (size_t i = 1; i < k; ++i)
          if (hits[i] >= hits[best]) best = i;
        part.clear();
        for (uint32_t a : t)
          if (group_of[a] == static_cast<int32_t>(best)) part.push_back(a);
        out[best].Add(part, c);
        break;
      }
      case TreeOperator::kSequence: {
        size_t split = 0;
        for (size_t i = 0; i < k; ++i) {
          size_t next = SplitPoint(t, group_of, static_cast<int32_t>(i), split);
          part.clear();
          for (size_t j = split; j < next; ++j)
            if (group_of[t[j]] == static_cast<int32_t>(i)) part.push_back(t[j]);
          out[i].Add(part, c);
          split = next;
        }
        break;
      }
      case TreeOperator::kParallel: {
        for (size_t i = 0; i < k; ++i) {
          part.clear();
          for (uint32_t a : t)
            if (group_of[a] == static_cast<int32_t>(i)) part.push_back(a);
          out[i].Add(part, c);
        }
        break;
      }
      case TreeOperator::kLoop: {
        // Body parts and redo parts alternate; a redo part goes to the redo group it shares most
        // activities with (ties: the later group).
        Trace body, redo;
        auto flush_redo = [&] {
          std::fill(hits.begin(), hits.end(), 0);
          redo_set.assign(redo.begin(), redo.end());
          std::sort(redo_set.begin(), redo_set.end());
          redo_set.erase(std::unique(redo_set.begin(), redo_set.end()), redo_set.end());
          for (uint32_t a : redo_set) ++hits[group_of[a]];
          size_t best = 1;
          for (size_t i = 2; i < k; ++i)
            if (hits[i] >= hits[best]) best = i;
          out[best].Add(redo, c);
          redo.clear();
        };
        for (uint32_t a : t) {
          if (group_of[a] == 0) {
            body.push_back(a);
            if (!redo.empty()) flush_redo();
          } else if (group_of[a] > 0) {
            redo.push_back(a);
            if (!body.empty()) out[0].Add(body, c), body.clear();
          }
        }
        if (!redo.empty()) flush_redo();
        out[0].Add(body, c);
        break;
      }
      case TreeOperator::kLeaf:
        break;
    }
  }
  std::vector<SubLog> logs;
  for (SubLogBuilder& b : out) logs.push_back(std::move(b).Finish());
  return logs;
}

}  // namespace ordo::mining::im
