// IANA time zones for FEEL dates and times (DMN 1.5 §10.3.2.3.4: "2020-01-01T10:00:00@Europe/Paris").
//
// A zoned value stores a small zone id beside its UTC offset; this registry maps ids to zone
// names and answers the offset a zone has at a local wall-clock time, from the system's tz
// database through Howard Hinnant's date/tz library.
// Thread-safety: all functions are safe to call concurrently; ids never change once given.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace ordo::feel {

inline constexpr int kNoZone = 0;
inline constexpr int kMaxZones = 2047;  // ids fit the 12-bit field of Time and DateTime

// The id of a zone name ("Europe/Paris"), kNoZone when the tz database does not know it.
int ZoneId(std::string_view name);
// The name of a zone id given by ZoneId; empty for kNoZone.
std::string_view ZoneName(int id);
// The UTC offset in seconds of zone `id` at a local wall-clock time (seconds since
// 1970-01-01T00:00:00 local). In a gap or an overlap the offset in force before the change.
std::optional<int32_t> ZoneOffsetAt(int id, int64_t local_seconds);

}  // namespace ordo::feel
