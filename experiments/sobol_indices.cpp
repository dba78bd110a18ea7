#include "experiments/sobol_indices.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "engine/bootstrap.hpp"
#include "engine/random_streams.hpp"
#include "engine/statistics.hpp"
#include "experiments/design.hpp"

namespace gcmsim::experiments {
namespace {


// One base row's outputs, centred.
struct Row {
  double a;
  double b;
  std::vector<double> ab;
  std::vector<double> ba;  // second order only
};

struct Estimates {
  std::vector<double> first, total;
  std::vector<std::vector<double>> second;  // [i][j], i < j
};

// Every index over the given rows (indices into `rows`, repeats allowed).
Estimates estimate(const std::vector<Row>& rows, const std::vector<std::size_t>& pick, std::size_t k, bool second_order) {
  Estimates e;
  e.first.assign(k, kNaN);
  e.total.assign(k, kNaN);
  if (second_order) e.second.assign(k, std::vector<double>(k, kNaN));
  RunningStats all;
  for (const std::size_t j : pick) {
    all.add(rows[j].a);
    all.add(rows[j].b);
  }
  const double v = all.variance();
  if (!(v > 0)) return e;
  const auto n = static_cast<double>(pick.size());
  for (std::size_t i = 0; i < k; ++i) {
    double s1 = 0;
    double st = 0;
    for (const std::size_t j : pick) {
      const Row& r = rows[j];
      s1 += r.b * (r.ab[i] - r.a);                 // Saltelli et al. 2010
      st += (r.a - r.ab[i]) * (r.a - r.ab[i]);     // Jansen 1999
    }
    e.first[i] = s1 / n / v;
    e.total[i] = st / n / (2 * v);
  }
  for (std::size_t i = 0; second_order && i < k; ++i) {
    for (std::size_t l = i + 1; l < k; ++l) {
      double closed = 0;  // Saltelli 2002: the closed second-order effect V_il, less both first orders
      for (const std::size_t j : pick) closed += rows[j].ba[i] * rows[j].ab[l] - rows[j].a * rows[j].b;
      e.second[i][l] = closed / n / v - e.first[i] - e.first[l];
    }
  }
  return e;
}

// Whether index i is ordered otherwise against some other input on the half sample than on the
// whole, among inputs the whole sample tells apart (more than `tie` between them).
bool rank_changed(const std::vector<double>& whole, const std::vector<double>& half, std::size_t i, double tie) {
  for (std::size_t j = 0; j < whole.size(); ++j) {
    if (j == i || !(std::abs(whole[i] - whole[j]) > tie)) continue;
    if (!std::isfinite(half[i]) || !std::isfinite(half[j])) return true;
    if ((whole[i] > whole[j]) != (half[i] > half[j])) return true;
  }
  return false;
}

IndexEstimate interval(double value, const PercentileInterval& boot, double max_width) {
  IndexEstimate e;
  e.value = value;
  e.low = boot.low;
  e.high = boot.high;
  e.half = kNaN;
  e.wide = !(e.high - e.low <= max_width);
  return e;
}

}  // namespace

bool SobolIndices::converged() const {
  if (constant) return false;
  const auto ok = [](const IndexEstimate& e) { return e.converged(); };
  return std::all_of(first.begin(), first.end(), ok) && std::all_of(total.begin(), total.end(), ok);
}

SobolIndices sobol_indices(const std::vector<double>& y, std::size_t k, const SobolOptions& options) {
  const SaltelliLayout at{k, options.second_order};
  const std::size_t n = y.size() / at.stride();
  std::vector<Row> rows;
  RunningStats level;  // every output used: its mean centres them, its range tells a constant
  for (std::size_t j = 0; j < n; ++j) {
    Row r{y[at.a(j)], y[at.b(j)], {}, {}};
    for (std::size_t i = 0; i < k; ++i) r.ab.push_back(y[at.ab(j, i)]);
    for (std::size_t i = 0; options.second_order && i < k; ++i) r.ba.push_back(y[at.ba(j, i)]);
    const auto finite = [](double x) { return std::isfinite(x); };
    if (!finite(r.a) || !finite(r.b) || !std::all_of(r.ab.begin(), r.ab.end(), finite) || !std::all_of(r.ba.begin(), r.ba.end(), finite)) continue;
    level.add(r.a);
    level.add(r.b);
    for (const double x : r.ab) level.add(x);
    for (const double x : r.ba) level.add(x);
    rows.push_back(std::move(r));
  }
  SobolIndices out;
  out.rows = rows.size();
  const IndexEstimate none{kNaN, kNaN, kNaN, kNaN, true, false};
  out.first.assign(k, none);
  out.total.assign(k, none);
  if (options.second_order) out.second.assign(k, std::vector<IndexEstimate>(k, none));
  if (rows.empty()) return out;
  if (level.min() == level.max()) {
    out.constant = level.min();
    return out;
  }
  if (rows.size() < 2) return out;
  const double centre = level.mean();
  for (Row& r : rows) {
    r.a -= centre;
    r.b -= centre;
    for (double& x : r.ab) x -= centre;
    for (double& x : r.ba) x -= centre;
  }

  std::vector<std::size_t> pick(rows.size());
  for (std::size_t j = 0; j < pick.size(); ++j) pick[j] = j;
  const Estimates whole = estimate(rows, pick, k, options.second_order);

  // The bootstrap's statistics, in one vector: S_i at i, ST_i at k + i, then S_il (i < l) in order.
  const std::size_t pairs = options.second_order ? k * (k - 1) / 2 : 0;
  RandomStream rng = RandomStreams(options.seed, 0).stream("sobol_bootstrap");
  const std::vector<PercentileInterval> boot = percentile_bootstrap(
      rows.size(), options.bootstrap, rng, 2 * k + pairs, [&](const std::vector<std::size_t>& resample, std::vector<double>& values) {
        const Estimates e = estimate(rows, resample, k, options.second_order);  // no variance: NaN, left out
        std::size_t pair = 2 * k;
        for (std::size_t i = 0; i < k; ++i) {
          values[i] = e.first[i];
          values[k + i] = e.total[i];
          for (std::size_t l = i + 1; options.second_order && l < k; ++l) values[pair++] = e.second[i][l];
        }
      });

  // The convergence check: the same estimators on the first half of the base rows (the first
  // N/2 points of a Sobol' sequence are themselves well spread).
  pick.resize(rows.size() / 2);
  for (std::size_t j = 0; j < pick.size(); ++j) pick[j] = j;
  const Estimates half = pick.size() >= 2 ? estimate(rows, pick, k, false) : Estimates{std::vector<double>(k, kNaN), std::vector<double>(k, kNaN), {}};

  std::size_t pair = 2 * k;
  for (std::size_t i = 0; i < k; ++i) {
    out.first[i] = interval(whole.first[i], boot[i], options.max_width);
    out.total[i] = interval(whole.total[i], boot[k + i], options.max_width);
    out.first[i].half = half.first[i];
    out.total[i].half = half.total[i];
    out.first[i].rank_changed = rank_changed(whole.first, half.first, i, options.tie);
    out.total[i].rank_changed = rank_changed(whole.total, half.total, i, options.tie);
    for (std::size_t l = i + 1; options.second_order && l < k; ++l) {
      out.second[i][l] = interval(whole.second[i][l], boot[pair++], options.max_width);
    }
  }
  return out;
}

}  // namespace gcmsim::experiments
