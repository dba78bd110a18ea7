#pragma once
// The percentile bootstrap, once for every estimator that reports an interval (Sobol indices,
// Morris's mu*): `resamples` resamples of the n items drawn with replacement, the estimator rerun
// on each, and the 2.5% and 97.5% quantiles of each statistic's resampled values (Quantiles, type
// 7): its 95% interval (Efron and Tibshirani 1993, ch. 13). The resamples draw n indices each, in
// order, from one seeded stream: the same data and seed give the same intervals.
#include <cstddef>
#include <functional>
#include <vector>

#include "engine/random_streams.hpp"

namespace gcmsim {

struct PercentileInterval {
  double low = 0.0;   // NaN when no resample gave a finite value
  double high = 0.0;
  std::size_t resamples = 0;  // resamples that gave a finite value (one with no variance gives none)
};

// estimate(pick, values): writes the `statistics` values of the resample `pick` (n indices into
// 0..n-1, repeats allowed, in draw order) into values (sized `statistics`); a non-finite value is
// left out of its statistic's interval.
using ResampleEstimate = std::function<void(const std::vector<std::size_t>& pick, std::vector<double>& values)>;

// One interval per statistic; with n = 0 or no resamples, every interval is NaN and nothing is drawn.
std::vector<PercentileInterval> percentile_bootstrap(std::size_t n, int resamples, RandomStream& stream, std::size_t statistics,
                                                     const ResampleEstimate& estimate);

}  // namespace gcmsim
