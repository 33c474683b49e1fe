// Decimal: an IEEE 754-2008 decimal128 number, the representation of every FEEL number
// (DMN 1.5 §10.3.2.3.1: "FEEL numbers ... IEEE 754-2008 Decimal128 format, 34 decimal digits").
//
// The 16 bytes are opaque here so that including this header does not pull in the Intel decimal
// library; decimal.cc is the only file that sees <bid_functions.h>. Operations round to nearest,
// ties to even, and report failure (division by zero, overflow, NaN) as std::nullopt so that the
// evaluator can turn it into FEEL null plus a diagnostic.
// Thread-safety: plain values; every function is pure (no global rounding mode or flags).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ordo::feel {

struct alignas(16) Decimal {
  uint64_t bits[2] = {0, 0x3040000000000000ull};  // +0E+0

  static Decimal FromInt(int64_t value);
  // Exact text: [-]digits[.digits][(e|E)[+-]digits], or FEEL's ".5". Rounds beyond 34 digits.
  // nullopt when the text is not a number or its magnitude is outside decimal128.
  static std::optional<Decimal> FromString(std::string_view text);
  // Nearest decimal to a double (for callers that only have one); nullopt for NaN/infinity.
  static std::optional<Decimal> FromDouble(double value);

  // FEEL's canonical text: no exponent for ordinary magnitudes, the value's own scale kept
  // ("1.50" stays "1.50", 1E+3 prints "1000"), "-" only for values below zero.
  std::string ToString() const;
  void AppendTo(std::string& out) const;

  bool IsZero() const;
  bool IsNegative() const;  // strictly below zero
  bool IsInteger() const;
  // Integral part when it fits in int64; nullopt otherwise.
  std::optional<int64_t> ToInt64() const;
  double ToDouble() const;
  // Number of digits after the decimal point in the representation (negative for 1E+3).
  int Scale() const;
};

// Arithmetic; nullopt on an invalid operation or a result outside decimal128 (no NaN escapes).
std::optional<Decimal> Add(const Decimal& a, const Decimal& b);
std::optional<Decimal> Subtract(const Decimal& a, const Decimal& b);
std::optional<Decimal> Multiply(const Decimal& a, const Decimal& b);
std::optional<Decimal> Divide(const Decimal& a, const Decimal& b);
std::optional<Decimal> Power(const Decimal& base, const Decimal& exponent);
std::optional<Decimal> SquareRoot(const Decimal& a);
// e raised to `a`, and the natural logarithm (nullopt for a <= 0).
std::optional<Decimal> Exp(const Decimal& a);
std::optional<Decimal> Log(const Decimal& a);
// FEEL modulo: the result has the sign of the divisor (DMN 1.5 §10.3.4.5 modulo()).
std::optional<Decimal> Modulo(const Decimal& dividend, const Decimal& divisor);
Decimal Negate(const Decimal& a);
Decimal Abs(const Decimal& a);

enum class Rounding { kHalfEven, kHalfUp, kHalfDown, kUp, kDown, kFloor, kCeiling };
// Rounds to `scale` digits after the point (negative scales round to tens, hundreds, ...).
std::optional<Decimal> RoundToScale(const Decimal& a, int64_t scale, Rounding mode);

// Numeric comparison: -1, 0, 1 (1.0 and 1 compare equal).
int Compare(const Decimal& a, const Decimal& b);
inline bool NumericEquals(const Decimal& a, const Decimal& b) { return Compare(a, b) == 0; }

}  // namespace ordo::feel
