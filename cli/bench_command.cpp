// `gcmsim bench phold`: the kernel against a bare priority-queue loop, in one run.
#include <cstdio>
#include <memory>

#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include "bench/phold.hpp"
#include "bench/scenario_bench.hpp"
#include "bench/sweep_bench.hpp"
#include "cli/scenario_options.hpp"
#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"

namespace gcmsim::cli {
namespace {

void run_phold(const bench::PholdParams& p, bool json) {
  if (const std::string error = bench::validate(p); !error.empty()) throw InvalidInput(error);
  const bench::PholdResult r = bench::compare_phold(p);
  if (json) {
    const nlohmann::ordered_json out = {
        {"events", r.events},
        {"kernel_events_per_s", r.kernel_events_per_s},
        {"bare_events_per_s", r.bare_events_per_s},
        {"ratio", r.ratio},
        {"overhead_bytes_per_event", r.overhead_bytes_per_event},
        {"handler_bytes", r.phold_handler_bytes},
    };
    fmt::print("{}\n", out.dump());
    return;
  }
  fmt::print("PHOLD  lps={} population={} end={} remote={} (best of {})\n", p.lps, p.population,
             p.end, p.remote, p.repeat);
  fmt::print("  events processed   {:>14}\n", r.events);
  fmt::print("  kernel events/s    {:>14.0f}\n", r.kernel_events_per_s);
  fmt::print("  bare   events/s    {:>14.0f}\n", r.bare_events_per_s);
  fmt::print("  ratio              {:>14.3f}   (kernel / bare; target >= 1.0)\n", r.ratio);
  fmt::print("  bytes per pending event: {} kernel bookkeeping + the handler's state ({} bytes here, "
             "inline up to {})\n",
             r.overhead_bytes_per_event, r.phold_handler_bytes, r.inline_handler_bytes);
}

void run_scenario_bench(const ScenarioOptions& options, int replications, bool json) {
  if (replications < 1) throw InvalidInput("--replications must be at least 1");
  const auto prepared = prepare_checked(options);
  const bench::ScenarioBenchResult r = bench::bench_scenario(*prepared, replications);
  if (json) {
    const nlohmann::ordered_json out = {
        {"replications", r.replications},        {"ms_per_replication", r.ms_per_replication},
        {"replications_per_s", r.replications_per_s}, {"events", r.events},
        {"events_per_s", r.events_per_s},        {"kernel_events_per_s", r.kernel_events_per_s},
        {"peak_rss_mb", r.peak_rss_mb},
    };
    fmt::print("{}\n", out.dump());
    return;
  }
  fmt::print("Scenario benchmark  {} ({} replications, outputs written)\n", options.file, r.replications);
  fmt::print("  time per replication   {:>10.2f} ms   (target <= 20 ms)\n", r.ms_per_replication);
  fmt::print("  replications/s         {:>10.1f}\n", r.replications_per_s);
  fmt::print("  events/s               {:>10.0f}   ({} events per replication)\n", r.events_per_s,
             r.events / static_cast<std::uint64_t>(r.replications));
  fmt::print("  kernel PHOLD events/s  {:>10.0f}   (reference, same run; model/kernel = {:.3f})\n",
             r.kernel_events_per_s, r.events_per_s / r.kernel_events_per_s);
  fmt::print("  peak memory            {:>10.1f} MB  (target <= 64 MB)\n", r.peak_rss_mb);
}

void run_sweep_bench(const std::string& scenario, std::size_t runs, bool json) {
  const bench::SweepBenchResult r = bench::bench_sweep(scenario, runs);
  if (json) {
    const nlohmann::ordered_json out = {
        {"runs", r.runs},
        {"ms_per_replication", r.ms_per_replication},
        {"runs_per_s_j1", r.runs_per_s_j1},
        {"runs_per_s_j2", r.runs_per_s_j2},
        {"parallel_efficiency", r.parallel_efficiency},
        {"journal_overhead", r.journal_overhead},
        {"cpu_ms_per_replication", r.cpu_ms_per_replication},
        {"journal_overhead_cpu", r.journal_overhead_cpu},
        {"load_average", r.load_average},
        {"peak_rss_mb_small", r.rss_small_mb},
        {"peak_rss_mb_large", r.rss_large_mb},
    };
    fmt::print("{}\n", out.dump());
    return;
  }
  fmt::print("Sweep benchmark  {} (10 points x {} replications, journal and tables included)\n", scenario, r.runs / 10);
  fmt::print("  time per replication   {:>10.2f} ms   (bare loop, one thread; target <= 5 ms)\n", r.ms_per_replication);
  fmt::print("  CPU per replication    {:>10.2f} ms   (the same loop in CPU time)\n", r.cpu_ms_per_replication);
  fmt::print("  runs/s  -j1            {:>10.1f}\n", r.runs_per_s_j1);
  fmt::print("  runs/s  -j2            {:>10.1f}\n", r.runs_per_s_j2);
  fmt::print("  parallel efficiency    {:>10.3f}   (t1 / (2 t2); target >= 0.9 on 2 idle cores)\n", r.parallel_efficiency);
  fmt::print("  journal overhead       {:>10.1f} %  ((t1 - bare) / bare; target <= 5 %)\n", r.journal_overhead * 100);
  fmt::print("  journal overhead, CPU  {:>10.1f} %  (the same in CPU time, robust to other load)\n", r.journal_overhead_cpu * 100);
  fmt::print("  load average           {:>10.2f}     (1 min; above the number of cores the wall-clock figures are contended)\n",
             r.load_average);
  fmt::print("  peak memory            {:>10.1f} MB after {} runs, {:.1f} MB after {} (flat: no per-run results kept)\n",
             r.rss_small_mb, (r.runs / 100 + 1) * 10, r.rss_large_mb, r.runs * 3 + (r.runs / 100 + 1) * 10);
}

}  // namespace

void add_bench_command(CLI::App& app) {
  CLI::App* bench = app.add_subcommand("bench", "Measure performance; every figure is a ratio "
                                                "against a reference measured in the same run");
  bench->require_subcommand(1);

  auto params = std::make_shared<bench::PholdParams>();
  auto json = std::make_shared<bool>(false);
  CLI::App* phold = bench->add_subcommand(
      "phold", "The PHOLD model on the kernel and on a bare std::priority_queue loop");
  phold->add_option("--lps", params->lps, "Logical processes (N)")->capture_default_str();
  phold->add_option("--population", params->population, "Events in flight per process (M)")
      ->capture_default_str();
  phold->add_option("--end", params->end, "End time in time units (T)")->capture_default_str();
  phold->add_option("--remote", params->remote, "Probability that an event goes to another process")
      ->capture_default_str();
  phold->add_option("--seed", params->seed, "Random seed")->capture_default_str();
  phold->add_option("--repeat", params->repeat, "Timed runs of each loop; the fastest counts")
      ->capture_default_str();
  phold->add_flag("--json", *json, "Print one JSON object: events, kernel_events_per_s, "
                                   "bare_events_per_s, ratio");
  phold->callback([params, json] { run_phold(*params, *json); });

  auto scenario = std::make_shared<ScenarioOptions>();
  auto replications = std::make_shared<int>(100);
  auto scenario_json = std::make_shared<bool>(false);
  CLI::App* sc = bench->add_subcommand("scenario", "Run a scenario R times, outputs included, and report the time per "
                                                   "replication, events per second and peak memory");
  add_scenario_options(*sc, *scenario, kBaselineScenario);
  sc->add_option("--replications,-r", *replications, "Replications")->capture_default_str();
  sc->add_flag("--json", *scenario_json, "Print one JSON object");
  sc->callback([scenario, replications, scenario_json] { run_scenario_bench(*scenario, *replications, *scenario_json); });

  auto sweep_scenario = std::make_shared<std::string>(kBaselineScenario);
  auto sweep_runs = std::make_shared<std::size_t>(1000);
  auto sweep_json = std::make_shared<bool>(false);
  CLI::App* sw = bench->add_subcommand("sweep", "A sweep of the baseline (10 points x runs/10 replications) at -j1 and -j2: "
                                                "runs/s, parallel efficiency, journal overhead against a bare loop, memory");
  sw->add_option("file", *sweep_scenario, "Base scenario")->capture_default_str();
  sw->add_option("--runs", *sweep_runs, "Runs in the sweep (a multiple of 10)")->capture_default_str();
  sw->add_flag("--json", *sweep_json, "Print one JSON object");
  sw->callback([sweep_scenario, sweep_runs, sweep_json] { run_sweep_bench(*sweep_scenario, *sweep_runs, *sweep_json); });
}

}  // namespace gcmsim::cli
