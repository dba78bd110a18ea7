// Morris's elementary effects on functions whose screening result is known: a function whose
// effects are analytic (a linear term, an ignored input, an interaction), and Sobol's G-function,
// whose inputs rank by their a_i.
#include <cmath>
#include <set>

#include <catch2/catch.hpp>

#include "experiments/morris.hpp"

namespace ex = gcmsim::experiments;

namespace {

std::vector<double> outputs(const ex::UnitSample& s, double (*f)(const std::vector<double>&)) {
  std::vector<double> y;
  for (const auto& u : s) y.push_back(f(u));
  return y;
}

// Effects: x1 always 2 (mu* = 2, sigma = 0); x2 none (0, 0); x3 and x4 interact: the effect of x3
// is 3 x4, which varies along the trajectories (sigma > 0).
double known(const std::vector<double>& u) { return 2 * u[0] + 0 * u[1] + 3 * u[2] * u[3]; }

constexpr double kG[] = {0.0, 1.0, 4.5, 9.0, 99.0, 99.0};
double g_function(const std::vector<double>& u) {
  double y = 1;
  for (std::size_t i = 0; i < std::size(kG); ++i) y *= (std::abs(4 * u[i] - 2) + kG[i]) / (1 + kG[i]);
  return y;
}

}  // namespace

TEST_CASE("a Morris design walks r trajectories of k + 1 grid points, one coordinate at a time by Delta") {
  constexpr std::size_t k = 5;
  const ex::UnitSample s = ex::morris_sample(20, k, 4, 11);
  REQUIRE(s.size() == 20 * (k + 1));
  const double delta = 4.0 / (2 * 3);
  for (std::size_t t = 0; t < 20; ++t) {
    std::set<std::size_t> moved;
    for (std::size_t m = 1; m <= k; ++m) {
      const auto& a = s[t * (k + 1) + m - 1];
      const auto& b = s[t * (k + 1) + m];
      std::size_t changed = 0;
      for (std::size_t i = 0; i < k; ++i) {
        CHECK(b[i] >= 0.0);
        CHECK(b[i] <= 1.0);
        if (a[i] != b[i]) {
          ++changed;
          moved.insert(i);
          CHECK(std::abs(b[i] - a[i]) == Approx(delta));
        }
      }
      CHECK(changed == 1);
    }
    CHECK(moved.size() == k);  // every input moves once per trajectory
  }
  CHECK(ex::morris_sample(20, k, 4, 11) == s);  // seeded
}

TEST_CASE("elementary effects: mu* and sigma of a linear, an ignored and an interacting input, r = 50") {
  constexpr std::size_t k = 4;
  const ex::UnitSample s = ex::morris_sample(50, k, 4, 3);
  const std::vector<ex::MorrisIndex> m = ex::morris_indices(s, outputs(s, known), k, 200, 1);
  CHECK(m[0].mu_star == Approx(2.0).margin(1e-12));
  CHECK(m[0].mu == Approx(2.0).margin(1e-12));
  CHECK(m[0].sigma == Approx(0.0).margin(1e-12));
  CHECK(m[1].mu_star == Approx(0.0).margin(1e-12));
  CHECK(m[1].sigma == Approx(0.0).margin(1e-12));
  // x3's effect is 3 x4 at the step: between 0 and 3, varying.
  CHECK(m[2].mu_star > 0.5);
  CHECK(m[2].mu_star < 2.5);
  CHECK(m[2].sigma > 0.3);
  CHECK(m[2].mu_star_low <= m[2].mu_star);
  CHECK(m[2].mu_star <= m[2].mu_star_high);
  for (const auto& e : m) CHECK(e.effects == 50);
}

TEST_CASE("screening Sobol's G-function ranks its inputs by a_i, r = 100") {
  constexpr std::size_t k = std::size(kG);
  const ex::UnitSample s = ex::morris_sample(100, k, 4, 8);
  const std::vector<ex::MorrisIndex> m = ex::morris_indices(s, outputs(s, g_function), k, 200, 2);
  for (std::size_t i = 0; i + 2 < k; ++i) {
    INFO("mu* of x" << i + 1 << " = " << m[i].mu_star << ", of x" << i + 2 << " = " << m[i + 1].mu_star);
    CHECK(m[i].mu_star > m[i + 1].mu_star);
  }
  // a = 99: unimportant, an effect of at most 4 / 100 of the output's scale.
  CHECK(m[4].mu_star < 0.05);
  CHECK(m[5].mu_star < 0.05);
  CHECK(m[0].mu_star > 1.0);
}
