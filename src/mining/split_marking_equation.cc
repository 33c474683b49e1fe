#include "mining/split_marking_equation.h"

#include <ClpSimplex.hpp>
#include <CoinTypes.hpp>

#include <algorithm>
#include <cmath>
#include <limits>

namespace ordo::mining::align {

// One position's LP: its CLP model and where its columns and rows are.
struct SplitMarkingEquation::Lp {
  ClpSimplex model;
  uint32_t events = 0;          // R, the events ahead
  std::vector<int> marking_rows;  // per place: the row whose bounds are m (R >= 1) or m_f - m (R = 0)
  // Per column that is a move: what it is (segment, kind, transition); M columns are not listed.
  std::vector<SplitEntry> moves;
};

SplitMarkingEquation::SplitMarkingEquation(const LpNet& net, std::vector<uint32_t> labels)
    : net_(net), labels_(std::move(labels)) {}

SplitMarkingEquation::~SplitMarkingEquation() = default;

SplitMarkingEquation::Lp& SplitMarkingEquation::At(uint32_t position) {
  constexpr size_t kKept = 16;
  if (by_position_.size() <= position) by_position_.resize(position + 1);
  if (by_position_[position]) {
    auto it = std::find(recent_.begin(), recent_.end(), position);
    std::rotate(it, it + 1, recent_.end());
    return *by_position_[position];
  }
  if (recent_.size() == kKept) {
    by_position_[recent_.front()].reset();
    recent_.erase(recent_.begin());
  }
  recent_.push_back(position);
  auto lp = std::make_unique<Lp>();
  const size_t places = net_.places, transitions = net_.inputs.size();
  const auto events = static_cast<uint32_t>(labels_.size() - position);
  lp->events = events;
  constexpr double kInf = std::numeric_limits<double>::infinity();

  // Rows. R = 0: one block, C x_0 = m_f - m. R >= 1: D_1 (M_1 - C x_0 = m), D_2..D_R
  // (M_{j+1} - M_j - C (sync_j + x_j) = 0), F (M_R + C (sync_R + x_R) = m_f), then per event its
  // enabling rows (M_j - C_in sync_j >= 0, only for the input places of its sync transitions) and
  // its one-move row.
  std::vector<double> row_lower, row_upper;
  auto block = [&](double value) {
    const int first = static_cast<int>(row_lower.size());
    row_lower.insert(row_lower.end(), places, value);
    row_upper.insert(row_upper.end(), places, value);
    return first;
  };
  const int first_d = block(0);  // D_1 or, for R = 0, the final block; its bounds are set per solve
  std::vector<int> d_rows(events + 1, -1);  // d_rows[j]: first row of D_j (j >= 2)
  for (uint32_t j = 2; j <= events; ++j) d_rows[j] = block(0);
  int final_rows = first_d;
  if (events >= 1) {
    final_rows = block(0);
    row_lower[final_rows + net_.sink] = row_upper[final_rows + net_.sink] = 1;
  }
  // Sync transitions of each event, and its enabling rows (place -> row).
  std::vector<std::vector<uint32_t>> syncs(events + 1);
  std::vector<std::vector<std::pair<uint32_t, int>>> enabling(events + 1);
  std::vector<int> one_move(events + 1, -1);
  for (uint32_t j = 1; j <= events; ++j) {
    const uint32_t label = labels_[position + j - 1];
    if (label != UINT32_MAX) {
      for (uint32_t t = 0; t < transitions; ++t)
        if (net_.label[t] == label) syncs[j].push_back(t);
    }
    std::vector<uint32_t> needed;
    for (uint32_t t : syncs[j]) needed.insert(needed.end(), net_.inputs[t].begin(), net_.inputs[t].end());
    std::sort(needed.begin(), needed.end());
    needed.erase(std::unique(needed.begin(), needed.end()), needed.end());
    for (uint32_t p : needed) {
      enabling[j].push_back({p, static_cast<int>(row_lower.size())});
      row_lower.push_back(0);
      row_upper.push_back(kInf);
    }
    one_move[j] = static_cast<int>(row_lower.size());
    row_lower.push_back(1);
    row_upper.push_back(1);
  }
  auto enabling_row = [&](uint32_t j, uint32_t p) {
    for (const auto& [place, row] : enabling[j])
      if (place == p) return row;
    return -1;
  };

  // Columns, as (row, value) lists.
  std::vector<CoinBigIndex> start{0};
  std::vector<int> index;
  std::vector<double> value, cost, col_lower, col_upper;
  auto add_effect = [&](int first_row, uint32_t t, double sign) {
    // sign * C[., t] into the block starting at first_row; a place both taken and put nets out.
    std::vector<std::pair<uint32_t, double>> c;
    for (uint32_t p : net_.inputs[t]) c.push_back({p, -1});
    for (uint32_t p : net_.outputs[t]) c.push_back({p, 1});
    std::sort(c.begin(), c.end());
    for (size_t i = 0; i < c.size();) {
      double sum = 0;
      size_t k = i;
      for (; k < c.size() && c[k].first == c[i].first; ++k) sum += c[k].second;
      if (sum != 0) {
        index.push_back(first_row + static_cast<int>(c[i].first));
        value.push_back(sign * sum);
      }
      i = k;
    }
  };
  auto finish_column = [&](double c) {
    start.push_back(static_cast<CoinBigIndex>(index.size()));
    cost.push_back(c);
    col_lower.push_back(0);
    col_upper.push_back(kInf);
  };
  // The block a segment's moves feed: D_1 for x_0 (with -C), D_{j+1} for segment j < R (-C),
  // F for segment R (+C); for R = 0 the final block (+C).
  auto feed = [&](uint32_t segment, uint32_t t) {
    if (events == 0) return add_effect(first_d, t, 1);
    if (segment == 0) return add_effect(first_d, t, -1);
    if (segment < events) return add_effect(d_rows[segment + 1], t, -1);
    add_effect(final_rows, t, 1);
  };
  for (uint32_t j = 0; j <= events; ++j) {
    for (uint32_t t = 0; t < transitions; ++t) {
      feed(j, t);
      finish_column(static_cast<double>(net_.model_cost[t]));
      lp->moves.push_back({j, t, SplitEntry::kModel, 0});
    }
    if (j == 0) continue;
    for (uint32_t t : syncs[j]) {
      feed(j, t);
      std::vector<std::pair<int, double>> extra;
      for (uint32_t p : net_.inputs[t]) {
        const int row = enabling_row(j, p);
        bool merged = false;
        for (auto& e : extra)
          if (e.first == row) e.second -= 1, merged = true;
        if (!merged) extra.push_back({row, -1});
      }
      for (const auto& [row, v] : extra) index.push_back(row), value.push_back(v);
      index.push_back(one_move[j]);
      value.push_back(1);
      finish_column(static_cast<double>(net_.sync_cost));
      lp->moves.push_back({j, t, SplitEntry::kSync, 0});
    }
    index.push_back(one_move[j]);
    value.push_back(1);
    finish_column(static_cast<double>(net_.log_cost));
    lp->moves.push_back({j, 0, SplitEntry::kLog, 0});
  }
  // The markings M_1..M_R.
  for (uint32_t j = 1; j <= events; ++j) {
    for (uint32_t p = 0; p < places; ++p) {
      index.push_back((j == 1 ? first_d : d_rows[j]) + static_cast<int>(p));
      value.push_back(1);
      if (j < events) {
        index.push_back(d_rows[j + 1] + static_cast<int>(p));
        value.push_back(-1);
      } else {
        index.push_back(final_rows + static_cast<int>(p));
        value.push_back(1);
      }
      if (const int row = enabling_row(j, p); row >= 0) {
        index.push_back(row);
        value.push_back(1);
      }
      finish_column(0);
    }
  }
  const int columns = static_cast<int>(cost.size());
  lp->model.setLogLevel(0);
  lp->model.loadProblem(columns, static_cast<int>(row_lower.size()), start.data(), index.data(), value.data(),
                        col_lower.data(), col_upper.data(), cost.data(), row_lower.data(), row_upper.data());
  lp->model.setMaximumIterations(100000);
  lp->model.scaling(0);  // coefficients are small integers already
  lp->marking_rows.resize(places);
  for (uint32_t p = 0; p < places; ++p) lp->marking_rows[p] = first_d + static_cast<int>(p);
  by_position_[position] = std::move(lp);
  return *by_position_[position];
}

std::optional<int64_t> SplitMarkingEquation::Solve(std::span<const uint32_t> marking, uint32_t position,
                                                   std::vector<SplitEntry>* solution) {
  Lp& lp = At(position);
  ++solves_;
  // The m-dependent block: M_1 - C x_0 = m, or for R = 0: C x_0 = m_f - m.
  std::vector<double> m(net_.places, 0);
  for (uint32_t p : marking) m[p] += 1;
  for (uint32_t p = 0; p < net_.places; ++p) {
    double rhs = m[p];
    if (lp.events == 0) rhs = (p == net_.sink ? 1.0 : 0.0) - m[p];
    lp.model.setRowBounds(lp.marking_rows[p], rhs, rhs);
  }
  // Keep the factorization and work areas from one solve to the next (only row bounds change).
  lp.model.dual(0, 3);
  if (!lp.model.isProvenOptimal()) {
    // A basis gone bad after many re-solves: once more from scratch.
    lp.model.allSlackBasis(true);
    lp.model.dual();
    if (!lp.model.isProvenOptimal()) return std::nullopt;
  }
  const double value = lp.model.objectiveValue();
  if (!(value < 1e15)) return std::nullopt;
  // Costs are integers, so the bound rounds up, less a margin for the solver's tolerances.
  const auto bound = std::max<int64_t>(0, static_cast<int64_t>(std::ceil(value - 1e-3)));
  if (solution != nullptr) {
    solution->clear();
    const double* x = lp.model.primalColumnSolution();
    for (size_t c = 0; c < lp.moves.size(); ++c) {
      if (x[c] > 1e-9) {
        SplitEntry e = lp.moves[c];
        e.value = static_cast<float>(x[c]);
        solution->push_back(e);
      }
    }
  }
  return bound;
}

}  // namespace ordo::mining::align
