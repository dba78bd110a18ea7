#pragma once
// The terminal view of a comparison: what a planner reads on one screen after `gcmsim compare`.
// What moved (activities whose simulated dates changed, with both plans, both simulations, the
// slip difference and what the what-if's start waited for), participation by regional group and
// development status, the trust fund, the negotiation, and which files and --sets ran.
#include <string>

#include "models/run/prepared_scenario.hpp"
#include "models/run_results.hpp"
#include "output/compare.hpp"

namespace gcmsim::output {

struct CompareSides {
  const sim::PreparedScenario& base;
  const sim::PreparedScenario& whatif;
  const model::RunResults& base_first;    // replication 1 of each: what its start waited for
  const model::RunResults& whatif_first;
};

// At most about 60 lines of at most 100 columns; long lists are cut with "... and N more".
std::string compare_view(const CompareSides& sides, const PairedComparison& comparison, std::uint64_t seed);

}  // namespace gcmsim::output
