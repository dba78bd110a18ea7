#pragma once
// First-order and total Sobol indices from the outputs of a Saltelli design (design.hpp), with
// bootstrap intervals. Estimators as Saltelli et al. (2010) recommend: first order
// S_i = mean(f(B) (f(AB_i) - f(A))) / V, total (Jansen 1999) ST_i = mean((f(A) - f(AB_i))^2) / (2 V),
// V the variance of f over the rows of A and B together. Intervals: percentile bootstrap over the
// N base rows (resampled with replacement, seeded, so the same outputs give the same intervals).
#include <cstdint>
#include <vector>

namespace gcmsim::experiments {

struct IndexEstimate {
  double value = 0.0;
  double low = 0.0;   // 95% bootstrap interval
  double high = 0.0;
};

struct SobolIndices {
  std::vector<IndexEstimate> first;  // one per input
  std::vector<IndexEstimate> total;
  std::size_t rows = 0;              // base rows used (those with every output finite)
};

// y: the outputs in Saltelli order, N (k + 2) values; NaN marks a missing output (its row is left
// out). With fewer than 2 usable rows or no variance, the estimates are NaN.
SobolIndices sobol_indices(const std::vector<double>& y, std::size_t k, int bootstrap, std::uint64_t seed);

}  // namespace gcmsim::experiments
