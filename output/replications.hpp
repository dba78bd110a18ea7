#pragma once
// Results across replications of one scenario: every metric of the catalogue (models/run/
// run_metrics.hpp) as running statistics, fed one replication at a time, so memory does not grow
// with the number of replications.
//
// summary.csv, tidy: metric,group,mean,ci95_low,ci95_high,n; one row per metric of the catalogue,
// in its order (`gcmsim metrics --list` gives each one's unit and meaning). n is how many runs had
// a value: mean is empty when n = 0. The interval keeps to the metric's range: for a yes/no metric
// (agreed, trust_fund_ran_dry) it is the Wilson score interval of the proportion, which exists
// from one run; for any other it is the Student t interval over the runs (empty when n < 2, its
// width unknown), cut at the metric's bounds (a share at 0 and 1, a count or amount at 0), so that
// no interval claims 100.2% attendance or a negative amount. Shares and proportions have 4
// decimals, everything else 2. Metrics without a group have group "all" (an empty group would be
// NaN in pandas, and groupby drops NaN keys).
#include <string>
#include <vector>

#include "engine/statistics.hpp"
#include "models/run/run_metrics.hpp"
#include "models/setup/scenario_setup.hpp"

namespace gcmsim::output {

// The decimals a metric's numbers get in a CSV (replications.csv, compare.csv): proportions four
// (hundredths of a percent), everything else two.
int metric_decimals(const sim::MetricInfo& m);

class ReplicationSummary {
 public:
  explicit ReplicationSummary(const sim::MetricCatalog& catalog);

  // Add runs in replication order: the sums then do not depend on which thread finished first.
  void add(const sim::RunMetrics& run);
  std::size_t runs() const { return runs_; }

  // The interval of metric i, bounded as described above.
  ConfidenceInterval interval(std::size_t metric) const;
  const sim::MetricCatalog& catalog() const { return catalog_; }

  std::string csv() const;
  // The same table as text cells, header first: what csv() writes, for a client that shows the
  // numbers itself (the studio) and must show exactly summary.csv's.
  std::vector<std::vector<std::string>> rows() const;
  // For the terminal: the key metrics as "mean [low, high]", aligned; shares in %.
  std::string terminal(const model::ScenarioSetup& setup) const;

 private:
  const sim::MetricCatalog& catalog_;
  std::vector<RunningStats> stats_;
  std::vector<std::uint64_t> yes_;  // runs where a flag metric was 1
  std::size_t runs_ = 0;
};

}  // namespace gcmsim::output
