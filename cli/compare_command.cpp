// `gcmsim compare [BASE] --override F | --set K=V ...`: the what-if against its baseline on common
// random numbers (output/compare.hpp says what that means and what breaks it), as paired
// differences with 95% intervals: compare.csv and a one-screen view of what moved and why.
#include <array>
#include <cerrno>
#include <cstdlib>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <fmt/core.h>

#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "cli/out_dir.hpp"
#include "cli/plots.hpp"
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
#include "output/participation_csv.hpp"
#include "output/timeline_csv.hpp"
#include "output/trust_fund_csv.hpp"

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
  bool plots = false;
};

// What the figures of --plots read of each side's replication: the tables `python3 -m gcmsim.plot`
// reads of a run folder.
constexpr std::array<const char*, 3> kPlotTables = {"timeline", "participation", "trust_fund"};
using PlotTables = std::array<std::string, kPlotTables.size()>;

PlotTables plot_tables(const sim::PreparedScenario& p, const model::RunResults& r) {
  return {output::timeline_csv(p.scenario(), p.plan(), r, p.calendar()),
          output::participation_csv(p.scenario(), r, p.calendar()),
          output::trust_fund_csv(p.scenario(), r, p.calendar())};
}

// A folder of our own under the system's temporary folder for the figures' input, removed when
// done: the compare's folder gets compare.csv and the figures, nothing else.
class ScratchFolder {
 public:
  ScratchFolder() {
    std::string pattern = (fs::temp_directory_path() / "gcmsim-compare-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) {
      throw std::runtime_error(fmt::format("--plots: cannot create a temporary folder {}: {}", pattern, std::strerror(errno)));
    }
    path_ = pattern;
  }
  ~ScratchFolder() {
    std::error_code ec;
    fs::remove_all(path_, ec);  // made by mkdtemp above: nobody else's
  }
  ScratchFolder(const ScratchFolder&) = delete;
  ScratchFolder& operator=(const ScratchFolder&) = delete;
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

// One side's replications as the folders of a `gcmsim run -r R` (rep-NNNN/<table>.csv).
fs::path write_side(const fs::path& scratch, const char* side, const std::vector<PlotTables>& tables) {
  const fs::path dir = scratch / side;
  for (std::size_t r = 0; r < tables.size(); ++r) {
    const fs::path rep = dir / fmt::format("rep-{:04}", r);
    fs::create_directories(rep);
    for (std::size_t t = 0; t < kPlotTables.size(); ++t) {
      output::write_file_atomically(rep / fmt::format("{}.csv", kPlotTables[t]), tables[r][t]);
    }
  }
  return dir;
}

void compare(const CompareOptions& options) {
  // Checked, locked and claimed before anything is simulated; a compare.csv gcmsim did not write
  // is never replaced.
  // The plotter is checked before anything is simulated: a missing matplotlib is said at once.
  const std::optional<Plotter> plotter = options.plots ? std::optional(find_plotter()) : std::nullopt;
  output::OwnedFolder folder(checked_out_dir(options.out), output::FolderLock::exclusive, "--out " + options.out);
  std::vector<std::string> outputs{"compare.csv"};
  if (options.plots) outputs.insert(outputs.end(), std::begin(kComparePlots), std::end(kComparePlots));
  folder.claim(outputs);
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
  print_warnings(*whatif);  // the what-if's (its rules are checked on the whole merged scenario)

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
  std::vector<PlotTables> base_tables(options.plots ? static_cast<std::size_t>(replications) : 0);
  std::vector<PlotTables> whatif_tables(base_tables.size());
  experiments::PairedCompare run(base, whatif, seed, static_cast<std::size_t>(replications),
                                 [&](std::size_t r, const model::RunResults& b, const model::RunResults& w) {
                                   if (r == 0) {  // nobody else writes these
                                     base_first = b;
                                     whatif_first = w;
                                   }
                                   if (options.plots) {  // each pair its own slot
                                     base_tables[r] = plot_tables(*base, b);
                                     whatif_tables[r] = plot_tables(*whatif, w);
                                   }
                                 });
  parallel_for(static_cast<std::size_t>(replications), options.threads == 0 ? default_threads() : options.threads,
               [&](std::size_t r) { run.run_pair(r); });
  const output::PairedComparison& comparison = run.comparison();
  output::write_file_atomically(out / "compare.csv", comparison.csv(base->calendar().epoch(), whatif->calendar().epoch()));
  if (!options.quiet) {
    fmt::print("{}", output::compare_view({*base, *whatif, *base_first, *whatif_first}, comparison, seed));
    fmt::print("\nEvery metric with its paired difference and interval: {}\n", (out / "compare.csv").string());
  }
  if (plotter) {
    const ScratchFolder scratch;
    if (!options.quiet) fmt::print("Figures:\n");
    std::fflush(stdout);  // before the plotter's own lines
    draw_compare_plots(*plotter, out, write_side(scratch.path(), "base", base_tables),
                       write_side(scratch.path(), "whatif", whatif_tables), options.quiet);
  }
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
  cmd->add_flag("--plots", options->plots,
                "Also draw compare_gantt.png, compare_differences.png, compare_participation.png and "
                "compare_trust_fund.png (python3 -m gcmsim.compare_plot: matplotlib and pandas)");
  cmd->callback([options] { compare(*options); });
}

}  // namespace gcmsim::cli
