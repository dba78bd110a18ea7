#include "bench/scenario_bench.hpp"

#include <chrono>
#include <filesystem>
#include <sys/resource.h>
#include <unistd.h>

#include <fmt/format.h>

#include "bench/phold.hpp"
#include "models/run/simulate.hpp"
#include "output/atomic_file.hpp"
#include "output/run_writer.hpp"

namespace gcmsim::bench {

ScenarioBenchResult bench_scenario(const sim::PreparedScenario& prepared, int replications) {
  namespace fs = std::filesystem;
  const fs::path out = fs::temp_directory_path() / ("gcmsim-bench-" + std::to_string(::getpid()));
  ScenarioBenchResult result;
  result.replications = replications;
  const auto start = std::chrono::steady_clock::now();
  double checksum = 0.0;  // keeps the metrics from being optimised away
  for (int r = 0; r < replications; ++r) {
    const auto run_start = std::chrono::steady_clock::now();
    const model::RunResults run = sim::simulate(prepared, sim::default_spec(prepared, static_cast<std::uint64_t>(r)));
    const sim::RunMetrics m = sim::metrics(prepared, run);
    if (!m.values.empty() && m.values.front()) checksum += *m.values.front();
    const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - run_start).count();
    // Written as `run -r R` writes replications: atomically, put on disk together at the end. A
    // sync per replication would time the disk's queue (syncfs flushes every writer's dirty pages:
    // 100-200 ms on a disk shared with builds), not the model.
    output::write_run(out / fmt::format("rep-{:04d}", r), prepared, run,
                      output::manifest_info(prepared, run, replications, wall), output::Durability::deferred);
    result.events += run.events;
  }
  output::sync_file_system(out);
  result.checksum = checksum;
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  fs::remove_all(out);
  result.ms_per_replication = 1000.0 * result.seconds / replications;
  result.replications_per_s = replications / result.seconds;
  result.events_per_s = static_cast<double>(result.events) / result.seconds;

  PholdParams reference;
  reference.lps = 256;
  reference.population = 8;
  reference.end = 200;
  const PholdRun kernel = run_phold_kernel(reference);
  result.kernel_events_per_s = static_cast<double>(kernel.events) / kernel.seconds;

  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  result.peak_rss_mb = static_cast<double>(usage.ru_maxrss) / 1024.0;  // Linux reports KiB
  return result;
}

}  // namespace gcmsim::bench
