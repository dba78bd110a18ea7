// Normal (optionally truncated) and triangular parameters: a design's uniform draws go through the
// inverse CDF, so a Latin hypercube's or Sobol's sample has the distribution's moments. The moments
// here are the analytic ones, computed from the density (std::erfc), not from the quantile tested.
#include <cmath>
#include <numbers>
#include <vector>

#include <catch2/catch.hpp>

#include "experiments/design.hpp"
#include "experiments/distributions.hpp"
#include "experiments/sweep_spec.hpp"

namespace ex = gcmsim::experiments;

namespace {

ex::Parameter drawn(std::string name, ex::Distribution d) {
  ex::Parameter p;
  p.name = std::move(name);
  p.distribution = d;
  return p;
}

ex::Distribution normal(double mean, double sd, double lo = -INFINITY, double hi = INFINITY) {
  ex::Distribution d;
  d.kind = ex::DistributionKind::normal;
  d.mean = mean;
  d.sd = sd;
  d.min = lo;
  d.max = hi;
  return d;
}

ex::Distribution triangular(double lo, double mode, double hi) {
  ex::Distribution d;
  d.kind = ex::DistributionKind::triangular;
  d.min = lo;
  d.mode = mode;
  d.max = hi;
  return d;
}

double pdf(double z) { return std::exp(-z * z / 2) / std::sqrt(2 * std::numbers::pi); }
double cdf(double z) { return 0.5 * std::erfc(-z / std::numbers::sqrt2); }

struct Moments {
  double mean = 0;
  double variance = 0;
};

Moments sample_moments(const ex::Design& d, std::size_t column) {
  Moments m;
  for (const auto& point : d.points) m.mean += std::stod(point[column]);
  m.mean /= static_cast<double>(d.size());
  for (const auto& point : d.points) m.variance += std::pow(std::stod(point[column]) - m.mean, 2);
  m.variance /= static_cast<double>(d.size() - 1);
  return m;
}

// N(1, 2²) truncated to [0, 4]: mean μ + σ(φ(α) − φ(β))/Z, variance σ²[1 + (αφ(α) − βφ(β))/Z − ((φ(α) − φ(β))/Z)²]
// with α = (0 − 1)/2, β = (4 − 1)/2, Z = Φ(β) − Φ(α). (scipy.stats.truncnorm gives 1.712546, 1.120993.)
Moments truncated_normal_moments() {
  const double a = -0.5, b = 1.5, z = cdf(b) - cdf(a);
  const double shift = (pdf(a) - pdf(b)) / z;
  return {1 + 2 * shift, 4 * (1 + (a * pdf(a) - b * pdf(b)) / z - shift * shift)};
}

const std::vector<ex::Parameter> kParameters = {
    drawn("n", normal(10, 2)), drawn("t", normal(1, 2, 0, 4)), drawn("tri", triangular(0, 0.5, 2))};

void check_moments(const ex::Design& d) {
  const Moments n = sample_moments(d, 0), t = sample_moments(d, 1), tri = sample_moments(d, 2);
  CHECK(n.mean == Approx(10).margin(0.02));
  CHECK(n.variance == Approx(4).epsilon(0.02));
  const Moments tt = truncated_normal_moments();
  CHECK(tt.mean == Approx(1.712546).epsilon(1e-5));
  CHECK(t.mean == Approx(tt.mean).margin(0.01));
  CHECK(t.variance == Approx(tt.variance).epsilon(0.02));
  // Triangular (a, c, b): mean (a + b + c)/3, variance (a² + b² + c² − ab − ac − bc)/18.
  CHECK(tri.mean == Approx((0 + 0.5 + 2) / 3.0).margin(0.005));
  CHECK(tri.variance == Approx((0 + 4 + 0.25 - 0 - 0 - 1) / 18.0).epsilon(0.02));
  for (const auto& point : d.points) {
    REQUIRE(std::stod(point[1]) >= 0);
    REQUIRE(std::stod(point[1]) <= 4);
    REQUIRE(std::stod(point[2]) >= 0);
    REQUIRE(std::stod(point[2]) <= 2);
  }
}

}  // namespace

TEST_CASE("a Latin hypercube drawn through normal, truncated normal and triangular has their moments") {
  check_moments(ex::map_unit_sample(kParameters, ex::latin_hypercube(4000, 3, ex::LhsCriterion::maximin, 1, 7)));
}

TEST_CASE("a Sobol (Saltelli) sample drawn through the distributions has their moments, faces included") {
  check_moments(ex::map_unit_sample(kParameters, ex::saltelli_sample(1024, 3)));
}

TEST_CASE("the quantile is the inverse CDF: the median, the bounds at 0 and 1, a far tail that stays finite") {
  CHECK(ex::quantile(normal(5, 3), 0.5) == Approx(5));
  CHECK(ex::quantile(normal(0, 1), 0.975) == Approx(1.959964).epsilon(1e-6));
  CHECK(ex::quantile(normal(1, 2, 0, 4), 0.0) == Approx(0).margin(1e-12));
  CHECK(ex::quantile(normal(1, 2, 0, 4), 1.0) == Approx(4).margin(1e-12));
  CHECK(std::isfinite(ex::quantile(normal(0, 1), 0.0)));
  CHECK(std::isfinite(ex::quantile(normal(0, 1), 1.0)));
  // Truncated 30 sd into the upper tail: still inside the window, not 1 − 1 = 0 of mass.
  const ex::Distribution far = normal(0, 1, 30, 31);
  CHECK(ex::truncated_mass(far) > 0);
  CHECK(ex::quantile(far, 0.5) >= 30);
  CHECK(ex::quantile(far, 0.5) <= 31);
  CHECK(ex::quantile(triangular(0, 0.5, 2), 0.0) == Approx(0));
  CHECK(ex::quantile(triangular(0, 0.5, 2), 1.0) == Approx(2));
  CHECK(ex::quantile(triangular(0, 0.5, 2), 0.25) == Approx(0.5));  // F(c) = (c − a)/(b − a)
}
