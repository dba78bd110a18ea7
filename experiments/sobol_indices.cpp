#include "experiments/sobol_indices.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "engine/random_streams.hpp"
#include "engine/statistics.hpp"
#include "experiments/design.hpp"

namespace gcmsim::experiments {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

struct Row {
  double a;
  double b;
  std::vector<double> ab;
};

// Both indices of every input over the given rows (indices into `rows`, repeats allowed).
void estimate(const std::vector<Row>& rows, const std::vector<std::size_t>& pick, std::size_t k, std::vector<double>& first,
              std::vector<double>& total) {
  RunningStats all;
  for (const std::size_t j : pick) {
    all.add(rows[j].a);
    all.add(rows[j].b);
  }
  const double v = all.variance();
  first.assign(k, kNaN);
  total.assign(k, kNaN);
  if (!(v > 0)) return;
  const auto n = static_cast<double>(pick.size());
  for (std::size_t i = 0; i < k; ++i) {
    double s1 = 0;
    double st = 0;
    for (const std::size_t j : pick) {
      const Row& r = rows[j];
      s1 += r.b * (r.ab[i] - r.a);
      st += (r.a - r.ab[i]) * (r.a - r.ab[i]);
    }
    first[i] = s1 / n / v;
    total[i] = st / n / (2 * v);
  }
}

double percentile(std::vector<double>& xs, double p) {
  std::erase_if(xs, [](double x) { return !std::isfinite(x); });
  if (xs.empty()) return kNaN;
  std::sort(xs.begin(), xs.end());
  const double pos = p * static_cast<double>(xs.size() - 1);
  const auto lo = static_cast<std::size_t>(std::floor(pos));
  const std::size_t hi = std::min(lo + 1, xs.size() - 1);
  return xs[lo] + (pos - static_cast<double>(lo)) * (xs[hi] - xs[lo]);
}

}  // namespace

SobolIndices sobol_indices(const std::vector<double>& y, std::size_t k, int bootstrap, std::uint64_t seed) {
  const std::size_t n = y.size() / (k + 2);
  std::vector<Row> rows;
  for (std::size_t j = 0; j < n; ++j) {
    Row r{y[saltelli_a(j, k)], y[saltelli_b(j, k)], {}};
    bool finite = std::isfinite(r.a) && std::isfinite(r.b);
    for (std::size_t i = 0; i < k; ++i) {
      r.ab.push_back(y[saltelli_ab(j, i, k)]);
      finite = finite && std::isfinite(r.ab.back());
    }
    if (finite) rows.push_back(std::move(r));
  }
  SobolIndices out;
  out.rows = rows.size();
  out.first.resize(k, {kNaN, kNaN, kNaN});
  out.total.resize(k, {kNaN, kNaN, kNaN});
  if (rows.size() < 2) return out;

  std::vector<std::size_t> pick(rows.size());
  for (std::size_t j = 0; j < pick.size(); ++j) pick[j] = j;
  std::vector<double> first, total;
  estimate(rows, pick, k, first, total);

  std::vector<std::vector<double>> boot_first(k), boot_total(k);
  RandomStream rng = RandomStreams(seed, 0).stream("sobol_bootstrap");
  for (int b = 0; b < bootstrap; ++b) {
    for (std::size_t& j : pick) j = rng.uniform_index(rows.size());
    std::vector<double> f, t;
    estimate(rows, pick, k, f, t);
    for (std::size_t i = 0; i < k; ++i) {
      boot_first[i].push_back(f[i]);
      boot_total[i].push_back(t[i]);
    }
  }
  for (std::size_t i = 0; i < k; ++i) {
    out.first[i] = {first[i], percentile(boot_first[i], 0.025), percentile(boot_first[i], 0.975)};
    out.total[i] = {total[i], percentile(boot_total[i], 0.025), percentile(boot_total[i], 0.975)};
  }
  return out;
}

}  // namespace gcmsim::experiments
