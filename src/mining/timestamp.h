// Timestamps of events: xs:dateTime text to nanoseconds since the Unix epoch, and back.
//
// XES dates are xs:dateTime values (IEEE 1849-2016 §5.3, "date" attribute type; W3C XML Schema
// 1.1 Part 2 §3.3.7): "2011-10-01T00:38:44.546+02:00". A Timestamp keeps the true UTC instant
// and the UTC offset the text carried, so both conventions can be derived from it:
//   - kUtc: the instant itself (Ordo's default, correct across DST changes);
//   - kWallClock: the local wall-clock time read as if it were UTC. PM4Py 2.7.14 does this (it
//     drops the offset), so durations that span a DST change differ by an hour.
// Text without an offset is taken as UTC (as PM4Py does).
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ordo::mining {

inline constexpr int16_t kNoOffset = INT16_MIN;  // the text carried no offset (taken as UTC)

struct Timestamp {
  int64_t utc_ns = 0;                // nanoseconds since 1970-01-01T00:00:00Z
  int16_t offset_minutes = kNoOffset;  // east of UTC, as written; kNoOffset when absent
};

enum class TimeConvention : uint8_t {
  kUtc,        // true instants
  kWallClock,  // PM4Py 2.7.14: local wall-clock time, offset dropped
};

// Parses "YYYY-MM-DD[T| ]hh:mm[:ss[.fraction]][Z|(+|-)hh[:]mm]" and a bare date "YYYY-MM-DD".
// Fractions beyond nanoseconds are truncated. Years 1678-2261 (int64 nanoseconds, as pandas).
// nullopt when the text is not such a value.
std::optional<Timestamp> ParseIsoTimestamp(std::string_view text);

// Parses text by a strftime-like pattern: %Y %m %d %H %M %S %f (fraction digits) %z (offset
// +hh:mm, +hhmm or Z) %b (English month abbreviation) %y (two-digit year, 1969-2068) %%; any other
// character must match itself. nullopt when the text does not match.
std::optional<Timestamp> ParseTimestampWithFormat(std::string_view text, std::string_view format);

// Instant under the convention.
inline int64_t TimeUnder(const Timestamp& t, TimeConvention c) {
  if (c == TimeConvention::kWallClock && t.offset_minutes != kNoOffset) {
    return t.utc_ns + int64_t{t.offset_minutes} * 60'000'000'000;
  }
  return t.utc_ns;
}

// xs:dateTime text with milliseconds (more digits when the value needs them) and the original
// offset ("+02:00", "Z" for zero, nothing for kNoOffset).
std::string FormatIsoTimestamp(const Timestamp& t);

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil).
int64_t DaysFromCivil(int64_t year, unsigned month, unsigned day);

}  // namespace ordo::mining
