#pragma once
// A design is a plain table made before anything runs: one row per point, one column per
// parameter, each value the text its --set takes. The generators here know nothing of how the
// points will be run (executors know nothing of how the table was made).
//
// Sampled designs are drawn on the unit hypercube [0, 1)^k and then mapped to each parameter's
// range (uniform, log-uniform, integer) or levels (a value from the list, equally likely).
#include <cstdint>
#include <string>
#include <vector>

#include "experiments/sweep_spec.hpp"
#include "models/loader/diagnostics.hpp"

namespace gcmsim::experiments {

// Bounds of a design (docs/limits.md): a design's points are held in memory as text, about
// 100 bytes per point and parameter, so a million points of a few parameters stay below 1 GB.
inline constexpr std::size_t kMaxDesignPoints = 1'000'000;
inline constexpr std::size_t kMaxDesignTableBytes = std::size_t{64} << 20;
// Points x replications: the tables index each run (16 bytes) while they are written.
inline constexpr std::size_t kMaxSweepRuns = 10'000'000;

struct Design {
  std::vector<std::string> parameters;           // column names
  std::vector<std::vector<std::string>> points;  // rows: one value per parameter
  std::size_t size() const { return points.size(); }
};

using UnitSample = std::vector<std::vector<double>>;  // rows of k coordinates in [0, 1)

// Every combination of the parameters' levels once; the first parameter varies slowest.
Design grid_design(const std::vector<Parameter>& parameters);

// n points in k dimensions, exactly one in each of the n equal strata of every coordinate.
// centred puts each at its stratum's middle (Iman and Conover's "midpoint LHS"); maximin draws
// `candidates` random hypercubes and keeps the one whose closest pair of points is farthest apart
// (Johnson, Moore and Ylvisaker 1990). Seeded: the same seed gives the same sample.
UnitSample latin_hypercube(std::size_t n, std::size_t k, LhsCriterion criterion, int candidates, std::uint64_t seed);

// Saltelli's scheme (Saltelli 2002; Saltelli et al. 2010) for first-order and total Sobol indices
// of k inputs: N base rows of two independent matrices A and B, taken from a 2k-dimensional Sobol'
// low-discrepancy sequence (Joe and Kuo's direction numbers, as Boost.Random implements them; its
// first point, the origin, is skipped), then for each row j the points A_j, AB_j^(1..k) (A_j with
// coordinate i taken from B_j) and B_j: N (k + 2) rows in that order. With second order, the
// points BA_j^(1..k) (B_j with coordinate i taken from A_j) follow the AB_j: N (2k + 2) rows.
struct SaltelliLayout {
  std::size_t k = 0;
  bool second_order = false;
  std::size_t stride() const { return second_order ? 2 * k + 2 : k + 2; }
  std::size_t a(std::size_t j) const { return j * stride(); }
  std::size_t ab(std::size_t j, std::size_t i) const { return j * stride() + 1 + i; }
  std::size_t ba(std::size_t j, std::size_t i) const { return j * stride() + 1 + k + i; }  // second order only
  std::size_t b(std::size_t j) const { return j * stride() + stride() - 1; }
};
UnitSample saltelli_sample(std::size_t n, std::size_t k, bool second_order = false);
// Where the parts of row j lie in a first-order Saltelli sample of k inputs.
inline std::size_t saltelli_a(std::size_t j, std::size_t k) { return SaltelliLayout{k}.a(j); }
inline std::size_t saltelli_ab(std::size_t j, std::size_t i, std::size_t k) { return SaltelliLayout{k}.ab(j, i); }
inline std::size_t saltelli_b(std::size_t j, std::size_t k) { return SaltelliLayout{k}.b(j); }

// The value of parameter p at unit coordinate u, as --set text.
std::string value_at(const Parameter& p, double u);
Design map_unit_sample(const std::vector<Parameter>& parameters, const UnitSample& sample);

// A CSV of points made elsewhere (R, pandas): a header naming every parameter once (any order),
// then one row per point. Problems are reported with the file's line and column.
Design read_design_table(const std::string& path, const std::vector<Parameter>& parameters, loader::SourceFiles& files,
                         loader::Diagnostics& diagnostics, loader::Location named_at = {});
// The same from the table's text (what read_design_table does once the file is read).
Design parse_design_table(const std::string& path, const std::string& content, const std::vector<Parameter>& parameters,
                          loader::SourceFiles& files, loader::Diagnostics& diagnostics, loader::Location named_at);

// The design the spec asks for.
Design make_design(const SweepSpec& spec, loader::SourceFiles& files, loader::Diagnostics& diagnostics);

}  // namespace gcmsim::experiments
