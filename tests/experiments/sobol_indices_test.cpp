// Sobol indices on functions whose indices are known analytically (not the GCM model): the
// Ishigami function and Sobol's G-function, with the analytic values computed here from their
// formulas; the estimators' invariance to a constant and to a scale; and the diagnostics.
#include <cmath>
#include <numbers>
#include <numeric>

#include <catch2/catch.hpp>

#include "experiments/design.hpp"
#include "experiments/sobol_indices.hpp"

namespace ex = gcmsim::experiments;

namespace {

constexpr double kPi = std::numbers::pi;

// Ishigami and Homma (1990), a = 7, b = 0.1, inputs uniform on [-pi, pi].
constexpr double kA = 7.0;
constexpr double kB = 0.1;
double ishigami(const std::vector<double>& u) {
  const auto x = [&](std::size_t i) { return -kPi + 2 * kPi * u[i]; };
  return std::sin(x(0)) + kA * std::sin(x(1)) * std::sin(x(1)) + kB * std::pow(x(2), 4) * std::sin(x(0));
}

// Its partial variances (Sobol' and Levitan 1999; Saltelli et al. 2008, sec. 4.9): V1, V2, V13
// and the total V; V3 = V12 = V23 = V123 = 0.
struct IshigamiVariances {
  double v1 = 0.5 * std::pow(1 + kB * std::pow(kPi, 4) / 5, 2);
  double v2 = kA * kA / 8;
  double v13 = kB * kB * std::pow(kPi, 8) * (1.0 / 18 - 1.0 / 50);
  double v = v1 + v2 + v13;
};

std::vector<double> outputs(const ex::UnitSample& sample, double (*f)(const std::vector<double>&)) {
  std::vector<double> y;
  y.reserve(sample.size());
  for (const auto& u : sample) y.push_back(f(u));
  return y;
}

// Sobol's G-function (Saltelli and Sobol' 1995) with a = (0, 1, 4.5, 9, 99, 99): the smaller a_i,
// the more important x_i. V_i = 1 / (3 (1 + a_i)^2), V = prod(1 + V_i) - 1, S_i = V_i / V,
// ST_i = V_i prod_{j != i}(1 + V_j) / V, S_ij = V_i V_j / V.
constexpr double kG[] = {0.0, 1.0, 4.5, 9.0, 99.0, 99.0};
constexpr std::size_t kGk = std::size(kG);
double g_function(const std::vector<double>& u) {
  double y = 1;
  for (std::size_t i = 0; i < kGk; ++i) y *= (std::abs(4 * u[i] - 2) + kG[i]) / (1 + kG[i]);
  return y;
}
double g_partial(std::size_t i) { return 1.0 / (3 * (1 + kG[i]) * (1 + kG[i])); }
double g_variance() {
  double p = 1;
  for (std::size_t i = 0; i < kGk; ++i) p *= 1 + g_partial(i);
  return p - 1;
}

void check_within(const ex::IndexEstimate& e, double analytic, double margin, const char* what, std::size_t i) {
  INFO(what << " of input " << i + 1 << ": " << e.value << " [" << e.low << ", " << e.high << "], analytic " << analytic);
  CHECK(e.low <= analytic);
  CHECK(analytic <= e.high);
  CHECK(e.value == Approx(analytic).margin(margin));
}

}  // namespace

TEST_CASE("Ishigami (a = 7, b = 0.1), N = 4096: first, total and second-order indices within their intervals") {
  constexpr std::size_t k = 3;
  const ex::UnitSample sample = ex::saltelli_sample(4096, k, true);
  REQUIRE(sample.size() == 4096 * (2 * k + 2));
  const ex::SobolIndices s = ex::sobol_indices(outputs(sample, ishigami), k, {.bootstrap = 500, .seed = 42, .second_order = true});
  const IshigamiVariances v;
  const double first[k] = {v.v1 / v.v, v.v2 / v.v, 0.0};
  const double total[k] = {(v.v1 + v.v13) / v.v, v.v2 / v.v, v.v13 / v.v};
  // The published values, to four digits, as a check on the formulas above.
  CHECK(first[0] == Approx(0.3139).margin(1e-4));
  CHECK(first[1] == Approx(0.4424).margin(1e-4));
  CHECK(total[2] == Approx(0.2437).margin(1e-4));
  for (std::size_t i = 0; i < k; ++i) {
    check_within(s.first[i], first[i], 0.03, "S1", i);
    check_within(s.total[i], total[i], 0.03, "ST", i);
  }
  const double second[k][k] = {{0, 0, v.v13 / v.v}, {0, 0, 0}, {0, 0, 0}};
  for (std::size_t i = 0; i < k; ++i) {
    for (std::size_t l = i + 1; l < k; ++l) check_within(s.second[i][l], second[i][l], 0.06, "S2 with a later input", i);
  }
  CHECK(s.converged());
}

TEST_CASE("Sobol's G-function (a = 0, 1, 4.5, 9, 99, 99), N = 8192: indices within their intervals") {
  const ex::UnitSample sample = ex::saltelli_sample(8192, kGk, true);
  const ex::SobolIndices s = ex::sobol_indices(outputs(sample, g_function), kGk, {.bootstrap = 300, .seed = 7, .second_order = true});
  const double v = g_variance();
  for (std::size_t i = 0; i < kGk; ++i) {
    double others = 1;
    for (std::size_t j = 0; j < kGk; ++j) others *= j == i ? 1 : 1 + g_partial(j);
    check_within(s.first[i], g_partial(i) / v, 0.02, "S1", i);
    check_within(s.total[i], g_partial(i) * others / v, 0.02, "ST", i);
  }
  check_within(s.second[0][1], g_partial(0) * g_partial(1) / v, 0.05, "S2 (x1, x2)", 0);
  CHECK(s.first[0].value > s.first[1].value);
  CHECK(s.first[1].value > s.first[2].value);
}

