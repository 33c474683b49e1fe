// libFuzzer target for the XES reader: arbitrary bytes (plain or gzip) through reading, mining
// and export. Every outcome must be a log or an error with a message; a log must be consistent.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "mining/export.h"
#include "mining/summary.h"
#include "mining/xes_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  ordo::mining::ReadOptions options;
  options.skip_invalid = (data[0] & 1) != 0;
  std::string_view bytes(reinterpret_cast<const char*>(data) + 1, size - 1);
  auto source = ordo::mining::ByteSource::FromMemory(bytes);
  ordo::mining::ReadReport report;
  ordo::Result<ordo::mining::EventLog> log = ordo::mining::ReadXes(*source, options, &report);
  if (!log.ok()) {
    if (log.status().message().empty()) std::abort();
    return 0;
  }
  const ordo::mining::EventLog& l = *log;
  if (l.case_offsets().back() != l.num_events()) std::abort();
  for (size_t c = 0; c < l.num_cases(); ++c) {
    if (l.case_begin(c) >= l.case_end(c)) std::abort();  // no empty cases
  }
  ordo::mining::Mined mined = ordo::mining::MineAll(l, ordo::mining::SummaryOptions{});
  if (mined.dfg.total_frequency != l.num_events() - l.num_cases()) std::abort();
  std::string xes;
  ordo::mining::AppendXes(l, xes);
  std::string csv;
  ordo::mining::AppendCsv(l, csv);
  return 0;
}
