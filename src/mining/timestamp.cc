#include "mining/timestamp.h"

#include <cstdio>

namespace ordo::mining {
namespace {

constexpr int64_t kNsPerSecond = 1'000'000'000;

bool Digits(std::string_view s, size_t pos, size_t n, int64_t& out) {
  if (pos + n > s.size()) return false;
  int64_t v = 0;
  for (size_t i = 0; i < n; ++i) {
    char c = s[pos + i];
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  out = v;
  return true;
}

// Reads up to 9 fraction digits as nanoseconds; skips further digits. Returns chars consumed.
size_t Fraction(std::string_view s, size_t pos, int64_t& ns) {
  size_t i = pos;
  int64_t v = 0;
  int digits = 0;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
    if (digits < 9) {
      v = v * 10 + (s[i] - '0');
      ++digits;
    }
    ++i;
  }
  for (int d = digits; d < 9; ++d) v *= 10;
  ns = v;
  return i - pos;
}

bool ValidDate(int64_t y, int64_t mo, int64_t d) {
  static constexpr int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (mo < 1 || mo > 12 || d < 1) return false;
  if (d > kDays[mo - 1]) return false;
  if (mo == 2 && d == 29) {
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (!leap) return false;
  }
  return true;
}

std::optional<Timestamp> Compose(int64_t y, int64_t mo, int64_t d, int64_t h, int64_t mi, int64_t s,
                                 int64_t ns, int16_t offset) {
  if (!ValidDate(y, mo, d) || h > 24 || mi > 59 || s > 60) return std::nullopt;
  // Nanoseconds in int64 reach from 1677-09-21 to 2262-04-11 (pandas has the same range).
  if (y < 1678 || y > 2261) return std::nullopt;
  if (h == 24 && (mi != 0 || s != 0 || ns != 0)) return std::nullopt;
  int64_t days = DaysFromCivil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d));
  int64_t secs = days * 86400 + h * 3600 + mi * 60 + s;
  if (offset != kNoOffset) secs -= int64_t{offset} * 60;
  Timestamp t;
  t.utc_ns = secs * kNsPerSecond + ns;
  t.offset_minutes = offset;
  return t;
}

// "Z", "+hh:mm", "+hhmm", "+hh" at pos; returns chars consumed or 0 when absent/invalid.
size_t Offset(std::string_view s, size_t pos, int16_t& offset, bool& ok) {
  ok = true;
  if (pos >= s.size()) return 0;
  if (s[pos] == 'Z' || s[pos] == 'z') {
    offset = 0;
    return 1;
  }
  if (s[pos] != '+' && s[pos] != '-') return 0;
  int sign = s[pos] == '-' ? -1 : 1;
  int64_t oh = 0, om = 0;
  size_t used = 1;
  if (!Digits(s, pos + 1, 2, oh)) {
    ok = false;
    return 0;
  }
  used += 2;
  if (pos + used < s.size() && s[pos + used] == ':') {
    if (!Digits(s, pos + used + 1, 2, om)) {
      ok = false;
      return 0;
    }
    used += 3;
  } else if (Digits(s, pos + used, 2, om)) {
    used += 2;
  }
  if (oh > 14 || om > 59) {
    ok = false;
    return 0;
  }
  offset = static_cast<int16_t>(sign * (oh * 60 + om));
  return used;
}

}  // namespace

int64_t DaysFromCivil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

std::optional<Timestamp> ParseIsoTimestamp(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  int64_t y, mo, d, h = 0, mi = 0, sec = 0, ns = 0;
  if (!Digits(s, 0, 4, y) || s.size() < 10 || s[4] != '-' || !Digits(s, 5, 2, mo) || s[7] != '-' ||
      !Digits(s, 8, 2, d)) {
    return std::nullopt;
  }
  size_t pos = 10;
  int16_t offset = kNoOffset;
  if (pos < s.size() && (s[pos] == 'T' || s[pos] == ' ' || s[pos] == 't')) {
    if (!Digits(s, pos + 1, 2, h) || pos + 3 >= s.size() || s[pos + 3] != ':' ||
        !Digits(s, pos + 4, 2, mi)) {
      return std::nullopt;
    }
    pos += 6;
    if (pos < s.size() && s[pos] == ':') {
      if (!Digits(s, pos + 1, 2, sec)) return std::nullopt;
      pos += 3;
      if (pos < s.size() && (s[pos] == '.' || s[pos] == ',')) {
        size_t n = Fraction(s, pos + 1, ns);
        if (n == 0) return std::nullopt;
        pos += 1 + n;
      }
    }
  }
  bool ok = true;
  pos += Offset(s, pos, offset, ok);
  if (!ok || pos != s.size()) return std::nullopt;
  return Compose(y, mo, d, h, mi, sec, ns, offset);
}

