#pragma once
// A sweep ready to run: its design made, the base scenario prepared once, every point checked (its
// sets applied to the prepared base in memory), the metrics to keep resolved in the catalogue, and
// the identity (hash) of the results it will produce. Runs are numbered in interleaved order:
// run r is point r mod P, replication r div P, so that the first P runs cover the whole design.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "experiments/design.hpp"
#include "experiments/run_series.hpp"
#include "experiments/sweep_spec.hpp"
#include "models/run/prepared_scenario.hpp"
#include "models/run/run_metrics.hpp"
#include "output/atomic_file.hpp"

namespace gcmsim::experiments {

struct RunCoordinates {
  std::size_t point = 0;
  std::uint64_t replication = 0;
};

class SweepPlan {
 public:
  SweepPlan(SweepSpec spec, Design design, std::shared_ptr<const sim::PreparedScenario> base,
            std::vector<sim::MetricInfo> metrics, std::vector<std::vector<std::size_t>> metric_index,
            std::vector<std::shared_ptr<const sim::PreparedScenario>> points);

  const SweepSpec& spec() const { return spec_; }
  const Design& design() const { return design_; }
  const sim::PreparedScenario& base() const { return *base_; }
  const std::vector<sim::MetricInfo>& metrics() const { return metrics_; }
  const std::string& hash() const { return hash_; }
  const std::vector<SeriesKind>& series() const { return series_; }

  std::size_t points() const { return design_.size(); }
  std::size_t replications() const { return static_cast<std::size_t>(spec_.replications); }
  std::size_t runs() const { return points() * replications(); }
  RunCoordinates coordinates(std::size_t run) const { return {run % points(), run / points()}; }
  // The seed of a point's runs: the sweep's (common random numbers), or mixed with the point.
  std::uint64_t seed(std::size_t point) const;

  // The --sets that make point p from the base.
  std::vector<std::string> point_sets(std::size_t point) const;
  // Point p prepared: kept from the check before the first run (prepared once per process).
  std::shared_ptr<const sim::PreparedScenario> point_scenario(std::size_t point) const;

  // Runs one run: a pure function of (prepared scenario, point, replication, seed). The values of
  // the kept metrics, in the order of metrics(), followed by its kept series flattened
  // (run_series.hpp; nothing when the sweep keeps none). With a keep_dir, also writes the run's
  // full outputs there, synced or left for the caller's next file-system sync (the journal's batches).
  std::vector<std::optional<double>> run(std::size_t run_index, const std::string& keep_dir = {},
                                         output::Durability durability = output::Durability::synced) const;

 private:
  SweepSpec spec_;
  Design design_;
  std::shared_ptr<const sim::PreparedScenario> base_;
  std::vector<sim::MetricInfo> metrics_;
  std::vector<std::vector<std::size_t>> metric_index_;  // per point: catalogue index of each kept metric
  std::vector<std::shared_ptr<const sim::PreparedScenario>> points_;  // each point, prepared once
  std::vector<SeriesKind> series_;
  std::vector<double> trust_fund_base_;                  // the base's contributions, for trust_fund_scale
  std::string hash_;
};

struct PlanResult {
  std::optional<SweepPlan> plan;
  loader::Diagnostics diagnostics;
  loader::SourceFiles files;
  std::string report;  // diagnostics formatted, plus the reports of invalid points
  bool ok() const { return plan.has_value(); }
};

// Prepared points kept for the runs (docs/limits.md): a point of the baseline weighs about 0.2 MB.
// A larger design is checked point by point, each prepared and dropped, and its runs prepare their
// point again as they start.
inline constexpr std::size_t kMaxKeptPoints = 2000;

// How much of the design plan_sweep checks: every point (before a sweep runs), or only the first
// `kProbedPoints` (sweep --dry-run, which answers in seconds for any design the schema accepts).
enum class PointCheck { every, probe };
inline constexpr std::size_t kProbedPoints = 5;

// Prepares the base, makes the design and checks its points before anything runs. `threads`
// prepare points in parallel. `replications`, when set, replaces the file's.
PlanResult plan_sweep(const SweepSpec& spec, std::optional<int> replications = std::nullopt, unsigned threads = 1,
                      PointCheck check = PointCheck::every);

}  // namespace gcmsim::experiments
