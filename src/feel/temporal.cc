#include "feel/temporal.h"

#include <cstdio>

#include "feel/zones.h"

namespace ordo::feel {
namespace {

constexpr int64_t kNanosPerSecond = 1'000'000'000;
constexpr int64_t kSecondsPerDay = 86'400;
constexpr int64_t kNanosPerDay = kSecondsPerDay * kNanosPerSecond;
constexpr int64_t kMaxYear = 999'999'999;

int64_t FloorDiv(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

// A cursor over the text with the small scanning steps the lexical forms need.
struct Scanner {
  std::string_view s;
  size_t pos = 0;

  bool Done() const { return pos == s.size(); }
  bool Peek(char c) const { return pos < s.size() && s[pos] == c; }
  bool Eat(char c) {
    if (!Peek(c)) return false;
    ++pos;
    return true;
  }
  // Exactly `count` digits.
  std::optional<int64_t> Fixed(int count) {
    if (pos + count > s.size()) return std::nullopt;
    int64_t v = 0;
    for (int i = 0; i < count; ++i) {
      char c = s[pos + i];
      if (c < '0' || c > '9') return std::nullopt;
      v = v * 10 + (c - '0');
    }
    pos += count;
    return v;
  }
  // 1..max_digits digits.
  std::optional<int64_t> Digits(size_t max_digits, size_t* count = nullptr) {
    size_t start = pos;
    int64_t v = 0;
    while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9' && pos - start < max_digits) {
      v = v * 10 + (s[pos++] - '0');
    }
    if (pos == start || (pos < s.size() && s[pos] >= '0' && s[pos] <= '9')) return std::nullopt;
    if (count) *count = pos - start;
    return v;
  }
  // ".ddd" as nanoseconds (digits beyond nanoseconds are truncated).
  // `digits_optional`: "5." is a whole number (XML Schema 1.1 Part 2 §3.3.6.2, the seconds of a
  // duration: unsignedDecimalPtNumeral allows no digits after the point).
  std::optional<int64_t> Fraction(bool digits_optional = false) {
    if (!Eat('.')) return 0;
    size_t start = pos;
    int64_t nanos = 0;
    int used = 0;
    while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
      if (used < 9) nanos = nanos * 10 + (s[pos] - '0'), ++used;
      ++pos;
    }
    if (pos == start && !digits_optional) return std::nullopt;
    while (used++ < 9) nanos *= 10;
    return nanos;
  }
};

bool ParseDateParts(Scanner& sc, Date& out) {
  bool negative = sc.Eat('-');
  size_t count = 0;
  auto year = sc.Digits(9, &count);
  if (!year || count < 4 || (count > 4 && sc.s[sc.pos - count] == '0')) return false;
  if (!sc.Eat('-')) return false;
  auto month = sc.Fixed(2);
  if (!month || !sc.Eat('-')) return false;
  auto day = sc.Fixed(2);
  if (!day) return false;
  int64_t y = negative ? -*year : *year;
  if (!ValidCivil(y, static_cast<int>(*month), static_cast<int>(*day))) return false;
  out.days = DaysFromCivil(y, static_cast<int>(*month), static_cast<int>(*day));
  return true;
}

bool ParseTimeParts(Scanner& sc, int64_t& nanos_of_day, int32_t& offset, int& zone) {
  auto h = sc.Fixed(2);
  if (!h || !sc.Eat(':')) return false;
  auto m = sc.Fixed(2);
  if (!m || !sc.Eat(':')) return false;
  auto s = sc.Fixed(2);
  if (!s) return false;
  auto frac = sc.Fraction();
  if (!frac) return false;
  if (*m > 59 || *s > 59) return false;
  if (*h > 24 || (*h == 24 && (*m != 0 || *s != 0 || *frac != 0))) return false;
  // 24:00:00 is the end of the day: the next day's midnight (ParseTime wraps it to 00:00:00).
  int64_t secs = *h * 3600 + *m * 60 + *s;
  nanos_of_day = secs * kNanosPerSecond + *frac;
  offset = kNoOffset;
  if (sc.Eat('Z')) {
    offset = 0;
  } else if (sc.Peek('+') || sc.Peek('-')) {
    bool negative = sc.s[sc.pos++] == '-';
    auto oh = sc.Fixed(2);
    if (!oh || !sc.Eat(':')) return false;
    auto om = sc.Fixed(2);
    if (!om || *oh > 14 || *om > 59) return false;
    int32_t total = static_cast<int32_t>(*oh * 3600 + *om * 60);
    offset = negative ? -total : total;
  }
  zone = kNoZone;
  if (offset == kNoOffset && sc.Eat('@')) {
    // DMN 1.5 §10.3.2.3.4: an IANA zone name after '@'; the rest of the text is the name.
    zone = ZoneId(sc.s.substr(sc.pos));
    if (zone == kNoZone) return false;
    sc.pos = sc.s.size();
  }
  return true;
}

void AppendTwo(std::string& out, int64_t v) {
  out.push_back(static_cast<char>('0' + v / 10));
  out.push_back(static_cast<char>('0' + v % 10));
}

void AppendFraction(std::string& out, int64_t nanos) {
  if (nanos == 0) return;
  char buf[16];
  std::snprintf(buf, sizeof buf, ".%09lld", static_cast<long long>(nanos));
  std::string f(buf);
  while (f.back() == '0') f.pop_back();
  out += f;
}

void AppendOffset(std::string& out, int32_t offset) {
  if (offset == kNoOffset) return;
  if (offset == 0) {
    out.push_back('Z');
    return;
  }
  out.push_back(offset < 0 ? '-' : '+');
  int32_t a = offset < 0 ? -offset : offset;
  AppendTwo(out, a / 3600);
  out.push_back(':');
  AppendTwo(out, (a / 60) % 60);
  if (a % 60 != 0) {
    out.push_back(':');
    AppendTwo(out, a % 60);
  }
}

void AppendZoneOrOffset(std::string& out, int32_t offset, int zone) {
  if (zone == kNoZone) {
    AppendOffset(out, offset);
    return;
  }
  out.push_back('@');
  out += ZoneName(zone);
}

void AppendClock(std::string& out, int64_t nanos_of_day) {
  int64_t secs = nanos_of_day / kNanosPerSecond;
  AppendTwo(out, secs / 3600);
  out.push_back(':');
  AppendTwo(out, (secs / 60) % 60);
  out.push_back(':');
  AppendTwo(out, secs % 60);
  AppendFraction(out, nanos_of_day % kNanosPerSecond);
}

}  // namespace

