#pragma once
// Sobol sensitivity indices from the outputs of a Saltelli design (design.hpp), with bootstrap
// intervals and the diagnostics a reader needs before trusting them.
//
// Estimators (f the output, centred first: its mean over every output used is subtracted, so that
// adding a constant to f changes nothing; V the variance of f over the rows of A and B together):
//   first order  S_i  = mean(f(B) (f(AB_i) - f(A))) / V          Saltelli et al. (2010), table 2 (b)
//   total        ST_i = mean((f(A) - f(AB_i))^2) / (2 V)          Jansen (1999); Saltelli et al. (2010), table 2 (f)
//   second order S_ij = mean(f(BA_i) f(AB_j) - f(A) f(B)) / V - S_i - S_j
//                                                                 Saltelli (2002), eq. (12) (needs BA_i)
// Without centring, S_i's numerator carries mean(f) * mean(f(AB_i) - f(A)), sampling noise scaled
// by the output's level: an output near 193 had intervals 40 times wider than 193 minus it.
//
// Intervals: 95% percentile bootstrap over the N base rows (resampled with replacement, seeded, so
// the same outputs give the same intervals; percentiles by engine/statistics' Quantiles, type 7).
//
// Diagnostics instead of NaN and false zeros: an output with no variance is reported as constant
// with its value; the estimate is rerun on the first half of the base rows, and an index is
// flagged when its interval is wider than `max_width` or when its rank among the inputs differs
// on the half sample from the whole (two inputs within `tie` of each other on the whole sample are
// not told apart, so their swapping is not a change). A flagged index says: a larger N.
#include <cstdint>
#include <optional>
#include <vector>

namespace gcmsim::experiments {

struct IndexEstimate {
  double value = 0.0;
  double low = 0.0;   // 95% bootstrap interval
  double high = 0.0;
  double half = 0.0;  // the estimate on the first half of the base rows
  bool wide = false;           // high - low > max_width (or no interval at all)
  bool rank_changed = false;   // ranked otherwise among the inputs on the first half
  bool converged() const { return !wide && !rank_changed; }
};

struct SobolOptions {
  int bootstrap = 1000;
  std::uint64_t seed = 0;
  bool second_order = false;  // the outputs follow the layout with BA_i (design.hpp)
  double max_width = 0.2;     // an interval wider than this is flagged
  double tie = 0.05;          // indices closer than this on the whole sample are not ranked
};

struct SobolIndices {
  std::vector<IndexEstimate> first;  // one per input
  std::vector<IndexEstimate> total;
  // second[i][j], i < j (empty without second order; the rest of each row unused). Intervals only;
  // the convergence flags are for first and total indices.
  std::vector<std::vector<IndexEstimate>> second;
  std::size_t rows = 0;              // base rows used (those with every output finite)
  std::optional<double> constant;    // every output equal: this value (the indices are NaN)
  bool converged() const;            // not constant, and every first and total index converged
};

// y: the outputs in the order of the Saltelli layout, N rows of k + 2 values (2k + 2 with second
// order); NaN marks a missing output (its row is left out). With fewer than 2 usable rows, the
// estimates are NaN and flagged wide.
SobolIndices sobol_indices(const std::vector<double>& y, std::size_t k, const SobolOptions& options);

}  // namespace gcmsim::experiments
