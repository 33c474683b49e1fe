// ByteSource: the bytes of an event log file, inflated on the fly when gzip-compressed.
//
// A gzip file (RFC 1952; several members are read back to back, as gzip(1) does) is inflated
// on its own thread into a small ring of chunks while the caller parses the previous chunk, so
// inflating and parsing overlap on two cores. Plain files are read in large chunks. Memory
// sources (tests, fuzzing) inflate on the caller's thread.
// Errors are values: a truncated or corrupt gzip stream ends the stream with a DataLoss status
// naming the compressed byte offset.
// Ownership: the source owns its file descriptor, thread and buffers; a chunk returned by Next()
// stays valid until the following Next() call.
// Thread-safety: one consumer thread; the inflating thread is internal.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "base/status.h"

namespace ordo::mining {

class ByteSource {
 public:
  virtual ~ByteSource() = default;

  // Opens a file; gzip is recognised by its magic bytes (1f 8b), not by the name.
  static Result<std::unique_ptr<ByteSource>> OpenFile(const std::string& path);
  // Reads from memory the caller keeps alive; inflated when it starts with the gzip magic.
  static std::unique_ptr<ByteSource> FromMemory(std::string_view data);

  // The next chunk; an empty span at the end of the stream.
  virtual Result<std::span<const char>> Next() = 0;
  // Bytes of the underlying file consumed so far and its total size (for progress).
  virtual uint64_t source_bytes_read() const = 0;
  virtual uint64_t source_bytes_total() const = 0;
  virtual bool compressed() const = 0;
};

// Reads a whole source into a string (for CSV, which is parsed in memory).
Result<std::string> ReadAll(ByteSource& source);

}  // namespace ordo::mining
