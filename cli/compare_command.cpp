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
#include "engine/parallel.hpp"
#include "experiments/paired_compare.hpp"
#include "models/run/simulate.hpp"
#include "output/atomic_file.hpp"
#include "output/compare.hpp"
#include "output/compare_view.hpp"

namespace gcmsim::cli {
namespace {

namespace fs = std::filesystem;

struct CompareOptions {
  ScenarioOptions scenario;  // the base file; its --set/--override make the what-if
  std::optional<std::uint64_t> seed;
  std::optional<int> replications;
  std::string out = "results-compare";
  unsigned threads = 0;
  bool quiet = false;
};

void compare(const CompareOptions& options) {
  const fs::path out = checked_out_dir(options.out);
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

  const int replications = options.replications.value_or(base->defaults().replications);
  if (replications < 1) throw InvalidInput(fmt::format("--replications must be at least 1, not {}", replications));
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
  output::write_file_atomically(out / "compare.csv", comparison.csv());
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
  cmd->add_option("--seed", options->seed, "Random seed of both sides (default: the base's run.seed)");
  cmd->add_option("--replications,-r", options->replications,
                  "Paired replications (default: the base's run.replications)");
  cmd->add_option("--out,-o", options->out, "Output folder for compare.csv")->capture_default_str();
  cmd->add_option("--threads,-j", options->threads, "Threads (default: every core)");
  cmd->add_flag("--quiet,-q", options->quiet, "Write compare.csv without printing the view");
  cmd->callback([options] { compare(*options); });
}

}  // namespace gcmsim::cli
