// Temporal values of FEEL: date, time, date and time, and the two duration kinds
// (DMN 1.5 §10.3.2.3.4-§10.3.2.3.8), with their ISO 8601 / XML Schema text forms.
//
// These are small plain structs stored inline in a feel::Value. Calendar arithmetic is proleptic
// Gregorian on a day count since 1970-01-01 (H. Hinnant's days_from_civil algorithm), which covers
// FEEL's year range (-999,999,999..999,999,999). Time zones: a fixed UTC offset is kept; IANA zone
// ids ("@Europe/Paris") are not yet supported and parse as invalid (a zone id can later go in the
// Value's shared payload without changing these structs).
// Thread-safety: plain values and pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ordo::feel {

// A local time without a UTC offset; the smallest value of the 20-bit offset field.
inline constexpr int32_t kNoOffset = -(1 << 19);

struct Date {
  int64_t days = 0;  // since 1970-01-01
};

// The offset and the zone share 32 bits so that a DateTime stays 16 bytes (Value holds it
// inline). A zoned value (zone != kNoZone, feel/zones.h) also carries the zone's offset at its
// local time, so comparisons and arithmetic on instants need not consult the tz database.
struct Time {
  int64_t nanos_of_day = 0;  // [0, 86400e9)
  int32_t offset_seconds : 20 = kNoOffset;  // |offset| <= 18 hours
  int32_t zone : 12 = 0;                    // an id from feel/zones.h; 0 for none
};

struct DateTime {
  int64_t local_seconds = 0;  // local wall-clock seconds since 1970-01-01T00:00:00
  int32_t nanos = 0;          // [0, 1e9)
  int32_t offset_seconds : 20 = kNoOffset;
  int32_t zone : 12 = 0;
};

struct YearsMonths {
  int64_t months = 0;
};

// Normalized so that nanos is in [0, 1e9) and seconds carries the sign (floor division).
struct DaysTime {
  int64_t seconds = 0;
  int32_t nanos = 0;
};

struct CivilDate {
  int64_t year;
  int month;  // 1..12
  int day;    // 1..31
};

int64_t DaysFromCivil(int64_t year, int month, int day);
CivilDate CivilFromDays(int64_t days);
int DaysInMonth(int64_t year, int month);
bool ValidCivil(int64_t year, int month, int day);
// ISO weekday, Monday = 1 .. Sunday = 7.
int Weekday(int64_t days);

// Parsers return nullopt on any text that is not the exact XML Schema lexical form.
std::optional<Date> ParseDate(std::string_view text);
std::optional<Time> ParseTime(std::string_view text);
// Accepts "date" alone (midnight, no offset) as DMN 1.5 §10.3.4.1 date and time(from) does.
std::optional<DateTime> ParseDateTime(std::string_view text);
std::optional<YearsMonths> ParseYearsMonths(std::string_view text);
std::optional<DaysTime> ParseDaysTime(std::string_view text);

std::string FormatDate(const Date& d);
std::string FormatTime(const Time& t);
std::string FormatDateTime(const DateTime& dt);
std::string FormatYearsMonths(const YearsMonths& d);
std::string FormatDaysTime(const DaysTime& d);

// Seconds since the epoch in UTC; the local time itself when there is no offset.
int64_t UtcSeconds(const DateTime& dt);
// Recomputes the offset of a zoned value from its zone at its local time (after arithmetic).
void ResolveZoneOffset(DateTime& dt);
// Offsets as text, without the zone: "+02:00", "Z", or "" for kNoOffset.
std::string FormatOffset(int32_t offset_seconds);
DaysTime MakeDaysTime(int64_t seconds, int64_t nanos);  // normalizes
// Negation and sums that overflow return nullopt.
std::optional<DaysTime> AddDaysTime(const DaysTime& a, const DaysTime& b);
DaysTime NegateDaysTime(const DaysTime& d);
int CompareDaysTime(const DaysTime& a, const DaysTime& b);
// Adds months, clamping the day to the month's last day (XPath fn:add-yearMonthDuration-to-date).
std::optional<Date> AddMonths(const Date& d, int64_t months);

}  // namespace ordo::feel
