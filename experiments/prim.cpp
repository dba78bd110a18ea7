#include "experiments/prim.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

#include <boost/math/distributions/binomial.hpp>
#include <fmt/format.h>

namespace gcmsim::experiments {
namespace {

using Matrix = std::vector<std::vector<double>>;

struct Counts {
  std::size_t runs = 0;
  std::size_t cases = 0;
  double density() const { return runs > 0 ? static_cast<double>(cases) / static_cast<double>(runs) : 0.0; }
};

bool inside(const std::vector<double>& row, const std::vector<PrimLimit>& limits) {
  for (std::size_t i = 0; i < row.size(); ++i) {
    if (row[i] < limits[i].low || row[i] > limits[i].high) return false;
  }
  return true;
}

Counts count(const Matrix& x, const std::vector<bool>& y, const std::vector<PrimLimit>& limits) {
  Counts c;
  for (std::size_t r = 0; r < x.size(); ++r) {
    if (inside(x[r], limits)) {
      ++c.runs;
      c.cases += y[r];
    }
  }
  return c;
}

PrimBox make_box(const std::vector<PrimLimit>& limits, Counts c, std::size_t runs, std::size_t cases, const std::vector<PrimLimit>& full) {
  PrimBox b;
  b.limits = limits;
  for (std::size_t i = 0; i < limits.size(); ++i) {
    b.limits[i].restricted_low = limits[i].low > full[i].low;
    b.limits[i].restricted_high = limits[i].high < full[i].high;
  }
  b.runs = c.runs;
  b.cases = c.cases;
  b.coverage = static_cast<double>(c.cases) / static_cast<double>(cases);
  b.density = c.density();
  b.support = static_cast<double>(c.runs) / static_cast<double>(runs);
  return b;
}

// The values of parameter i among the runs in the box, sorted.
std::vector<double> values_in(const Matrix& x, const std::vector<PrimLimit>& limits, std::size_t i) {
  std::vector<double> v;
  for (const auto& row : x) {
    if (inside(row, limits)) v.push_back(row[i]);
  }
  std::sort(v.begin(), v.end());
  return v;
}

// P[Binomial(n, p) >= k]
double at_least(std::size_t k, std::size_t n, double p) {
  if (k == 0) return 1.0;
  if (p <= 0) return 0.0;
  if (p >= 1) return 1.0;
  const boost::math::binomial_distribution<double> b(static_cast<double>(n), p);
  return boost::math::cdf(boost::math::complement(b, static_cast<double>(k) - 1));
}

}  // namespace

std::size_t PrimBox::restricted() const {
  std::size_t n = 0;
  for (const PrimLimit& l : limits) n += l.restricted_low || l.restricted_high;
  return n;
}

PrimResult prim(const Matrix& x, const std::vector<bool>& y, const PrimOptions& o) {
  if (x.empty() || x.size() != y.size()) throw std::invalid_argument("PRIM: no runs");
  const std::size_t k = x.front().size();
  PrimResult out;
  out.runs = x.size();
  out.cases = static_cast<std::size_t>(std::count(y.begin(), y.end(), true));
  if (out.cases == 0) throw std::invalid_argument("PRIM: no run has the outcome of interest; there is no box to find");

  std::vector<PrimLimit> full(k);
  for (std::size_t i = 0; i < k; ++i) {
    full[i].low = std::numeric_limits<double>::infinity();
    full[i].high = -std::numeric_limits<double>::infinity();
    for (const auto& row : x) {
      full[i].low = std::min(full[i].low, row[i]);
      full[i].high = std::max(full[i].high, row[i]);
    }
  }
  std::vector<PrimLimit> box = full;
  Counts now = count(x, y, box);
  out.trajectory.push_back(make_box(box, now, out.runs, out.cases, full));

  // Peeling.
  const auto min_runs = static_cast<std::size_t>(std::ceil(o.min_support * static_cast<double>(out.runs)));
  while (now.runs > min_runs) {
    std::optional<std::vector<PrimLimit>> best;
    Counts best_counts;
    for (std::size_t i = 0; i < k; ++i) {
      const std::vector<double> v = values_in(x, box, i);
      if (v.front() == v.back()) continue;
      const auto at = static_cast<std::size_t>(std::floor(o.alpha * static_cast<double>(v.size() - 1)));
      for (const bool low_side : {true, false}) {
        std::vector<PrimLimit> candidate = box;
        if (low_side) {
          // Keep values strictly above the alpha quantile (at least one distinct value is removed).
          const double cut = v[at];
          const auto next = std::upper_bound(v.begin(), v.end(), cut);
          if (next == v.end()) continue;
          candidate[i].low = *next;
        } else {
          const double cut = v[v.size() - 1 - at];
          const auto prev = std::lower_bound(v.begin(), v.end(), cut);
          if (prev == v.begin()) continue;
          candidate[i].high = *(prev - 1);
        }
        const Counts c = count(x, y, candidate);
        if (c.runs < min_runs || c.runs == 0) continue;
        // Highest density; among equals, the peel that keeps more runs.
        if (!best || c.density() > best_counts.density() || (c.density() == best_counts.density() && c.runs > best_counts.runs)) {
          best = candidate;
          best_counts = c;
        }
      }
    }
    if (!best) break;
    box = *best;
    now = best_counts;
    out.trajectory.push_back(make_box(box, now, out.runs, out.cases, full));
  }

  // The chosen box: the densest covering at least min_coverage of the cases (the whole space, at
  // worst: it covers them all).
  for (std::size_t t = 0; t < out.trajectory.size(); ++t) {
    const PrimBox& b = out.trajectory[t];
    // Strictly denser: among equally dense boxes the first, which covers the most.
    if (b.coverage >= o.min_coverage && b.density > out.trajectory[out.chosen].density) out.chosen = t;
  }
  box = out.trajectory[out.chosen].limits;
  now = count(x, y, box);

  // Pasting: push a side back out by alpha of the box's runs while that raises the density.
  for (bool improved = true; improved;) {
    improved = false;
    std::optional<std::vector<PrimLimit>> best;
    Counts best_counts = now;
    for (std::size_t i = 0; i < k; ++i) {
      const auto extra = std::max<std::size_t>(1, static_cast<std::size_t>(o.alpha * static_cast<double>(now.runs)));
      for (const bool low_side : {true, false}) {
        // The values just outside this side, among runs inside the box on every other parameter.
        std::vector<PrimLimit> others = box;
        if (low_side) others[i].low = full[i].low; else others[i].high = full[i].high;
        std::vector<double> outside;
        for (const auto& row : x) {
          if (!inside(row, others)) continue;
          if (low_side ? row[i] < box[i].low : row[i] > box[i].high) outside.push_back(row[i]);
        }
        if (outside.empty()) continue;
        std::sort(outside.begin(), outside.end());
        std::vector<PrimLimit> candidate = box;
        if (low_side) candidate[i].low = outside[outside.size() - std::min(extra, outside.size())];
        else candidate[i].high = outside[std::min(extra, outside.size()) - 1];
        const Counts c = count(x, y, candidate);
        if (c.density() > best_counts.density()) {
          best = candidate;
          best_counts = c;
        }
      }
    }
    if (best) {
      box = *best;
      now = best_counts;
      improved = true;
    }
  }

  for (std::size_t i = 0; i < k; ++i) {
    box[i].restricted_low = box[i].low > full[i].low;
    box[i].restricted_high = box[i].high < full[i].high;
    for (const bool low_side : {true, false}) {
      if (!(low_side ? box[i].restricted_low : box[i].restricted_high)) continue;
      std::vector<PrimLimit> without = box;
      if (low_side) without[i].low = full[i].low; else without[i].high = full[i].high;
      const double qp = at_least(now.cases, now.runs, count(x, y, without).density());
      (low_side ? box[i].qp_low : box[i].qp_high) = qp;
    }
  }
  out.box = make_box(box, now, out.runs, out.cases, full);
  return out;
}

}  // namespace gcmsim::experiments
