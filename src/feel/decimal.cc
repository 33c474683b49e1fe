#include "feel/decimal.h"

#include <charconv>
#include <cstring>

#define DECIMAL_CALL_BY_REFERENCE 0
#define DECIMAL_GLOBAL_ROUNDING 0
#define DECIMAL_GLOBAL_EXCEPTION_FLAGS 0
extern "C" {
#include <bid_conf.h>
#include <bid_functions.h>
}

namespace ordo::feel {
namespace {

static_assert(sizeof(Decimal) == sizeof(BID_UINT128), "Decimal must mirror BID_UINT128");

BID_UINT128 Raw(const Decimal& d) {
  BID_UINT128 r;
  r.w[0] = d.bits[0];
  r.w[1] = d.bits[1];
  return r;
}

Decimal Wrap(BID_UINT128 r) {
  Decimal d;
  d.bits[0] = r.w[0];
  d.bits[1] = r.w[1];
  return d;
}

// The fast paths below handle what FEEL mostly computes with: finite values whose coefficient
// fits in 64 bits. IEEE 754-2008 §5.4.1 gives an exact sum the smaller exponent of its operands
// and an exact product the sum of theirs (the "preferred exponent"), so when nothing needs
// rounding these give the very bits the library would.
struct Small {
  bool negative;
  uint64_t coefficient;
  int exponent;  // biased
};

constexpr int kExponentBias = 6176;
constexpr int kMaxBiasedExponent = 12287;

// BID decimal128: sign in bit 127; when bits 126-125 are not both set, a 14-bit biased exponent
// in bits 126-113 and the coefficient in bits 112-0.
bool AsSmall(const Decimal& d, Small& out) {
  const uint64_t high = d.bits[1];
  if ((high & 0x6000000000000000ull) == 0x6000000000000000ull) return false;  // large form, inf, NaN
  if ((high & 0x0001FFFFFFFFFFFFull) != 0) return false;                      // coefficient >= 2^64
  out.negative = (high >> 63) != 0;
  out.exponent = static_cast<int>((high >> 49) & 0x3FFF);
  out.coefficient = d.bits[0];
  return true;
}

Decimal FromSmall(bool negative, uint64_t coefficient, int exponent) {
  Decimal d;
  d.bits[0] = coefficient;
  d.bits[1] = (static_cast<uint64_t>(negative) << 63) | (static_cast<uint64_t>(exponent) << 49);
  return d;
}

// a + b for operands of one exponent, when the sum's coefficient fits in 64 bits.
std::optional<Decimal> AddSmall(const Small& a, const Small& b) {
  if (a.negative == b.negative) {
    uint64_t sum;
    if (__builtin_add_overflow(a.coefficient, b.coefficient, &sum)) return std::nullopt;
    return FromSmall(a.negative, sum, a.exponent);
  }
  // Opposite signs: an exact zero is positive when rounding to nearest (§6.3).
  if (a.coefficient == b.coefficient) return FromSmall(false, 0, a.exponent);
  return a.coefficient > b.coefficient ? FromSmall(a.negative, a.coefficient - b.coefficient, a.exponent)
                                       : FromSmall(b.negative, b.coefficient - a.coefficient, a.exponent);
}

std::optional<Decimal> Checked(BID_UINT128 r) {
  if (!bid128_isFinite(r)) return std::nullopt;
  return Wrap(r);
}

_IDEC_round ToBidRounding(Rounding mode) {
  switch (mode) {
    case Rounding::kHalfEven:
      return BID_ROUNDING_TO_NEAREST;
    case Rounding::kHalfUp:
      return BID_ROUNDING_TIES_AWAY;
    case Rounding::kHalfDown:
      return BID_ROUNDING_TIES_AWAY;  // adjusted by the caller
    case Rounding::kUp:
      return BID_ROUNDING_TO_ZERO;  // adjusted by the caller
    case Rounding::kDown:
      return BID_ROUNDING_TO_ZERO;
    case Rounding::kFloor:
      return BID_ROUNDING_DOWN;
    case Rounding::kCeiling:
      return BID_ROUNDING_UP;
  }
  return BID_ROUNDING_TO_NEAREST;
}

// Splits the library's "+1234E-2" into sign, coefficient digits and exponent.
struct Parts {
  bool negative = false;
  std::string digits;
  int exponent = 0;
};

Parts Split(const Decimal& d) {
  char buf[64];
  _IDEC_flags flags = 0;
  bid128_to_string(buf, Raw(d), &flags);
  Parts p;
  const char* s = buf;
  if (*s == '-' || *s == '+') p.negative = (*s++ == '-');
  while (*s >= '0' && *s <= '9') p.digits.push_back(*s++);
  if (*s == 'E' || *s == 'e') p.exponent = std::atoi(s + 1);
  size_t nz = p.digits.find_first_not_of('0');
  p.digits = nz == std::string::npos ? "0" : p.digits.substr(nz);
  return p;
}

}  // namespace

Decimal Decimal::FromInt(int64_t value) { return Wrap(bid128_from_int64(value)); }

std::optional<Decimal> Decimal::FromString(std::string_view text) {
  // Validate strictly ourselves: the library also accepts "inf", "nan" and trailing junk.
  size_t i = 0, n = text.size();
  if (n == 0 || n > 4096) return std::nullopt;
  if (text[i] == '-' || text[i] == '+') ++i;
  size_t int_digits = 0, frac_digits = 0;
  while (i < n && text[i] >= '0' && text[i] <= '9') ++i, ++int_digits;
  if (i < n && text[i] == '.') {
    ++i;
    while (i < n && text[i] >= '0' && text[i] <= '9') ++i, ++frac_digits;
  }
  if (int_digits + frac_digits == 0) return std::nullopt;
  if (i < n && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    if (i < n && (text[i] == '-' || text[i] == '+')) ++i;
    size_t exp_digits = 0;
    while (i < n && text[i] >= '0' && text[i] <= '9') ++i, ++exp_digits;
    if (exp_digits == 0 || exp_digits > 6) return std::nullopt;
  }
  if (i != n) return std::nullopt;
  std::string copy(text);
  _IDEC_flags flags = 0;
  BID_UINT128 r = bid128_from_string(copy.data(), BID_ROUNDING_TO_NEAREST, &flags);
  return Checked(r);
}

std::optional<Decimal> Decimal::FromDouble(double value) {
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value);
  if (ec != std::errc()) return std::nullopt;
  return FromString(std::string_view(buf, end - buf));
}

