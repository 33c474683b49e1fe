#include "mining/variants.h"

#include <algorithm>
#include <unordered_map>

namespace ordo::mining {

Variants ComputeVariants(const EventLog& log, std::span<const uint32_t> rows) {
  Variants out;
  const std::vector<StringId>& act = log.activities();
  std::vector<StringId> seq;
  std::unordered_multimap<uint64_t, uint32_t> by_hash;
  by_hash.reserve(1024);
  std::vector<Variant> found;
  out.case_variant.resize(log.num_cases());
  for (size_t c = 0; c < log.num_cases(); ++c) {
    uint32_t b = log.case_begin(c), e = log.case_end(c);
    seq.clear();
    for (uint32_t i = b; i < e; ++i) seq.push_back(act[rows[i]]);
    uint64_t h = HashBytes(seq.data(), seq.size() * sizeof(StringId));
    uint32_t v = UINT32_MAX;
    auto [lo, hi] = by_hash.equal_range(h);
    for (auto it = lo; it != hi; ++it) {
      if (found[it->second].activities == seq) {
        v = it->second;
        break;
      }
    }
    if (v == UINT32_MAX) {
      v = static_cast<uint32_t>(found.size());
      found.push_back(Variant{seq, 0, static_cast<uint32_t>(c)});
      by_hash.emplace(h, v);
    }
    ++found[v].cases;
    out.case_variant[c] = v;
  }
  std::vector<uint32_t> order(found.size());
  for (uint32_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
    return found[a].cases != found[b].cases ? found[a].cases > found[b].cases : found[a].first_case < found[b].first_case;
  });
  std::vector<uint32_t> rank(found.size());
  for (uint32_t i = 0; i < order.size(); ++i) rank[order[i]] = i;
  out.variants.reserve(found.size());
  for (uint32_t i : order) out.variants.push_back(std::move(found[i]));
  for (uint32_t& v : out.case_variant) v = rank[v];
  return out;
}

}  // namespace ordo::mining