TEST_CASE("the indices do not change when a constant is added to the output or the output is scaled") {
  constexpr std::size_t k = 3;
  const ex::UnitSample sample = ex::saltelli_sample(512, k);
  const std::vector<double> y = outputs(sample, ishigami);
  std::vector<double> shifted = y, scaled = y, mirrored = y;
  for (double& x : shifted) x += 193.0;
  for (double& x : scaled) x *= 37.5;
  for (double& x : mirrored) x = 193.0 - x;  // as the conference's adoptions against withdrawals
  const ex::SobolOptions options{.bootstrap = 200, .seed = 3};
  const ex::SobolIndices base = ex::sobol_indices(y, k, options);
  for (const auto* other : {&shifted, &scaled, &mirrored}) {
    const ex::SobolIndices s = ex::sobol_indices(*other, k, options);
    for (std::size_t i = 0; i < k; ++i) {
      CHECK(s.first[i].value == Approx(base.first[i].value).margin(1e-9));
      CHECK(s.first[i].low == Approx(base.first[i].low).margin(1e-9));
      CHECK(s.first[i].high == Approx(base.first[i].high).margin(1e-9));
      CHECK(s.total[i].value == Approx(base.total[i].value).margin(1e-9));
      CHECK(s.total[i].high == Approx(base.total[i].high).margin(1e-9));
    }
  }
}

TEST_CASE("an input that the output ignores has indices near zero") {
  constexpr std::size_t k = 2;
  const ex::UnitSample sample = ex::saltelli_sample(1024, k);
  std::vector<double> y;
  for (const auto& u : sample) y.push_back(u[0] * 3);
  const ex::SobolIndices s = ex::sobol_indices(y, k, {.bootstrap = 200, .seed = 1});
  CHECK(s.first[0].value == Approx(1.0).margin(0.02));
  CHECK(s.total[1].value == Approx(0.0).margin(1e-12));
  CHECK_FALSE(s.constant);
}

TEST_CASE("an output with no variance is reported as constant with its value, not as NaN indices") {
  const ex::UnitSample sample = ex::saltelli_sample(64, 2);
  const std::vector<double> y(sample.size(), 1.0);
  const ex::SobolIndices c = ex::sobol_indices(y, 2, {.bootstrap = 50, .seed = 1});
  REQUIRE(c.constant);
  CHECK(*c.constant == 1.0);
  CHECK_FALSE(c.converged());
  CHECK(c.rows == 64);
}

TEST_CASE("the convergence check flags a small sample and passes a large one") {
  constexpr std::size_t k = 3;
  const ex::SobolOptions options{.bootstrap = 300, .seed = 5, .max_width = 0.2, .tie = 0.05};
  const ex::SobolIndices small = ex::sobol_indices(outputs(ex::saltelli_sample(16, k), ishigami), k, options);
  CHECK_FALSE(small.converged());
  std::size_t wide = 0;
  for (std::size_t i = 0; i < k; ++i) wide += small.first[i].wide + small.total[i].wide;
  CHECK(wide > 0);
  for (std::size_t i = 0; i < k; ++i) CHECK(std::isfinite(small.first[i].half));

  const ex::SobolIndices large = ex::sobol_indices(outputs(ex::saltelli_sample(4096, k), ishigami), k, options);
  CHECK(large.converged());
  for (std::size_t i = 0; i < k; ++i) {
    CHECK(large.total[i].half == Approx(large.total[i].value).margin(0.05));
    CHECK_FALSE(large.total[i].rank_changed);
  }
}

TEST_CASE("a ranking that differs on the first half of the sample is flagged") {
  // Outputs made so that input 1 dominates on the first half of the rows and input 2 on the whole.
  constexpr std::size_t k = 2;
  const std::size_t n = 256;
  const ex::UnitSample sample = ex::saltelli_sample(n, k);
  std::vector<double> y;
  for (std::size_t p = 0; p < sample.size(); ++p) {
    const bool first_half = p / (k + 2) < n / 2;
    const double w1 = first_half ? 1.0 : 0.1;
    const double w2 = first_half ? 0.1 : 3.0;
    y.push_back(w1 * sample[p][0] + w2 * sample[p][1]);
  }
  const ex::SobolIndices s = ex::sobol_indices(y, k, {.bootstrap = 100, .seed = 2, .max_width = 1.0});
  CHECK(s.total[1].value > s.total[0].value + 0.05);
  CHECK(s.total[0].half > s.total[1].half);
  CHECK(s.total[0].rank_changed);
  CHECK(s.total[1].rank_changed);
  CHECK_FALSE(s.converged());
}

TEST_CASE("the same outputs and seed give the same bootstrap intervals") {
  const ex::UnitSample sample = ex::saltelli_sample(256, 2);
  std::vector<double> y;
  for (const auto& u : sample) y.push_back(u[0] + u[1] * u[1]);
  const ex::SobolIndices a = ex::sobol_indices(y, 2, {.bootstrap = 100, .seed = 9});
  const ex::SobolIndices b = ex::sobol_indices(y, 2, {.bootstrap = 100, .seed = 9});
  CHECK(a.first[1].low == b.first[1].low);
  CHECK(a.total[0].high == b.total[0].high);
}
