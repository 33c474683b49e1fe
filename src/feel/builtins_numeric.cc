// DMN 1.5 §10.3.4.5 numeric functions.
#include "feel/builtins.h"
#include "feel/ops.h"

namespace ordo::feel {
namespace {

bool RequireNumbers(std::span<const Value> args, size_t n, CallContext& context, Value& failure) {
  for (size_t i = 0; i < n && i < args.size(); ++i) {
    if (args[i].is_null()) return false;
    if (!args[i].is_number()) {
      failure = context.Fail("expected a number, got a " + std::string(KindName(args[i].kind())));
      return false;
    }
  }
  return true;
}

#define REQUIRE_NUMBERS(n)                                            \
  do {                                                                \
    Value failure;                                                    \
    if (!RequireNumbers(args, (n), context, failure)) return failure; \
  } while (0)

Value NumberOrFail(std::optional<Decimal> d, CallContext& context) {
  return d ? Value::Number(*d) : context.Fail("result out of range");
}

// decimal(n, scale), floor(n, scale?), ceiling(n, scale?), round up/down/half up/half down(n, scale).
template <Rounding kMode>
Value Round(std::span<const Value> args, CallContext& context) {
  REQUIRE_NUMBERS(args.size());
  int64_t scale = 0;
  if (args.size() > 1) {
    // A fractional scale is truncated (the TCK's decimal(1/3, 2.5) is 0.33).
    std::optional<Decimal> whole = RoundToScale(args[1].as_number(), 0, Rounding::kDown);
    std::optional<int64_t> s = whole ? whole->ToInt64() : std::nullopt;
    if (!s || *s < -6111 || *s > 6176) return context.Fail("scale must be an integer in [-6111..6176]");
    scale = *s;
  }
  // Nothing to round when the number already has no more digits than the scale asks for.
  if (args[0].as_number().Scale() <= scale) return args[0];
  return NumberOrFail(RoundToScale(args[0].as_number(), scale, kMode), context);
}

Value AbsoluteValue(std::span<const Value> args, CallContext& context) {
  const Value& v = args[0];
  if (v.is_number()) return Value::Number(Abs(v.as_number()));
  if (v.kind() == ValueKind::kYearsMonthsDuration) {
    int64_t m = v.as_years_months().months;
    return Value::MakeYearsMonths(YearsMonths{m < 0 ? -m : m});
  }
  if (v.kind() == ValueKind::kDaysTimeDuration) {
    return v.as_days_time().seconds < 0 ? Value::MakeDaysTime(NegateDaysTime(v.as_days_time())) : v;
  }
  if (v.is_null()) return v;
  return context.Fail("expected a number or a duration");
}

Value ModuloFunction(std::span<const Value> args, CallContext& context) {
  REQUIRE_NUMBERS(2);
  std::optional<Decimal> r = Modulo(args[0].as_number(), args[1].as_number());
  return r ? Value::Number(*r) : context.Fail("division by zero");
}

Value Sqrt(std::span<const Value> args, CallContext& context) {
  REQUIRE_NUMBERS(1);
  if (args[0].as_number().IsNegative()) return context.Fail("square root of a negative number");
  return NumberOrFail(SquareRoot(args[0].as_number()), context);
}

// DMN 1.5 §10.3.4.5 exp(number) and log(number): log of zero or a negative number is null.
Value ExpFunction(std::span<const Value> args, CallContext& context) {
  REQUIRE_NUMBERS(1);
  return NumberOrFail(Exp(args[0].as_number()), context);
}

Value LogFunction(std::span<const Value> args, CallContext& context) {
  REQUIRE_NUMBERS(1);
  if (args[0].as_number().IsNegative() || args[0].as_number().IsZero()) {
    return context.Fail("logarithm of a number that is not positive");
  }
  return NumberOrFail(Log(args[0].as_number()), context);
}

template <bool kOdd>
Value Parity(std::span<const Value> args, CallContext& context) {
  REQUIRE_NUMBERS(1);
  const Decimal& n = args[0].as_number();
  if (!n.IsInteger()) return Value::Bool(false);
  std::optional<Decimal> r = Modulo(n, Decimal::FromInt(2));
  return Value::Bool(r && (r->IsZero() != kOdd));
}

}  // namespace

std::span<const Builtin> NumericBuiltins() {
  static const Builtin kBuiltins[] = {
      {"decimal", {"n", "scale"}, 2, 2, Round<Rounding::kHalfEven>},
      {"floor", {"n", "scale"}, 1, 2, Round<Rounding::kFloor>},
      {"ceiling", {"n", "scale"}, 1, 2, Round<Rounding::kCeiling>},
      {"round up", {"n", "scale"}, 2, 2, Round<Rounding::kUp>},
      {"round down", {"n", "scale"}, 2, 2, Round<Rounding::kDown>},
      {"round half up", {"n", "scale"}, 2, 2, Round<Rounding::kHalfUp>},
      {"round half down", {"n", "scale"}, 2, 2, Round<Rounding::kHalfDown>},
      {"abs", {"n"}, 1, 1, AbsoluteValue},
      {"modulo", {"dividend", "divisor"}, 2, 2, ModuloFunction},
      {"sqrt", {"number"}, 1, 1, Sqrt},
      {"exp", {"number"}, 1, 1, ExpFunction},
      {"log", {"number"}, 1, 1, LogFunction},
      {"odd", {"number"}, 1, 1, Parity<true>},
      {"even", {"number"}, 1, 1, Parity<false>},
  };
  return kBuiltins;
}

}  // namespace ordo::feel
