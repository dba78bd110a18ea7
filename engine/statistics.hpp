#pragma once
// Output statistics: running moments, time averages, counters, exact quantiles, and confidence
// intervals across replications. Plain values, no global registry: each model owns its collectors.
#include <cstdint>
#include <limits>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "engine/sim_time.hpp"

namespace gcmsim {

// What a statistic is when the data cannot give it (no values, too few, a zero variance).
inline constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Count, mean, variance, min and max of a stream of values in one pass (Welford's update, which
// stays accurate when the mean is large next to the spread, unlike sum-of-squares).
class RunningStats {
 public:
  void add(double x) noexcept;

  // Combines two summaries as if every value had been added to one (Chan, Golub and LeVeque's
  // pairwise formula): per-thread or per-replication collectors can be merged at the end.
  void merge(const RunningStats& other) noexcept;

  std::uint64_t count() const noexcept { return n_; }
  // NaN when empty.
  double mean() const noexcept;
  // Sample variance (divisor n - 1); NaN when fewer than two values.
  double variance() const noexcept;
  double stddev() const noexcept;
  // Standard error of the mean, stddev / sqrt(n); NaN when fewer than two values.
  double standard_error() const noexcept;
  // NaN when empty.
  double min() const noexcept;
  double max() const noexcept;

 private:
  std::uint64_t n_ = 0;
  double mean_ = 0.0;
  double m2_ = 0.0;  // sum of squared deviations from the current mean
  double min_ = std::numeric_limits<double>::infinity();
  double max_ = -std::numeric_limits<double>::infinity();
};

// A piecewise-constant signal over simulated time (queue length, delegations in the room): each
// value holds from its update until the next. Averages weight each value by how long it held.
class TimeWeighted {
 public:
  // The signal has `initial` from `start` until the first update.
  explicit TimeWeighted(SimTime start = 0, double initial = 0.0) noexcept;

  // The signal takes `value` from time t on. Precondition: t is not before the last update.
  void update(SimTime t, double value) noexcept;

  // Integral of the signal over [start, until]. Precondition: until is not before the last update.
  double integral(SimTime until) const noexcept;
  // Time average over [start, until]; the current value when the window is empty (until == start).
  double mean(SimTime until) const noexcept;

  double current() const noexcept { return value_; }
  // Extremes of every value the signal has taken, including the initial one and values that held
  // for no time at all (two updates at the same instant).
  double max() const noexcept { return max_; }
  double min() const noexcept { return min_; }

 private:
  SimTime start_;
  SimTime last_;
  double value_;
  double area_ = 0.0;  // integral over [start_, last_]
  double max_;
  double min_;
};

// A named tally of events (texts adopted, sessions held).
class Counter {
 public:
  Counter() = default;
  explicit Counter(std::string name) : name_(std::move(name)) {}

  void increment(std::int64_t by = 1) noexcept { value_ += by; }
  Counter& operator++() noexcept {
    ++value_;
    return *this;
  }
  void reset() noexcept { value_ = 0; }

  std::int64_t value() const noexcept { return value_; }
  const std::string& name() const noexcept { return name_; }

 private:
  std::string name_;
  std::int64_t value_ = 0;
};

// Exact quantiles of all values added. Stores every value; sorts them on the first query after an
// add, so a run of queries costs one sort. Queries reorder the stored values, hence a const object
// must not be queried from two threads at once.
class Quantiles {
 public:
  // Precondition: x is not NaN (NaN has no place in an order).
  void add(double x);
  void reserve(std::size_t n) { values_.reserve(n); }

  std::size_t count() const noexcept { return values_.size(); }

  // The p-quantile, p in [0, 1], by linear interpolation between order statistics: Hyndman and
  // Fan's type 7, the default of R's quantile() and numpy's quantile(). NaN when empty.
  double quantile(double p) const;
  double median() const { return quantile(0.5); }

 private:
  mutable std::vector<double> values_;
  mutable bool sorted_ = true;
};

// The p-quantile of a sample held elsewhere, by Quantiles (type 7): the one percentile of the
// project (posterior summaries, backtests, bootstrap intervals). NaN when empty. Precondition: no NaN.
double sample_quantile(std::span<const double> values, double p);

// A two-sided 95% confidence interval for a mean: mean +- t(0.975, n - 1) * s / sqrt(n), which
// assumes the values are independent (one per replication) and roughly normal.
struct ConfidenceInterval {
  double mean;
  double half_width;
  double lower;
  double upper;
  std::uint64_t n;
};

// The 97.5% quantile of Student's t with df degrees of freedom. Exact to 1e-9 for df <= 30 (a
// table computed to 12 digits); above, a Cornish-Fisher expansion about the normal quantile to
// order 1/df^4, within 3e-8 of the exact value at df = 31 and closer as df grows.
// df == 0 gives +infinity.
double student_t_975(std::uint64_t df) noexcept;

// With n < 2 the spread is unknown: half_width is +infinity, lower -infinity and upper +infinity.
// With n == 0 the mean is NaN as well.
ConfidenceInterval mean_ci95(const RunningStats& stats) noexcept;
ConfidenceInterval mean_ci95(std::span<const double> values) noexcept;

// The Wilson score interval (95%) of a proportion from `successes` out of `n` trials: unlike the
// normal or t interval it stays inside [0, 1] and is not degenerate at 0 or n successes, which
// matters for a probability estimated from a few replications. n == 0: mean NaN, bounds 0 and 1.
ConfidenceInterval proportion_ci95(std::uint64_t successes, std::uint64_t n) noexcept;

}  // namespace gcmsim