void Decimal::AppendTo(std::string& out) const {
  Parts p = Split(*this);
  if (p.negative && p.digits != "0") out.push_back('-');
  const int ndigits = static_cast<int>(p.digits.size());
  const int adjusted = ndigits - 1 + p.exponent;  // exponent of the leading digit
  if (adjusted > 40 || adjusted < -40) {
    // Scientific notation only for magnitudes no business value has.
    out.push_back(p.digits[0]);
    if (ndigits > 1) {
      out.push_back('.');
      out.append(p.digits, 1, std::string::npos);
    }
    out.push_back('E');
    if (adjusted > 0) out.push_back('+');
    out.append(std::to_string(adjusted));
    return;
  }
  if (p.exponent >= 0) {
    out.append(p.digits);
    if (p.digits != "0") out.append(static_cast<size_t>(p.exponent), '0');
    return;
  }
  const int scale = -p.exponent;
  if (ndigits > scale) {
    out.append(p.digits, 0, ndigits - scale);
    out.push_back('.');
    out.append(p.digits, ndigits - scale, std::string::npos);
  } else {
    out.append("0.");
    out.append(static_cast<size_t>(scale - ndigits), '0');
    out.append(p.digits);
  }
}

std::string Decimal::ToString() const {
  std::string s;
  AppendTo(s);
  return s;
}

bool Decimal::IsZero() const { return bid128_isZero(Raw(*this)); }

bool Decimal::IsNegative() const {
  BID_UINT128 r = Raw(*this);
  return bid128_isSigned(r) && !bid128_isZero(r);
}

