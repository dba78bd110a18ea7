#include "engine/statistics.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <numeric>
#include <vector>

#include "engine/random_streams.hpp"

using namespace gcmsim;

namespace {

RunningStats summarize(const std::vector<double>& values) {
  RunningStats stats;
  for (const double x : values) stats.add(x);
  return stats;
}

// The textbook two-pass sample variance, the reference for Welford's one-pass update.
double two_pass_variance(const std::vector<double>& values) {
  const double n = static_cast<double>(values.size());
  const double mean = std::accumulate(values.begin(), values.end(), 0.0) / n;
  double squares = 0.0;
  for (const double x : values) squares += (x - mean) * (x - mean);
  return squares / (n - 1.0);
}

}  // namespace

TEST_CASE("Welford's running variance matches the two-pass formula", "[statistics]") {
  SECTION("a small data set with a known answer") {
    const std::vector<double> values = {2, 4, 4, 4, 5, 5, 7, 9};
    const RunningStats stats = summarize(values);
    CHECK(stats.count() == 8);
    CHECK(stats.mean() == Approx(5.0));
    CHECK(stats.variance() == Approx(32.0 / 7.0));
    CHECK(stats.variance() == Approx(two_pass_variance(values)));
    CHECK(stats.stddev() == Approx(std::sqrt(32.0 / 7.0)));
    CHECK(stats.standard_error() == Approx(std::sqrt(32.0 / 7.0 / 8.0)));
    CHECK(stats.min() == 2.0);
    CHECK(stats.max() == 9.0);
  }
  SECTION("a large offset, where sum-of-squares loses every digit") {
    const std::vector<double> values = {1e9 + 4, 1e9 + 7, 1e9 + 13, 1e9 + 16};
    const RunningStats stats = summarize(values);
    CHECK(stats.mean() == Approx(1e9 + 10));
    CHECK(stats.variance() == Approx(30.0).epsilon(1e-9));
    CHECK(stats.variance() == Approx(two_pass_variance(values)).epsilon(1e-9));
  }
}

TEST_CASE("RunningStats reports NaN for what too few values leave undefined", "[statistics]") {
  RunningStats stats;
  CHECK(stats.count() == 0);
  CHECK(std::isnan(stats.mean()));
  CHECK(std::isnan(stats.variance()));
  CHECK(std::isnan(stats.min()));
  CHECK(std::isnan(stats.max()));
  stats.add(3.0);
  CHECK(stats.mean() == 3.0);
  CHECK(stats.min() == 3.0);
  CHECK(stats.max() == 3.0);
  CHECK(std::isnan(stats.variance()));
  CHECK(std::isnan(stats.standard_error()));
}

TEST_CASE("merging summaries equals adding every value to one", "[statistics]") {
  RandomStream stream = RandomStreams(1, 0).stream("merge");
  std::vector<double> values;
  for (int i = 0; i < 1000; ++i) values.push_back(stream.normal(100.0, 15.0));
  const RunningStats all = summarize(values);

  const std::size_t splits[] = {0, 1, 437, values.size()};
  for (const std::size_t split : splits) {
    RunningStats left = summarize({values.begin(), values.begin() + split});
    const RunningStats right = summarize({values.begin() + split, values.end()});
    left.merge(right);
    CHECK(left.count() == all.count());
    CHECK(left.mean() == Approx(all.mean()).epsilon(1e-12));
    CHECK(left.variance() == Approx(all.variance()).epsilon(1e-12));
    CHECK(left.min() == all.min());
    CHECK(left.max() == all.max());
  }

  // Many small parts, as from one collector per replication.
  RunningStats combined;
  for (std::size_t start = 0; start < values.size(); start += 7) {
    const std::size_t end = std::min(start + 7, values.size());
    combined.merge(summarize({values.begin() + start, values.begin() + end}));
  }
  CHECK(combined.mean() == Approx(all.mean()).epsilon(1e-12));
  CHECK(combined.variance() == Approx(all.variance()).epsilon(1e-12));
}

