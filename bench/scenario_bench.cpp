#include "bench/scenario_bench.hpp"

#include <array>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <sys/resource.h>
#include <unistd.h>

#include <fmt/format.h>

#include "bench/clocks.hpp"
#include "bench/phold.hpp"
#include "models/run/simulate.hpp"
#include "output/atomic_file.hpp"
#include "output/run_writer.hpp"

namespace gcmsim::bench {
namespace {

namespace fs = std::filesystem;

enum class Way { simulate, default_outputs, every_output };
constexpr std::array<Way, 3> kWays = {Way::simulate, Way::default_outputs, Way::every_output};


std::uintmax_t bytes_under(const fs::path& dir) {
  std::uintmax_t bytes = 0;
  if (!fs::exists(dir)) return 0;
  for (const fs::directory_entry& e : fs::recursive_directory_iterator(dir)) {
    if (e.is_regular_file()) bytes += e.file_size();
  }
  return bytes;
}

}  // namespace

ScenarioBenchResult bench_scenario(const sim::PreparedScenario& prepared, int replications) {
  const fs::path out = fs::temp_directory_path() / ("gcmsim-bench-" + std::to_string(::getpid()));
  loader::OutputSwitches every = prepared.defaults().outputs;
  every.timeline = every.participation = every.attendance = every.dynamics = every.outcome = true;
  every.positions = loader::Snapshots::daily;

  ScenarioBenchResult result;
  result.replications = replications;
  std::array<double, kWays.size()> spent{};
  const auto start = Clock::now();
  double checksum = 0.0;
  for (int r = 0; r < replications; ++r) {
    for (std::size_t k = 0; k < kWays.size(); ++k) {
      // Rotating order: no way always runs first (on a cold cache) or last.
      const Way way = kWays[(k + static_cast<std::size_t>(r)) % kWays.size()];
      const auto run_start = Clock::now();
      const model::RunResults run = sim::simulate(prepared, sim::default_spec(prepared, static_cast<std::uint64_t>(r)));
      const sim::RunMetrics m = sim::metrics(prepared, run);
      if (!m.values.empty() && m.values.front()) checksum += *m.values.front();
      if (way != Way::simulate) {
        // Written as `run -r R` writes replications: atomically, put on disk together at the end
        // (a sync per replication would time the disk's queue, shared with builds, not the writer).
        const bool all = way == Way::every_output;
        const fs::path dir = out / (all ? "every" : "default") / fmt::format("rep-{:04d}", r);
        output::write_run(dir, prepared.scenario(), prepared.plan(), run, prepared.calendar(),
                          output::manifest_info(prepared, run, replications, seconds_since(run_start)),
                          all ? every : prepared.defaults().outputs, output::Durability::deferred);
      }
      spent[static_cast<std::size_t>(way)] += seconds_since(run_start);
      if (way == Way::simulate) result.events += run.events;
    }
  }
  const auto sync_start = Clock::now();
  output::sync_file_system(out);
  result.ms_sync = 1000.0 * seconds_since(sync_start);
  result.seconds = seconds_since(start);
  result.bytes_per_replication = static_cast<double>(bytes_under(out / "default")) / replications;
  result.bytes_every_output = static_cast<double>(bytes_under(out / "every")) / replications;
  fs::remove_all(out);
  result.checksum = checksum;
  result.ms_simulate = 1000.0 * spent[0] / replications;
  result.ms_per_replication = 1000.0 * spent[1] / replications;
  result.ms_every_output = 1000.0 * spent[2] / replications;
  result.replications_per_s = replications / spent[1];
  result.events_per_s = static_cast<double>(result.events) / spent[0];

  PholdParams reference;
  reference.lps = 256;
  reference.population = 8;
  reference.end = 200;
  const PholdRun kernel = run_phold_kernel(reference);
  result.kernel_events_per_s = static_cast<double>(kernel.events) / kernel.seconds;

  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  result.peak_rss_mb = static_cast<double>(usage.ru_maxrss) / 1024.0;  // Linux reports KiB
  double load[1] = {0.0};
  if (getloadavg(load, 1) == 1) result.load_average = load[0];
  return result;
}

}  // namespace gcmsim::bench
