#include "mining/variants.h"

#include <algorithm>

namespace ordo::mining {
namespace {

// A 64-bit hash of a case's activity sequence, computed while reading it (no copy). Two
// activities per step: the multiply is a serial chain, so halving its length halves the time.
inline uint64_t Step(uint64_t h, uint64_t two) {
  h = (h ^ two) * 0x9E3779B97F4A7C15ULL;
  return (h << 29) | (h >> 35);
}

inline uint64_t Finish(uint64_t h, size_t length) {
  h ^= length * 0xC2B2AE3D27D4EB4FULL;
  h ^= h >> 33;
  h *= 0xFF51AFD7ED558CCDULL;
  return h ^ (h >> 33);
}

}  // namespace

Variants ComputeVariants(const EventLog& log, std::span<const uint32_t> rows) {
  Variants out;
  const std::vector<StringId>& act = log.activities();
  std::vector<Variant> found;
  std::vector<uint64_t> found_hash;
  // Open addressing: variant index + 1 per slot (0: empty), at most half full.
  std::vector<uint32_t> slots(1024, 0);
  size_t mask = slots.size() - 1;
  out.case_variant.resize(log.num_cases());
  for (size_t c = 0; c < log.num_cases(); ++c) {
    const uint32_t b = log.case_begin(c), e = log.case_end(c);
    uint64_t h = 0x2545F4914F6CDD1DULL;
    uint32_t i = b;
    for (; i + 1 < e; i += 2) h = Step(h, act[rows[i]] | (static_cast<uint64_t>(act[rows[i + 1]]) << 32));
    if (i < e) h = Step(h, act[rows[i]]);
    h = Finish(h, e - b);
    uint32_t v = UINT32_MAX;
    size_t slot = h & mask;
    for (;; slot = (slot + 1) & mask) {
      uint32_t s = slots[slot];
      if (s == 0) break;
      if (found_hash[s - 1] != h) continue;
      const std::vector<StringId>& seq = found[s - 1].activities;
      if (seq.size() != e - b) continue;
      bool same = true;
      for (uint32_t i = b; i < e && same; ++i) same = seq[i - b] == act[rows[i]];
      if (same) {
        v = s - 1;
        break;
      }
    }
    if (v == UINT32_MAX) {
      v = static_cast<uint32_t>(found.size());
      Variant variant;
      variant.activities.reserve(e - b);
      for (uint32_t i = b; i < e; ++i) variant.activities.push_back(act[rows[i]]);
      variant.first_case = static_cast<uint32_t>(c);
      found.push_back(std::move(variant));
      found_hash.push_back(h);
      slots[slot] = v + 1;
      if (found.size() * 2 > slots.size()) {
        std::vector<uint32_t> grown(slots.size() * 2, 0);
        size_t grown_mask = grown.size() - 1;
        for (uint32_t s : slots) {
          if (s == 0) continue;
          size_t i = found_hash[s - 1] & grown_mask;
          while (grown[i] != 0) i = (i + 1) & grown_mask;
          grown[i] = s;
        }
        slots = std::move(grown);
        mask = grown_mask;
      }
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