TEST_CASE("the time-weighted mean of a step function weights each value by its duration",
          "[statistics]") {
  // 0 on [0, 10), 2 on [10, 30), 5 from 30: over [0, 40] the area is 0 + 40 + 50 = 90.
  TimeWeighted signal(0, 0.0);
  signal.update(10, 2.0);
  signal.update(30, 5.0);
  CHECK(signal.integral(40) == Approx(90.0));
  CHECK(signal.mean(40) == Approx(90.0 / 40.0));
  CHECK(signal.mean(30) == Approx(40.0 / 30.0));
  CHECK(signal.current() == 5.0);
  CHECK(signal.max() == 5.0);
  CHECK(signal.min() == 0.0);
}

TEST_CASE("a time-weighted signal starting later averages over its own window", "[statistics]") {
  // Queue length over one working day, from 09:00 (tick 32400): 3 until 12:00, then 1 until 18:00.
  const SimTime start = 9 * kHour;
  TimeWeighted queue(start, 3.0);
  CHECK(queue.mean(start) == 3.0);  // an empty window: the value at that instant
  queue.update(12 * kHour, 1.0);
  CHECK(queue.mean(18 * kHour) == Approx((3.0 * 3 + 1.0 * 6) / 9.0));
}

TEST_CASE("a value that holds for no time counts for max but not for the mean", "[statistics]") {
  TimeWeighted signal(0, 1.0);
  signal.update(10, 100.0);
  signal.update(10, 1.0);
  CHECK(signal.max() == 100.0);
  CHECK(signal.mean(20) == Approx(1.0));
}

TEST_CASE("a counter tallies increments under its name", "[statistics]") {
  Counter adopted("texts adopted");
  ++adopted;
  adopted.increment(4);
  CHECK(adopted.value() == 5);
  CHECK(adopted.name() == "texts adopted");
  adopted.reset();
  CHECK(adopted.value() == 0);
  CHECK(Counter().value() == 0);
}

TEST_CASE("quantiles of 1..100 match numpy's default (type 7)", "[statistics]") {
  // numpy.quantile(numpy.arange(1, 101), p) is 1 + 99 p for these data.
  std::vector<double> values(100);
  std::iota(values.begin(), values.end(), 1.0);
  std::reverse(values.begin() + 20, values.end());  // insertion order must not matter
  Quantiles quantiles;
  for (const double x : values) quantiles.add(x);

  CHECK(quantiles.count() == 100);
  CHECK(quantiles.quantile(0.0) == 1.0);
  CHECK(quantiles.quantile(0.01) == Approx(1.99));
  CHECK(quantiles.quantile(0.25) == Approx(25.75));
  CHECK(quantiles.median() == Approx(50.5));
  CHECK(quantiles.quantile(0.75) == Approx(75.25));
  CHECK(quantiles.quantile(0.9) == Approx(90.1));
  CHECK(quantiles.quantile(0.99) == Approx(99.01));
  CHECK(quantiles.quantile(1.0) == 100.0);
}

TEST_CASE("quantiles interpolate between uneven order statistics", "[statistics]") {
  // Type 7 on {1, 2, 3, 4, 10}: position h = 4 p, so p = 0.3 is 2 + 0.2 (3 - 2) and p = 0.9 is
  // 4 + 0.6 (10 - 4).
  Quantiles quantiles;
  for (const double x : {10.0, 3.0, 1.0, 4.0, 2.0}) quantiles.add(x);
  CHECK(quantiles.median() == 3.0);
  CHECK(quantiles.quantile(0.3) == Approx(2.2));
  CHECK(quantiles.quantile(0.9) == Approx(7.6));

  // Adding after a query puts the new value in its place.
  quantiles.add(0.0);
  CHECK(quantiles.median() == Approx(2.5));
  CHECK(quantiles.quantile(0.0) == 0.0);
}

TEST_CASE("quantiles of no values are NaN and of one value are that value", "[statistics]") {
  Quantiles quantiles;
  CHECK(std::isnan(quantiles.median()));
  quantiles.add(7.0);
  CHECK(quantiles.quantile(0.0) == 7.0);
  CHECK(quantiles.quantile(0.37) == 7.0);
  CHECK(quantiles.quantile(1.0) == 7.0);
}

