// DMN 1.5 §10.3.4.6 temporal built-in functions: day of year, day of week, month of year,
// week of year, and now() and today() from the evaluation's clock. Each takes a date or a date and time (its calendar date in its own zone).
#include <optional>

#include "feel/builtins.h"

namespace ordo::feel {
namespace {

std::optional<int64_t> DayNumber(const Value& v) {
  if (v.kind() == ValueKind::kDate) return v.as_date().days;
  if (v.kind() == ValueKind::kDateTime) {
    int64_t s = v.as_date_time().local_seconds;
    return s >= 0 ? s / 86400 : -((-s + 86399) / 86400);
  }
  return std::nullopt;
}

#define REQUIRE_DAY(name)                                                                   \
  std::optional<int64_t> name = DayNumber(args[0]);                                         \
  if (!name) {                                                                              \
    return args[0].is_null() ? Value::Null() : context.Fail("expected a date or date and time"); \
  }

Value DayOfYear(std::span<const Value> args, CallContext& context) {
  REQUIRE_DAY(days);
  CivilDate c = CivilFromDays(*days);
  return Value::Int(*days - DaysFromCivil(c.year, 1, 1) + 1);
}

Value DayOfWeek(std::span<const Value> args, CallContext& context) {
  static constexpr const char* kNames[] = {"Monday", "Tuesday", "Wednesday", "Thursday",
                                           "Friday", "Saturday", "Sunday"};
  REQUIRE_DAY(days);
  return Value::String(kNames[Weekday(*days) - 1]);
}

Value MonthOfYear(std::span<const Value> args, CallContext& context) {
  static constexpr const char* kNames[] = {"January", "February", "March",     "April",   "May",      "June",
                                           "July",    "August",   "September", "October", "November", "December"};
  REQUIRE_DAY(days);
  return Value::String(kNames[CivilFromDays(*days).month - 1]);
}

// ISO 8601 week number: week 1 is the week (Monday to Sunday) holding the year's first Thursday.
Value WeekOfYear(std::span<const Value> args, CallContext& context) {
  REQUIRE_DAY(days);
  const int64_t thursday = *days - Weekday(*days) + 4;
  const int64_t year = CivilFromDays(thursday).year;
  return Value::Int((thursday - DaysFromCivil(year, 1, 1)) / 7 + 1);
}

// DMN 1.5 §10.3.4.6 now(), today(): the evaluation's clock (VariableScope::clock), in UTC.
// Null without a clock: FEEL evaluation does not read the wall clock by itself.
Value Now(std::span<const Value>, CallContext& context) {
  const Clock* clock = context.clock();
  if (!clock) return context.Fail("no clock was given to this evaluation");
  const TimestampMs ms = clock->NowMs();
  DateTime dt;
  dt.local_seconds = ms >= 0 ? ms / 1000 : -((-ms + 999) / 1000);
  dt.nanos = static_cast<int32_t>((ms - dt.local_seconds * 1000) * 1'000'000);
  dt.offset_seconds = 0;
  return Value::MakeDateTime(dt);
}

Value Today(std::span<const Value>, CallContext& context) {
  const Clock* clock = context.clock();
  if (!clock) return context.Fail("no clock was given to this evaluation");
  const TimestampMs ms = clock->NowMs();
  const int64_t seconds = ms >= 0 ? ms / 1000 : -((-ms + 999) / 1000);
  const int64_t days = seconds >= 0 ? seconds / 86400 : -((-seconds + 86399) / 86400);
  return Value::MakeDate(Date{days});
}

}  // namespace

std::span<const Builtin> TemporalBuiltins() {
  static const Builtin kBuiltins[] = {
      {"now", {}, 0, 0, Now},
      {"today", {}, 0, 0, Today},
      {"day of year", {"date"}, 1, 1, DayOfYear},
      {"day of week", {"date"}, 1, 1, DayOfWeek},
      {"month of year", {"date"}, 1, 1, MonthOfYear},
      {"week of year", {"date"}, 1, 1, WeekOfYear},
  };
  return kBuiltins;
}

}  // namespace ordo::feel
