// libFuzzer target for the CSV reader: arbitrary bytes through reading (the first byte picks
// the separator, skip-invalid and a timestamp format), mining and export.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "mining/csv_reader.h"
#include "mining/export.h"
#include "mining/summary.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  uint8_t mode = data[0];
  ordo::mining::CsvOptions csv;
  csv.separator = (mode & 1) ? ';' : ',';
  if (mode & 4) csv.timestamp_format = "%d/%m/%Y %H:%M:%S%z";
  if (mode & 8) {
    csv.case_column = "c";
    csv.activity_column = "a";
    csv.timestamp_column = "t";
  }
  ordo::mining::ReadOptions options;
  options.skip_invalid = (mode & 2) != 0;
  std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  ordo::mining::ReadReport report;
  ordo::Result<ordo::mining::EventLog> log = ordo::mining::ReadCsv(text, csv, options, &report);
  if (!log.ok()) {
    if (log.status().message().empty()) std::abort();
    return 0;
  }
  const ordo::mining::EventLog& l = *log;
  if (l.case_offsets().back() != l.num_events()) std::abort();
  if (report.events_read != l.num_events() + report.dropped()) std::abort();
  ordo::mining::Mined mined = ordo::mining::MineAll(l, ordo::mining::SummaryOptions{});
  if (mined.variants.case_variant.size() != l.num_cases()) std::abort();
  std::string out;
  ordo::mining::AppendCsv(l, out);
  ordo::mining::AppendXes(l, out);
  return 0;
}
