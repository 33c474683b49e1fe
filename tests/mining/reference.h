// Comparison of Ordo's mining summary with PM4Py 2.7.14's reference results
// (../shared/datasets/eventlogs/reference/): counts, hashes and DFG/variant results exactly,
// seconds to 1e-9 (relative) after the reference's own rounding.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "base/json.h"
#include "mining/summary.h"

namespace ordo::mining::testing {

inline const std::string kLogs = ORDO_EVENTLOGS_DIR;

// log file name -> "results" object, from one reference .jsonl file.
std::map<std::string, json::Value> LoadReference(const std::string& jsonl_name);

// Path of a log named in the reference (top level or synthetic/).
std::string LogPath(const std::string& name);

// Reads the log, mines it with options and returns one line per field that differs from ref
// (every field of Summarize() that ref has); also fills compared with the field names checked.
std::vector<std::string> CompareWithReference(const std::string& name, const json::Value& ref,
                                              const SummaryOptions& options, std::vector<std::string>* compared);

}  // namespace ordo::mining::testing
