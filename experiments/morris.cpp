#include "experiments/morris.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include "engine/bootstrap.hpp"
#include "engine/random_streams.hpp"
#include "engine/statistics.hpp"

namespace gcmsim::experiments {
namespace {


struct Effect {
  std::size_t trajectory;
  std::size_t input;
  double value;
};

}  // namespace

UnitSample morris_sample(std::size_t r, std::size_t k, int levels, std::uint64_t seed) {
  const auto p = static_cast<double>(levels);
  const double delta = p / (2 * (p - 1));
  UnitSample out;
  out.reserve(r * (k + 1));
  std::vector<std::size_t> order(k);
  for (std::size_t t = 0; t < r; ++t) {
    RandomStream rng = RandomStreams(seed, 0).stream("morris", t);
    // A base point on the grid; each coordinate moves up by Delta when that stays in [0, 1], else
    // down (for p even, every level has exactly one of the two).
    std::vector<double> x(k);
    std::vector<double> step(k);
    for (std::size_t i = 0; i < k; ++i) {
      x[i] = static_cast<double>(rng.uniform_index(static_cast<std::size_t>(levels))) / (p - 1);
      step[i] = x[i] + delta <= 1 + 1e-12 ? delta : -delta;
    }
    std::iota(order.begin(), order.end(), std::size_t{0});
    for (std::size_t j = k; j > 1; --j) std::swap(order[j - 1], order[rng.uniform_index(j)]);
    out.push_back(x);
    for (const std::size_t i : order) {
      x[i] = std::clamp(x[i] + step[i], 0.0, 1.0);
      out.push_back(x);
    }
  }
  return out;
}

std::vector<MorrisIndex> morris_indices(const UnitSample& sample, const std::vector<double>& y, std::size_t k, int bootstrap,
                                        std::uint64_t seed) {
  std::vector<Effect> effects;
  const std::size_t r = sample.size() / (k + 1);
  for (std::size_t t = 0; t < r; ++t) {
    for (std::size_t m = 1; m <= k; ++m) {
      const std::size_t at = t * (k + 1) + m;
      const auto& before = sample[at - 1];
      const auto& after = sample[at];
      for (std::size_t i = 0; i < k; ++i) {
        const double d = after[i] - before[i];
        if (d == 0) continue;
        if (std::isfinite(y[at]) && std::isfinite(y[at - 1])) effects.push_back({t, i, (y[at] - y[at - 1]) / d});
      }
    }
  }
  // mu, mu* and sigma of each input over a multiset of trajectories (weights: how often each is drawn).
  const auto summarise = [&](const std::vector<double>& weight, std::vector<MorrisIndex>& out) {
    std::vector<RunningStats> raw(k);
    std::vector<double> abs_sum(k, 0.0), count(k, 0.0);
    for (const Effect& e : effects) {
      for (double w = weight[e.trajectory]; w > 0; --w) raw[e.input].add(e.value);
      abs_sum[e.input] += weight[e.trajectory] * std::abs(e.value);
      count[e.input] += weight[e.trajectory];
    }
    out.assign(k, {});
    for (std::size_t i = 0; i < k; ++i) {
      out[i].effects = static_cast<std::size_t>(count[i]);
      out[i].mu = count[i] > 0 ? raw[i].mean() : kNaN;
      out[i].mu_star = count[i] > 0 ? abs_sum[i] / count[i] : kNaN;
      out[i].sigma = raw[i].stddev();
    }
  };
  std::vector<double> weight(r, 1.0);
  std::vector<MorrisIndex> out;
  summarise(weight, out);
  // mu*'s interval: trajectories resampled, each drawn once more per time it is picked.
  RandomStream rng = RandomStreams(seed, 0).stream("morris_bootstrap");
  std::vector<MorrisIndex> b;
  const std::vector<PercentileInterval> boot =
      percentile_bootstrap(r, bootstrap, rng, k, [&](const std::vector<std::size_t>& resample, std::vector<double>& values) {
        std::fill(weight.begin(), weight.end(), 0.0);
        for (const std::size_t t : resample) weight[t] += 1;
        summarise(weight, b);
        for (std::size_t i = 0; i < k; ++i) values[i] = b[i].mu_star;
      });
  for (std::size_t i = 0; i < k; ++i) {
    out[i].mu_star_low = boot[i].low;
    out[i].mu_star_high = boot[i].high;
  }
  return out;
}

}  // namespace gcmsim::experiments
