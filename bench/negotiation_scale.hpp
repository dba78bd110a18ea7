#pragma once
// The negotiation at scale: the baseline scenario with its 193 member states and with generated
// larger worlds (1,000 / 5,000 / 10,000 states, written to a data file the loader reads like any
// override). Each size runs in its own child process, so that its peak memory is its own; the
// reference is the 193-state run measured in the same call, and the report gives each size's time
// and memory per state against it (flat = linear in states).
#include <cstddef>
#include <string>
#include <vector>

namespace gcmsim::bench {

struct ScaleRun {
  std::size_t states = 0;
  double prepare_seconds = 0.0;  // load, check and set up (views, influence network): once per scenario
  double run_seconds = 0.0;      // one replication: simulate and metrics
  double peak_rss_mb = 0.0;      // the child's peak resident memory, everything included
  bool agreed = false;
  std::string error;             // non-empty when the child failed
};

// Writes `member_states` for `states` - 193 generated states (copies of real ones under unused
// three-letter codes, so every coalition and group grows in proportion) to `path`, as YAML.
void write_generated_states(const std::string& baseline_data, const std::string& path, std::size_t states);

// Runs the baseline `scenario` (its member-state data at `baseline_data`) at each size.
std::vector<ScaleRun> bench_negotiation_scale(const std::string& scenario, const std::string& baseline_data,
                                              const std::vector<std::size_t>& sizes);

}  // namespace gcmsim::bench
