// `gcmsim run [FILE]`: plays the scenario out, writes its outputs into DIR and prints the summary.
#include <chrono>
#include <cstdio>
#include <optional>
#include <filesystem>
#include <functional>
#include <memory>

#include <fmt/core.h>
#include <fmt/ranges.h>

#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "cli/out_dir.hpp"
#include "cli/plots.hpp"
#include "cli/scenario_options.hpp"
#include "cli/seed_option.hpp"
#include "cli/stepped_narration.hpp"
#include "engine/in_order.hpp"
#include "engine/parallel.hpp"
#include "gcmsim/version.hpp"
#include "models/run/simulate.hpp"
#include "output/atomic_file.hpp"
#include "output/decision_log.hpp"
#include "output/owned_folder.hpp"
#include "output/replications.hpp"
#include "output/run_folder.hpp"
#include "output/run_writer.hpp"
#include "output/summary.hpp"

namespace gcmsim::cli {
namespace {

namespace fs = std::filesystem;

struct RunOptions {
  ScenarioOptions scenario;
  std::optional<std::uint64_t> seed;
  std::optional<int> replications;
  std::optional<std::string> out;  // default: the scenario's outputs.directory, else "results"
  unsigned threads = 0;
  bool quiet = false;
  bool narrate = false;
  bool step = false;
  bool force = false;
  bool plots = false;
  std::optional<std::string> replay;  // a session's decisions.csv: its played seats answer as logged
};

// Refuses a folder holding another run's outputs unless --force, and one holding files of the
// user's where the outputs go (even with --force: gcmsim never removes what it cannot prove it
// wrote, output/owned_folder.hpp). Then records what this run writes and removes the run outputs
// the folder holds, before anything is simulated.
void prepare_out(output::OwnedFolder& folder, const output::ManifestInfo& run, std::size_t replications, bool plots,
                 bool force) {
  const fs::path& out = folder.path();
  const std::vector<std::string> owned = output::owned_run_outputs(folder);
  // Files of a run that never wrote its manifest (a full disk, an I/O error, a kill) are not a
  // run's outputs but its remains: removed without --force.
  if (!owned.empty() && !force && output::holds_complete_run(folder) && !output::same_run(out, run)) {
    const std::size_t shown = std::min<std::size_t>(owned.size(), 4);
    throw InvalidInput(fmt::format(
        "--out {}: the folder holds another run's outputs ({}{}); choose another folder, or add --force to "
        "remove them (only the files a run writes) first",
        out.string(), fmt::join(owned.begin(), owned.begin() + static_cast<std::ptrdiff_t>(shown), ", "),
        owned.size() > shown ? fmt::format(" and {} more", owned.size() - shown) : std::string()));
  }
  folder.claim(output::run_output_names(replications, plots), output::foreign_run_outputs(folder));
  output::remove_run_outputs(folder, owned);
}

void run(const RunOptions& options) {
  const std::shared_ptr<const sim::PreparedScenario> prepared = prepare_checked(options.scenario);
  print_warnings(*prepared);
  const int replications = options.replications.value_or(prepared->defaults().replications);
  if (replications < 1) {
    throw InvalidInput(fmt::format("--replications {}: a run needs at least one replication", replications));
  }
  const std::uint64_t seed = options.seed.value_or(prepared->defaults().seed);
  const std::optional<Plotter> plotter = options.plots ? std::optional(find_plotter()) : std::nullopt;
  std::optional<output::DecisionReplay> replay;
  model::PlayedSeats seats;
  if (options.replay) {
    if (replications != 1) throw InvalidInput(fmt::format("--replay: a session's log replays one run, not {}", replications));
    try {
      replay.emplace(output::DecisionReplay::read(*options.replay, prepared->scenario()));
    } catch (const std::invalid_argument& e) {
      throw InvalidInput(e.what());
    }
    seats = replay->seats();
  }

  // The folder is checked, and cleared of what a run owns, before anything is simulated.
  const std::string& directory = prepared->defaults().outputs.directory;
  const std::string out_option = options.out.value_or(directory.empty() ? std::string("results") : directory);
  output::OwnedFolder folder(checked_out_dir(out_option), output::FolderLock::exclusive, "--out " + out_option);
  const fs::path& out = folder.path();
  {
    model::RunResults identity;
    identity.seed = seed;
    prepare_out(folder, output::manifest_info(*prepared, identity, replications, 0.0), static_cast<std::size_t>(replications),
                options.plots, options.force);
  }

  std::optional<SteppedNarration> narrator;
  if (options.narrate) narrator.emplace(prepared->scenario(), prepared->calendar(), options.step);
  output::ReplicationSummary summary(prepared->metric_catalog());
  // Metrics reach the summary in replication order whatever order the threads finish in
  // (engine/in_order.hpp): summary.csv is the same bytes for any thread count.
  InOrder<sim::RunMetrics, std::function<void(std::size_t, sim::RunMetrics&&)>> ordered(
      [&summary](std::size_t, sim::RunMetrics&& metrics) { summary.add(metrics); });
  std::optional<model::RunResults> first;  // replication 0, for the terminal summary
  output::ReplicationWriter folders(out);
  const auto simulate = [&](std::size_t r) {
    const auto start = std::chrono::steady_clock::now();
    sim::RunSpec spec{seed, r, nullptr, nullptr, replay ? &seats : nullptr};
    // Only the first replication is told; it runs on this thread, before the others start.
    if (r == 0 && narrator) spec.listener = &*narrator;
    model::RunResults results;
    try {
      results = sim::simulate(*prepared, spec);
    } catch (const std::runtime_error& e) {
      if (!replay) throw;
      throw InvalidInput(e.what());  // the log is not this scenario's and seed's session
    }
    if (replay && !replay->finished())
      throw InvalidInput(fmt::format("--replay {}: the rerun asked {} of the log's {} decisions: not the session's "
                                     "scenario or seed", *options.replay, replay->asked(), replay->size()));
    const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const output::ManifestInfo info = output::manifest_info(*prepared, results, replications, wall);
    if (replications == 1) {
      try {
        output::write_run(out, *prepared, results, info);
      } catch (...) {
        // A complete run or nothing: what was written before the failure (ENOSPC, EIO) goes.
        try {
          output::remove_run_outputs(folder, output::owned_run_outputs(folder));
        } catch (const std::exception&) {
          // The failure being reported matters more; the next run removes the remains.
        }
        throw;
      }
    } else {
      folders.write(*prepared, results, info);
    }
    ordered.add(r, sim::metrics(*prepared, results));
    if (r == 0) first = std::move(results);  // nobody else writes `first`
  };
  if (narrator) {
    try {
      simulate(0);
    } catch (const StepQuit& quit) {
      fmt::print("\n{}; no outputs written.\n", quit.what());
      return;
    }
    if (!options.quiet) fmt::print("\n");
  }
  const std::size_t begin = narrator ? 1 : 0;
  const auto count = static_cast<std::size_t>(replications);
  parallel_for(count - begin, options.threads == 0 ? default_threads() : options.threads,
               [&](std::size_t k) { simulate(begin + k); });

  // The durability point of -r R (output/run_folder.hpp): the last replications committed, then
  // the summary, synced, written last of all.
  folders.finish();
  if (replications > 1) output::write_file_atomically(out / "summary.csv", summary.csv());
  if (plotter) draw_plots(*plotter, out, options.quiet);
  if (options.quiet) return;
  fmt::print("Ran {}\n", output::describe_source(prepared->source()));
  fmt::print("{}", output::terminal_summary(prepared->scenario(), prepared->plan(), *first, prepared->calendar()));
  if (replications > 1) fmt::print("\n{}", summary.terminal(prepared->setup()));
  fmt::print("\nOutputs in {}/\n", out.string());
}

}  // namespace

void add_run_command(CLI::App& app) {
  auto options = std::make_shared<RunOptions>();
  CLI::App* cmd = app.add_subcommand("run", "Simulate the process and write, per replication, timeline.csv, participation.csv, "
                                            "stakeholders.csv, trust_fund.csv, states.csv and manifest.json (attendance.csv on "
                                            "request: outputs.attendance), and when the "
                                            "scenario negotiates dynamics.csv, positions.csv, acceptance.csv, votes.csv and "
                                            "outcome.json, and decisions.csv when delegations are played (the scenario's outputs section "
                                            "can switch some off; docs/outputs.md); "
                                            "with R > 1 one rep-NNNN folder per replication and summary.csv; --plots adds PNGs");
  add_scenario_options(*cmd, options->scenario, kBaselineScenario);
  cmd->add_option("--seed", options->seed, "Random seed, an unsigned 64-bit integer (default: the scenario's run.seed)")->check(seed_validator());
  cmd->add_option("--replications,-r", options->replications, "Replications (default: the scenario's run.replications)");
  cmd->add_option("--out,-o", options->out,
                  "Output folder (default: the scenario's outputs.directory, else results); one holding another "
                  "run's outputs is refused unless --force");
  cmd->add_flag("--force", options->force,
                "Remove another run's outputs from the output folder first (only the files a run writes)");
  cmd->add_option("--threads,-j", options->threads, "Threads for replications (default: every core)");
  cmd->add_flag("--quiet,-q", options->quiet, "Write the outputs without printing the summary");
  cmd->add_flag("--narrate", options->narrate, "Tell the story of the (first) run as it happens, one line per meaningful event");
  cmd->add_flag("--step", options->step, "With --narrate: pause after each line; Enter: next line, r: to the end of the round, q: quit "
                "(reads stdin only from a terminal, a pipe or a file; never waits when stdin is closed or ends)");
  cmd->add_flag("--plots", options->plots,
                "Also draw gantt.png, participation.png and trust_fund.png in the output folder (python3 -m gcmsim.plot; "
                "needs python3-matplotlib and python3-pandas: checked before the run, exit 2 when missing)");
  cmd->add_option("--replay", options->replay,
                  "Replay a classroom session from its decisions.csv: the played seats answer as logged (with the "
                  "session's scenario, --set values and --seed, the outputs are the session's, byte for byte)");
  cmd->callback([options] { run(*options); });
}

}  // namespace gcmsim::cli
