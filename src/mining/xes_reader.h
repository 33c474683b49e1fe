// XES reader: IEEE 1849-2016 event logs, plain or gzip-compressed, into an EventLog.
//
// Streaming: a tokenizer sees the document chunk by chunk and the reader fills the columns as
// elements end, so memory holds the columnar log, never a document tree. For .xes.gz the
// ByteSource inflates on a second thread while this one parses. The tokenizer is the
// hand-written XesScanner (mining/xes_scanner.h), which hands the rest of the document to expat
// at the first construct it does not handle; expat alone (XmlTokenizer::kExpat) is the
// reference, and both give the same log, report and errors.
// Attribute types: string, date, int, float, boolean, id (§5.3), list and container (§5.3.9,
// §5.3.10) and nested attributes of any type (the "nested-attributes" feature); dates keep their
// UTC offset (mining/timestamp.h).
// Hostile input: entity declarations are refused (no entity expansion, so no XML bomb), external
// entities are never loaded, attribute nesting is capped. Malformed XML, non-UTF-8 bytes and bad
// values are errors naming the line, column and byte offset.
// Invalid events (no case id, no activity, no timestamp) are errors unless skip_invalid is set;
// then they are dropped and counted in the ReadReport. Traces sharing a case id are merged
// (counted as duplicate_case_ids).
// Thread-safety: each call is independent.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "base/status.h"
#include "mining/byte_source.h"
#include "mining/event_log.h"

namespace ordo::mining {

// Which tokenizer reads the XML. kScanner is the fast path (expat takes over where it stops);
// kExpat is expat from the first byte, the reference the tests and the fuzzer compare with.
enum class XmlTokenizer : uint8_t { kScanner, kExpat };

struct ReadOptions {
  bool skip_invalid = false;
  int max_attribute_depth = 64;
  // Called after each chunk with the source bytes consumed and the source size.
  std::function<void(uint64_t done, uint64_t total)> progress;
  XmlTokenizer tokenizer = XmlTokenizer::kScanner;
};

Result<EventLog> ReadXes(ByteSource& source, const ReadOptions& options = {}, ReadReport* report = nullptr);
Result<EventLog> ReadXesFile(const std::string& path, const ReadOptions& options = {},
                             ReadReport* report = nullptr);

}  // namespace ordo::mining
