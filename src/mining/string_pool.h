// StringPool: interned strings with dense ids.
//
// Event logs repeat a handful of activity, resource and attribute-key texts millions of times;
// interning turns each into a 32-bit id so columns stay small and comparisons are integer
// compares. Ids are dense (0, 1, 2, ...) in first-seen order, so they index plain arrays.
// Ownership: the pool owns the bytes; string_views it hands out stay valid for its lifetime
// (storage grows in fixed blocks that never move).
// Thread-safety: none; a pool is filled by one reader thread and then only read.
#pragma once

#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

namespace ordo::mining {

using StringId = uint32_t;
inline constexpr StringId kNoString = 0xFFFFFFFFu;

class StringPool {
 public:
  StringPool();
  ~StringPool();
  StringPool(StringPool&&) noexcept;
  StringPool& operator=(StringPool&&) noexcept;
  StringPool(const StringPool&) = delete;
  StringPool& operator=(const StringPool&) = delete;

  // Returns the id of text, adding it when new.
  StringId Intern(std::string_view text);
  // Returns the id of text or kNoString when it was never interned.
  StringId Find(std::string_view text) const;
  // REQUIRES: id < size().
  std::string_view Get(StringId id) const { return views_[id]; }
  size_t size() const { return views_.size(); }

 private:
  std::string_view Store(std::string_view text);
  void Grow();

  std::vector<std::string_view> views_;
  std::vector<std::unique_ptr<char[]>> blocks_;
  char* block_cursor_ = nullptr;
  size_t block_left_ = 0;
  // Open addressing: slot holds id + 1 (0 = empty); hashes kept beside for cheap probing.
  std::vector<uint32_t> slots_;
  std::vector<uint32_t> hashes_;
};

// FNV-1a is too slow for long keys and std::hash varies by library; this is a small, fast
// 64-bit mix over 8-byte words that every module of mining shares.
uint64_t HashBytes(const void* data, size_t size);

}  // namespace ordo::mining
