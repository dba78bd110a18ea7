// Sobol indices on a function whose indices are known analytically (not the GCM model).
#include <cmath>
#include <numbers>

#include <catch2/catch.hpp>

#include "experiments/design.hpp"
#include "experiments/sobol_indices.hpp"

namespace ex = gcmsim::experiments;

namespace {

// Ishigami and Homma (1990), a = 7, b = 0.1, inputs uniform on [-pi, pi].
double ishigami(double x1, double x2, double x3) {
  constexpr double a = 7.0;
  constexpr double b = 0.1;
  return std::sin(x1) + a * std::sin(x2) * std::sin(x2) + b * std::pow(x3, 4) * std::sin(x1);
}

}  // namespace

TEST_CASE("the Saltelli estimators reproduce the Ishigami function's indices within their bootstrap intervals") {
  constexpr std::size_t k = 3;
  const ex::UnitSample sample = ex::saltelli_sample(4096, k);
  REQUIRE(sample.size() == 4096 * (k + 2));
  std::vector<double> y;
  for (const auto& u : sample) {
    const auto x = [&](std::size_t i) { return -std::numbers::pi + 2 * std::numbers::pi * u[i]; };
    y.push_back(ishigami(x(0), x(1), x(2)));
  }
  const ex::SobolIndices s = ex::sobol_indices(y, k, 500, 42);
  // Analytic values (Sobol' and Levitan 1999; Saltelli et al. 2008, ch. 4).
  const double first[k] = {0.3139, 0.4424, 0.0};
  const double total[k] = {0.5576, 0.4424, 0.2437};
  for (std::size_t i = 0; i < k; ++i) {
    INFO("input " << i + 1 << ": S1 " << s.first[i].value << " [" << s.first[i].low << ", " << s.first[i].high << "], ST "
                  << s.total[i].value << " [" << s.total[i].low << ", " << s.total[i].high << "]");
    CHECK(s.first[i].low <= first[i]);
    CHECK(first[i] <= s.first[i].high);
    CHECK(s.total[i].low <= total[i]);
    CHECK(total[i] <= s.total[i].high);
    CHECK(s.first[i].value == Approx(first[i]).margin(0.03));
    CHECK(s.total[i].value == Approx(total[i]).margin(0.03));
  }
}

TEST_CASE("an input that the output ignores has indices near zero, and a constant output has none") {
  constexpr std::size_t k = 2;
  const ex::UnitSample sample = ex::saltelli_sample(1024, k);
  std::vector<double> y, constant;
  for (const auto& u : sample) {
    y.push_back(u[0] * 3);
    constant.push_back(1.0);
  }
  const ex::SobolIndices s = ex::sobol_indices(y, k, 200, 1);
  CHECK(s.first[0].value == Approx(1.0).margin(0.02));
  CHECK(s.total[1].value == Approx(0.0).margin(1e-12));
  const ex::SobolIndices c = ex::sobol_indices(constant, k, 200, 1);
  CHECK(std::isnan(c.first[0].value));
}

TEST_CASE("the same outputs and seed give the same bootstrap intervals") {
  const ex::UnitSample sample = ex::saltelli_sample(256, 2);
  std::vector<double> y;
  for (const auto& u : sample) y.push_back(u[0] + u[1] * u[1]);
  const ex::SobolIndices a = ex::sobol_indices(y, 2, 100, 9);
  const ex::SobolIndices b = ex::sobol_indices(y, 2, 100, 9);
  CHECK(a.first[1].low == b.first[1].low);
  CHECK(a.total[0].high == b.total[0].high);
}
