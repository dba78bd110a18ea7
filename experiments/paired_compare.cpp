#include "experiments/paired_compare.hpp"

#include <stdexcept>
#include <utility>

namespace gcmsim::experiments {

PairedCompare::PairedCompare(std::shared_ptr<const sim::PreparedScenario> base,
                             std::shared_ptr<const sim::PreparedScenario> whatif, std::uint64_t seed,
                             std::size_t replications, PairHook hook)
    : base_(std::move(base)),
      whatif_(std::move(whatif)),
      seed_(seed),
      replications_(replications),
      hook_(std::move(hook)),
      comparison_(base_->metric_catalog(), whatif_->metric_catalog()) {}

void PairedCompare::run_pair(std::size_t replication) {
  if (replication >= replications_) throw std::out_of_range("PairedCompare::run_pair: no such replication");
  // Same seed, same replication: the same streams on both sides.
  const sim::RunSpec spec{seed_, replication, nullptr, nullptr};
  const model::RunResults b = sim::simulate(*base_, spec);
  const model::RunResults w = sim::simulate(*whatif_, spec);
  if (hook_) hook_(replication, b, w);
  sim::RunMetrics mb = sim::metrics(*base_, b);
  sim::RunMetrics mw = sim::metrics(*whatif_, w);
  const std::lock_guard lock(mutex_);
  waiting_.emplace(replication, std::pair{std::move(mb), std::move(mw)});
  for (auto it = waiting_.find(next_); it != waiting_.end(); it = waiting_.find(next_)) {
    comparison_.add(it->second.first, it->second.second);
    waiting_.erase(it);
    ++next_;
  }
}

std::size_t PairedCompare::pairs_done() const {
  const std::lock_guard lock(mutex_);
  return next_;
}

sim::Preparation derive_whatif(const sim::PreparedScenario& base, const std::vector<std::string>& overrides,
                               const std::vector<std::string>& operations) {
  return base.with(overrides, operations);
}

}  // namespace gcmsim::experiments