TEST_CASE("Student's t 97.5% quantile matches the printed tables", "[statistics]") {
  CHECK(student_t_975(1) == Approx(12.706).margin(5e-4));
  CHECK(student_t_975(2) == Approx(4.303).margin(5e-4));
  CHECK(student_t_975(5) == Approx(2.571).margin(5e-4));
  CHECK(student_t_975(10) == Approx(2.228).margin(5e-4));
  CHECK(student_t_975(30) == Approx(2.042).margin(5e-4));
  CHECK(student_t_975(100) == Approx(1.984).margin(5e-4));
}

TEST_CASE("Student's t quantile is continuous past its table and tends to the normal's",
          "[statistics]") {
  // Exact values from inverting the t distribution function in 30-digit arithmetic.
  CHECK(student_t_975(31) == Approx(2.0395134464).margin(1e-7));
  CHECK(student_t_975(40) == Approx(2.0210753903).margin(1e-7));
  CHECK(student_t_975(60) == Approx(2.0002978220).margin(1e-8));
  CHECK(student_t_975(1000) == Approx(1.9623390808).margin(1e-9));
  CHECK(student_t_975(std::uint64_t{1} << 40) == Approx(1.959963984540054).margin(1e-9));
  CHECK(std::isinf(student_t_975(0)));
  for (std::uint64_t df = 1; df < 200; ++df) CHECK(student_t_975(df + 1) < student_t_975(df));
}

TEST_CASE("a 95% confidence interval from known data has the textbook half-width",
          "[statistics]") {
  const std::vector<double> values = {2, 4, 4, 4, 5, 5, 7, 9};
  const ConfidenceInterval ci = mean_ci95(values);
  const double half_width = 2.36462425159 * std::sqrt(32.0 / 7.0) / std::sqrt(8.0);
  CHECK(ci.n == 8);
  CHECK(ci.mean == Approx(5.0));
  CHECK(ci.half_width == Approx(half_width));
  CHECK(ci.lower == Approx(5.0 - half_width));
  CHECK(ci.upper == Approx(5.0 + half_width));

  const ConfidenceInterval from_stats = mean_ci95(summarize(values));
  CHECK(from_stats.half_width == ci.half_width);
}

TEST_CASE("a confidence interval from fewer than two values is infinitely wide", "[statistics]") {
  const ConfidenceInterval none = mean_ci95(std::vector<double>{});
  CHECK(none.n == 0);
  CHECK(std::isnan(none.mean));
  CHECK(std::isinf(none.half_width));

  const ConfidenceInterval one = mean_ci95(std::vector<double>{4.0});
  CHECK(one.mean == 4.0);
  CHECK(one.half_width == std::numeric_limits<double>::infinity());
  CHECK(one.lower == -std::numeric_limits<double>::infinity());
  CHECK(one.upper == std::numeric_limits<double>::infinity());
}

TEST_CASE("95% confidence intervals cover the true mean about 95% of the time", "[statistics]") {
  // 2000 intervals of 10 normal values: coverage has standard error sqrt(0.95 * 0.05 / 2000), about
  // 0.005, so [0.93, 0.97] is four standard errors either side.
  const RandomStreams streams(2018, 0);
  constexpr int intervals = 2000;
  const double true_mean = 12.0;
  int covered = 0;
  for (std::uint64_t i = 0; i < intervals; ++i) {
    RandomStream stream = streams.stream("coverage", i);
    RunningStats sample;
    for (int j = 0; j < 10; ++j) sample.add(stream.normal(true_mean, 3.0));
    const ConfidenceInterval ci = mean_ci95(sample);
    if (ci.lower <= true_mean && true_mean <= ci.upper) ++covered;
  }
  const double coverage = static_cast<double>(covered) / intervals;
  CHECK(coverage >= 0.93);
  CHECK(coverage <= 0.97);
}
