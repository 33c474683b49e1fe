// CSV reader: event tables (one row per event) into an EventLog.
//
// RFC 4180 fields (quoted fields may hold separators, quotes as "" and line breaks); the first
// row names the columns. Flags map columns to the case id, activity and timestamp (defaults are
// the XES names PM4Py writes: case:concept:name, concept:name, time:timestamp); lifecycle and
// resource columns are picked up when present. Other columns become string attributes: those
// named "case:<key>" of the case (from its first row), the rest of the event.
// Timestamps are ISO 8601 by default, or follow a strftime-like format (mining/timestamp.h).
// Rows of a case may be scattered; each case keeps its rows in file order.
// Errors name the line: a bad field, a missing column, a row with too few fields, bytes that
// are not UTF-8. Rows without case id, activity or timestamp are errors unless skip_invalid.
// Thread-safety: each call is independent.
#pragma once

#include <string>
#include <string_view>

#include "base/status.h"
#include "mining/event_log.h"
#include "mining/xes_reader.h"

namespace ordo::mining {

struct CsvOptions {
  std::string case_column = "case:concept:name";
  std::string activity_column = "concept:name";
  std::string timestamp_column = "time:timestamp";
  std::string timestamp_format;  // empty: ISO 8601 with optional offset
  std::string lifecycle_column = "lifecycle:transition";
  std::string resource_column = "org:resource";
  char separator = ',';
};

Result<EventLog> ReadCsv(std::string_view text, const CsvOptions& csv, const ReadOptions& options = {},
                         ReadReport* report = nullptr);
Result<EventLog> ReadCsvFile(const std::string& path, const CsvOptions& csv, const ReadOptions& options = {},
                             ReadReport* report = nullptr);

// Offset of the first byte that is not part of valid UTF-8 (RFC 3629), or npos.
size_t FindInvalidUtf8(std::string_view text);

}  // namespace ordo::mining
