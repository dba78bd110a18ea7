#include "experiments/distributions.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/triangular.hpp>

namespace gcmsim::experiments {
namespace {

// Boost.Math's quantile of 0 or 1 is infinite (an overflow error): the draws stay inside (0, 1).
double open_unit(double p) {
  constexpr double tiny = std::numeric_limits<double>::min();
  return std::clamp(p, tiny, 1.0 - std::numeric_limits<double>::epsilon() / 2);
}

// Φ(min) and 1 − Φ(max), each computed in its own tail.
struct Tails {
  double below = 0.0;
  double above = 0.0;
  double mass = 1.0;  // Φ(max) − Φ(min), from the side where it does not cancel
};

Tails tails(const Distribution& d) {
  const boost::math::normal_distribution<double> normal(d.mean, d.sd);
  Tails t;
  if (!std::isinf(d.min)) t.below = boost::math::cdf(normal, d.min);
  if (!std::isinf(d.max)) t.above = boost::math::cdf(boost::math::complement(normal, d.max));
  if (!std::isinf(d.min) && d.min >= d.mean) {
    t.mass = boost::math::cdf(boost::math::complement(normal, d.min)) - t.above;  // a window in the upper tail
  } else {
    t.mass = (std::isinf(d.max) ? 1.0 : boost::math::cdf(normal, d.max)) - t.below;
  }
  t.mass = std::max(t.mass, 0.0);
  return t;
}

}  // namespace

double truncated_mass(const Distribution& d) { return d.kind == DistributionKind::normal ? tails(d).mass : 1.0; }

double quantile(const Distribution& d, double u) {
  u = std::clamp(u, 0.0, 1.0);
  if (d.kind == DistributionKind::triangular) {
    return boost::math::quantile(boost::math::triangular_distribution<double>(d.min, d.mode, d.max), u);
  }
  const boost::math::normal_distribution<double> normal(d.mean, d.sd);
  const Tails t = tails(d);
  // Below the median the lower tail's probability is the precise one; above it, the upper tail's.
  const double p = t.below + u * t.mass;
  const double q = t.above + (1.0 - u) * t.mass;  // 1 - p, without the cancellation
  const double x = p <= 0.5 ? boost::math::quantile(normal, open_unit(p))
                            : boost::math::quantile(boost::math::complement(normal, open_unit(q)));
  return std::clamp(x, d.min, d.max);
}

}  // namespace gcmsim::experiments