bool Decimal::IsInteger() const {
  _IDEC_flags flags = 0;
  BID_UINT128 r = Raw(*this);
  return bid128_quiet_equal(bid128_round_integral_zero(r, &flags), r, &flags);
}

std::optional<int64_t> Decimal::ToInt64() const {
  _IDEC_flags flags = 0;
  BID_SINT64 v = bid128_to_int64_int(Raw(*this), &flags);
  if (flags & BID_INVALID_EXCEPTION) return std::nullopt;
  return v;
}

double Decimal::ToDouble() const {
  _IDEC_flags flags = 0;
  return bid128_to_binary64(Raw(*this), BID_ROUNDING_TO_NEAREST, &flags);
}

int Decimal::Scale() const {
  _IDEC_flags flags = 0;
  return -bid128_quantexp(Raw(*this), &flags);
}

std::optional<Decimal> Add(const Decimal& a, const Decimal& b) {
  Small x, y;
  if (AsSmall(a, x) && AsSmall(b, y) && x.exponent == y.exponent) {
    if (std::optional<Decimal> r = AddSmall(x, y)) return r;
  }
  _IDEC_flags flags = 0;
  return Checked(bid128_add(Raw(a), Raw(b), BID_ROUNDING_TO_NEAREST, &flags));
}

std::optional<Decimal> Subtract(const Decimal& a, const Decimal& b) {
  Small x, y;
  if (AsSmall(a, x) && AsSmall(b, y) && x.exponent == y.exponent) {
    y.negative = !y.negative;
    if (std::optional<Decimal> r = AddSmall(x, y)) return r;
  }
  _IDEC_flags flags = 0;
  return Checked(bid128_sub(Raw(a), Raw(b), BID_ROUNDING_TO_NEAREST, &flags));
}

std::optional<Decimal> Multiply(const Decimal& a, const Decimal& b) {
  Small x, y;
  if (AsSmall(a, x) && AsSmall(b, y)) {
    uint64_t product;
    const int exponent = x.exponent + y.exponent - kExponentBias;
    if (!__builtin_mul_overflow(x.coefficient, y.coefficient, &product) && exponent >= 0 &&
        exponent <= kMaxBiasedExponent) {
      return FromSmall(x.negative != y.negative, product, exponent);
    }
  }
  _IDEC_flags flags = 0;
  return Checked(bid128_mul(Raw(a), Raw(b), BID_ROUNDING_TO_NEAREST, &flags));
}

std::optional<Decimal> Divide(const Decimal& a, const Decimal& b) {
  if (b.IsZero()) return std::nullopt;
  _IDEC_flags flags = 0;
  return Checked(bid128_div(Raw(a), Raw(b), BID_ROUNDING_TO_NEAREST, &flags));
}

std::optional<Decimal> Power(const Decimal& base, const Decimal& exponent) {
  _IDEC_flags flags = 0;
  if (exponent.IsInteger()) {
    // Exact repeated squaring keeps integral powers exact (1.1 ** 2 = 1.21); the library's pow
    // goes through logarithms.
    std::optional<int64_t> e = exponent.ToInt64();
    if (e && *e >= -100000 && *e <= 100000) {
      int64_t k = *e < 0 ? -*e : *e;
      BID_UINT128 result = bid128_from_int64(1);
      BID_UINT128 factor = Raw(base);
      while (k > 0) {
        if (k & 1) result = bid128_mul(result, factor, BID_ROUNDING_TO_NEAREST, &flags);
        k >>= 1;
        if (k > 0) factor = bid128_mul(factor, factor, BID_ROUNDING_TO_NEAREST, &flags);
        if (!bid128_isFinite(result) || !bid128_isFinite(factor)) return std::nullopt;
      }
      if (*e < 0) {
        if (bid128_isZero(result)) return std::nullopt;
        result = bid128_div(bid128_from_int64(1), result, BID_ROUNDING_TO_NEAREST, &flags);
      }
      return Checked(result);
    }
  }
  return Checked(bid128_pow(Raw(base), Raw(exponent), BID_ROUNDING_TO_NEAREST, &flags));
}

