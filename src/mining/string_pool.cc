#include "mining/string_pool.h"

#include <cstring>

namespace ordo::mining {
namespace {

constexpr size_t kBlockSize = 1 << 16;

inline uint64_t Load64(const unsigned char* p) {
  uint64_t v;
  std::memcpy(&v, p, 8);
  return v;
}

inline uint64_t Mix(uint64_t h) {
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdULL;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ULL;
  h ^= h >> 33;
  return h;
}

}  // namespace

uint64_t HashBytes(const void* data, size_t size) {
  const auto* p = static_cast<const unsigned char*>(data);
  uint64_t h = 0x9E3779B97F4A7C15ULL ^ size;
  while (size >= 8) {
    h = (h ^ Load64(p)) * 0x100000001B3ULL;
    h = (h << 31) | (h >> 33);
    p += 8;
    size -= 8;
  }
  uint64_t tail = 0;
  std::memcpy(&tail, p, size);
  h = (h ^ tail) * 0x100000001B3ULL;
  return Mix(h);
}

StringPool::StringPool() : slots_(1024, 0), hashes_(1024, 0) {}
StringPool::~StringPool() = default;
StringPool::StringPool(StringPool&&) noexcept = default;
StringPool& StringPool::operator=(StringPool&&) noexcept = default;

std::string_view StringPool::Store(std::string_view text) {
  if (text.size() > kBlockSize / 4) {
    blocks_.push_back(std::make_unique<char[]>(text.size() + 1));
    std::memcpy(blocks_.back().get(), text.data(), text.size());
    return {blocks_.back().get(), text.size()};
  }
  if (block_left_ < text.size()) {
    // Not zeroed: every byte handed out is written first, and a log's pool holds megabytes.
    blocks_.push_back(std::make_unique_for_overwrite<char[]>(kBlockSize));
    block_cursor_ = blocks_.back().get();
    block_left_ = kBlockSize;
  }
  char* out = block_cursor_;
  if (!text.empty()) std::memcpy(out, text.data(), text.size());
  block_cursor_ += text.size();
  block_left_ -= text.size();
  return {out, text.size()};
}

void StringPool::Grow() {
  std::vector<uint32_t> slots(slots_.size() * 2, 0);
  std::vector<uint32_t> hashes(slots.size(), 0);
  size_t mask = slots.size() - 1;
  for (size_t i = 0; i < slots_.size(); ++i) {
    if (slots_[i] == 0) continue;
    size_t j = hashes_[i] & mask;
    while (slots[j] != 0) j = (j + 1) & mask;
    slots[j] = slots_[i];
    hashes[j] = hashes_[i];
  }
  slots_.swap(slots);
  hashes_.swap(hashes);
}

StringId StringPool::Find(std::string_view text) const {
  uint32_t h = static_cast<uint32_t>(HashBytes(text.data(), text.size()));
  size_t mask = slots_.size() - 1;
  for (size_t i = h & mask;; i = (i + 1) & mask) {
    uint32_t s = slots_[i];
    if (s == 0) return kNoString;
    if (hashes_[i] == h && views_[s - 1] == text) return s - 1;
  }
}

StringId StringPool::Intern(std::string_view text) {
  uint32_t h = static_cast<uint32_t>(HashBytes(text.data(), text.size()));
  size_t mask = slots_.size() - 1;
  size_t i = h & mask;
  for (;; i = (i + 1) & mask) {
    uint32_t s = slots_[i];
    if (s == 0) break;
    if (hashes_[i] == h && views_[s - 1] == text) return s - 1;
  }
  StringId id = static_cast<StringId>(views_.size());
  views_.push_back(Store(text));
  slots_[i] = id + 1;
  hashes_[i] = h;
  if (views_.size() * 2 > slots_.size()) Grow();
  return id;
}

}  // namespace ordo::mining
