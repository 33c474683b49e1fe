// Order statistics of a column of doubles without sorting it: the k-th smallest value, several
// ranks at once, the median (the mean of the two middle values when the count is even, as NumPy
// and pandas define it).
//
// Selection is quickselect (Hoare, "Algorithm 65: Find", CACM 4(7), 1961) with a median-of-three
// pivot and a branch-free partition (the element's side is computed, not branched on, so the
// cost does not depend on how well the branch predictor guesses), and a three-way split so that
// runs of equal values (durations in whole seconds repeat a lot) end the search at once. A range
// that is still large after 2 log2(n) rounds is finished by std::nth_element (introselect), so
// the worst case stays O(n log n).
//
// The values must not be NaN. Every function reorders its input.
// Thread-safety: pure functions over the caller's buffer.
#pragma once

#include <cstddef>
#include <span>

namespace ordo::mining {

// The k-th smallest value (k counts from 0). Afterwards v[k] holds it, every value before it is
// at most it and every value after it at least it. REQUIRES: k < v.size().
double SelectKth(std::span<double> v, size_t k);

// Places the value of every rank in ranks (ascending, each < v.size()) at its position, as if v
// were sorted: afterwards v[r] is the r-th smallest value for each r in ranks.
void SelectRanks(std::span<double> v, std::span<const size_t> ranks);

// The median; 0 for no values.
double MedianInPlace(std::span<double> v);

}  // namespace ordo::mining
