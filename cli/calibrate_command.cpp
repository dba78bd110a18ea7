// `gcmsim calibrate FILE`: ABC rejection of a scenario's parameters against observed facts.
#include <cstdio>
#include <memory>

#include <fmt/core.h>

#include "experiments/calibration/calibrate.hpp"
#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "cli/out_dir.hpp"
#include "output/owned_folder.hpp"

namespace gcmsim::cli {
namespace {

struct CalibrateOptions {
  std::string file;
  std::string out = "results/calibration";
  std::optional<int> draws;
  bool quiet = false;
};

void run_calibrate(const CalibrateOptions& o) {
  calibration::CalibrationSpec spec;
  try {
    spec = calibration::read_calibration_spec(o.file);
  } catch (const calibration::SpecError& e) {
    std::string all;
    for (const auto& m : e.messages) all += m + "\n";
    throw InvalidInput(all.substr(0, all.empty() ? 0 : all.size() - 1));
  }
  if (o.draws) spec.abc.draws = *o.draws;
  if (spec.abc.draws < 1) throw InvalidInput("--draws must be at least 1");
  // The output folder is checked, locked and claimed before any draw is simulated.
  output::OwnedFolder folder(checked_out_dir(o.out), output::FolderLock::exclusive, "--out " + o.out);
  folder.claim({"posterior.csv", "fit.csv", "summary.txt"});
  calibration::CalibrationOutcome outcome;
  try {
    outcome = calibration::calibrate(spec, [&](int done) {
      if (!o.quiet && (done % 10 == 0 || done == spec.abc.draws)) std::fprintf(stderr, "\r  %d / %d draws", done, spec.abc.draws);
    });
  } catch (const std::runtime_error& e) {
    throw InvalidInput(e.what());
  }
  if (!o.quiet) std::fprintf(stderr, "\n");
  calibration::write_calibration(o.out, spec, outcome);
  fmt::print("{}", calibration::calibration_summary(spec, outcome));
  fmt::print("\n  wrote {0}/posterior.csv, {0}/fit.csv, {0}/summary.txt\n", o.out);
}

}  // namespace

void add_calibrate_command(CLI::App& app) {
  auto o = std::make_shared<CalibrateOptions>();
  CLI::App* c = app.add_subcommand("calibrate", "Approximate Bayesian computation (rejection) of a scenario's parameters against "
                                                "observed facts: writes posterior.csv, fit.csv and summary.txt");
  c->add_option("file", o->file, "Calibration file (scenario, parameters with priors, targets; e.g. scenarios/history/targets.yaml)")
      ->required();
  c->add_option("--out,-o", o->out, "Output folder")->capture_default_str();
  c->add_option("--draws", o->draws, "Draws from the prior (overrides the file's)");
  c->add_flag("--quiet,-q", o->quiet, "No progress on stderr");
  c->callback([o] { run_calibrate(*o); });
}

}  // namespace gcmsim::cli
