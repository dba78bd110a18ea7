#include "bench/sweep_bench.hpp"

#include <chrono>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <stdexcept>
#include <sys/resource.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include "experiments/run_sweep.hpp"

namespace gcmsim::bench {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

double cpu_seconds() {
  timespec t{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}

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

double timed_sweep(const experiments::SweepPlan& plan, const fs::path& dir, unsigned threads) {
  fs::remove_all(dir);
  experiments::SweepOptions o;
  o.out = dir.string();
  o.threads = threads;
  const auto start = Clock::now();
  const experiments::SweepOutcome r = experiments::run_plan(plan, o);
  const double s = seconds_since(start);
  if (r.ran != plan.runs() || !r.tables) throw std::runtime_error("bench sweep: the sweep did not complete");
  return s;
}

}  // namespace

SweepBenchResult bench_sweep(const std::string& scenario, std::size_t runs) {
  if (runs < 10 || runs % 10 != 0) throw std::invalid_argument("bench sweep: --runs must be a positive multiple of 10");
  const fs::path tmp = fs::temp_directory_path() / ("gcmsim-bench-sweep-" + std::to_string(::getpid()));
  SweepBenchResult r;
  r.runs = runs;
  {
    const experiments::SweepPlan small = experiments::plan_or_throw(bench_spec(scenario, runs / 100 + 1), {});
    (void)timed_sweep(small, tmp / "small", 1);
    r.rss_small_mb = peak_rss_mb();
  }
  const experiments::SweepPlan plan = experiments::plan_or_throw(bench_spec(scenario, runs / 10), {});
  // The reference: the same runs, one thread, nothing written.
  const auto start = Clock::now();
  const double cpu_start = cpu_seconds();
  double checksum = 0;
  for (std::size_t i = 0; i < plan.runs(); ++i) {
    for (const auto& v : plan.run(i)) checksum += v.value_or(0.0);
  }
  r.bare_seconds = seconds_since(start);
  const double bare_cpu = cpu_seconds() - cpu_start;
  if (checksum == -1.0) r.bare_seconds += 0;  // keeps the loop observable
  const double j1_cpu_start = cpu_seconds();
  r.j1_seconds = timed_sweep(plan, tmp / "j1", 1);
  const double j1_cpu = cpu_seconds() - j1_cpu_start;
  r.j2_seconds = timed_sweep(plan, tmp / "j2", 2);
  r.rss_large_mb = peak_rss_mb();
  fs::remove_all(tmp);

  const auto n = static_cast<double>(runs);
  r.ms_per_replication = r.bare_seconds / n * 1e3;
  r.runs_per_s_j1 = n / r.j1_seconds;
  r.runs_per_s_j2 = n / r.j2_seconds;
  r.parallel_efficiency = r.j1_seconds / (2.0 * r.j2_seconds);
  r.journal_overhead = (r.j1_seconds - r.bare_seconds) / r.bare_seconds;
  r.cpu_ms_per_replication = bare_cpu / n * 1e3;
  r.journal_overhead_cpu = (j1_cpu - bare_cpu) / bare_cpu;
  double load[1] = {0};
  if (getloadavg(load, 1) == 1) r.load_average = load[0];
  return r;
}

}  // namespace gcmsim::bench
