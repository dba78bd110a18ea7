// `gcmsim sweep FILE`: runs a sweep (a design of points x replications) into DIR, journaled so that
// a killed sweep resumes; `gcmsim sweep merge DIR` joins the shards of a Slurm array. Under
// `mpirun -np N` (when built with MPI) rank 0 manages and the other ranks run.
#include <chrono>
#include <cstdio>
#include <memory>
#include <optional>
#include <set>
#include <vector>
#include <algorithm>
#include <cstdlib>
#include <unistd.h>

#include <fmt/format.h>
#include <thread>

#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "cli/warnings.hpp"
#include "experiments/executors.hpp"
#include "experiments/run_sweep.hpp"

namespace gcmsim::cli {
namespace {

namespace ex = experiments;

struct SweepArgs {
  std::string file;
  std::string out;
  unsigned threads = 0;
  std::optional<int> replications;
  std::string shard;
  bool resume = false;
  bool dry_run = false;
  bool keep_runs = false;
};

ex::SweepSpec read_checked(const std::string& file) {
  ex::SweepReading reading = ex::read_sweep(file);
  if (!reading.ok()) {
    const std::size_t n = reading.diagnostics.size();
    throw ScenarioInvalid(fmt::format("{}{} error{} in {}", reading.error_report(), n, n == 1 ? "" : "s", file));
  }
  return std::move(*reading.spec);
}

ex::SweepOptions options_of(const SweepArgs& a, const ex::SweepSpec& spec) {
  ex::SweepOptions o;
  o.out = a.out.empty() ? "results/" + spec.name : a.out;
  o.threads = a.threads;
  o.replications = a.replications;
  o.resume = a.resume;
  o.keep_runs = a.keep_runs;
  o.progress = ::isatty(STDERR_FILENO) == 1;
  try {
    o.shard = a.shard.empty() ? ex::shard_from_environment(o.out) : std::optional(ex::parse_shard(a.shard));
  } catch (const ex::SweepInvalid& e) {
    throw InvalidInput(e.what());
  }
  return o;
}

ex::SweepPlan plan_checked(const ex::SweepSpec& spec, const ex::SweepOptions& o, ex::PointCheck check = ex::PointCheck::every) {
  try {
    return ex::plan_or_throw(spec, o, check);
  } catch (const ex::SweepInvalid& e) {
    throw ScenarioInvalid(std::string(e.what()));
  }
}

void dry_run(const ex::SweepPlan& plan, const ex::SweepOptions& o) {
  const ex::Design& d = plan.design();
  fmt::print("sweep {} ({}): {} points x {} replications = {} runs, {} metrics kept\n", plan.spec().name, plan.spec().path,
             plan.points(), plan.replications(), plan.runs(), plan.metrics().size());
  for (std::size_t i = 0; i < d.parameters.size(); ++i) {
    std::set<std::string> values;
    for (const auto& point : d.points) values.insert(point[i]);
    if (values.size() <= 6) {
      fmt::print("  {:<28} {}\n", d.parameters[i], fmt::join(values, ", "));
    } else {
      std::vector<double> xs;
      for (const std::string& v : values) xs.push_back(std::strtod(v.c_str(), nullptr));
      fmt::print("  {:<28} {} values from {} to {}\n", d.parameters[i], values.size(), *std::min_element(xs.begin(), xs.end()),
                 *std::max_element(xs.begin(), xs.end()));
    }
  }
  const std::size_t shown = std::min<std::size_t>(plan.points(), 5);
  for (std::size_t p = 0; p < shown; ++p) fmt::print("  point {}: {}\n", p, fmt::join(plan.point_sets(p), " "));
  if (shown < plan.points()) fmt::print("  ... {} more points (all {} in DIR/design.csv once it runs)\n", plan.points() - shown, plan.points());
  const std::size_t probes = std::min<std::size_t>(plan.runs(), 3);
  const auto start = std::chrono::steady_clock::now();
  for (std::size_t r = 0; r < probes; ++r) (void)plan.run(r);
  const double per_run = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count() / static_cast<double>(probes);
  const unsigned threads = o.threads == 0 ? std::max(1u, std::thread::hardware_concurrency()) : o.threads;
  const double total = per_run * static_cast<double>(plan.runs()) / threads;
  fmt::print("estimated time: {:.1f} ms per run (timed on {} runs) x {} runs / {} threads = {:.0f} s\n", per_run * 1e3, probes,
             plan.runs(), threads, total);
  if (plan.points() > ex::kProbedPoints) {
    fmt::print("checked the first {} points only; a run checks all {} before it starts\n", ex::kProbedPoints, plan.points());
  }
  fmt::print("results would go to {}/ (nothing was written)\n", o.out);
}

void report(const ex::SweepOutcome& r, const ex::SweepOptions& o) {
  print_warnings(r.skipped);
  const std::string part = o.shard && o.shard->count > 1 ? fmt::format("shard {} ", o.shard->label()) : "";
  fmt::print("sweep {}: {}{} runs of {} ({} points x {} replications): {} already journaled, {} run now in {:.1f} s\n", r.info.name,
             part, r.shard_runs, r.info.runs(), r.info.design.size(), r.info.replications, r.already, r.ran, r.seconds);
  if (r.tables) {
    fmt::print("tables in {}/: runs.csv, points.csv{}{}, results.sqlite\n", o.out, r.info.sobol ? ", sensitivity.csv" : "",
               r.info.morris ? ", morris.csv" : "");
    print_warnings(r.warnings);
  } else {
    fmt::print("journal in {}/; when every shard is done: gcmsim sweep merge {}\n", o.out, o.out);
  }
}

void run_mpi(const SweepArgs& args) {
  if (!ex::mpi_built()) {
    throw InvalidInput("started under MPI, but this gcmsim was built without it (install libopenmpi-dev, rebuild)");
  }
  ex::MpiSession session;
  try {
    const ex::SweepSpec spec = read_checked(args.file);
    ex::SweepOptions o = options_of(args, spec);
    if (o.shard) throw InvalidInput("--shard and MPI do not mix: one MPI job runs the whole sweep");
    o.progress = o.progress && session.rank() == 0;
    const ex::SweepPlan plan = plan_checked(spec, o);
    if (args.dry_run) {
      if (session.rank() == 0) dry_run(plan, o);
      return;
    }
    if (session.rank() == 0) {
      o.mpi = true;
      report(ex::run_plan(plan, o), o);
      fmt::print("ran on {} MPI ranks (1 manager, {} workers)\n", session.size(), session.size() - 1);
    } else {
      ex::serve_as_mpi_worker(plan, o);
    }
  } catch (const ScenarioInvalid& e) {
    if (session.rank() == 0) fmt::print(stderr, "{}\n", e.what());
    std::fflush(stderr);
    ex::MpiSession::abort(kExitInvalidInput);
  } catch (const std::exception& e) {
    fmt::print(stderr, "gcmsim: error (MPI rank {}): {}\n", session.rank(), e.what());
    std::fflush(stderr);
    const bool invalid = dynamic_cast<const InvalidInput*>(&e) != nullptr || dynamic_cast<const ex::SweepInvalid*>(&e) != nullptr;
    ex::MpiSession::abort(invalid ? kExitInvalidInput : kExitFailure);
  }
}

void run(const SweepArgs& args) {
  if (args.file.empty()) throw InvalidInput("sweep: expected a sweep FILE (or `gcmsim sweep merge DIR`)");
  if (ex::launched_by_mpi()) {
    run_mpi(args);
    return;
  }
  const ex::SweepSpec spec = read_checked(args.file);
  const ex::SweepOptions o = options_of(args, spec);
  // --dry-run checks only the points it shows and times: it answers in seconds for any design.
  const ex::SweepPlan plan = plan_checked(spec, o, args.dry_run ? ex::PointCheck::probe : ex::PointCheck::every);
  if (args.dry_run) {
    dry_run(plan, o);
    return;
  }
  try {
    report(ex::run_plan(plan, o), o);
  } catch (const ex::SweepInvalid& e) {
    throw InvalidInput(e.what());
  }
}

void merge(const std::string& dir) {
  ex::TableFiles t;
  try {
    t = ex::merge_sweep(dir);
  } catch (const ex::SweepInvalid& e) {
    throw InvalidInput(e.what());
  }
  fmt::print("merged {} runs: {}/runs.csv, points.csv{}{}, results.sqlite\n", t.runs, dir, t.sensitivity ? ", sensitivity.csv" : "",
             t.morris ? ", morris.csv" : "");
  print_warnings(t.warnings);
}

}  // namespace

void add_sweep_command(CLI::App& app) {
  auto args = std::make_shared<SweepArgs>();
  CLI::App* cmd = app.add_subcommand(
      "sweep", "Run a sweep file (a design of points x replications) into DIR: runs.csv, points.csv (and sensitivity.csv "
               "for a Sobol design), journaled as runs finish so that rerunning resumes. Under mpirun, rank 0 manages "
               "and the others run. See docs/experiments.md");
  cmd->add_option("file", args->file, "The sweep file (YAML; scenarios/sweeps/ has examples)");
  cmd->add_option("--out,-o", args->out, "Results folder (default: results/<the sweep's name>)");
  cmd->add_option("--threads,-j", args->threads, "Threads (default: every core)");
  cmd->add_option("--replications,-r", args->replications, "Replications per point, replacing the file's (a quick look)")
      ->check(CLI::PositiveNumber);
  cmd->add_option("--shard", args->shard,
                  "Run only shard I of K (I/K, 0 <= I < K): runs r with r mod K = I; default from SLURM_ARRAY_TASK_ID "
                  "and SLURM_ARRAY_TASK_COUNT when set, K being the split DIR already holds (so a failed task reruns "
                  "alone with sbatch --array=I). Join the shards with `gcmsim sweep merge DIR`");
  cmd->add_flag("--resume", args->resume, "Finish a sweep already in DIR (rerunning without it does the same; with it, an "
                                          "empty DIR is an error)");
  cmd->add_flag("--dry-run", args->dry_run, "Print the design and an estimated time from a short timing run; write nothing");
  cmd->add_flag("--keep-runs", args->keep_runs, "Also write every run's full outputs in DIR/runs/point-P/rep-K/");
  cmd->callback([cmd, args] {
    if (cmd->got_subcommand("merge")) return;
    run(*args);
  });

  auto dir = std::make_shared<std::string>();
  CLI::App* m = cmd->add_subcommand("merge", "Join the journals of DIR's shards into runs.csv and points.csv, checking that "
                                             "no run is missing or doubled");
  m->add_option("dir", *dir, "The sweep's results folder")->required();
  m->callback([dir] { merge(*dir); });
}

}  // namespace gcmsim::cli
