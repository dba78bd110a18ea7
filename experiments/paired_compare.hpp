#pragma once
// A what-if against its baseline on common random numbers, one replication pair at a time: the one
// implementation behind `gcmsim compare` and `gcmsim serve`, so that both give the same numbers.
// Pair k simulates replication k of both sides with one seed (output/compare.hpp says why that
// pairs them); pairs may run on any threads in any order, and reach the PairedComparison in
// replication order, so its sums (and compare.csv) are the same bytes for any thread count.
#include <cstdint>
#include <functional>
#include <memory>
#include <utility>

#include "engine/in_order.hpp"
#include "models/run/simulate.hpp"
#include "output/compare.hpp"

namespace gcmsim::experiments {

class PairedCompare {
 public:
  // Called once per pair, on the thread that ran it, with both runs' results (any order of k).
  using PairHook = std::function<void(std::size_t replication, const model::RunResults& base,
                                      const model::RunResults& whatif)>;

  PairedCompare(std::shared_ptr<const sim::PreparedScenario> base, std::shared_ptr<const sim::PreparedScenario> whatif,
                std::uint64_t seed, std::size_t replications, PairHook hook = {});

  // Runs pair `replication` (0 <= replication < replications()); thread-safe, each pair once.
  void run_pair(std::size_t replication);
  // Pairs added to the comparison so far (in order: 0 .. pairs_done()-1).
  std::size_t pairs_done() const;
  bool complete() const { return pairs_done() == replications_; }

  // Read after complete() (or under no concurrent run_pair).
  const output::PairedComparison& comparison() const { return comparison_; }
  const sim::PreparedScenario& base() const { return *base_; }
  const sim::PreparedScenario& whatif() const { return *whatif_; }
  std::uint64_t seed() const { return seed_; }
  std::size_t replications() const { return replications_; }

 private:
  std::shared_ptr<const sim::PreparedScenario> base_;
  std::shared_ptr<const sim::PreparedScenario> whatif_;
  std::uint64_t seed_;
  std::size_t replications_;
  PairHook hook_;
  output::PairedComparison comparison_;
  using Pair = std::pair<sim::RunMetrics, sim::RunMetrics>;
  InOrder<Pair, std::function<void(std::size_t, Pair&&)>> in_order_;  // pairs reach comparison_ in replication order
};

// Derives the what-if from the base in memory: `overrides` then `operations` ("K=V", "shift K=+Nw",
// "scale K=F", in order), as `gcmsim compare` does.
sim::Preparation derive_whatif(const sim::PreparedScenario& base, const std::vector<std::string>& overrides,
                               const std::vector<std::string>& operations);

}  // namespace gcmsim::experiments