std::optional<Decimal> SquareRoot(const Decimal& a) {
  if (a.IsNegative()) return std::nullopt;
  _IDEC_flags flags = 0;
  return Checked(bid128_sqrt(Raw(a), BID_ROUNDING_TO_NEAREST, &flags));
}

std::optional<Decimal> Exp(const Decimal& a) {
  _IDEC_flags flags = 0;
  return Checked(bid128_exp(Raw(a), BID_ROUNDING_TO_NEAREST, &flags));
}

std::optional<Decimal> Log(const Decimal& a) {
  if (a.IsNegative() || a.IsZero()) return std::nullopt;
  _IDEC_flags flags = 0;
  return Checked(bid128_log(Raw(a), BID_ROUNDING_TO_NEAREST, &flags));
}

std::optional<Decimal> Modulo(const Decimal& dividend, const Decimal& divisor) {
  if (divisor.IsZero()) return std::nullopt;
  _IDEC_flags flags = 0;
  BID_UINT128 q = bid128_div(Raw(dividend), Raw(divisor), BID_ROUNDING_TO_NEAREST, &flags);
  q = bid128_round_integral_negative(q, &flags);
  BID_UINT128 p = bid128_mul(Raw(divisor), q, BID_ROUNDING_TO_NEAREST, &flags);
  return Checked(bid128_sub(Raw(dividend), p, BID_ROUNDING_TO_NEAREST, &flags));
}

Decimal Negate(const Decimal& a) { return Wrap(bid128_negate(Raw(a))); }
Decimal Abs(const Decimal& a) { return Wrap(bid128_abs(Raw(a))); }

std::optional<Decimal> RoundToScale(const Decimal& a, int64_t scale, Rounding mode) {
  if (scale < -6111 || scale > 6176) return std::nullopt;
  _IDEC_flags flags = 0;
  // The quantum 1E-scale: coefficient 1, exponent -scale.
  std::string quantum_text = "1E" + std::to_string(-scale);
  BID_UINT128 quantum = bid128_from_string(quantum_text.data(), BID_ROUNDING_TO_NEAREST, &flags);
  BID_UINT128 x = Raw(a);
  BID_UINT128 r = bid128_quantize(x, quantum, ToBidRounding(mode), &flags);
  if (!bid128_isFinite(r)) return std::nullopt;
  if (mode == Rounding::kUp || mode == Rounding::kHalfDown) {
    BID_UINT128 truncated = bid128_quantize(x, quantum, BID_ROUNDING_TO_ZERO, &flags);
    BID_UINT128 diff = bid128_abs(bid128_sub(x, truncated, BID_ROUNDING_TO_NEAREST, &flags));
    if (mode == Rounding::kUp) {
      if (!bid128_isZero(diff)) {
        BID_UINT128 step = bid128_isSigned(x) ? bid128_negate(quantum) : quantum;
        r = bid128_add(truncated, step, BID_ROUNDING_TO_NEAREST, &flags);
        r = bid128_quantize(r, quantum, BID_ROUNDING_TO_NEAREST, &flags);
      }
    } else {
      BID_UINT128 half = bid128_div(quantum, bid128_from_int64(2), BID_ROUNDING_TO_NEAREST, &flags);
      if (bid128_quiet_equal(diff, half, &flags)) r = truncated;
    }
  }
  return Checked(r);
}

int Compare(const Decimal& a, const Decimal& b) {
  Small p, q;
  if (AsSmall(a, p) && AsSmall(b, q) && p.exponent == q.exponent) {
    if (p.coefficient == 0 && q.coefficient == 0) return 0;  // +0 = -0
    if (p.negative != q.negative) return p.negative ? -1 : 1;
    if (p.coefficient == q.coefficient) return 0;
    const bool smaller_magnitude = p.coefficient < q.coefficient;
    return (smaller_magnitude != p.negative) ? -1 : 1;
  }
  _IDEC_flags flags = 0;
  BID_UINT128 x = Raw(a), y = Raw(b);
  if (bid128_quiet_less(x, y, &flags)) return -1;
  if (bid128_quiet_greater(x, y, &flags)) return 1;
  return 0;
}

}  // namespace ordo::feel