int64_t DaysFromCivil(int64_t y, int m, int d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

CivilDate CivilFromDays(int64_t z) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t y = yoe + era * 400;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  const int d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  const int m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  return {y + (m <= 2), m, d};
}

int DaysInMonth(int64_t year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month == 2) {
    bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return leap ? 29 : 28;
  }
  return kDays[month - 1];
}

bool ValidCivil(int64_t year, int month, int day) {
  if (year < -kMaxYear || year > kMaxYear) return false;
  if (month < 1 || month > 12) return false;
  return day >= 1 && day <= DaysInMonth(year, month);
}

int Weekday(int64_t days) {
  // 1970-01-01 was a Thursday (ISO 4).
  int64_t w = FloorDiv(days + 3, 7) * 7;
  return static_cast<int>(days + 3 - w) + 1;
}

std::optional<Date> ParseDate(std::string_view text) {
  Scanner sc{text};
  Date d;
  if (!ParseDateParts(sc, d) || !sc.Done()) return std::nullopt;
  return d;
}

std::optional<Time> ParseTime(std::string_view text) {
  Scanner sc{text};
  Time t;
  int32_t offset = kNoOffset;
  int zone = kNoZone;
  if (!ParseTimeParts(sc, t.nanos_of_day, offset, zone) || !sc.Done()) return std::nullopt;
  t.nanos_of_day %= kNanosPerDay;
  t.offset_seconds = offset;
  t.zone = zone;
  if (zone != kNoZone) {
    // A time of day has no date; its zone's offset is taken on 1970-01-01.
    t.offset_seconds = ZoneOffsetAt(zone, t.nanos_of_day / kNanosPerSecond).value_or(0);
  }
  return t;
}

