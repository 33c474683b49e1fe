#include "feel/ops.h"

namespace ordo::feel {
namespace {

constexpr int64_t kNanosPerSecond = 1'000'000'000;
constexpr int64_t kSecondsPerDay = 86'400;
constexpr int64_t kNanosPerDay = kSecondsPerDay * kNanosPerSecond;
// Years and months durations stay far from int64's limits so that negation and sums are safe.
constexpr int64_t kMaxMonths = INT64_MAX / 4;

int64_t FloorDiv(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

Value Fail(std::string* error, std::string message) {
  if (error) *error = std::move(message);
  return Value::Null();
}

std::string_view OpText(Op op) {
  switch (op) {
    case Op::kAdd:
      return "+";
    case Op::kSubtract:
      return "-";
    case Op::kMultiply:
      return "*";
    case Op::kDivide:
      return "/";
    case Op::kPower:
      return "**";
    case Op::kEqual:
      return "=";
    case Op::kNotEqual:
      return "!=";
    case Op::kLess:
      return "<";
    case Op::kLessEqual:
      return "<=";
    case Op::kGreater:
      return ">";
    case Op::kGreaterEqual:
      return ">=";
    case Op::kNone:
      break;
  }
  return "?";
}

Value Mismatch(Op op, const Value& a, const Value& b, std::string* error) {
  if (!error) return Value::Null();
  return Fail(error, "cannot apply '" + std::string(OpText(op)) + "' to " + std::string(KindName(a.kind())) + " and " +
                         std::string(KindName(b.kind())));
}

Value NumberResult(std::optional<Decimal> d, Op op, std::string* error) {
  if (d) return Value::Number(*d);
  return Fail(error,
              op == Op::kDivide ? "division by zero" : "number out of range in '" + std::string(OpText(op)) + "'");
}

Value DateTimePlus(const DateTime& dt, const DaysTime& d) {
  DateTime r = dt;
  int64_t nanos = static_cast<int64_t>(dt.nanos) + d.nanos;
  int64_t secs;
  if (__builtin_add_overflow(dt.local_seconds, d.seconds, &secs)) return Value::Null();
  secs += FloorDiv(nanos, kNanosPerSecond);
  r.local_seconds = secs;
  r.nanos = static_cast<int32_t>(nanos - FloorDiv(nanos, kNanosPerSecond) * kNanosPerSecond);
  ResolveZoneOffset(r);
  return Value::MakeDateTime(r);
}

Value DateTimePlusMonths(const DateTime& dt, int64_t months) {
  int64_t days = FloorDiv(dt.local_seconds, kSecondsPerDay);
  std::optional<Date> d = AddMonths(Date{days}, months);
  if (!d) return Value::Null();
  DateTime r = dt;
  r.local_seconds = d->days * kSecondsPerDay + (dt.local_seconds - days * kSecondsPerDay);
  ResolveZoneOffset(r);
  return Value::MakeDateTime(r);
}

DateTime Midnight(const Date& d) { return DateTime{d.days * kSecondsPerDay, 0, kNoOffset}; }

Value DateFromDateTime(const Value& v) {
  if (!v.is_null() && v.kind() == ValueKind::kDateTime) {
    return Value::MakeDate(Date{FloorDiv(v.as_date_time().local_seconds, kSecondsPerDay)});
  }
  return Value::Null();
}

Value TimePlus(const Time& t, const DaysTime& d) {
  int64_t day_nanos = (d.seconds % kSecondsPerDay) * kNanosPerSecond + d.nanos;
  int64_t n = (t.nanos_of_day + day_nanos) % kNanosPerDay;
  if (n < 0) n += kNanosPerDay;
  return Value::MakeTime(Time{n, t.offset_seconds, t.zone});
}

Value Difference(int64_t a_seconds, int32_t a_nanos, int64_t b_seconds, int32_t b_nanos) {
  return Value::MakeDaysTime(MakeDaysTime(a_seconds - b_seconds, static_cast<int64_t>(a_nanos) - b_nanos));
}

Value DurationTimesNumber(const Value& duration, const Decimal& n, bool divide, std::string* error) {
  if (duration.kind() == ValueKind::kYearsMonthsDuration) {
    std::optional<Decimal> months = divide ? Divide(Decimal::FromInt(duration.as_years_months().months), n)
                                           : Multiply(Decimal::FromInt(duration.as_years_months().months), n);
    if (months) months = RoundToScale(*months, 0, Rounding::kDown);
    std::optional<int64_t> m = months ? months->ToInt64() : std::nullopt;
    if (!m || *m > kMaxMonths || *m < -kMaxMonths) {
      return Fail(error, divide && n.IsZero() ? "division by zero" : "duration out of range");
    }
    return Value::MakeYearsMonths(YearsMonths{*m});
  }
  Decimal seconds = DaysTimeToSeconds(duration.as_days_time());
  std::optional<Decimal> r = divide ? Divide(seconds, n) : Multiply(seconds, n);
  std::optional<DaysTime> d = r ? SecondsToDaysTime(*r) : std::nullopt;
  if (!d) return Fail(error, divide ? "division by zero" : "duration out of range");
  return Value::MakeDaysTime(*d);
}

bool IsDuration(ValueKind k) { return k == ValueKind::kYearsMonthsDuration || k == ValueKind::kDaysTimeDuration; }

}  // namespace

Decimal DaysTimeToSeconds(const DaysTime& d) {
  Decimal nanos = *Divide(Decimal::FromInt(d.nanos), Decimal::FromInt(kNanosPerSecond));
  return Add(Decimal::FromInt(d.seconds), nanos).value_or(Decimal());
}

std::optional<DaysTime> SecondsToDaysTime(const Decimal& seconds) {
  std::optional<Decimal> whole = RoundToScale(seconds, 0, Rounding::kFloor);
  if (!whole) return std::nullopt;
  std::optional<int64_t> s = whole->ToInt64();
  if (!s || *s > INT64_MAX / 2 || *s < INT64_MIN / 2) return std::nullopt;
  std::optional<Decimal> frac = Subtract(seconds, *whole);
  std::optional<Decimal> nanos = frac ? Multiply(*frac, Decimal::FromInt(kNanosPerSecond)) : std::nullopt;
  if (nanos) nanos = RoundToScale(*nanos, 0, Rounding::kHalfEven);
  std::optional<int64_t> n = nanos ? nanos->ToInt64() : std::nullopt;
  if (!n) return std::nullopt;
  return MakeDaysTime(*s, *n);
}

Value Arithmetic(Op op, const Value& a, const Value& b, std::string* error) {
  if (a.is_null() || b.is_null()) return Value::Null();
  const ValueKind ka = a.kind(), kb = b.kind();
  if (ka == ValueKind::kNumber && kb == ValueKind::kNumber) {
    const Decimal &x = a.as_number(), &y = b.as_number();
    switch (op) {
      case Op::kAdd:
        return NumberResult(Add(x, y), op, error);
      case Op::kSubtract:
        return NumberResult(Subtract(x, y), op, error);
      case Op::kMultiply:
        return NumberResult(Multiply(x, y), op, error);
      case Op::kDivide:
        return NumberResult(Divide(x, y), op, error);
      case Op::kPower:
        return NumberResult(Power(x, y), op, error);
      default:
        return Mismatch(op, a, b, error);
    }
  }
  const bool add = op == Op::kAdd, sub = op == Op::kSubtract;
  // DMN 1.5 Table 57: + on two strings concatenates.
  if (add && ka == ValueKind::kString && kb == ValueKind::kString) {
    if (a.as_string().size() + b.as_string().size() > kMaxStringBytes) return Fail(error, "string too long");
    return Value::String(a.as_string() + b.as_string());
  }
  if (add || sub) {
    // Durations with durations of the same kind.
    if (ka == ValueKind::kYearsMonthsDuration && kb == ValueKind::kYearsMonthsDuration) {
      int64_t x = a.as_years_months().months, y = b.as_years_months().months, r;
      bool overflow = add ? __builtin_add_overflow(x, y, &r) : __builtin_sub_overflow(x, y, &r);
      if (overflow || r > kMaxMonths || r < -kMaxMonths) return Fail(error, "duration out of range");
      return Value::MakeYearsMonths(YearsMonths{r});
    }
    if (ka == ValueKind::kDaysTimeDuration && kb == ValueKind::kDaysTimeDuration) {
      DaysTime y = add ? b.as_days_time() : NegateDaysTime(b.as_days_time());
      std::optional<DaysTime> r = AddDaysTime(a.as_days_time(), y);
      return r ? Value::MakeDaysTime(*r) : Fail(error, "duration out of range");
    }
    // A temporal value plus or minus a duration (the duration may come first for +).
    const bool swapped = add && IsDuration(ka) && !IsDuration(kb);
    const Value& t = swapped ? b : a;
    const Value& d = swapped ? a : b;
    if (d.kind() == ValueKind::kYearsMonthsDuration && !(swapped && sub)) {
      int64_t months = sub ? -d.as_years_months().months : d.as_years_months().months;
      if (t.kind() == ValueKind::kDate) {
        std::optional<Date> r = AddMonths(t.as_date(), months);
        return r ? Value::MakeDate(*r) : Fail(error, "date out of range");
      }
      if (t.kind() == ValueKind::kDateTime) return DateTimePlusMonths(t.as_date_time(), months);
    }
    if (d.kind() == ValueKind::kDaysTimeDuration) {
      DaysTime delta = sub ? NegateDaysTime(d.as_days_time()) : d.as_days_time();
      // DMN 1.5 Table 57: date + duration is the date of (midnight + duration).
      if (t.kind() == ValueKind::kDate) return DateFromDateTime(DateTimePlus(Midnight(t.as_date()), delta));
      if (t.kind() == ValueKind::kDateTime) return DateTimePlus(t.as_date_time(), delta);
      if (t.kind() == ValueKind::kTime) return TimePlus(t.as_time(), delta);
    }
    // DMN TCK 0100: a date subtracted from (or minus) a date and time with a time zone is its
    // midnight in UTC; with a local date and time the difference is undefined (null).
    if (sub && ((ka == ValueKind::kDate && kb == ValueKind::kDateTime) ||
                (ka == ValueKind::kDateTime && kb == ValueKind::kDate))) {
      const DateTime& other = ka == ValueKind::kDateTime ? a.as_date_time() : b.as_date_time();
      if (other.offset_seconds == kNoOffset) return Mismatch(op, a, b, error);
      DateTime midnight = Midnight(ka == ValueKind::kDate ? a.as_date() : b.as_date());
      midnight.offset_seconds = 0;
      const DateTime& x = ka == ValueKind::kDate ? midnight : other;
      const DateTime& y = ka == ValueKind::kDate ? other : midnight;
      return Difference(UtcSeconds(x), x.nanos, UtcSeconds(y), y.nanos);
    }
    if (sub && ka == kb) {
      if (ka == ValueKind::kDate) {
        return Value::MakeDaysTime(MakeDaysTime((a.as_date().days - b.as_date().days) * kSecondsPerDay, 0));
      }
      if (ka == ValueKind::kDateTime) {
        const DateTime &x = a.as_date_time(), &y = b.as_date_time();
        if ((x.offset_seconds == kNoOffset) != (y.offset_seconds == kNoOffset)) {
          return Fail(error, "cannot subtract a date and time with a time zone and one without");
        }
        return Difference(UtcSeconds(x), x.nanos, UtcSeconds(y), y.nanos);
      }
      if (ka == ValueKind::kTime) {
        const Time &x = a.as_time(), &y = b.as_time();
        int64_t ox = x.offset_seconds == kNoOffset ? 0 : x.offset_seconds;
        int64_t oy = y.offset_seconds == kNoOffset ? 0 : y.offset_seconds;
        int64_t nx = x.nanos_of_day - ox * kNanosPerSecond, ny = y.nanos_of_day - oy * kNanosPerSecond;
        return Value::MakeDaysTime(MakeDaysTime(0, nx - ny));
      }
    }
    return Mismatch(op, a, b, error);
  }
  if (op == Op::kMultiply) {
    if (IsDuration(ka) && kb == ValueKind::kNumber) return DurationTimesNumber(a, b.as_number(), false, error);
    if (ka == ValueKind::kNumber && IsDuration(kb)) return DurationTimesNumber(b, a.as_number(), false, error);
  }
  if (op == Op::kDivide) {
    if (IsDuration(ka) && kb == ValueKind::kNumber) return DurationTimesNumber(a, b.as_number(), true, error);
    if (ka == ValueKind::kYearsMonthsDuration && kb == ValueKind::kYearsMonthsDuration) {
      return NumberResult(
          Divide(Decimal::FromInt(a.as_years_months().months), Decimal::FromInt(b.as_years_months().months)), op,
          error);
    }
    if (ka == ValueKind::kDaysTimeDuration && kb == ValueKind::kDaysTimeDuration) {
      return NumberResult(Divide(DaysTimeToSeconds(a.as_days_time()), DaysTimeToSeconds(b.as_days_time())), op, error);
    }
  }
  return Mismatch(op, a, b, error);
}

Value Negate(const Value& a, std::string* error) {
  switch (a.kind()) {
    case ValueKind::kNull:
      return Value::Null();
    case ValueKind::kNumber:
      return Value::Number(Negate(a.as_number()));
    case ValueKind::kYearsMonthsDuration:
      return Value::MakeYearsMonths(YearsMonths{-a.as_years_months().months});
    case ValueKind::kDaysTimeDuration:
      return Value::MakeDaysTime(NegateDaysTime(a.as_days_time()));
    default:
      return Fail(error, "cannot negate a " + std::string(KindName(a.kind())));
  }
}

// Times and dates-and-times compare at millisecond resolution: digits below a millisecond are
// kept and printed, but do not make two values differ or order them (the DMN TCK's 0068
// time_005 and datetime_003_a, "value resolution", which the Java engines' calendars give).
constexpr int64_t kNanosPerMilli = 1'000'000;

std::optional<int> Order(const Value& a, const Value& b) {
  if (a.kind() != b.kind()) return std::nullopt;
  auto three_way = [](auto x, auto y) { return x < y ? -1 : (y < x ? 1 : 0); };
  switch (a.kind()) {
    case ValueKind::kNumber:
      return Compare(a.as_number(), b.as_number());
    case ValueKind::kString: {
      int c = a.as_string().compare(b.as_string());
      return c < 0 ? -1 : (c > 0 ? 1 : 0);
    }
    case ValueKind::kDate:
      return three_way(a.as_date().days, b.as_date().days);
    case ValueKind::kDateTime: {
      const DateTime &x = a.as_date_time(), &y = b.as_date_time();
      if ((x.offset_seconds == kNoOffset) != (y.offset_seconds == kNoOffset)) return std::nullopt;
      int c = three_way(UtcSeconds(x), UtcSeconds(y));
      return c != 0 ? c : three_way(x.nanos / kNanosPerMilli, y.nanos / kNanosPerMilli);
    }
    case ValueKind::kTime: {
      const Time &x = a.as_time(), &y = b.as_time();
      if ((x.offset_seconds == kNoOffset) != (y.offset_seconds == kNoOffset)) return std::nullopt;
      int64_t ox = x.offset_seconds == kNoOffset ? 0 : x.offset_seconds;
      int64_t oy = y.offset_seconds == kNoOffset ? 0 : y.offset_seconds;
      return three_way(FloorDiv(x.nanos_of_day - ox * kNanosPerSecond, kNanosPerMilli),
                       FloorDiv(y.nanos_of_day - oy * kNanosPerSecond, kNanosPerMilli));
    }
    case ValueKind::kYearsMonthsDuration:
      return three_way(a.as_years_months().months, b.as_years_months().months);
    case ValueKind::kDaysTimeDuration:
      return CompareDaysTime(a.as_days_time(), b.as_days_time());
    default:
      return std::nullopt;
  }
}

Value Compare(Op op, const Value& a, const Value& b, std::string* error) {
  if (op == Op::kEqual || op == Op::kNotEqual) {
    const bool negate = op == Op::kNotEqual;
    if (a.is_null() || b.is_null()) return Value::Bool((a.is_null() && b.is_null()) != negate);
    if (a.kind() != b.kind()) return Mismatch(op, a, b, error);
    if (a.kind() == ValueKind::kDateTime || a.kind() == ValueKind::kTime) {
      std::optional<int> c = Order(a, b);
      if (!c) return Mismatch(op, a, b, error);
      return Value::Bool((*c == 0) != negate);
    }
    return Value::Bool((a == b) != negate);
  }
  if (a.is_null() || b.is_null()) return Value::Null();
  std::optional<int> c = Order(a, b);
  if (!c) return Mismatch(op, a, b, error);
  switch (op) {
    case Op::kLess:
      return Value::Bool(*c < 0);
    case Op::kLessEqual:
      return Value::Bool(*c <= 0);
    case Op::kGreater:
      return Value::Bool(*c > 0);
    case Op::kGreaterEqual:
      return Value::Bool(*c >= 0);
    default:
      return Value::Null();
  }
}

Value RangeContains(const RangeValue& range, const Value& x, std::string* error) {
  if (x.is_null() || range.start_unknown || range.end_unknown) return Value::Null();
  if (range.form == RangeForm::kNotEqual) return Compare(Op::kNotEqual, x, range.start, error);
  if (!range.start.is_null()) {
    Value r = Compare(range.start_included ? Op::kGreaterEqual : Op::kGreater, x, range.start, error);
    if (!r.is_true()) return r;
  }
  if (!range.end.is_null()) {
    return Compare(range.end_included ? Op::kLessEqual : Op::kLess, x, range.end, error);
  }
  return Value::Bool(true);
}

Value MatchesTestValue(const Value& input, const Value& tested, std::string* error) {
  if (tested.is_range()) return RangeContains(tested.as_range(), input, error);
  if (tested.is_list() && !input.is_list()) {
    bool unknown = false;
    for (const Value& item : tested.as_list()) {
      // An item of another kind is simply not the input (DMN TCK 0072: true in [false, 2] is false).
      if (!item.is_range() && !item.is_null() && !input.is_null() && item.kind() != input.kind() &&
          !(item.is_bool() && !input.is_bool())) {
        continue;
      }
      Value r =
          item.is_range() ? RangeContains(item.as_range(), input, nullptr) : Compare(Op::kEqual, input, item, nullptr);
      if (r.is_true()) return r;
      if (r.is_null()) unknown = true;
    }
    return unknown ? Value::Null() : Value::Bool(false);
  }
  // A list input is tested for membership in a list of lists, else for equality with the list.
  if (tested.is_list() && input.is_list()) {
    for (const Value& item : tested.as_list()) {
      if (item.is_list() && item == input) return Value::Bool(true);
    }
  }
  // DMN 1.5 Table 55: a boolean test result on a non-boolean input is the test's outcome.
  if (tested.is_bool() && !input.is_bool() && !input.is_null()) return tested;
  return Compare(Op::kEqual, input, tested, error);
}

}  // namespace ordo::feel
