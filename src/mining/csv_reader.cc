#include "mining/csv_reader.h"

#include <algorithm>
#include <deque>
#include <optional>
#include <vector>

#include "mining/byte_source.h"

namespace ordo::mining {
namespace {

// Splits one record starting at pos; fields are views into text or into scratch (for quoted
// fields with doubled quotes). Advances pos past the record's line break and counts lines.
class RecordReader {
 public:
  RecordReader(std::string_view text, char sep) : text_(text), sep_(sep) {}

  bool done() const { return pos_ >= text_.size(); }
  uint64_t line() const { return line_; }

  Status Next(std::vector<std::string_view>& fields) {
    fields.clear();
    record_line_ = line_;
    for (;;) {
      if (pos_ < text_.size() && text_[pos_] == '"') {
        ++pos_;
        std::string field;
        bool closed = false;
        while (pos_ < text_.size()) {
          char c = text_[pos_++];
          if (c == '"') {
            if (pos_ < text_.size() && text_[pos_] == '"') {
              field += '"';
              ++pos_;
              continue;
            }
            closed = true;
            break;
          }
          if (c == '\n') ++line_;
          field += c;
        }
        if (!closed) return InvalidArgument("line " + std::to_string(record_line_) + ": unterminated quoted field");
        owned_.push_back(std::move(field));
        fields.push_back(owned_.back());
        if (pos_ < text_.size() && text_[pos_] != sep_ && text_[pos_] != '\n' && text_[pos_] != '\r') {
          return InvalidArgument("line " + std::to_string(line_) + ": unexpected character after a quoted field");
        }
      } else {
        size_t start = pos_;
        while (pos_ < text_.size() && text_[pos_] != sep_ && text_[pos_] != '\n' && text_[pos_] != '\r') ++pos_;
        fields.push_back(text_.substr(start, pos_ - start));
      }
      if (pos_ < text_.size() && text_[pos_] == sep_) {
        ++pos_;
        continue;
      }
      if (pos_ < text_.size() && text_[pos_] == '\r') ++pos_;
      if (pos_ < text_.size() && text_[pos_] == '\n') ++pos_;
      ++line_;
      return Status::Ok();
    }
  }

  // Frees unescaped fields of earlier records. REQUIRES: no view of them is still in use.
  void ReleaseOwned() {
    if (owned_.size() > 1024) owned_.clear();
  }
  uint64_t record_line() const { return record_line_; }

