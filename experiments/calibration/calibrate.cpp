#include "experiments/calibration/calibrate.hpp"

#include <cmath>
#include <stdexcept>

#include <fmt/format.h>

#include "engine/statistics.hpp"
#include "models/run/prepared_scenario.hpp"
#include "models/run/simulate.hpp"
#include "output/atomic_file.hpp"

namespace gcmsim::calibration {
namespace {

std::string number(double v) {
  if (std::isnan(v)) return "";
  return fmt::format("{:.6g}", v);
}

double prior_sd(const Prior& p) { return p.kind == Prior::Kind::uniform ? (p.b - p.a) / std::sqrt(12.0) : p.b; }

std::string prior_text(const Prior& p) {
  return p.kind == Prior::Kind::uniform ? fmt::format("uniform({}, {})", p.a, p.b) : fmt::format("normal({}, {})", p.a, p.b);
}

// A posterior whose sd is above this share of the prior's has learnt little from the targets.
constexpr double kUnidentified = 0.8;

}  // namespace

double target_distance(const Target& target, std::optional<double> value) {
  if (!value) return target.missing;
  return std::abs(*value - target.observed) / target.scale;
}

CalibrationOutcome calibrate(const CalibrationSpec& spec, const std::function<void(int)>& progress) {
  const sim::Preparation base = sim::prepare({spec.scenario, spec.overrides, {}});
  if (!base.ok()) throw std::runtime_error(base.error_report());
  std::vector<std::size_t> columns;
  for (const Target& t : spec.targets) {
    const auto at = base.scenario->metric_catalog().find(t.metric);
    if (!at) throw std::runtime_error(fmt::format("{}: target metric '{}' is not in the metric catalogue (gcmsim metrics --list)",
                                                  spec.file, t.metric));
    columns.push_back(*at);
  }
  CalibrationOutcome outcome;
  outcome.simulated.resize(static_cast<std::size_t>(spec.abc.draws));
  int done = 0;
  const auto distance = [&](const std::vector<double>& point, std::uint64_t draw) {
    std::vector<std::string> sets;
    for (std::size_t k = 0; k < point.size(); ++k) sets.push_back(fmt::format("{}={:.17g}", spec.parameters[k].name, point[k]));
    const sim::Preparation p = base.scenario->with({}, sets);
    if (!p.ok()) throw std::runtime_error(p.error_report());
    auto& values = outcome.simulated[draw];
    values.assign(spec.targets.size(), {});
    for (int r = 0; r < spec.replications; ++r) {
      const auto replication = draw * static_cast<std::uint64_t>(spec.replications) + static_cast<std::uint64_t>(r);
      const model::RunResults run = sim::simulate(*p.scenario, sim::default_spec(*p.scenario, replication));
      const sim::RunMetrics m = sim::metrics(*p.scenario, run);
      for (std::size_t t = 0; t < columns.size(); ++t) values[t].push_back(m.values[columns[t]]);
    }
    // Euclidean over targets of each target's mean distance over the replications.
    double total = 0.0;
    for (std::size_t t = 0; t < spec.targets.size(); ++t) {
      double mean = 0.0;
      for (const auto& v : values[t]) mean += target_distance(spec.targets[t], v);
      mean /= static_cast<double>(values[t].size());
      total += mean * mean;
    }
    if (progress) progress(++done);
    return std::sqrt(total);
  };
  outcome.abc = abc_rejection(spec.parameters, spec.abc, distance);
  return outcome;
}

std::string calibration_summary(const CalibrationSpec& spec, const CalibrationOutcome& outcome) {
  std::string out = fmt::format("Calibration {}\n  scenario {}{}\n  ABC rejection: {} draws x {} replications, {} accepted "
                                "(closest {:.1f}%), tolerance {:.4g}\n\n",
                                spec.file, spec.scenario, spec.overrides.empty() ? "" : fmt::format(" + {}", fmt::join(spec.overrides, " + ")),
                                spec.abc.draws, spec.replications, outcome.abc.accepted, 100.0 * spec.abc.accept_share,
                                outcome.abc.tolerance);
  out += fmt::format("  {:<48} {:>22} {:>9} {:>9} {:>9} {:>9} {:>9} {:>9}\n", "parameter", "prior", "mean", "sd", "q05", "q50", "q95",
                     "sd/prior");
  std::vector<std::string> unidentified;
  for (std::size_t k = 0; k < spec.parameters.size(); ++k) {
    const Posterior p = summarise(outcome.abc, k);
    const double ratio = p.sd / prior_sd(spec.parameters[k]);
    out += fmt::format("  {:<48} {:>22} {:>9.4g} {:>9.4g} {:>9.4g} {:>9.4g} {:>9.4g} {:>9.2f}\n", spec.parameters[k].name,
                       prior_text(spec.parameters[k]), p.mean, p.sd, p.q05, p.q50, p.q95, ratio);
    if (ratio > kUnidentified) unidentified.push_back(spec.parameters[k].name);
  }
  // A posterior nearly as wide as its prior: the targets do not identify the parameter.
  if (!unidentified.empty())
    out += fmt::format("\n  unidentified by these targets (posterior sd above {:.0f}% of the prior's): {}\n", 100.0 * kUnidentified,
                       fmt::join(unidentified, ", "));
  return out;
}

void write_calibration(const std::filesystem::path& dir, const CalibrationSpec& spec, const CalibrationOutcome& outcome) {
  std::filesystem::create_directories(dir);
  std::string posterior = "draw,accepted,distance";
  for (const Prior& p : spec.parameters) posterior += fmt::format(",{}", p.name);
  for (const Target& t : spec.targets) posterior += fmt::format(",sim_mean.{}", t.metric);
  posterior += "\n";
  for (std::size_t i = 0; i < outcome.abc.draws.size(); ++i) {
    const AbcDraw& d = outcome.abc.draws[i];
    posterior += fmt::format("{},{},{}", i, d.accepted ? "true" : "false", number(d.distance));
    for (double v : d.point) posterior += fmt::format(",{}", number(v));
    for (const auto& values : outcome.simulated[i]) {
      double sum = 0.0;
      int n = 0;
      for (const auto& v : values)
        if (v) sum += *v, ++n;
      posterior += fmt::format(",{}", n > 0 ? number(sum / n) : std::string());
    }
    posterior += "\n";
  }
  output::write_file_atomically(dir / "posterior.csv", posterior);

  // fit.csv: each target against the runs of the accepted draws (posterior predictive) and of all
  // draws (prior predictive).
  std::string fit = "metric,observed,source,runs,missing_share,post_mean,post_q05,post_q50,post_q95,prior_mean,mean_distance\n";
  for (std::size_t t = 0; t < spec.targets.size(); ++t) {
    std::vector<double> post, prior;
    int runs = 0, missing = 0;
    double distance = 0.0;
    for (std::size_t i = 0; i < outcome.abc.draws.size(); ++i) {
      for (const auto& v : outcome.simulated[i][t]) {
        if (v) prior.push_back(*v);
        if (!outcome.abc.draws[i].accepted) continue;
        ++runs;
        distance += target_distance(spec.targets[t], v);
        if (v) post.push_back(*v);
        else ++missing;
      }
    }
    auto mean = [](const std::vector<double>& v) {
      double s = 0.0;
      for (double x : v) s += x;
      return v.empty() ? std::nan("") : s / static_cast<double>(v.size());
    };
    std::string source = spec.targets[t].source;
    for (char& c : source)
      if (c == '"') c = '\'';
    fit += fmt::format("{},{},\"{}\",{},{},{},{},{},{},{},{}\n", spec.targets[t].metric, number(spec.targets[t].observed), source, runs,
                       runs > 0 ? number(static_cast<double>(missing) / runs) : "", number(mean(post)), number(sample_quantile(post, 0.05)),
                       number(sample_quantile(post, 0.5)), number(sample_quantile(post, 0.95)), number(mean(prior)),
                       runs > 0 ? number(distance / runs) : "");
  }
  output::write_file_atomically(dir / "fit.csv", fit);
  output::write_file_atomically(dir / "summary.txt", calibration_summary(spec, outcome));
}

}  // namespace gcmsim::calibration
