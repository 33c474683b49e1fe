#include "mining/variants.h"

#include <algorithm>

namespace ordo::mining {
namespace {

// A 64-bit hash of a case's activity sequence, computed while reading it (no copy). Four
// activities per step: the multiply of h is a serial chain, the one of the second pair is not, so
// the chain is a quarter as long as the sequence.
inline uint64_t Step(uint64_t h, uint64_t two) {
  h = (h ^ two) * 0x9E3779B97F4A7C15ULL;
  return (h << 29) | (h >> 35);
}

inline uint64_t Step4(uint64_t h, uint64_t two, uint64_t next_two) {
  return Step(h, two) ^ (next_two * 0xD6E8FEB86659FD93ULL);
}

inline uint64_t Finish(uint64_t h, size_t length) {
  h ^= length * 0xC2B2AE3D27D4EB4FULL;
  h ^= h >> 33;
  h *= 0xFF51AFD7ED558CCDULL;
  return h ^ (h >> 33);
}

inline uint64_t Pair(const StringId* two) {
  return two[0] | (static_cast<uint64_t>(two[1]) << 32);
}

uint64_t HashSequence(const StringId* seq, uint32_t n) {
  uint64_t h = 0x2545F4914F6CDD1DULL;
  uint32_t i = 0;
  for (; i + 3 < n; i += 4) h = Step4(h, Pair(seq + i), Pair(seq + i + 2));
  for (; i + 1 < n; i += 2) h = Step(h, Pair(seq + i));
  if (i < n) h = Step(h, seq[i]);
  return Finish(h, n);
}

bool IsIdentity(std::span<const uint32_t> rows) {
  // Blocks of 1024 rows without a branch inside: four independent accumulators.
  for (size_t at = 0; at < rows.size(); at += 1024) {
    const size_t end = std::min(rows.size(), at + 1024);
    uint32_t d[4] = {0, 0, 0, 0};
    size_t i = at;
    for (; i + 4 <= end; i += 4) {
      for (uint32_t k = 0; k < 4; ++k) d[k] |= rows[i + k] ^ static_cast<uint32_t>(i + k);
    }
    for (; i < end; ++i) d[0] |= rows[i] ^ static_cast<uint32_t>(i);
    if ((d[0] | d[1] | d[2] | d[3]) != 0) return false;
  }
  return true;
}

}  // namespace

void Variants::Add(std::span<const StringId> activities, uint64_t cases, uint32_t first_case) {
  if (!activities.empty() && activities.data() >= storage_.data() && activities.data() < storage_.data() + storage_.size()) {
    const std::vector<StringId> copy(activities.begin(), activities.end());  // a view of our own storage
    Add(copy, cases, first_case);
    return;
  }
  const StringId* before = storage_.data();
  offsets_.push_back(storage_.size());
  storage_.insert(storage_.end(), activities.begin(), activities.end());
  variants.push_back(Variant{{}, cases, first_case});
  if (storage_.data() != before) {  // the storage moved: every view points at it again
    for (size_t v = 0; v + 1 < variants.size(); ++v) {
      variants[v].activities = std::span<const StringId>(storage_.data() + offsets_[v], variants[v].activities.size());
    }
  }
  variants.back().activities = std::span<const StringId>(storage_.data() + offsets_.back(), activities.size());
}

Variants ComputeVariants(const EventLog& log, std::span<const uint32_t> rows) {
  Variants out;
  const std::vector<StringId>& act = log.activities();
  // Variants in order of their first case: where their sequence starts in the storage, their
  // length, hash and count. The sequence of a new variant is appended to the storage.
  struct Found {
    size_t begin;
    uint32_t length;
    uint32_t first_case;
    uint64_t hash;
    uint64_t cases;
  };
  std::vector<Found> found;
  std::vector<StringId>& storage = out.storage_;
  // Every sequence together is at most every row. Reserved, not touched: pages that no variant
  // fills are never mapped in.
  storage.reserve(rows.size());
  // Open addressing: variant index + 1 per slot (0: empty), at most half full. Sized for one
  // variant per case up to 128K cases (a 1 MB table), so most logs never rehash.
  size_t initial = 1024;
  while (initial < 2 * log.num_cases() && initial < (size_t{1} << 18)) initial *= 2;
  std::vector<uint32_t> slots(initial, 0);
  size_t mask = slots.size() - 1;
  out.case_variant.resize(log.num_cases());
  // Each case's sequence is read where it lies when the rows are in source order (the usual
  // case: files are in time order), else gathered into a scratch buffer first.
  const bool direct = IsIdentity(rows);
  std::vector<StringId> scratch;
  for (size_t c = 0; c < log.num_cases(); ++c) {
    const uint32_t b = log.case_begin(c), e = log.case_end(c), n = e - b;
    const StringId* seq = act.data() + b;
    if (!direct) {
      scratch.resize(n);
      for (uint32_t k = 0; k < n; ++k) scratch[k] = act[rows[b + k]];
      seq = scratch.data();
    }
    const uint64_t h = HashSequence(seq, n);
    uint32_t v = UINT32_MAX;
    size_t slot = h & mask;
    for (;; slot = (slot + 1) & mask) {
      const uint32_t s = slots[slot];
      if (s == 0) break;
      const Found& f = found[s - 1];
      if (f.hash == h && f.length == n && std::equal(seq, seq + n, storage.data() + f.begin)) {
        v = s - 1;
        break;
      }
    }
    if (v == UINT32_MAX) {
      v = static_cast<uint32_t>(found.size());
      found.push_back(Found{storage.size(), n, static_cast<uint32_t>(c), h, 0});
      const size_t at = storage.size();
      storage.resize(at + n);  // within the capacity reserved above: no reallocation
      std::copy(seq, seq + n, storage.data() + at);
      slots[slot] = v + 1;
      if (found.size() * 2 > slots.size()) {
        std::vector<uint32_t> grown(slots.size() * 2, 0);
        const size_t grown_mask = grown.size() - 1;
        for (uint32_t s : slots) {
          if (s == 0) continue;
          size_t k = found[s - 1].hash & grown_mask;
          while (grown[k] != 0) k = (k + 1) & grown_mask;
          grown[k] = s;
        }
        slots = std::move(grown);
        mask = grown_mask;
      }
    }
    ++found[v].cases;
    out.case_variant[c] = v;
  }
  // Most cases first, ties by first case, which is the order found in: one key per variant,
  // (cases descending, index ascending), sorted as integers. Counts are below 2^32 (case ids).
  std::vector<uint64_t> keys(found.size());
  for (uint32_t i = 0; i < found.size(); ++i) keys[i] = (static_cast<uint64_t>(UINT32_MAX - found[i].cases) << 32) | i;
  std::sort(keys.begin(), keys.end());
  std::vector<uint32_t> rank(found.size());
  out.variants.resize(found.size());
  out.offsets_.resize(found.size());
  for (uint32_t r = 0; r < keys.size(); ++r) {
    const Found& f = found[static_cast<uint32_t>(keys[r])];
    rank[static_cast<uint32_t>(keys[r])] = r;
    out.variants[r] = Variant{std::span<const StringId>(storage.data() + f.begin, f.length), f.cases, f.first_case};
    out.offsets_[r] = f.begin;
  }
  for (uint32_t& v : out.case_variant) v = rank[v];
  return out;
}

}  // namespace ordo::mining