 private:
  std::string_view text_;
  char sep_;
  size_t pos_ = 0;
  uint64_t line_ = 1;
  uint64_t record_line_ = 1;
  std::deque<std::string> owned_;  // unescaped quoted fields; views stay valid until released
};

}  // namespace

size_t FindInvalidUtf8(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  size_t n = s.size(), i = 0;
  while (i < n) {
    unsigned char c = p[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    size_t len;
    uint32_t cp;
    if ((c & 0xE0) == 0xC0) { len = 2; cp = c & 0x1F; }
    else if ((c & 0xF0) == 0xE0) { len = 3; cp = c & 0x0F; }
    else if ((c & 0xF8) == 0xF0) { len = 4; cp = c & 0x07; }
    else return i;
    if (i + len > n) return i;
    for (size_t k = 1; k < len; ++k) {
      if ((p[i + k] & 0xC0) != 0x80) return i;
      cp = (cp << 6) | (p[i + k] & 0x3F);
    }
    if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
        (cp >= 0xD800 && cp <= 0xDFFF)) {
      return i;
    }
    i += len;
  }
  return std::string_view::npos;
}

Result<EventLog> ReadCsv(std::string_view text, const CsvOptions& csv, const ReadOptions& options,
                         ReadReport* report) {
  if (text.size() >= 3 && text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  size_t bad = FindInvalidUtf8(text);
  if (bad != std::string_view::npos) {
    size_t line = 1;
    for (size_t i = 0; i < bad; ++i) line += text[i] == '\n';
    return InvalidArgument("CSV is not UTF-8: invalid byte 0x" +
                           std::string(1, "0123456789abcdef"[static_cast<unsigned char>(text[bad]) >> 4]) +
                           std::string(1, "0123456789abcdef"[static_cast<unsigned char>(text[bad]) & 15]) +
                           " at line " + std::to_string(line) + " (byte " + std::to_string(bad) + ")");
  }
  if (report) report->bytes_read += text.size();
  RecordReader reader(text, csv.separator);
  std::vector<std::string_view> header, fields;
  if (reader.done()) return InvalidArgument("CSV is empty: no header row");
  RETURN_IF_ERROR(reader.Next(header));
  std::vector<std::string> names(header.begin(), header.end());
  auto find = [&](const std::string& name) -> int {
    for (size_t i = 0; i < names.size(); ++i) {
      if (names[i] == name) return static_cast<int>(i);
    }
    return -1;
  };
  int case_col = find(csv.case_column), act_col = find(csv.activity_column), ts_col = find(csv.timestamp_column);
  auto missing = [&](const char* what, const std::string& name) {
    std::string cols;
    for (const std::string& n : names) cols += (cols.empty() ? "" : ", ") + n;
    return InvalidArgument(std::string("CSV has no ") + what + " column '" + name + "' (columns: " + cols + ")");
  };
  if (case_col < 0) return missing("case id", csv.case_column);
  if (act_col < 0) return missing("activity", csv.activity_column);
  if (ts_col < 0) return missing("timestamp", csv.timestamp_column);
  int life_col = find(csv.lifecycle_column), res_col = find(csv.resource_column);

  LogBuilder builder;
  StringPool& pool = builder.strings();
  enum class Use : uint8_t { kSkip, kEvent, kCase };
  std::vector<Use> use(names.size(), Use::kEvent);
  std::vector<StringId> keys(names.size(), kNoString);
  for (size_t i = 0; i < names.size(); ++i) {
    int ii = static_cast<int>(i);
    if (ii == case_col || ii == act_col || ii == ts_col || ii == life_col || ii == res_col) {
      use[i] = Use::kSkip;
    } else if (names[i].rfind("case:", 0) == 0) {
      use[i] = Use::kCase;
      keys[i] = pool.Intern(std::string_view(names[i]).substr(5));
    } else {
      keys[i] = pool.Intern(names[i]);
    }
  }
  const size_t needed = static_cast<size_t>(std::max({case_col, act_col, ts_col})) + 1;
  while (!reader.done()) {
    reader.ReleaseOwned();
    RETURN_IF_ERROR(reader.Next(fields));
    if (fields.size() == 1 && fields[0].empty()) continue;  // blank line
    if (report) ++report->events_read;
    uint64_t line = reader.record_line();
    if (fields.size() < needed) {
      return InvalidArgument("line " + std::to_string(line) + ": " + std::to_string(fields.size()) +
                             " fields, but the header has " + std::to_string(names.size()));
    }
    auto drop = [&](uint64_t ReadReport::*counter, const std::string& why) -> Status {
      if (!options.skip_invalid) return InvalidArgument("line " + std::to_string(line) + ": " + why + " (use --skip-invalid to drop such rows)");
      if (report) ++(report->*counter);
      return Status::Ok();
    };
    std::string_view case_id = fields[static_cast<size_t>(case_col)];
    std::string_view activity = fields[static_cast<size_t>(act_col)];
    std::string_view ts = fields[static_cast<size_t>(ts_col)];
    if (case_id.empty()) {
      RETURN_IF_ERROR(drop(&ReadReport::dropped_no_case_id, "no case id"));
      continue;
    }
    if (activity.empty()) {
      RETURN_IF_ERROR(drop(&ReadReport::dropped_no_activity, "no activity"));
      continue;
    }
    std::optional<Timestamp> t = csv.timestamp_format.empty() ? ParseIsoTimestamp(ts)
                                                              : ParseTimestampWithFormat(ts, csv.timestamp_format);
    if (!t) {
      RETURN_IF_ERROR(drop(&ReadReport::dropped_no_timestamp,
                           "timestamp '" + std::string(ts) + "' does not match " +
                               (csv.timestamp_format.empty() ? std::string("ISO 8601") : "'" + csv.timestamp_format + "'")));
      continue;
    }
    bool existed = false;
    uint32_t c = builder.CaseFor(pool.Intern(case_id), existed);
    LogBuilder::Event e;
    e.activity = pool.Intern(activity);
    e.time = *t;
    if (life_col >= 0 && static_cast<size_t>(life_col) < fields.size() && !fields[static_cast<size_t>(life_col)].empty()) {
      e.lifecycle = pool.Intern(fields[static_cast<size_t>(life_col)]);
    }
    if (res_col >= 0 && static_cast<size_t>(res_col) < fields.size() && !fields[static_cast<size_t>(res_col)].empty()) {
      e.resource = pool.Intern(fields[static_cast<size_t>(res_col)]);
    }
    uint32_t row = builder.AddEvent(c, e);
    for (size_t i = 0; i < fields.size() && i < names.size(); ++i) {
      if (use[i] == Use::kSkip || fields[i].empty()) continue;
      AttributeValue v;
      v.type = AttributeType::kString;
      v.text = pool.Intern(fields[i]);
      if (use[i] == Use::kEvent) {
        builder.SetEventAttribute(row, keys[i], v);
      } else if (!existed) {
        builder.SetCaseAttribute(c, keys[i], v);
      }
    }
  }
  return std::move(builder).Finish();
}

Result<EventLog> ReadCsvFile(const std::string& path, const CsvOptions& csv, const ReadOptions& options,
                             ReadReport* report) {
  ASSIGN_OR_RETURN(std::unique_ptr<ByteSource> source, ByteSource::OpenFile(path));
  Result<std::string> text = ReadAll(*source);
  if (!text.ok()) return text.status().WithContext(path);
  Result<EventLog> log = ReadCsv(*text, csv, options, report);
  if (!log.ok()) return log.status().WithContext(path);
  return log;
}

}  // namespace ordo::mining
