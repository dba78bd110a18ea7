#pragma once
// The sweep benchmark: a sweep of the baseline (10 points x R replications, 1,000 runs by default)
// run through the experiments library at -j1 and -j2, journal and tables included, against a
// reference measured in the same process: the same runs simulated and measured in a bare loop on
// one thread (no journal, no tables). The three are run in alternating rounds (bare, -j1, -j2;
// three rounds by default) and each ratio is the median of the rounds' ratios, so that a drift of
// the machine's speed during the benchmark (other work on a shared host) falls on both sides.
// Reports runs/s, the parallel efficiency (t1 / (2 t2)), the journal's overhead ((t1 - bare) /
// bare in wall-clock and in CPU time, and, measured inside the sweep, the time its threads spent
// journaling and writing tables), the time per replication, and peak memory after a small sweep
// and after the large ones (flat: no per-run results are kept).
#include <cstddef>
#include <string>

namespace gcmsim::bench {

struct SweepBenchResult {
  std::size_t runs = 0;
  double bare_seconds = 0.0;  // medians over the rounds
  double j1_seconds = 0.0;
  double j2_seconds = 0.0;
  double ms_per_replication = 0.0;   // bare loop, one thread
  double runs_per_s_j1 = 0.0;
  double runs_per_s_j2 = 0.0;
  double parallel_efficiency = 0.0;  // t1 / (2 t2)
  double journal_overhead = 0.0;     // (t1 - bare) / bare
  double cpu_ms_per_replication = 0.0;  // bare loop, CPU time of the process
  double journal_overhead_cpu = 0.0;   // the same ratio in CPU time: robust when other work shares the cores
  double journal_share = 0.0;          // (journaling + tables, timed inside the -j1 sweep) / bare
  std::size_t rounds = 0;
  double load_average = 0.0;           // 1-minute load when the benchmark ended: above the core count, wall figures are contended
  double rss_small_mb = 0.0;         // peak after a sweep of runs / 10
  double rss_large_mb = 0.0;         // peak after everything
};

// `scenario` is the base (the baseline by default); runs must be a multiple of 10.
SweepBenchResult bench_sweep(const std::string& scenario, std::size_t runs, std::size_t rounds = 3);

}  // namespace gcmsim::bench
