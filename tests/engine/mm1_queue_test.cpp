#include <catch2/catch.hpp>

#include "engine/statistics.hpp"
#include "mm1_model.hpp"

using namespace gcmsim;

TEST_CASE("an M/M/1 queue on the kernel matches the analytic mean time in system", "[mm1]") {
  // Analytic: W = 1 / (mu - lambda) = 5 time units at utilisation 0.8.
  const double lambda = 0.8;
  const double mu = 1.0;
  const double analytic = 1.0 / (mu - lambda);

  RunningStats across;
  for (std::uint64_t r = 0; r < 20; ++r) {
    const auto run = testing::run_mm1(lambda, mu, 2017, r, 60000, 5000);
    REQUIRE(run.time_in_system.count() == 55000);
    across.add(run.time_in_system.mean());
  }
  const ConfidenceInterval ci = mean_ci95(across);
  INFO("mean " << ci.mean << " +/- " << ci.half_width << ", analytic " << analytic);
  REQUIRE(ci.lower <= analytic);
  REQUIRE(analytic <= ci.upper);
  // The interval must be informative, not trivially wide.
  REQUIRE(ci.half_width < 0.05 * analytic);
}

TEST_CASE("an M/M/1 run repeats exactly under the same seed and differs under another", "[mm1]") {
  const auto a = testing::run_mm1(0.5, 1.0, 1, 0, 2000, 0);
  const auto b = testing::run_mm1(0.5, 1.0, 1, 0, 2000, 0);
  const auto c = testing::run_mm1(0.5, 1.0, 1, 1, 2000, 0);
  REQUIRE(a.fingerprint == b.fingerprint);
  REQUIRE(a.time_in_system.mean() == b.time_in_system.mean());
  REQUIRE(a.fingerprint != c.fingerprint);
  REQUIRE(a.events == 4000);  // every customer arrives and departs
}
