#pragma once
// A what-if against its baseline, replication by replication. Replication k of both runs uses the
// same seed and replication number, hence the same random streams wherever both scenarios draw
// from the same named stream (common random numbers, RunSpec in models/run/simulate.hpp): the
// noise the two share cancels in their difference, and the interval of the paired difference is
// narrower than the one of two independent samples.
//
// What breaks the pairing: a stream is named after what draws from it (an activity, a meeting, a
// state), so an activity the what-if adds or removes draws numbers the baseline does not, and
// everything that depends on it is paired only loosely; a different --seed for one side breaks
// it entirely (compare always uses one seed for both).
//
// Metrics are matched by key (slip_days.ts3): a metric only one side has (an added round) gets its
// mean on that side and no difference. The library is independent of the CLI so that the Python
// module can compare too.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/statistics.hpp"
#include "models/run/run_metrics.hpp"

namespace gcmsim::output {

// One metric of the comparison.
struct MetricComparison {
  std::string key;  // MetricInfo::key()
  const sim::MetricInfo* info = nullptr;  // from the what-if's catalogue when it has the metric
  std::optional<std::size_t> base_index;
  std::optional<std::size_t> whatif_index;
  RunningStats base;
  RunningStats whatif;
  RunningStats difference;  // what-if minus baseline, over replications where both have a value
};

class PairedComparison {
 public:
  // The catalogues must outlive the comparison.
  PairedComparison(const sim::MetricCatalog& base, const sim::MetricCatalog& whatif);

  // Replication k of both, in replication order (the sums then do not depend on thread timing).
  void add(const sim::RunMetrics& base, const sim::RunMetrics& whatif);
  std::size_t pairs() const { return pairs_; }

  const std::vector<MetricComparison>& metrics() const { return metrics_; }
  const MetricComparison* find(const std::string& key) const;

  // The 95% Student t interval of the mean paired difference, cut at the difference's bounds
  // (a share or a flag differs by -1 to 1): n < 2 gives an unknown width (infinite), zero spread a
  // zero width.
  static ConfidenceInterval paired_interval(const MetricComparison& m);
  // The interval Welch's t would give if the two samples were independent: what the pairing saves.
  static ConfidenceInterval unpaired_interval(const MetricComparison& m);
  // The paired interval is known and lies wholly above or below 0.
  static bool excludes_zero(const MetricComparison& m);

  // compare.csv: metric,group,unit,base_mean,whatif_mean,difference,ci95_low,ci95_high,n,
  // excludes_zero; one row per metric of either catalogue (the what-if's order, then the
  // baseline's metrics the what-if lacks). n counts the replications where both had a value.
  // A day metric (an activity's start, the agreement's day) has its mean as an ISO date in
  // base_date and whatif_date (base_mean and whatif_mean empty, unit "days moved"): the difference
  // and its interval stay in days. Days count from each side's calendar epoch.
  std::string csv(std::chrono::year_month_day base_epoch, std::chrono::year_month_day whatif_epoch) const;
  // The same table as text cells, header first: what csv() writes, for a client that shows the
  // numbers itself (the studio) and must show exactly compare.csv's.
  std::vector<std::vector<std::string>> rows(std::chrono::year_month_day base_epoch,
                                             std::chrono::year_month_day whatif_epoch) const;

 private:
  std::vector<MetricComparison> metrics_;
  std::size_t pairs_ = 0;
};

}  // namespace gcmsim::output
