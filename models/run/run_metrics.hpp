#pragma once
// Per-run metrics: typed, named scalars that a researcher sweeps over and a planner compares. Each
// has a name, a group ("all" or an activity id, regional group, status), a unit, a one-line
// description and a kind that says what values it can take; writers, sweeps, comparisons and
// Python read them from the catalogue, so none of them hard-codes a metric.
//
// The catalogue depends on the scenario alone (one slip per activity, negotiation metrics only
// when there is a negotiation), so every run of a scenario has the same metrics in the same order.
// A metric without a value in a run (a document that never finished, a fund that never ran dry,
// a text never agreed) is absent, not zero.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "models/run_results.hpp"
#include "models/setup/scenario_setup.hpp"

namespace gcmsim::sim {

enum class MetricKind {
  count,   // a whole number >= 0
  share,   // a proportion within a run, 0-1
  flag,    // yes (1) or no (0) in a run; across runs its mean is a probability
  days,    // a signed number of days (slips)
  day,     // a date, as days since the scenario's epoch
  amount,  // money, >= 0
  number,  // anything else
};
std::string_view to_string(MetricKind kind);

struct MetricInfo {
  std::string name;   // e.g. "slip_days"
  std::string group;  // e.g. "ts3", "african", or "all"
  std::string unit;
  std::string description;
  MetricKind kind = MetricKind::number;

  // "slip_days.ts3", or the name alone for group "all": the column name in runs.csv.
  std::string key() const { return group == "all" ? name : name + "." + group; }
  // A proportion (a share within a run, or a flag's mean across runs): shown as a percentage.
  bool is_proportion() const { return kind == MetricKind::share || kind == MetricKind::flag; }
  // The range its values (and the ends of its intervals) keep to.
  std::optional<double> lower() const;
  std::optional<double> upper() const;
};

class MetricCatalog {
 public:
  MetricCatalog() = default;
  explicit MetricCatalog(std::vector<MetricInfo> metrics);

  const std::vector<MetricInfo>& list() const { return metrics_; }
  std::size_t size() const { return metrics_.size(); }
  const MetricInfo& operator[](std::size_t i) const { return metrics_[i]; }
  std::optional<std::size_t> find(std::string_view key) const;

 private:
  std::vector<MetricInfo> metrics_;
  std::unordered_map<std::string, std::size_t> by_key_;
};

// One run's values, by index in the catalogue.
struct RunMetrics {
  std::vector<std::optional<double>> values;
};

MetricCatalog describe_metrics(const model::ScenarioSetup& setup);
// Values in the order of describe_metrics(setup).
RunMetrics measure(const model::ScenarioSetup& setup, const model::RunResults& results);

}  // namespace gcmsim::sim
