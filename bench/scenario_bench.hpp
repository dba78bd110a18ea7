#pragma once
// The full-scenario benchmark: one process runs the scenario R times, each replication simulated
// and its outputs written (to a temporary folder, one sync of them all at the end, included), and reports the time per replication, events per
// second and peak memory. As a reference measured in the same run on the same machine, it times the
// bare kernel on a small PHOLD: the ratio says how much of the kernel's raw speed the model keeps.
#include <cstdint>
#include <string>

#include "models/run/prepared_scenario.hpp"

namespace gcmsim::bench {

struct ScenarioBenchResult {
  int replications = 0;
  double seconds = 0.0;
  double ms_per_replication = 0.0;
  double replications_per_s = 0.0;
  std::uint64_t events = 0;  // all replications
  double events_per_s = 0.0;
  double kernel_events_per_s = 0.0;  // PHOLD reference, same run
  double peak_rss_mb = 0.0;
  double checksum = 0.0;  // of the metrics, so the compiler cannot drop them
};

// Each replication goes through the run facade exactly as `gcmsim run` does: sim::simulate, the
// metrics, and write_run with a full manifest.
ScenarioBenchResult bench_scenario(const sim::PreparedScenario& prepared, int replications);

}  // namespace gcmsim::bench
