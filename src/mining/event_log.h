// EventLog: a columnar, in-memory event log.
//
// An event log (IEEE 1849-2016 §4) is a set of cases (traces), each a sequence of events. Here
// every per-event property is its own column, so a scan touches only what it needs: the
// directly-follows graph reads activities and times, never resources or attributes.
//   - Strings (activities, resources, case ids, attribute keys and string values) are interned
//     in one StringPool; columns hold 32-bit ids.
//   - Events are stored case by case: the events of case c are rows
//     [case_begin(c), case_end(c)) in the order the source listed them (file order). Analyses
//     that need time order use mining/ordering.h.
//   - The standard attributes have dense columns: concept:name (activity), time:timestamp,
//     lifecycle:transition, org:resource. Every other attribute lives in a sparse column per key
//     (rows ascending), for events and for cases alike. Nested, list and container values keep
//     their children in nested().
//   - Log-level attributes, extensions, globals and classifiers are kept for export.
// Ownership: an EventLog owns all its data; it is move-only. Built by LogBuilder.
// Thread-safety: immutable once built; concurrent reads are safe.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "mining/string_pool.h"
#include "mining/timestamp.h"

namespace ordo::mining {

// IEEE 1849-2016 §5.3 attribute types (list and container from §5.3.9/§5.3.10).
enum class AttributeType : uint8_t { kNone, kString, kDate, kInt, kFloat, kBoolean, kId, kList, kContainer };

inline constexpr uint32_t kNoChildren = 0xFFFFFFFFu;

struct AttributeValue {
  AttributeType type = AttributeType::kNone;
  int16_t offset_minutes = kNoOffset;  // kDate: the offset as written
  StringId text = kNoString;           // kString, kId: the value
  uint32_t children = kNoChildren;     // index into EventLog::nested(): nested/list/container members
  union {
    int64_t int_value = 0;  // kInt
    double float_value;     // kFloat
    int64_t date_ns;        // kDate: UTC nanoseconds
    bool bool_value;        // kBoolean
  };
};

struct NestedAttribute {
  StringId key = kNoString;
  AttributeValue value;
};

// Values of one attribute key; rows ascending (event rows or case indexes).
struct AttributeColumn {
  StringId key = kNoString;
  std::vector<uint32_t> rows;
  std::vector<AttributeValue> values;

  // nullptr when the row has no value for this key.
  const AttributeValue* Find(uint32_t row) const;
};

struct Extension {
  std::string name, prefix, uri;
};
struct GlobalScope {
  std::string scope;  // "trace" or "event"
  std::vector<NestedAttribute> attributes;
};
struct Classifier {
  std::string name, keys;
};

class EventLog {
 public:
  EventLog() = default;
  EventLog(EventLog&&) noexcept = default;
  EventLog& operator=(EventLog&&) noexcept = default;
  EventLog(const EventLog&) = delete;
  EventLog& operator=(const EventLog&) = delete;

  size_t num_events() const { return activity_.size(); }
  size_t num_cases() const { return case_id_.size(); }
  const StringPool& strings() const { return strings_; }
  std::string_view str(StringId id) const { return id == kNoString ? std::string_view() : strings_.Get(id); }

  // Cases. REQUIRES: c < num_cases().
  uint32_t case_begin(size_t c) const { return case_offsets_[c]; }
  uint32_t case_end(size_t c) const { return case_offsets_[c + 1]; }
  std::span<const uint32_t> case_offsets() const { return case_offsets_; }
  StringId case_id(size_t c) const { return case_id_[c]; }
  const std::vector<AttributeColumn>& case_attributes() const { return case_attributes_; }

  // Event columns, one entry per event row.
  const std::vector<StringId>& activities() const { return activity_; }
  const std::vector<int64_t>& utc_ns() const { return utc_ns_; }
  const std::vector<int16_t>& offsets() const { return offset_; }  // kNoOffset when absent
  const std::vector<StringId>& lifecycles() const { return lifecycle_; }  // kNoString when absent
  const std::vector<StringId>& resources() const { return resource_; }    // kNoString when absent
  const std::vector<AttributeColumn>& event_attributes() const { return event_attributes_; }
  Timestamp timestamp(size_t row) const { return {utc_ns_[row], offset_[row]}; }

  // Event times under a convention (mining/timestamp.h), one per row.
  std::vector<int64_t> Times(TimeConvention convention) const;
  // The distinct activities in order of first appearance (row order), and each event's index
  // into that list: a dense activity column, so a scan can count pairs of activities in a small
  // table instead of one sized by every interned string.
  const std::vector<StringId>& activity_alphabet() const { return activity_alphabet_; }
  const std::vector<uint32_t>& activity_indexes() const { return activity_index_; }
  size_t CountActivities() const { return activity_alphabet_.size(); }

