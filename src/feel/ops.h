// FEEL operators on values: arithmetic (DMN 1.5 §10.3.2.15, Tables 56-60: addition and
// subtraction, multiplication and division, exponentiation), comparison (§10.3.2.2 "Equality,
// Identity and Equivalence", Tables 52-54), and the membership tests behind `in` and unary tests
// (Table 55 "Semantics of decision table syntax", §10.3.2.7 ranges).
//
// Every function returns a Value; an operation that FEEL leaves undefined (mismatched types,
// division by zero, overflow) returns null and, when `error` is not null, a message for the
// caller's diagnostic. Null operands propagate to null without a message.
// Thread-safety: pure functions.
#pragma once

#include <optional>
#include <string>

#include "feel/ast.h"
#include "feel/value.h"

namespace ordo::feel {

// op is one of kAdd, kSubtract, kMultiply, kDivide, kPower.
Value Arithmetic(Op op, const Value& a, const Value& b, std::string* error);
Value Negate(const Value& a, std::string* error);

// Ordering of two values of the same comparable kind (number, string, date, time, date and time,
// either duration kind); nullopt when FEEL does not order them.
std::optional<int> Order(const Value& a, const Value& b);

// op is one of kEqual .. kGreaterEqual. Equality with null is true/false, never null; equality of
// different kinds is null; ordering an unordered pair is null.
Value Compare(Op op, const Value& a, const Value& b, std::string* error);

// Three-valued: true/false when decided, null when an endpoint comparison is undefined.
Value RangeContains(const RangeValue& range, const Value& x, std::string* error);

// The result of one positive unary test whose expression evaluated to `tested` (a value, a list
// or a range) applied to `input`.
Value MatchesTestValue(const Value& input, const Value& tested, std::string* error);

// Conversions between days and time durations and seconds as decimals (for * and /).
Decimal DaysTimeToSeconds(const DaysTime& d);
std::optional<DaysTime> SecondsToDaysTime(const Decimal& seconds);

}  // namespace ordo::feel
