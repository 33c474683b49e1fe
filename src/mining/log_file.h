// Reading and writing event log files by format: the entry point the CLI, tests and benchmarks
// use. XES (.xes, .xes.gz) or CSV (.csv, .csv.gz), chosen by name unless a format is given.
// Thread-safety: each call is independent.
#pragma once

#include <string>

#include "base/status.h"
#include "mining/csv_reader.h"
#include "mining/event_log.h"
#include "mining/xes_reader.h"

namespace ordo::mining {

enum class LogFormat : uint8_t { kAuto, kXes, kCsv };

// kAuto resolves by name: ".csv" or ".csv.gz" is CSV, anything else XES.
LogFormat ResolveFormat(const std::string& path, LogFormat format);

Result<EventLog> ReadLogFile(const std::string& path, LogFormat format, const CsvOptions& csv = {},
                             const ReadOptions& options = {}, ReadReport* report = nullptr);
Status WriteLogFile(const EventLog& log, const std::string& path, LogFormat format);

}  // namespace ordo::mining
