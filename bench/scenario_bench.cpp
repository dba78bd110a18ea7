#include "bench/scenario_bench.hpp"

#include <chrono>
#include <filesystem>
#include <sys/resource.h>
#include <unistd.h>

#include "bench/phold.hpp"
#include "models/plan.hpp"
#include "models/process/process_model.hpp"
#include "output/run_writer.hpp"

namespace gcmsim::bench {

ScenarioBenchResult bench_scenario(const model::Scenario& scenario, int replications) {
  namespace fs = std::filesystem;
  const fs::path out = fs::temp_directory_path() / ("gcmsim-bench-" + std::to_string(::getpid()));
  ScenarioBenchResult result;
  result.replications = replications;
  const auto start = std::chrono::steady_clock::now();
  for (int r = 0; r < replications; ++r) {
    // Everything a run does per replication: calendar, plan, simulation, outputs.
    const Calendar calendar = scenario.make_calendar();
    const model::Plan plan = model::make_plan(scenario, calendar);
    const model::RunResults run = model::run_process(scenario, plan, calendar, static_cast<std::uint64_t>(r));
    output::ManifestInfo info;
    info.scenario_path = scenario.name;
    info.seed = scenario.seed;
    info.replication = static_cast<std::uint64_t>(r);
    info.events = run.events;
    info.fingerprint = run.fingerprint;
    output::write_run(out, scenario, plan, run, calendar, info);
    result.events += run.events;
  }
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