  const std::vector<std::vector<NestedAttribute>>& nested() const { return nested_; }
  const std::vector<NestedAttribute>& log_attributes() const { return log_attributes_; }
  const std::vector<Extension>& extensions() const { return extensions_; }
  const std::vector<GlobalScope>& globals() const { return globals_; }
  const std::vector<Classifier>& classifiers() const { return classifiers_; }

 private:
  friend class LogBuilder;

  StringPool strings_;
  std::vector<uint32_t> case_offsets_{0};
  std::vector<StringId> case_id_;
  std::vector<AttributeColumn> case_attributes_;
  std::vector<StringId> activity_;
  std::vector<StringId> activity_alphabet_;  // dense activity index -> string id
  std::vector<uint32_t> activity_index_;     // per row
  std::vector<int64_t> utc_ns_;
  std::vector<int16_t> offset_;
  std::vector<StringId> lifecycle_;
  std::vector<StringId> resource_;
  std::vector<AttributeColumn> event_attributes_;
  std::vector<std::vector<NestedAttribute>> nested_;
  std::vector<NestedAttribute> log_attributes_;
  std::vector<Extension> extensions_;
  std::vector<GlobalScope> globals_;
  std::vector<Classifier> classifiers_;
};

// What a reader repaired or dropped; printed by `ordo mine` and reported by --skip-invalid.
struct ReadReport {
  uint64_t events_read = 0;            // events seen in the source
  uint64_t dropped_no_case_id = 0;     // events of traces/rows without a case id
  uint64_t dropped_no_activity = 0;    // events without concept:name (or the mapped column)
  uint64_t dropped_no_timestamp = 0;   // events without a parseable time:timestamp
  uint64_t duplicate_case_ids = 0;     // traces whose id an earlier trace had: merged into it
  uint64_t bytes_read = 0;             // uncompressed bytes parsed

  uint64_t dropped() const { return dropped_no_case_id + dropped_no_activity + dropped_no_timestamp; }
};

// Builds an EventLog event by event. Readers call BeginCase, then AddEvent per event.
// Events of one case need not be contiguous in the source (CSV rows interleave cases; XES files
// may repeat a trace id): Finish() groups them by case, keeping each case's source order.
class LogBuilder {
 public:
  struct Event {
    StringId activity = kNoString;
    Timestamp time;
    StringId lifecycle = kNoString;
    StringId resource = kNoString;
  };

  LogBuilder();
  StringPool& strings() { return log_.strings_; }
  // Sizes the event columns for about `events` events (a reader's estimate from the file size),
  // so they are not copied while they grow; attribute columns created among the first events get
  // the same room. Only address space is taken until rows are written.
  void Reserve(size_t events);

  // Returns the case index of id, creating the case when new. duplicate is set when it existed.
  uint32_t CaseFor(StringId id, bool& existed);
  // Appends an event to case c; returns its row (valid until Finish).
  uint32_t AddEvent(uint32_t c, const Event& event);
  void SetEventAttribute(uint32_t row, StringId key, const AttributeValue& value);
  void SetCaseAttribute(uint32_t c, StringId key, const AttributeValue& value);
  // Stores a list of children; returns the index for AttributeValue::children.
  uint32_t AddNested(std::vector<NestedAttribute> children);

  std::vector<NestedAttribute>& log_attributes() { return log_.log_attributes_; }
  std::vector<Extension>& extensions() { return log_.extensions_; }
  std::vector<GlobalScope>& globals() { return log_.globals_; }
  std::vector<Classifier>& classifiers() { return log_.classifiers_; }
  size_t num_events() const { return log_.activity_.size(); }

  EventLog Finish() &&;

 private:
  AttributeColumn& Column(std::vector<AttributeColumn>& columns, std::vector<uint32_t>& index, StringId key);

  EventLog log_;
  std::vector<uint32_t> event_case_;  // case index per row while building
  std::vector<uint32_t> case_of_id_;  // StringId -> case index + 1 (0 = none)
  std::vector<uint32_t> event_column_of_key_;  // StringId -> column + 1
  std::vector<uint32_t> case_column_of_key_;
  bool grouped_ = true;  // rows so far are already grouped by case in case order
  size_t expected_events_ = 0;
};

}  // namespace ordo::mining
