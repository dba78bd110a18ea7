#include "engine/bootstrap.hpp"

#include <cmath>
#include <limits>

#include "engine/statistics.hpp"

namespace gcmsim {

std::vector<PercentileInterval> percentile_bootstrap(std::size_t n, int resamples, RandomStream& stream, std::size_t statistics,
                                                     const ResampleEstimate& estimate) {
  std::vector<Quantiles> boot(statistics);
  std::vector<std::size_t> pick(n);
  std::vector<double> values(statistics);
  for (int b = 0; b < resamples && n > 0; ++b) {
    for (std::size_t& j : pick) j = stream.uniform_index(n);
    estimate(pick, values);
    for (std::size_t s = 0; s < statistics; ++s) {
      if (std::isfinite(values[s])) boot[s].add(values[s]);
    }
  }
  std::vector<PercentileInterval> out(statistics);
  for (std::size_t s = 0; s < statistics; ++s) {
    out[s].resamples = boot[s].count();
    out[s].low = boot[s].count() > 0 ? boot[s].quantile(0.025) : kNaN;
    out[s].high = boot[s].count() > 0 ? boot[s].quantile(0.975) : kNaN;
  }
  return out;
}

}  // namespace gcmsim
