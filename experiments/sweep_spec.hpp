#pragma once
// A sweep as its file describes it (scenarios/schema/sweep.schema.json, docs/experiments.md): the
// base scenario, the parameters and their levels or ranges, the design, replications, seed,
// streams and the metrics to keep. Read from YAML with the scenario loader's machinery (source
// locations, the schema check, compiler-style diagnostics) or from a JSON value in memory (the
// Python module, calibration).
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "models/loader/diagnostics.hpp"
#include "models/loader/source_map.hpp"
#include "models/run/prepared_scenario.hpp"

namespace gcmsim::experiments {

enum class RangeScale { uniform, log_uniform, integer };

struct Range {
  double min = 0.0;
  double max = 1.0;
  RangeScale scale = RangeScale::uniform;
  int steps = 0;  // grid only: evenly spaced levels from min to max
};

// A distribution a sampled design (latin_hypercube, sobol) draws a parameter from, through its
// inverse CDF on the design's uniform draws: the strata of a Latin hypercube become strata of equal
// probability, and Sobol's low-discrepancy points keep their balance.
enum class DistributionKind { normal, triangular };

struct Distribution {
  DistributionKind kind = DistributionKind::normal;
  double mean = 0.0;  // normal
  double sd = 1.0;    // normal
  // normal: the bounds it is truncated to (infinite when not given); triangular: its support.
  double min = -std::numeric_limits<double>::infinity();
  double max = std::numeric_limits<double>::infinity();
  double mode = 0.0;  // triangular
};

// A named shorthand that expands to several --sets computed from the base scenario.
enum class Shorthand { none, trust_fund_scale };

struct Parameter {
  std::string name;
  std::vector<std::string> paths;    // --set paths, each given the point's value
  Shorthand shorthand = Shorthand::none;
  std::vector<std::string> levels;   // as YAML scalars, e.g. "3", "first_come"
  std::optional<Range> range;
  std::optional<Distribution> distribution;
  loader::Location at;               // where the parameter is written, for messages
};

enum class DesignKind { grid, latin_hypercube, sobol, table, morris };
enum class LhsCriterion { maximin, centred };

struct DesignSpec {
  DesignKind kind = DesignKind::grid;
  std::size_t points = 0;           // latin_hypercube
  LhsCriterion criterion = LhsCriterion::maximin;
  int candidates = 100;             // latin_hypercube maximin
  std::size_t samples = 0;          // sobol: N
  int bootstrap = 1000;             // sobol
  bool second_order = false;        // sobol: also the BA_i points and second-order indices
  double max_width = 0.2;           // sobol: an index whose interval is wider is flagged
  std::size_t trajectories = 0;     // morris: r
  int grid_levels = 4;              // morris: p, the levels of its grid
  std::string file;                 // table, resolved against the sweep's folder
  std::uint64_t seed = 0;           // the design's own draws
  loader::Location file_at;
};

enum class Streams { common, independent };

struct SweepSpec {
  std::string path;                 // the sweep file ("<memory>" when parsed from a value)
  std::string name;
  sim::ScenarioSource base;         // scenario path resolved against the sweep's folder
  std::vector<Parameter> parameters;
  DesignSpec design;
  int replications = 1;
  std::uint64_t seed = 1;
  Streams streams = Streams::common;
  std::vector<std::string> metrics;  // catalogue keys; empty = all
  std::vector<loader::Location> metric_at;
  std::vector<std::string> series;   // time series kept per run (run_series.hpp), in results.sqlite
  std::string text;                  // the canonical JSON of the sweep, hashed into the results' identity
  loader::SourceFiles files;         // the sweep's text, so that later checks can point into it
};

struct SweepReading {
  std::optional<SweepSpec> spec;
  loader::Diagnostics diagnostics;
  loader::SourceFiles files;
  bool ok() const { return spec.has_value(); }
  std::string error_report() const { return diagnostics.format(files); }
};

// Reads and checks a sweep file. Paths inside it are relative to its folder.
SweepReading read_sweep(const std::string& path);
// The same from a value in memory (a parsed dict); relative paths are resolved against `folder`.
SweepReading parse_sweep(const nlohmann::json& sweep, const std::string& folder);
// The same from YAML text in memory, shown in messages as `display_name` (the Python module writes
// a dict out one key a line so that its errors have a line and column to point at).
SweepReading read_sweep_text(std::string_view text, const std::string& display_name, const std::string& folder);

std::string_view sweep_schema_text();
const nlohmann::json& sweep_schema();

}  // namespace gcmsim::experiments
