// Differential libFuzzer target for the XES reader: the scanner (the fast path) against expat
// alone (the reference), both fed in chunks of the size the first input byte says. For any
// input both must fail with the same status code and message (line, column and byte included),
// or both read the same log: every string in interning order, every column, every attribute
// value bit for bit, the same report. The scanner hands whatever it does not handle to expat, so
// a difference is a bug in the scanner, in the hand-off or in the position mapping.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "mining/export.h"
#include "mining/xes_reader.h"

namespace {

namespace m = ordo::mining;

// Pieces of `size` bytes (the last one shorter), each its own heap block, freed by the next call
// so that ASan sees a read past a chunk or of a stale one.
class ChunkedSource : public m::ByteSource {
 public:
  ChunkedSource(std::string_view data, size_t size) : data_(data), size_(size) {}
  ordo::Result<std::span<const char>> Next() override {
    chunk_.reset();
    size_t n = std::min(size_, data_.size() - done_);
    if (n == 0) return std::span<const char>();
    chunk_ = std::make_unique<char[]>(n);
    std::memcpy(chunk_.get(), data_.data() + done_, n);
    done_ += n;
    return std::span<const char>(chunk_.get(), n);
  }
  uint64_t source_bytes_read() const override { return done_; }
  uint64_t source_bytes_total() const override { return data_.size(); }
  bool compressed() const override { return false; }

 private:
  std::string_view data_;
  size_t size_;
  size_t done_ = 0;
  std::unique_ptr<char[]> chunk_;
};

void DumpValue(const m::EventLog& log, const m::AttributeValue& v, std::string& out);

void DumpList(const m::EventLog& log, const std::vector<m::NestedAttribute>& list, std::string& out) {
  out += '{';
  for (const m::NestedAttribute& a : list) {
    out += std::to_string(a.key) + '=';
    DumpValue(log, a.value, out);
    out += ';';
  }
  out += '}';
}

void DumpValue(const m::EventLog& log, const m::AttributeValue& v, std::string& out) {
  uint64_t bits = 0;
  std::memcpy(&bits, &v.float_value, sizeof bits);
  out += std::to_string(static_cast<int>(v.type)) + '/' + std::to_string(v.offset_minutes) + '/' +
         std::to_string(v.text) + '/' + std::to_string(bits);
  if (v.type == m::AttributeType::kBoolean) out += v.bool_value ? "T" : "F";
  if (v.children != m::kNoChildren) DumpList(log, log.nested()[v.children], out);
}

std::string Read(std::string_view doc, m::XmlTokenizer tokenizer, bool skip, size_t chunk) {
  m::ReadOptions options;
  options.tokenizer = tokenizer;
  options.skip_invalid = skip;
  m::ReadReport report;
  ChunkedSource source(doc, chunk);
  ordo::Result<m::EventLog> log = m::ReadXes(source, options, &report);
  if (!log.ok()) {
    if (log.status().message().empty()) std::abort();
    return "error " + std::to_string(static_cast<int>(log.status().code())) + ' ' + log.status().message();
  }
  const m::EventLog& l = *log;
  std::string out;
  for (size_t i = 0; i < l.strings().size(); ++i) {
    out += l.strings().Get(static_cast<m::StringId>(i));
    out += '\n';
  }
  for (uint32_t o : l.case_offsets()) out += std::to_string(o) + ',';
  for (size_t c = 0; c < l.num_cases(); ++c) out += std::to_string(l.case_id(c)) + ',';
  for (size_t r = 0; r < l.num_events(); ++r) {
    out += std::to_string(l.activities()[r]) + ' ' + std::to_string(l.utc_ns()[r]) + ' ' +
           std::to_string(l.offsets()[r]) + ' ' + std::to_string(l.lifecycles()[r]) + ' ' +
           std::to_string(l.resources()[r]) + '\n';
  }
  for (const auto* columns : {&l.case_attributes(), &l.event_attributes()}) {
    for (const m::AttributeColumn& col : *columns) {
      out += "col " + std::to_string(col.key);
      for (size_t i = 0; i < col.rows.size(); ++i) {
        out += ' ' + std::to_string(col.rows[i]) + '=';
        DumpValue(l, col.values[i], out);
      }
      out += '\n';
    }
  }
  DumpList(l, l.log_attributes(), out);
  for (const m::GlobalScope& g : l.globals()) DumpList(l, g.attributes, out);
  m::AppendXes(l, out);  // extensions, globals, classifiers and everything above, as text
  out += "report " + std::to_string(report.events_read) + ' ' + std::to_string(report.dropped_no_case_id) + ' ' +
         std::to_string(report.dropped_no_activity) + ' ' + std::to_string(report.dropped_no_timestamp) + ' ' +
         std::to_string(report.duplicate_case_ids) + ' ' + std::to_string(report.bytes_read);
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  bool skip = (data[0] & 1) != 0;
  // Chunks of 1..64 bytes, or the whole input at once.
  size_t chunk = (data[0] >> 1) == 0 ? SIZE_MAX : (data[0] >> 1) % 64 + 1;
  std::string_view doc(reinterpret_cast<const char*>(data) + 1, size - 1);
  // Both read the same chunks: expat's own results can depend on them (with fewer than four
  // bytes in its first chunk, its encoding detection may place an error elsewhere).
  std::string expected = Read(doc, m::XmlTokenizer::kExpat, skip, chunk);
  std::string got = Read(doc, m::XmlTokenizer::kScanner, skip, chunk);
  if (got != expected) {
    std::fprintf(stderr, "scanner and expat differ (chunk %zu, skip_invalid %d)\nexpat:   %.2000s\nscanner: %.2000s\n",
                 chunk, skip ? 1 : 0, expected.c_str(), got.c_str());
    std::abort();
  }
  return 0;
}
