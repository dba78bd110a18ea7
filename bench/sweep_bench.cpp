#include "bench/sweep_bench.hpp"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <stdexcept>
#include <sys/resource.h>
#include <unistd.h>
#include <vector>

#include <nlohmann/json.hpp>

#include "bench/clocks.hpp"
#include "engine/statistics.hpp"
#include "experiments/run_sweep.hpp"

namespace gcmsim::bench {
namespace {

namespace fs = std::filesystem;

double peak_rss_mb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;  // Linux reports KiB
}

experiments::SweepSpec bench_spec(const std::string& scenario, std::size_t replications) {
  // Ten points around the calibrated reservation level: the negotiation runs in full at each.
  const nlohmann::json sweep = {
      {"sweep_version", 1},
      {"name", "bench-sweep"},
      {"base", {{"scenario", scenario}}},
      {"parameters",
       {{{"name", "reservation"},
         {"set", "negotiation.parameters.reservation"},
         {"levels", {0.805, 0.806, 0.807, 0.808, 0.809, 0.81, 0.811, 0.812, 0.813, 0.814}}}}},
      {"design", {{"kind", "grid"}}},
      {"replications", replications},
      {"seed", 2017},
  };
  experiments::SweepReading reading = experiments::parse_sweep(sweep, "");
  if (!reading.ok()) throw std::runtime_error(reading.error_report());
  return *reading.spec;
}

struct TimedSweep {
  double seconds = 0.0;
  double cpu_seconds = 0.0;
  double journal_seconds = 0.0;  // journaling and tables, timed inside the sweep
};

TimedSweep timed_sweep(const experiments::SweepPlan& plan, const fs::path& dir, unsigned threads) {
  fs::remove_all(dir);
  experiments::SweepOptions o;
  o.out = dir.string();
  o.threads = threads;
  const auto start = Clock::now();
  const double cpu_start = process_cpu_seconds();
  const experiments::SweepOutcome r = experiments::run_plan(plan, o);
  TimedSweep t{seconds_since(start), process_cpu_seconds() - cpu_start, r.journal_seconds + r.tables_seconds};
  if (r.ran != plan.runs() || !r.tables) throw std::runtime_error("bench sweep: the sweep did not complete");
  fs::remove_all(dir);
  return t;
}

TimedSweep timed_bare_loop(const experiments::SweepPlan& plan) {
  const auto start = Clock::now();
  const double cpu_start = process_cpu_seconds();
  double checksum = 0;
  for (std::size_t i = 0; i < plan.runs(); ++i) {
    for (const auto& v : plan.run(i)) checksum += v.value_or(0.0);
  }
  TimedSweep t{seconds_since(start), process_cpu_seconds() - cpu_start, 0.0};
  if (checksum == -1.0) t.seconds += 0;  // keeps the loop observable
  return t;
}


}  // namespace

SweepBenchResult bench_sweep(const std::string& scenario, std::size_t runs, std::size_t rounds) {
  if (runs < 10 || runs % 10 != 0) throw std::invalid_argument("bench sweep: --runs must be a positive multiple of 10");
  if (rounds == 0) throw std::invalid_argument("bench sweep: --rounds must be at least 1");
  const fs::path tmp = fs::temp_directory_path() / ("gcmsim-bench-sweep-" + std::to_string(::getpid()));
  SweepBenchResult r;
  r.runs = runs;
  r.rounds = rounds;
  {
    const experiments::SweepPlan small = experiments::plan_or_throw(bench_spec(scenario, runs / 100 + 1), {});
    (void)timed_sweep(small, tmp / "small", 1);
    r.rss_small_mb = peak_rss_mb();
  }
  const experiments::SweepPlan plan = experiments::plan_or_throw(bench_spec(scenario, runs / 10), {});
  std::vector<double> bare, bare_cpu, j1, j2, overhead, overhead_cpu, efficiency, share;
  for (std::size_t round = 0; round < rounds; ++round) {
    const TimedSweep b = timed_bare_loop(plan);
    const TimedSweep t1 = timed_sweep(plan, tmp / "j1", 1);
    const TimedSweep t2 = timed_sweep(plan, tmp / "j2", 2);
    bare.push_back(b.seconds);
    bare_cpu.push_back(b.cpu_seconds);
    j1.push_back(t1.seconds);
    j2.push_back(t2.seconds);
    overhead.push_back((t1.seconds - b.seconds) / b.seconds);
    overhead_cpu.push_back((t1.cpu_seconds - b.cpu_seconds) / b.cpu_seconds);
    efficiency.push_back(t1.seconds / (2.0 * t2.seconds));
    share.push_back(t1.journal_seconds / b.seconds);
  }
  r.rss_large_mb = peak_rss_mb();
  fs::remove_all(tmp);

  const auto n = static_cast<double>(runs);
  r.bare_seconds = sample_quantile(bare, 0.5);
  r.j1_seconds = sample_quantile(j1, 0.5);
  r.j2_seconds = sample_quantile(j2, 0.5);
  r.ms_per_replication = r.bare_seconds / n * 1e3;
  r.cpu_ms_per_replication = sample_quantile(bare_cpu, 0.5) / n * 1e3;
  r.runs_per_s_j1 = n / r.j1_seconds;
  r.runs_per_s_j2 = n / r.j2_seconds;
  r.parallel_efficiency = sample_quantile(efficiency, 0.5);
  r.journal_overhead = sample_quantile(overhead, 0.5);
  r.journal_overhead_cpu = sample_quantile(overhead_cpu, 0.5);
  r.journal_share = sample_quantile(share, 0.5);
  double load[1] = {0};
  if (getloadavg(load, 1) == 1) r.load_average = load[0];
  return r;
}

}  // namespace gcmsim::bench
