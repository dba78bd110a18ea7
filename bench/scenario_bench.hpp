#pragma once
// The full-scenario benchmark: one process runs the scenario R times in three ways, in rotating
// order within each replication so that the machine's load falls on all three alike: simulated
// and measured only (metrics, as a sweep does); with the outputs the scenario writes by default;
// and with every output (daily positions included). Outputs are written as `run -r R` writes them,
// to a temporary folder, deferred and put on disk by one sync at the end (timed apart). It
// reports the time per replication of each and the bytes each writes. As a reference measured in
// the same run on the same machine, it times the bare kernel on a small PHOLD: the ratio says how
// much of the kernel's raw speed the model keeps.
#include <cstdint>
#include <string>

#include "models/run/prepared_scenario.hpp"

namespace gcmsim::bench {

struct ScenarioBenchResult {
  int replications = 0;
  double seconds = 0.0;                  // the whole benchmark, the three ways and the sync
  double ms_simulate = 0.0;              // per replication: simulation and metrics only
  double ms_per_replication = 0.0;       // per replication: with the default outputs (as `run -r` writes)
  double ms_every_output = 0.0;          // per replication: with every output
  double ms_sync = 0.0;                  // the one sync of everything written, at the end
  double bytes_per_replication = 0.0;    // the default outputs, manifest included
  double bytes_every_output = 0.0;
  double replications_per_s = 0.0;      // with the default outputs
  std::uint64_t events = 0;              // per way, all replications
  double events_per_s = 0.0;             // simulation only
  double kernel_events_per_s = 0.0;      // PHOLD reference, same run
  double peak_rss_mb = 0.0;
  double load_average = 0.0;            // 1 min, at the end: above the cores, the times are contended
  double checksum = 0.0;                 // of the metrics, so the compiler cannot drop them
};

// Each replication goes through the run facade exactly as `gcmsim run` does: sim::simulate, the
// metrics, and write_run with a full manifest.
ScenarioBenchResult bench_scenario(const sim::PreparedScenario& prepared, int replications);

}  // namespace gcmsim::bench
