#pragma once
// Morris's elementary effects (Morris 1991), for screening many parameters with few runs: r
// trajectories through a p-level grid of the unit hypercube, each moving one parameter at a time by
// Delta = p / (2 (p - 1)), in a random order: r (k + 1) points. The elementary effect of parameter
// i on a step is (f(x + Delta e_i) - f(x)) / Delta, in units of the parameter's range (the unit
// cube's coordinates). Per parameter: mu (mean effect), mu* = mean |effect| (Campolongo, Cariboni
// and Saltelli 2007: ranks importance even when effects of both signs cancel in mu), and sigma,
// their standard deviation (nonlinearity or interactions). mu* carries a 95% percentile-bootstrap
// interval over the trajectories.
#include <cstdint>
#include <vector>

#include "experiments/design.hpp"

namespace gcmsim::experiments {

// r trajectories of k + 1 points each, trajectory after trajectory. levels p >= 2 (even is usual).
UnitSample morris_sample(std::size_t r, std::size_t k, int levels, std::uint64_t seed);

struct MorrisIndex {
  double mu = 0.0;
  double mu_star = 0.0;
  double mu_star_low = 0.0;   // 95% bootstrap interval over the trajectories
  double mu_star_high = 0.0;
  double sigma = 0.0;         // NaN with fewer than two effects
  std::size_t effects = 0;    // steps of parameter i with both outputs known
};

// The elementary effects of each parameter from the sample and the outputs at its points (NaN: no
// output; the steps touching it are left out). The parameter a step moves is read from the sample.
std::vector<MorrisIndex> morris_indices(const UnitSample& sample, const std::vector<double>& y, std::size_t k, int bootstrap,
                                        std::uint64_t seed);

}  // namespace gcmsim::experiments
