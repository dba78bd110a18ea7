// `gcmsim compare [BASE] --override F | --set K=V ...`: the what-if against its baseline on common
// random numbers (output/compare.hpp says what that means and what breaks it), as paired
// differences with 95% intervals: compare.csv and a one-screen view of what moved and why.
#include <filesystem>
#include <memory>
#include <optional>

#include <fmt/core.h>

#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "cli/out_dir.hpp"
#include "cli/scenario_options.hpp"
#include "cli/seed_option.hpp"
#include "cli/warnings.hpp"
#include "engine/parallel.hpp"
#include "experiments/paired_compare.hpp"
#include "models/run/simulate.hpp"
#include "output/atomic_file.hpp"
#include "output/compare.hpp"
#include "output/compare_view.hpp"
#include "output/owned_folder.hpp"

namespace gcmsim::cli {
namespace {

namespace fs = std::filesystem;

// Paired replications by default: enough for a Student t interval of the difference that a
// planner can read (t at 19 degrees of freedom is 2.09, within 7 % of the normal's 1.96).
constexpr int kDefaultPairs = 20;
// Below this many pairs the interval rests on few differences (t at 8 degrees of freedom is 2.31,
// 18 % wider than the normal's) and a rare outcome (an OP29 consultation, a departure) is easily
// missed: compare warns.
constexpr int kPairsForInterval = 10;

struct CompareOptions {
  ScenarioOptions scenario;  // the base file; its --set/--override make the what-if
  std::optional<std::uint64_t> seed;
  std::optional<int> replications;
  std::string out = "results-compare";
  unsigned threads = 0;
  bool quiet = false;
};

void compare(const CompareOptions& options) {
  // Checked, locked and claimed before anything is simulated; a compare.csv gcmsim did not write
  // is never replaced.
  output::OwnedFolder folder(checked_out_dir(options.out), output::FolderLock::exclusive, "--out " + options.out);
  folder.claim({"compare.csv"});
  const fs::path& out = folder.path();
  // The base alone, then the what-if derived from it in memory: the base file is read once.
  ScenarioOptions base_options = options.scenario;
  base_options.sets.clear();
  base_options.shifts.clear();
  base_options.scales.clear();
  base_options.overrides.clear();
  const std::shared_ptr<const sim::PreparedScenario> base = prepare_checked(base_options);
  const sim::Preparation derived =
      experiments::derive_whatif(*base, options.scenario.overrides, options.scenario.operations());
  if (!derived.ok()) throw_scenario_invalid(derived, options.scenario.file);
  const std::shared_ptr<const sim::PreparedScenario> whatif = derived.scenario;

  const int replications = options.replications.value_or(kDefaultPairs);
  if (replications < 1) throw InvalidInput(fmt::format("--replications must be at least 1, not {}", replications));
  if (replications < kPairsForInterval) {
    print_warning(fmt::format("-r {}: {} paired replications are fewer than the {} an interval needs to be read; the "
                              "differences below are {}(compare defaults to {})", replications, replications, kPairsForInterval,
                              replications < 2 ? "single runs with no interval at all " : "shown with wide intervals ",
                              kDefaultPairs));
  }
  const std::uint64_t seed = options.seed.value_or(base->defaults().seed);

  std::optional<model::RunResults> base_first, whatif_first;
  experiments::PairedCompare run(base, whatif, seed, static_cast<std::size_t>(replications),
                                 [&](std::size_t r, const model::RunResults& b, const model::RunResults& w) {
                                   if (r == 0) {  // nobody else writes these
                                     base_first = b;
                                     whatif_first = w;
                                   }
                                 });
  parallel_for(static_cast<std::size_t>(replications), options.threads == 0 ? default_threads() : options.threads,
               [&](std::size_t r) { run.run_pair(r); });
  const output::PairedComparison& comparison = run.comparison();
  output::write_file_atomically(out / "compare.csv", comparison.csv(base->calendar().epoch(), whatif->calendar().epoch()));
  if (options.quiet) return;
  fmt::print("{}", output::compare_view({*base, *whatif, *base_first, *whatif_first}, comparison, seed));
  fmt::print("\nEvery metric with its paired difference and interval: {}\n", (out / "compare.csv").string());
}

}  // namespace

void add_compare_command(CLI::App& app) {
  auto options = std::make_shared<CompareOptions>();
  CLI::App* cmd = app.add_subcommand(
      "compare",
      "Run BASE and the what-if its --override/--set make on the same random numbers (replication k of both "
      "uses the same streams) and report paired differences with 95% intervals: compare.csv and what moved");
  add_scenario_options(*cmd, options->scenario, kBaselineScenario);
  cmd->add_option("--seed", options->seed, "Random seed of both sides, an unsigned 64-bit integer (default: the base's run.seed)")
      ->check(seed_validator());
  cmd->add_option("--replications,-r", options->replications,
                  fmt::format("Paired replications (default {}; fewer than {} gives a warning: too few for an interval)",
                              kDefaultPairs, kPairsForInterval));
  cmd->add_option("--out,-o", options->out, "Output folder for compare.csv")->capture_default_str();
  cmd->add_option("--threads,-j", options->threads, "Threads (default: every core)");
  cmd->add_flag("--quiet,-q", options->quiet, "Write compare.csv without printing the view");
  cmd->callback([options] { compare(*options); });
}

}  // namespace gcmsim::cli
