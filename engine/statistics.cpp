#include "engine/statistics.hpp"

#include <algorithm>
#include <array>
#include <cassert>
#include <cmath>
#include <limits>

namespace gcmsim {
namespace {

constexpr double kInfinity = std::numeric_limits<double>::infinity();

// t(0.975, df) for df = 1..30, computed to 12 significant digits by inverting the regularized
// incomplete beta function in 30-digit arithmetic. df = 1 is tan(0.475 pi); df = 2 is
// 0.95 / sqrt(2 * 0.975 * 0.025).
constexpr std::array<double, 30> kStudentT975 = {
    12.7062047362, 4.30265272975, 3.18244630528, 2.77644510520, 2.57058183564,  // df 1-5
    2.44691185114, 2.36462425159, 2.30600413520, 2.26215716280, 2.22813885199,  // df 6-10
    2.20098516009, 2.17881282967, 2.16036865646, 2.14478668792, 2.13144954556,  // df 11-15
    2.11990529922, 2.10981557783, 2.10092204024, 2.09302405441, 2.08596344727,  // df 16-20
    2.07961384473, 2.07387306790, 2.06865761042, 2.06389856163, 2.05953855275,  // df 21-25
    2.05552943864, 2.05183051648, 2.04840714180, 2.04522964213, 2.04227245630,  // df 26-30
};

constexpr double kNormal975 = 1.959963984540054;  // the standard normal's 97.5% quantile

}  // namespace

void RunningStats::add(double x) noexcept {
  ++n_;
  const double delta = x - mean_;
  mean_ += delta / static_cast<double>(n_);
  m2_ += delta * (x - mean_);
  min_ = std::min(min_, x);
  max_ = std::max(max_, x);
}

void RunningStats::merge(const RunningStats& other) noexcept {
  if (other.n_ == 0) return;
  if (n_ == 0) {
    *this = other;
    return;
  }
  const double n_a = static_cast<double>(n_);
  const double n_b = static_cast<double>(other.n_);
  const double n = n_a + n_b;
  const double delta = other.mean_ - mean_;
  mean_ += delta * (n_b / n);
  m2_ += other.m2_ + delta * delta * (n_a * n_b / n);
  n_ += other.n_;
  min_ = std::min(min_, other.min_);
  max_ = std::max(max_, other.max_);
}

double RunningStats::mean() const noexcept { return n_ == 0 ? kNaN : mean_; }

double RunningStats::variance() const noexcept {
  return n_ < 2 ? kNaN : m2_ / static_cast<double>(n_ - 1);
}

double RunningStats::stddev() const noexcept { return std::sqrt(variance()); }

double RunningStats::standard_error() const noexcept {
  return std::sqrt(variance() / static_cast<double>(n_));
}

double RunningStats::min() const noexcept { return n_ == 0 ? kNaN : min_; }

double RunningStats::max() const noexcept { return n_ == 0 ? kNaN : max_; }

TimeWeighted::TimeWeighted(SimTime start, double initial) noexcept
    : start_(start), last_(start), value_(initial), max_(initial), min_(initial) {}

void TimeWeighted::update(SimTime t, double value) noexcept {
  assert(t >= last_ && "TimeWeighted::update: time went backwards");
  area_ += value_ * static_cast<double>(t - last_);
  last_ = t;
  value_ = value;
  max_ = std::max(max_, value);
  min_ = std::min(min_, value);
}

double TimeWeighted::integral(SimTime until) const noexcept {
  assert(until >= last_ && "TimeWeighted::integral: window ends before the last update");
  return area_ + value_ * static_cast<double>(until - last_);
}

double TimeWeighted::mean(SimTime until) const noexcept {
  if (until == start_) return value_;
  return integral(until) / static_cast<double>(until - start_);
}

void Quantiles::add(double x) {
  assert(!std::isnan(x) && "Quantiles::add: NaN cannot be ordered");
  if (sorted_ && !values_.empty() && x < values_.back()) sorted_ = false;
  values_.push_back(x);
}

double Quantiles::quantile(double p) const {
  assert(p >= 0.0 && p <= 1.0);
  if (values_.empty()) return kNaN;
  if (!sorted_) {
    std::sort(values_.begin(), values_.end());
    sorted_ = true;
  }
  // Type 7: the p-quantile sits at position h = (n - 1) p of the sorted values, counted from 0,
  // and is interpolated linearly between its two neighbours.
  const std::size_t last = values_.size() - 1;
  const double h = static_cast<double>(last) * std::clamp(p, 0.0, 1.0);
  const auto below = static_cast<std::size_t>(std::floor(h));
  if (below >= last) return values_[last];
  const double fraction = h - static_cast<double>(below);
  return values_[below] + fraction * (values_[below + 1] - values_[below]);
}

double sample_quantile(std::span<const double> values, double p) {
  Quantiles q;
  q.reserve(values.size());
  for (const double x : values) q.add(x);
  return q.quantile(p);
}

double student_t_975(std::uint64_t df) noexcept {
  if (df == 0) return kInfinity;
  if (df <= kStudentT975.size()) return kStudentT975[df - 1];
  // Cornish-Fisher expansion of t in powers of 1/df around the normal quantile z.
  const double z = kNormal975;
  const double z2 = z * z;
  const double g1 = z * (z2 + 1.0) / 4.0;
  const double g2 = z * ((5.0 * z2 + 16.0) * z2 + 3.0) / 96.0;
  const double g3 = z * (((3.0 * z2 + 19.0) * z2 + 17.0) * z2 - 15.0) / 384.0;
  const double g4 =
      z * ((((79.0 * z2 + 776.0) * z2 + 1482.0) * z2 - 1920.0) * z2 - 945.0) / 92160.0;
  const double v = static_cast<double>(df);
  return z + (g1 + (g2 + (g3 + g4 / v) / v) / v) / v;
}

ConfidenceInterval mean_ci95(const RunningStats& stats) noexcept {
  const std::uint64_t n = stats.count();
  if (n < 2) return {stats.mean(), kInfinity, -kInfinity, kInfinity, n};
  const double mean = stats.mean();
  const double half_width = student_t_975(n - 1) * stats.standard_error();
  return {mean, half_width, mean - half_width, mean + half_width, n};
}

ConfidenceInterval mean_ci95(std::span<const double> values) noexcept {
  RunningStats stats;
  for (const double x : values) stats.add(x);
  return mean_ci95(stats);
}

ConfidenceInterval proportion_ci95(std::uint64_t successes, std::uint64_t n) noexcept {
  if (n == 0) return {std::numeric_limits<double>::quiet_NaN(), kInfinity, 0.0, 1.0, 0};
  constexpr double z = 1.959963984540054;  // the normal distribution's 97.5% quantile
  const double trials = static_cast<double>(n);
  const double p = static_cast<double>(successes) / trials;
  const double centre = (p + z * z / (2.0 * trials)) / (1.0 + z * z / trials);
  const double half = z / (1.0 + z * z / trials) * std::sqrt(p * (1.0 - p) / trials + z * z / (4.0 * trials * trials));
  return {p, half, std::max(0.0, centre - half), std::min(1.0, centre + half), n};
}

}  // namespace gcmsim
