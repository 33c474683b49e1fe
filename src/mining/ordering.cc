#include "mining/ordering.h"

#include <algorithm>
#include <cstdint>
#include <numeric>

namespace ordo::mining {

EventOrder OrderByTime(const EventLog& log, TimeConvention convention) {
  EventOrder order;
  order.convention = convention;
  order.times = log.Times(convention);
  order.rows.resize(log.num_events());
  std::iota(order.rows.begin(), order.rows.end(), 0u);
  const std::vector<int64_t>& t = order.times;
  for (size_t c = 0; c < log.num_cases(); ++c) {
    uint32_t b = log.case_begin(c), e = log.case_end(c);
    bool sorted = true;
    for (uint32_t r = b + 1; r < e; ++r) {
      if (t[r] < t[r - 1]) {
        sorted = false;
        break;
      }
    }
    if (sorted) continue;
    ++order.unsorted_cases;
    std::stable_sort(order.rows.begin() + b, order.rows.begin() + e,
                     [&t](uint32_t x, uint32_t y) { return t[x] < t[y]; });
  }
  return order;
}

std::vector<uint32_t> FileOrder(const EventLog& log) {
  std::vector<uint32_t> rows(log.num_events());
  std::iota(rows.begin(), rows.end(), 0u);
  return rows;
}

double SecondsBetweenWide(int64_t from_ns, int64_t to_ns) {
  // pandas Timedelta components: days is floored, the rest non-negative, in 128 bits.
  __int128 d = static_cast<__int128>(to_ns) - from_ns;
  constexpr int64_t kDay = 86'400'000'000'000;
  auto days = static_cast<int64_t>(d / kDay);
  auto rem = static_cast<int64_t>(d % kDay);
  if (rem < 0) {
    rem += kDay;
    --days;
  }
  int64_t seconds = rem / 1'000'000'000;
  int64_t sub = rem % 1'000'000'000;
  double v = static_cast<double>(86400 * days + seconds);
  v = v + 1e-6 * static_cast<double>(sub / 1000);
  v = v + 1e-9 * static_cast<double>(sub % 1000);
  return v;
}

}  // namespace ordo::mining
