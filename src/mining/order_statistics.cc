#include "mining/order_statistics.h"

#include <algorithm>
#include <bit>

namespace ordo::mining {
namespace {

constexpr size_t kSmall = 16;  // ranges this short are sorted by insertion

void InsertionSort(double* v, size_t n) {
  for (size_t i = 1; i < n; ++i) {
    double x = v[i];
    size_t j = i;
    for (; j > 0 && x < v[j - 1]; --j) v[j] = v[j - 1];
    v[j] = x;
  }
}

double MedianOfThree(double a, double b, double c) {
  return std::max(std::min(a, b), std::min(std::max(a, b), c));
}

// Moves the values of v[0..n) for which front(x) holds to the front and returns how many there
// are. The side of each value is a comparison result added to an index: no branch depends on
// the data.
template <class Front>
size_t Partition(double* v, size_t n, Front front) {
  size_t count = 0;
  for (size_t i = 0; i < n; ++i) {
    double x = v[i];
    v[i] = v[count];
    v[count] = x;
    count += static_cast<size_t>(front(x));
  }
  return count;
}

}  // namespace

namespace {

// Ranks are positions in v, ascending, all in [begin, end).
void SelectRanksIn(double* v, size_t begin, size_t end, std::span<const size_t> ranks) {
  if (ranks.empty()) return;
  const size_t mid = ranks.size() / 2, k = ranks[mid];
  SelectKth(std::span<double>(v + begin, end - begin), k - begin);
  std::span<const size_t> left = ranks.first(mid);  // ranks may repeat: k is placed already
  while (!left.empty() && left.back() == k) left = left.first(left.size() - 1);
  SelectRanksIn(v, begin, k, left);
  std::span<const size_t> right = ranks.subspan(mid + 1);
  while (!right.empty() && right.front() == k) right = right.subspan(1);
  SelectRanksIn(v, k + 1, end, right);
}

}  // namespace

double SelectKth(std::span<double> values, size_t k) {
  double* v = values.data();
  size_t lo = 0, hi = values.size();  // v[k]'s final value lies in [lo, hi)
  int rounds = 2 * std::bit_width(values.size());
  while (hi - lo > kSmall) {
    if (--rounds < 0) {
      std::nth_element(v + lo, v + k, v + hi);
      return v[k];
    }
    double* a = v + lo;
    const size_t n = hi - lo;
    const double pivot = MedianOfThree(a[0], a[n / 2], a[n - 1]);
    const size_t below = Partition(a, n, [pivot](double x) { return x < pivot; });
    if (k < lo + below) {
      hi = lo + below;
      continue;
    }
    // The rest are at least the pivot; those not above it equal it. The pivot is one of the
    // values, so at least one does and the range shrinks.
    const size_t equal = Partition(a + below, n - below, [pivot](double x) { return !(pivot < x); });
    if (k < lo + below + equal) return pivot;  // v[k] is one of the copies of the pivot
    lo += below + equal;
  }
  InsertionSort(v + lo, hi - lo);
  return v[k];
}

void SelectRanks(std::span<double> v, std::span<const size_t> ranks) {
  // The middle rank splits v; the ranks on either side are then found in their part only, so
  // each value moves within the part that the ranks found so far leave it.
  SelectRanksIn(v.data(), 0, v.size(), ranks);
}

double MedianInPlace(std::span<double> v) {
  const size_t n = v.size();
  if (n == 0) return 0;
  const double upper = SelectKth(v, n / 2);
  if (n % 2 == 1) return upper;
  // Every value before n/2 is at most upper; the largest of them is the lower middle value.
  double lower = v[0];
  for (size_t i = 1; i < n / 2; ++i) lower = std::max(lower, v[i]);
  return (lower + upper) / 2;
}

}  // namespace ordo::mining
