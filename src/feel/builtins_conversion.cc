// DMN 1.5 §10.3.4.1 conversion functions and §10.3.4.2 boolean functions: not, string, number,
// date, time, date and time, duration, years and months duration; plus the widely used
// extensions is defined() and get or else().
#include "feel/builtins.h"
#include "feel/ops.h"

namespace ordo::feel {
namespace {

constexpr int64_t kSecondsPerDay = 86'400;
constexpr int64_t kNanosPerSecond = 1'000'000'000;

int64_t FloorDiv(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

Value Not(std::span<const Value> args, CallContext& context) {
  if (args[0].is_bool()) return Value::Bool(!args[0].as_bool());
  if (args[0].is_null()) return args[0];
  return context.Fail("expected a boolean");
}

Value StringOf(std::span<const Value> args, CallContext& context) {
  const Value& v = args[0];
  switch (v.kind()) {
    case ValueKind::kNull:
      return v;
    case ValueKind::kString:
      return v;
    case ValueKind::kNumber:
      return Value::String(v.as_number().ToString());
    case ValueKind::kDate:
      return Value::String(FormatDate(v.as_date()));
    case ValueKind::kTime:
      return Value::String(FormatTime(v.as_time()));
    case ValueKind::kDateTime:
      return Value::String(FormatDateTime(v.as_date_time()));
    case ValueKind::kYearsMonthsDuration:
      return Value::String(FormatYearsMonths(v.as_years_months()));
    case ValueKind::kDaysTimeDuration:
      return Value::String(FormatDaysTime(v.as_days_time()));
    default:
      return Value::String(v.ToString());
  }
}

// number(from, grouping separator?, decimal separator?).
Value NumberOf(std::span<const Value> args, CallContext& context) {
  if (args[0].is_null()) return args[0];
  if (!args[0].is_string()) return context.Fail("from must be a string");
  auto separator = [&](size_t i, std::initializer_list<std::string_view> allowed, std::string& out) {
    if (args.size() <= i || args[i].is_null()) return true;
    if (!args[i].is_string()) return false;
    for (std::string_view a : allowed) {
      if (args[i].as_string() == a) {
        out = args[i].as_string();
        return true;
      }
    }
    return false;
  };
  std::string grouping, decimal_point;
  if (!separator(1, {" ", ",", "."}, grouping)) return context.Fail("grouping separator must be ' ', ',' or '.'");
  if (!separator(2, {",", "."}, decimal_point)) return context.Fail("decimal separator must be ',' or '.'");
  if (!grouping.empty() && grouping == decimal_point) return context.Fail("separators must differ");
  std::string text;
  for (char c : args[0].as_string()) {
    if (!grouping.empty() && c == grouping[0]) continue;
    if (!decimal_point.empty() && c == decimal_point[0]) {
      text.push_back('.');
    } else if (c == '.' && !decimal_point.empty() && decimal_point != ".") {
      return context.Fail("unexpected '.'");
    } else {
      text.push_back(c);
    }
  }
  std::optional<Decimal> d = Decimal::FromString(text);
  if (!d) return context.Fail("not a number: \"" + args[0].as_string().substr(0, 64) + "\"");
  return Value::Number(*d);
}

std::optional<int64_t> IntegerArg(const Value& v) {
  if (!v.is_number() || !v.as_number().IsInteger()) return std::nullopt;
  return v.as_number().ToInt64();
}

Value DateFromString(std::span<const Value> args, CallContext& context) {
  const Value& from = args[0];
  if (from.is_null()) return from;
  if (from.is_string()) {
    std::optional<Date> d = ParseDate(from.as_string());
    return d ? Value::MakeDate(*d) : context.Fail("not a date: \"" + from.as_string().substr(0, 64) + "\"");
  }
  if (from.kind() == ValueKind::kDate) return from;
  if (from.kind() == ValueKind::kDateTime) {
    return Value::MakeDate(Date{FloorDiv(from.as_date_time().local_seconds, kSecondsPerDay)});
  }
  return context.Fail("expected a string or a date and time");
}

Value DateFromParts(std::span<const Value> args, CallContext& context) {
  if (args[0].is_null() || args[1].is_null() || args[2].is_null()) return Value::Null();
  std::optional<int64_t> y = IntegerArg(args[0]), m = IntegerArg(args[1]), d = IntegerArg(args[2]);
  if (!y || !m || !d || *m < 1 || *m > 12 || *d < 1 || *d > 31 ||
      !ValidCivil(*y, static_cast<int>(*m), static_cast<int>(*d))) {
    return context.Fail("not a valid date");
  }
  return Value::MakeDate(Date{DaysFromCivil(*y, static_cast<int>(*m), static_cast<int>(*d))});
}

Value TimeFromString(std::span<const Value> args, CallContext& context) {
  const Value& from = args[0];
  if (from.is_null()) return from;
  if (from.is_string()) {
    std::optional<Time> t = ParseTime(from.as_string());
    return t ? Value::MakeTime(*t) : context.Fail("not a time: \"" + from.as_string().substr(0, 64) + "\"");
  }
  if (from.kind() == ValueKind::kTime) return from;
  if (from.kind() == ValueKind::kDateTime) {
    const DateTime& dt = from.as_date_time();
    int64_t secs = dt.local_seconds - FloorDiv(dt.local_seconds, kSecondsPerDay) * kSecondsPerDay;
    return Value::MakeTime(Time{secs * kNanosPerSecond + dt.nanos, dt.offset_seconds, dt.zone});
  }
  if (from.kind() == ValueKind::kDate) return Value::MakeTime(Time{0, 0});
  return context.Fail("expected a string, a date or a date and time");
}

// time(hour, minute, second, offset?): second may have a fraction; offset is a duration.
Value TimeFromParts(std::span<const Value> args, CallContext& context) {
  if (args[0].is_null() || args[1].is_null() || args[2].is_null()) return Value::Null();
  std::optional<int64_t> h = IntegerArg(args[0]), m = IntegerArg(args[1]);
  if (!h || !m || *h < 0 || *h > 23 || *m < 0 || *m > 59 || !args[2].is_number()) {
    return context.Fail("not a valid time");
  }
  std::optional<DaysTime> s = SecondsToDaysTime(args[2].as_number());
  if (!s || s->seconds < 0 || s->seconds > 59) return context.Fail("not a valid time");
  Time t{((*h * 60 + *m) * 60 + s->seconds) * kNanosPerSecond + s->nanos, kNoOffset};
  if (args.size() > 3 && !args[3].is_null()) {
    if (args[3].kind() != ValueKind::kDaysTimeDuration) return context.Fail("offset must be a days and time duration");
    const DaysTime& o = args[3].as_days_time();
    if (o.nanos != 0 || o.seconds < -14 * 3600 || o.seconds > 14 * 3600) return context.Fail("offset out of range");
    t.offset_seconds = static_cast<int32_t>(o.seconds);
  }
  return Value::MakeTime(t);
}

Value DateTimeFromString(std::span<const Value> args, CallContext& context) {
  const Value& from = args[0];
  if (from.is_null()) return from;
  if (from.is_string()) {
    std::optional<DateTime> dt = ParseDateTime(from.as_string());
    return dt ? Value::MakeDateTime(*dt)
              : context.Fail("not a date and time: \"" + from.as_string().substr(0, 64) + "\"");
  }
  if (from.kind() == ValueKind::kDateTime) return from;
  if (from.kind() == ValueKind::kDate)
    return Value::MakeDateTime(DateTime{from.as_date().days * kSecondsPerDay, 0, kNoOffset});
  return context.Fail("expected a string or a date");
}

Value DateTimeFromParts(std::span<const Value> args, CallContext& context) {
  const Value &date = args[0], &time = args[1];
  if (date.is_null() || time.is_null()) return Value::Null();
  int64_t days;
  if (date.kind() == ValueKind::kDate) {
    days = date.as_date().days;
  } else if (date.kind() == ValueKind::kDateTime) {
    days = FloorDiv(date.as_date_time().local_seconds, kSecondsPerDay);
  } else {
    return context.Fail("date must be a date");
  }
  if (time.kind() != ValueKind::kTime) return context.Fail("time must be a time");
  const Time& t = time.as_time();
  DateTime dt{days * kSecondsPerDay + t.nanos_of_day / kNanosPerSecond,
              static_cast<int32_t>(t.nanos_of_day % kNanosPerSecond), t.offset_seconds, t.zone};
  ResolveZoneOffset(dt);
  return Value::MakeDateTime(dt);
}

Value DurationOf(std::span<const Value> args, CallContext& context) {
  const Value& from = args[0];
  if (from.is_null()) return from;
  if (!from.is_string()) return context.Fail("from must be a string");
  if (std::optional<YearsMonths> ym = ParseYearsMonths(from.as_string())) return Value::MakeYearsMonths(*ym);
  if (std::optional<DaysTime> dt = ParseDaysTime(from.as_string())) return Value::MakeDaysTime(*dt);
  return context.Fail("not a duration: \"" + from.as_string().substr(0, 64) + "\"");
}

// years and months duration(from, to): whole months from one date to the other.
Value YearsAndMonths(std::span<const Value> args, CallContext& context) {
  if (args[0].is_null() || args[1].is_null()) return Value::Null();
  // Whole months between the two calendar dates; as with java.time.Period, the time of day of a
  // date and time does not count.
  auto civil = [](const Value& v) -> std::optional<CivilDate> {
    if (v.kind() == ValueKind::kDate) return CivilFromDays(v.as_date().days);
    if (v.kind() == ValueKind::kDateTime) return CivilFromDays(FloorDiv(v.as_date_time().local_seconds, kSecondsPerDay));
    return std::nullopt;
  };
  std::optional<CivilDate> a = civil(args[0]), b = civil(args[1]);
  if (!a || !b) return context.Fail("from and to must be dates or dates and times");
  int64_t months = (b->year - a->year) * 12 + (b->month - a->month);
  // A month only counts once its day is reached.
  if (months > 0 && a->day > b->day) --months;
  if (months < 0 && b->day > a->day) ++months;
  return Value::MakeYearsMonths(YearsMonths{months});
}

Value IsDefinedValue(std::span<const Value> args, CallContext&) { return Value::Bool(true); }

Value GetOrElse(std::span<const Value> args, CallContext&) { return args[0].is_null() ? args[1] : args[0]; }

// DMN 1.5 §10.3.4.2 is(value1, value2): the same kind and equal, temporal values with the same
// offset as well (identity, not just the same instant).
Value Is(std::span<const Value> args, CallContext&) {
  const Value &a = args[0], &b = args[1];
  if (a.kind() != b.kind()) return Value::Bool(false);
  if (a.kind() == ValueKind::kTime) {
    return Value::Bool(a.as_time().nanos_of_day == b.as_time().nanos_of_day &&
                       a.as_time().offset_seconds == b.as_time().offset_seconds &&
                       a.as_time().zone == b.as_time().zone);
  }
  if (a.kind() == ValueKind::kDateTime) {
    return Value::Bool(a.as_date_time().local_seconds == b.as_date_time().local_seconds &&
                       a.as_date_time().nanos == b.as_date_time().nanos &&
                       a.as_date_time().offset_seconds == b.as_date_time().offset_seconds &&
                       a.as_date_time().zone == b.as_date_time().zone);
  }
  return Value::Bool(a == b);
}

}  // namespace

std::span<const Builtin> ConversionBuiltins() {
  static const Builtin kBuiltins[] = {
      {"not", {"negand"}, 1, 1, Not},
      {"string", {"from"}, 1, 1, StringOf},
      {"number", {"from", "grouping separator", "decimal separator"}, 1, 3, NumberOf},
      {"date", {"from"}, 1, 1, DateFromString},
      {"date", {"year", "month", "day"}, 3, 3, DateFromParts},
      {"time", {"from"}, 1, 1, TimeFromString},
      {"time", {"hour", "minute", "second", "offset"}, 3, 4, TimeFromParts},
      {"date and time", {"from"}, 1, 1, DateTimeFromString},
      {"date and time", {"date", "time"}, 2, 2, DateTimeFromParts},
      {"duration", {"from"}, 1, 1, DurationOf},
      {"years and months duration", {"from", "to"}, 2, 2, YearsAndMonths},
      {"is defined", {"value"}, 1, 1, IsDefinedValue},
      {"get or else", {"value", "default"}, 2, 2, GetOrElse},
      {"is", {"value1", "value2"}, 2, 2, Is},
  };
  return kBuiltins;
}

}  // namespace ordo::feel
