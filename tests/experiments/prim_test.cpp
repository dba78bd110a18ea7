// PRIM on synthetic data with a known box: the runs with x1 < 0.3 and x2 > 0.6 (x3 irrelevant).
#include <catch2/catch.hpp>

#include "engine/random_streams.hpp"
#include "experiments/prim.hpp"

namespace ex = gcmsim::experiments;

namespace {

struct Data {
  std::vector<std::vector<double>> x;
  std::vector<bool> y;
};

Data synthetic(std::size_t n, double noise) {
  Data d;
  gcmsim::RandomStream rng = gcmsim::RandomStreams(2024, 0).stream("prim_test");
  for (std::size_t i = 0; i < n; ++i) {
    const std::vector<double> row{rng.uniform01(), rng.uniform01(), rng.uniform01()};
    bool in = row[0] < 0.3 && row[1] > 0.6;
    if (rng.bernoulli(noise)) in = !in;
    d.x.push_back(row);
    d.y.push_back(in);
  }
  return d;
}

}  // namespace

TEST_CASE("PRIM finds a known box: its limits, coverage and density, and the irrelevant input left alone") {
  const Data d = synthetic(3000, 0.0);
  const ex::PrimResult r = ex::prim(d.x, d.y);
  const ex::PrimBox& b = r.box;
  INFO("x1 [" << b.limits[0].low << ", " << b.limits[0].high << "], x2 [" << b.limits[1].low << ", " << b.limits[1].high
              << "], x3 [" << b.limits[2].low << ", " << b.limits[2].high << "]; coverage " << b.coverage << ", density " << b.density);
  CHECK(b.limits[0].restricted_high);
  CHECK(b.limits[0].high == Approx(0.3).margin(0.02));
  CHECK_FALSE(b.limits[0].restricted_low);
  CHECK(b.limits[1].restricted_low);
  CHECK(b.limits[1].low == Approx(0.6).margin(0.02));
  CHECK_FALSE(b.limits[1].restricted_high);
  CHECK_FALSE(b.limits[2].restricted_low);
  CHECK_FALSE(b.limits[2].restricted_high);
  CHECK(b.coverage >= 0.9);
  CHECK(b.density >= 0.95);
  // The two limits that make the box are significant.
  CHECK(b.limits[0].qp_high < 1e-6);
  CHECK(b.limits[1].qp_low < 1e-6);
}

TEST_CASE("with 5% of the labels flipped, PRIM still finds the box, and the trajectory trades coverage for density") {
  // The flipped labels outside the box are about a quarter of all cases: the box covers ~0.72 of them.
  const Data d = synthetic(3000, 0.05);
  const ex::PrimResult r = ex::prim(d.x, d.y, {.alpha = 0.05, .min_support = 0.05, .min_coverage = 0.6});
  const ex::PrimBox& b = r.box;
  CHECK(b.limits[0].high == Approx(0.3).margin(0.05));
  CHECK(b.limits[1].low == Approx(0.6).margin(0.05));
  // x3 is irrelevant: left alone, or its limit not significant.
  if (b.limits[2].restricted_low) CHECK(b.limits[2].qp_low > 0.05);
  if (b.limits[2].restricted_high) CHECK(b.limits[2].qp_high > 0.05);
  INFO("x1 [" << b.limits[0].low << ", " << b.limits[0].high << "], x2 [" << b.limits[1].low << ", " << b.limits[1].high
              << "]; coverage " << b.coverage << ", density " << b.density);
  CHECK(b.coverage >= 0.6);
  CHECK(b.density >= 0.85);
  REQUIRE(r.trajectory.size() > 5);
  CHECK(r.trajectory.front().coverage == 1.0);
  CHECK(r.trajectory.front().support == 1.0);
  for (std::size_t t = 1; t < r.trajectory.size(); ++t) {
    CHECK(r.trajectory[t].support < r.trajectory[t - 1].support);
    CHECK(r.trajectory[t].coverage <= r.trajectory[t - 1].coverage);
  }
  CHECK(r.trajectory.back().density > r.trajectory.front().density);
}

TEST_CASE("PRIM refuses data without a case") {
  const Data d = synthetic(100, 0.0);
  const std::vector<bool> none(d.y.size(), false);
  CHECK_THROWS_AS(ex::prim(d.x, none), std::invalid_argument);
}

TEST_CASE("every box of the trajectory says how many parameters it restricts") {
  const Data d = synthetic(1000, 0.0);
  const ex::PrimResult r = ex::prim(d.x, d.y);
  CHECK(r.trajectory.front().restricted() == 0);
  CHECK(r.trajectory.back().restricted() >= 2);
}
