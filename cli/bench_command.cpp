// `gcmsim bench phold`: the kernel against a bare priority-queue loop, in one run.
#include <cstdio>
#include <memory>

#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include "bench/phold.hpp"
#include "bench/scenario_bench.hpp"
#include "cli/scenario_options.hpp"
#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "cli/seed_option.hpp"

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
  phold->add_option("--seed", params->seed, "Random seed, an unsigned 64-bit integer")->capture_default_str()->check(seed_validator());
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
}

}  // namespace gcmsim::cli
