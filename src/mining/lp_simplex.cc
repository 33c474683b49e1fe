#include "mining/lp_simplex.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

namespace ordo::mining {
namespace {

constexpr double kCostTolerance = 1e-9;   // a reduced cost this small does not improve
constexpr double kPivotTolerance = 1e-9;  // a smaller tableau entry is no pivot
constexpr double kZero = 1e-12;           // entries this small are rounding noise
constexpr size_t kDegenerateRun = 50;     // degenerate pivots in a row before Bland's rule
constexpr size_t kRefactorEvery = 400;    // pivots between two rebuilds of the tableau
constexpr size_t kFreshCostsEvery = 64;   // solves between two reduced-cost computations from scratch

}  // namespace

Result<InequalityLp> InequalityLp::Create(size_t variables, std::vector<Row> rows, size_t max_cells) {
  InequalityLp lp;
  lp.n_ = variables;
  lp.k_ = rows.size();
  lp.cols_ = lp.n_ + lp.k_;
  if (lp.k_ != 0 && lp.cols_ > max_cells / lp.k_) {
    return InvalidArgument("the LP has " + std::to_string(lp.k_) + " rows and " + std::to_string(lp.cols_) +
                           " columns, more than the tableau may hold");
  }
  for (const Row& row : rows) {
    if (!std::isfinite(row.bound) || row.bound < 0) return InvalidArgument("an LP row has a negative bound");
    for (const auto& [v, a] : row.entries) {
      if (v >= variables || !std::isfinite(a)) return InvalidArgument("an LP row names an unknown variable");
    }
  }
  lp.rows_ = std::move(rows);
  lp.ResetToSlackBasis();
  return lp;
}

void InequalityLp::ResetToSlackBasis() {
  tableau_.assign(k_ * cols_, 0.0);
  beta_.assign(k_, 0.0);
  basis_.assign(k_, 0);
  row_of_.assign(cols_, -1);
  for (size_t i = 0; i < k_; ++i) {
    for (const auto& [v, a] : rows_[i].entries) T(i, v) += a;
    T(i, n_ + i) = 1.0;
    beta_[i] = rows_[i].bound;
    basis_[i] = static_cast<uint32_t>(n_ + i);
    row_of_[n_ + i] = static_cast<int32_t>(i);
  }
  d_.assign(cols_, 0.0);
  costs_known_ = false;
  pivots_since_refactor_ = 0;
}

void InequalityLp::Pivot(size_t r, size_t j) {
  double* row_r = &tableau_[r * cols_];
  const double inverse = 1.0 / row_r[j];
  nonzero_.clear();
  for (size_t c = 0; c < cols_; ++c) {
    if (row_r[c] == 0.0) continue;
    row_r[c] *= inverse;
    if (std::fabs(row_r[c]) < kZero) {
      row_r[c] = 0.0;
    } else {
      nonzero_.push_back(static_cast<uint32_t>(c));
    }
  }
  row_r[j] = 1.0;
  beta_[r] *= inverse;
  for (size_t i = 0; i < k_; ++i) {
    if (i == r) continue;
    double* row_i = &tableau_[i * cols_];
    const double f = row_i[j];
    if (f == 0.0) continue;
    for (uint32_t c : nonzero_) {
      double v = row_i[c] - f * row_r[c];
      row_i[c] = std::fabs(v) < kZero ? 0.0 : v;
    }
    row_i[j] = 0.0;
    beta_[i] -= f * beta_[r];
    // A bounded basic variable is >= 0 in exact arithmetic (the ratio test keeps it so).
    if (basis_[i] >= n_ && beta_[i] < 0) beta_[i] = 0.0;
  }
  const double dj = d_[j];
  if (dj != 0.0) {
    for (uint32_t c : nonzero_) d_[c] -= dj * row_r[c];
  }
  d_[j] = 0.0;
  row_of_[basis_[r]] = -1;
  basis_[r] = static_cast<uint32_t>(j);
  row_of_[j] = static_cast<int32_t>(r);
  ++pivots_since_refactor_;
  ++total_pivots_;
}

bool InequalityLp::Refactor() {
  std::vector<uint32_t> basic_variables;
  std::vector<char> free_row(k_, 0);  // rows whose slack is nonbasic: a variable goes there
  for (size_t i = 0; i < k_; ++i) {
    if (basis_[i] < n_) basic_variables.push_back(basis_[i]);
  }
  for (size_t i = 0; i < k_; ++i) free_row[i] = row_of_[n_ + i] < 0 ? 1 : 0;
  ResetToSlackBasis();
  // Gaussian elimination with partial pivoting, restricted to the rows the basis assigns.
  for (uint32_t v : basic_variables) {
    size_t best = k_;
    double best_abs = kPivotTolerance;
    for (size_t i = 0; i < k_; ++i) {
      if (free_row[i] == 0) continue;
      double a = std::fabs(T(i, v));
      if (a > best_abs) {
        best_abs = a;
        best = i;
      }
    }
    if (best == k_) {
      ResetToSlackBasis();
      return false;
    }
    free_row[best] = 0;
    Pivot(best, v);
  }
  for (size_t i = 0; i < k_; ++i) {
    if (basis_[i] < n_) continue;
    if (beta_[i] < -1e-6 * (1.0 + rows_[i].bound)) {
      ResetToSlackBasis();
      return false;
    }
    beta_[i] = std::max(beta_[i], 0.0);
  }
  pivots_since_refactor_ = 0;
  costs_known_ = false;
  return true;
}

void InequalityLp::ReducedCosts(std::span<const double> g) {
  // The reduced costs of the last objective, kept up to date by every pivot since, change only
  // where g does: d_j = g_j - sum_i g_basis(i) T_ij.
  if (costs_known_ && solves_since_fresh_costs_ < kFreshCostsEvery) {
    ++solves_since_fresh_costs_;
    for (size_t j = 0; j < n_; ++j) {
      const double delta = g[j] - last_g_[j];
      if (delta == 0.0) continue;
      const int32_t i = row_of_[j];
      if (i < 0) {
        d_[j] += delta;
        continue;
      }
      const double* row = &tableau_[static_cast<size_t>(i) * cols_];
      for (size_t c = 0; c < cols_; ++c) {
        if (row[c] != 0.0) d_[c] -= delta * row[c];
      }
      d_[j] = 0.0;
    }
    last_g_.assign(g.begin(), g.end());
    return;
  }
  solves_since_fresh_costs_ = 0;
  costs_known_ = true;
  last_g_.assign(g.begin(), g.end());
  d_.assign(cols_, 0.0);
  for (size_t j = 0; j < n_; ++j) d_[j] = g[j];
  for (size_t i = 0; i < k_; ++i) {
    const uint32_t b = basis_[i];
    if (b >= n_ || g[b] == 0.0) continue;
    const double gb = g[b];
    const double* row = &tableau_[i * cols_];
    for (size_t c = 0; c < cols_; ++c) {
      if (row[c] != 0.0) d_[c] -= gb * row[c];
    }
  }
  for (size_t i = 0; i < k_; ++i) d_[basis_[i]] = 0.0;
}

bool InequalityLp::ExtractFeasible(std::span<const double> g) {
  w_.assign(n_, 0.0);
  for (size_t i = 0; i < k_; ++i) {
    if (basis_[i] < n_) w_[basis_[i]] = beta_[i];
  }
  for (const Row& row : rows_) {
    double s = 0;
    for (const auto& [v, a] : row.entries) s += a * w_[v];
    if (!(s <= row.bound + kFeasibilityTolerance)) return false;
  }
  value_ = 0;
  for (size_t j = 0; j < n_; ++j) value_ += g[j] * w_[j];
  return std::isfinite(value_);
}

bool InequalityLp::RayVerified(std::span<const double> g, size_t entering, double direction) const {
  std::vector<double> r(n_, 0.0);
  if (entering < n_) r[entering] = direction;
  for (size_t i = 0; i < k_; ++i) {
    if (basis_[i] < n_) r[basis_[i]] = -direction * T(i, entering);
  }
  double scale = 0;
  for (double v : r) scale = std::max(scale, std::fabs(v));
  if (!(scale > 0) || !std::isfinite(scale)) return false;
  double gain = 0;
  for (size_t j = 0; j < n_; ++j) gain += g[j] * r[j] / scale;
  if (!(gain > 1e-6)) return false;
  for (const Row& row : rows_) {
    double s = 0;
    for (const auto& [v, a] : row.entries) s += a * r[v] / scale;
    if (s > 1e-9) return false;
  }
  return true;
}

InequalityLp::Outcome InequalityLp::Solve(std::span<const double> g, size_t max_pivots) {
  ReducedCosts(g);
  size_t degenerate = 0, pivots = 0;
  bool bland = false;
  for (;;) {
    // Entering: a nonbasic free variable whose reduced cost is nonzero (either direction) or a
    // nonbasic slack whose reduced cost is positive.
    size_t enter = cols_;
    double direction = 0, best = 0;
    for (size_t j = 0; j < cols_; ++j) {
      if (row_of_[j] >= 0) continue;
      const double dj = d_[j];
      double score;
      if (j < n_) {
        score = std::fabs(dj);
      } else {
        score = dj;
      }
      if (score <= kCostTolerance) continue;
      if (bland) {
        enter = j;
        direction = j < n_ && dj < 0 ? -1.0 : 1.0;
        break;
      }
      if (score > best) {
        best = score;
        enter = j;
        direction = j < n_ && dj < 0 ? -1.0 : 1.0;
      }
    }
    if (enter == cols_) {
      if (!ExtractFeasible(g)) return Outcome::kFailed;
      x_.assign(k_, 0.0);
      for (size_t i = 0; i < k_; ++i) x_[i] = std::max(0.0, -d_[n_ + i]);
      return Outcome::kOptimal;
    }
    if (pivots >= max_pivots) return ExtractFeasible(g) ? Outcome::kIterationLimit : Outcome::kFailed;
    // Ratio test over the bounded (slack) basic variables; free basic variables never leave.
    size_t leave = k_;
    double ratio = std::numeric_limits<double>::infinity(), leave_abs = 0;
    for (size_t i = 0; i < k_; ++i) {
      if (basis_[i] < n_) continue;
      const double a = direction * T(i, enter);
      if (a <= kPivotTolerance) continue;
      const double q = std::max(beta_[i], 0.0) / a;
      bool take;
      if (leave == k_ || q < ratio - kZero) {
        take = true;
      } else if (q <= ratio + kZero) {
        take = bland ? basis_[i] < basis_[leave] : a > leave_abs;
      } else {
        take = false;
      }
      if (take) {
        leave = i;
        ratio = std::min(ratio, q);
        leave_abs = a;
      }
    }
    if (leave == k_) return RayVerified(g, enter, direction) ? Outcome::kUnbounded : Outcome::kFailed;
    if (ratio <= kZero) {
      if (++degenerate > kDegenerateRun) bland = true;
    } else {
      degenerate = 0;
      bland = false;
    }
    Pivot(leave, enter);
    ++pivots;
    if (pivots_since_refactor_ >= kRefactorEvery) {
      if (!Refactor()) return Outcome::kFailed;
      ReducedCosts(g);
    }
  }
}

InequalityLp::Outcome InequalityLp::Maximize(std::span<const double> g, size_t max_pivots) {
  if (g.size() != n_) return Outcome::kFailed;
  Outcome o = Solve(g, max_pivots);
  if (o != Outcome::kFailed) return o;
  // Rounding trouble: once more from a tableau rebuilt for the basis (or from the slack basis).
  if (!Refactor()) ResetToSlackBasis();
  o = Solve(g, max_pivots);
  if (o == Outcome::kFailed) ResetToSlackBasis();
  return o;
}

}  // namespace ordo::mining
