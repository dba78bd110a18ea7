// engine/bootstrap.hpp: the percentile bootstrap every interval of the experiments comes from.
#include <cmath>
#include <vector>

#include <catch2/catch.hpp>

#include "engine/bootstrap.hpp"
#include "engine/statistics.hpp"

using gcmsim::PercentileInterval;
using gcmsim::RandomStreams;

namespace {

// The mean of the picked values.
gcmsim::ResampleEstimate mean_of(const std::vector<double>& x) {
  return [&x](const std::vector<std::size_t>& pick, std::vector<double>& values) {
    double sum = 0.0;
    for (const std::size_t j : pick) sum += x[j];
    values[0] = sum / static_cast<double>(pick.size());
  };
}

}  // namespace

TEST_CASE("the bootstrap interval of a mean matches the normal theory's mean +- 1.96 s / sqrt(n)") {
  // 400 draws of N(10, 2): the mean's 95% interval is about 10 +- 0.196 wide on each side.
  auto data = RandomStreams(3, 0).stream("data");
  std::vector<double> x(400);
  gcmsim::RunningStats stats;
  for (double& v : x) {
    v = data.normal(10.0, 2.0);
    stats.add(v);
  }
  auto stream = RandomStreams(11, 0).stream("bootstrap");
  const std::vector<PercentileInterval> ci = gcmsim::percentile_bootstrap(x.size(), 2000, stream, 1, mean_of(x));
  REQUIRE(ci.size() == 1);
  CHECK(ci[0].resamples == 2000);
  const double half = 1.959964 * stats.stddev() / std::sqrt(400.0);
  CHECK(ci[0].low == Approx(stats.mean() - half).margin(0.03));
  CHECK(ci[0].high == Approx(stats.mean() + half).margin(0.03));
}

TEST_CASE("the same data and seed give the same interval, and a non-finite estimate is left out") {
  const std::vector<double> x{1, 2, 3, 4, 5, 6, 7, 8};
  const auto run = [&](std::uint64_t seed) {
    auto stream = RandomStreams(seed, 0).stream("bootstrap");
    return gcmsim::percentile_bootstrap(x.size(), 300, stream, 2, [&](const std::vector<std::size_t>& pick, std::vector<double>& v) {
      mean_of(x)(pick, v);
      v[1] = std::nan("");  // a statistic no resample can estimate
    });
  };
  const auto a = run(5);
  const auto b = run(5);
  CHECK(a[0].low == b[0].low);
  CHECK(a[0].high == b[0].high);
  CHECK(a[0].low < 4.5);
  CHECK(a[0].high > 4.5);
  CHECK(a[1].resamples == 0);
  CHECK(std::isnan(a[1].low));
  CHECK(std::isnan(a[1].high));
}

TEST_CASE("no items or no resamples give NaN intervals and draw nothing") {
  auto stream = RandomStreams(1, 0).stream("bootstrap");
  auto untouched = RandomStreams(1, 0).stream("bootstrap");
  const auto none = gcmsim::percentile_bootstrap(0, 100, stream, 1, [](const std::vector<std::size_t>&, std::vector<double>& v) { v[0] = 1; });
  CHECK(std::isnan(none[0].low));
  CHECK(stream.uniform_index(1000) == untouched.uniform_index(1000));
}

TEST_CASE("sample_quantile is Quantiles' type 7, as numpy and R give it") {
  const std::vector<double> x{3, 1, 4, 1, 5, 9, 2, 6};
  CHECK(gcmsim::sample_quantile(x, 0.5) == Approx(3.5));     // numpy.quantile(x, 0.5)
  CHECK(gcmsim::sample_quantile(x, 0.05) == Approx(1.0));
  CHECK(gcmsim::sample_quantile(x, 0.95) == Approx(7.95));   // numpy.quantile(x, 0.95)
  CHECK(std::isnan(gcmsim::sample_quantile(std::vector<double>{}, 0.5)));
}