std::optional<DateTime> ParseDateTime(std::string_view text) {
  Scanner sc{text};
  Date d;
  if (!ParseDateParts(sc, d)) return std::nullopt;
  DateTime dt;
  dt.local_seconds = d.days * kSecondsPerDay;
  if (sc.Done()) return dt;
  if (!sc.Eat('T')) return std::nullopt;
  int64_t nanos_of_day = 0;
  int32_t offset = kNoOffset;
  int zone = kNoZone;
  if (!ParseTimeParts(sc, nanos_of_day, offset, zone) || !sc.Done()) return std::nullopt;
  dt.local_seconds += nanos_of_day / kNanosPerSecond;
  dt.nanos = static_cast<int32_t>(nanos_of_day % kNanosPerSecond);
  dt.offset_seconds = offset;
  dt.zone = zone;
  ResolveZoneOffset(dt);
  return dt;
}

std::optional<YearsMonths> ParseYearsMonths(std::string_view text) {
  Scanner sc{text};
  bool negative = sc.Eat('-');
  if (!sc.Eat('P')) return std::nullopt;
  int64_t months = 0;
  bool any = false;
  size_t save = sc.pos;
  if (auto y = sc.Digits(9); y && sc.Eat('Y')) {
    months += *y * 12, any = true;
  } else {
    sc.pos = save;
  }
  save = sc.pos;
  if (auto m = sc.Digits(12); m && sc.Eat('M')) {
    months += *m, any = true;
  } else {
    sc.pos = save;
  }
  if (!any || !sc.Done()) return std::nullopt;
  return YearsMonths{negative ? -months : months};
}

std::optional<DaysTime> ParseDaysTime(std::string_view text) {
  Scanner sc{text};
  bool negative = sc.Eat('-');
  if (!sc.Eat('P')) return std::nullopt;
  __int128 seconds = 0;
  int64_t nanos = 0;
  bool any = false;
  size_t save = sc.pos;
  if (auto d = sc.Digits(15); d && sc.Eat('D')) {
    seconds += static_cast<__int128>(*d) * kSecondsPerDay, any = true;
  } else {
    sc.pos = save;
  }
  if (sc.Eat('T')) {
    bool any_time = false;
    static constexpr struct {
      char unit;
      int64_t factor;
    } kUnits[] = {{'H', 3600}, {'M', 60}};
    for (const auto& u : kUnits) {
      save = sc.pos;
      if (auto v = sc.Digits(15); v && sc.Eat(u.unit)) {
        seconds += static_cast<__int128>(*v) * u.factor, any_time = true;
      } else {
        sc.pos = save;
      }
    }
    save = sc.pos;
    auto s = sc.Digits(15);
    if (s) {
      auto frac = sc.Fraction(/*digits_optional=*/true);
      if (frac && sc.Eat('S')) {
        seconds += *s, nanos = *frac, any_time = true;
      } else {
        sc.pos = save;
      }
    }
    if (!any_time) return std::nullopt;
    any = true;
  }
  if (!any || !sc.Done()) return std::nullopt;
  if (seconds > INT64_MAX / 2) return std::nullopt;
  int64_t secs = static_cast<int64_t>(seconds);
  return negative ? MakeDaysTime(-secs, -nanos) : MakeDaysTime(secs, nanos);
}

std::string FormatDate(const Date& d) {
  CivilDate c = CivilFromDays(d.days);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%s%04lld-%02d-%02d", c.year < 0 ? "-" : "",
                static_cast<long long>(c.year < 0 ? -c.year : c.year), c.month, c.day);
  return buf;
}

std::string FormatTime(const Time& t) {
  std::string out;
  AppendClock(out, t.nanos_of_day);
  AppendZoneOrOffset(out, t.offset_seconds, t.zone);
  return out;
}