std::optional<Timestamp> ParseTimestampWithFormat(std::string_view s, std::string_view f) {
  static constexpr const char* kMonths[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                            "jul", "aug", "sep", "oct", "nov", "dec"};
  int64_t y = 1970, mo = 1, d = 1, h = 0, mi = 0, sec = 0, ns = 0;
  int16_t offset = kNoOffset;
  size_t pos = 0;
  auto number = [&](int64_t& out, size_t max_digits) {
    size_t start = pos;
    int64_t v = 0;
    while (pos < s.size() && pos - start < max_digits && s[pos] >= '0' && s[pos] <= '9') {
      v = v * 10 + (s[pos++] - '0');
    }
    out = v;
    return pos > start;
  };
  for (size_t i = 0; i < f.size(); ++i) {
    if (f[i] != '%' || i + 1 == f.size()) {
      if (pos >= s.size() || s[pos] != f[i]) return std::nullopt;
      ++pos;
      continue;
    }
    char c = f[++i];
    bool ok = true;
    switch (c) {
      case 'Y': ok = number(y, 4); break;
      case 'y':
        ok = number(y, 2);
        y += y < 69 ? 2000 : 1900;
        break;
      case 'm': ok = number(mo, 2); break;
      case 'd': ok = number(d, 2); break;
      case 'H': ok = number(h, 2); break;
      case 'M': ok = number(mi, 2); break;
      case 'S': ok = number(sec, 2); break;
      case 'f': {
        size_t n = Fraction(s, pos, ns);
        pos += n;
        ok = n > 0;
        break;
      }
      case 'z': {
        size_t n = Offset(s, pos, offset, ok);
        pos += n;
        ok = ok && n > 0;
        break;
      }
      case 'b': {
        ok = false;
        if (pos + 3 <= s.size()) {
          for (int m = 0; m < 12; ++m) {
            bool eq = true;
            for (int k = 0; k < 3; ++k) eq = eq && ((s[pos + k] | 0x20) == kMonths[m][k]);
            if (eq) {
              mo = m + 1;
              pos += 3;
              ok = true;
              break;
            }
          }
        }
        break;
      }
      case '%':
        ok = pos < s.size() && s[pos] == '%';
        ++pos;
        break;
      default: return std::nullopt;
    }
    if (!ok) return std::nullopt;
  }
  if (pos != s.size()) return std::nullopt;
  return Compose(y, mo, d, h, mi, sec, ns, offset);
}

std::string FormatIsoTimestamp(const Timestamp& t) {
  int64_t local = t.utc_ns;
  if (t.offset_minutes != kNoOffset) local += int64_t{t.offset_minutes} * 60 * kNsPerSecond;
  int64_t secs = local / kNsPerSecond;
  int64_t ns = local % kNsPerSecond;
  if (ns < 0) {
    ns += kNsPerSecond;
    --secs;
  }
  int64_t days = secs / 86400;
  int64_t rem = secs % 86400;
  if (rem < 0) {
    rem += 86400;
    --days;
  }
  // civil_from_days (H. Hinnant)
  int64_t z = days + 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int64_t y = static_cast<int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  y += m <= 2;
  char buf[64];
  int n = std::snprintf(buf, sizeof buf, "%04lld-%02u-%02uT%02lld:%02lld:%02lld", static_cast<long long>(y), m,
                        d, static_cast<long long>(rem / 3600), static_cast<long long>(rem / 60 % 60),
                        static_cast<long long>(rem % 60));
  std::string out(buf, static_cast<size_t>(n));
  if (ns % 1'000'000 == 0) {
    n = std::snprintf(buf, sizeof buf, ".%03lld", static_cast<long long>(ns / 1'000'000));
  } else {
    n = std::snprintf(buf, sizeof buf, ".%09lld", static_cast<long long>(ns));
  }
  out.append(buf, static_cast<size_t>(n));
  if (t.offset_minutes == kNoOffset) return out;
  if (t.offset_minutes == 0) return out + "Z";
  int o = t.offset_minutes < 0 ? -t.offset_minutes : t.offset_minutes;
  n = std::snprintf(buf, sizeof buf, "%c%02d:%02d", t.offset_minutes < 0 ? '-' : '+', o / 60, o % 60);
  out.append(buf, static_cast<size_t>(n));
  return out;
}

}  // namespace ordo::mining
