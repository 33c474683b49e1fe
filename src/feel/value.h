// feel::Value: one FEEL value (DMN 1.5 §10.3.2.1 "Semantic Domain").
//
// Kinds: null, boolean, number (decimal128), string, date, time, date and time, years and months
// duration, days and time duration, list, context (ordered entries), range and function.
// Scalars (booleans, numbers, temporal values, durations) live inline in the Value; strings,
// lists, contexts, ranges and functions are immutable payloads shared between copies, so copying
// a Value never deep-copies and never allocates.
// Thread-safety: a Value is immutable once built; copies may be used from any thread (payload
// reference counts are atomic).
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/status.h"
#include "feel/decimal.h"
#include "feel/temporal.h"

namespace ordo::feel {

enum class ValueKind : uint8_t {
  kNull,
  kBoolean,
  kNumber,
  kString,
  kDate,
  kTime,
  kDateTime,
  kYearsMonthsDuration,
  kDaysTimeDuration,
  kList,
  kContext,
  kRange,
  kFunction,
};

// The FEEL type name used in messages: "number", "date and time", "days and time duration", ...
std::string_view KindName(ValueKind kind);

// Bounds on values that evaluation builds (string concatenation, list functions): a context
// literal can double a value with each entry, so unbounded growth would exhaust memory. An
// operation that would exceed them yields null and a diagnostic.
// Lists and contexts may also share one payload many times, so a value's nesting depth and its
// weight (about the size of its text: one per element, one per 64 bytes of string) are tracked
// and bounded as well; this keeps printing, comparing and destroying any value cheap and its
// recursion shallow.
inline constexpr size_t kMaxStringBytes = size_t{16} << 20;
inline constexpr size_t kMaxListItems = size_t{1} << 20;
inline constexpr int kMaxValueDepth = 512;
inline constexpr uint32_t kMaxValueWeight = uint32_t{1} << 22;

class Value;
struct RangeValue;
struct FunctionValue;
using ContextEntries = std::vector<std::pair<std::string, Value>>;

class Value {
 public:
  Value() = default;  // null
  static Value Null() { return Value(); }
  static Value Bool(bool b);
  static Value Int(int64_t i);
  static Value Number(const Decimal& d);
  // Exact decimal text ("0.1", "-12.50", "1e3"); InvalidArgument when it is not a number.
  static Result<Value> NumberFromString(std::string_view text);
  static Value String(std::string s);
  static Value List(std::vector<Value> items);
  // Entries keep their order; a repeated key keeps its first position and its last value.
  static Value Context(ContextEntries entries);
  static Value MakeDate(Date d);
  static Value MakeTime(Time t);
  static Value MakeDateTime(DateTime dt);
  static Value MakeYearsMonths(YearsMonths d);
  static Value MakeDaysTime(DaysTime d);
  static Value MakeRange(RangeValue range);
  static Value MakeFunction(FunctionValue function);

  ValueKind kind() const { return kind_; }
  bool is_null() const { return kind_ == ValueKind::kNull; }
  bool is_bool() const { return kind_ == ValueKind::kBoolean; }
  bool is_number() const { return kind_ == ValueKind::kNumber; }
  bool is_string() const { return kind_ == ValueKind::kString; }
  bool is_list() const { return kind_ == ValueKind::kList; }
  bool is_context() const { return kind_ == ValueKind::kContext; }
  bool is_range() const { return kind_ == ValueKind::kRange; }
  bool is_function() const { return kind_ == ValueKind::kFunction; }
  bool is_true() const { return kind_ == ValueKind::kBoolean && inline_.boolean; }
  // Nesting depth (0 for scalars) and weight (see kMaxValueWeight; saturates).
  int depth() const { return depth_; }
  uint32_t weight() const { return weight_; }
  bool within_limits() const { return depth_ <= kMaxValueDepth && weight_ <= kMaxValueWeight; }

  // REQUIRES: the matching kind.
  bool as_bool() const { return inline_.boolean; }
  const Decimal& as_number() const { return inline_.number; }
  const std::string& as_string() const;
  const std::vector<Value>& as_list() const;
  const ContextEntries& as_context() const;
  const Date& as_date() const { return inline_.date; }
  const Time& as_time() const { return inline_.time; }
  const DateTime& as_date_time() const { return inline_.date_time; }
  const YearsMonths& as_years_months() const { return inline_.years_months; }
  const DaysTime& as_days_time() const { return inline_.days_time; }
  const RangeValue& as_range() const;
  const FunctionValue& as_function() const;

  // Context entry lookup; nullptr when absent or when this is not a context.
  const Value* FindEntry(std::string_view key) const;

  // FEEL literal text for messages and tests: 1.5, "a\"b", [1, 2], {a: 1}, date("2024-01-01").
  std::string ToString() const;
  void AppendTo(std::string& out) const;

  // FEEL equality where it is defined (1 = 1.0, equal lists and contexts, the same instant);
  // different kinds are unequal; null equals null. Deterministic, never null.
  bool operator==(const Value& other) const;
  bool operator!=(const Value& other) const { return !(*this == other); }

 private:
  union Inline {
    Inline() : number() {}
    bool boolean;
    Decimal number;
    Date date;
    Time time;
    DateTime date_time;
    YearsMonths years_months;
    DaysTime days_time;
  };

  void MeasureChild(const Value& child);

  ValueKind kind_ = ValueKind::kNull;
  uint16_t depth_ = 0;   // saturates at 65535
  uint32_t weight_ = 1;  // saturates at UINT32_MAX
  Inline inline_;
  std::shared_ptr<const void> payload_;  // string, list, context entries, range or function
};

// A range (DMN 1.5 §10.3.2.7): an endpoint that is null is unbounded ("> 5" is (5..null)),
// unless the literal wrote an endpoint that evaluated to null (`(null..10]`): then the endpoint
// is unknown, tests against it are null, and the range differs from the unbounded one.
// DMN 1.5 §10.3.2.7: `(= 10)` and `(!= 10)` are range literals too, but not intervals: (= 10)
// holds what [10..10] holds without being equal to it, (!= 10) holds everything but 10.
enum class RangeForm : uint8_t { kInterval, kEqual, kNotEqual };

struct RangeValue {
  Value start;
  Value end;
  bool start_included = true;
  bool end_included = true;
  bool start_unknown = false;  // start is null because its expression gave null
  bool end_unknown = false;
  RangeForm form = RangeForm::kInterval;  // kEqual, kNotEqual: start and end are the operand
};

struct Builtin;
struct Diagnostic;
class VariableScope;

// A function that is not a built-in: a FEEL function definition (DMN 1.5 §10.3.2.13.2) or one a
// DMN model defines (a business knowledge model, a decision service: §6.3.7, §6.3.10).
// Thread-safety: implementations are immutable and may be called from many threads.
class Callable {
 public:
  virtual ~Callable() = default;
  // The formal parameter names, in order.
  virtual const std::vector<std::string>& parameters() const = 0;
  // `args` are in parameter order (one per parameter; a missing one is null). `caller` is the
  // scope of the invocation, or nullptr; it is consulted last, for names the function does not
  // bind itself (a function defined in a context calling itself). Never fails: errors give null
  // and a diagnostic when `diagnostics` is not null.
  virtual Value Call(std::span<const Value> args, const VariableScope* caller,
                     std::vector<Diagnostic>* diagnostics) const = 0;
};

// A function value: a built-in or a Callable.
struct FunctionValue {
  std::string name;
  const Builtin* builtin = nullptr;           // static storage, never owned
  std::shared_ptr<const Callable> callable;  // shared by every copy of the value
};

}  // namespace ordo::feel
