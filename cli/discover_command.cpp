// `gcmsim discover DIR --where 'conference_adopt < 150'`: PRIM scenario discovery on a finished
// sweep (experiments/prim.hpp): which box of the parameters holds the runs the condition holds for,
// with the coverage-density trade-off of the peeling and each limit's significance.
#include <cmath>
#include <memory>

#include <fmt/format.h>

#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "experiments/discover.hpp"

namespace gcmsim::cli {
namespace {

namespace ex = experiments;

struct DiscoverArgs {
  std::string dir;
  std::string where;
  ex::PrimOptions options;
  bool trajectory = false;
};

// A quasi-p-value too small for a double underflows to 0: said as such, not as a probability of 0.
std::string qp_text(bool restricted, double qp) {
  if (!restricted) return "-";
  return qp == 0 ? std::string("<1e-300") : fmt::format("{:.2g}", qp);
}

void print(const ex::Discovery& d, const DiscoverArgs& a) {
  const ex::PrimResult& r = d.result;
  fmt::print("discover {}: {} {} {} in {} of {} runs ({:.1f}%){}\n", a.dir, d.condition.column, d.condition.op, d.condition.value,
             r.cases, r.runs, 100.0 * static_cast<double>(r.cases) / static_cast<double>(r.runs),
             d.skipped > 0 ? fmt::format("; {} runs without a value left out", d.skipped) : std::string());
  fmt::print("\npeeling (alpha {}, down to {:.0f}% of the runs): the coverage-density trade-off\n", a.options.alpha,
             100 * a.options.min_support);
  fmt::print("  {:>4}  {:>8}  {:>7}  {:>7}  {:>10}\n", "box", "coverage", "density", "support", "restricted");
  const std::size_t n = r.trajectory.size();
  const std::size_t every = a.trajectory || n <= 16 ? 1 : (n + 11) / 12;
  for (std::size_t t = 0; t < n; ++t) {
    if (t % every != 0 && t != n - 1 && t != r.chosen) continue;
    const ex::PrimBox& b = r.trajectory[t];
    fmt::print("  {:>4}  {:>8.3f}  {:>7.3f}  {:>7.3f}  {:>10}{}\n", t, b.coverage, b.density, b.support, b.restricted(),
               t == r.chosen ? "  <- chosen" : "");
  }
  const ex::PrimBox& b = r.box;
  fmt::print("\nbox {} (the densest covering at least {:.0f}% of the cases), pasted: coverage {:.3f} ({} of {} cases), "
             "density {:.3f} ({} of {} runs in the box)\n",
             r.chosen, 100 * a.options.min_coverage, b.coverage, b.cases, r.cases, b.density, b.cases, b.runs);
  fmt::print("  {:<28} {:>12} {:>12}   {:>9} {:>9}\n", "parameter", "low", "high", "qp low", "qp high");
  for (std::size_t i = 0; i < d.parameters.size(); ++i) {
    const ex::PrimLimit& l = b.limits[i];
    if (!l.restricted_low && !l.restricted_high) continue;
    fmt::print("  {:<28} {:>12.6g} {:>12.6g}   {:>9} {:>9}\n", d.parameters[i], l.low, l.high, qp_text(l.restricted_low, l.qp_low),
               qp_text(l.restricted_high, l.qp_high));
  }
  if (b.restricted() == 0) fmt::print("  (no parameter restricted: no box is denser than the whole space)\n");
  fmt::print("qp: the binomial probability of the box's density if that limit were dropped (Bryant and Lempert 2010); "
             "above 0.05, the limit is not significant\n");
}

void run(const DiscoverArgs& a) {
  ex::Discovery d;
  try {
    d = ex::discover(a.dir, a.where, a.options);
  } catch (const ex::ConditionInvalid& e) {
    throw ScenarioInvalid(fmt::format("--where:1:{}: error: {}\n  {}\n  {}^", e.column, e.what(), a.where,
                                   std::string(static_cast<std::size_t>(e.column - 1), ' ')));
  } catch (const std::invalid_argument& e) {
    throw InvalidInput(e.what());
  } catch (const std::runtime_error& e) {
    throw InvalidInput(e.what());
  }
  print(d, a);
}

}  // namespace

void add_discover_command(CLI::App& app) {
  auto args = std::make_shared<DiscoverArgs>();
  CLI::App* cmd = app.add_subcommand(
      "discover", "Scenario discovery (PRIM, Friedman and Fisher 1999) on a finished sweep: the box of parameters that holds the "
                  "runs meeting a condition, with the coverage-density trade-off and each limit's significance. See "
                  "docs/experiments.md");
  cmd->add_option("dir", args->dir, "The sweep's results folder (with runs.csv)")->required();
  cmd->add_option("--where", args->where, "The outcome of interest: METRIC OP NUMBER, OP one of < <= > >= == != (e.g. "
                                          "'conference_adopt < 150')")
      ->required();
  cmd->add_option("--alpha", args->options.alpha, "Share of the box's runs peeled (and pasted) at a step")
      ->check(CLI::Range(0.01, 0.5))->capture_default_str();
  cmd->add_option("--min-support", args->options.min_support, "Stop peeling below this share of the runs in the box")
      ->check(CLI::Range(0.0, 1.0))->capture_default_str();
  cmd->add_option("--coverage", args->options.min_coverage, "The box chosen: the densest covering at least this share of the cases")
      ->check(CLI::Range(0.0, 1.0))->capture_default_str();
  cmd->add_flag("--trajectory", args->trajectory, "Print every box of the peeling, not a dozen");
  cmd->callback([args] { run(*args); });
}

}  // namespace gcmsim::cli
