// `gcmsim bench phold`: the kernel against a bare priority-queue loop, in one run.
#include <cstdio>
#include <memory>

#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include <filesystem>

#include "bench/hold.hpp"
#include "bench/negotiation_scale.hpp"
#include "bench/phold.hpp"
#include "bench/scenario_bench.hpp"
#include "bench/sweep_bench.hpp"
#include "cli/scenario_options.hpp"
#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "cli/seed_option.hpp"

namespace gcmsim::cli {
namespace {

nlohmann::ordered_json phold_json(const bench::PholdParams& p, const bench::PholdResult& r) {
  return {
      {"lps", p.lps},
      {"population", p.population},
      {"end", p.end},
      {"queue", p.queue},
      {"pending", r.pending},
      {"events", r.events},
      {"kernel_events_per_s", r.kernel_events_per_s},
      {"bare_events_per_s", r.bare_events_per_s},
      {"ratio", r.ratio},
      {"cpu_ratio", r.cpu_ratio},
      {"load_average", r.load_average},
      {"kernel_bytes_per_event", r.kernel_bytes_per_event},
      {"bare_bytes_per_event", r.bare_bytes_per_event},
      {"kernel_bookkeeping_bytes", r.kernel_bookkeeping_bytes},
      {"overhead_bytes_per_event", r.overhead_bytes_per_event},
      {"handler_bytes", r.phold_handler_bytes},
      {"pairs", p.repeat},
  };
}

void run_phold(const bench::PholdParams& p, bool json) {
  if (const std::string error = bench::validate(p); !error.empty()) throw InvalidInput(error);
  const bench::PholdResult r = bench::compare_phold(p);
  if (json) {
    fmt::print("{}\n", phold_json(p, r).dump());
    return;
  }
  fmt::print("PHOLD  lps={} population={} end={} remote={} queue={} (medians of {} alternating pairs)\n",
             p.lps, p.population, p.end, p.remote, p.queue, p.repeat);
  fmt::print("  events processed   {:>14}\n", r.events);
  fmt::print("  kernel events/s    {:>14.0f}\n", r.kernel_events_per_s);
  fmt::print("  bare   events/s    {:>14.0f}\n", r.bare_events_per_s);
  fmt::print("  ratio              {:>14.3f}   (kernel / bare, wall clock; target >= 1.0)\n", r.ratio);
  fmt::print("  ratio, CPU time    {:>14.3f}   (load average {:.1f})\n", r.cpu_ratio, r.load_average);
  fmt::print("  peak memory per pending event: kernel {:.1f} B, bare {:.1f} B; kernel bookkeeping {:.1f} B\n",
             r.kernel_bytes_per_event, r.bare_bytes_per_event, r.kernel_bookkeeping_bytes);
  fmt::print("  by construction: {} bytes of kernel bookkeeping + the handler's state ({} bytes here, "
             "inline up to {})\n",
             r.overhead_bytes_per_event, r.phold_handler_bytes, r.inline_handler_bytes);
}

// The grid of bench::sweep_cells(), one line (or one JSON object) per cell as it completes.
void run_phold_sweep(bench::PholdParams p, bool include_top, bool json) {
  if (const std::string error = bench::validate(p); !error.empty()) throw InvalidInput(error);
  nlohmann::ordered_json cells = nlohmann::json::array();
  if (!json) {
    fmt::print("PHOLD sweep  queue={} remote={} (medians of {} alternating pairs)\n", p.queue, p.remote, p.repeat);
    fmt::print("{:>9} {:>3} {:>6} {:>10} {:>11} {:>13} {:>13} {:>7} {:>7} {:>9} {:>9} {:>11} {:>5}\n", "N", "M",
               "T", "pending", "events", "kernel ev/s", "bare ev/s", "ratio", "cpu", "kernel B", "bare B",
               "bookkeep B", "load");
  }
  for (const bench::SweepCell& cell : bench::sweep_cells(include_top)) {
    p.lps = cell.lps;
    p.population = cell.population;
    p.end = cell.end;
    const bench::PholdResult r = bench::compare_phold(p);
    if (json) {
      cells.push_back(phold_json(p, r));
      continue;
    }
    fmt::print("{:>9} {:>3} {:>6} {:>10} {:>11} {:>13.0f} {:>13.0f} {:>7.3f} {:>7.3f} {:>9.1f} {:>9.1f} {:>11.1f} {:>5.1f}\n",
               p.lps, p.population, p.end, r.pending, r.events, r.kernel_events_per_s,
               r.bare_events_per_s, r.ratio, r.cpu_ratio, r.kernel_bytes_per_event, r.bare_bytes_per_event,
               r.kernel_bookkeeping_bytes, r.load_average);
    std::fflush(stdout);
  }
  if (json) fmt::print("{}\n", cells.dump());
}

void run_hold_bench(const bench::HoldParams& p, bool json) {
  if (const std::string error = bench::validate(p); !error.empty()) throw InvalidInput(error);
  const std::vector<bench::HoldResult> results = bench::run_hold(p);
  if (json) {
    nlohmann::ordered_json out = nlohmann::json::array();
    for (const auto& r : results) {
      out.push_back({{"size", p.size}, {"holds", p.holds}, {"queue", r.queue}, {"increment", r.increment},
                     {"ns_per_hold", r.ns_per_hold}, {"ratio", r.ratio}});
    }
    fmt::print("{}\n", out.dump());
    return;
  }
  fmt::print("Hold model  size={} holds={} (medians of {} runs; ratio = bare / queue)\n", p.size, p.holds, p.repeat);
  fmt::print("{:<12} {:<8} {:>10} {:>7}\n", "increment", "queue", "ns/hold", "ratio");
  for (const auto& r : results) {
    fmt::print("{:<12} {:<8} {:>10.1f} {:>7.3f}\n", r.increment, r.queue, r.ns_per_hold, r.ratio);
  }
}

void run_scenario_bench(const ScenarioOptions& options, int replications, bool json) {
  if (replications < 1) throw InvalidInput("--replications must be at least 1");
  const auto prepared = prepare_checked(options);
  const bench::ScenarioBenchResult r = bench::bench_scenario(*prepared, replications);
  if (json) {
    const nlohmann::ordered_json out = {
        {"replications", r.replications},
        {"ms_per_replication", r.ms_per_replication},
        {"ms_simulate", r.ms_simulate},
        {"ms_every_output", r.ms_every_output},
        {"ms_sync", r.ms_sync},
        {"default_vs_simulate", r.ms_per_replication / r.ms_simulate},
        {"bytes_per_replication", r.bytes_per_replication},
        {"bytes_every_output", r.bytes_every_output},
        {"replications_per_s", r.replications_per_s},
        {"events", r.events},
        {"events_per_s", r.events_per_s},
        {"kernel_events_per_s", r.kernel_events_per_s},
        {"peak_rss_mb", r.peak_rss_mb},
        {"load_average", r.load_average},
    };
    fmt::print("{}\n", out.dump());
    return;
  }
  fmt::print("Scenario benchmark  {} ({} replications; each simulated three ways, in rotating order)\n", options.file,
             r.replications);
  fmt::print("  simulation and metrics {:>10.2f} ms per replication (the reference)\n", r.ms_simulate);
  fmt::print("  + default outputs      {:>10.2f} ms = {:.2f} x the reference (target <= 2.5); {:.0f} kB written (target <= 500)\n",
             r.ms_per_replication, r.ms_per_replication / r.ms_simulate, r.bytes_per_replication / 1000.0);
  fmt::print("  + every output         {:>10.2f} ms = {:.2f} x the reference; {:.0f} kB written (daily positions, attendance.csv)\n",
             r.ms_every_output, r.ms_every_output / r.ms_simulate, r.bytes_every_output / 1000.0);
  fmt::print("  one sync at the end    {:>10.1f} ms (everything written, put on disk; not in the times above)\n", r.ms_sync);
  fmt::print("  events/s               {:>10.0f}   ({} events per replication, simulation only)\n", r.events_per_s,
             r.events / static_cast<std::uint64_t>(r.replications));
  fmt::print("  kernel PHOLD events/s  {:>10.0f}   (reference, same run; model/kernel = {:.3f})\n",
             r.kernel_events_per_s, r.events_per_s / r.kernel_events_per_s);
  fmt::print("  peak memory            {:>10.1f} MB  (target <= 64 MB)\n", r.peak_rss_mb);
  fmt::print("  load average           {:>10.2f}     (1 min; above the number of cores the times are contended)\n",
             r.load_average);
}

void run_negotiation_scale(const std::string& file, const std::vector<std::size_t>& sizes, bool json) {
  const std::string data = (std::filesystem::path(file).parent_path() / "data" / "member_states.yaml").string();
  const auto runs = bench::bench_negotiation_scale(file, data, sizes);
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  const bench::ScaleRun* reference = runs.empty() || !runs.front().error.empty() ? nullptr : &runs.front();
  if (!json) fmt::print("Negotiation scale  {} (one replication per size, each in its own process)\n", file);
  if (!json) fmt::print("  {:>7} {:>10} {:>10} {:>9} {:>13} {:>6}\n", "states", "prepare s", "run s", "peak MB",
                        "run/state ×ref", "agreed");
  for (const auto& r : runs) {
    if (!r.error.empty()) throw std::runtime_error(fmt::format("{} states: {}", r.states, r.error));
    const double per_state = r.run_seconds / static_cast<double>(r.states);
    const double ratio = reference ? per_state / (reference->run_seconds / static_cast<double>(reference->states)) : 0.0;
    if (json) {
      out.push_back({{"states", r.states}, {"prepare_s", r.prepare_seconds}, {"run_s", r.run_seconds},
                     {"peak_rss_mb", r.peak_rss_mb}, {"run_per_state_vs_reference", ratio}, {"agreed", r.agreed}});
    } else {
      fmt::print("  {:>7} {:>10.3f} {:>10.3f} {:>9.1f} {:>13.2f} {:>6}\n", r.states, r.prepare_seconds, r.run_seconds,
                 r.peak_rss_mb, ratio, r.agreed ? "yes" : "no");
    }
  }
  if (json) fmt::print("{}\n", out.dump());
  else fmt::print("  targets: 10,000 states <= 1 s and <= 200 MB per replication; run/state flat (linear in states)\n");
}

void run_sweep_bench(const std::string& scenario, std::size_t runs, std::size_t rounds, bool json) {
  const bench::SweepBenchResult r = bench::bench_sweep(scenario, runs, rounds);
  if (json) {
    const nlohmann::ordered_json out = {
        {"runs", r.runs},
        {"rounds", r.rounds},
        {"ms_per_replication", r.ms_per_replication},
        {"runs_per_s_j1", r.runs_per_s_j1},
        {"runs_per_s_j2", r.runs_per_s_j2},
        {"parallel_efficiency", r.parallel_efficiency},
        {"journal_overhead", r.journal_overhead},
        {"cpu_ms_per_replication", r.cpu_ms_per_replication},
        {"journal_overhead_cpu", r.journal_overhead_cpu},
        {"journal_share", r.journal_share},
        {"load_average", r.load_average},
        {"peak_rss_mb_small", r.rss_small_mb},
        {"peak_rss_mb_large", r.rss_large_mb},
    };
    fmt::print("{}\n", out.dump());
    return;
  }
  fmt::print("Sweep benchmark  {} (10 points x {} replications, journal and tables included; medians of {} rounds)\n",
             scenario, r.runs / 10, r.rounds);
  fmt::print("  time per replication   {:>10.2f} ms   (bare loop, one thread; target <= 5 ms)\n", r.ms_per_replication);
  fmt::print("  CPU per replication    {:>10.2f} ms   (the same loop in CPU time)\n", r.cpu_ms_per_replication);
  fmt::print("  runs/s  -j1            {:>10.1f}\n", r.runs_per_s_j1);
  fmt::print("  runs/s  -j2            {:>10.1f}\n", r.runs_per_s_j2);
  fmt::print("  parallel efficiency    {:>10.3f}   (t1 / (2 t2); target >= 0.9 on 2 idle cores)\n", r.parallel_efficiency);
  fmt::print("  journal overhead       {:>10.1f} %  ((t1 - bare) / bare; target <= 5 %)\n", r.journal_overhead * 100);
  fmt::print("  journal overhead, CPU  {:>10.1f} %  (the same in CPU time, robust to other load)\n", r.journal_overhead_cpu * 100);
  fmt::print("  journal time, inside   {:>10.1f} %  (journaling and tables as the -j1 sweep times them, / bare)\n",
             r.journal_share * 100);
  fmt::print("  load average           {:>10.2f}     (1 min; above the number of cores the wall-clock figures are contended)\n",
             r.load_average);
  fmt::print("  peak memory            {:>10.1f} MB after {} runs, {:.1f} MB after {} (flat: no per-run results kept)\n",
             r.rss_small_mb, (r.runs / 100 + 1) * 10, r.rss_large_mb, r.runs * 3 * r.rounds + (r.runs / 100 + 1) * 10);
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
  phold->add_option("--repeat", params->repeat, "Timed pairs (kernel, bare), alternating; medians count")
      ->capture_default_str();
  phold->add_option("--queue", params->queue, "Pending-event set: ladder (the default), heap4 or binary")->capture_default_str();
  auto no_prefetch = std::make_shared<bool>(false);
  phold->add_flag("--no-prefetch", *no_prefetch, "Do not prefetch the next event's handler slot");
  auto sweep = std::make_shared<bool>(false);
  auto skip_top = std::make_shared<bool>(false);
  phold->add_flag("--sweep", *sweep, "Run the grid N in {1024, 65536, 1048576} x M in {1, 16} (T per cell); "
                                     "--lps, --population and --end are ignored");
  phold->add_flag("--skip-top", *skip_top, "With --sweep: leave out the 16.7-million-event cell "
                                           "(about 1.3 GB and minutes)");
  phold->add_flag("--json", *json, "Print one JSON object (an array of them with --sweep): events, "
                                   "kernel_events_per_s, bare_events_per_s, ratio, cpu_ratio, load_average, bytes per event");
  phold->callback([params, json, no_prefetch, sweep, skip_top] {
    params->prefetch = !*no_prefetch;
    if (*sweep) {
      run_phold_sweep(*params, !*skip_top, *json);
    } else {
      run_phold(*params, *json);
    }
  });

  auto hold_params = std::make_shared<bench::HoldParams>();
  auto hold_json = std::make_shared<bool>(false);
  CLI::App* hold = bench->add_subcommand(
      "hold", "The hold model (Jones 1986): each pending-event set alone, four increment distributions");
  hold->add_option("--size", hold_params->size, "Events in the set")->capture_default_str();
  hold->add_option("--holds", hold_params->holds, "Timed hold operations")->capture_default_str();
  hold->add_option("--seed", hold_params->seed, "Random seed")->capture_default_str();
  hold->add_option("--repeat", hold_params->repeat, "Timed runs of each queue; medians count")->capture_default_str();
  hold->add_flag("--json", *hold_json, "Print a JSON array: one object per queue and distribution");
  hold->callback([hold_params, hold_json] { run_hold_bench(*hold_params, *hold_json); });

  auto scenario = std::make_shared<ScenarioOptions>();
  auto replications = std::make_shared<int>(100);
  auto scenario_json = std::make_shared<bool>(false);
  CLI::App* sc = bench->add_subcommand("scenario", "Run a scenario R times three ways (simulation only, default outputs, "
                                                   "every output) and report the time per replication of each, the bytes "
                                                   "written, events per second and peak memory");
  add_scenario_options(*sc, *scenario, kBaselineScenario);
  sc->add_option("--replications,-r", *replications, "Replications")->capture_default_str();
  sc->add_flag("--json", *scenario_json, "Print one JSON object");
  sc->callback([scenario, replications, scenario_json] { run_scenario_bench(*scenario, *replications, *scenario_json); });

  auto scale_file = std::make_shared<std::string>(kBaselineScenario);
  auto sizes = std::make_shared<std::vector<std::size_t>>(std::vector<std::size_t>{193, 1000, 5000, 10000});
  auto scale_json = std::make_shared<bool>(false);
  CLI::App* ns = bench->add_subcommand("negotiation", "The baseline with generated larger worlds (a data file of extra states): "
                                                      "time and peak memory of one replication per size, each in its own process");
  ns->add_option("file", *scale_file, "Scenario (its data/member_states.yaml is the source of the generated states)")
      ->capture_default_str();
  ns->add_option("--states", *sizes, "Sizes (the first is the reference)")->delimiter(',')->capture_default_str();
  ns->add_flag("--json", *scale_json, "Print one JSON array");
  ns->callback([scale_file, sizes, scale_json] { run_negotiation_scale(*scale_file, *sizes, *scale_json); });

  auto sweep_scenario = std::make_shared<std::string>(kBaselineScenario);
  auto sweep_runs = std::make_shared<std::size_t>(1000);
  auto sweep_json = std::make_shared<bool>(false);
  auto sweep_rounds = std::make_shared<std::size_t>(3);
  CLI::App* sw = bench->add_subcommand("sweep", "A sweep of the baseline (10 points x runs/10 replications) at -j1 and -j2: "
                                                "runs/s, parallel efficiency, journal overhead against a bare loop, memory");
  sw->add_option("file", *sweep_scenario, "Base scenario")->capture_default_str();
  sw->add_option("--runs", *sweep_runs, "Runs in the sweep (a multiple of 10)")->capture_default_str();
  sw->add_option("--rounds", *sweep_rounds, "Alternating rounds of bare loop, -j1 and -j2; figures are their medians")
      ->capture_default_str()
      ->check(CLI::Range(1, 100));
  sw->add_flag("--json", *sweep_json, "Print one JSON object");
  sw->callback([sweep_scenario, sweep_runs, sweep_rounds, sweep_json] {
    run_sweep_bench(*sweep_scenario, *sweep_runs, *sweep_rounds, *sweep_json);
  });
}

}  // namespace gcmsim::cli
