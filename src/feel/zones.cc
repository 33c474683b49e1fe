#include "feel/zones.h"

#include <date/tz.h>

#include <algorithm>
#include <deque>
#include <mutex>
#include <string>

namespace ordo::feel {
namespace {

struct Zone {
  std::string name;
  const date::time_zone* zone;  // owned by the tz database, which lives until exit
};

struct Registry {
  std::mutex mutex;
  std::deque<Zone> zones;  // id i is zones[i - 1]; only appended to, so elements never move
};

Registry& Zones() {
  static Registry* registry = new Registry();  // never destroyed: ids outlive static teardown
  return *registry;
}

const date::time_zone* Locate(std::string_view name) {
  // The library reports an unknown name by throwing; this is the edge where that stops.
  try {
    return date::locate_zone(name);
  } catch (const std::exception&) {
    return nullptr;
  }
}

}  // namespace

int ZoneId(std::string_view name) {
  if (name.empty() || name.size() > 64) return kNoZone;
  Registry& r = Zones();
  std::lock_guard<std::mutex> lock(r.mutex);
  for (size_t i = 0; i < r.zones.size(); ++i) {
    if (r.zones[i].name == name) return static_cast<int>(i + 1);
  }
  if (r.zones.size() >= static_cast<size_t>(kMaxZones)) return kNoZone;
  const date::time_zone* zone = Locate(name);
  if (!zone) return kNoZone;
  r.zones.push_back(Zone{std::string(name), zone});
  return static_cast<int>(r.zones.size());
}

std::string_view ZoneName(int id) {
  Registry& r = Zones();
  std::lock_guard<std::mutex> lock(r.mutex);
  if (id <= 0 || static_cast<size_t>(id) > r.zones.size()) return {};
  return r.zones[static_cast<size_t>(id) - 1].name;
}

std::optional<int32_t> ZoneOffsetAt(int id, int64_t local_seconds) {
  const date::time_zone* zone = nullptr;
  {
    Registry& r = Zones();
    std::lock_guard<std::mutex> lock(r.mutex);
    if (id <= 0 || static_cast<size_t>(id) > r.zones.size()) return std::nullopt;
    zone = r.zones[static_cast<size_t>(id) - 1].zone;
  }
  // The database's calendar covers years -32767..32767; beyond that the rules of the edge apply.
  constexpr int64_t kEdge = int64_t{9999} * 366 * 86400;
  const int64_t clamped = std::clamp(local_seconds, -kEdge, kEdge);
  date::local_info info = zone->get_info(date::local_seconds{std::chrono::seconds{clamped}});
  return static_cast<int32_t>(info.first.offset.count());
}

}  // namespace ordo::feel
