// A small dense simplex for the LP pair
//
//   (D)  maximize g·w  subject to  A w <= c,  w free          (c >= 0, so w = 0 is feasible)
//   (P)  minimize c·x  subject to  Aᵀ x = g,  x >= 0
//
// where only the objective g changes between solves. (P) is the marking equation of the
// alignment heuristic (one constraint of (D) per move of the synchronous product, one variable w
// per place and per label); solving (D) instead keeps every iterate feasible, so the objective
// of any iterate is a lower bound of (P)'s optimum (weak duality), whether or not the solve runs
// to the end, and a new objective starts from the last basis (a warm start: the feasible region
// does not change). The method is the primal simplex on the tableau of (D) in slack form
// (Dantzig, "Linear Programming and Extensions", 1963; Chvátal, "Linear Programming", 1983,
// ch. 2-3 and 7): free variables enter in either direction and never leave once basic; the
// entering variable is the one with the largest reduced cost, and after a run of degenerate
// pivots Bland's rule (Bland, "New finite pivoting rules for the simplex method", Math. Oper.
// Res. 2(2), 1977) until the objective improves again. The reduced costs carry over from one
// objective to the next, updated where g changed (recomputed every 64 solves). The tableau is
// rebuilt from A for the current basis every few hundred pivots to shed rounding error.
//
// Contract of every answer: kOptimal and kIterationLimit come with a w that satisfies each row
// of A w <= c within kFeasibilityTolerance, checked against the original rows, so value() is a
// lower bound of (P)'s optimum up to that tolerance times the sum of any feasible x; kOptimal also
// comes with (P)'s solution x (multipliers()), the negated reduced costs of the slacks, which is
// optimal up to rounding (callers must not rely on it for correctness). kUnbounded comes with a
// ray r, checked against the original rows (A r <= 0, g·r > 0), so (P) is infeasible (Farkas'
// lemma). kFailed: rounding trouble that a rebuilt tableau did not cure; no bound.
//
// Not thread-safe: one instance per thread.
#pragma once

#include <cstdint>
#include <span>
#include <utility>
#include <vector>

#include "base/status.h"

namespace ordo::mining {

class InequalityLp {
 public:
  // One row of A w <= c: (variable, coefficient) pairs and the bound c (>= 0).
  struct Row {
    std::vector<std::pair<uint32_t, double>> entries;
    double bound = 0;
  };
  enum class Outcome : uint8_t { kOptimal, kIterationLimit, kUnbounded, kFailed };

  static constexpr double kFeasibilityTolerance = 1e-7;

  // InvalidArgument for a negative or non-finite bound, a variable index out of range, or a
  // tableau beyond max_cells doubles.
  static Result<InequalityLp> Create(size_t variables, std::vector<Row> rows, size_t max_cells = 8u << 20);

  // Maximizes g·w (g has one entry per variable) from the last basis, with at most max_pivots
  // pivots.
  Outcome Maximize(std::span<const double> g, size_t max_pivots);

  // After kOptimal or kIterationLimit: g·w, and w.
  double value() const { return value_; }
  const std::vector<double>& w() const { return w_; }
  // After kOptimal: x, one entry per row, each >= 0.
  const std::vector<double>& multipliers() const { return x_; }

  size_t variables() const { return n_; }
  size_t rows() const { return k_; }
  uint64_t pivots() const { return total_pivots_; }

 private:
  InequalityLp() = default;
  double& T(size_t i, size_t j) { return tableau_[i * cols_ + j]; }
  double T(size_t i, size_t j) const { return tableau_[i * cols_ + j]; }
  void Pivot(size_t r, size_t j);
  // Rebuilds the tableau from A for the current basis; false (and the slack basis) when the
  // basis is singular or infeasible under rounding.
  bool Refactor();
  void ResetToSlackBasis();
  // d_ for objective g: updated from last_g_ where g differs, or computed afresh.
  void ReducedCosts(std::span<const double> g);
  // Checks the basic solution against the rows; fills w_ and value_.
  bool ExtractFeasible(std::span<const double> g);
  bool RayVerified(std::span<const double> g, size_t entering, double direction) const;
  Outcome Solve(std::span<const double> g, size_t max_pivots);

  size_t n_ = 0, k_ = 0, cols_ = 0;  // variables, rows, n_ + k_ (slack of row i is column n_ + i)
  std::vector<Row> rows_;
  std::vector<double> tableau_;  // k_ x cols_, row-major: B⁻¹ [A | I]
  std::vector<double> beta_;     // values of the basic variables: B⁻¹ c
  std::vector<uint32_t> basis_;  // basic column per tableau row
  std::vector<int32_t> row_of_;  // tableau row per column, -1 when nonbasic
  std::vector<double> d_;        // reduced costs (for maximization) of last_g_
  std::vector<double> last_g_;
  bool costs_known_ = false;     // d_ belongs to last_g_ and the current tableau
  size_t solves_since_fresh_costs_ = 0;
  std::vector<double> w_, x_;
  std::vector<uint32_t> nonzero_;
  double value_ = 0;
  size_t pivots_since_refactor_ = 0;
  uint64_t total_pivots_ = 0;
};

}  // namespace ordo::mining
