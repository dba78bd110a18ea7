// `gcmsim backtest [HOLDOUT]`: the history replay at the shipped parameters, scored out of sample
// against the facts after the cutoff (scenarios/history/holdout.yaml; docs/validation.md).
#include <cstdio>
#include <memory>
#include <optional>

#include <fmt/core.h>

#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "cli/out_dir.hpp"
#include "cli/scenario_data.hpp"
#include "experiments/backtest/backtest.hpp"
#include "output/owned_folder.hpp"

namespace gcmsim::cli {
namespace {

struct BacktestOptions {
  std::string file = "scenarios/history/holdout.yaml";
  std::vector<std::string> overrides;
  std::optional<int> replications;
  std::string out = "results/backtest";
  bool quiet = false;
};

void run_backtest(const BacktestOptions& o) {
  backtest::HoldOut holdout;
  try {
    holdout = backtest::read_holdout(resolve_scenario_file(o.file));
  } catch (const backtest::HoldOutError& e) {
    std::string all;
    for (const auto& m : e.messages) all += (all.empty() ? "" : "\n") + m;
    throw InvalidInput(all);
  }
  if (o.replications && *o.replications < 1) throw InvalidInput(fmt::format("-r/--replications must be at least 1, found {}", *o.replications));
  const auto dir = checked_out_dir(o.out);
  // As calibrate: the folder is locked and its names claimed before any run, so a folder holding
  // files gcmsim did not write there (a run's, a user's) is refused, exit 2, and nothing is replaced.
  output::OwnedFolder folder(dir, output::FolderLock::exclusive, "--out " + o.out);
  folder.claim({"backtest.csv", "backtest_states.csv", "summary.txt"});
  std::vector<std::string> overrides;
  for (const auto& f : o.overrides) overrides.push_back(resolve_scenario_file(f));
  backtest::BacktestResult result;
  const int total = o.replications.value_or(holdout.replications);
  try {
    result = backtest::run_backtest(holdout, overrides, o.replications, [&](int done) {
      if (!o.quiet) std::fprintf(stderr, "\r  %d / %d runs", done, total);
    });
  } catch (const std::runtime_error& e) {
    throw ScenarioInvalid(e.what());
  }
  if (!o.quiet) std::fprintf(stderr, "\n");
  backtest::write_backtest(dir, holdout, result);
  fmt::print("{}", backtest::backtest_summary(holdout, result));
  fmt::print("\n  wrote {0}/backtest.csv, {0}/backtest_states.csv, {0}/summary.txt\n", dir.string());
}

}  // namespace

void add_backtest_command(CLI::App& app) {
  auto o = std::make_shared<BacktestOptions>();
  CLI::App* c = app.add_subcommand("backtest", "Out-of-sample skill: the history replay at the shipped parameters against the facts "
                                               "after the cutoff (the conference count, the General Assembly's vote, the departures "
                                               "of 2018); writes backtest.csv, backtest_states.csv and summary.txt");
  c->add_option("holdout", o->file, "Hold-out file (facts after the cutoff; the scenario and overrides to replay)")->capture_default_str();
  c->add_option("--override", o->overrides, "Override file applied on top of the hold-out's scenario and overrides (repeatable)");
  c->add_option("--replications,-r", o->replications, "Runs (replications 0..R-1 of the scenario's seed; default: the file's, 30)");
  c->add_option("--out,-o", o->out, "Output folder")->capture_default_str();
  c->add_flag("--quiet,-q", o->quiet, "No progress on stderr");
  c->callback([o] { run_backtest(*o); });
}

}  // namespace gcmsim::cli