std::string FormatDateTime(const DateTime& dt) {
  int64_t days = FloorDiv(dt.local_seconds, kSecondsPerDay);
  int64_t secs = dt.local_seconds - days * kSecondsPerDay;
  std::string out = FormatDate(Date{days});
  out.push_back('T');
  AppendClock(out, secs * kNanosPerSecond + dt.nanos);
  AppendZoneOrOffset(out, dt.offset_seconds, dt.zone);
  return out;
}

std::string FormatYearsMonths(const YearsMonths& d) {
  if (d.months == 0) return "P0M";
  std::string out = d.months < 0 ? "-P" : "P";
  uint64_t m = d.months < 0 ? 0 - static_cast<uint64_t>(d.months) : static_cast<uint64_t>(d.months);
  if (m / 12) out += std::to_string(m / 12) + "Y";
  if (m % 12) out += std::to_string(m % 12) + "M";
  return out;
}

std::string FormatDaysTime(const DaysTime& d) {
  __int128 total = static_cast<__int128>(d.seconds) * kNanosPerSecond + d.nanos;
  if (total == 0) return "PT0S";
  std::string out = total < 0 ? "-P" : "P";
  if (total < 0) total = -total;
  int64_t nanos = static_cast<int64_t>(total % kNanosPerSecond);
  int64_t secs = static_cast<int64_t>(total / kNanosPerSecond);
  int64_t days = secs / kSecondsPerDay, h = (secs / 3600) % 24, m = (secs / 60) % 60, s = secs % 60;
  if (days) out += std::to_string(days) + "D";
  if (h || m || s || nanos) {
    out.push_back('T');
    if (h) out += std::to_string(h) + "H";
    if (m) out += std::to_string(m) + "M";
    if (s || nanos) {
      out += std::to_string(s);
      AppendFraction(out, nanos);
      out.push_back('S');
    }
  }
  return out;
}

void ResolveZoneOffset(DateTime& dt) {
  if (dt.zone == kNoZone) return;
  dt.offset_seconds = ZoneOffsetAt(dt.zone, dt.local_seconds).value_or(0);
}

std::string FormatOffset(int32_t offset_seconds) {
  std::string out;
  AppendOffset(out, offset_seconds);
  return out;
}

int64_t UtcSeconds(const DateTime& dt) {
  return dt.offset_seconds == kNoOffset ? dt.local_seconds : dt.local_seconds - dt.offset_seconds;
}

DaysTime MakeDaysTime(int64_t seconds, int64_t nanos) {
  int64_t carry = FloorDiv(nanos, kNanosPerSecond);
  return DaysTime{seconds + carry, static_cast<int32_t>(nanos - carry * kNanosPerSecond)};
}

std::optional<DaysTime> AddDaysTime(const DaysTime& a, const DaysTime& b) {
  int64_t s;
  if (__builtin_add_overflow(a.seconds, b.seconds, &s)) return std::nullopt;
  if (s > INT64_MAX / 2 || s < INT64_MIN / 2) return std::nullopt;
  return MakeDaysTime(s, static_cast<int64_t>(a.nanos) + b.nanos);
}

DaysTime NegateDaysTime(const DaysTime& d) { return MakeDaysTime(-d.seconds, -static_cast<int64_t>(d.nanos)); }

int CompareDaysTime(const DaysTime& a, const DaysTime& b) {
  if (a.seconds != b.seconds) return a.seconds < b.seconds ? -1 : 1;
  if (a.nanos != b.nanos) return a.nanos < b.nanos ? -1 : 1;
  return 0;
}

std::optional<Date> AddMonths(const Date& d, int64_t months) {
  if (months > 12 * 2 * kMaxYear || months < -12 * 2 * kMaxYear) return std::nullopt;
  CivilDate c = CivilFromDays(d.days);
  int64_t total = c.year * 12 + (c.month - 1) + months;
  int64_t year = FloorDiv(total, 12);
  int month = static_cast<int>(total - year * 12) + 1;
  if (year < -kMaxYear || year > kMaxYear) return std::nullopt;
  int day = c.day > DaysInMonth(year, month) ? DaysInMonth(year, month) : c.day;
  return Date{DaysFromCivil(year, month, day)};
}

}  // namespace ordo::feel
