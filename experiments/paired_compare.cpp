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
      comparison_(base_->metric_catalog(), whatif_->metric_catalog()),
      in_order_([this](std::size_t, Pair&& pair) { comparison_.add(pair.first, pair.second); }) {}

void PairedCompare::run_pair(std::size_t replication) {
  if (replication >= replications_) throw std::out_of_range("PairedCompare::run_pair: no such replication");
  // Same seed, same replication: the same streams on both sides.
  const sim::RunSpec spec{seed_, replication, nullptr, nullptr};
  const model::RunResults b = sim::simulate(*base_, spec);
  const model::RunResults w = sim::simulate(*whatif_, spec);
  if (hook_) hook_(replication, b, w);
  in_order_.add(replication, Pair{sim::metrics(*base_, b), sim::metrics(*whatif_, w)});
}

std::size_t PairedCompare::pairs_done() const { return in_order_.next(); }

sim::Preparation derive_whatif(const sim::PreparedScenario& base, const std::vector<std::string>& overrides,
                               const std::vector<std::string>& operations) {
  return base.with(overrides, operations);
}

}  // namespace gcmsim::experiments
