#pragma once
// Approximate Bayesian computation by rejection (Pritchard et al. 1999; Beaumont, Zhang and
// Balding 2002): draw parameter points from the prior, simulate each, measure how far the simulated
// summaries fall from the observed ones, and keep the closest share of the draws. The kept points
// approximate the posterior as the share goes to 0 (and the draws to infinity).
// Knows nothing of scenarios: a point is a vector of numbers, the model a function.
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace gcmsim::calibration {

struct Prior {
  enum class Kind { uniform, normal };
  std::string name;
  Kind kind = Kind::uniform;
  double a = 0.0;  // uniform: min; normal: mean
  double b = 1.0;  // uniform: max; normal: standard deviation
};

struct AbcSettings {
  int draws = 100;
  double accept_share = 0.1;  // keep this share of the draws, the closest (at least one)
  std::uint64_t seed = 1;
};

struct AbcDraw {
  std::vector<double> point;  // one value per prior, in the priors' order
  double distance = 0.0;
  bool accepted = false;
};

struct AbcResult {
  std::vector<AbcDraw> draws;  // in draw order
  double tolerance = 0.0;      // the largest accepted distance
  int accepted = 0;
};

// The distance of one point from the observations; `draw` numbers the point (0, 1, ...) so that the
// model can seed its own replications reproducibly. Must be a pure function of (point, draw).
using Distance = std::function<double(const std::vector<double>& point, std::uint64_t draw)>;

// Draw i's point comes from its own random stream (seed, i): the draws do not depend on each other
// or on evaluation order. Ties at the tolerance are broken by draw order. Throws
// std::invalid_argument for no priors, draws < 1, a share outside (0, 1], or a bad prior.
AbcResult abc_rejection(const std::vector<Prior>& priors, const AbcSettings& settings, const Distance& distance);

// Summary of the accepted values of one parameter.
struct Posterior {
  double mean = 0.0;
  double sd = 0.0;
  double q05 = 0.0;
  double q50 = 0.0;
  double q95 = 0.0;
};
Posterior summarise(const AbcResult& result, std::size_t parameter);


}  // namespace gcmsim::calibration
