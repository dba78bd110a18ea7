// ABC rejection against a model whose posterior is known in closed form: the mean of a normal with
// a conjugate normal prior.
#include "experiments/calibration/abc.hpp"

#include <catch2/catch.hpp>

#include <cmath>

#include "engine/random_streams.hpp"

using namespace gcmsim;
using namespace gcmsim::calibration;

TEST_CASE("ABC rejection recovers the conjugate posterior of a normal mean", "[calibration]") {
  // y_1..y_n ~ N(theta, sigma^2), theta ~ N(mu0, tau0^2). The sample mean is sufficient:
  // ybar | theta ~ N(theta, sigma^2 / n), and the posterior is N(mu_n, tau_n^2) with
  // 1/tau_n^2 = 1/tau0^2 + n/sigma^2 and mu_n = tau_n^2 (mu0/tau0^2 + n ybar/sigma^2).
  const double mu0 = 0.0, tau0 = 2.0, sigma = 1.0, n = 10.0, ybar = 1.3;
  const double tau_n = 1.0 / std::sqrt(1.0 / (tau0 * tau0) + n / (sigma * sigma));
  const double mu_n = tau_n * tau_n * (mu0 / (tau0 * tau0) + n * ybar / (sigma * sigma));

  const Distance model = [&](const std::vector<double>& theta, std::uint64_t draw) {
    RandomStream stream = RandomStreams(99, draw).stream("data");
    return std::abs(stream.normal(theta[0], sigma / std::sqrt(n)) - ybar);
  };
  const AbcResult r = abc_rejection({{"theta", Prior::Kind::normal, mu0, tau0}}, {200'000, 0.01, 7}, model);
  REQUIRE(r.accepted == 2000);
  const Posterior p = summarise(r, 0);
  // With 2,000 accepted draws the mean is known to ~tau_n/45; the small tolerance widens the
  // posterior by a few per cent at most.
  CHECK(p.mean == Approx(mu_n).margin(0.05 * tau_n * 3));
  CHECK(p.sd == Approx(tau_n).epsilon(0.08));
  CHECK(p.q05 == Approx(mu_n - 1.645 * tau_n).margin(0.15 * tau_n));
  CHECK(p.q95 == Approx(mu_n + 1.645 * tau_n).margin(0.15 * tau_n));
}

TEST_CASE("ABC keeps the closest share of the draws and is reproducible", "[calibration]") {
  const Distance d = [](const std::vector<double>& x, std::uint64_t) { return std::abs(x[0] - 0.25); };
  const AbcResult a = abc_rejection({{"x", Prior::Kind::uniform, 0.0, 1.0}}, {1000, 0.1, 3}, d);
  const AbcResult b = abc_rejection({{"x", Prior::Kind::uniform, 0.0, 1.0}}, {1000, 0.1, 3}, d);
  REQUIRE(a.accepted == 100);
  for (std::size_t i = 0; i < a.draws.size(); ++i) {
    REQUIRE(a.draws[i].point == b.draws[i].point);
    REQUIRE(a.draws[i].accepted == (a.draws[i].distance <= a.tolerance));
  }
  // Uniform prior, accept within ~0.05 of 0.25: the posterior is close to U(0.2, 0.3).
  const Posterior p = summarise(a, 0);
  CHECK(p.mean == Approx(0.25).margin(0.01));
  CHECK(p.q05 > 0.19);
  CHECK(p.q95 < 0.31);
}

TEST_CASE("bad ABC settings are refused", "[calibration]") {
  const Distance d = [](const std::vector<double>&, std::uint64_t) { return 0.0; };
  REQUIRE_THROWS_AS(abc_rejection({}, {}, d), std::invalid_argument);
  REQUIRE_THROWS_AS(abc_rejection({{"x", Prior::Kind::uniform, 1.0, 0.0}}, {}, d), std::invalid_argument);
  REQUIRE_THROWS_AS(abc_rejection({{"x", Prior::Kind::uniform, 0.0, 1.0}}, {10, 0.0, 1}, d), std::invalid_argument);
}
