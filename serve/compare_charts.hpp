#pragma once
// What the studio draws from a compare beyond compare.csv's means: the trust fund's balance over
// time, the dissent from the draft round by round, the round of agreement and who left or
// dissociated, each across every replication of both sides. Filled pair by pair on the worker
// threads (stored by replication, summed in replication order: the same numbers whatever the
// threads), read once when the compare is complete.
#include <chrono>
#include <mutex>
#include <optional>
#include <vector>

#include <nlohmann/json.hpp>

#include "experiments/paired_compare.hpp"

namespace gcmsim::serve {

class CompareCharts {
 public:
  CompareCharts(const sim::PreparedScenario& base, const sim::PreparedScenario& whatif, std::size_t replications);

  void add(std::size_t replication, const model::RunResults& base, const model::RunResults& whatif);

  // {gantt, participation, trust_fund, negotiation, fingerprints}: see docs/serve.md.
  nlohmann::json json(const experiments::PairedCompare& compare) const;

 private:
  struct Side {
    std::vector<double> balance;         // at each date of the weekly grid
    std::vector<double> dissent;         // mean dissent at the end of each round, in order
    std::vector<std::size_t> rounds;     // the activity of each
    std::optional<std::size_t> agreed;   // the round (activity) the text was agreed at
    std::vector<std::size_t> left, dissociated;  // member-state indices
    std::string fingerprint;
  };
  Side measure(const sim::PreparedScenario& prepared, const model::RunResults& results) const;

  const sim::PreparedScenario& base_;
  const sim::PreparedScenario& whatif_;
  std::vector<std::chrono::sys_days> grid_;
  mutable std::mutex mutex_;
  std::vector<std::optional<std::pair<Side, Side>>> pairs_;
};

}  // namespace gcmsim::serve
