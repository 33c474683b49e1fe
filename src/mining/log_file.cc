#include "mining/log_file.h"

#include "mining/export.h"

namespace ordo::mining {
namespace {

bool EndsWith(const std::string& s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

}  // namespace

LogFormat ResolveFormat(const std::string& path, LogFormat format) {
  if (format != LogFormat::kAuto) return format;
  return EndsWith(path, ".csv") || EndsWith(path, ".csv.gz") ? LogFormat::kCsv : LogFormat::kXes;
}

Result<EventLog> ReadLogFile(const std::string& path, LogFormat format, const CsvOptions& csv,
                             const ReadOptions& options, ReadReport* report) {
  if (ResolveFormat(path, format) == LogFormat::kCsv) return ReadCsvFile(path, csv, options, report);
  return ReadXesFile(path, options, report);
}

Status WriteLogFile(const EventLog& log, const std::string& path, LogFormat format) {
  std::string text;
  if (ResolveFormat(path, format) == LogFormat::kCsv) {
    AppendCsv(log, text);
  } else {
    AppendXes(log, text);
  }
  return WriteTextFile(path, text);
}

}  // namespace ordo::mining
