#pragma once
// PRIM scenario discovery (Friedman and Fisher 1999, "Bump hunting in high-dimensional data"; as
// EMA Workbench uses it, Bryant and Lempert 2010): which box of the parameter space holds the runs
// with an outcome of interest (no agreement, fewer than 150 adopting)?
//
// Peeling: starting from the box of every run, repeatedly remove the slice (a fraction `alpha` of
// the runs still in the box, at the low or high end of one parameter) whose removal leaves the
// highest density of cases, until fewer than `min_support` of the runs remain: a trajectory of
// ever smaller, denser boxes (the coverage-density trade-off). Coverage = cases in the box / all
// cases; density = cases in the box / runs in the box. A box is chosen from the trajectory (the
// densest one still covering `min_coverage` of the cases), then pasted: a side is pushed back out
// by alpha while that raises the density. Each limit's significance is a quasi-p-value (Bryant and
// Lempert 2010): the one-sided binomial probability of at least the box's cases among its runs if
// the density were that of the box without this limit; a large value says the limit matters little.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace gcmsim::experiments {

struct PrimOptions {
  double alpha = 0.05;        // share of the box's runs peeled or pasted at a step
  double min_support = 0.05;  // stop peeling below this share of all runs in the box
  double min_coverage = 0.8;  // the chosen box: the densest covering at least this share of cases
};

struct PrimLimit {
  double low = 0.0;
  double high = 0.0;
  bool restricted_low = false;   // low is above the smallest value of the parameter
  bool restricted_high = false;
  double qp_low = 1.0;           // quasi-p-value of each restricted side
  double qp_high = 1.0;
};

struct PrimBox {
  std::vector<PrimLimit> limits;  // per parameter
  std::size_t runs = 0;           // in the box
  std::size_t cases = 0;          // in the box with the outcome of interest
  double coverage = 0.0;
  double density = 0.0;
  double support = 0.0;           // runs in the box / all runs
  std::size_t restricted() const;
};

struct PrimResult {
  std::vector<PrimBox> trajectory;  // from the whole space to the last peel
  std::size_t chosen = 0;           // index in the trajectory of the box that was pasted
  PrimBox box;                      // the chosen box, pasted, with its quasi-p-values
  std::size_t runs = 0;
  std::size_t cases = 0;
};

// x: runs x parameters (finite numbers); y: whether each run has the outcome of interest.
// Throws std::invalid_argument when there are no runs or no cases.
PrimResult prim(const std::vector<std::vector<double>>& x, const std::vector<bool>& y, const PrimOptions& options = {});

}  // namespace gcmsim::experiments
